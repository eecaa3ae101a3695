"""Tables at 80 columns (SPEC §4): short values never wrap, long text gives way first; column
names agree across commands; places are shown by name in tables, by code in json/csv."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caseledger.commands.helptext import text_width
from caseledger.commands.output import fit_widths, plain_table, rich_table
from ledger.catalog import MESSAGES

DEMO = Path(__file__).resolve().parent.parent / "data"
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

READERS = [
    ("issue", "list", "--status", "all"),
    ("report", "overdue", "--as-of", "2026-11-20"),
    ("report", "cadres", "2026-Q3"),
    ("report", "month", "2026-10"),
    ("visit", "list"),
    ("cadre", "list"),
    ("village", "list"),
    ("pairing", "list"),
    ("aid", "list"),
    ("report", "alerts", "--as-of", "2026-11-20"),
    ("report", "notice", "--village", "huaxi", "--as-of", "2026-11-20"),
    ("issue", "log", "12"),
    ("report", "aid", "2026-Q3"),
    ("report", "bulletin", "2026-Q3"),
    ("township", "list"),
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from conftest import Run

    root = tmp_path_factory.mktemp("demo") / "data"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns(".caseledger"))
    return Run(root)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("args", READERS, ids=" ".join)
def test_tables_fit_80_columns_and_short_values_stay_whole(demo, monkeypatch, lang, args) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = demo("--lang", lang, *args)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines
    table = [line for line in lines if line and line[0] in "┏┃┡│└"]
    assert table
    for line in lines:
        assert text_width(line) <= 80, line
    cells = [cell.strip() for line in table if line[0] in "│┃" for cell in line[1:-1].split(line[0])]
    for cell in cells:  # a date is whole on its line (2026-12-26, never 2026-12- then 26)
        if re.search(r"\b20\d\d-", cell):
            assert DATE.search(cell), cell
    assert "村（社区" not in cells  # a header is never cut before its closing bracket


def test_places_are_shown_by_name_in_tables_and_by_code_in_json(demo, monkeypatch) -> None:
    import json

    monkeypatch.setenv("COLUMNS", "80")
    table = demo("--lang", "zh", "report", "overdue", "--as-of", "2026-11-20").stdout
    assert "上腊坝村" in table and "shanglaba" not in table
    rows = json.loads(demo("report", "overdue", "--as-of", "2026-11-20", "-f", "json").stdout)
    assert {"shanglaba", "tonghongdian"} <= {v for row in rows for v in (row["village"], row["township"])}
    csv = demo("issue", "list", "--status", "all", "-f", "csv").stdout
    assert "shanglaba" in csv and "上腊坝村" not in csv


def test_a_wide_terminal_keeps_every_column(demo, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    table = demo("--lang", "zh", "report", "overdue", "--as-of", "2026-11-20").stdout
    for header in ("乡镇", "层级", "受理日期"):
        assert header in table
    monkeypatch.setenv("COLUMNS", "80")
    narrow = demo("--lang", "zh", "report", "overdue", "--as-of", "2026-11-20").stdout
    assert "受理日期" not in narrow and "超期天数" in narrow and "标题" in narrow


# -- the layout itself ----------------------------------------------------------------------------


def test_long_text_gives_way_before_short_values() -> None:
    # number, title, village, date, owner at 60 columns: the date and the number keep theirs
    widths = fit_widths([3, 40, 8, 10, 20], 60, [3, 40, 8, 10, 20])
    assert widths is not None
    assert widths[0] == 3 and widths[2] == 8 and widths[3] == 10
    assert widths[1] < 40 and sum(widths) + 3 * 5 + 1 <= 60
    assert fit_widths([3, 10, 8], 80) is None  # fits: left alone


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(1, 40), min_size=1, max_size=9),
    st.integers(20, 140),
)
def test_fitted_widths_fit_and_never_cut_a_short_value(natural, width) -> None:
    least = [max(1, n // 2) for n in natural]
    widths = fit_widths(natural, width, least)
    if widths is not None:
        assert sum(widths) + 3 * len(widths) + 1 <= width
        for size, got, low in zip(natural, widths, least, strict=True):
            assert got <= size
            if size <= 12:
                assert got >= low


CELLS = st.lists(
    st.sampled_from(
        ["青龙镇", "大坡村", "2026-12-26", "bangdong", "x", "实际困难", "路灯 坏了", "村（社区）"]
    ),
    max_size=5,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_the_plain_table_is_rich_byte_for_byte_with_fitted_widths(data) -> None:
    from rich.cells import cell_len

    n = data.draw(st.integers(1, 6))
    headers = data.draw(st.lists(CELLS.map(str.strip), min_size=n, max_size=n))
    body = data.draw(st.lists(st.lists(CELLS.map(str.strip), min_size=n, max_size=n), min_size=1, max_size=5))
    width = data.draw(st.integers(30, 100))
    aligns = ["left"] * n
    natural = [max(cell_len(c) for c in column) for column in zip(headers, *body, strict=True)]
    least = [max(cell_len(c) for c in column) for column in zip(*body, strict=True)]
    least = [max(low, 1) for low in least]
    widths = fit_widths(natural, width, least)
    text = plain_table(headers, aligns, body, None, width, widths)
    if text is not None:
        buffer = io.StringIO()
        rich_table(headers, aligns, body, None, widths, file=buffer, width=width, force_terminal=False)
        assert text == buffer.getvalue()


# -- one word per column across commands ----------------------------------------------------------


@pytest.mark.parametrize("english", ["Title", "Level", "Owner", "Unit", "Village", "Township", "Deadline"])
def test_a_column_has_one_chinese_name_everywhere(english: str) -> None:
    chinese = {
        zh for key, (en, zh) in MESSAGES.items() if key.startswith(("col.", "report.col.")) and en == english
    }
    assert len(chinese) == 1, chinese


def test_an_event_time_stays_on_one_line(demo, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = demo("--lang", "zh", "issue", "log", "12")
    assert result.exit_code == 0, result.stderr
    assert re.search(r"│ 2026-07-22T\d\d:\d\d:\d\d\+08:00 │", result.stdout), result.stdout
    assert all(text_width(line) <= 80 for line in result.stdout.splitlines())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_columns_a_narrow_terminal_leaves_out_are_named_on_stderr(demo, monkeypatch, lang) -> None:
    """Nothing is dropped silently: the 80-column table's missing columns are named on stderr
    (with the width), each a header of the wide table; a wide terminal says nothing."""
    monkeypatch.setenv("COLUMNS", "200")
    wide = demo("--lang", lang, "report", "cadres", "2026-Q3")
    assert wide.exit_code == 0 and wide.stderr == ""
    monkeypatch.setenv("COLUMNS", "80")
    narrow = demo("--lang", lang, "report", "cadres", "2026-Q3")
    assert narrow.exit_code == 0

    def columns(out: str) -> int:
        return next(line for line in out.splitlines() if line.startswith("┃")).count("┃") - 1

    headers = [h.strip() for h in next(x for x in wide.stdout.splitlines() if x.startswith("┃")).split("┃")]
    note = "".join(narrow.stderr.splitlines())
    assert "80" in note
    named = note.split("：" if lang == "zh" else ": ", 1)[1].split("；" if lang == "zh" else "; ")[0]
    named_columns = named.split("、" if lang == "zh" else ", ")
    assert named_columns and all(name in headers for name in named_columns)
    assert columns(narrow.stdout) + len(named_columns) == columns(wide.stdout)


def test_the_notice_board_always_shows_the_spec_columns(demo, monkeypatch) -> None:
    """SPEC §6: number, title, category, level, owner, deadline and status, even at 80 columns."""
    monkeypatch.setenv("COLUMNS", "80")
    result = demo("--lang", "zh", "report", "notice", "--village", "huaxi", "--as-of", "2026-11-20")
    heading = " ".join(result.stdout.splitlines()[1:4])
    for header in ("编号", "标题", "类别", "层级", "负责人", "办结时限", "状态"):
        assert header in heading

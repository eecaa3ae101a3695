"""The table layer: tables written without rich are byte for byte what rich prints."""

from __future__ import annotations

import io
import sys
from datetime import UTC, timedelta, timezone
from enum import StrEnum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caseledger.commands import output
from caseledger.commands.output import plain_table, rich_table


def rich_text(headers, aligns, body, title, width: int) -> str:
    """What `rich_table` prints into a `width`-wide pipe."""
    buffer = io.StringIO()
    rich_table(headers, aligns, body, title, file=buffer, width=width, force_terminal=False)
    return buffer.getvalue()


# Letters that rich measures differently: ASCII, CJK and fullwidth (2 cells), combining marks
# and variation selectors (0 cells), emoji; then what the plain writer leaves to rich: markup,
# emoji codes, control and format characters, tabs, newlines and odd spaces.
_PLAIN = [
    *"abcXYZ019 -'\".,;/#&*!|>{}%@`~:",
    *"大坡村青龙镇白水乡县水务局（）、：ｱＡ１",
    "e\u0301",
    "\u2764\ufe0f",
    "🌾",
]
_DECLINED = [
    ":smile:",
    ":not_an_emoji:",
    "[bold]",
    "[",
    "]",
    "\\",
    "\t",
    "\n",
    "\u3000",
    "\xa0",
    "\u200b",
    "\x1b",
]
cells = st.lists(st.sampled_from(_PLAIN + _DECLINED), max_size=12).map("".join)
plain_cells = st.lists(st.sampled_from(_PLAIN), max_size=10).map("".join).map(str.strip)


@st.composite
def tables(draw, cell=cells):
    n = draw(st.integers(1, 5))
    headers = draw(st.lists(cell, min_size=n, max_size=n))
    aligns = draw(st.lists(st.sampled_from(["left", "right"]), min_size=n, max_size=n))
    body = draw(st.lists(st.lists(cell, min_size=n, max_size=n), max_size=6))
    title = draw(st.none() | cell)
    width = draw(st.integers(10, 140))
    return headers, aligns, body, title, width


def same_as_rich_or_declined(table) -> None:
    """`plain_table` prints what rich prints, or leaves the table to rich (None)."""
    text = plain_table(*table)
    if text is not None:
        assert text == rich_text(*table)


@settings(max_examples=400, deadline=None)
@given(tables())
def test_plain_table_is_rich_table_or_declines(table) -> None:
    same_as_rich_or_declined(table)


def test_a_table_of_no_columns_is_rich_tables() -> None:
    """Every column left out (all optional, the screen too narrow): left to rich."""
    table = ([], [], [(), ()], None, 80)
    assert plain_table(*table) is None
    assert rich_text(*table) == "\n"


# Words of Chinese and ASCII joined by spaces, long enough to be folded and wrapped.
words = st.sampled_from(["青龙镇", "大坡村", "路灯", "x", "abcdefghij", "１２３", "水"])
wordy_cells = st.lists(words, max_size=8).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(tables(cell=wordy_cells))
def test_folded_tables_are_rich_tables(table) -> None:
    same_as_rich_or_declined(table)


@pytest.mark.parametrize(
    ("body", "title", "width"),
    [
        ([["a", "b" * 100]], None, 80),  # a long word folded
        ([["a", "b"]], "t" * 12, 80),  # a title wider than the table (11) is wrapped
        ([["青龙镇大坡村", ("路灯 坏了 三个 月 没人 修 " * 4).strip()]] * 3, "标题 " * 29 + "标题", 40),
        ([["1", "x" * 30], ["2", "y"]], None, 20),
    ],
)
def test_tables_wider_than_the_console_are_folded_as_rich_folds_them(body, title, width) -> None:
    text = plain_table(["h1", "h2"], ["right", "left"], body, title, width)
    assert text is not None
    assert text == rich_text(["h1", "h2"], ["right", "left"], body, title, width)


def test_a_big_folded_table_is_written_without_rich() -> None:
    """20,000 rows (`issue list` at 100,000 issues) fold like the first 50 (rich took ~30 s)."""
    body = [[f"{n:05d}", f"路灯损坏 第{n:05d}号 请尽快 维修", "t01-v02", "2025-10-18"] for n in range(20_000)]
    text = plain_table(
        ["No.", "Title", "Village", "Received"], ["right", "left", "left", "left"], body, None, 50
    )
    small = plain_table(
        ["No.", "Title", "Village", "Received"], ["right", "left", "left", "left"], body[:50], None, 50
    )
    assert text is not None and small is not None
    assert small == rich_text(
        ["No.", "Title", "Village", "Received"], ["right", "left", "left", "left"], body[:50], None, 50
    )
    assert text.splitlines()[: len(small.splitlines()) - 1] == small.splitlines()[:-1]


@settings(max_examples=300, deadline=None)
@given(tables(cell=plain_cells))
def test_plain_table_with_plain_cells(table) -> None:
    same_as_rich_or_declined(table)


def test_plain_table_takes_the_everyday_tables() -> None:
    headers = ["Field", "Value"]
    body = [["Number", "7"], ["Title", "土地流转纠纷（7号）"], ["Private", "no"], ["Owner", ""]]
    for title in (None, "大坡村: 2025-06", "x" * 33):  # 33: as wide as the table
        for aligns in (["left", "left"], ["left", "right"]):
            text = plain_table(headers, aligns, body, title, 80)
            assert text is not None and text == rich_text(headers, aligns, body, title, 80)
    times = [["2025-06-01T09:00:00+08:00", "opened :smile", "x:y"]]  # colons, but no emoji code
    text = plain_table(["at", "action", "x"], ["left"] * 3, times, None, 80)
    assert text is not None and text == rich_text(["at", "action", "x"], ["left"] * 3, times, None, 80)
    assert plain_table(["x"], ["left"], [["a:b:c"]], None, 80) is None  # rich prints a🅱c


@pytest.mark.parametrize(
    ("body", "title", "width"),
    [
        ([["a", ":smile:"]], None, 80),  # an emoji code
        ([["a", "[bold]x[/bold]"]], None, 80),  # markup-like text
        ([["a", "two\nlines"]], None, 80),
        ([["a", " padded "]], None, 80),
        ([], None, 80),  # no rows
    ],
)
def test_plain_table_leaves_the_rest_to_rich(body, title, width) -> None:
    """Emoji codes, markup, control characters, padded cells and empty tables stay with rich."""
    assert plain_table(["h1", "h2"], ["left", "left"], body, title, width) is None


# -- the console rich would use ------------------------------------------------------------------


class _Stream(io.StringIO):
    def __init__(self, tty: bool, encoding: str | None) -> None:
        super().__init__()
        self._tty = tty
        self._encoding = encoding

    def isatty(self) -> bool:
        return self._tty

    @property
    def encoding(self):  # type: ignore[override]
        return self._encoding


@pytest.mark.parametrize("tty", [False, True])
@pytest.mark.parametrize("encoding", ["utf-8", "UTF-8", "ascii", None])
@pytest.mark.parametrize("tty_compatible", [None, "0", "1", "yes"])
@pytest.mark.parametrize("force_color", [None, "", "1"])
def test_plain_console_matches_rich(monkeypatch, tty, encoding, tty_compatible, force_color) -> None:
    from rich.console import Console

    for name, value in (("TTY_COMPATIBLE", tty_compatible), ("FORCE_COLOR", force_color)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    stream = _Stream(tty, encoding)
    monkeypatch.setattr(sys, "stdout", stream)
    console = Console()
    rich_plain = not console.is_terminal and console.encoding.startswith("utf")
    assert output._plain_console() == rich_plain


@pytest.mark.parametrize("columns", [None, "", "100", "7", "abc", "0"])
def test_console_width_matches_rich(monkeypatch, columns) -> None:
    from rich.console import Console

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.delenv("LINES", raising=False)
    monkeypatch.setattr(sys, "stdout", _Stream(False, "utf-8"))
    assert output._console_width() == Console().width


# -- through the commands -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("issue", "show", "1"),
        ("--lang", "zh", "issue", "show", "1"),
        ("issue", "log", "1"),
        ("issue", "list"),
        ("village", "list"),
        ("township", "list"),
        ("village", "show", "dapo"),
    ],
)
@pytest.mark.parametrize("columns", ["160", "60"])
def test_commands_print_the_same_tables_without_rich(run, monkeypatch, args, columns) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    run("issue", "open", "--village", "dapo", "--title", "村道路灯损坏：需要维修", "--category", "hardship")
    fast = run(*args)
    monkeypatch.setattr(output, "_plain_console", lambda: False)
    slow = run(*args)
    assert fast.exit_code == slow.exit_code == 0
    assert fast.stdout == slow.stdout


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a|b", r"a\|b"),
        ("<b>x</b> & y", "&lt;b&gt;x&lt;/b&gt; &amp; y"),
        ("line one\nline two\r\nthree", "line one<br>line two<br>three"),
        ("a\\|b", "a\\\\\\|b"),
        ("大坡村", "大坡村"),
    ],
)
def test_markdown_cell_escapes_pipes_html_and_breaks(text, expected) -> None:
    from caseledger.commands.output import markdown_cell

    assert markdown_cell(text) == expected


_JSON_SCALARS = st.text() | st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.dictionaries(st.text(), _JSON_SCALARS | st.lists(st.integers(), max_size=2), max_size=5),
        max_size=5,
    )
    | st.dictionaries(st.text(), _JSON_SCALARS, max_size=3)
)
def test_json_text_is_json_dumps_with_an_indent(data: object) -> None:
    """The fast layout of a list of flat records is byte for byte what json.dumps gives."""
    import json

    from caseledger.commands.output import json_text

    assert json_text(data) == json.dumps(data, ensure_ascii=False, indent=2)


class _Word(StrEnum):
    open = "open"
    closed = "已办结"


_RECORD_VALUES = (
    _JSON_SCALARS
    | st.floats()  # NaN and Infinity too, as json writes them
    | st.dates()
    | st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=8))]))
    | st.sampled_from(list(_Word))
    | st.text(alphabet='%s"\\\n大坡村', max_size=4)
)


@st.composite
def _records(draw) -> list[dict[str, object]]:
    keys = draw(st.lists(st.text(alphabet='%sa"\\键', max_size=3), min_size=1, max_size=4, unique=True))
    column = {key: draw(st.sampled_from(["one", "mixed"])) for key in keys}
    first = {key: draw(_RECORD_VALUES) for key in keys}
    rows = []
    for _ in range(draw(st.integers(1, 6))):
        row = {key: first[key] if column[key] == "one" and type(first[key]) is str else draw(_RECORD_VALUES)
               for key in keys}  # fmt: skip
        if draw(st.integers(0, 9)) == 0:  # now and then a row whose keys differ: the general path
            row = dict(reversed(row.items())) if len(row) > 1 else {**row, "extra": 1}
        rows.append(row)
    return rows


@settings(max_examples=300, deadline=None)
@given(_records())
def test_print_json_of_records_is_json_dumps_of_their_plain_values(rows) -> None:
    """Records laid out a column at a time print exactly what json.dumps prints of them."""
    import contextlib
    import json

    from caseledger.commands.output import print_json, to_jsonable

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        print_json(rows)
    assert printed.getvalue() == json.dumps(to_jsonable(rows), ensure_ascii=False, indent=2) + "\n"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["a", "b", "c"]),
            _RECORD_VALUES | st.decimals(allow_nan=False, places=2) | st.lists(st.integers(), max_size=2),
        ),
        max_size=5,
    ),
    st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=3),
)
def test_csv_cells_are_what_a_cell_at_a_time_wrote(rows, keys) -> None:
    """`machine_rows` hands csv values that it writes as `_machine`'s text, byte for byte."""
    import csv

    from caseledger.commands.output import _machine, machine_rows

    def written(lines) -> str:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(lines)
        return out.getvalue()

    one_at_a_time = [[_machine(row.get(k)) for k in keys] for row in rows]
    assert written(machine_rows(rows, keys)) == written(one_at_a_time)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from([*_PLAIN, *_DECLINED, "号", "（", "\u200d"]), min_size=1, max_size=15).map(
        "".join
    ),
    st.integers(1, 12),
    st.sampled_from(["left", "right", "center"]),
)
def test_a_word_folds_as_rich_folds_it(word: str, width: int, align: str) -> None:
    """The quick fold of a title (no spaces, plain characters) gives rich's lines, or declines."""
    from rich.console import Console
    from rich.text import Text

    from caseledger.commands.output import _fold_word

    quick = _fold_word(word, width, align)
    if quick is not None:
        console = Console(file=io.StringIO(), force_terminal=False)
        lines = Text(word).wrap(console, width, justify=align, overflow="fold")  # type: ignore[arg-type]
        assert quick == tuple(line.plain for line in lines)


def test_a_title_is_folded_quickly() -> None:
    from caseledger.commands.output import _fold_word

    assert _fold_word("村道路灯损坏（274号）", 8, "left") == ("村道路灯", "损坏（27", "4号）   ")
    assert _fold_word("路灯 坏了", 4, "left") is None  # words: rich's own wrap


@settings(max_examples=300, deadline=None)
@given(cells)
def test_cells_of_is_rich_cell_len(text: str) -> None:
    from rich.cells import cell_len

    from caseledger.commands.output import cells_of, widest_line

    assert cells_of(text) == cells_of(text) == cell_len(text)
    assert widest_line(text) == max(cell_len(line) for line in (text.splitlines() or [""]))


@settings(max_examples=300, deadline=None)
@given(st.sets(cells | st.sampled_from(["7", "2026-06-30", "a b", "x\ny"])))
def test_widest_of_a_column_is_its_widest_line(texts: set[str]) -> None:
    from caseledger.commands.output import widest_line, widest_of

    assert widest_of(texts) == max(map(widest_line, texts), default=0)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["a", "b"]),
            st.sampled_from([True, False, 1, 0, 1.0, None, "1", "True", "\x1b[31m", "是"])
            | st.lists(st.integers(0, 2), max_size=2),
        ),
        max_size=6,
    ),
    st.sampled_from(["en", "zh"]),
)
def test_table_body_shows_each_cell_as_cell_does(rows, lang: str) -> None:
    """Showing each distinct value of a column once gives what a cell at a time gave, even
    where dict keys meet (True, 1 and 1.0)."""
    from caseledger.commands.output import Column, cell, table_body
    from ledger.safetext import neutral

    columns = [Column("a", "h"), Column("b", "h", show=lambda v, lang: f"<{v!r}>")]
    expected = [
        tuple(neutral(cell(row.get(c.key), lang, c.show), multiline=True) for c in columns) for row in rows
    ]
    assert table_body(rows, columns, lang) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.sampled_from([*"a大\t\n\r\x1b\x7f\x85", "\u202e", "\u200d"]))), st.booleans())
def test_all_neutral_says_whether_neutral_leaves_every_text_alone(texts: list[str], multiline: bool) -> None:
    from ledger.safetext import all_neutral, neutral

    assert all_neutral(texts, multiline=multiline) == all(neutral(t, multiline=multiline) == t for t in texts)


_REPORT_ROW = st.fixed_dictionaries(
    {"cadre": st.text(max_size=4), "visits": st.integers(), "rate": st.none() | st.floats(allow_nan=False)}
)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.text(max_size=6),
        _JSON_SCALARS
        | st.lists(_REPORT_ROW, max_size=4)
        | st.dictionaries(st.text(max_size=3), _JSON_SCALARS),
        max_size=5,
    )
    | st.lists(_REPORT_ROW, max_size=4)
    | _JSON_SCALARS
)
def test_report_text_is_json_dumps_with_an_indent(data: object) -> None:
    """A report's object (period, from, to, rows of flat records, total) laid out with its rows
    a column at a time is byte for byte what json.dumps gives."""
    import json

    from caseledger.commands.output import report_text

    assert report_text(data) == json.dumps(data, ensure_ascii=False, indent=2)

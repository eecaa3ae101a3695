"""`--format xlsx` and `--output FILE` (SPEC §10): workbooks re-opened with openpyxl, cell types
checked; every read command takes both; files written whole or not at all."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from typer.main import get_command

from caseledger.cli import app
from caseledger.commands.output import Column, Format, emit
from ledger.errors import UsageError
from ledger.store import Ledger
from ledger.workbook import sheet_name, text_width, workbook_bytes


def book(path: Path) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(path).active


def test_text_width_counts_a_chinese_character_as_two() -> None:
    assert text_width("dapo") == 4
    assert text_width("大坡村") == 6
    assert text_width("大坡village") == 11
    assert text_width("１２") == 4  # full-width digits are wide too


def test_sheet_names_are_legal() -> None:
    assert sheet_name(None) == "Sheet1"
    assert sheet_name("a/b[c]") == "a b c"
    long = "测试县民情台账 2026-03 月底梳理汇总（截至 2026-03-31）"
    assert len(sheet_name(long)) <= 31 and "（" not in sheet_name(long)


def test_workbook_cells_are_typed_and_text_never_a_formula(tmp_path: Path) -> None:
    data = workbook_bytes(
        ["编号", "标题", "日期", "件数", "办结率", "金额"],
        ["text", "text", "date", "count", "rate", "amount"],
        [
            ["42", "=HYPERLINK(1)", "2026-03-05", 3, 0.8333, "1200.5"],
            ["7", "#N/A", None, "12", None, None],
            ["合计", "", None, 15, 0.5, "1200.50"],
        ],
        total_last=True,
    )
    path = tmp_path / "t.xlsx"
    path.write_bytes(data)
    sheet = book(path)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:F4"
    header, first, second, total = list(sheet.iter_rows())
    assert [c.value for c in header] == ["编号", "标题", "日期", "件数", "办结率", "金额"]
    assert first[0].value == "42" and first[0].data_type == "s"
    assert first[1].value == "=HYPERLINK(1)" and first[1].data_type == "s"
    assert second[1].value == "#N/A" and second[1].data_type == "s"
    assert first[2].value == datetime(2026, 3, 5) and first[2].is_date
    assert first[3].value == 3 and first[3].data_type == "n"
    assert second[3].value == 12  # a count given as text is still a number
    assert first[4].number_format == "0.0%" and first[4].value == pytest.approx(0.8333)
    assert first[5].number_format == "0.00" and first[5].value == pytest.approx(1200.5)
    assert all(c.font.b for c in total) and not any(c.font.b for c in first)
    assert sheet.column_dimensions["B"].width == len("=HYPERLINK(1)") + 2
    assert sheet.column_dimensions["A"].width == 6  # 合计: two wide characters + 2


def test_issue_list_as_xlsx_in_chinese(ledger: Ledger, run, tmp_path: Path) -> None:
    run("issue", "open", "--village", "dapo", "--title", "路灯坏了三个月", "--category", "hardship")
    out = tmp_path / "list.xlsx"
    result = run("--lang", "zh", "issue", "list", "--format", "xlsx", "--output", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    sheet = book(out)
    header, row = list(sheet.iter_rows())
    assert header[0].value == "编号" and header[6].value == "办结时限"
    assert row[0].value == "1" and row[0].data_type == "s"
    assert row[1].value == "路灯坏了三个月"
    assert row[3].value == "实际困难"
    assert row[6].is_date
    assert sheet.column_dimensions["B"].width == 7 * 2 + 2


def test_report_month_as_xlsx_has_numbers_percentages_and_a_bold_total(ledger: Ledger, run, tmp_path) -> None:
    run(
        "issue",
        "open",
        "--village",
        "dapo",
        "--title",
        "路灯",
        "--category",
        "hardship",
        "--date",
        "2026-03-02",
    )
    run("issue", "close", "1", "--disposition", "resolved", "--note", "修好", "--date", "2026-03-04")
    out = tmp_path / "month.xlsx"
    assert run("--lang", "zh", "report", "month", "2026-03", "-f", "xlsx", "-o", str(out)).exit_code == 0
    rows = list(book(out).iter_rows())
    header, total = rows[0], rows[-1]
    names = [c.value for c in header]
    assert names[1] == "名称"
    assert total[1].value == "合计" and all(c.font.b for c in total)
    rate = total[names.index("办结率")]
    assert rate.value == 1 and rate.number_format == "0.0%"
    assert total[names.index("新增")].value == 1 and total[names.index("新增")].data_type == "n"


def test_pairing_dates_and_counts_are_cells(ledger: Ledger, run, tmp_path: Path) -> None:
    run("pairing", "add", "--kind", "unit-village", "--party", "县水务局", "--village", "dapo",
        "--since", "2026-01-01", "--visits-per-year", "4")  # fmt: skip
    out = tmp_path / "p.xlsx"
    assert run("pairing", "list", "-f", "xlsx", "-o", str(out)).exit_code == 0
    _, row = list(book(out).iter_rows())
    assert row[5].is_date and row[7].value == 4 and row[6].value is None


def test_xlsx_on_a_terminal_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdout", Terminal())
    with pytest.raises(UsageError) as caught:
        emit(Format.xlsx, [{"a": "1"}], [Column("a", "col.number")], "en")
    assert caught.value.exit_code == 2


def test_xlsx_to_a_pipe_is_the_workbook(ledger: Ledger, run) -> None:
    result = run("township", "list", "--format", "xlsx")
    assert result.exit_code == 0 and result.stdout_bytes[:2] == b"PK"


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "tsv", "markdown", "plain"])
def test_output_writes_what_stdout_would_show(ledger: Ledger, run, tmp_path: Path, fmt: str) -> None:
    shown = run("village", "list", "--format", fmt).stdout
    out = tmp_path / f"v.{fmt}"
    result = run("village", "list", "--format", fmt, "--output", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == shown


def test_output_of_the_notice_board_keeps_its_footer(ledger: Ledger, run, tmp_path: Path) -> None:
    out = tmp_path / "notice.txt"
    shown = run("report", "notice", "--village", "dapo", "--as-of", "2026-03-31", "-f", "plain").stdout
    run("report", "notice", "--village", "dapo", "--as-of", "2026-03-31", "-f", "plain", "-o", str(out))
    assert out.read_text(encoding="utf-8") == shown


def test_check_output_goes_to_the_file(ledger: Ledger, run, tmp_path: Path) -> None:
    out = tmp_path / "check.json"
    assert run("check", "-f", "json", "-o", str(out)).exit_code == 0
    assert '"ok": true' in out.read_text(encoding="utf-8")


def test_a_failing_command_leaves_no_output_file(ledger: Ledger, run, tmp_path: Path) -> None:
    out = tmp_path / "nope.xlsx"
    old = tmp_path / "old.csv"
    old.write_text("old\n", encoding="utf-8")
    assert run("issue", "list", "--village", "nowhere", "-f", "xlsx", "-o", str(out)).exit_code == 1
    assert run("pairing", "list", "--village", "nowhere", "-f", "csv", "-o", str(old)).exit_code == 1
    assert not out.exists() and old.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger", "old.csv"]  # no temp file left


WRITES_WITH_FORMAT = {("issue", "open"), ("aid", "add")}  # prints the new record, not a listing


def _read_commands(group, path=()):  # every read command taking --format, by its words
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _read_commands(command, (*path, name))
        elif any("--format" in p.opts for p in command.params) and (*path, name) not in WRITES_WITH_FORMAT:
            yield (*path, name), command


def test_every_read_command_takes_xlsx_and_output() -> None:
    found = dict(_read_commands(get_command(app)))
    assert ("issue", "list") in found and ("report", "month") in found and ("check",) in found
    for words, command in found.items():
        options = {o for p in command.params for o in p.opts}
        assert "--output" in options, f"{' '.join(words)} has --format but no --output"


def test_openpyxl_is_imported_only_for_workbooks(ledger: Ledger) -> None:
    import subprocess
    import sys

    code = (
        "import sys, runpy; sys.argv = ['caseledger', '-C', sys.argv[1], 'village', 'list']\n"
        "try: runpy.run_module('caseledger', run_name='__main__')\n"
        "except SystemExit: pass\n"
        "sys.stderr.write('OPENPYXL %s' % ('openpyxl' in sys.modules))"
    )
    repo = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", code, str(ledger.root)], capture_output=True, text=True, cwd=repo
    )
    assert "OPENPYXL False" in done.stderr

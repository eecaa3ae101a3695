"""A 序号 is no identity alone (reviewer's finding): every 台账 numbers its rows 1…N, so a second
sheet's rows 1 and 2 are not the first sheet's. The same row again is skipped (SPEC §10's
idempotence), a row of an imported 序号 with other content refused naming what it clashes with,
nothing written; each skipped row is named with what it matched (ten at most, then a count)."""

from __future__ import annotations

from pathlib import Path

from test_import import refused, rows_of, xlsx
from test_import_aid import HEADER

from ledger.store import Ledger


def _aid_sheet(path: Path, *rows: list[object]) -> Path:
    return xlsx(path, [HEADER[:6], *rows])


FIRST = [
    [1, "2026-03-03", "大坡村", "资金", "危房改造补助", 3000],
    [2, "2026-03-05", "大坡村", "物资", "化肥", 800],
]
SECOND = [
    [1, "2026-03-10", "水井村", "培训", "种植技术培训", None],
    [2, "2026-03-11", "大坡村", "资金", "助学", 500],
]


def test_the_same_aid_sheet_again_is_skipped_row_by_row(ledger: Ledger, run, tmp_path: Path) -> None:
    path = _aid_sheet(tmp_path / "帮扶台账.xlsx", *FIRST)
    assert run("import", "aid", str(path)).stdout.strip() == "2 added, 0 skipped"
    again = run("import", "aid", str(path))
    assert (again.exit_code, again.stdout.strip()) == (0, "0 added, 2 skipped")
    assert "帮扶台账.xlsx:2: skipped, imported before: A1" in again.stderr
    assert "帮扶台账.xlsx:3: skipped, imported before: A2" in again.stderr
    assert len(rows_of(run, "aid", "list")) == 2


def test_another_sheets_row_numbers_are_refused_not_skipped(
    ledger: Ledger, run, snapshot, tmp_path: Path
) -> None:
    assert run("import", "aid", str(_aid_sheet(tmp_path / "帮扶台账.xlsx", *FIRST))).exit_code == 0
    second = _aid_sheet(tmp_path / "三月帮扶.xlsx", *SECOND)
    said = refused(run, ledger, snapshot, second, kind="aid")
    lines = said.strip().splitlines()
    assert lines[0].startswith(f"{second}:2: 序号 1 was imported before") and "A1" in lines[0]
    assert "危房改造补助" in lines[0] and "种植技术培训" in lines[0] and "--column 序号=-" in lines[0]
    assert lines[1].startswith(f"{second}:3: 序号 2 was imported before")
    # leaving the sheet's own numbering out, its rows are new by their content
    result = run("import", "aid", str(second), "--column", "序号=-")
    assert (result.exit_code, result.stdout.strip()) == (0, "2 added, 0 skipped")
    assert len(rows_of(run, "aid", "list")) == 4


def test_another_issue_sheets_row_numbers_are_refused_naming_the_file(
    ledger: Ledger, run, snapshot, tmp_path: Path
) -> None:
    head = ["序号", "村", "反映问题", "类别", "受理日期"]
    first = xlsx(tmp_path / "一月台账.xlsx", [head, [1, "dapo", "路灯不亮", "实际困难", "2026-01-05"]])
    assert run("import", "issues", str(first)).exit_code == 0
    again = run("import", "issues", str(first))
    assert (again.exit_code, again.stdout.strip()) == (0, "0 added, 1 skipped")
    second = xlsx(tmp_path / "二月台账.xlsx", [head, [1, "shuijing", "水管破裂", "实际困难", "2026-02-03"]])
    said = refused(run, ledger, snapshot, second)
    assert f"{second}:2: 序号 1 was imported before from 一月台账.xlsx with other content" in said
    assert "路灯不亮" in said and "水管破裂" in said


def test_a_reimport_without_received_is_still_the_same_row(ledger: Ledger, run, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "a.xlsx", [["序号", "村", "反映问题", "类别"], ["A1", "dapo", "路灯", "实际困难"]])
    assert run("import", "issues", str(path)).exit_code == 0
    ledger_file = next(ledger.issue_files())
    text = ledger_file.read_text(encoding="utf-8")
    received = next(line for line in text.splitlines() if line.startswith("received:"))
    ledger_file.write_text(text.replace(received, "received: 2026-01-01"), encoding="utf-8")  # another day
    assert run("import", "issues", str(path)).stdout.strip() == "0 added, 1 skipped"


def test_dry_run_names_ten_skipped_rows_then_counts_the_rest(ledger: Ledger, run, tmp_path: Path) -> None:
    rows = [[n, "2026-03-03", "大坡村", "物资", f"化肥 {n}", 100] for n in range(1, 13)]
    path = _aid_sheet(tmp_path / "帮扶台账.xlsx", *rows)
    assert run("import", "aid", str(path)).exit_code == 0
    result = run("import", "aid", str(path), "--dry-run")
    assert result.exit_code == 0 and "0 would be added, 12 skipped" in result.stdout
    named = [line for line in result.stderr.splitlines() if "skipped, imported before" in line]
    assert len(named) == 10 and named[0].endswith("A1")
    assert "… and 2 more skipped" in result.stderr

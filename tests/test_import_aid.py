"""`caseledger import aid` (SPEC §10 over §9): the 帮扶台账 from a sheet, amounts exact from number
cells and typed text; refusals with nothing written; the round trip from `aid list` as xlsx, its
amounts two-decimal number cells."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from test_import import refused, rows_of, xlsx
from test_import_people import cadres_sheet

from ledger.errors import Invalid
from ledger.import_aid import parse_money
from ledger.importing import match_headings
from ledger.store import Ledger

HEADER = [
    "序号",
    "帮扶日期",
    "村(社区)",
    "帮扶类型",
    "帮扶内容",
    "金额(元)",
    "结对编号",
    "帮扶干部",
    "帮扶对象",
]


@pytest.mark.parametrize(
    ("value", "amount"),
    [(3000, "3000"), (1200.5, "1200.50"), (0.1, "0.10"), ("3,000.50", "3000.50"), ("3万", "30000"),
     ("０.５万", "5000"), ("1200.50元", "1200.50"), (4600.51, "4600.51")],
)  # fmt: skip
def test_amounts_are_exact(value: object, amount: str) -> None:
    assert parse_money(value) == Decimal(amount)


@pytest.mark.parametrize("value", ["abc", "-5", -5, 1.005, "3万万", True, 1e13])
def test_bad_amounts_are_refused(value: object) -> None:
    with pytest.raises(Invalid):
        parse_money(value)


def test_aid_headings_are_recognized() -> None:
    keys, problems = match_headings("aid", HEADER, {})
    assert problems == []
    assert keys == ["ref", "date", "village", "kind", "title", "amount", "pairing", "cadres", "household"]
    _, problems = match_headings("aid", ["日期", "村", "类型", "帮扶内容", "金额(万元)"], {})
    assert [p.params.get("heading") for p in problems] == ["金额(万元)"]  # never read as yuan


@pytest.fixture
def paired(ledger: Ledger, run, tmp_path: Path):
    assert run("import", "cadres", str(cadres_sheet(tmp_path))).exit_code == 0
    run("pairing", "add", "--kind", "unit-village", "--party", "县水务局", "--village", "dapo",
        "--since", "2026-01-01")  # fmt: skip
    run("issue", "open", "--village", "dapo", "--title", "危房", "--category", "hardship")
    return run


def test_import_aid(ledger: Ledger, paired, tmp_path: Path) -> None:
    run = paired
    path = xlsx(
        tmp_path / "帮扶台账.xlsx",
        [
            [*HEADER, "关联问题"],
            [1, "2026年3月3日", "大坡村", "资金", "危房改造补助", "3万", "P1", "张伟、李娜", "张大爷", 1],
            [2, "2026/3/5", "shuijing", "物资", "化肥 2 吨", 4600.5, None, "C3", None, None],
            [3, "2026-03-05", "大坡村", "培训", "种植技术培训", None, None, None, None, None],
        ],
    )
    result = run("import", "aid", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "3 added, 0 skipped"
    first, second, third = rows_of(run, "aid", "list")
    assert first["id"] == "A1" and first["amount"] == "30000.00" and first["kind"] == "funds"
    assert first["pairing"] == "P1" and first["cadres"] == ["C1", "C2"] and first["issue"] == "1"
    assert first["household"] == "张大爷" and first["ref"] == "1" and first["date"] == "2026-03-03"
    assert second["amount"] == "4600.50" and second["village"] == "shuijing" and second["cadres"] == ["C3"]
    assert third["amount"] is None and third["kind"] == "training"
    assert run("import", "aid", str(path)).stdout.strip() == "0 added, 3 skipped"
    report = json.loads(run("report", "aid", "2026-03", "-f", "json").stdout)
    assert report["total"]["amount"] == "34600.50" and report["total"]["records"] == 3
    assert run("check").exit_code == 0


def test_aid_refused_rows(ledger: Ledger, paired, snapshot, tmp_path: Path) -> None:
    run = paired
    path = xlsx(
        tmp_path / "bad.xlsx",
        [
            HEADER,
            [1, "2026-03-03", "大坡村", "资金", "补助", "3000", None, None, None],
            [1, "2026-03-03", "大坡村", "资金", "补助", "3000", None, None, None],  # ref again
            [3, "2026-03-03", "水井村", "资金", "补助", "3000", "P1", None, None],  # P1 is dapo's
            [4, "2026-03-03", "大坡村", "资金", "补助", "-5", None, None, None],  # negative
            [5, "2026-03-03", "大坡村", "资金", "补助", 1.005, None, None, None],  # three decimals
            [6, "2026-03-03", "大坡村", "红包", "补助", None, None, None, None],  # not a kind
            [7, "2099-03-03", "大坡村", "资金", "补助", None, None, None, None],  # in the future
            [8, "2026-03-03", "大坡村", "资金", "补助", None, "P9", None, None],  # no such pairing
            [9, "2026-03-03", "大坡村", "资金", "补助", None, None, "张三", None],  # no such cadre
        ],
    )
    err = refused(run, ledger, snapshot, path, kind="aid")
    lines = [line.removeprefix(str(tmp_path) + "/") for line in err.splitlines()]
    assert lines[0] == "bad.xlsx:3: ref 1 appears again (first in row 2)"
    assert lines[1] == "bad.xlsx:4: pairing P1 is paired with 大坡村 (dapo), not 水井村 (shuijing)"
    assert lines[2].startswith("bad.xlsx:5: ") and "-5" in lines[2]
    assert lines[3].startswith("bad.xlsx:6: ") and "1.005" in lines[3]
    assert lines[4].startswith("bad.xlsx:7: '红包' is not")
    assert lines[5].startswith("bad.xlsx:8: ") and "2099-03-03" in lines[5]
    assert lines[6].startswith("bad.xlsx:9: ") and "P9" in lines[6]
    assert lines[7].startswith("bad.xlsx:10: ") and "张三" in lines[7]
    assert lines[-1] == "nothing was imported"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_round_trip_aid_with_amount_cells(ledger: Ledger, paired, tmp_path: Path, lang: str) -> None:
    from conftest import Run

    from ledger.places import add_township, add_village
    from ledger.setup import init_ledger

    run = paired
    run("aid", "add", "--village", "dapo", "--kind", "funds", "--title", "危房改造补助", "--amount", "3万",
        "--pairing", "P1", "--cadre", "张伟", "--cadre", "C2", "--household", "张大爷", "--issue", "1",
        "--date", "2026-03-03")  # fmt: skip
    run("aid", "add", "--village", "shuijing", "--kind", "goods", "--title", "化肥", "--amount", "4,600.05",
        "--date", "2026-03-04")  # fmt: skip
    run("aid", "add", "--village", "dapo", "--kind", "service", "--title", "义诊", "--date", "2026-03-05")
    out = tmp_path / "aid.xlsx"
    assert run("--lang", lang, "aid", "list", "-f", "xlsx", "-o", str(out)).exit_code == 0
    sheet = openpyxl.load_workbook(out).active
    header, first, second, third = list(sheet.iter_rows())
    amount = [c.value for c in header].index("金额（元）" if lang == "zh" else "Amount (yuan)")
    assert first[amount].value == 30000 and first[amount].number_format == "0.00"
    assert second[amount].value == pytest.approx(4600.05) and second[amount].data_type == "n"
    assert third[amount].value is None
    assert first[1].is_date and first[0].data_type == "s"

    fresh_ledger = init_ledger(tmp_path / "fresh", "新台账")
    for code, name in (("qinglong", "青龙镇"), ("baishui", "白水乡")):
        add_township(fresh_ledger, code, name, actor="测试员")
    add_village(fresh_ledger, "dapo", "大坡村", "qinglong", actor="测试员")
    add_village(fresh_ledger, "shuijing", "水井村", "baishui", actor="测试员")
    fresh = Run(fresh_ledger.root)
    assert fresh("import", "cadres", str(cadres_sheet(tmp_path))).exit_code == 0
    fresh("pairing", "add", "--kind", "unit-village", "--party", "县水务局", "--village", "dapo",
          "--since", "2026-01-01")  # fmt: skip
    fresh("issue", "open", "--village", "dapo", "--title", "危房", "--category", "hardship")
    result = fresh("import", "aid", str(out))
    assert result.exit_code == 0, result.stderr
    assert rows_of(fresh, "aid", "list") == rows_of(run, "aid", "list")
    assert fresh("import", "aid", str(out)).stdout.strip() == "0 added, 3 skipped"
    assert fresh("check").exit_code == 0


def test_dry_run_of_every_people_and_aid_kind_writes_nothing(
    ledger: Ledger, paired, snapshot, tmp_path
) -> None:
    run = paired
    sheets = {
        "cadres": xlsx(tmp_path / "c.xlsx", [["姓名", "级别"], ["刘洋", "村级"]]),
        "visits": xlsx(tmp_path / "v.xlsx", [["日期", "村", "干部"], ["2026-03-03", "dapo", "张伟"]]),
        "aid": xlsx(
            tmp_path / "a.xlsx", [["日期", "村", "类型", "内容"], ["2026-03-03", "dapo", "资金", "补助"]]
        ),
    }
    for kind, path in sheets.items():
        before = snapshot(ledger.root)
        result = run("import", kind, str(path), "--dry-run")
        assert result.exit_code == 0, (kind, result.stderr)
        assert "1 would be added" in result.stdout and f"{path.name}:2:" in result.stdout
        assert snapshot(ledger.root) == before, kind

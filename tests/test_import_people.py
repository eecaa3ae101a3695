"""`caseledger import cadres|visits` (SPEC §10 over §8): the roster and the visit log from a
sheet, with customary headings, Chinese labels, cadres by id or name; refusals with nothing
written; round trips from `cadre list` / `visit list` exported as xlsx."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_import import refused, rows_of, xlsx

from ledger.importing import match_headings
from ledger.store import Ledger

ROSTER = [
    ["序号", "姓名", "级别", "工作单位", "职务", "联系电话", "所属乡镇", "到岗日期"],
    [1, "张伟", "乡镇级", "青龙镇人民政府", "副镇长", 13800001111, "青龙镇", "2026年1月5日"],
    [2, "李娜", "村级", "大坡村委会", "村支书", None, "qinglong", "2025/3/1"],
    [3, "王强", "county", "县水务局", "科员", "0851-5234567", None, "2026-02-01"],
]


def cadres_sheet(tmp_path: Path) -> Path:
    return xlsx(tmp_path / "干部名册.xlsx", ROSTER)


def test_roster_headings_are_recognized() -> None:
    keys, problems = match_headings("cadres", ROSTER[0], {})
    assert problems == []  # 序号, the roster's own numbering, is left out
    assert keys == [None, "name", "rank", "unit", "post", "phone", "township", "since"]
    keys, problems = match_headings(
        "visits",
        ["序号", "走访日期", "村(社区)", "走访干部", "走访方式", "走访户", "人次", "是否住村", "备注"],
        {},
    )
    assert problems == []
    assert keys == ["ref", "date", "village", "cadres", "kind", "households", "people", "stayed", "note"]


def test_import_cadres_with_chinese_labels_and_names(ledger: Ledger, run, tmp_path: Path) -> None:
    path = cadres_sheet(tmp_path)
    result = run("import", "cadres", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "3 added, 0 skipped"
    roster = rows_of(run, "cadre", "list")
    assert [(c["id"], c["name"], c["rank"]) for c in roster] == [
        ("C1", "张伟", "township"),
        ("C2", "李娜", "village"),
        ("C3", "王强", "county"),
    ]
    assert roster[0]["phone"] == "13800001111" and roster[0]["township"] == "qinglong"
    assert roster[0]["since"] == "2026-01-05" and roster[1]["since"] == "2025-03-01"
    assert roster[2]["phone"] == "0851-5234567" and roster[2]["township"] is None
    assert roster[1]["phone"] is None
    # idempotent: the same names with the same values are skipped
    assert run("import", "cadres", str(path)).stdout.strip() == "0 added, 3 skipped"
    assert run("check").exit_code == 0


def test_cadres_refused_rows(ledger: Ledger, run, snapshot, tmp_path: Path) -> None:
    run("cadre", "add", "--name", "赵敏", "--rank", "township", "--since", "2026-01-01")
    path = xlsx(
        tmp_path / "bad.xlsx",
        [
            ["姓名", "级别", "所属乡镇", "开始日期", "结束日期"],
            ["张伟", "乡镇级", "青龙镇", "2026-01-01", None],
            ["张伟", "村级", None, "2026-01-01", None],  # twice in the file
            ["刘洋", "处级", None, "2026-01-01", None],  # not a rank
            ["陈静", "村级", "青龙", "2026-01-01", None],  # unknown township
            ["赵敏", "村级", None, "2026-01-01", None],  # on the roster with other values
            ["杨磊", "村级", None, "2026-05-01", "2026-04-01"],  # ends before it starts
            ["周" * 201, "村级", None, "2026-01-01", None],  # over the name limit
        ],
    )
    err = refused(run, ledger, snapshot, path, kind="cadres")
    lines = [line.removeprefix(str(tmp_path) + "/") for line in err.splitlines()]
    assert lines[0] == "bad.xlsx:3: 张伟 appears again (first in row 2)"
    assert lines[1].startswith("bad.xlsx:4: '处级' is not")
    assert lines[2].startswith("bad.xlsx:5: unknown township '青龙'") and "青龙镇" in lines[2]
    assert lines[3].startswith("bad.xlsx:6: C1 赵敏 is already in the ledger with other values")
    assert lines[4].startswith("bad.xlsx:7: ") and "until" in lines[4]
    assert lines[5].startswith("bad.xlsx:8: name:") and "200" in lines[5]
    assert lines[-1] == "nothing was imported"


def visits_sheet(tmp_path: Path, rows: list[list[object]]) -> Path:
    header = [
        "序号",
        "走访日期",
        "村(社区)",
        "走访干部",
        "走访方式",
        "走访户",
        "人次",
        "是否住村",
        "当场答复解决",
        "备注",
    ]
    return xlsx(tmp_path / "走访台账.xlsx", [header, *rows])


def test_import_visits_with_cadres_by_name_or_id(ledger: Ledger, run, tmp_path: Path) -> None:
    assert run("import", "cadres", str(cadres_sheet(tmp_path))).exit_code == 0
    path = visits_sheet(
        tmp_path,
        [
            [1, "2026年3月3日", "大坡村", "张伟、李娜", "入户走访", "大坡村2组18号、大坡村3组2号", None, "是",
             "低保政策已解释", "了解用水困难"],
            [2, "2026/3/5", "shuijing", "C3", "坐访值班", None, 12, "否", None, None],
            [3, "2026-03-05", "小山社区", "c1", "夜访", "小山社区1栋", 3, None, None, None],
        ],
    )  # fmt: skip
    result = run("import", "visits", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "3 added, 0 skipped"
    first, second, third = rows_of(run, "visit", "list")
    assert first["id"] == "V1" and first["date"] == "2026-03-03" and first["village"] == "dapo"
    assert first["cadres"] == ["C1", "C2"] and first["kind"] == "home" and first["stayed"] is True
    assert first["households"] == ["大坡村2组18号", "大坡村3组2号"] and first["people"] == 2
    assert first["answered"] == ["低保政策已解释"] and first["note"] == "了解用水困难" and first["ref"] == "1"
    assert second["cadres"] == ["C3"] and second["kind"] == "duty-day" and second["people"] == 12
    assert third["cadres"] == ["C1"] and third["kind"] == "night"
    assert run("import", "visits", str(path)).stdout.strip() == "0 added, 3 skipped"
    report = json.loads(run("report", "visits", "2026-03", "-f", "json").stdout)
    assert report["total"]["visits"] == 3 and report["total"]["cadre_days"] == 2
    assert run("check").exit_code == 0


def test_visits_without_ref_are_skipped_by_content(ledger: Ledger, run, tmp_path: Path) -> None:
    assert run("import", "cadres", str(cadres_sheet(tmp_path))).exit_code == 0
    path = xlsx(
        tmp_path / "v.xlsx",
        [["日期", "村", "干部", "走访户"], ["2026-03-03", "dapo", "张伟", "大坡村2组18号"]],
    )
    assert run("import", "visits", str(path)).stdout.strip() == "1 added, 0 skipped"
    assert run("import", "visits", str(path)).stdout.strip() == "0 added, 1 skipped"


def test_visits_refused_rows(ledger: Ledger, run, snapshot, tmp_path: Path) -> None:
    assert run("import", "cadres", str(cadres_sheet(tmp_path))).exit_code == 0
    path = visits_sheet(
        tmp_path,
        [
            [1, "2026-03-03", "大坡村", "张伟", "入户走访", None, None, None, None, None],
            [1, "2026-03-04", "大坡村", "张伟", "入户走访", None, None, None, None, None],  # ref again
            [3, "2026-03-04", "大坡", "张伟", None, None, None, None, None, None],  # unknown village
            [4, "2026-03-04", "大坡村", "张三", None, None, None, None, None, None],  # unknown cadre
            [5, "2025-12-31", "大坡村", "张伟", None, None, None, None, None, None],  # before 到岗日期
            [6, "2099-01-01", "大坡村", "张伟", None, None, None, None, None, None],  # in the future
            [7, "2026-03-04", "大坡村", "张伟、C1", None, None, None, None, None, None],  # twice
            [8, "2026-03-04", "大坡村", "张伟", "串门", None, None, None, None, None],  # not a kind
            [9, "2026-03-04", "大坡村", "张伟", None, None, -2, None, None, None],  # negative people
        ],
    )
    err = refused(run, ledger, snapshot, path, kind="visits")
    lines = [line.removeprefix(str(tmp_path) + "/") for line in err.splitlines()]
    assert lines[0] == "走访台账.xlsx:3: ref 1 appears again (first in row 2)"
    assert lines[1].startswith("走访台账.xlsx:4: unknown village '大坡'")
    assert lines[2].startswith("走访台账.xlsx:5: ") and "张三" in lines[2]
    assert lines[3].startswith("走访台账.xlsx:6: ") and "2025-12-31" in lines[3]
    assert lines[4].startswith("走访台账.xlsx:7: ") and "2099-01-01" in lines[4]
    assert lines[5].startswith("走访台账.xlsx:8: ") and "C1" in lines[5]
    assert lines[6].startswith("走访台账.xlsx:9: '串门' is not")
    assert lines[7].startswith("走访台账.xlsx:10: '-2' is not a whole number")
    assert lines[-1] == "nothing was imported"


def test_a_visits_issue_must_be_in_the_ledger(ledger: Ledger, run, snapshot, tmp_path: Path) -> None:
    assert run("import", "cadres", str(cadres_sheet(tmp_path))).exit_code == 0
    run("issue", "open", "--village", "dapo", "--title", "路灯", "--category", "hardship")
    path = xlsx(
        tmp_path / "v.xlsx",
        [
            ["日期", "村", "干部", "问题"],
            ["2026-03-03", "dapo", "张伟", "1"],
            ["2026-03-04", "dapo", "张伟", "7"],
        ],
    )
    assert "v.xlsx:3: issue 7 is not in the ledger" in refused(run, ledger, snapshot, path, kind="visits")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_round_trip_cadres_and_visits(ledger: Ledger, run, tmp_path: Path, lang: str) -> None:
    from conftest import Run

    from ledger.places import add_township, add_village
    from ledger.setup import init_ledger

    added = run("cadre", "add", "--name", "张伟(水务局)", "--rank", "county", "--unit", "县水务局",
                "--post", "科长", "--phone", "0851-5234567", "--township", "qinglong",
                "--since", "2026-01-01")  # fmt: skip
    assert added.exit_code == 0, added.stderr
    run("cadre", "add", "--name", "李娜", "--rank", "village", "--since", "2025-06-01")
    run("cadre", "end", "李娜", "--date", "2026-06-30")
    run("issue", "open", "--village", "dapo", "--title", "路灯坏了", "--category", "hardship")
    run("visit", "add", "--village", "dapo", "--cadre", "C1", "--cadre", "李娜", "--kind", "meeting",
        "--household", "大坡村2组18号", "--household", "大坡村3组2号", "--people", "9", "--stayed",
        "--answered", "政策已解释", "--date", "2026-03-03")  # fmt: skip
    run("visit", "add", "--village", "shuijing", "--cadre", "C1", "--date", "2026-04-01")
    paired = run("pairing", "add", "--kind", "cadre-household", "--cadre", "张伟(水务局)", "--village",
                 "dapo", "--household", "大坡村2组18号", "--since", "2026-01-01")  # fmt: skip
    assert paired.exit_code == 0, paired.stderr

    fresh_ledger = init_ledger(tmp_path / "fresh", "新台账")
    add_township(fresh_ledger, "qinglong", "青龙镇", actor="测试员")
    add_township(fresh_ledger, "baishui", "白水乡", actor="测试员")
    add_village(fresh_ledger, "dapo", "大坡村", "qinglong", actor="测试员")
    add_village(fresh_ledger, "shuijing", "水井村", "baishui", actor="测试员")
    fresh = Run(fresh_ledger.root)
    fresh("issue", "open", "--village", "dapo", "--title", "路灯坏了", "--category", "hardship")
    listings = (
        ("cadres", ("cadre", "list")),
        ("pairings", ("pairing", "list")),
        ("visits", ("visit", "list")),
    )
    for kind, listing in listings:
        out = tmp_path / f"{kind}.xlsx"
        assert run("--lang", lang, *listing, "--format", "xlsx", "--output", str(out)).exit_code == 0
        result = fresh("import", kind, str(out))
        assert result.exit_code == 0, (kind, result.stderr)
        assert rows_of(fresh, *listing) == rows_of(run, *listing), kind
        assert fresh("import", kind, str(out)).stdout.strip().startswith("0 added"), kind
    assert rows_of(fresh, "pairing", "list")[0]["cadre"] == "C1"
    assert fresh("check").exit_code == 0


def test_a_column_left_out_with_a_dash(ledger: Ledger, run, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "c.xlsx", [["姓名", "级别", "籍贯"], ["张伟", "村级", "贵州"]])
    assert run("import", "cadres", str(path)).exit_code == 1
    result = run("import", "cadres", str(path), "--column", "籍贯=-")
    assert result.exit_code == 0, result.stderr
    assert [c["name"] for c in rows_of(run, "cadre", "list")] == ["张伟"]


def test_an_issues_owner_naming_a_cadre_is_stored_as_the_cadre(ledger: Ledger, run, tmp_path: Path) -> None:
    """责任人 as --owner takes it: a cadre's name or id gives owner + owner_cadre; other text
    (a unit) stays text; an id naming no cadre is a problem of its row."""
    assert run("import", "cadres", str(cadres_sheet(tmp_path))).exit_code == 0
    rows = [["村", "反映问题", "类别", "责任人"], ["dapo", "路灯", "实际困难", "张伟"],
            ["dapo", "水管", "实际困难", "c2"], ["dapo", "道路", "实际困难", "县交通局"]]  # fmt: skip
    result = run("import", "issues", str(xlsx(tmp_path / "i.xlsx", rows)))
    assert result.exit_code == 0, result.stderr
    shown = [rows_of(run, "issue", "show", n) for n in ("1", "2", "3")]
    assert [(i["owner"], i["owner_cadre"]) for i in shown] == [
        ("张伟", "C1"),
        ("李娜", "C2"),
        ("县交通局", None),
    ]
    assert rows_of(run, "issue", "log", "2")[0]["owner_cadre"] == "C2"
    bad = xlsx(tmp_path / "b.xlsx", [rows[0], ["dapo", "路灯", "实际困难", "C9"]])
    result = run("import", "issues", str(bad))
    assert result.exit_code == 1 and "b.xlsx:2:" in result.stderr and "C9" in result.stderr
    assert run("check").exit_code == 0


def test_a_pairings_cadre_must_be_active_on_its_first_day(
    ledger: Ledger, run, snapshot, tmp_path: Path
) -> None:
    """As `pairing add --cadre` refuses: the roster's one rule (`roster.ensure_active`)."""
    assert run("import", "cadres", str(cadres_sheet(tmp_path))).exit_code == 0
    assert run("cadre", "end", "李娜", "--date", "2026-02-28").exit_code == 0
    heading = ["结对类型", "结对单位", "村", "开始日期", "干部编号"]
    good = xlsx(tmp_path / "ok.xlsx", [heading, ["干部结对户", "王强", "大坡村", "2026-02-01", "王强"]])
    assert run("import", "pairings", str(good)).stdout.strip() == "1 added, 0 skipped"
    path = xlsx(
        tmp_path / "结对.xlsx",
        [
            heading,
            ["干部结对户", "王强", "大坡村", "2026-01-31", "王强"],  # before 到岗日期 2026-02-01
            ["干部结对户", "李娜", "大坡村", "2026-03-01", "C2"],  # after she left
            ["干部结对户", "张伟", "大坡村", "2026-03-01", "张伟"],  # fine, but nothing is imported
        ],
    )
    err = refused(run, ledger, snapshot, path, kind="pairings")
    lines = [line.removeprefix(str(tmp_path) + "/") for line in err.splitlines()]
    assert (
        lines[0] == "结对.xlsx:2: cadre C3 王强 was not active on 2026-01-31 (on the roster 2026-02-01 – —)"
    )
    assert (
        lines[1]
        == "结对.xlsx:3: cadre C2 李娜 was not active on 2026-03-01 (on the roster 2025-03-01 – 2026-02-28)"
    )
    assert lines[-1] == "nothing was imported"


@pytest.mark.parametrize(("cell", "stored"), [("138 1234 5678", "13812345678"), ("无", None), ("none", None)])
def test_a_phone_cell_is_read_as_phone_takes_it(cell: str, stored: str | None) -> None:
    from ledger.importing import parse_phone

    assert parse_phone(cell) == stored

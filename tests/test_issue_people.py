"""`--owner` as a CADRE on `issue open`/`escalate`/`assign`, `issue open --visit` (the two-way link,
首访负责制) and `check` holding issue↔visit links both ways (SPEC §8). Every refusal writes nothing."""

from __future__ import annotations

import json

import pytest

from ledger.store import Ledger


@pytest.fixture
def people(run, ledger: Ledger):
    """Two cadres and two visits: V1 a home visit to dapo by 王芳 then 李明, V2 a duty day."""
    for args in (
        ("--name", "李明", "--rank", "township", "--township", "qinglong", "--since", "2026-01-01"),
        ("--name", "王芳", "--rank", "village", "--since", "2026-01-01"),
    ):
        assert run("cadre", "add", *args).exit_code == 0
    assert run("visit", "add", "--village", "dapo", "--cadre", "王芳", "--cadre", "C1",
               "--household", "大坡村2组18号", "--date", "2026-03-05").stdout == "V1\n"  # fmt: skip
    assert run("visit", "add", "--village", "shuijing", "--cadre", "C1", "--kind", "坐访值班",
               "--date", "2026-03-10").stdout == "V2\n"  # fmt: skip
    return run


def _issue(ledger: Ledger, number: str = "1") -> dict:
    return ledger.read_raw(ledger.issue_path(number))


def _visit(ledger: Ledger, vid: str) -> dict:
    return ledger.read_raw(ledger.root / "visits" / "000" / f"{vid}.yaml")


OPEN = ("issue", "open", "--title", "水泵损坏", "--category", "实际困难")


# -- --owner: a CADRE or free text ------------------------------------------------------------


def test_owner_names_a_cadre_by_name_or_id_and_free_text_keeps_no_id(people, ledger: Ledger) -> None:
    assert people(*OPEN, "--village", "dapo", "--owner", "李明", "--date", "2026-03-01").stdout == "1\n"
    data = _issue(ledger)
    assert (data["owner"], data["owner_cadre"]) == ("李明", "C1")
    assert data["history"][0]["owner"] == "李明" and data["history"][0]["owner_cadre"] == "C1"
    people("issue", "escalate", "1", "--reason", "需乡镇协调", "--owner", "乡水利站", "--date", "2026-03-02")
    data = _issue(ledger)
    assert data["owner"] == "乡水利站" and "owner_cadre" not in data  # free text: no id
    assert "owner_cadre" not in data["history"][1]
    people("issue", "assign", "1", "--owner", "ｃ２", "--date", "2026-03-03")
    data = _issue(ledger)
    assert (data["owner"], data["owner_cadre"]) == ("王芳", "C2")
    assert data["history"][2] | {"at": None} == {
        "at": None, "by": "测试员", "action": "assigned", "owner": "王芳", "owner_cadre": "C2"
    }  # fmt: skip
    text = ledger.issue_path("1").read_text(encoding="utf-8")
    assert text.index("owner: 王芳") < text.index("owner_cadre: C2") < text.index("level:")  # beside owner
    shown = json.loads(people("issue", "open", "--village", "dapo", "--title", "t", "--category", "hardship",
                              "--owner", "C1", "-f", "json").stdout)  # fmt: skip
    assert shown["owner"] == "李明" and shown["owner_cadre"] == "C1"
    assert people("check").exit_code == 0


def test_escalating_without_owner_keeps_the_cadre_in_force(people, ledger: Ledger) -> None:
    people(*OPEN, "--village", "dapo", "--owner", "C1", "--date", "2026-03-01")
    people("issue", "escalate", "1", "--reason", "r", "--date", "2026-03-02")
    data = _issue(ledger)
    assert (data["owner"], data["owner_cadre"]) == ("李明", "C1")
    assert people("check").exit_code == 0


def test_report_cadres_counts_the_owner_in_force(people, ledger: Ledger) -> None:
    people(*OPEN, "--village", "dapo", "--owner", "李明", "--date", "2026-03-01")
    people(*OPEN, "--village", "dapo", "--owner", "王芳", "--date", "2026-03-01")
    people("issue", "escalate", "2", "--reason", "r", "--owner", "李明", "--date", "2026-03-02")
    people("issue", "close", "1", "--disposition", "resolved", "--note", "修好", "--date", "2026-03-04")
    rows = json.loads(people("report", "cadres", "2026-03", "-f", "json").stdout)["rows"]
    got = {r["cadre"]: (r["owned"], r["closed"], r["closed_on_time"]) for r in rows}
    assert got == {"C1": (1, 1, 1), "C2": (0, 0, 0)}


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ([*OPEN, "--village", "dapo", "--owner", "C9"], "C9"),
        (["issue", "assign", "1", "--owner", "QL-C1"], "QL-C1"),
        (["issue", "escalate", "1", "--reason", "r", "--owner", "李明"], "C1"),  # ambiguous (see below)
    ],
)
def test_unknown_or_ambiguous_owner_is_refused_writing_nothing(people, ledger: Ledger, snapshot, args, says):
    people(*OPEN, "--village", "dapo", "--date", "2026-03-01")
    (ledger.root / "cadres" / "000" / "C7.yaml").write_text(
        "id: C7\nname: 李明\nrank: village\nsince: 2026-01-01\n", encoding="utf-8"
    )  # a second 李明 by hand: the name is ambiguous
    before = snapshot(ledger.root)
    result = people(*args)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("error:") and says in result.stderr
    assert snapshot(ledger.root) == before


# -- issue open --visit -------------------------------------------------------------------------


def test_open_from_a_visit_links_both_ways_in_one_write(people, ledger: Ledger) -> None:
    result = people(*OPEN, "--visit", "v1")
    assert result.stdout == "1\n", result.stderr
    data = _issue(ledger)
    assert data["visit"] == "V1" and data["village"] == "dapo" and data["source"] == "visit"
    assert str(data["received"]) == "2026-03-05" and data["history"][0]["at"].startswith("2026-03-05")
    assert (data["owner"], data["owner_cadre"]) == ("王芳", "C2")  # the first visitor owns it
    assert _visit(ledger, "V1")["issues"] == ["1"]
    assert people(*OPEN, "--visit", "V1", "--owner", "县水务局", "--date", "2026-03-07").stdout == "2\n"
    data = _issue(ledger, "2")
    assert data["owner"] == "县水务局" and "owner_cadre" not in data and str(data["received"]) == "2026-03-07"
    assert _visit(ledger, "V1")["issues"] == ["1", "2"]
    assert people("check").exit_code == 0
    figures = json.loads(people("report", "visits", "2026-03", "-f", "json").stdout)
    assert {r["township"]: r["raised"] for r in figures["rows"]} == {"baishui": 0, "qinglong": 2}


def test_a_duty_day_visit_gives_the_source_and_the_same_village_is_fine(people, ledger: Ledger) -> None:
    assert people(*OPEN, "--visit", "V2", "--village", "shuijing", "--source", "坐访值班").exit_code == 0
    data = _issue(ledger)
    assert data["source"] == "duty-day" and data["visit"] == "V2" and data["owner_cadre"] == "C1"


def test_an_issue_list_json_and_index_see_the_visit(people, ledger: Ledger) -> None:
    people(*OPEN, "--visit", "V1")
    for _ in range(2):  # cold, then warm index
        assert people("check").exit_code == 0
        listed = json.loads(people("issue", "list", "-f", "json").stdout)
        assert listed[0]["owner"] == "王芳"


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["--visit", "V1", "--village", "shuijing"], 1, "dapo"),
        (["--visit", "V1", "--village", "nowhere"], 1, "nowhere"),
        (["--visit", "V1", "--source", "hotline"], 1, "hotline"),
        (["--visit", "V2", "--source", "visit"], 1, "duty-day"),
        (["--visit", "V1", "--date", "2026-03-04"], 1, "2026-03-05"),
        (["--visit", "V1", "--date", "2090-01-01"], 1, "future"),
        (["--visit", "V1", "--owner", "C9"], 1, "C9"),
        (["--visit", "V9"], 1, "V9"),
        (["--visit", "x/../V1"], 1, "x/../V1"),
        ([], 2, "--village"),
    ],
)
def test_open_from_a_visit_refusals_write_nothing(people, ledger: Ledger, snapshot, args, code, says) -> None:
    before = snapshot(ledger.root)
    result = people(*OPEN, *args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == "" and result.stderr.startswith("error:") and says in result.stderr
    assert snapshot(ledger.root) == before


# -- check: issue ↔ visit both ways --------------------------------------------------------------


def test_check_holds_issue_and_visit_links_both_ways(people, ledger: Ledger) -> None:
    people(*OPEN, "--visit", "V1")
    people(*OPEN, "--village", "dapo")
    visit_file = ledger.root / "visits" / "000" / "V1.yaml"
    issue_file = ledger.issue_path("1")
    listed, named = visit_file.read_text(encoding="utf-8"), issue_file.read_text(encoding="utf-8")

    visit_file.write_text(listed.replace("- '1'", "- '2'"), encoding="utf-8")
    problems = json.loads(people("check", "-f", "json").stdout)["problems"]
    got = {(p["file"], p["message"]) for p in problems}
    assert got == {
        ("issues/000/1.yaml", "visit V1 does not list this issue in its issues"),
        ("visits/000/V1.yaml", "issue 2 does not name this visit (its visit: null)"),
    }
    line = next(p["line"] for p in problems if p["file"].startswith("visits"))
    assert visit_file.read_text(encoding="utf-8").splitlines()[line - 1].strip() == "- '2'"

    visit_file.write_text(listed, encoding="utf-8")
    issue_file.write_text(named.replace("visit: V1", "visit: V2"), encoding="utf-8")
    messages = {p["message"] for p in json.loads(people("check", "-f", "json").stdout)["problems"]}
    assert messages == {
        "visit V2 does not list this issue in its issues",
        "issue 1 does not name this visit (its visit: V2)",
        "raised on visit V2, which was in village shuijing: the issue is in another village",
    }
    issue_file.write_text(named.replace("visit: V1", "visit: V8"), encoding="utf-8")
    messages = {p["message"] for p in json.loads(people("check", "-f", "json").stdout)["problems"]}
    assert messages == {"unknown visit V8", "issue 1 does not name this visit (its visit: V8)"}
    issue_file.write_text(named.replace("village: dapo", "village: shuijing"), encoding="utf-8")
    problems = json.loads(people("check", "-f", "json").stdout)["problems"]
    said = "raised on visit V1, which was in village dapo: the issue is in another village"
    assert [(p["file"], p["message"]) for p in problems] == [("issues/000/1.yaml", said)]
    line = problems[0]["line"]
    assert issue_file.read_text(encoding="utf-8").splitlines()[line - 1] == "village: shuijing"
    issue_file.write_text(named.replace("owner_cadre: C2", "owner_cadre: C8"), encoding="utf-8")
    messages = [p["message"] for p in json.loads(people("check", "-f", "json").stdout)["problems"]]
    assert "unknown cadre C8" in messages
    issue_file.write_text(named, encoding="utf-8")
    assert people("check").exit_code == 0


def test_a_visit_on_the_periods_last_day_counts_in_it_with_its_issue(people, ledger: Ledger) -> None:
    assert people("visit", "add", "--village", "dapo", "--cadre", "李明", "--household", "大坡村1组1号",
                  "--stayed", "--date", "2026-03-31").stdout == "V3\n"  # fmt: skip
    assert people(*OPEN, "--visit", "V3").stdout == "1\n"

    def visits(period: str) -> dict:
        return json.loads(people("report", "visits", period, "--township", "qinglong", "-f", "json").stdout)

    def cadre(period: str) -> dict:
        rows = json.loads(people("report", "cadres", period, "-f", "json").stdout)["rows"]
        return next(r for r in rows if r["cadre"] == "C1")

    march = next(r for r in visits("2026-03")["rows"] if r["village"] == "dapo")
    assert (march["visits"], march["visited"], march["cadre_days"], march["raised"]) == (2, 2, 1, 1)
    april = next(r for r in visits("2026-04")["rows"] if r["village"] == "dapo")
    assert (april["visits"], april["raised"], april["cadre_days"]) == (0, 0, 0)
    march_c1 = cadre("2026-03")
    assert (march_c1["visits"], march_c1["days"], march_c1["owned"]) == (3, 1, 1)  # V1, V2 and V3
    assert (cadre("2026-Q1")["days"], cadre("2026-04")["days"], cadre("2026-04")["owned"]) == (1, 0, 1)


def test_issue_show_says_the_visit_and_the_owners_cadre_id(people, ledger: Ledger) -> None:
    people(*OPEN, "--visit", "V1")
    shown = json.loads(people("issue", "show", "1", "-f", "json").stdout)
    assert (shown["owner"], shown["owner_cadre"], shown["visit"]) == ("王芳", "C2", "V1")
    table = people("--lang", "zh", "issue", "show", "1").stdout
    assert "王芳 (C2)" in table and "走访记录" in table and "V1" in table
    people("issue", "assign", "1", "--owner", "乡水利站")
    shown = json.loads(people("issue", "show", "1", "-f", "json").stdout)
    assert (shown["owner"], shown["owner_cadre"]) == ("乡水利站", None)  # the history's, not a stale key


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "visit V1 was in 大坡村 (dapo), not 水井村 (shuijing)"),
        ("zh", "走访 V1 在大坡村 (dapo)，不是水井村 (shuijing)"),
    ],
)
def test_a_visit_of_another_village_is_said_with_the_villages_names(people, lang, said) -> None:
    result = people("--lang", lang, *OPEN, "--visit", "V1", "--village", "水井村")  # typed by its name
    assert result.exit_code == 1 and said in result.stderr, result.stderr

"""`cadre` and `visit` commands: happy paths and every refusal (nothing written)."""

from __future__ import annotations

import json

import pytest

from ledger.store import Ledger


@pytest.fixture
def people(run, ledger: Ledger):
    assert run("cadre", "add", "--name", "李明", "--rank", "乡镇级", "--township", "qinglong",
               "--since", "2026-01-01").stdout == "C1\n"  # fmt: skip
    assert (
        run("cadre", "add", "--name", "王芳", "--rank", "village", "--since", "2026-03-01").stdout == "C2\n"
    )
    return run


def test_cadre_add_list_show_end(people, ledger: Ledger) -> None:
    listed = json.loads(people("cadre", "list", "-f", "json").stdout)
    assert [c["id"] for c in listed] == ["C1", "C2"]
    assert listed[0]["rank"] == "township" and listed[0]["township"] == "qinglong"
    shown = json.loads(people("cadre", "show", "李明", "-f", "json").stdout)
    assert shown["targets_in_force"] == {"days": 60, "households": 120, "deeds": 2}
    assert people("cadre", "list", "--active-on", "2026-02-01", "-f", "csv").stdout.count("\n") == 2
    result = people("cadre", "end", "C2", "--date", "2026-06-30")
    assert result.exit_code == 0, result.stderr
    assert "until: 2026-06-30" in (ledger.root / "cadres/000/C2.yaml").read_text(encoding="utf-8")


def test_visit_add_list_show(people, ledger: Ledger) -> None:
    result = people("visit", "add", "--village", "dapo", "--cadre", "C2", "--cadre", "李明", "--kind", "夜访",
                    "--household", " 大坡村2组18号 ", "--household", "大坡村2组19号", "--stayed",
                    "--answered", "低保政策已当场解释", "--date", "2026-03-05")  # fmt: skip
    assert result.stdout == "V1\n", result.stderr
    shown = json.loads(people("visit", "show", "v1", "-f", "json").stdout)
    assert shown["cadres"] == ["C2", "C1"]  # the order given: C2 is the first visitor
    assert shown["households"] == ["大坡村2组18号", "大坡村2组19号"]
    assert shown["people"] == 2 and shown["stayed"] is True and shown["kind"] == "night"
    assert shown["cadre_names"] == ["王芳", "李明"] and shown["village_name"] == "大坡村"
    assert (ledger.root / "visits/000/V1.yaml").is_file()
    people("visit", "add", "--village", "shuijing", "--cadre", "C1", "--people", "12", "--kind", "meeting",
           "--date", "2026-04-01")  # fmt: skip
    assert [v["id"] for v in json.loads(people("visit", "list", "-f", "json").stdout)] == ["V1", "V2"]
    assert [
        v["id"] for v in json.loads(people("visit", "list", "--township", "baishui", "-f", "json").stdout)
    ] == ["V2"]
    assert [v["id"] for v in json.loads(people("visit", "list", "--cadre", "王芳", "-f", "json").stdout)] == [
        "V1"
    ]
    assert [
        v["id"] for v in json.loads(people("visit", "list", "--since", "2026-03-06", "-f", "json").stdout)
    ] == ["V2"]


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["cadre", "add", "--name", "李明", "--rank", "village"], 1, "already on the roster"),
        (["cadre", "add", "--name", "赵", "--rank", "处级"], 1, "rank"),
        (["cadre", "add", "--name", "赵", "--rank", "village", "--township", "nowhere"], 1, "nowhere"),
        (["cadre", "end", "C9"], 1, "no cadre"),
        (["visit", "add", "--village", "nowhere", "--cadre", "C1", "--date", "2026-03-05"], 1, "nowhere"),
        (["visit", "add", "--village", "dapo", "--cadre", "张三", "--date", "2026-03-05"], 1, "张三"),
        (["visit", "add", "--village", "dapo", "--cadre", "C2", "--date", "2026-02-05"], 1, "not active"),
        (["visit", "add", "--village", "dapo", "--cadre", "C1", "--date", "2098-01-01"], 1, "future"),
        (
            ["visit", "add", "--village", "dapo", "--cadre", "C1", "--people", "-1", "--date", "2026-03-05"],
            1,
            "below 0",
        ),
        (
            [
                "visit",
                "add",
                "--village",
                "dapo",
                "--cadre",
                "C1",
                "--household",
                " ",
                "--date",
                "2026-03-05",
            ],
            1,
            "empty",
        ),
        (
            ["visit", "add", "--village", "dapo", "--cadre", "C1", "--cadre", "李明", "--date", "2026-03-05"],
            1,
            "twice",
        ),
        (
            [
                "visit",
                "add",
                "--village",
                "dapo",
                "--cadre",
                "C1",
                "--kind",
                "picnic",
                "--date",
                "2026-03-05",
            ],
            1,
            "picnic",
        ),
        (["visit", "add", "--village", "dapo", "--date", "2026-03-05"], 2, "--cadre"),
        (["visit", "add", "--village", "dapo", "--cadre", "C1", "--date", "3/5"], 2, "3/5"),
        (["visit", "show", "V7"], 1, "no visit"),
        (["visit", "show", "../x"], 1, "not a visit id"),
    ],
)
def test_refusals_write_nothing(people, ledger: Ledger, snapshot, args, code, says) -> None:
    before = snapshot(ledger.root)
    result = people(*args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.startswith("error:") or "Usage" in result.stderr
    assert says in result.stderr
    assert snapshot(ledger.root) == before


def test_chinese_messages(people) -> None:
    result = people(
        "--lang", "zh", "visit", "add", "--village", "dapo", "--cadre", "C2", "--date", "2026-02-05"
    )
    assert result.exit_code == 1 and "不在任" in result.stderr


def test_pairing_add_with_a_cadre(people, ledger: Ledger, snapshot) -> None:
    result = people("pairing", "add", "--kind", "干部结对户", "--village", "dapo", "--cadre", "李明",
                    "--household", "大坡村2组18号", "--since", "2026-01-01")  # fmt: skip
    assert result.stdout == "P1\n", result.stderr
    text = (ledger.root / "pairings/000/P1.yaml").read_text(encoding="utf-8")
    assert "party: 李明" in text and "cadre: C1" in text
    assert people("pairing", "add", "--kind", "unit-village", "--village", "dapo", "--party", "县水务局",
                  "--cadre", "C2", "--since", "2026-03-01").stdout == "P2\n"  # fmt: skip
    before = snapshot(ledger.root)
    for args in (["--cadre", "C9"], ["--cadre", "张伟"], []):
        result = people("pairing", "add", "--kind", "unit-village", "--village", "dapo", *args)
        assert result.exit_code == 1 and result.stderr.startswith("error:"), result.stderr
    assert snapshot(ledger.root) == before
    assert people("check").exit_code == 0

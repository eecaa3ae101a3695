"""Places as clerks name them (SPEC §4): a village or township by its exact name wherever its
code is taken; an unknown code refused naming the nearest codes and names."""

from __future__ import annotations

import json

import pytest

from ledger.errors import NotFound, Refused
from ledger.placenames import code_of
from ledger.places import add_township, add_village
from ledger.store import Ledger


@pytest.mark.parametrize(
    ("kind", "text", "code"),
    [
        ("village", "dapo", "dapo"),
        ("village", "DAPO", "dapo"),
        ("village", "ｄａｐｏ", "dapo"),
        ("village", "大坡村", "dapo"),
        ("village", " 大坡村 ", "dapo"),
        ("village", "小山社区", "xiaoshan"),
        ("township", "青龙镇", "qinglong"),
        ("township", "baishui", "baishui"),
    ],
)
def test_a_place_by_its_code_or_its_exact_name(ledger: Ledger, kind: str, text: str, code: str) -> None:
    assert code_of(ledger, kind, text) == code


@pytest.mark.parametrize(
    ("kind", "text", "near"),
    [
        ("village", "dapoo", "dapo 大坡村"),
        ("village", "大坡", "dapo 大坡村"),
        ("village", "水井", "shuijing 水井村"),
        ("township", "qinlong", "qinglong 青龙镇"),
        ("township", "白水", "baishui 白水乡"),
    ],
)
def test_an_unknown_place_names_the_nearest(ledger: Ledger, kind: str, text: str, near: str) -> None:
    with pytest.raises(NotFound) as caught:
        code_of(ledger, kind, text)
    assert near in caught.value.message("en") and near in caught.value.message("zh")
    assert text in caught.value.message("en")


def test_a_place_near_nothing_is_simply_not_found(ledger: Ledger) -> None:
    with pytest.raises(NotFound) as caught:
        code_of(ledger, "township", "nowhere")
    assert caught.value.message("en") == "no township 'nowhere'"


def test_a_name_two_places_share_is_refused_naming_both(ledger: Ledger) -> None:
    add_village(ledger, "xincun-a", "新村", "qinglong", actor="测试员")
    add_village(ledger, "xincun-b", "新村", "baishui", actor="测试员")
    with pytest.raises(Refused) as caught:
        code_of(ledger, "village", "新村")
    assert "xincun-a" in caught.value.message("en") and "xincun-b" in caught.value.message("en")
    assert code_of(ledger, "village", "xincun-b") == "xincun-b"


def test_a_code_wins_over_a_name(ledger: Ledger) -> None:
    add_township(ledger, "qinglong2", "dapo", actor="测试员")  # a township named like a village code
    assert code_of(ledger, "village", "dapo") == "dapo"


# -- through the commands ----------------------------------------------------------------------------


def test_names_where_codes_are_taken(ledger: Ledger, run) -> None:
    result = run("issue", "open", "--village", "大坡村", "--title", "路灯坏了", "--category", "hardship")
    assert result.exit_code == 0, result.output
    assert json.loads(run("issue", "show", "1", "-f", "json").stdout)["village"] == "dapo"
    assert run("village", "add", "xincun", "--name", "新村", "--township", "白水乡").exit_code == 0
    assert json.loads(run("village", "show", "新村", "-f", "json").stdout)["township"] == "baishui"
    listed = json.loads(run("issue", "list", "--township", "青龙镇", "-f", "json").stdout)
    assert [row["number"] for row in listed] == ["1"]
    assert json.loads(run("issue", "list", "--village", "水井村", "-f", "json").stdout) == []
    assert (
        json.loads(run("village", "list", "--township", "青龙镇", "-f", "json").stdout)[0]["code"] == "dapo"
    )
    board = json.loads(run("report", "notice", "--village", "大坡村", "-f", "json").stdout)
    assert board["village"] == "dapo"
    assert (
        run(
            "pairing", "add", "--kind", "unit-village", "--party", "县水务局", "--village", "大坡村"
        ).exit_code
        == 0
    )
    assert (
        json.loads(run("pairing", "list", "--village", "大坡村", "-f", "json").stdout)[0]["village"] == "dapo"
    )
    result = run(
        "cadre",
        "add",
        "--name",
        "段志明",
        "--rank",
        "township",
        "--township",
        "青龙镇",
        "--since",
        "2026年1月1日",
    )
    assert result.exit_code == 0, result.output
    cadres = json.loads(run("cadre", "list", "--township", "青龙镇", "-f", "json").stdout)
    assert [c["township"] for c in cadres] == ["qinglong"]
    result = run("visit", "add", "--village", "大坡村", "--cadre", "段志明", "--date", "2026/3/5")
    assert result.exit_code == 0, result.output
    visits = json.loads(run("visit", "list", "--village", "大坡村", "-f", "json").stdout)
    assert [(v["village"], v["date"]) for v in visits] == [("dapo", "2026-03-05")]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ("issue", "open", "--village", "大坡", "--title", "路灯坏了", "--category", "hardship"),
            "dapo 大坡村",
        ),
        (("village", "add", "xincun", "--name", "新村", "--township", "青龙"), "qinglong 青龙镇"),
        (("issue", "list", "--township", "qinlong"), "qinglong 青龙镇"),
        (("report", "notice", "--village", "shuijin"), "shuijing 水井村"),
    ],
)
def test_unknown_places_are_refused_naming_the_nearest(ledger: Ledger, run, snapshot, args, says) -> None:
    before = snapshot(ledger.root)
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("error: ") and says in result.stderr
    assert snapshot(ledger.root) == before

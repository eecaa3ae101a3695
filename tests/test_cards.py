"""Contact cards (SPEC §11): which pairings give cards, and the A4 sheets they are printed on."""

from __future__ import annotations

import json
from datetime import date
from types import SimpleNamespace

import pytest
from pagecheck import external_references, parse

from ledger.cards import CARD_KEYS, contact_cards
from ledger.pages.cards import cards_page

DAY = date(2026, 11, 20)
DUTY = ["tuesday", "thursday"]


def cadre(cid: str, name: str, **more) -> SimpleNamespace:
    fields = {
        "id": cid,
        "name": name,
        "post": "副局长",
        "unit": "县民政局",
        "phone": "0871-5012345",
        "since": date(2026, 1, 1),
        "until": None,
    } | more
    return SimpleNamespace(**fields)


def pairing(kind: str, village: str, cadre_id: str | None, households=(), **more) -> SimpleNamespace:
    fields = {
        "kind": kind,
        "village": village,
        "cadre": cadre_id,
        "households": list(households),
        "since": date(2026, 3, 1),
        "until": None,
    } | more
    return SimpleNamespace(**fields)


ROSTER = {
    "C1": cadre("C1", "杨秀兰"),
    "C2": cadre("C2", "段志明", post=None),
    "C12": cadre("C12", "王建国"),
    "C3": cadre("C3", "已离任", until=date(2026, 6, 30)),
}


def test_household_cards_and_one_village_card_per_cadre() -> None:
    cards = contact_cards(
        [
            pairing("cadre-household", "zhongcun", "C1", ["马家（马有才户）", "钱家"]),
            pairing("unit-village", "zhongcun", "C12"),
            pairing("work-team", "zhongcun", "C12"),  # a second pairing: still one card
            pairing("leader-village", "dapo", "C2"),
            pairing("unit-village", "dapo", None),  # no cadre: no card
            pairing("cadre-household", "dapo", "C2", ["李家"], until=date(2026, 9, 30)),  # ended
            pairing("first-secretary", "huaxi", "C3"),  # the cadre has left
            pairing("work-team", "huaxi", "C1", since=date(2026, 12, 1)),  # not yet begun
        ],
        ROSTER,
        DAY,
        DUTY,
    )
    assert [(c["village"], c["cadre"], c["household"]) for c in cards] == [
        ("dapo", "C2", None),
        ("zhongcun", "C1", "钱家"),
        ("zhongcun", "C1", "马家（马有才户）"),
        ("zhongcun", "C12", None),
    ]
    assert all(tuple(c) == CARD_KEYS for c in cards)
    assert cards[0] == {
        "cadre": "C2",
        "name": "段志明",
        "post": None,
        "unit": "县民政局",
        "phone": "0871-5012345",
        "village": "dapo",
        "household": None,
        "duty_days": DUTY,
    }


def test_cadre_ids_in_numeric_order_and_filters() -> None:
    pairings = [
        pairing("unit-village", "zhongcun", "C12"),
        pairing("unit-village", "zhongcun", "C2"),
        pairing("unit-village", "dapo", "C12"),
    ]
    assert [c["cadre"] for c in contact_cards(pairings, ROSTER, DAY, DUTY, village="zhongcun")] == [
        "C2",
        "C12",
    ]
    assert [c["village"] for c in contact_cards(pairings, ROSTER, DAY, DUTY, cadre="C12")] == [
        "dapo",
        "zhongcun",
    ]


def test_no_resident_phone_on_a_card() -> None:
    cards = contact_cards(
        [pairing("cadre-household", "dapo", "C1", ["张家 13912345678", "李家0871-6612345"])],
        ROSTER,
        DAY,
        DUTY,
    )
    assert [c["household"] for c in cards] == ["张家 ***", "李家***"]
    assert cards[0]["phone"] == "0871-5012345"  # the cadre's work phone stays


def card_list(n: int) -> list[dict]:
    return [
        {
            "cadre": f"C{i}",
            "name": f"干部{i}",
            "post": "股长" if i % 3 else "县民政局社会救助股股长兼驻村工作队队员",
            "unit": "县民政局<b>" if i % 3 else "华宁县人力资源和社会保障局（县就业服务中心）<b>",
            "phone": f"0871-50{i:05d}",
            "village": "dapo",
            "household": None if i % 3 else f"户{i}",
            "duty_days": DUTY,
        }
        for i in range(1, n + 1)
    ]


def test_eight_cards_to_a_sheet_with_every_field() -> None:
    cards = card_list(11)
    html = cards_page(cards, ledger_name="华宁县民情台账", lang="zh", villages={"dapo": "大坡村"})
    page = parse(html)
    assert page.tags.count("section") == 2
    assert html.count('class="card"') == 11
    assert external_references(html) == [] and "<b>" not in html
    text = page.text
    for c in cards:
        for key in ("name", "post", "phone"):
            assert c[key] in text
        if c["household"]:
            assert c["household"] in text
    assert "县民政局<b>" in text and "大坡村" in text and "周二、周四" in text
    assert text.count("有困难找我") == 11 and text.count("干群连心卡") == 11
    assert "dashed" in html and "grid-template-rows:repeat(4,74.25mm)" in html
    assert "@page{size:A4;margin:0" in html


def test_cards_in_english_and_when_there_are_none() -> None:
    html = cards_page(card_list(1), ledger_name="x", lang="en", villages={})
    assert "In need? Come to me." in parse(html).text and "Tuesday, Thursday" in parse(html).text
    empty = parse(cards_page([], ledger_name="x", lang="en", villages={}))
    assert "No card" in empty.text and "section" not in empty.tags


# -- caseledger cards ---------------------------------------------------------------------------


def put_pairing(
    ledger, pid: str, kind: str, village: str, cadre_id: str | None, households=(), **more
) -> None:
    from ledger.pairing import Pairing

    record = Pairing(id=pid, kind=kind, party="县民政局", village=village, households=list(households),
                     since=date(2026, 1, 1), cadre=cadre_id, **more)  # fmt: skip
    ledger.create(ledger.record_path("pairing", pid), record)


@pytest.fixture
def card_run(ledger, run):
    from ledger.roster import add_cadre

    add_cadre(ledger, name="杨秀兰", rank="county", unit="县民政局", post="副局长", phone="0871-5012345",
              since=date(2026, 1, 1), actor="x")  # fmt: skip
    add_cadre(ledger, name="段志明", rank="township", unit="青龙镇", post="副镇长", phone="0871-5098765",
              since=date(2026, 1, 1), actor="x")  # fmt: skip
    put_pairing(ledger, "P1", "cadre-household", "dapo", "C1", ["马家（马有才户）", "钱家 13912345678"])
    put_pairing(ledger, "P2", "unit-village", "shuijing", "C2")
    put_pairing(ledger, "P3", "unit-village", "shuijing", None)
    put_pairing(ledger, "P4", "leader-village", "dapo", "C2", until=date(2026, 1, 31))
    return run


def test_cards_json(card_run) -> None:
    result = card_run("cards", "--format", "json")
    assert result.exit_code == 0, result.output
    cards = json.loads(result.stdout)
    assert [(c["village"], c["cadre"], c["household"]) for c in cards] == [
        ("dapo", "C1", "钱家 ***"),
        ("dapo", "C1", "马家（马有才户）"),
        ("shuijing", "C2", None),
    ]
    assert all(list(c) == list(CARD_KEYS) for c in cards)
    assert cards[2] == {"cadre": "C2", "name": "段志明", "post": "副镇长", "unit": "青龙镇",
                             "phone": "0871-5098765", "village": "shuijing", "household": None,
                             "duty_days": ["tuesday", "thursday"]}  # fmt: skip
    assert "13912345678" not in result.stdout


def test_cards_html_by_default_and_filters(card_run) -> None:
    result = card_run("--lang", "zh", "cards", "--village", "dapo")
    assert result.exit_code == 0, result.output
    page = parse(result.stdout)
    assert result.stdout.count('class="card"') == 2 and "大坡村" in page.text and "0871-5012345" in page.text
    assert "13912345678" not in result.stdout and external_references(result.stdout) == []
    by_name = json.loads(card_run("cards", "--cadre", "段志明", "--format", "json").stdout)
    assert [c["cadre"] for c in by_name] == ["C2"]


@pytest.mark.parametrize("args", [("--cadre", "无此人"), ("--village", "nowhere")])
def test_cards_refuse_unknown_cadre_or_village(card_run, args) -> None:
    result = card_run("cards", *args)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("error:")


def test_cards_to_a_file(card_run, tmp_path) -> None:
    out = tmp_path / "cards.html"
    result = card_run("cards", "--output", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").count('class="card"') == 3

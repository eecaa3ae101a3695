"""`report aid`'s figures as a pure function: groups, the null-key row, the total, exact sums."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace as NS
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import money
from ledger.aid import Aid
from ledger.aid_report import aid_figures

TOWNSHIPS = [
    NS(code="qinglong", name="青龙镇"),
    NS(code="baishui", name="白水镇"),
    NS(code="empty", name="空乡"),
]
VILLAGES = [NS(code="dapo", township="qinglong"), NS(code="xiaohe", township="baishui")]
PAIRINGS = [NS(id="P1", party="县水务局"), NS(id="P2", party="王书记")]
CADRES = [NS(id="C2", name="李四"), NS(id="C10", name="张三")]
Q3 = (date(2026, 7, 1), date(2026, 9, 30))


def aid(n: int, **fields: Any) -> Aid:
    data = {"id": f"A{n}", "date": "2026-08-01", "village": "dapo", "kind": "funds", "title": "补助"} | fields
    return Aid.model_validate(data)


def figures(records: list[Aid], by: str) -> dict[str, Any]:
    return aid_figures(
        records, by=by, townships=TOWNSHIPS, villages=VILLAGES, pairings=PAIRINGS, cadres=CADRES,
        first_day=Q3[0], last_day=Q3[1], period="2026-Q3",
    )  # fmt: skip


RECORDS = [
    aid(1, amount=Decimal("12000.50"), pairing="P1", cadres=["C2", "C10"], household="2组18号"),
    aid(2, kind="goods", amount=3000, pairing="P1", household=" 2组18号 "),
    aid(3, kind="training", village="xiaohe", cadres=["C10"]),
    aid(4, kind="project", amount=Decimal("0.10"), village="xiaohe", pairing="P2"),
    aid(5, amount=99, date="2026-06-30", pairing="P1"),  # before the quarter
]


def test_by_township_all_townships_with_zeros() -> None:
    result = figures(RECORDS, "township")
    assert [r["township"] for r in result["rows"]] == ["baishui", "empty", "qinglong"]
    baishui, empty, qinglong = result["rows"]
    assert qinglong == {
        "township": "qinglong", "name": "青龙镇", "records": 2, "households": 1, "funds": "12000.50",
        "goods": "3000.00", "project": "0.00", "service": "0.00", "training": "0.00", "amount": "15000.50",
    }  # fmt: skip
    assert empty["records"] == 0 and empty["amount"] == "0.00"
    assert baishui["records"] == 2 and baishui["project"] == "0.10" and baishui["amount"] == "0.10"
    assert result["total"]["township"] == "total"
    assert result["total"]["records"] == 4 and result["total"]["amount"] == "15000.60"
    assert (result["period"], result["from"], result["to"]) == ("2026-Q3", "2026-07-01", "2026-09-30")


def test_by_party_with_a_null_row() -> None:
    result = figures(RECORDS, "party")
    assert [(r["party"], r["records"], r["amount"]) for r in result["rows"]] == [
        ("县水务局", 2, "15000.50"),
        ("王书记", 1, "0.10"),
        (None, 1, "0.00"),
    ]
    assert result["total"]["records"] == 4


def test_by_cadre_counts_a_record_for_each_cadre_and_the_total_once() -> None:
    result = figures(RECORDS, "cadre")
    assert [(r["cadre"], r["name"], r["records"], r["amount"]) for r in result["rows"]] == [
        ("C2", "李四", 1, "12000.50"),
        ("C10", "张三", 2, "12000.50"),
        (None, None, 2, "3000.10"),
    ]
    assert sum(r["records"] for r in result["rows"]) == 5
    assert result["total"]["records"] == 4 and result["total"]["amount"] == "15000.60"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 10**14 - 1), max_size=40), st.sampled_from(["township", "party", "cadre"]))
def test_sums_are_the_exact_decimal_sum(cents: list[int], by: str) -> None:
    amounts = [money.from_cents(c) for c in cents]
    records = [aid(n, amount=a, pairing="P2", cadres=["C2"]) for n, a in enumerate(amounts, 1)]
    result = figures(records, by)
    exact = sum(amounts, Decimal(0))
    assert result["total"]["amount"] == f"{exact:.2f}" == result["total"]["funds"]
    assert Decimal(result["total"]["amount"]) == exact

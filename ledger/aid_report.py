"""`report aid PERIOD --by township|party|cadre` (SPEC §9): what the pairings delivered.

Sums are kept in integer cents, so they are exact at any size; JSON prints them as
two-decimal strings (`ledger.money`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from ledger import money
from ledger.enums import AidKind

BY = ("township", "party", "cadre")
KIND_KEYS = tuple(kind.value for kind in AidKind)
AMOUNT_KEYS = (*KIND_KEYS, "amount")
KEYS = ("records", "households", *AMOUNT_KEYS)


class _Sum:
    __slots__ = ("cents", "households", "records")

    def __init__(self) -> None:
        self.records = 0
        self.households: set[tuple[str, str]] = set()
        self.cents = dict.fromkeys(AMOUNT_KEYS, 0)

    def add(self, aid: Any) -> None:
        self.records += 1
        if aid.household:
            self.households.add((aid.village, aid.household.strip()))
        if aid.amount is not None:
            cents = money.to_cents(aid.amount)
            self.cents[str(getattr(aid.kind, "value", aid.kind))] += cents
            self.cents["amount"] += cents

    def figures(self) -> dict[str, Any]:
        return {"records": self.records, "households": len(self.households)} | {
            key: money.cents_json(value) for key, value in self.cents.items()
        }


def aid_figures(
    records: Iterable[Any],
    *,
    by: str,
    townships: Sequence[Any],
    villages: Sequence[Any],
    pairings: Sequence[Any],
    cadres: Sequence[Any],
    first_day: date,
    last_day: date,
    period: str,
) -> dict[str, Any]:
    """Rows by township (all of them, sorted by code, zeros kept), by pairing party or by cadre
    (a record naming two cadres counts for each), a row with a null key for records without a
    party or cadre, and a `total` that counts every record once. Records dated in the period only.
    """
    town_of = {v.code: v.township for v in villages}
    party_of = {p.id: p.party for p in pairings}
    name_of = {c.id: c.name for c in cadres}
    groups: dict[str | None, _Sum] = {}
    if by == "township":
        groups = {t.code: _Sum() for t in sorted(townships, key=lambda t: t.code)}
    total = _Sum()
    for aid in records:
        if not first_day <= aid.date <= last_day:
            continue
        total.add(aid)
        if by == "township":
            keys: list[str | None] = [town_of.get(aid.village)]
        elif by == "party":
            keys = [party_of.get(aid.pairing) if aid.pairing else None]
        else:
            keys = list(aid.cadres) or [None]
        for key in keys:
            if by == "township" and key not in groups:
                continue  # a village of no known township: `check` names it; the total counts it
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Sum()
            group.add(aid)
    rows = []
    for key in sorted(groups, key=lambda k: _order(by, k)):
        row: dict[str, Any] = {by: key}
        if by == "township":
            row["name"] = next((t.name for t in townships if t.code == key), key)
        elif by == "cadre":
            row["name"] = name_of.get(key) if key is not None else None
        rows.append(row | groups[key].figures())
    head: dict[str, Any] = {by: "total"} | ({"name": "total"} if by != "party" else {})
    return {
        "period": period,
        "from": first_day.isoformat(),
        "to": last_day.isoformat(),
        "by": by,
        "rows": rows,
        "total": head | total.figures(),
    }


def _order(by: str, key: str | None) -> tuple[Any, ...]:
    """Rows in key order (cadre ids numerically: C2 before C10), the null-key row last."""
    if key is None:
        return (1, "", 0)
    if by == "cadre":
        prefix, _, rest = key.rpartition("-")
        digits = rest.lstrip("C")
        return (0, prefix, int(digits) if digits.isdigit() else 0, key)
    return (0, key, 0)

"""Importing aid records (帮扶台账) from a sheet (SPEC §10 over §9), read as `aid add` reads
its options: kinds by key or Chinese label, amounts exact (a number cell, or text such as
3,000.50 or 3万), villages by code or name, the pairing of the same village, cadres by id or
name, an issue already in the ledger, no date in the future."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ledger.errors import Invalid, Refused
from ledger.import_people import Logged, Team, issue_number
from ledger.importing import (
    Plan,
    Progress,
    parse_day,
    parse_enum,
    parse_list,
    parse_text,
    place_code,
    row_loop,
    village_names,
)

if TYPE_CHECKING:
    from ledger.spreadsheet import Sheet
    from ledger.store import Ledger


def parse_money(value: Any) -> Decimal:
    """An amount in yuan from a number cell or typed text, exact: a cell's number is taken by
    its shortest decimal form (1200.5, never 1200.4999…), then held to the money rule."""
    from ledger import money

    try:
        if isinstance(value, bool):
            raise money.AmountProblem("error.amount.bad", value)
        if isinstance(value, int):
            return money.checked(Decimal(value))
        if isinstance(value, float):
            return money.checked(Decimal(repr(value)), parse_text(value))
        return money.read_amount(parse_text(value) or "")
    except money.AmountProblem as exc:
        raise Invalid(exc.key, value=parse_text(value) or "") from None


def aid_rows(
    ledger: Ledger,
    plan: Plan,
    keys: Sequence[str | None],
    sheet: Sheet,
    actor: str,
    progress: Progress | None,
) -> None:
    """帮扶台账 rows, new or not as `Logged` says; content: the day, village, kind, title, amount
    and household."""
    from ledger.aid import Aid
    from ledger.aids import load_aid, pairing_of
    from ledger.enums import AidKind
    from ledger.placenames import with_name

    logged = Logged(ledger, "aid", load_aid(ledger), keys, sheet, _aid_key)
    names = village_names(ledger)
    team = Team(ledger)
    last_day = ledger.today()

    def one(row: int, cells: dict[str, Any]) -> None:
        day = parse_day(cells["date"]) if "date" in cells else None
        if day is not None and day > last_day:
            raise Refused("error.aid_in_future", day=day.isoformat())
        village = place_code(cells["village"], names, "village") if "village" in cells else None
        pairing = None
        if "pairing" in cells:
            found = pairing_of(ledger, parse_text(cells["pairing"]) or "")
            if found.village != village:
                raise Refused(
                    "error.aid_pairing_village",
                    pairing=found.id,
                    other=with_name(found.village, names.get(found.village)),
                    village=with_name(village, names.get(village)) if village is not None else "",
                )
            pairing = found.id
        cadres: list[str] = []
        for text in parse_list(cells.get("cadres")):
            cid = team.one(text).id
            if cid in cadres:
                raise Invalid("error.cadre_twice", id=cid)
            cadres.append(cid)
        fields: dict[str, Any] = {
            "date": day,
            "village": village,
            "kind": parse_enum(cells["kind"], AidKind) if "kind" in cells else None,
            "title": parse_text(cells.get("title")),
            "amount": parse_money(cells["amount"]) if "amount" in cells else None,
            "pairing": pairing,
            "cadres": cadres,
            "household": parse_text(cells.get("household")),
            "issue": issue_number(ledger, parse_text(cells["issue"]) or "") if "issue" in cells else None,
            "ref": parse_text(cells.get("ref")),
        }
        logged.add(plan, row, Aid, parse_text(cells.get("id")), fields)

    row_loop(plan, keys, sheet, progress, one)


def _aid_key(a: Any) -> tuple[Any, ...]:
    return (a.date, a.village, str(a.kind), a.title, a.amount, (a.household or "").strip())

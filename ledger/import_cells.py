"""Every problem of an imported row, not only the first (reviewer's finding): a row's builder
stops at its first problem, so the cells that can be judged alone (vocabularies, dates, counts,
yes/no, phones, amounts) are then read one by one and each problem found is said too."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ledger.errors import LedgerError

if TYPE_CHECKING:
    from ledger.store import Ledger

Check = Callable[[Any], object]


def _checks(kind: str) -> dict[str, Check]:
    from ledger import enums
    from ledger.import_aid import parse_money
    from ledger.importing import parse_bool, parse_count, parse_day, parse_enum, parse_phone, parse_text

    def enum(vocabulary: Any) -> Check:
        return lambda value: parse_enum(value, vocabulary)

    def phone(value: Any) -> object:
        return parse_phone(parse_text(value) or "")

    days = {key: parse_day for key in ("since", "until")}
    table: dict[str, dict[str, Check]] = {
        "townships": {},
        "villages": {"kind": enum(enums.VillageKind), "households": parse_count},
        "cadres": {"rank": enum(enums.Rank), "phone": phone, **days},
        "pairings": {"kind": enum(enums.PairingKind), "visits_per_year": parse_count, **days},
        "issues": {
            "category": enum(enums.Category),
            "source": enum(enums.Source),
            "level": enum(enums.Level),
            "status": enum(enums.Status),
            "disposition": enum(enums.Disposition),
            "satisfaction": enum(enums.Satisfaction),
            "received": parse_day,
            "deadline": parse_day,
            "closed": parse_day,
            "private": parse_bool,
            "phone": phone,
        },
        "visits": {
            "date": parse_day,
            "kind": enum(enums.VisitKind),
            "people": parse_count,
            "stayed": parse_bool,
        },
        "aid": {"date": parse_day, "kind": enum(enums.AidKind), "amount": parse_money},
    }
    return table.get(kind, {})


def cell_problems(ledger: Ledger, kind: str) -> Callable[[Mapping[str, Any], LedgerError], list[LedgerError]]:
    """For one import: a row's cells → the problems of those that can be judged alone, in the
    sheet's column order, besides `first` (the one its builder stopped at)."""
    from ledger.importing import load_records, place_code

    places: dict[str, dict[str, str]] = {}

    def place(what: str) -> Check:
        def check(value: Any) -> object:
            if what not in places:  # read once per import, and only when a row has a problem
                places[what] = {p.code: p.name for p in load_records(ledger, what)}
            return place_code(value, places[what], what)

        return check

    def problems(cells: Mapping[str, Any], first: LedgerError) -> list[LedgerError]:
        checks = _checks(kind)
        if kind != "townships":
            checks = {"township": place("township"), **checks}
        if kind not in ("townships", "villages"):
            checks = {"village": place("village"), **checks}
        said = {(first.key, repr(first.params))}
        found: list[LedgerError] = []
        for key, value in cells.items():
            check = checks.get(key)
            if check is None:
                continue
            try:
                check(value)
            except LedgerError as exc:
                if (exc.key, repr(exc.params)) not in said:
                    said.add((exc.key, repr(exc.params)))
                    found.append(exc)
        return found

    return problems

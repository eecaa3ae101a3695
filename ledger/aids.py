"""Aid records (帮扶: funds, goods and work delivered, SPEC §9): adding, listing, reporting.

The model is `ledger.aid.Aid`; the figures of `report aid` are `ledger.aid_report`'s.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.errors import Invalid, NotFound, Refused, UsageError
from ledger.kinds import KINDS, id_order, next_id
from ledger.transaction import writing

if TYPE_CHECKING:
    from ledger.aid import Aid
    from ledger.badfiles import Rows
    from ledger.pairing import Pairing
    from ledger.periods import Period
    from ledger.store import Ledger

AID = KINDS["aid"]
# `--by` as clerks may type it: the key or its Chinese word.
BY_WORDS = {
    "township": "township", "乡镇": "township",
    "party": "party", "结对单位": "party", "单位": "party",
    "cadre": "cadre", "干部": "cadre",
}  # fmt: skip


def pairing_of(ledger: Ledger, text: str) -> Pairing:
    """The pairing a typed id names (`P3`, `p3`, `Ｐ３`, `QL-P3`; in a QL copy P3 is QL-P3 when
    that exists); NotFound when there is none."""
    from ledger.typed import id_candidates

    ids = id_candidates(text, "P", ledger.office)
    if ids is None:
        raise NotFound("error.no_pairing", code=text)
    for pid in ids:
        try:
            return ledger.pairing(pid)
        except NotFound:
            continue
    raise NotFound("error.no_pairing", code=ids[-1])


def add_aid(
    ledger: Ledger,
    *,
    village: str,
    kind: str,
    title: str,
    amount: str | None = None,
    pairing: str | None = None,
    cadres: Sequence[str] = (),
    household: str | None = None,
    issue: str | None = None,
    day: date | None = None,
    actor: str,
    commit: bool = False,
) -> Aid:
    """Record one delivery of aid. Refused, nothing written: an unknown village, pairing, cadre
    or issue; a pairing of another village; an amount that is not money (`abc`, `-5`, `1.005`,
    `3万万`); a future date; an empty household."""
    from ledger.aid import Aid
    from ledger.enums import AidKind
    from ledger.money import parse_amount
    from ledger.numbers import find_path
    from ledger.placenames import named, with_name
    from ledger.places import build
    from ledger.roster import resolve_cadre

    when = day or ledger.today()
    if when > ledger.today():
        raise Refused("error.aid_in_future", day=when.isoformat())
    member = AidKind.parse(kind)
    money = parse_amount(amount) if amount is not None else None
    label = household.strip() if household is not None else None
    if household is not None and not label:
        raise Invalid("error.household_empty")
    with writing(ledger, actor, commit=commit) as write:
        place = ledger.village(village)
        pid = None
        if pairing is not None:
            found = pairing_of(ledger, pairing)
            if found.village != place.code:
                raise Refused(
                    "error.aid_pairing_village",
                    pairing=found.id,
                    other=named(ledger, "village", found.village),
                    village=with_name(place.code, place.name),
                )
            pid = found.id
        team: list[str] = []
        for text in cadres:
            cid = resolve_cadre(ledger, text).id
            if cid in team:
                raise Invalid("error.cadre_twice", id=cid)
            team.append(cid)
        number = find_path(ledger, issue)[1] if issue is not None else None
        aid_id = next_id(ledger, AID, ledger.office)
        record = build(
            Aid,
            id=aid_id,
            date=when,
            village=place.code,
            kind=member,
            title=title,
            amount=money,
            pairing=pid,
            cadres=team,
            household=label,
            issue=number,
        )
        write.create(ledger.root / AID.rel(aid_id), record)
        shown = f" {record.amount}" if record.amount is not None else ""
        write.say("commit.aid.add", id=aid_id, day=when.isoformat(), place=place.name, kind=member,
                  amount=shown, title=record.title)  # fmt: skip
    return record


def load_aid(
    ledger: Ledger,
    *,
    skip_bad: bool = False,
    villages: Sequence[Any] | None = None,
    light: bool = False,
    progress: Any = None,
    between: tuple[date, date] | None = None,
) -> Rows[Aid]:
    """Every usable aid record, by id. Bad files (unreadable, invalid, a copy not named by its
    id, an unknown village) are refused naming them, or with `skip_bad` left out and listed in
    `.skipped` (SPEC §4, `ledger.badfiles`). `light`: as read-only rows with the same fields
    (`ledger.recordscan.scan_rows`, what the reports read), else as models; `between`: light
    rows dated in it (`badfiles.kind_records`)."""
    from ledger.badfiles import usable_records

    return usable_records(
        ledger, "aid", skip_bad=skip_bad, villages=villages, light=light, progress=progress, between=between
    )


def list_aid(
    ledger: Ledger,
    *,
    village: str | None = None,
    township: str | None = None,
    pairing: str | None = None,
    cadre: str | None = None,
    since: date | None = None,
    until: date | None = None,
    skip_bad: bool = False,
) -> Rows[Aid]:
    """`aid list`: the records matching every filter given, by id (`.skipped`: bad files left
    out with `skip_bad`)."""
    from ledger.places import list_villages
    from ledger.roster import resolve_cadre

    if village is not None:
        village = ledger.village(village).code
    codes = {v.code for v in list_villages(ledger, township)} if township is not None else None
    pid = pairing_of(ledger, pairing).id if pairing is not None else None
    cid = resolve_cadre(ledger, cadre).id if cadre is not None else None
    from ledger.badfiles import Rows

    found = load_aid(ledger, skip_bad=skip_bad, light=True)
    chosen = [
        a
        for a in found
        if (village is None or a.village == village)
        and (codes is None or a.village in codes)
        and (pid is None or a.pairing == pid)
        and (cid is None or cid in a.cadres)
        and (since is None or a.date >= since)
        and (until is None or a.date <= until)
    ]
    return Rows([a.model() for a in chosen], found.skipped)  # models of the records listed only


def aid_report(
    ledger: Ledger, period_text: str, by: str = "township", *, skip_bad: bool = False, progress: Any = None
) -> dict[str, Any]:
    """`report aid PERIOD [--by township|party|cadre]` (SPEC §9); `skipped` with `skip_bad`."""
    from ledger.aid_report import BY, aid_figures
    from ledger.badfiles import place_problems, usable_rows
    from ledger.periods import parse_period

    period = parse_period(period_text)
    chosen = BY_WORDS.get(unicodedata.normalize("NFKC", by).strip().lower())
    if chosen is None:
        raise UsageError("error.aid_by", value=by, choices=", ".join(BY))
    by = chosen
    townships, villages, place_bad = place_problems(ledger)
    reads = {
        "aid": None,
        **({"pairing": None} if by == "party" else {}),
        **({"cadre": None} if by == "cadre" else {}),
    }
    rows, skipped = usable_rows(ledger, reads, villages, skip_bad=skip_bad, also=place_bad, progress=progress)
    result = aid_figures(
        sorted(rows["aid"], key=lambda a: id_order(AID, a.id)),
        by=by,
        townships=townships,
        villages=villages,
        pairings=rows.get("pairing", []),
        cadres=rows.get("cadre", []),
        first_day=period.first,
        last_day=period.last,
        period=period.label,
    )
    if skip_bad:
        result["skipped"] = skipped
    return result


def deeds_of(records: Sequence[Any], period: Period) -> dict[str, int]:
    """Per cadre id: aid records dated in the period that list the cadre (实事, SPEC §8/§9)."""
    counts: dict[str, int] = {}
    for record in records:
        if period.first <= record.date <= period.last:
            for cid in record.cadres:
                counts[cid] = counts.get(cid, 0) + 1
    return counts

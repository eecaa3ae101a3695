"""Townships, villages and pairings: adding, listing and ending them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.errors import Invalid, Refused
from ledger.store import Ledger, safe_key
from ledger.validation import build as build

# `ledger.transaction` is imported by the writers below, not up here: `issue show` reads places.

if TYPE_CHECKING:
    from ledger.badfiles import Rows
    from ledger.pairing import Pairing
    from ledger.township import Township
    from ledger.village import Village


def add_township(ledger: Ledger, code: str, name: str, *, actor: str, commit: bool = False) -> Township:
    from ledger.township import Township
    from ledger.transaction import writing

    township = build(Township, code=code, name=name)
    path = ledger.record_path("township", township.code)
    with writing(ledger, actor, commit=commit) as write:
        if path.exists():
            raise Refused("error.township_exists", code=township.code)
        write.create(path, township)
        write.say("commit.township.add", code=township.code, name=township.name)
    return township


def add_village(
    ledger: Ledger,
    code: str,
    name: str,
    township: str,
    *,
    households: int | str | None = None,
    kind: str | None = None,
    actor: str,
    commit: bool = False,
) -> Village:
    from ledger.enums import VillageKind
    from ledger.transaction import writing
    from ledger.typed import parse_count
    from ledger.village import Village

    township = ledger.township(township).code  # a code or its name; NotFound naming the nearest
    fields: dict[str, Any] = {"code": code, "name": name, "township": township}
    if households is not None:
        fields["households"] = parse_count(households, "--households", "households")
    if kind is not None:
        fields["kind"] = VillageKind.parse(kind)
    village = build(Village, **fields)
    path = ledger.record_path("village", village.code)
    with writing(ledger, actor, commit=commit) as write:
        if path.exists():
            raise Refused("error.village_exists", code=village.code)
        ledger.township(village.township)  # NotFound when the township is unknown
        write.create(path, village)
        write.say("commit.village.add", code=village.code, name=village.name, township=village.township)
    return village


def list_townships(ledger: Ledger, *, skip_bad: bool = False) -> Rows[Township]:
    """Every usable township, by code; bad files (unreadable, a copy) refused naming them, or
    with `skip_bad` left out and listed in `.skipped` (SPEC §4)."""
    from ledger.badfiles import usable_records

    return usable_records(ledger, "township", skip_bad=skip_bad)


def list_villages(ledger: Ledger, township: str | None = None, *, skip_bad: bool = False) -> Rows[Village]:
    """The usable villages (of `township`, a code or its name), by township and code; bad
    village and township files (unreadable, a copy, a village of an unknown township) refused
    naming them, or with `skip_bad` left out and listed in `.skipped` (SPEC §4)."""
    from ledger.badfiles import Rows, place_problems, settle

    if township is not None:
        township = ledger.township(township).code
    _townships, villages, problems = place_problems(ledger)
    skipped = settle(problems, skip_bad)
    chosen = [v for v in villages if township is None or v.township == township]
    return Rows(sorted(chosen, key=lambda v: (v.township, v.code)), skipped)


def add_pairing(
    ledger: Ledger,
    *,
    kind: str,
    party: str | None,
    village: str,
    households: list[str] | None = None,
    since: date,
    until: date | None = None,
    visits_per_year: int | str | None = None,
    cadre: str | None = None,
    actor: str,
    commit: bool = False,
) -> Pairing:
    """Add a pairing; with `cadre` (a CADRE: id or exact name) it stores `cadre: <id>`, and
    `party` defaults to the cadre's name (SPEC §8)."""
    from ledger.enums import PairingKind
    from ledger.pairing import Pairing
    from ledger.transaction import writing
    from ledger.typed import parse_count

    member = PairingKind.parse(kind)
    if visits_per_year is not None:
        visits_per_year = parse_count(visits_per_year, "--visits-per-year", "visits_per_year")
    with writing(ledger, actor, commit=commit) as write:
        village = ledger.village(village).code
        cadre_id = None
        if cadre is not None:
            from ledger.roster import ensure_active, resolve_cadre

            chosen = resolve_cadre(ledger, cadre)
            ensure_active(chosen, since)  # not a pairing starting after the cadre left, or before
            cadre_id = chosen.id
            party = party or chosen.name
        if not party:
            raise Invalid("error.pairing_no_party")
        pid = next_pairing_id(ledger)
        pairing = build(
            Pairing,
            id=pid,
            kind=member,
            party=party,
            village=village,
            households=households or [],
            since=since,
            until=until,
            visits_per_year=visits_per_year,
            cadre=cadre_id,
        )
        write.create(ledger.record_path("pairing", pid), pairing)
        write.say("commit.pairing.add", id=pid, kind=member, party=pairing.party, village=village)
    return pairing


def next_pairing_id(ledger: Ledger) -> str:
    """P1, P2, … with this copy's office prefix (QL-P1), counting only that prefix."""
    from ledger.kinds import KINDS, next_id

    return next_id(ledger, KINDS["pairing"], ledger.office)


def list_pairings(
    ledger: Ledger,
    *,
    village: str | None = None,
    party: str | None = None,
    active_on: date | None = None,
    skip_bad: bool = False,
) -> Rows[Pairing]:
    """`pairing list`: the pairings matching every filter given, by id (`.skipped`: bad files
    left out with `skip_bad`, SPEC §4)."""
    from ledger.badfiles import Rows, usable_records

    if village is not None:
        village = ledger.village(village).code
    rows = usable_records(ledger, "pairing", skip_bad=skip_bad, light=True)  # by id
    # chosen on the light rows first (`village show`, the cards: one village of 50,000 pairings),
    # so that only those listed are made into models
    records = [p.model() for p in rows if (village is None or p.village == village)]
    chosen = [
        p
        for p in records
        if (party is None or party in p.party) and (active_on is None or p.active_on(active_on))
    ]
    return Rows(chosen, rows.skipped)


def end_pairing(ledger: Ledger, pid: str, day: date, *, actor: str, commit: bool = False) -> Pairing:
    """Set `until`; `pid` as typed (`P3`, `p3`, `Ｐ３`, `P3号`; in a QL copy P3 is QL-P3 when
    that exists)."""
    from ledger.transaction import writing
    from ledger.typed import id_candidates

    ids = id_candidates(pid, "P", ledger.office) if isinstance(pid, str) else None
    if ids is None:
        safe_key(pid, "pairing")  # refused as not a pairing id
        ids = [pid]
    found = [i for i in ids if ledger.record_path("pairing", i).is_file()]
    pid = found[0] if found else ids[-1]
    with writing(ledger, actor, commit=commit) as write:
        pairing = ledger.pairing(pid)
        if pairing.until is not None:
            raise Refused("error.pairing_ended", code=pid, day=pairing.until.isoformat())
        if day < pairing.since:
            raise Refused("error.pairing_end_before_start", code=pid, since=pairing.since.isoformat())
        pairing.until = day
        write.update(ledger.record_path("pairing", pid), pairing)
        write.say("commit.pairing.end", id=pid, day=day.isoformat())
    return pairing


@dataclass(frozen=True)
class PlaceNames:
    """Code → name of every village and township, for tables that show places by name (大坡村)
    where files and json/csv keep the codes. A code without a record shows as itself."""

    villages: dict[str, str]
    townships: dict[str, str]


def place_names(ledger: Ledger) -> PlaceNames:
    """The names of the ledger's places; files that cannot be read are left to the readers."""
    villages, _ = ledger.load_all("village")
    townships, _ = ledger.load_all("township")
    return PlaceNames({v.code: v.name for v in villages}, {t.code: t.name for t in townships})


def village_view(ledger: Ledger, code: str) -> tuple[Village, Township, list[Pairing]]:
    """`village show`: the village (by code or name), its township and its pairings."""
    village = ledger.village(code)
    return village, ledger.township(village.township), list_pairings(ledger, village=village.code)


# -- which township a village is in: the one lookup every reader uses ------------------------


def townships_by_village(villages: Iterable[Any]) -> dict[str, str]:
    """Village code → township code, for villages already read."""
    return {v.code: v.township for v in villages}


def village_townships(ledger: Ledger) -> dict[str, str]:
    """Village code → township code over every readable village file."""
    villages, _ = ledger.load_all("village")
    return townships_by_village(villages)

"""The visit log (走访记录): adding, listing and showing visits (SPEC §8)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.errors import Invalid, NotFound, Refused
from ledger.kinds import KINDS, next_id
from ledger.roster import ensure_active as ensure_active  # one rule: the roster's
from ledger.store import Ledger, safe_key
from ledger.transaction import writing

if TYPE_CHECKING:
    from ledger.badfiles import Rows
    from ledger.cadre import Cadre
    from ledger.recordscan import Progress
    from ledger.visit import Visit

VISIT = KINDS["visit"]


def normalize_visit_id(text: str, office: str | None) -> list[str]:
    """`V3`, `v3`, `Ｖ３`, `QL-V3`, `V3号` → the ids it can mean (in a QL copy V3 is QL-V3 first)."""
    from ledger.typed import id_candidates

    ids = id_candidates(text, "V", office) if isinstance(text, str) else None
    if ids is None:
        raise Invalid("error.bad_visit_code", code=text)
    return ids


def visit_path(ledger: Ledger, text: str) -> tuple[Any, str]:
    """The file and id of the visit `text` names; NotFound when there is none."""
    ids = normalize_visit_id(text, ledger.office)
    for vid in ids:
        path = ledger.root / VISIT.rel(safe_key(vid, "visit"))
        if path.is_file():
            return path, vid
    raise NotFound("error.no_visit", code=ids[-1])


def read_visit(ledger: Ledger, text: str) -> Visit:
    path, _ = visit_path(ledger, text)
    return ledger.read_record(VISIT.model(), path)


def team_on(ledger: Ledger, typed: Iterable[str], day: date) -> list[Cadre]:
    """The cadres named (ids or names), in the order given; each must be active on `day`."""
    from ledger.roster import resolve_cadre

    team: list[Cadre] = []
    for text in typed:
        cadre = resolve_cadre(ledger, text)
        ensure_active(cadre, day)
        if any(c.id == cadre.id for c in team):
            raise Invalid("error.cadre_twice", id=cadre.id)
        team.append(cadre)
    return team


def add_visit(
    ledger: Ledger,
    *,
    village: str,
    cadres: list[str],
    kind: str | None = None,
    households: list[str] | None = None,
    people: int | str | None = None,
    stayed: bool = False,
    note: str | None = None,
    answered: list[str] | None = None,
    day: date | None = None,
    actor: str,
    commit: bool = False,
) -> Visit:
    """Log one visit; refused: an unknown village or cadre, a cadre not active on the day, a
    future day, `people` below 0, an empty household label."""
    from ledger.enums import VisitKind
    from ledger.places import build
    from ledger.visit import Visit

    when = day or ledger.today()
    if when > ledger.today():
        raise Refused("error.visit_in_future", day=when.isoformat())
    if not cadres:
        raise Invalid("error.visit_no_cadre")
    if people is not None:
        from ledger.typed import parse_count

        people = parse_count(people, "--people", "people")
    labels = [label.strip() for label in households or []]
    if any(not label for label in labels):
        raise Invalid("error.household_empty")
    member = VisitKind.parse(kind) if kind is not None else VisitKind.home
    with writing(ledger, actor, commit=commit) as write:
        place = ledger.village(village)
        team = team_on(ledger, cadres, when)
        vid = next_id(ledger, VISIT, ledger.office)
        fields: dict[str, Any] = {
            "id": vid,
            "date": when,
            "village": place.code,
            "cadres": [c.id for c in team],
            "kind": member,
            "households": labels,
            "stayed": stayed,
            "note": note,
            "answered": answered or [],
        }
        if people is not None:
            fields["people"] = people
        visit = build(Visit, **fields)
        write.create(ledger.root / VISIT.rel(vid), visit)
        names = ", ".join(c.name for c in team)
        write.say("commit.visit.add", id=vid, day=when.isoformat(), place=place.name, cadres=names)
    return visit


def load_visits(ledger: Ledger, progress: Progress | None = None, *, skip_bad: bool = False) -> Rows[Visit]:
    """Every usable visit, by id; bad files are refused naming them, or with `skip_bad` left
    out and listed in `.skipped` (SPEC §4, `badfiles.usable_records`)."""
    from ledger.badfiles import usable_records

    return usable_records(ledger, "visit", skip_bad=skip_bad, progress=progress)


def list_visits(
    ledger: Ledger,
    *,
    village: str | None = None,
    township: str | None = None,
    cadre: str | None = None,
    since: date | None = None,
    until: date | None = None,
    skip_bad: bool = False,
) -> Rows[Visit]:
    """`visit list`: the visits matching every filter given, by id (`.skipped`: bad files left
    out with `skip_bad`)."""
    from ledger.badfiles import Rows, usable_records
    from ledger.places import list_villages
    from ledger.roster import resolve_cadre

    if village is not None:
        village = ledger.village(village).code  # a code or its name (SPEC §4)
    codes = {v.code for v in list_villages(ledger, township)} if township is not None else None
    cid = resolve_cadre(ledger, cadre).id if cadre is not None else None
    found = usable_records(ledger, "visit", skip_bad=skip_bad, light=True)
    chosen = [
        v
        for v in found
        if (village is None or v.village == village)
        and (codes is None or v.village in codes)
        and (cid is None or cid in v.cadres)
        and (since is None or v.date >= since)
        and (until is None or v.date <= until)
    ]
    # chosen on the light rows; only the visits listed are made into models
    return Rows([v.model() for v in chosen], found.skipped)


def visit_view(ledger: Ledger, text: str) -> dict[str, Any]:
    """`visit show`: the record, with the team's names and the village's name."""
    visit = read_visit(ledger, text)
    names: dict[str, str] = {}
    for cid in visit.cadres:
        path = ledger.root / KINDS["cadre"].rel(cid)
        try:
            names[cid] = str(ledger.read_raw(path).get("name") or cid)
        except (Invalid, OSError):
            names[cid] = cid
    data = visit.to_json()
    data["cadre_names"] = [names[c] for c in visit.cadres]
    try:
        data["village_name"] = ledger.village(visit.village).name
    except (NotFound, Invalid):
        data["village_name"] = None
    return data

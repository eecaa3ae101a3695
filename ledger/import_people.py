"""Importing the roster (干部名册) and the visit log (走访台账) from a sheet (SPEC §10, §8).

Rows are read as `cadre add` and `visit add` read their options: ranks and visit kinds by key
or Chinese label, townships and villages by code or name, cadres by id or exact name, each
visitor active on the visit's day, no visit in the future.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.errors import Invalid, NotFound, Refused
from ledger.importing import (
    Imported,
    Plan,
    Progress,
    add_keyed,
    build_record,
    load_records,
    parse_bool,
    parse_count,
    parse_day,
    parse_enum,
    parse_list,
    parse_phone,
    parse_text,
    place_code,
    row_loop,
    same_ref,
    village_names,
)
from ledger.kinds import KINDS, Kind, next_id

if TYPE_CHECKING:
    from ledger.cadre import Cadre
    from ledger.spreadsheet import Sheet
    from ledger.store import Ledger


class Ids:
    """New ids of one kind for one import: after the ledger's highest, never one the file
    itself gives in its id column."""

    def __init__(self, ledger: Ledger, kind: Kind, given: set[str]) -> None:
        self.kind = kind
        self.prefix, self.next = kind.split(next_id(ledger, kind, ledger.office))
        self.given = given

    def take(self) -> str:
        while True:
            key = (
                f"{self.prefix}-{self.kind.letter}{self.next}"
                if self.prefix
                else f"{self.kind.letter}{self.next}"
            )
            self.next += 1
            if key not in self.given:
                return key


def given_ids(keys: Sequence[str | None], sheet: Sheet) -> set[str]:
    """The ids the sheet's `id` column gives (empty without one)."""
    if "id" not in keys:
        return set()
    at = list(keys).index("id")
    found = set()
    for _, values in sheet.rows:
        text = parse_text(values[at]) if at < len(values) else None
        if text is not None:
            found.add(text)
    return found


def _same(old: Any, new: Any, fields: Mapping[str, Any]) -> bool:
    """The ledger's record agrees with every field the row gives."""
    old_json, new_json = old.to_json(), new.to_json()
    return all(old_json.get(key) == new_json.get(key) for key in fields)


# -- cadres ------------------------------------------------------------------------------------


def cadres_rows(
    ledger: Ledger,
    plan: Plan,
    keys: Sequence[str | None],
    sheet: Sheet,
    actor: str,
    progress: Progress | None,
) -> None:
    """干部名册 rows: a cadre already on the roster (same id, or same name without an id
    column) is skipped when the row agrees with it, refused when it differs; a name twice in
    the file, or taken by another cadre, is refused."""
    from ledger.cadre import Cadre
    from ledger.enums import Rank
    from ledger.roster import load_cadres

    cadre_kind = KINDS["cadre"]
    roster = load_cadres(ledger)
    by_id = {c.id: c for c in roster}
    by_name = {_name(c.name): c for c in roster}
    townships = {t.code: t.name for t in load_records(ledger, "township")}
    ids = Ids(ledger, cadre_kind, given_ids(keys, sheet))
    seen_ids: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    day = ledger.today()

    def one(row: int, cells: dict[str, Any]) -> None:
        fields: dict[str, Any] = {
            "name": parse_text(cells.get("name")),
            "rank": parse_enum(cells["rank"], Rank) if "rank" in cells else None,
            "unit": parse_text(cells.get("unit")),
            "post": parse_text(cells.get("post")),
            "phone": parse_phone(parse_text(cells["phone"]) or "") if "phone" in cells else None,
            "township": place_code(cells["township"], townships, "township") if "township" in cells else None,
            "since": parse_day(cells["since"]) if "since" in cells else None,
            "until": parse_day(cells["until"]) if "until" in cells else None,
        }
        given = {k: v for k, v in fields.items() if v is not None}
        if "since" not in given:
            fields["since"] = day  # as `cadre add` without --since
        cid = parse_text(cells.get("id"))
        probe = build_record(Cadre, id=cid or "C1", **fields)
        name = _name(probe.name)
        if name in seen_names:
            raise Invalid("error.import.duplicate_key", name=probe.name, other=seen_names[name])
        seen_names[name] = row
        if cid is not None:
            if cid in seen_ids:
                raise Invalid("error.import.duplicate_key", name=cid, other=seen_ids[cid])
            seen_ids[cid] = row
        old = by_id.get(cid) if cid is not None else by_name.get(name)
        if old is not None:
            if _same(old, probe, given):
                plan.skip(row, old.id)
                return
            raise Invalid("error.import.exists_differently", name=f"{old.id} {old.name}")
        taken = by_name.get(name)
        if taken is not None:
            raise Refused("error.cadre_name_taken", name=probe.name, id=taken.id)
        record = build_record(Cadre, id=cid or ids.take(), **fields)
        plan.added.append((row, ledger.root / cadre_kind.rel(record.id), record))

    row_loop(plan, keys, sheet, progress, one)


def _name(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


# -- visits ------------------------------------------------------------------------------------


class Team:
    """Cadres named in a sheet (ids or exact names), looked up in the roster read once."""

    def __init__(self, ledger: Ledger, extra: Sequence[Cadre] = ()) -> None:
        from ledger.roster import load_cadres

        self.office = ledger.office
        roster = [*load_cadres(ledger), *extra]
        self.by_id = {c.id: c for c in roster}
        self.by_name: dict[str, list[Cadre]] = {}
        for cadre in roster:
            self.by_name.setdefault(_name(cadre.name), []).append(cadre)

    def one(self, text: str) -> Cadre:
        from ledger.roster import id_candidates

        ids = id_candidates(text, self.office)
        for cid in ids or []:
            if cid in self.by_id:
                return self.by_id[cid]
        named = self.by_name.get(_name(text), [])
        if len(named) > 1:
            listed = ", ".join(f"{c.id} {c.name}" for c in named)
            raise Refused("error.cadre_ambiguous", text=text, candidates=listed)
        if not named:
            raise NotFound("error.no_cadre_named", text=text, candidates=self._near(text))
        return named[0]

    def _near(self, text: str) -> str:
        import difflib

        names = difflib.get_close_matches(_name(text), list(self.by_name), n=3, cutoff=0.5)
        return ", ".join(f"{c.id} {c.name}" for n in names for c in self.by_name[n]) or "—"

    def on(self, texts: Sequence[str], day: date) -> list[str]:
        """The ids of the team, in the order given; each active on `day`, none twice."""
        from ledger.visits import ensure_active

        team: list[str] = []
        for text in texts:
            cadre = self.one(text)
            ensure_active(cadre, day)
            if cadre.id in team:
                raise Invalid("error.cadre_twice", id=cadre.id)
            team.append(cadre.id)
        return team


class Logged:
    """Which rows of a log sheet (visits, aid: ids allocated, a 序号 kept as `ref`) are new.

    A row with an id (an exported listing read back) is the record of that id: skipped when
    the ledger holds it with the same values, refused when it differs. Otherwise a row whose
    ref was imported before is skipped; without a ref, one whose `content` matches a record's.
    The same ref, id or content twice in the file is refused."""

    def __init__(
        self,
        ledger: Ledger,
        kind: str,
        records: Sequence[Any],
        keys: Sequence[str | None],
        sheet: Sheet,
        content: Callable[[Any], tuple[Any, ...]],
    ) -> None:
        self.ledger = ledger
        self.kind = KINDS[kind]
        self.content = content
        self.by_id = {r.id: r for r in records}
        self.refs: dict[str, list[Imported]] = {}
        for r in records:
            if r.ref is not None:
                self.refs.setdefault(r.ref, []).append(Imported(r.id, content(r)))
        self.contents = {content(r): r.id for r in records}
        self.ids = Ids(ledger, self.kind, given_ids(keys, sheet))
        self.seen_ids: dict[str, int] = {}
        self.seen_refs: dict[str, int] = {}
        self.seen_contents: dict[tuple[Any, ...], int] = {}

    def add(
        self, plan: Plan, row: int, model: type[Any], given_id: str | None, fields: dict[str, Any]
    ) -> None:
        ref = fields.get("ref")
        probe = build_record(model, id=given_id or f"{self.kind.letter}1", **fields)
        if ref is not None:
            if ref in self.seen_refs:
                raise Invalid("error.import.duplicate_ref", ref=ref, other=self.seen_refs[ref])
            self.seen_refs[ref] = row
        if given_id is not None:
            add_keyed(self.ledger, plan, row, self.kind.name, given_id, probe, self.by_id, self.seen_ids)
            return
        if ref is not None and ref in self.refs:
            # A 序号 alone is no identity (every 台账 numbers its rows 1…N): the same row again
            # is skipped, another sheet's row of that number refused, never silently dropped.
            plan.skip(row, same_ref(ref, self.refs[ref], self.content(probe)))
            return
        if ref is None:
            content = self.content(probe)
            if content in self.contents:
                plan.skip(row, self.contents[content])
                return
            if content in self.seen_contents:
                raise Invalid("error.import.same_row", other=self.seen_contents[content])
            self.seen_contents[content] = row
        record = build_record(model, id=self.ids.take(), **fields)
        plan.added.append((row, self.ledger.root / self.kind.rel(record.id), record))


def visits_rows(
    ledger: Ledger,
    plan: Plan,
    keys: Sequence[str | None],
    sheet: Sheet,
    actor: str,
    progress: Progress | None,
) -> None:
    """走访台账 rows, new or not as `Logged` says; content: the day, village, team, kind and
    households."""
    from ledger.enums import VisitKind
    from ledger.visit import Visit
    from ledger.visits import load_visits

    logged = Logged(ledger, "visit", load_visits(ledger), keys, sheet, _visit_key)
    names = village_names(ledger)
    team = Team(ledger)
    last_day = ledger.today()

    def one(row: int, cells: dict[str, Any]) -> None:
        day = parse_day(cells["date"]) if "date" in cells else None
        if day is not None and day > last_day:
            raise Refused("error.visit_in_future", day=day.isoformat())
        fields: dict[str, Any] = {
            "date": day,
            "village": place_code(cells["village"], names, "village") if "village" in cells else None,
            "cadres": team.on(parse_list(cells["cadres"]), day) if "cadres" in cells and day else None,
            "kind": parse_enum(cells["kind"], VisitKind) if "kind" in cells else None,
            "households": parse_list(cells.get("households")),
            "people": parse_count(cells["people"], 1_000_000) if "people" in cells else None,
            "stayed": parse_bool(cells["stayed"]) if "stayed" in cells else None,
            "note": parse_text(cells.get("note")),
            "answered": parse_list(cells.get("answered")),
            "issues": [issue_number(ledger, text) for text in parse_list(cells.get("issues"))],
            "ref": parse_text(cells.get("ref")),
        }
        logged.add(plan, row, Visit, parse_text(cells.get("id")), fields)

    row_loop(plan, keys, sheet, progress, one)


def _visit_key(v: Any) -> tuple[Any, ...]:
    return (v.date, v.village, tuple(v.cadres), str(v.kind), tuple(sorted(h.strip() for h in v.households)))


def issue_number(ledger: Ledger, text: str) -> str:
    """An issue a visit opened, as `issue show` takes its number; it must be in the ledger."""
    from ledger.numbers import candidates

    for number in candidates(text, ledger.office):
        if ledger.issue_path(number).is_file():
            return number
    raise NotFound("error.import.unknown_issue", value=text)

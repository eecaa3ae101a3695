"""The issue lifecycle (SPEC §3–§4): open, escalate, assign, extend, note, close, reopen,
follow up, and list.

Every operation reads the issue under the ledger lock, checks the rules of `ledger.routing`,
appends exactly one history event, validates the new record and writes it (keeping hand
comments) in one `ledger.transaction.writing` block, which also commits to git when asked.
`date` is always the clerk's raw `--date` text (or None for now).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger import routing
from ledger.enums import Action, Category, Disposition, Level, Satisfaction, Source, Status
from ledger.errors import Refused, UsageError
from ledger.kinds import KINDS
from ledger.numbers import find_path, next_number
from ledger.places import build
from ledger.transaction import writing

if TYPE_CHECKING:
    from ledger.badfiles import Rows
    from ledger.facts import IssueFacts
    from ledger.issue import Event, Issue
    from ledger.scan import Progress
    from ledger.state import State
    from ledger.store import Ledger
    from ledger.village import Village
    from ledger.visit import Visit


# -- finding ----------------------------------------------------------------------------------


def find_issue(ledger: Ledger, typed: str) -> tuple[Path, Issue]:
    """The file and validated record of a typed issue number; `NotFound` when there is none."""
    from ledger.issue import Issue

    path, _ = find_path(ledger, typed)
    return path, ledger.read_record(Issue, path)


def _owner(ledger: Ledger, typed: str | None) -> tuple[str | None, str | None]:
    """`--owner` as (owner, owner_cadre): a CADRE gives its name and id, free text (a unit, a
    department) itself and None (SPEC §8); an unknown id or an ambiguous name is refused."""
    if typed is None:
        return None, None
    from ledger.roster import resolve_owner

    return resolve_owner(ledger, typed)


# -- opening ----------------------------------------------------------------------------------


def open_issue(
    ledger: Ledger,
    *,
    village: str | None,
    title: str,
    category: str,
    detail: str | None = None,
    topics: Iterable[str] = (),
    reporter: str | None = None,
    phone: str | None = None,
    household: str | None = None,
    owner: str | None = None,
    source: str | None = None,
    deadline: _dt.date | None = None,
    private: bool | None = None,
    date: str | None = None,
    visit: str | None = None,
    actor: str,
    commit: bool = False,
) -> Issue:
    """Record a new issue at the village level; its number is allocated under the lock.

    With `visit` (SPEC §8, 首访负责制) the issue and the visit are linked both ways in one write:
    the issue takes the visit's village, source, day and first visitor as owner unless given
    (a different village or source, or a day before the visit, is refused), and the visit's
    `issues` gains the number. Without `visit`, `village` is required."""
    from ledger.dates import event_time
    from ledger.issue import Event, Issue, Reporter
    from ledger.typed import parse_phone

    kind = Category.parse(category)
    origin = Source.parse(source) if source is not None else None
    phone = parse_phone(phone) if phone is not None else None
    people = None
    if any(v is not None for v in (reporter, phone, household)):
        people = build(Reporter, name=reporter, phone=phone, household=household)
    with writing(ledger, actor, commit=commit) as write:
        seen = _visit_of(ledger, visit) if visit is not None else None
        if seen is None:
            if village is None:
                raise UsageError("error.missing_options", names="--village")
            place = ledger.village(village)  # NotFound for an unknown village
            at = event_time(date, None, zone=ledger.settings.zone)
        else:
            place, origin, at, owner = _from_visit(ledger, seen[1], village, origin, date, owner)
        day = at.date()
        if deadline is not None:
            routing.check_deadline(deadline, day)
        due = deadline or routing.deadline_for(Level.village, day, ledger.settings.deadlines)
        named, cadre = _owner(ledger, owner)
        event = build(
            Event, at=at, by=actor, action=Action.opened, deadline=due, owner=named, owner_cadre=cadre
        )
        number = next_number(ledger, ledger.office)
        issue = build(
            Issue,
            number=number,
            title=title,
            detail=detail,
            category=kind,
            topics=list(topics),
            village=place.code,
            source=origin or Source.visit,
            received=day,
            reporter=people,
            owner=named,
            owner_cadre=cadre,
            visit=seen[1].id if seen is not None else None,
            level=Level.village,
            status=Status.open,
            deadline=due,
            private=private,
            history=[event],
        )
        write.create(ledger.issue_path(number), issue)
        write.say("commit.issue.open", number=number, place=place.name, title=_line(issue.title))
        if seen is not None:
            path, record = seen
            record.issues = [*record.issues, number]
            write.update(path, record)
            write.say("commit.issue.open_visit", number=number, place=place.name, title=_line(issue.title),
                      visit=record.id)  # fmt: skip
    return issue


def _visit_of(ledger: Ledger, typed: str) -> tuple[Path, Visit]:
    """The file and record of the visit `typed` names (`V3`, `QL-V3`); NotFound when none."""
    from ledger.visits import visit_path

    path, _ = visit_path(ledger, typed)
    return path, ledger.read_record(KINDS["visit"].model(), path)


def _from_visit(
    ledger: Ledger,
    visit: Visit,
    village: str | None,
    source: Source | None,
    date: str | None,
    owner: str | None,
) -> tuple[Village, Source, _dt.datetime, str | None]:
    """What an issue raised on `visit` takes from it: (village, source, when, owner)."""
    from ledger.dates import event_time
    from ledger.enums import VisitKind
    from ledger.placenames import with_name

    place = ledger.village(visit.village)
    typed = ledger.village(village) if village is not None else place
    if typed.code != place.code:
        raise Refused(
            "error.visit_other_village",
            visit=visit.id,
            village=with_name(typed.code, typed.name),
            code=with_name(place.code, place.name),
        )
    wanted = Source.duty_day if visit.kind == VisitKind.duty_day else Source.visit
    if source is not None and source is not wanted:
        raise Refused("error.visit_other_source", visit=visit.id, source=source.value, wanted=wanted.value)
    at = event_time(date if date is not None else visit.date.isoformat(), None, zone=ledger.settings.zone)
    if at.date() < visit.date:
        raise Refused("error.issue_before_visit", visit=visit.id, day=visit.date.isoformat())
    return place, wanted, at, owner if owner is not None else visit.cadres[0]


# -- acting on an existing issue ------------------------------------------------------------


def _act(
    ledger: Ledger,
    typed: str,
    action: Action,
    *,
    date: str | None,
    actor: str,
    commit: bool,
    change: Any,
) -> Issue:
    """The shared frame of every action: lock, read, check what the history says the issue is
    now (`ledger.state`), time the event, apply `change(issue, now, day) -> (event fields,
    commit message)`, set every summary key to what the new history says, validate, write."""
    from ledger.dates import event_time
    from ledger.issue import Event, Issue
    from ledger.state import of_record

    with writing(ledger, actor, commit=commit) as write:
        path, issue = find_issue(ledger, typed)
        now = of_record(issue)
        routing.check_action(now.status, action, issue.number)
        last = issue.last_event
        at = event_time(date, last.at if last is not None else None, zone=ledger.settings.zone)
        fields, (key, words) = change(issue, now, at.date())
        event = build(Event, at=at, by=actor, action=action, **fields)
        updated = _with(Issue, issue, event)
        # The events that end a record may use the room every other write leaves free.
        write.update(path, updated, keep_room=action not in (Action.closed, Action.followed_up))
        write.say(key, number=issue.number, **words)
    return updated


def _with(model: type[Issue], issue: Issue, event: Event) -> Issue:
    """`issue` with `event` appended and its summary keys as the new history says."""
    from ledger.state import state_at

    data = issue.model_dump(mode="python", by_alias=True)
    history = [*issue.history, event]
    data.update(state_at(history, issue.received, None, issue.deadline).summary())
    data["history"] = history
    updated = build(model, **data)
    return updated.located(issue.origin) if issue.origin else updated


def escalate(
    ledger: Ledger,
    typed: str,
    *,
    reason: str,
    to: str | None = None,
    owner: str | None = None,
    deadline: _dt.date | None = None,
    date: str | None = None,
    actor: str,
    commit: bool = False,
) -> Issue:
    """Route the issue up one level (or to `to`); new owner if given; new deadline."""
    target = Level.parse(to) if to is not None else None

    def change(issue: Issue, now: State, day: _dt.date) -> tuple[dict[str, Any], tuple[str, dict[str, Any]]]:
        current = Level(now.level)
        level = routing.escalation_target(current, target, issue.number)
        if deadline is not None:
            routing.check_deadline(deadline, day)
        due = deadline or routing.deadline_for(level, day, ledger.settings.deadlines)
        named, cadre = _owner(ledger, owner)
        fields = {
            "from_": current, "to": level, "reason": reason, "deadline": due, "owner": named,
            "owner_cadre": cadre,
        }  # fmt: skip
        return fields, (
            "commit.issue.escalate",
            {"from_level": current, "to_level": level, "reason": _line(reason)},
        )

    return _act(ledger, typed, Action.escalated, date=date, actor=actor, commit=commit, change=change)


def assign(
    ledger: Ledger, typed: str, *, owner: str, date: str | None = None, actor: str, commit: bool = False
) -> Issue:
    """Make `owner` the responsible person."""

    def change(issue: Issue, now: State, day: _dt.date) -> tuple[dict[str, Any], tuple[str, dict[str, Any]]]:
        named, cadre = _owner(ledger, owner)
        return {"owner": named, "owner_cadre": cadre}, (
            "commit.issue.assign",
            {"owner": _line(named or owner)},
        )

    return _act(ledger, typed, Action.assigned, date=date, actor=actor, commit=commit, change=change)


def extend(
    ledger: Ledger,
    typed: str,
    *,
    deadline: _dt.date,
    reason: str,
    date: str | None = None,
    actor: str,
    commit: bool = False,
) -> Issue:
    """Move the deadline later, saying why."""

    def change(issue: Issue, now: State, day: _dt.date) -> tuple[dict[str, Any], tuple[str, dict[str, Any]]]:
        routing.check_extension(now.deadline or issue.deadline, deadline, day)
        fields = {"deadline": deadline, "reason": reason}
        return fields, ("commit.issue.extend", {"deadline": deadline.isoformat(), "reason": _line(reason)})

    return _act(ledger, typed, Action.extended, date=date, actor=actor, commit=commit, change=change)


def note(
    ledger: Ledger, typed: str, text: str, *, date: str | None = None, actor: str, commit: bool = False
) -> Issue:
    """Add a note to the history."""

    def change(issue: Issue, now: State, day: _dt.date) -> tuple[dict[str, Any], tuple[str, dict[str, Any]]]:
        return {"note": text}, ("commit.issue.note", {"note": _line(text)})

    return _act(ledger, typed, Action.noted, date=date, actor=actor, commit=commit, change=change)


def close(
    ledger: Ledger,
    typed: str,
    *,
    disposition: str,
    note: str,
    of: str | None = None,
    date: str | None = None,
    actor: str,
    commit: bool = False,
) -> Issue:
    """Close the issue out by number (销号) with a disposition; `of` for a duplicate."""
    chosen = Disposition.parse(disposition)

    def change(issue: Issue, now: State, day: _dt.date) -> tuple[dict[str, Any], tuple[str, dict[str, Any]]]:
        original = of
        if of is not None and chosen is Disposition.duplicate:
            original = find_path(ledger, of)[1]  # NotFound when it names no issue
        routing.check_duplicate(chosen, original, issue.number)
        fields = {"disposition": chosen, "note": note, "of": original}
        if original:
            return fields, ("commit.issue.close_duplicate", {"disposition": chosen, "of": original})
        return fields, ("commit.issue.close", {"disposition": chosen})

    return _act(ledger, typed, Action.closed, date=date, actor=actor, commit=commit, change=change)


def reopen(
    ledger: Ledger, typed: str, *, reason: str, date: str | None = None, actor: str, commit: bool = False
) -> Issue:
    """Reopen a closed issue at its level, with a fresh deadline from the reopen date."""

    def change(issue: Issue, now: State, day: _dt.date) -> tuple[dict[str, Any], tuple[str, dict[str, Any]]]:
        due = routing.deadline_for(now.level, day, ledger.settings.deadlines)
        return {"reason": reason, "deadline": due}, ("commit.issue.reopen", {"reason": _line(reason)})

    return _act(ledger, typed, Action.reopened, date=date, actor=actor, commit=commit, change=change)


def followup(
    ledger: Ledger,
    typed: str,
    *,
    satisfaction: str,
    note: str | None = None,
    date: str | None = None,
    actor: str,
    commit: bool = False,
) -> Issue:
    """Record a satisfaction follow-up (回访) of a closed issue; may be repeated."""
    chosen = Satisfaction.parse(satisfaction)

    def change(issue: Issue, now: State, day: _dt.date) -> tuple[dict[str, Any], tuple[str, dict[str, Any]]]:
        fields = {"satisfaction": chosen, "note": note}
        return fields, ("commit.issue.followup", {"satisfaction": chosen})

    return _act(ledger, typed, Action.followed_up, date=date, actor=actor, commit=commit, change=change)


def supervise(
    ledger: Ledger,
    typed: str,
    *,
    lead: str,
    reason: str,
    deadline: _dt.date | None = None,
    date: str | None = None,
    actor: str,
    commit: bool = False,
) -> Issue:
    """Put an open issue under supervision (挂牌督办) with a lead (包案领导): a CADRE (id or name:
    the event stores the name in `lead` and the id in `lead_cadre`) or free text (a unit).
    `deadline`, when given, replaces the one in force, earlier or later (a fixed time limit);
    repeating it changes the lead. Refused on a closed issue."""
    from ledger.roster import resolve_owner

    def change(issue: Issue, now: State, day: _dt.date) -> tuple[dict[str, Any], tuple[str, dict[str, Any]]]:
        name, cadre = resolve_owner(ledger, lead)
        if deadline is not None:
            routing.check_deadline(deadline, day)
        fields = {"lead": name, "lead_cadre": cadre, "reason": reason, "deadline": deadline}
        return fields, ("commit.issue.supervise", {"lead": _line(name), "reason": _line(reason)})

    return _act(ledger, typed, Action.supervised, date=date, actor=actor, commit=commit, change=change)


def _line(text: str) -> str:
    """`text` on one line, whole, for a commit message: git's subject line is bounded when the
    commit is made (`gitops.commit_text`), the whole message going into its body."""
    return " ".join((text or "").split())


# -- listing ----------------------------------------------------------------------------------

STATUS_CHOICES = ("open", "closed", "all")


def list_issues(ledger: Ledger, **filters: Any) -> Rows[IssueFacts]:
    """The issues `issue list` shows, as facts (the filters: `_select`)."""
    return _select(ledger, **filters)[0]


def issue_rows(ledger: Ledger, **filters: Any) -> Rows[dict[str, Any]]:
    """`issue list`'s rows: the issues `list_issues` selects, each with its township, in
    SPEC §3 keys."""
    from ledger.badfiles import Rows

    found, town_of = _select(ledger, **filters)
    return Rows((_list_row(facts, town_of) for facts in found), found.skipped)


def _list_row(f: IssueFacts, town_of: dict[str, str]) -> dict[str, Any]:
    return {
        "number": f.number,
        "title": f.title,
        "village": f.village,
        "township": town_of.get(f.village),
        "category": f.category,
        "level": f.level,
        "status": f.status,
        "deadline": f.deadline.isoformat(),
        "owner": f.owner,
        "source": f.source,
        "received": f.received.isoformat(),
        "reporter": f.reporter_name,
        "closed": f.closed.isoformat() if f.closed else None,
        "disposition": f.disposition,
        "satisfaction": f.satisfaction,
    }


def _select(
    ledger: Ledger,
    *,
    status: str = "open",
    level: str | None = None,
    township: str | None = None,
    village: str | None = None,
    category: str | None = None,
    overdue: bool = False,
    supervised: bool = False,
    since: _dt.date | None = None,
    until: _dt.date | None = None,
    as_of: _dt.date | None = None,
    progress: Progress | None = None,
    skip_bad: bool = False,
) -> tuple[Rows[IssueFacts], dict[str, str]]:
    """Issues matching every filter given, sorted by number, and each village's township (read
    once, with the villages).

    `status` is open, closed or all (or a Chinese label); `since`/`until` bound the day an
    issue was received (both inclusive); `overdue` keeps the issues open at the end of `as_of`
    (default today) whose deadline in force then is before it (`ledger.state`, as `report
    overdue` judges); `supervised` keeps supervised cases (挂牌督办). The facts' status, level,
    deadline, owner and supervised are the history's.
    """
    from ledger.scan import scan_issues
    from ledger.state import at as state_at

    wanted_status = None if status in ("all", "全部") else Status.parse(status).value
    wanted_level = Level.parse(level).value if level is not None else None
    wanted_category = Category.parse(category).value if category is not None else None
    if village is not None:
        village = ledger.village(village).code  # a code or its name (SPEC §4)
    if township is not None:
        township = ledger.township(township).code
    day = as_of or ledger.today()
    wanted = {"status": wanted_status, "level": wanted_level, "category": wanted_category, "village": village}
    where = {field: value for field, value in wanted.items() if value is not None}
    from ledger.badfiles import Rows, issue_problems, place_problems, settle, without
    from ledger.places import townships_by_village

    _townships, villages, problems = place_problems(ledger)
    town_of = townships_by_village(villages)
    scan = scan_issues(ledger, progress, where=where)
    problems += scan.problems + issue_problems(ledger, scan.issues, villages)
    skipped = settle(problems, skip_bad)  # BadFiles unless skip_bad (SPEC §4)
    chosen = Rows(skipped=skipped)
    for facts in without(scan.issues, skipped):
        if township is not None and town_of.get(facts.village) != township:
            continue
        if since is not None and facts.received < since:
            continue
        if until is not None and facts.received > until:
            continue
        if supervised and not facts.supervised:
            continue
        if overdue:
            now = state_at(facts, day)
            if not (now.open and now.deadline is not None and now.deadline < day):
                continue
        chosen.append(facts)
    return chosen, town_of

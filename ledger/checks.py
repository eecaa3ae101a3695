"""`caseledger check`: every problem of every record file, each with its file and line.

A pipeline in the style of beancount's loader: first every file is read, collecting a problem
for each one that cannot be read or validated (never stopping at the first); then the
validators, plain functions listed in `VALIDATORS`, each return their problems. They come in
two kinds:

- issue validators look at one issue alone (`IssueFacts`); the index runs them when it reads
  a file and keeps what they found (`issue_summary`), so a warm `check` at 100,000 issues
  neither parses nor re-validates anything;
- record validators look across records: townships, villages, pairings and the `IssueTable`,
  a columnar list of every issue's number, village and references to other issues.

Validators see records without line numbers (issue facts carry none): each says which file,
which key (a path such as `("history", 3, "at")`) and which message, and `check_ledger` then
re-reads only the files that have a problem, with the round-trip loader, to find the line.
Problems on one line are listed in `VALIDATORS` order, whichever way they were found.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger.errors import LedgerError
from ledger.kinds import KINDS, RECORD_KINDS
from ledger.store import LOCAL_FILE, SETTINGS_FILE, Problem, issue_rel, problem_from

if TYPE_CHECKING:
    from ledger.facts import IssueFacts
    from ledger.store import Ledger

Progress = Callable[[int, int], None]
KeyPath = tuple[str | int, ...]


@dataclass
class Found:
    """A cross-record problem before its line is known: file, key path, catalog key, params."""

    file: str
    where: KeyPath
    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Loaded:
    """Everything the validators look at."""

    records: dict[str, list[Any]] = field(default_factory=dict)  # kind → its readable records
    issues: IssueTable = field(default_factory=lambda: IssueTable())
    # Codes/ids/numbers of files that exist but could not be read (from their file names):
    # they already have their own problem, so references to them are not reported again.
    unreadable: dict[str, set[str]] = field(default_factory=dict)

    def unreadable_of(self, kind: str) -> set[str]:
        return self.unreadable.get(kind, set())

    def of(self, kind: str) -> list[Any]:
        return self.records.get(kind, [])

    @property
    def townships(self) -> list[Any]:
        return self.of("township")

    @property
    def villages(self) -> list[Any]:
        return self.of("village")

    @property
    def pairings(self) -> list[Any]:
        return self.of("pairing")

    def keys_of(self, kind: str) -> set[str]:
        """Every key of `kind` that exists, readable or not (references to them are fine)."""
        if kind == "issue":
            return set(self.issues.numbers) | self.unreadable_of("issue")
        key = KINDS[kind].key
        return {getattr(r, key) for r in self.of(kind)} | self.unreadable_of(kind)


@dataclass
class Result:
    problems: list[Problem]
    checked: int  # record files read (valid or not), ledger.yaml included


def check_ledger(ledger: Ledger, progress: Progress | None = None) -> list[Problem]:
    """Every problem of the ledger, sorted by file then line."""
    return run_checks(ledger, progress).problems


def run_checks(ledger: Ledger, progress: Progress | None = None) -> Result:
    """`check_ledger` plus the number of record files looked at (for "ok: N records checked")."""
    from ledger.scan import issue_table

    problems: list[Problem] = []
    loaded = Loaded()
    checked = 0
    for name in (SETTINGS_FILE, LOCAL_FILE):
        path = ledger.root / name
        if name == LOCAL_FILE and not path.exists():
            continue
        checked += 1
        try:
            if name == SETTINGS_FILE:
                from ledger.settings import Settings

                ledger.read_record(Settings, path)
            else:
                from ledger.settings import LocalSettings

                ledger.read_record(LocalSettings, path)
        except LedgerError as exc:
            problems.append(problem_from(exc, name))
    for kind in RECORD_KINDS:
        records, bad = ledger.load_all(kind)
        loaded.records[kind] = records
        loaded.unreadable[kind] = {Path(p.file).stem for p in bad}
        problems += bad
        checked += len(records) + len(bad)
    table = issue_table(ledger, progress)
    loaded.issues = table
    problems += table.problems
    loaded.unreadable["issue"] = {Path(p.file).stem for p in table.problems}
    checked += len(table.files) + len(table.problems)

    found = list(table.found)
    for validator in RECORD_VALIDATORS:
        rank = VALIDATORS.index(validator)
        found.extend((rank, item) for item in validator(ledger, loaded))
    found.sort(key=lambda pair: pair[0])  # stable: validator order, then the order found
    problems += locate(ledger, [item for _, item in found])
    problems += uncommitted(ledger)
    problems = every_field_problem(ledger, problems)
    problems.sort(key=lambda p: (p.file, p.line))  # stable: validator order within a line
    return Result(problems, checked)


def uncommitted(ledger: Ledger) -> list[Problem]:
    """In an autocommit ledger every record file is as git's last commit has it: one that
    differs was changed by hand or by a command that could not finish (SPEC §4, issue 12)."""
    try:
        if not ledger.settings.autocommit:
            return []
    except LedgerError:
        return []  # ledger.yaml itself is unreadable: its own problem says so
    from ledger.worktree import uncommitted_records

    return [Problem(rel, 1, "check.uncommitted", {"file": rel}) for rel in uncommitted_records(ledger)]


def every_field_problem(ledger: Ledger, problems: list[Problem]) -> list[Problem]:
    """Each file that failed validation with all its bad fields, not only the first (SPEC §4).

    Readers (and the index) stop at a file's first bad field, which is all they need to refuse
    it; `check` re-validates just those files, which are few, to name every field on its line."""
    out: list[Problem] = []
    for problem in problems:
        model = _model_of(problem.file) if problem.key == "error.field" else None
        out.extend(
            (ledger.record_problems(model, ledger.root / problem.file) or [problem]) if model else [problem]
        )
    return out


def _model_of(rel: str) -> type[Any] | None:
    """The model a record file is validated with, from where it lies."""
    if rel in (SETTINGS_FILE, LOCAL_FILE):
        from ledger.settings import LocalSettings, Settings

        return Settings if rel == SETTINGS_FILE else LocalSettings
    folder = rel.split("/", 1)[0]
    for kind in KINDS.values():
        if kind.folder == folder:
            return kind.model()
    return None


def locate(ledger: Ledger, found: Iterable[Found]) -> list[Problem]:
    """Give each found problem the line of its key, reading each affected file once."""
    from ledger.yamlio import load_roundtrip, read_text

    nodes: dict[str, Any] = {}
    located: list[Problem] = []
    for item in found:
        if item.file not in nodes:
            try:
                nodes[item.file] = load_roundtrip(read_text(ledger.root / item.file), item.file)
            except (LedgerError, OSError):
                nodes[item.file] = None
        located.append(Problem(item.file, line_in(nodes[item.file], item.where), item.key, item.params))
    return located


def line_in(node: Any, where: KeyPath) -> int:
    """The line of the deepest part of `where` that the file has (1 when none is found)."""
    from ledger.yamlio import line_of

    line = 1
    for part in where:
        found = line_of(node, part) if node is not None else None
        if found is None:
            break
        line = found
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    return line


# -- the issues as the record validators see them ---------------------------------------------

Summary = tuple[
    str, str, tuple[tuple[str, KeyPath], ...], tuple[tuple[int, KeyPath, str, dict[str, Any]], ...]
]


def issue_summary(ledger: Ledger, issue: IssueFacts) -> Summary:
    """What `check` needs of one issue: number, village, the issue numbers it refers to (with
    where), and what the issue validators found (with their rank in `VALIDATORS`).

    Plain tuples of strings and ints, so the index can keep them (`ledger.summary`).
    """
    # `duplicate_of` as the history says (the file's own words are held to it by
    # `summary_matches_history`), each close event's `of`, the visit it was raised on, and the
    # cadres its events name. What a reference points at is told by its key (`ref_kind`).
    refs: list[tuple[str, KeyPath]] = []
    if issue.duplicate_of is not None:
        refs.append((issue.duplicate_of, ("duplicate_of",)))
    if issue.visit is not None:
        refs.append((issue.visit, ("visit",)))
    for index, event in enumerate(issue.events):
        if event.of is not None:
            refs.append((event.of, ("history", index, "of")))
        for key in ("owner_cadre", "lead_cadre"):
            value = getattr(event, key)
            if value is not None:
                refs.append((value, ("history", index, key)))
    found = []
    for rank, validator in _ISSUE_RANKS:
        found.extend((rank, item.where, item.key, item.params) for item in validator(ledger, issue))
    return issue.number, issue.village, tuple(refs), tuple(found)


# The kind an issue's reference points at, by the key it is under (see `issue_summary`).
REF_KINDS = {
    "duplicate_of": "issue",
    "of": "issue",
    "visit": "visit",
    "owner_cadre": "cadre",
    "lead_cadre": "cadre",
}


def ref_kind(where: KeyPath) -> str:
    return REF_KINDS[str(where[-1])]


@dataclass
class IssueTable:
    """Every readable issue as columns (file, number, village, references) and what the
    issue validators found in it; plus the problems of the issue files that could not be read."""

    files: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    villages: dict[str, list[int]] = field(default_factory=dict)  # village → rows
    refs: list[tuple[int, str, KeyPath]] = field(default_factory=list)  # (row, number, where)
    found: list[tuple[int, Found]] = field(default_factory=list)  # (rank in VALIDATORS, found)
    problems: list[Problem] = field(default_factory=list)

    def add(self, file: str, summary: Summary) -> None:
        number, village, refs, found = summary
        row = len(self.files)
        self.files.append(file)
        self.numbers.append(number)
        self.villages.setdefault(village, []).append(row)
        self.refs.extend((row, target, where) for target, where in refs)
        self.found.extend((rank, Found(file, where, key, dict(params))) for rank, where, key, params in found)


def table_of(ledger: Ledger, issues: Iterable[IssueFacts], problems: list[Problem]) -> IssueTable:
    """The table of issues read without the index."""
    table = IssueTable(problems=list(problems))
    for issue in issues:
        table.add(issue.file, issue_summary(ledger, issue))
    return table


# -- record validators ------------------------------------------------------------------------
# Each takes (ledger, loaded) and returns a list of Found. Keep them plain and independent.


def _file(record: Any) -> str:
    return record.origin.file if record.origin is not None else ""


def file_names(ledger: Ledger, loaded: Loaded) -> list[Found]:
    """A record lives in the file its code or id names (`villages/dapo.yaml`, `cadres/000/C3.yaml`;
    an older flat `pairings/P3.yaml` is a right place too)."""
    found: list[Found] = []
    for name in RECORD_KINDS:
        kind = KINDS[name]
        for record in loaded.of(name):
            key = getattr(record, kind.key)
            if _file(record) not in kind.accepted_rels(key):
                found.append(
                    Found(_file(record), (kind.key,), "check.file_name", {"expected": kind.rel(key)})
                )
    return found


DUPLICATE_KEYS = {
    "code": "check.duplicate_code",
    "id": "check.duplicate_id",
    "number": "check.duplicate_number",
}


def unique_keys(ledger: Ledger, loaded: Loaded) -> list[Found]:
    """No two records of a kind share a code or id; no two issues a number."""
    found: list[Found] = []
    table = loaded.issues
    groups: list[tuple[str, Iterable[tuple[str, str]]]] = [
        (KINDS[name].key, [(getattr(r, KINDS[name].key), _file(r)) for r in loaded.of(name)])
        for name in RECORD_KINDS
    ]
    groups.append(("number", zip(table.numbers, table.files, strict=True)))
    for attr, pairs in groups:
        files: dict[str, list[str]] = {}
        for value, file in pairs:
            files.setdefault(value, []).append(file)
        for value, where in files.items():
            if len(where) < 2:
                continue
            for file in where:
                others = ", ".join(sorted(f for f in where if f != file))
                found.append(Found(file, (attr,), DUPLICATE_KEYS[attr], {"value": value, "other": others}))
    return found


UNKNOWN_KEYS = {
    "township": "check.unknown_township",
    "village": "check.unknown_village",
    "cadre": "check.unknown_cadre",
    "visit": "check.unknown_visit",
    "pairing": "check.unknown_pairing",
    "issue": "check.unknown_issue",
}


def references(ledger: Ledger, loaded: Loaded) -> list[Found]:
    """Every reference a kind declares (`Kind.references`) names an existing record; an issue's
    village exists."""
    found: list[Found] = []
    known: dict[str, set[str]] = {}
    for name in RECORD_KINDS:
        refs = KINDS[name].references
        for record in loaded.of(name):
            for target, value, where in refs(record):
                if target not in known:
                    known[target] = loaded.keys_of(target)
                if value not in known[target]:
                    found.append(Found(_file(record), where, UNKNOWN_KEYS[target], {"code": value}))
    villages = known.get("village") or loaded.keys_of("village")
    table = loaded.issues
    for code, rows in table.villages.items():
        if code not in villages:
            for row in rows:
                found.append(Found(table.files[row], ("village",), "check.unknown_village", {"code": code}))
    for row, value, where in table.refs:
        target = ref_kind(where)
        if target == "issue":
            continue  # `duplicates_point_at_issues` says these in its own words
        if target not in known:
            known[target] = loaded.keys_of(target)
        if value not in known[target]:
            found.append(Found(table.files[row], where, UNKNOWN_KEYS[target], {"code": value}))
    return found


def duplicates_point_at_issues(ledger: Ledger, loaded: Loaded) -> list[Found]:
    """A duplicate's `duplicate_of`, and every close event's `of`, name another real issue."""
    table = loaded.issues
    numbers = set(table.numbers) | loaded.unreadable_of("issue")
    found: list[Found] = []
    for row, target, where in table.refs:
        if ref_kind(where) != "issue":
            continue
        if target == table.numbers[row]:
            found.append(Found(table.files[row], where, "check.duplicate_of_self", {"number": target}))
        elif target not in numbers:
            found.append(Found(table.files[row], where, "check.duplicate_of_missing", {"number": target}))
    return found


def unique_cadre_names(ledger: Ledger, loaded: Loaded) -> list[Found]:
    """No two cadres share a name (a CADRE argument may be a name: SPEC §8)."""
    files: dict[str, list[Any]] = {}
    for cadre in loaded.of("cadre"):
        files.setdefault(cadre.name, []).append(cadre)
    found: list[Found] = []
    for name, same in files.items():
        if len(same) > 1:
            for cadre in same:
                others = ", ".join(sorted(f"{c.id} ({_file(c)})" for c in same if c is not cadre))
                found.append(
                    Found(_file(cadre), ("name",), "check.cadre_name_twice", {"name": name, "other": others})
                )
    return found


def visit_cadres_active(ledger: Ledger, loaded: Loaded) -> list[Found]:
    """Each cadre a visit lists was on the roster that day (between `since` and `until`)."""
    cadres = {c.id: c for c in loaded.of("cadre")}
    found: list[Found] = []
    for visit in loaded.of("visit"):
        for index, cid in enumerate(visit.cadres):
            cadre = cadres.get(cid)
            if cadre is not None and not cadre.active_on(visit.date):
                params = {
                    "id": cid,
                    "day": visit.date.isoformat(),
                    "since": cadre.since.isoformat(),
                    "until": cadre.until.isoformat() if cadre.until else "—",
                }
                found.append(Found(_file(visit), ("cadres", index), "check.visit_cadre_inactive", params))
    return found


def aid_pairing_village(ledger: Ledger, loaded: Loaded) -> list[Found]:
    """An aid record's pairing is a pairing of the record's own village (SPEC §9)."""
    villages = {p.id: p.village for p in loaded.pairings}
    found: list[Found] = []
    for record in loaded.of("aid"):
        other = villages.get(record.pairing) if record.pairing is not None else None
        if other is not None and other != record.village:
            params = {"pairing": record.pairing, "other": other, "village": record.village}
            found.append(Found(_file(record), ("pairing",), "check.aid_pairing_village", params))
    return found


def issue_visit_links(ledger: Ledger, loaded: Loaded) -> list[Found]:
    """An issue raised on a visit and that visit name each other (SPEC §8: `issue open --visit`
    links both ways): the visit lists the issue in `issues`, and each issue a visit lists names
    that visit in `visit`. Unknown visits and issues are `references`' to report."""
    table = loaded.issues
    visits = {v.id: v for v in loaded.of("visit")}
    named: dict[str, set[str]] = {}  # issue number → the visits it names
    found: list[Found] = []
    for row, value, where in table.refs:
        if ref_kind(where) != "visit":
            continue
        number = table.numbers[row]
        named.setdefault(number, set()).add(value)
        visit = visits.get(value)
        if visit is not None and number not in visit.issues:
            found.append(Found(table.files[row], where, "check.issue_visit_unlisted", {"visit": value}))
    numbers = set(table.numbers)
    for visit in visits.values():
        for index, number in enumerate(visit.issues):
            if number in numbers and visit.id not in named.get(number, set()):
                params = {"number": number, "visit": ", ".join(sorted(named.get(number, set()))) or "null"}
                found.append(Found(_file(visit), ("issues", index), "check.visit_issue_unlinked", params))
    return found


# -- issue validators -------------------------------------------------------------------------
# Each takes (ledger, one issue's facts) and returns a list of Found for that issue's file.


def issue_file_name(ledger: Ledger, issue: IssueFacts) -> list[Found]:
    """An issue lives in the file its number names (`issues/000/42.yaml`)."""
    expected = issue_rel(issue.number)
    if issue.file != expected:
        return [Found(issue.file, ("number",), "check.file_name", {"expected": expected})]
    return []


def history_order(ledger: Ledger, issue: IssueFacts) -> list[Found]:
    """History starts with `opened` (and only once) and each `at` is ≥ the one before."""
    from datetime import datetime

    events = issue.events
    if not events:
        return [Found(issue.file, ("history",), "check.history_empty")]
    found: list[Found] = []
    if events[0].action != "opened":
        found.append(
            Found(issue.file, ("history", 0, "action"), "check.history_first", {"action": events[0].action})
        )
    for index, event in enumerate(events[1:], 1):
        if event.action == "opened":
            found.append(Found(issue.file, ("history", index, "action"), "check.history_opened_twice"))
    if len(events) < 2:
        return found
    texts = [e.at for e in events]
    if texts == sorted(texts) and len({(len(t), t[-6:]) for t in texts}) == 1:
        return found  # one offset, one precision: text order is time order (the usual case)
    latest = None
    for index, event in enumerate(events):
        at = datetime.fromisoformat(event.at)
        if latest is not None and at < latest:
            found.append(
                Found(
                    issue.file,
                    ("history", index, "at"),
                    "check.history_order",
                    {"at": event.at, "before": events[index - 1].at},
                )
            )
        latest = at if latest is None else max(latest, at)
    return found


def events_after_received(ledger: Ledger, issue: IssueFacts) -> list[Found]:
    """No event is dated before the day the issue was received (each event's date in the offset
    its `at` carries): a close "before" the issue existed counts in no month."""
    return [
        Found(
            issue.file,
            ("history", index, "at"),
            "check.event_before_received",
            {"at": event.at, "received": issue.received.isoformat()},
        )
        for index, event in enumerate(issue.events)
        if event.day < issue.received
    ]


def summary_matches_history(ledger: Ledger, issue: IssueFacts) -> list[Found]:
    """Every summary key of the file (`status`, `level`, `deadline`, `owner`, `closed`, …,
    `ledger.state.SUMMARY_KEYS`) reads what `ledger.state` says at the end of the history."""
    from ledger.state import SUMMARY_KEYS, at

    if issue.declared is None:  # the facts keep the file's words only when they differ
        return []
    expected = at(issue).summary()
    found: list[Found] = []
    for key, value in zip(SUMMARY_KEYS, issue.declared, strict=True):
        want = expected[key]
        if value != want:
            params = {"field": key, "value": _show(value), "expected": _show(want)}
            found.append(Found(issue.file, (key,), SUMMARY_MESSAGES.get(key, "check.summary"), params))
    return found


SUMMARY_MESSAGES = {
    "status": "check.status",
    "level": "check.level",
    "closed": "check.closed_day",
    "disposition": "check.disposition",
    "duplicate_of": "check.duplicate_of_history",
}


def _show(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


RECORD_VALIDATORS: list[Callable[[Ledger, Loaded], list[Found]]] = [
    file_names,
    unique_keys,
    references,
    duplicates_point_at_issues,
    unique_cadre_names,
    visit_cadres_active,
    aid_pairing_village,
    issue_visit_links,
]
ISSUE_VALIDATORS: list[Callable[[Ledger, IssueFacts], list[Found]]] = [
    issue_file_name,
    history_order,
    events_after_received,
    summary_matches_history,
]
# Both kinds, in the order their problems are listed when several fall on one line.
VALIDATORS: list[Callable[..., list[Found]]] = [
    file_names,
    issue_file_name,
    unique_keys,
    references,
    duplicates_point_at_issues,
    unique_cadre_names,
    visit_cadres_active,
    aid_pairing_village,
    issue_visit_links,
    history_order,
    events_after_received,
    summary_matches_history,
]
_ISSUE_RANKS = [(VALIDATORS.index(validator), validator) for validator in ISSUE_VALIDATORS]

"""`caseledger check`: every problem of every record file, each with its file and line.

A pipeline in the style of beancount's loader: first every file is read, collecting a problem
for each one that cannot be read or validated (never stopping at the first); then the
validators, plain functions, each return their problems. There is one list of them per kind:

- `ledger.rules.ISSUE_VALIDATORS` look at one issue alone (`IssueFacts`); the index runs them
  when it reads a file and keeps what they found (`rules.issue_summary`), so a warm `check` at
  100,000 issues neither parses nor re-validates anything;
- `RECORD_VALIDATORS` (here) look across records: townships, villages, pairings, cadres,
  visits, aid and the `IssueTable`, a columnar list of every issue's number, village and
  references.

Validators see records without line numbers (issue facts carry none): each says which file,
which key (a path such as `("history", 3, "at")`) and which message, and `check_ledger` then
re-reads only the files that have a problem, with the round-trip loader, to find the line.
Problems on one line are listed file name first, then record validators, then issue
validators, each in its list's order, whichever way they were found.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger.errors import LedgerError
from ledger.kinds import KINDS, MISPLACED, RECORD_KINDS, misplaced
from ledger.rules import Found, IssueTable, locate, ref_kind
from ledger.store import LOCAL_FILE, SETTINGS_FILE, Problem, problem_from

if TYPE_CHECKING:
    from ledger.store import Ledger

Progress = Callable[[int, int], None]


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
    from ledger.index.records import INDEXED_KINDS
    from ledger.recordscan import scan_records, scan_rows

    for kind in RECORD_KINDS:
        # Through the records index: a county's 175,000 visits, pairings and aid records are
        # neither validated again nor built as models each run; the validators read their
        # light rows. Cadres stay models (a few thousand; `active_on` is theirs).
        scan = scan_rows if kind in INDEXED_KINDS and kind != "cadre" else scan_records
        records, bad = scan(ledger, kind, progress)
        loaded.records[kind] = records
        loaded.unreadable[kind] = {Path(p.file).stem for p in bad}
        problems += bad
        checked += len(records) + len(bad)
    table = issue_table(ledger, progress)
    loaded.issues = table
    problems += table.problems
    loaded.unreadable["issue"] = {Path(p.file).stem for p in table.problems}
    checked += len(table.files) + len(table.problems)

    # Order on one line: a file in the wrong place first (its other problems often follow
    # from being a copy), then record validators, then issue validators, each in list order
    # (the table's ranks are places in `rules.ISSUE_VALIDATORS`).
    after = len(RECORD_VALIDATORS)
    found = [(after + rank, item) for rank, item in table.found]
    for rank, validator in enumerate(RECORD_VALIDATORS):
        found.extend((rank, item) for item in validator(ledger, loaded))
    found.sort(key=lambda pair: (pair[1].key not in MISPLACED, pair[0]))
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
    from ledger.gitops import in_the_middle
    from ledger.worktree import uncommitted_records

    if in_the_middle(ledger.root):  # a conflict being resolved by hand: differing is the point
        return []
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


# -- record validators ------------------------------------------------------------------------
# Each takes (ledger, loaded) and returns a list of Found. Keep them plain and independent.


def _file(record: Any) -> str:
    if isinstance(record, tuple):  # a light row (`ledger.index.rows.Row`) knows its file
        return record.file  # type: ignore[no-any-return]
    return record.origin.file if record.origin is not None else ""


def file_names(ledger: Ledger, loaded: Loaded) -> list[Found]:
    """A record lives in the file its code or id names (`villages/dapo.yaml`, `cadres/000/C3.yaml`;
    an older flat `pairings/P3.yaml` is a right place too)."""
    found: list[Found] = []
    for name in RECORD_KINDS:
        kind = KINDS[name]
        for record in loaded.of(name):
            key = getattr(record, kind.key)
            file = _file(record)
            if file not in kind.accepted_rels(key):
                found.append(Found(file, (kind.key,), *misplaced(ledger.root, file, kind.rel(key))))
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
    that visit in `visit`; the issue is in the visit's village. Unknown visits and issues are
    `references`' to report."""
    table = loaded.issues
    visits = {v.id: v for v in loaded.of("visit")}
    named: dict[str, set[str]] = {}  # issue number → the visits it names
    village_of = {row: code for code, rows in table.villages.items() for row in rows}
    found: list[Found] = []
    for row, value, where in table.refs:
        if ref_kind(where) != "visit":
            continue
        number = table.numbers[row]
        named.setdefault(number, set()).add(value)
        visit = visits.get(value)
        if visit is None:
            continue
        if number not in visit.issues:
            found.append(Found(table.files[row], where, "check.issue_visit_unlisted", {"visit": value}))
        if village_of.get(row) != visit.village:
            params = {"visit": value, "village": visit.village}
            found.append(Found(table.files[row], ("village",), "check.issue_visit_village", params))
    numbers = set(table.numbers)
    for visit in visits.values():
        for index, number in enumerate(visit.issues):
            if number in numbers and visit.id not in named.get(number, set()):
                params = {"number": number, "visit": ", ".join(sorted(named.get(number, set()))) or "null"}
                found.append(Found(_file(visit), ("issues", index), "check.visit_issue_unlinked", params))
    return found


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

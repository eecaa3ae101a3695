"""`caseledger check`: every problem of every record file, each with its file and line.

A pipeline in the style of beancount's loader: first every file is read, collecting a problem
for each one that cannot be read or validated (never stopping at the first); then the
cross-record validators, plain functions listed in `VALIDATORS`, each look at the loaded
records and return their problems. Issues are read through `ledger.scan.scan_issues` (the
index), so a warm `check` at 100,000 issues costs no parsing.

Validators see records without line numbers (issue facts carry none): each says which file,
which key (a path such as `("history", 3, "at")`) and which message, and `check_ledger` then
re-reads only the files that have a problem, with the round-trip loader, to find the line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger.errors import LedgerError
from ledger.store import BUCKET_SIZE, ISSUES_DIR, KIND_DIRS, LOCAL_FILE, SETTINGS_FILE, Problem, problem_from

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

    townships: list[Any] = field(default_factory=list)
    villages: list[Any] = field(default_factory=list)
    pairings: list[Any] = field(default_factory=list)
    issues: list[IssueFacts] = field(default_factory=list)
    # Codes/ids/numbers of files that exist but could not be read (from their file names):
    # they already have their own problem, so references to them are not reported again.
    unreadable: dict[str, set[str]] = field(default_factory=dict)

    def unreadable_of(self, kind: str) -> set[str]:
        return self.unreadable.get(kind, set())


@dataclass
class Result:
    problems: list[Problem]
    checked: int  # record files read (valid or not), ledger.yaml included


def check_ledger(ledger: Ledger, progress: Progress | None = None) -> list[Problem]:
    """Every problem of the ledger, sorted by file then line."""
    return run_checks(ledger, progress).problems


def run_checks(ledger: Ledger, progress: Progress | None = None) -> Result:
    """`check_ledger` plus the number of record files looked at (for "ok: N records checked")."""
    from ledger.scan import scan_issues

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
    for kind, target in (("township", "townships"), ("village", "villages"), ("pairing", "pairings")):
        records, bad = ledger.load_all(kind)
        setattr(loaded, target, records)
        loaded.unreadable[kind] = {Path(p.file).stem for p in bad}
        problems += bad
        checked += len(records) + len(bad)
    scan = scan_issues(ledger, progress)
    loaded.issues = scan.issues
    problems += scan.problems
    loaded.unreadable["issue"] = {Path(p.file).stem for p in scan.problems}
    checked += len(scan.issues) + len(scan.problems)

    found: list[Found] = []
    for validator in VALIDATORS:
        found.extend(validator(ledger, loaded))
    problems += locate(ledger, found)
    problems.sort(key=lambda p: (p.file, p.line))  # stable: validator order within a line
    return Result(problems, checked)


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


# -- validators -------------------------------------------------------------------------------
# Each takes (ledger, loaded) and returns a list of Found. Keep them plain and independent.


def _file(record: Any) -> str:
    return record.origin.file if record.origin is not None else ""


def file_names(ledger: Ledger, loaded: Loaded) -> list[Found]:
    """A record lives in the file its code, id or number names (`villages/dapo.yaml`)."""
    found: list[Found] = []
    for kind, records, attr in (
        ("township", loaded.townships, "code"),
        ("village", loaded.villages, "code"),
        ("pairing", loaded.pairings, "id"),
    ):
        for record in records:
            expected = f"{KIND_DIRS[kind]}/{getattr(record, attr)}.yaml"
            if _file(record) != expected:
                found.append(Found(_file(record), (attr,), "check.file_name", {"expected": expected}))
    for issue in loaded.issues:
        expected = issue_file(issue.number)
        if issue.file != expected:
            found.append(Found(issue.file, ("number",), "check.file_name", {"expected": expected}))
    return found


def issue_file(number: str) -> str:
    """`ledger.rel(ledger.issue_path(number))` with plain strings: 100,000 Paths cost ~2 s."""
    prefix, _, digits = number.rpartition("-")
    bucket = f"{int(digits) // BUCKET_SIZE:03d}"
    if prefix:
        return f"{ISSUES_DIR}/{prefix}/{bucket}/{number}.yaml"
    return f"{ISSUES_DIR}/{bucket}/{number}.yaml"


DUPLICATE_KEYS = {
    "code": "check.duplicate_code",
    "id": "check.duplicate_id",
    "number": "check.duplicate_number",
}


def unique_keys(ledger: Ledger, loaded: Loaded) -> list[Found]:
    """No two townships, villages or pairings share a code or id; no two issues a number."""
    found: list[Found] = []
    groups: list[tuple[str, list[tuple[str, str]]]] = [
        ("code", [(t.code, _file(t)) for t in loaded.townships]),
        ("code", [(v.code, _file(v)) for v in loaded.villages]),
        ("id", [(p.id, _file(p)) for p in loaded.pairings]),
        ("number", [(i.number, i.file) for i in loaded.issues]),
    ]
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


def references(ledger: Ledger, loaded: Loaded) -> list[Found]:
    """Village → an existing township; pairing and issue → an existing village."""
    found: list[Found] = []
    townships = {t.code for t in loaded.townships} | loaded.unreadable_of("township")
    villages = {v.code for v in loaded.villages} | loaded.unreadable_of("village")
    for village in loaded.villages:
        if village.township not in townships:
            found.append(
                Found(_file(village), ("township",), "check.unknown_township", {"code": village.township})
            )
    for pairing in loaded.pairings:
        if pairing.village not in villages:
            found.append(
                Found(_file(pairing), ("village",), "check.unknown_village", {"code": pairing.village})
            )
    for issue in loaded.issues:
        if issue.village not in villages:
            found.append(Found(issue.file, ("village",), "check.unknown_village", {"code": issue.village}))
    return found


def duplicates_point_at_issues(ledger: Ledger, loaded: Loaded) -> list[Found]:
    """A duplicate's `duplicate_of`, and every close event's `of`, name another real issue."""
    numbers = {i.number for i in loaded.issues} | loaded.unreadable_of("issue")
    found: list[Found] = []

    def check(issue: IssueFacts, target: str, where: KeyPath) -> None:
        if target == issue.number:
            found.append(Found(issue.file, where, "check.duplicate_of_self", {"number": target}))
        elif target not in numbers:
            found.append(Found(issue.file, where, "check.duplicate_of_missing", {"number": target}))

    for issue in loaded.issues:
        if issue.duplicate_of is not None:
            check(issue, issue.duplicate_of, ("duplicate_of",))
        for index, event in enumerate(issue.events):
            if event.of is not None:
                check(issue, event.of, ("history", index, "of"))
    return found


def history_order(ledger: Ledger, loaded: Loaded) -> list[Found]:
    """History starts with `opened` (and only once) and each `at` is ≥ the one before."""
    from datetime import datetime

    found: list[Found] = []
    for issue in loaded.issues:
        events = issue.events
        if not events:
            found.append(Found(issue.file, ("history",), "check.history_empty"))
            continue
        if events[0].action != "opened":
            found.append(
                Found(
                    issue.file, ("history", 0, "action"), "check.history_first", {"action": events[0].action}
                )
            )
        for index, event in enumerate(events[1:], 1):
            if event.action == "opened":
                found.append(Found(issue.file, ("history", index, "action"), "check.history_opened_twice"))
        if len(events) < 2:
            continue
        texts = [e.at for e in events]
        if texts == sorted(texts) and len({(len(t), t[-6:]) for t in texts}) == 1:
            continue  # one offset, one precision: text order is time order (the usual case)
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


def status_matches_history(ledger: Ledger, loaded: Loaded) -> list[Found]:
    """`status`, `closed`, `disposition` and `duplicate_of` agree with the last close/reopen."""
    found: list[Found] = []
    for issue in loaded.issues:
        last = None
        for event in issue.events:
            if event.action in ("closed", "reopened"):
                last = event
        is_closed = last is not None and last.action == "closed"
        expected = "closed" if is_closed else "open"
        if issue.status != expected:
            found.append(
                Found(issue.file, ("status",), "check.status", {"status": issue.status, "expected": expected})
            )
        close = last if is_closed else None
        # Each field the last close sets, what it should read, and the message naming it.
        for key, value, want, message in (
            ("closed", issue.closed, close.day if close else None, "check.closed_day"),
            ("disposition", issue.disposition, close.disposition if close else None, "check.disposition"),
            ("duplicate_of", issue.duplicate_of, close.of if close else None, "check.duplicate_of_history"),
        ):
            if value != want:
                params = {"value": _show(value), "expected": _show(want)}
                found.append(Found(issue.file, (key,), message, params))
    return found


def level_matches_escalations(ledger: Ledger, loaded: Loaded) -> list[Found]:
    """`level` is the level of the last escalation, else the level the issue was opened at."""
    found: list[Found] = []
    for issue in loaded.issues:
        expected = None
        for event in issue.events:
            if event.action == "escalated" and event.to:
                expected = event.to
        if expected is None:
            if issue.level == "village":
                continue
            # Rare: an issue entered at a higher level says so on its `opened` event, which
            # the facts do not carry; read that one file to find out.
            expected = _opened_level(ledger, issue.file) or "village"
        if issue.level != expected:
            found.append(
                Found(issue.file, ("level",), "check.level", {"level": issue.level, "expected": expected})
            )
    return found


def _opened_level(ledger: Ledger, file: str) -> str | None:
    try:
        data = ledger.read_raw(ledger.root / file)
        first = data.get("history", [])[0]
        level = first.get("level") if first.get("action") == "opened" else None
    except (LedgerError, OSError, IndexError, AttributeError, TypeError):
        return None
    if level is None:
        return None
    from ledger.enums import Level

    member = Level.lookup(level)
    return member.value if member is not None else None


def _show(value: Any) -> str:
    if value is None:
        return "null"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


VALIDATORS: list[Callable[[Ledger, Loaded], list[Found]]] = [
    file_names,
    unique_keys,
    references,
    duplicates_point_at_issues,
    history_order,
    status_matches_history,
    level_matches_escalations,
]

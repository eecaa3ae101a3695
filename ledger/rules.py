"""The rules `check` holds each issue file to on its own, and what `check` needs of each issue.

A leaf module: it imports no reader (`scan`, the index, `checks`), so the index can run these
rules when it reads a file and keep what they found (`issue_summary`), and `check` reads that
back without this module knowing either of them. `ISSUE_VALIDATORS` is the one list of them:
the index and the plain read both go through `issue_summary`, which runs exactly that list.

Rules across records (unique numbers, references, …) are `ledger.checks.RECORD_VALIDATORS`.
`Found` (a problem before its line is known) and `locate` (give it its line) live here too,
for every module that names a problem in a file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ledger.errors import LedgerError
from ledger.store import Problem, issue_rel

if TYPE_CHECKING:
    from ledger.facts import IssueFacts
    from ledger.store import Ledger

KeyPath = tuple[str | int, ...]


@dataclass
class Found:
    """A cross-record problem before its line is known: file, key path, catalog key, params."""

    file: str
    where: KeyPath
    key: str
    params: dict[str, Any] = field(default_factory=dict)


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
    where), and what the issue validators found (with their place in `ISSUE_VALIDATORS`).

    Plain tuples of strings and ints, so the index can keep them (`ledger.index.summary`).
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
    for rank, validator in enumerate(ISSUE_VALIDATORS):
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
    found: list[tuple[int, Found]] = field(default_factory=list)  # (place in ISSUE_VALIDATORS, found)
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


# -- issue validators -------------------------------------------------------------------------
# Each takes (ledger, one issue's facts) and returns a list of Found for that issue's file.


def issue_file_name(ledger: Ledger, issue: IssueFacts) -> list[Found]:
    """An issue lives in the file its number names (`issues/000/42.yaml`)."""
    from ledger.kinds import misplaced

    expected = issue_rel(issue.number)
    if issue.file != expected:
        return [Found(issue.file, ("number",), *misplaced(ledger.root, issue.file, expected))]
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


# The one list of the rules for one issue file, in the order their problems are listed when
# several fall on one line.
ISSUE_VALIDATORS: list[Callable[[Ledger, IssueFacts], list[Found]]] = [
    issue_file_name,
    history_order,
    events_after_received,
    summary_matches_history,
]

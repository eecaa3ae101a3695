"""What the readers in `ledger.scan` call: one column of every folder, put together."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.facts import number_key
from ledger.index.refresh import Progress, refresh
from ledger.index.walk import path_key

if TYPE_CHECKING:
    from ledger.facts import IssueFacts
    from ledger.index.summary import Entry
    from ledger.rules import IssueTable
    from ledger.state import State
    from ledger.store import Ledger, Problem


def load(
    ledger: Ledger,
    progress: Progress | None = None,
    *,
    workers: int | None = None,
    where: Mapping[str, str] | None = None,
) -> tuple[list[IssueFacts], list[Problem]]:
    """Facts and problems of every issue file, through the index (refreshing it).

    With `where`, only the issues whose fields equal those values (see `scan.scan_issues`),
    compared before they are unpacked.
    """
    folders, unstorable = refresh(ledger, "entries", progress, workers)
    return _assemble(folders, unstorable, where or {})


def month_counts(
    ledger: Ledger,
    first_day: date,
    last_day: date,
    progress: Progress | None = None,
    *,
    workers: int | None = None,
) -> tuple[dict[str, list[int]], list[Problem], list[tuple[str, str]] | None]:
    """`ledger.report.village_counts` of every issue for one month, from the folder summaries;
    the problems of unreadable issue files; the (file, number) of files not named by their
    number, or None when some file sits in another number's folder (find them by a full read).
    """
    return period_counts(ledger, first_day, last_day, "month", progress, workers=workers)[:3]


def period_counts(
    ledger: Ledger,
    first_day: date,
    last_day: date,
    unit: str,
    progress: Progress | None = None,
    *,
    workers: int | None = None,
) -> tuple[dict[str, list[int]], list[Problem], list[tuple[str, str]] | None, set[str]]:
    """`month_counts` for a whole month, quarter or year (`unit`), and every village an issue
    names (a reader checks them against the villages that exist)."""
    from ledger.index.summary import add_period

    column = "months" if unit == "month" else "periods"
    folders, unstorable = refresh(ledger, column, progress, workers)
    counts: dict[str, list[int]] = {}
    problems = list(unstorable)
    misnamed: list[tuple[str, str]] | None = []
    villages: set[str] = set()
    for rel, folded in folders.items():
        add_period(counts, folded, first_day, last_day, unit)
        misnamed = _claims(rel, folded[2], problems, misnamed)
        villages.update(folded[3])
    return {village: row for village, row in counts.items() if any(row)}, problems, misnamed, villages


def cadre_work(
    ledger: Ledger,
    first_day: date,
    last_day: date,
    progress: Progress | None = None,
    *,
    workers: int | None = None,
) -> tuple[dict[str, list[int]], list[Problem]]:
    """`ledger.cadre_work.issue_work`'s counts ({cadre: [owned, closed, closed_on_time,
    resolved]}) for the period `first_day`..`last_day` (a month's first day to a month's
    last), from the folder summaries; and the problems of unreadable issue files, in the order
    `load` gives them."""
    from ledger.index.work import add_work

    folders, unstorable = refresh(ledger, "work", progress, workers)
    totals: dict[str, list[int]] = {}
    problems = list(unstorable)
    for rel in sorted(folders, key=path_key):
        folded = folders[rel]
        add_work(totals, folded, first_day, last_day)
        _claims(rel, folded[3], problems, None)
    problems.sort(key=lambda p: path_key(p.file))
    return totals, problems


def _claims(
    rel: str, claims: Any, problems: list[Problem], misnamed: list[tuple[str, str]] | None
) -> list[tuple[str, str]] | None:
    """Add a folder's claims (`cases.claims_of`) to `problems` (unreadable files) and to
    `misnamed` (files not named by their number), which becomes None when a file sits in
    another number's folder; the new `misnamed`."""
    from ledger.store import Problem

    unreadable, odd, homes = claims
    problems.extend(Problem(file, line, key, dict(params)) for file, line, key, params in unreadable)
    if misnamed is not None:
        misnamed.extend((f"{rel}/{name}", number) for name, number in odd)
        if homes and homes != [rel]:
            return None
    return misnamed


def attention(
    ledger: Ledger,
    as_of: date,
    progress: Progress | None = None,
    *,
    workers: int | None = None,
) -> tuple[list[tuple[Any, State]], list[Problem], list[tuple[str, str]] | None, set[str]]:
    """(issue, its state at the end of `as_of`) for every issue that may need attention that
    day (`alerts.may_alert`), from the folders' kept spans (`ledger.index.cases`); the problems
    of unreadable files; the (file, number) of files not named by their number, or None when
    some file sits in another number's folder (as `month_counts`); and every village an issue
    names. Any day, past or present, reads the same one column: no history is unpacked."""
    from ledger.index.cases import cases_of, spans_at
    from ledger.store import Problem

    folders, unstorable = refresh(ledger, "cases", progress, workers)
    day = as_of.toordinal()
    pairs: list[tuple[Any, State]] = []
    problems = list(unstorable)
    misnamed: list[tuple[str, str]] | None = []
    villages: set[str] = set()
    for rel, folded in folders.items():
        used, (unreadable, odd, homes) = folded[0], folded[1]
        villages.update(used)
        problems.extend(Problem(file, line, key, dict(params)) for file, line, key, params in unreadable)
        if misnamed is not None:
            misnamed.extend((f"{rel}/{name}", number) for name, number in odd)
            if homes and homes != [rel]:
                misnamed = None
        pairs.extend(cases_of(rel, spans_at(folded, day)))
    return pairs, problems, misnamed, villages


def issue_table(
    ledger: Ledger, progress: Progress | None = None, *, workers: int | None = None
) -> IssueTable:
    """`ledger.rules.IssueTable` of every issue file, from the folder summaries."""
    from ledger.index.summary import add_checks
    from ledger.rules import IssueTable

    folders, unstorable = refresh(ledger, "checks", progress, workers)
    table = IssueTable()
    for rel, folded in folders.items():
        add_checks(table, rel, folded)
    table.problems.extend(unstorable)
    return table


def _assemble(
    folders: dict[str, list[Entry]], extra: list[Problem], where: Mapping[str, str]
) -> tuple[list[IssueFacts], list[Problem]]:
    from ledger.index.packing import PLAIN_FIELDS, unpacker
    from ledger.store import Problem

    make = unpacker()
    tests = [(PLAIN_FIELDS[field], value) for field, value in where.items()]  # KeyError: unknown
    issues: list[IssueFacts] = []
    problems: list[tuple[tuple[str, ...], Problem]] = []
    ordered = True
    last: tuple[str, int] | None = None
    for rel in sorted(folders, key=path_key):
        for name, kind, payload, *_parts in folders[rel]:
            if kind == "f":
                if tests and not all(payload[i] == value for i, value in tests):
                    continue
                issues.append(make(payload))
                key = number_key(payload[0])
                if last is not None and key <= last:
                    ordered = False
                last = key
            else:
                order = path_key(f"{rel}/{name}")
                for file, line, key_, params in payload:
                    problems.append((order, Problem(file, line, key_, dict(params))))
    for p in extra:
        problems.append((path_key(p.file), p))
    # Folders in path order, files by number within each: already sorted unless a file sits
    # in the wrong folder or two files share a number. Check, and sort exactly if not.
    if not ordered:
        keys = [number_key(f.number) for f in issues]
        decorated = sorted(range(len(issues)), key=lambda i: (keys[i], path_key(issues[i].file)))
        issues = [issues[i] for i in decorated]
    problems.sort(key=lambda item: item[0])
    return issues, [p for _, p in problems]

"""Reading every issue of a ledger: the one entry point for listings, reports and `check`.

`scan_issues` returns the facts of every valid issue file and a problem for every file that
cannot be read. The index (issue 6) makes it fast; its results never differ from a plain read.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ledger.errors import LedgerError
from ledger.store import Problem, problem_from

if TYPE_CHECKING:
    from ledger.facts import IssueFacts
    from ledger.store import Ledger

Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class Scan:
    issues: list[IssueFacts] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def by_number(self) -> dict[str, IssueFacts]:
        return {f.number: f for f in self.issues}


def scan_issues(ledger: Ledger, progress: Progress | None = None, *, use_index: bool | None = None) -> Scan:
    """Facts of every issue, sorted by number; unreadable files become problems.

    Goes through the derived index (`ledger.index`) unless `use_index` is False or
    `$CASELEDGER_NO_INDEX` is set; the results are the same either way. `progress(done,
    total)` is called while files are being parsed (many only on a cold index).
    """
    if use_index is None:
        use_index = not os.environ.get("CASELEDGER_NO_INDEX")
    if use_index:
        import sqlite3

        from ledger import index

        try:
            issues, problems = index.load(ledger, progress)
        except (OSError, sqlite3.Error, ValueError, EOFError, TypeError, KeyError):
            pass  # never fail a read because of the index: read the files instead
        else:
            return Scan(issues, problems)
    return read_issues(ledger, progress)


def read_issues(ledger: Ledger, progress: Progress | None = None) -> Scan:
    """The plain read, without the index: parse and validate every issue file."""
    from ledger.facts import facts_of
    from ledger.issue import Issue

    result = Scan()
    files = sorted(ledger.issue_files())
    for done, path in enumerate(files, 1):
        rel = ledger.rel(path)
        try:
            issue = ledger.read_record(Issue, path)
        except LedgerError as exc:
            result.problems.append(problem_from(exc, rel))
        else:
            result.issues.append(facts_of(issue, rel))
        if progress is not None:
            progress(done, len(files))
    result.issues.sort(key=lambda f: f.sort_key)
    return result

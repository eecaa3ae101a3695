"""Reading every issue of a ledger: the one entry point for listings, reports and `check`.

- `scan_issues`: the facts of every valid issue file and a problem for every file that cannot
  be read (listings, overdue list, notice board);
- `month_counts`: each village's month-end counts (`report month`); `period_counts_and_bad`
  the same over a quarter or a year (`report bulletin`);
- `attention`: the issues that may need attention on a day, with their state then
  (`report overdue`, `report alerts`);
- `cadre_work`: each cadre's issues owned and closed in a period (`report cadres`);
- `issue_table`: what `check` needs of every issue (`ledger.rules.IssueTable`).

Each goes through the derived index (`ledger.index`) unless `use_index` is False or
`$CASELEDGER_NO_INDEX` is set, and falls back to reading the files when the index meets a
storage error (`_storage_errors`); any other exception is a bug and propagates. The
results are the same either way: the plain read below is the reference, and the index keeps
what the same functions computed from the same facts.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.errors import LedgerError
from ledger.fallback import indexed as _indexed
from ledger.fallback import storage_errors as _storage_errors
from ledger.store import Problem, problem_from

if TYPE_CHECKING:
    from ledger.cadre_work import IssueWork
    from ledger.facts import IssueFacts
    from ledger.rules import IssueTable
    from ledger.state import State
    from ledger.store import Ledger

Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class Scan:
    issues: list[IssueFacts] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def by_number(self) -> dict[str, IssueFacts]:
        return {f.number: f for f in self.issues}


def scan_issues(
    ledger: Ledger,
    progress: Progress | None = None,
    *,
    use_index: bool | None = None,
    where: Mapping[str, str] | None = None,
) -> Scan:
    """Facts of every issue, sorted by number; unreadable files become problems (all of them).

    `where` keeps only the issues whose fields equal the values given, e.g. `{"village":
    "dapo", "status": "open"}`; fields: village, category, source, owner, level, status.
    `progress(done, total)` is called while files are being parsed (many only on a cold index).
    """
    if where:
        from ledger.index.packing import PLAIN_FIELDS

        unknown = set(where) - set(PLAIN_FIELDS)
        if unknown:
            raise ValueError(f"scan_issues cannot filter on {sorted(unknown)}")
    if _indexed(use_index):
        from ledger import index

        with contextlib.suppress(*_storage_errors()):
            return Scan(*index.load(ledger, progress, where=where))
    scan = read_issues(ledger, progress)
    if where:
        scan.issues = [f for f in scan.issues if all(getattr(f, k) == v for k, v in where.items())]
    return scan


def month_counts(
    ledger: Ledger,
    first_day: date,
    last_day: date,
    progress: Progress | None = None,
    *,
    use_index: bool | None = None,
) -> dict[str, list[int]]:
    """Each village's counts for one calendar month (`ledger.report.village_counts`)."""
    return month_counts_and_bad(ledger, first_day, last_day, progress, use_index=use_index)[0]


def month_counts_and_bad(
    ledger: Ledger,
    first_day: date,
    last_day: date,
    progress: Progress | None = None,
    *,
    use_index: bool | None = None,
) -> tuple[dict[str, list[int]], list[Problem]]:
    """`month_counts`, and the issue files a whole-ledger reader must refuse or skip (SPEC §4):
    unreadable ones and ones not named by their number (`ledger.badfiles.issue_problems`)."""
    counts, problems, _villages = period_counts_and_bad(
        ledger, first_day, last_day, "month", progress, use_index=use_index
    )
    return counts, problems


def period_counts_and_bad(
    ledger: Ledger,
    first_day: date,
    last_day: date,
    unit: str,
    progress: Progress | None = None,
    *,
    use_index: bool | None = None,
) -> tuple[dict[str, list[int]], list[Problem], set[str]]:
    """`month_counts_and_bad` over a whole month, quarter or year (`unit`: its first and last
    day), and every village the issues name (a reader checks them against those that exist).
    Through the index a warm call unpacks no issue: the counts of every period are kept."""
    from ledger.badfiles import misnamed_problems

    if _indexed(use_index):
        from ledger import index

        with contextlib.suppress(*_storage_errors()):
            counts, problems, misnamed, villages = index.period_counts(
                ledger, first_day, last_day, unit, progress
            )
            if misnamed is None:  # a file in another number's folder: find it among all
                misnamed = _claims(scan_issues(ledger).issues)
            return counts, problems + misnamed_problems(ledger, misnamed), villages
    from ledger.report import village_counts

    scan = read_issues(ledger, progress)
    counts = village_counts(scan.issues, first_day, last_day)
    problems = scan.problems + misnamed_problems(ledger, _claims(scan.issues))
    return counts, problems, {f.village for f in scan.issues}


def cadre_work(
    ledger: Ledger,
    first_day: date,
    last_day: date,
    progress: Progress | None = None,
    *,
    use_index: bool | None = None,
) -> tuple[dict[str, IssueWork], list[Problem]]:
    """What `report cadres` needs of the issues (SPEC §8): each cadre's `issue_work` in the
    period `first_day`..`last_day` (whole months), and the problems of unreadable issue files.
    Through the index a warm call unpacks no issue: each keeps its work day by day
    (`ledger.index.work`)."""
    from ledger.cadre_work import as_issue_work, issue_work

    if _indexed(use_index):
        from ledger import index

        with contextlib.suppress(*_storage_errors()):
            totals, problems = index.cadre_work(ledger, first_day, last_day, progress)
            return as_issue_work(totals), problems
    scan = read_issues(ledger, progress)
    return issue_work(scan.issues, first_day, last_day), scan.problems


def attention(
    ledger: Ledger,
    as_of: date,
    progress: Progress | None = None,
    *,
    use_index: bool | None = None,
) -> tuple[list[tuple[Any, State]], list[Problem], set[str]]:
    """What `report overdue` and `report alerts` read (SPEC §6, §9): (issue, its state at the
    end of `as_of`) for every issue that may need attention that day (`alerts.may_alert`:
    open, or closed with an unsatisfied follow-up in force), in no set order; the issue files a
    whole-ledger reader must refuse or skip (unreadable, not named by their number); and every
    village the issues name (a reader checks them against the villages that exist).

    The issue of a pair is `IssueFacts` or `facts.Case` (number, file, title, village,
    category, received, sort_key). Through the index a warm call unpacks no history: each
    folder keeps its cases' states ahead of time (`ledger.index.cases`)."""
    from ledger.badfiles import misnamed_problems

    if _indexed(use_index):
        from ledger import index

        with contextlib.suppress(*_storage_errors()):
            pairs, problems, misnamed, villages = index.attention(ledger, as_of, progress)
            if misnamed is None:  # a file in another number's folder: find it among all
                problems += misnamed_problems(ledger, _claims(scan_issues(ledger).issues))
            else:
                problems += misnamed_problems(ledger, misnamed)
            return pairs, problems, villages
    from ledger.alerts import may_alert
    from ledger.state import at

    scan = read_issues(ledger, progress)
    pairs = []
    for issue in scan.issues:
        now = at(issue, as_of)
        if may_alert(now):
            pairs.append((issue, now))
    problems = scan.problems + misnamed_problems(ledger, _claims(scan.issues))
    return pairs, problems, {f.village for f in scan.issues}


def issue_table(
    ledger: Ledger, progress: Progress | None = None, *, use_index: bool | None = None
) -> IssueTable:
    """Every issue as `check` sees it: numbers, villages, references, and what the issue
    validators found; plus the problems of unreadable issue files."""
    if _indexed(use_index):
        from ledger import index

        with contextlib.suppress(*_storage_errors()):
            return index.issue_table(ledger, progress)
    from ledger.rules import table_of

    scan = read_issues(ledger, progress)
    return table_of(ledger, scan.issues, scan.problems)


def _claims(issues: list[IssueFacts]) -> list[tuple[str, str]]:
    return [(f.file, f.number) for f in issues]


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

"""What the index keeps beside each issue's facts, so that reports and `check` build no objects.

A warm `report month` at 100,000 issues cannot afford to turn every stored issue back into
`IssueFacts` (~1 s) and walk its history (~1 s more). So when the index reads a file it also
works out, with the very functions the plain read uses:

- `ledger.index.months.issue_months`: the counts the issue adds to each month;
- `ledger.rules.issue_summary`: what `check` needs of it (number, village, references, and
  what the single-issue validators found).

Per issue folder (≤ 1,000 files) these are then folded into one summary of each kind, which
is all a warm report or check reads. Everything here is plain tuples, lists and dicts of str
and int, kept with `marshal`.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ledger.facts import IssueFacts
    from ledger.rules import IssueTable
    from ledger.store import Ledger

# An index entry for one file: (file name, "f", packed facts, *one part per name of PARTS) for
# an issue, (file name, "p", problems, *None for each part) for a file that cannot be read.
Entry = tuple[Any, ...]
PARTS = ("months", "checks", "cases")


def derive(ledger: Ledger, facts: IssueFacts) -> tuple[Any, ...]:
    """The parts of one issue's index entry (`PARTS`): months, checks, cases."""
    from ledger.index.cases import derive_case
    from ledger.index.months import issue_months
    from ledger.rules import issue_summary

    months = issue_months(facts)
    if months is None:
        months_part = (facts.village, None, None)  # counted from its facts each time
    else:
        months_part = (facts.village, tuple(months[0]), months[1])
    return months_part, issue_summary(ledger, facts), derive_case(facts)


def fold(column: str, entries: list[Entry]) -> Any:
    """A folder's value of one stored column (`store.COLUMNS`), from its entries sorted by number."""
    from ledger.index.cases import fold_cases

    folds = {"months": fold_months, "checks": fold_checks, "entries": list, "cases": fold_cases}
    return folds[column](entries)


# -- months -----------------------------------------------------------------------------------
# Folded: ({month key: marshal of {village: sparse counts}}, tail, irregular, claims)
#   tail:      [(village, last active month, deadline ordinal, how many issues)]
#   irregular: [packed facts] of issues `issue_months` declined
#   claims:    what a reader needs to refuse bad files (SPEC §4) without reading the entries:
#              ([problem tuples of unreadable files], [(file name, number) of files not named
#              `<number>.yaml`], [the folders their numbers say they belong in])


def fold_months(entries: Iterable[Entry]) -> tuple[dict[int, bytes], list[Any], list[Any], Any]:
    entries = list(entries)
    by_month: dict[int, dict[str, dict[int, int]]] = {}
    tails: dict[tuple[str, int, int], int] = {}
    irregular: list[Any] = []
    for _name, kind, payload, months, *_parts in entries:
        if kind != "f":
            continue
        village, active, tail = months
        if active is None:
            irregular.append(payload)
            continue
        for key, values in active:
            counts = by_month.setdefault(key, {}).setdefault(village, {})
            for i, value in values:
                counts[i] = counts.get(i, 0) + value
        if tail is not None:
            tails[(village, *tail)] = tails.get((village, *tail), 0) + 1
    packed = {key: marshal.dumps(villages) for key, villages in by_month.items()}
    from ledger.index.cases import claims_of

    claims = claims_of(entries)
    return packed, [(*key, n) for key, n in sorted(tails.items())], irregular, claims


def add_month(
    counts: dict[str, list[int]],
    folded: tuple[dict[int, bytes], list[Any], list[Any]],
    first_day: date,
    last_day: date,
) -> None:
    """Add one folder's counts for the month (`first_day`..`last_day`) to `counts`."""
    from ledger.index.months import TAIL_KEYS, month_key
    from ledger.report import COUNT_KEYS, count_issue, empty_figures

    def row_of(village: str) -> list[int]:
        row = counts.get(village)
        if row is None:
            row = counts[village] = [0] * len(COUNT_KEYS)
        return row

    key = month_key(first_day)
    by_month, tail, irregular, _claims = folded
    blob = by_month.get(key)
    if blob is not None:
        for village, values in marshal.loads(blob).items():
            row = row_of(village)
            for i, value in values.items():
                row[i] += value
    carried, open_end, overdue_end = TAIL_KEYS
    last = last_day.toordinal()
    for village, last_active, deadline, n in tail:
        if last_active < key:  # still open, nothing happening any more: carried and open
            row = row_of(village)
            row[carried] += n
            row[open_end] += n
            if deadline < last:
                row[overdue_end] += n
    if irregular:
        from ledger.index.packing import unpack

        for packed in irregular:
            issue = unpack(packed)
            figures = empty_figures()
            count_issue(figures, issue, first_day, last_day)
            row = row_of(issue.village)
            for i, name in enumerate(COUNT_KEYS):
                row[i] += figures[name]


# -- check ------------------------------------------------------------------------------------
# Folded: (file names, numbers, {village: [row]}, [(row, number, where)],
#          [(row, rank, where, key, params)], [problem tuples])


def fold_checks(entries: Iterable[Entry]) -> tuple[Any, ...]:
    names: list[str] = []
    numbers: list[str] = []
    villages: dict[str, list[int]] = {}
    refs: list[tuple[Any, ...]] = []
    found: list[tuple[Any, ...]] = []
    problems: list[Any] = []
    for name, kind, payload, _months, checks, *_parts in entries:
        if kind != "f":
            problems.extend(payload)
            continue
        number, village, issue_refs, issue_found = checks
        row = len(names)
        names.append(name)
        numbers.append(number)
        villages.setdefault(village, []).append(row)
        refs.extend((row, target, where) for target, where in issue_refs)
        found.extend((row, *item) for item in issue_found)
    return names, numbers, villages, refs, found, problems


def add_checks(table: IssueTable, folder: str, folded: tuple[Any, ...]) -> None:
    """Add one folder (`issues/007`) to `table`."""
    from ledger.rules import Found
    from ledger.store import Problem

    names, numbers, villages, refs, found, problems = folded
    offset = len(table.files)
    files = [f"{folder}/{name}" for name in names]
    table.files.extend(files)
    table.numbers.extend(numbers)
    for village, rows in villages.items():
        table.villages.setdefault(village, []).extend(offset + row for row in rows)
    table.refs.extend((offset + row, target, where) for row, target, where in refs)
    table.found.extend(
        (rank, Found(files[row], where, key, dict(params))) for row, rank, where, key, params in found
    )
    table.problems.extend(Problem(file, line, key, dict(params)) for file, line, key, params in problems)

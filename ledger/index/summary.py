"""What the index keeps beside each issue's facts, so that reports and `check` build no objects.

A warm `report month` at 100,000 issues cannot afford to turn every stored issue back into
`IssueFacts` (~1 s) and walk its history (~1 s more). So when the index reads a file it also
works out, with the very functions the plain read uses:

- `ledger.index.months.issue_counts`: the counts the issue adds to each month, quarter and year;
- `ledger.rules.issue_summary`: what `check` needs of it (number, village, references, and
  what the single-issue validators found);
- `ledger.index.cases.derive_case`: its state when it may need attention;
- `ledger.index.work.derive_work`: what it counts for in its owner cadre's work, day by day.

Per issue folder (≤ 1,000 files) these are then folded into one summary of each kind, which
is all a warm report or check reads. Everything here is plain tuples, lists and dicts of str
and int, kept with `marshal`.
"""

from __future__ import annotations

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
PARTS = ("months", "checks", "cases", "work")


def derive(ledger: Ledger, facts: IssueFacts) -> tuple[Any, ...]:
    """The parts of one issue's index entry (`PARTS`): months, checks, cases, work."""
    from ledger.index.cases import derive_case
    from ledger.index.months import issue_counts
    from ledger.index.work import derive_work
    from ledger.rules import issue_summary

    # months: (village, counts per unit of months.UNITS, or None: counted from its facts each time)
    months_part = (facts.village, issue_counts(facts))
    return months_part, issue_summary(ledger, facts), derive_case(facts), derive_work(facts)


def fold(column: str, entries: list[Entry]) -> Any:
    """A folder's value of one stored column (`store.COLUMNS`), from its entries sorted by number."""
    from ledger.index.cases import fold_cases
    from ledger.index.work import fold_work

    if column == "work":
        return fold_work(entries, 3 + PARTS.index("work"))
    if column in COLUMN_UNITS:
        return fold_months(entries, COLUMN_UNITS[column])
    folds = {"checks": fold_checks, "entries": list, "cases": fold_cases}
    return folds[column](entries)


# -- months, quarters, years ------------------------------------------------------------------
# Two columns: `months` (for `report month`, unit month) and `periods` (quarter and year, for
# `report bulletin`), each folded as
#   ({unit: ({period key: marshal of {village: sparse counts}}, tail)}, irregular, claims, villages)
#   tail:      [(village, last active period, deadline ordinal, how many issues)]
#   irregular: [packed facts] of issues `issue_counts` declined
#   claims:    what a reader needs to refuse bad files (SPEC §4) without reading the entries:
#              ([problem tuples of unreadable files], [(file name, number) of files not named
#              `<number>.yaml`], [the folders their numbers say they belong in])
#   villages:  every village the folder's issues name, sorted
COLUMN_UNITS = {"months": ("month",), "periods": ("quarter", "year")}


def fold_months(entries: Iterable[Entry], units: tuple[str, ...] = ("month",)) -> tuple[Any, ...]:
    from ledger.index.cases import claims_of
    from ledger.index.months import fold_counts

    entries = list(entries)
    kept: list[tuple[str, Any]] = []
    irregular: list[Any] = []
    villages: set[str] = set()
    for _name, kind, payload, months, *_parts in entries:
        if kind != "f":
            continue
        village, counts = months
        villages.add(village)
        if counts is None:
            irregular.append(payload)
        else:
            kept.append((village, counts))
    return fold_counts(kept, units), irregular, claims_of(entries), sorted(villages)


def add_period(
    counts: dict[str, list[int]], folded: tuple[Any, ...], first_day: date, last_day: date, unit: str
) -> None:
    """Add one folder's counts for the period `first_day`..`last_day` (a whole month, quarter
    or year: `unit`, one the column was folded for) to `counts`."""
    from ledger.index.months import add_counts

    by_unit, irregular, _claims, _villages = folded
    add_counts(counts, by_unit[unit], irregular, first_day, last_day, unit)


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

"""The period counts kept ahead of time: what `report month` would count for an issue in every
month, and what `report bulletin` would count in every quarter and every year, worked out once
when the index reads the file.

The counting itself is `ledger.report.count_states`, the very function the plain read uses, over
`ledger.state`'s answer for each period's start and end; this module only decides which
periods to keep, what an issue adds after its last event (`tail`), and how a folder's issues
are folded (`fold_counts`) and read back (`add_counts`). A month, a quarter and a year are the
same thing here: a run of days numbered by `period_key`.
"""

from __future__ import annotations

import marshal
from calendar import monthrange
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ledger.report import COUNT_KEYS, count_issue, count_states, empty_figures
from ledger.state import at as state_at

if TYPE_CHECKING:
    from ledger.facts import IssueFacts
    from ledger.state import State


MAX_SPAN_MONTHS = 600  # an issue whose dates spread wider is counted from its facts each time
Sparse = tuple[tuple[int, int], ...]  # (index in COUNT_KEYS, value) for the non-zero counts
UNITS = ("month", "quarter", "year")  # the periods kept, in the order an entry keeps them
_MONTHS_IN = {"month": 1, "quarter": 3, "year": 12}


def period_key(day: date, unit: str = "month") -> int:
    """The number of the `unit` (month, quarter, year) `day` falls in; consecutive periods have
    consecutive numbers."""
    return (day.year * 12 + day.month - 1) // _MONTHS_IN[unit]


def period_days(key: int, unit: str = "month") -> tuple[date, date]:
    """The first and last day of period `key` (see `period_key`)."""
    size = _MONTHS_IN[unit]
    year, month = divmod(key * size, 12)
    first = date(year, month + 1, 1)
    year_end, month_end = divmod(key * size + size - 1, 12)
    return first, date(year_end, month_end + 1, monthrange(year_end, month_end + 1)[1])


def month_key(day: date) -> int:
    return period_key(day, "month")


def month_days(key: int) -> tuple[date, date]:
    """The first and last day of month `key` (see `month_key`)."""
    return period_days(key, "month")


Counts = tuple[list[tuple[int, Sparse]], tuple[int, int] | None]


def issue_periods(issue: IssueFacts, unit: str = "month") -> Counts | None:
    """What `count_issue` adds for this issue in every period of `unit`, in a form the index
    can keep.

    Returns `(active, tail)`. `active` holds the non-zero counts of each period from the first
    to the last one that its receipt or any event falls in; before that the issue adds nothing.
    After it nothing happens any more, so a period then adds only `carried_over`, `open_end` and
    `overdue_end` while the issue is open: `tail` is `(last active period, deadline in force)`
    for an issue open after its last event, else None. Returns None when the dates span more
    than `MAX_SPAN_MONTHS` or touch the calendar's ends (count such an issue directly); the
    same issues for every unit.
    """
    span = _span(issue)
    return None if span is None else _periods(issue, unit, *span, {})


def issue_counts(issue: IssueFacts) -> tuple[Any, ...] | None:
    """`issue_periods` for every unit of `UNITS` (active as a tuple, for marshal), or None when
    the issue is to be counted from its facts each time. The units share their states: a
    quarter ends on a month's last day, and so does a year."""
    span = _span(issue)
    if span is None:
        return None
    states: dict[date, State] = {}
    kept = []
    for unit in UNITS:
        active, tail = _periods(issue, unit, *span, states)
        kept.append((tuple(active), tail))
    return tuple(kept)


def _span(issue: IssueFacts) -> tuple[date, date] | None:
    """The issue's first and last day, or None when it is to be counted from its facts."""
    days = [issue.received, *(e.day for e in issue.events)]
    low, high = min(days), max(days)
    if low.year < 2 or high.year > 9998 or month_key(high) - month_key(low) >= MAX_SPAN_MONTHS:
        return None
    return low, high


def _periods(issue: IssueFacts, unit: str, low: date, high: date, states: dict[date, State]) -> Counts:
    def state(day: date) -> State:
        found = states.get(day)
        if found is None:
            found = states[day] = state_at(issue, day)
        return found

    first_key, last_key = period_key(low, unit), period_key(high, unit)
    active: list[tuple[int, Sparse]] = []
    first_day = period_days(first_key, unit)[0]
    end = state(first_day - timedelta(days=1))
    for key in range(first_key, last_key + 1):
        first_day, last_day = period_days(key, unit)
        start, end = end, state(last_day)  # a period starts as the one before ended
        figures = empty_figures()
        count_states(figures, issue, first_day, last_day, start, end)
        values = tuple((i, figures[k]) for i, k in enumerate(COUNT_KEYS) if figures[k])
        if values:
            active.append((key, values))
    deadline = end.deadline or issue.deadline
    return active, ((last_key, deadline.toordinal()) if end.open else None)


def issue_months(issue: IssueFacts) -> Counts | None:
    return issue_periods(issue, "month")


TAIL_KEYS = (COUNT_KEYS.index("carried_over"), COUNT_KEYS.index("open_end"), COUNT_KEYS.index("overdue_end"))


# Folded, per unit: ({period key: marshal of {village: sparse counts}}, tail), the tail being
# [(village, last active period, deadline ordinal, how many issues)].
Folded = tuple[dict[int, bytes], list[Any]]


def fold_counts(kept: Iterable[tuple[str, Any]], units: tuple[str, ...]) -> dict[str, Folded]:
    """Fold the `issue_counts` of a folder's issues ((village, counts) each; none irregular)
    into one `Folded` per unit asked for."""
    folded: dict[str, Folded] = {}
    for unit in units:
        u = UNITS.index(unit)
        by_key: dict[int, dict[str, dict[int, int]]] = {}
        tails: dict[tuple[str, int, int], int] = {}
        for village, counts in kept:
            active, tail = counts[u]
            for key, values in active:
                found = by_key.setdefault(key, {}).setdefault(village, {})
                for i, value in values:
                    found[i] = found.get(i, 0) + value
            if tail is not None:
                tails[(village, *tail)] = tails.get((village, *tail), 0) + 1
        folded[unit] = (
            {key: marshal.dumps(villages) for key, villages in by_key.items()},
            [(*key, n) for key, n in sorted(tails.items())],
        )
    return folded


def add_counts(
    counts: dict[str, list[int]],
    folded: Folded,
    irregular: list[Any],
    first_day: date,
    last_day: date,
    unit: str,
) -> None:
    """Add one folder's counts for the period `first_day`..`last_day` (a whole `unit`) to
    `counts`; `irregular` are the packed facts of its issues counted directly."""

    def row_of(village: str) -> list[int]:
        row = counts.get(village)
        if row is None:
            row = counts[village] = [0] * len(COUNT_KEYS)
        return row

    key = period_key(first_day, unit)
    by_key, tail = folded
    blob = by_key.get(key)
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

"""The month counts kept ahead of time: what `report month` would count for an issue in every
month, worked out once when the index reads the file.

The counting itself is `ledger.report.count_states`, the very function the plain read uses, over
`ledger.state`'s answer for each month's start and end; this module only decides which months
to keep and what an issue adds after its last event (`tail`).
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ledger.report import COUNT_KEYS, count_states, empty_figures
from ledger.state import at as state_at

if TYPE_CHECKING:
    from ledger.facts import IssueFacts


MAX_SPAN_MONTHS = 600  # an issue whose dates spread wider is counted from its facts each time
Sparse = tuple[tuple[int, int], ...]  # (index in COUNT_KEYS, value) for the non-zero counts


def month_key(day: date) -> int:
    return day.year * 12 + day.month - 1


def month_days(key: int) -> tuple[date, date]:
    """The first and last day of month `key` (see `month_key`)."""
    year, month = divmod(key, 12)
    first = date(year, month + 1, 1)
    return first, date(year, month + 1, monthrange(year, month + 1)[1])


def issue_months(issue: IssueFacts) -> tuple[list[tuple[int, Sparse]], tuple[int, int] | None] | None:
    """What `count_issue` adds for this issue in every month, in a form the index can keep.

    Returns `(active, tail)`. `active` holds the non-zero counts of each month from the first
    to the last one that its receipt or any event falls in; before that the issue adds nothing.
    After it nothing happens any more, so a month then adds only `carried_over`, `open_end` and
    `overdue_end` while the issue is open: `tail` is `(last active month, deadline in force)`
    for an issue open after its last event, else None. Returns None when the dates span more
    than `MAX_SPAN_MONTHS` or touch the calendar's ends (count such an issue directly).
    """
    days = [issue.received, *(e.day for e in issue.events)]
    low, high = min(days), max(days)
    if low.year < 2 or high.year > 9998:
        return None
    first_key, last_key = month_key(low), month_key(high)
    if last_key - first_key >= MAX_SPAN_MONTHS:
        return None
    active: list[tuple[int, Sparse]] = []
    first_day = month_days(first_key)[0]
    end = state_at(issue, first_day - timedelta(days=1))
    for key in range(first_key, last_key + 1):
        first_day, last_day = month_days(key)
        start, end = end, state_at(issue, last_day)  # a month starts as the one before ended
        figures = empty_figures()
        count_states(figures, issue, first_day, last_day, start, end)
        values = tuple((i, figures[k]) for i, k in enumerate(COUNT_KEYS) if figures[k])
        if values:
            active.append((key, values))
    deadline = end.deadline or issue.deadline
    return active, ((last_key, deadline.toordinal()) if end.open else None)


TAIL_KEYS = (COUNT_KEYS.index("carried_over"), COUNT_KEYS.index("open_end"), COUNT_KEYS.index("overdue_end"))

"""The cadres' issue work kept ahead of time: what makes a warm `report cadres` read no history.

`report cadres` asks of every issue what it counts for at the period's last day
(`ledger.cadre_work.work_at`: owned by a cadre, or a close of a cadre's with its day, on time or
not, resolved or not); the period's first day only decides whether such a close is in it. When
the index reads an issue whose history names an owner cadre, it keeps `work_steps`, that value
as a step function of the day (worked out with `ledger.state`, through `work_at`). A period
always ends on a month's last day, so per folder the steps are folded by month (`fold_work`):

- for each month, the values in force at its end, counted, of the issues with a step after it
  (a close's day kept as its month, which decides "in the period" as well as the day since
  every period starts on a month's first day);
- a tail: each issue's last value, in force in every month from its last step's on, with that
  month;
- odd: the steps themselves of an issue whose dates span more than `months.MAX_SPAN_MONTHS` or
  touch the calendar's ends (as `months` counts those directly), read with `step_value`.

A folder's work blob: ({month key: marshal of [(value, how many)]}, [(month key, value, how
many)], [steps], claims), a value being (cadre, close month or None when open, on time,
resolved); claims as `cases.claims_of` gives them.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.cadre_work import Work, names_a_cadre, step_value, tally, work_steps
from ledger.index.months import month_days, month_key

if TYPE_CHECKING:
    from ledger.facts import IssueFacts
    from ledger.index.summary import Entry


def derive_work(facts: IssueFacts) -> list[tuple[int, Work]] | None:
    """An issue's work part: its `work_steps`, or None when no event names an owner cadre (it
    counts for nobody, ever)."""
    return work_steps(facts) if names_a_cadre(facts) else None


def _by_month(value: Work) -> Any:
    if value is None:
        return None
    cadre, closed, on_time, resolved = value
    return cadre, None if closed is None else month_key(date.fromordinal(closed)), on_time, resolved


def fold_work(entries: Iterable[Entry], at: int) -> tuple[dict[int, bytes], list[Any], list[Any], Any]:
    """A folder's work blob; `at`: where an entry holds its work part (`summary.PARTS`)."""
    from ledger.index.cases import claims_of

    entries = list(entries)
    by_month: dict[int, dict[Any, int]] = {}
    tails: dict[tuple[int, Any], int] = {}
    odd: list[Any] = []
    for entry in entries:
        steps = entry[at]
        if entry[1] != "f" or not steps:
            continue
        if entry[3][1] is None:  # dates too far apart for months: keep the steps as they are
            odd.append(steps)
            continue
        first = month_key(date.fromordinal(steps[0][0]))
        last = month_key(date.fromordinal(steps[-1][0]))
        for key in range(first, last):
            value = _by_month(step_value(steps, month_days(key)[1].toordinal()))
            if value is not None:
                counted = by_month.setdefault(key, {})
                counted[value] = counted.get(value, 0) + 1
        value = _by_month(steps[-1][1])
        if value is not None:
            tails[(last, value)] = tails.get((last, value), 0) + 1
    packed = {key: marshal.dumps(list(counted.items())) for key, counted in by_month.items()}
    return packed, [(*key, n) for key, n in tails.items()], odd, claims_of(entries)


def add_work(totals: dict[str, list[int]], folded: tuple[Any, ...], first_day: date, last_day: date) -> None:
    """Add one folder's work in the period `first_day`..`last_day` (a month's first day to a
    month's last) to `totals` ({cadre: [owned, closed, closed_on_time, resolved]})."""
    by_month, tails, odd, _claims = folded
    key, first = month_key(last_day), month_key(first_day)
    blob = by_month.get(key)
    if blob is not None:
        for value, n in marshal.loads(blob):
            tally(totals, value, first, n)
    for last, value, n in tails:
        if last <= key:
            tally(totals, value, first, n)
    for steps in odd:
        tally(totals, step_value(steps, last_day.toordinal()), first_day.toordinal())

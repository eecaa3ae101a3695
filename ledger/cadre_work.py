"""What an issue counts for in a cadre's work (`report cadres`, SPEC §8): `owned`, `closed`,
`closed_on_time` and the resolved closes among `deeds`.

A period's figures depend on an issue only through `work_at(issue, period's last day)`: whom
it is owned by when open, or whose close it is when closed (with the close's day, on time or
not, resolved or not); the period's first day then only decides whether that close falls in
it (`tally`). Both readers use these two functions: `issue_work` over every issue's facts,
and the index, which keeps `work_steps` (where `work_at` changes, day by day) per issue and
evaluates them without the facts. The states themselves are `ledger.state`'s.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ledger.state import at

# (cadre id, close day ordinal or None while open, closed on time, closed as resolved), or None
# when the issue counts for nobody at that moment.
Work = tuple[str, int | None, bool, bool] | None


@dataclass(frozen=True)
class IssueWork:
    """What one cadre's issue work in a period comes to (`issue_work`)."""

    owned: int = 0
    closed: int = 0
    closed_on_time: int = 0
    resolved: int = 0


def work_at(issue: Any, t: date) -> Work:
    """What `issue` counts for at the end of day `t`: open with an owner cadre in force (owned
    by it), or closed with an owner cadre in force at its last close (that close is the
    cadre's); None otherwise (not received yet, no owner cadre)."""
    end = at(issue, t)
    if not end.exists:
        return None
    if end.open:
        return None if end.owner_cadre is None else (end.owner_cadre, None, False, False)
    close = end.close
    if close is None:
        return None
    owner = at(issue, close.day).owner_cadre
    if owner is None:
        return None
    on_time = close.deadline is not None and close.day <= close.deadline
    return owner, close.day.toordinal(), on_time, close.disposition == "resolved"


def tally(totals: dict[str, list[int]], work: Work, first_day: int, n: int = 1) -> None:
    """Add `n` issues whose `work_at` the period's last day is `work` to `totals` ({cadre:
    [owned, closed, closed_on_time, resolved]}); `first_day` is the period's first day
    (ordinal): a close before it is not the period's."""
    if work is None:
        return
    cadre, closed, on_time, resolved = work
    if closed is not None and closed < first_day:
        return
    counts = totals.get(cadre)
    if counts is None:
        counts = totals[cadre] = [0, 0, 0, 0]
    if closed is None:
        counts[0] += n
    else:
        counts[1] += n
        counts[2] += n if on_time else 0
        counts[3] += n if resolved else 0


def as_issue_work(totals: dict[str, list[int]]) -> dict[str, IssueWork]:
    return {cadre: IssueWork(*counts) for cadre, counts in totals.items() if any(counts)}


def issue_work(issues: Iterable[Any], first_day: date, last_day: date) -> dict[str, IssueWork]:
    """Per cadre id: issues open at the period's end with the cadre the owner in force then;
    issues closed at the period's end whose last close falls in the period with the cadre the
    owner in force at that close (of those: on or before the deadline in force, and
    `resolved`)."""
    totals: dict[str, list[int]] = {}
    first = first_day.toordinal()
    for issue in issues:
        tally(totals, work_at(issue, last_day), first)
    return as_issue_work(totals)


def names_a_cadre(issue: Any) -> bool:
    """Whether any event of the history names an owner cadre: without one, `work_at` is None
    on every day."""
    return any(event.owner_cadre is not None for event in issue.events)


def work_steps(issue: Any) -> list[tuple[int, Work]]:
    """`work_at` as a step function of the day: [(day ordinal, value from the end of that day
    on)], only where it changes; before the first step it is None. The state changes only on
    the day of receipt and on event days, so those are the only days asked."""
    days = sorted({issue.received, *(event.day for event in issue.events)})
    steps: list[tuple[int, Work]] = []
    last: Work = None
    for day in days:
        value = work_at(issue, day)
        if value != last:
            steps.append((day.toordinal(), value))
            last = value
    return steps


def step_value(steps: list[tuple[int, Work]], day: int) -> Work:
    """The value of `work_steps` at the end of day `day` (an ordinal)."""
    i = bisect_right(steps, day, key=lambda step: step[0])
    return steps[i - 1][1] if i else None

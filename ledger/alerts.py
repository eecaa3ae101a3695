"""Alerts (预警): which issues need attention on a day, and in what order (SPEC §9).

Pure rules over an issue's state at the end of the day (`ledger.state`), so `report alerts`
and `report overdue` judge an issue alike, and the index can keep what they need ahead of time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

OVERDUE, DUE, UNSATISFIED = "overdue", "due", "unsatisfied"
ALERTS = (OVERDUE, DUE, UNSATISFIED)
DEFAULT_WITHIN = 3
ROW_KEYS = (
    "number", "village", "township", "title", "owner", "lead", "supervised", "deadline", "alert", "days",
)  # fmt: skip


def may_alert(state: Any) -> bool:
    """Whether an issue in `state` can raise an alert on some day: open, or closed with an
    unsatisfied follow-up in force. The index keeps these issues' states ahead of time."""
    if state.open:
        return True
    followup = state.followup
    return bool(
        state.exists and state.closed_now and followup is not None and followup.satisfaction == UNSATISFIED
    )


def alert_of(state: Any, as_of: date, within: int = DEFAULT_WITHIN) -> tuple[str, int] | None:
    """(alert, days) for an issue in `state` (its state at the end of `as_of`), or None.

    - `overdue`: open, deadline in force before the day; days overdue.
    - `due`: open, 0 ≤ deadline − day ≤ `within`; days left.
    - `unsatisfied`: closed, the follow-up in force (the latest, unless reopened since) is
      `unsatisfied` (不满意件); days since that follow-up.
    """
    if state.open:
        if state.deadline is None:
            return None
        left = (state.deadline - as_of).days
        if left < 0:
            return OVERDUE, -left
        if left <= within:
            return DUE, left
        return None
    if state.exists and state.closed_now:
        followup = state.followup
        if followup is not None and followup.satisfaction == UNSATISFIED:
            return UNSATISFIED, (as_of - followup.day).days
    return None


def order_key(alert: str, days: int, supervised: bool, number_key: tuple[str, int]) -> tuple[Any, ...]:
    """SPEC §9's order: supervised overdue, other overdue (most days first), unsatisfied, due
    (fewest days left first), then by number."""
    if alert == OVERDUE:
        group, days_key = (0 if supervised else 1), -days
    elif alert == UNSATISFIED:
        group, days_key = 2, 0
    else:
        group, days_key = 3, days
    return group, days_key, number_key


def ordered(rows: Iterable[tuple[tuple[Any, ...], dict[str, Any]]]) -> list[dict[str, Any]]:
    """The rows of `(order_key, row)` pairs, in order."""
    return [row for _, row in sorted(rows, key=lambda pair: pair[0])]


def alert_rows(
    issues: Iterable[Any], as_of: date, within: int = DEFAULT_WITHIN, villages: Iterable[Any] = ()
) -> list[dict[str, Any]]:
    """`report alerts`' rows (keys `ROW_KEYS`) for the issues' facts, in SPEC §9's order.

    Each issue is judged by its state at the end of `as_of` (`ledger.state`): later events are
    ignored, as `report overdue` ignores them; owner, lead and deadline are those in force then.
    """
    from ledger.state import at

    return alert_rows_of(((issue, at(issue, as_of)) for issue in issues), as_of, within, villages)


def alert_rows_of(
    cases: Iterable[tuple[Any, Any]], as_of: date, within: int = DEFAULT_WITHIN, villages: Iterable[Any] = ()
) -> list[dict[str, Any]]:
    """`alert_rows` of (issue, its state at the end of `as_of`) pairs: the issue is anything
    with `IssueFacts`' number, village, title and sort_key (`ledger.facts.Case`)."""
    town_of = {v.code: v.township for v in villages}
    found = []
    for issue, now in cases:
        alert = alert_of(now, as_of, within)
        if alert is None:
            continue
        kind, days = alert
        row = {
            "number": issue.number,
            "village": issue.village,
            "township": town_of.get(issue.village),
            "title": issue.title,
            "owner": now.owner,
            "lead": now.lead,
            "supervised": now.supervised,
            "deadline": now.deadline,
            "alert": kind,
            "days": days,
        }
        found.append((order_key(kind, days, now.supervised, issue.sort_key), row))
    return ordered(found)

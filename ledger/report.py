"""Month-end summary (月底梳理汇总) and the overdue list, as pure functions over `IssueFacts`.

Every figure is computed from an issue's history *as of* a day: events dated later are
ignored, so re-running a past month later gives the same figures (SPEC §6). An event's day is
the calendar date in the offset it carries (`EventFacts.day`).

What an issue's state was at the end of a day (open, level, deadline and owner in force, its
last close) is `ledger.state`'s answer; this module only counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ledger.state import State
from ledger.state import at as state_at

if TYPE_CHECKING:
    from ledger.facts import IssueFacts

DISPOSITIONS = ("resolved", "explained", "referred", "duplicate", "withdrawn")
LEVELS = ("village", "township", "county")
SATISFACTIONS = ("satisfied", "basically", "unsatisfied")

COUNT_KEYS = (
    "carried_over", "new", "reopened", "closed", "open_end", "overdue_end", "closed_on_time",
    *DISPOSITIONS,
    *(f"closed_at_{level}" for level in LEVELS),
    "followups", *SATISFACTIONS,
)  # fmt: skip
RATE_KEYS = ("close_rate", "on_time_rate", "resolution_rate", "village_share", "satisfaction_rate")
FIGURE_KEYS = COUNT_KEYS + RATE_KEYS


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def empty_figures() -> dict[str, Any]:
    return dict.fromkeys(COUNT_KEYS, 0)


def add_rates(figures: dict[str, Any]) -> dict[str, Any]:
    f = figures
    f["close_rate"] = _ratio(f["closed"], f["carried_over"] + f["new"] + f["reopened"])
    f["on_time_rate"] = _ratio(f["closed_on_time"], f["closed"])
    f["resolution_rate"] = _ratio(f["resolved"], f["closed"])
    f["village_share"] = _ratio(f["closed_at_village"], f["closed"])
    f["satisfaction_rate"] = _ratio(f["satisfied"] + f["basically"], f["followups"])
    return f


def count_issue(figures: dict[str, Any], issue: IssueFacts, first_day: date, last_day: date) -> None:
    """Add one issue's contribution to a month's counts (`figures`, counts only)."""
    start = state_at(issue, first_day - timedelta(days=1))
    count_states(figures, issue, first_day, last_day, start, state_at(issue, last_day))


def count_states(
    figures: dict[str, Any],
    issue: IssueFacts,
    first_day: date,
    last_day: date,
    start: State,
    end: State,
) -> None:
    """`count_issue`, given the issue's state before the month (`start`) and at its end."""
    received_in_month = first_day <= issue.received <= last_day
    if start.open:
        figures["carried_over"] += 1
    if received_in_month:
        figures["new"] += 1
    reopened_in_month = any(e.action == "reopened" and first_day <= e.day <= last_day for e in issue.events)
    if start.exists and not start.open and reopened_in_month and not received_in_month:
        figures["reopened"] += 1
    if end.open:
        figures["open_end"] += 1
        if end.deadline is not None and end.deadline < last_day:
            figures["overdue_end"] += 1
    close = end.last_close
    if end.exists and not end.open and close is not None and first_day <= close.day <= last_day:
        figures["closed"] += 1
        if close.deadline is not None and close.day <= close.deadline:
            figures["closed_on_time"] += 1
        if close.disposition in DISPOSITIONS:
            figures[close.disposition] += 1
        if close.level in LEVELS:
            figures[f"closed_at_{close.level}"] += 1
    for event in issue.events:
        if event.action == "followed-up" and first_day <= event.day <= last_day:
            figures["followups"] += 1
            if event.satisfaction in SATISFACTIONS:
                figures[event.satisfaction] += 1


def village_counts(issues: Iterable[IssueFacts], first_day: date, last_day: date) -> dict[str, list[int]]:
    """Each village's counts for the month, in `COUNT_KEYS` order, from every issue's history.

    Villages with nothing to count are left out."""
    figures: dict[str, dict[str, Any]] = {}
    for issue in issues:
        counts = figures.get(issue.village)
        if counts is None:
            counts = figures[issue.village] = empty_figures()
        count_issue(counts, issue, first_day, last_day)
    rows = {village: [counts[key] for key in COUNT_KEYS] for village, counts in figures.items()}
    return {village: row for village, row in rows.items() if any(row)}


def month_figures(
    issues: Iterable[IssueFacts],
    townships: Sequence[Any],
    villages: Sequence[Any],
    first_day: date,
    last_day: date,
    township: str | None = None,
) -> dict[str, Any]:
    """SPEC §6: one row per township (sorted by code, zero rows kept) and a `total` row.

    `townships` and `villages` are records (or anything with `.code`, `.name`, and for
    villages `.township`). With `township`, only that township's row; the total then equals it.
    Issues whose village is unknown belong to no township and are left out (`check` names them).
    """
    counts = village_counts(issues, first_day, last_day)
    return figures_by_township(counts, townships, villages, first_day, last_day, township)


def figures_by_township(
    counts: dict[str, list[int]],
    townships: Sequence[Any],
    villages: Sequence[Any],
    first_day: date,
    last_day: date,
    township: str | None = None,
) -> dict[str, Any]:
    """`month_figures` from each village's counts (`village_counts`, or the index's sums)."""
    names = {t.code: t.name for t in townships}
    codes = sorted(names) if township is None else [township]
    town_of = {v.code: v.township for v in villages}
    sums = {code: [0] * len(COUNT_KEYS) for code in codes}
    for village, found in counts.items():
        code = town_of.get(village)
        if code in sums:
            row = sums[code]
            for i, value in enumerate(found):
                row[i] += value
    total = empty_figures()
    rows = []
    for code in codes:
        figures = dict(zip(COUNT_KEYS, sums[code], strict=True))
        for key in COUNT_KEYS:
            total[key] += figures[key]
        rows.append({"township": code, "name": names.get(code, code)} | add_rates(figures))
    return {
        "month": f"{first_day.year:04d}-{first_day.month:02d}",
        "as_of": last_day.isoformat(),
        "rows": rows,
        "total": {"township": "total", "name": "total"} | add_rates(total),
    }


def overdue(issues: Iterable[IssueFacts], as_of: date, villages: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Open issues (as of the end of `as_of`) whose deadline in force is before `as_of`.

    Most days overdue first (oldest deadline), then by number.
    """
    return overdue_of(((issue, state_at(issue, as_of)) for issue in issues), as_of, villages)


def overdue_of(
    cases: Iterable[tuple[Any, State]], as_of: date, villages: Sequence[Any] = ()
) -> list[dict[str, Any]]:
    """`overdue` of (issue, its state at the end of `as_of`) pairs; the issue is anything with
    `IssueFacts`' number, title, village, category, received and sort_key (`facts.Case`)."""
    town_of = {v.code: v.township for v in villages}
    found = []
    for issue, now in cases:
        if now.open and now.deadline is not None and now.deadline < as_of:
            found.append(
                (
                    now.deadline,
                    issue.sort_key,
                    {
                        "number": issue.number,
                        "title": issue.title,
                        "village": issue.village,
                        "township": town_of.get(issue.village),
                        "category": issue.category,
                        "level": now.level,
                        "owner": now.owner,
                        "received": issue.received,
                        "deadline": now.deadline,
                        "days_overdue": (as_of - now.deadline).days,
                    },
                )
            )
    found.sort(key=lambda item: (item[0], item[1]))
    return [row for _, _, row in found]

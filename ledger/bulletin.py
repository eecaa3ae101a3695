"""The quarterly bulletin (季度通报, "比学赶超", SPEC §9): five rates per township, ranked.

The issue figures are the month-end summary's own counts (`ledger.report.village_counts`, one
rule for both), taken with the period's first and last day in place of the month's; the visit
rate is `report visits`' (visited / households). Rates are ranked as exact fractions
(`ledger.ranking`); JSON prints them as unrounded numbers, as `report month` does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from fractions import Fraction
from typing import Any

from ledger.ranking import competition_ranks, rate
from ledger.report import COUNT_KEYS

RATES = ("visit_rate", "close_rate", "on_time_rate", "resolution_rate", "satisfaction_rate")
# The counts behind the rates, printed in JSON so a script can check them.
COUNTS = (
    "visited", "households", "carried_over", "new", "reopened", "closed", "closed_on_time", "resolved",
    "followups", "satisfied", "basically",
)  # fmt: skip


def exact_rates(f: Mapping[str, int]) -> dict[str, Fraction | None]:
    """§6's rates (and §8's visit rate) as exact fractions of the counts in `f`."""
    return {
        "visit_rate": rate(f["visited"], f["households"]),
        "close_rate": rate(f["closed"], f["carried_over"] + f["new"] + f["reopened"]),
        "on_time_rate": rate(f["closed_on_time"], f["closed"]),
        "resolution_rate": rate(f["resolved"], f["closed"]),
        "satisfaction_rate": rate(f["satisfied"] + f["basically"], f["followups"]),
    }


def bulletin_figures(
    counts: Mapping[str, Sequence[int]],
    visits: Mapping[str, tuple[int, int]],
    townships: Sequence[Any],
    villages: Sequence[Any],
    first_day: date,
    last_day: date,
    period: str,
) -> dict[str, Any]:
    """One row per township (sorted by code) and a `total` with null ranks.

    `counts`: each village's counts over the period, in `COUNT_KEYS` order; `visits`: each
    township's (visited, households) over the period, from `report visits`.
    """
    names = {t.code: t.name for t in townships}
    codes = sorted(names)
    town_of = {v.code: v.township for v in villages}
    sums = {code: dict.fromkeys(COUNTS, 0) for code in codes}
    wanted = [(i, key) for i, key in enumerate(COUNT_KEYS) if key in COUNTS]
    for village, found in counts.items():
        row = sums.get(town_of.get(village, ""))
        if row is not None:
            for i, key in wanted:
                row[key] += found[i]
    for code in codes:
        visited, households = visits.get(code, (0, 0))
        sums[code]["visited"], sums[code]["households"] = visited, households
    exact = {code: exact_rates(sums[code]) for code in codes}
    ranks = {key: competition_ranks([exact[code][key] for code in codes]) for key in RATES}
    rows = []
    for n, code in enumerate(codes):
        row: dict[str, Any] = {"township": code, "name": names[code]}
        row |= _rated(sums[code], exact[code], {key: ranks[key][n] for key in RATES})
        rows.append(row)
    total = {key: sum(sums[code][key] for code in codes) for key in COUNTS}
    return {
        "period": period,
        "from": first_day.isoformat(),
        "to": last_day.isoformat(),
        "rows": rows,
        "total": {"township": "total", "name": "total"}
        | _rated(total, exact_rates(total), dict.fromkeys(RATES)),
    }


def _rated(
    counts: Mapping[str, int], exact: Mapping[str, Fraction | None], ranks: Mapping[str, int | None]
) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for key in RATES:
        value = exact[key]
        row[key] = None if value is None else value.numerator / value.denominator
        row[f"{key}_rank"] = ranks[key]
    return row | {key: counts[key] for key in COUNTS}

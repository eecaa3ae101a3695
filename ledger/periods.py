"""Report periods (SPEC §8): `2026-10` a month, `2026-Q3` a quarter, `2026` a year, each from its
first day to its last; and the pro-rating of yearly targets over a period. Pure."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from ledger.errors import UsageError

_PERIOD_RE = re.compile(
    r"^(\d{4})(?:\s*年"  # the year alone: 2026, 2026年
    r"|(?:\s*年\s*|[-/.])(\d{1,2})(?:\s*月)?"  # a month: 2026-10, 2026/10, 2026年10月
    r"|(?:\s*年\s*|[-/.]|)[Qq]([1-4])"  # a quarter: 2026-Q3, 2026Q3
    r"|(?:\s*年\s*|[-/.]|)第\s*([1-4一二三四])\s*季度?"  # 2026年第三季度
    r")?$"
)
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4}


@dataclass(frozen=True)
class Period:
    label: str  # as printed and in JSON: 2026-10, 2026-Q3, 2026
    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def unit(self) -> str:
        """`month`, `quarter` or `year`."""
        months = (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1
        return {1: "month", 3: "quarter"}.get(months, "year")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    def overlap(self, since: date, until: date | None) -> int:
        """Days of the period on which something active from `since` to `until` (inclusive,
        None: still active) is active."""
        start = max(self.first, since)
        end = self.last if until is None else min(self.last, until)
        return max(0, (end - start).days + 1)


def parse_period(text: str) -> Period:
    """`2026-10`/`2026-3`/`2026/10`/`2026年10月` → that month, `2026-Q3`/`2026年第三季度` → July–
    September, `2026`/`2026年` → the year. Full-width digits are read as digits; anything else is
    a usage error (exit 2)."""
    from ledger.typed import EARLIEST, LATEST, fold

    value = fold(text) if isinstance(text, str) else ""
    match = _PERIOD_RE.match(value)
    if not match:
        raise UsageError("error.bad_period", value=text)
    year = int(match.group(1))
    if not EARLIEST.year <= year <= LATEST.year:
        raise UsageError("error.bad_period", value=text)
    month = match.group(2)
    named = match.group(4)
    quarter = match.group(3) or (str(_QUARTERS.get(named, named)) if named else None)
    if month is not None:
        m = int(month)
        if not 1 <= m <= 12:
            raise UsageError("error.bad_period", value=text)
        return Period(f"{year:04d}-{m:02d}", date(year, m, 1), date(year, m, calendar.monthrange(year, m)[1]))
    if quarter is not None:
        q = int(quarter)
        first = date(year, 3 * q - 2, 1)
        end = 3 * q
        return Period(f"{year:04d}-Q{q}", first, date(year, end, calendar.monthrange(year, end)[1]))
    return Period(f"{year:04d}", date(year, 1, 1), date(year, 12, 31))


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def period_target(yearly: int | None, active_days: int, year: int) -> int | None:
    """A yearly target for `active_days` of `year`: yearly × active_days / days in the year,
    rounded up (exact integer arithmetic); None without a yearly target."""
    if yearly is None:
        return None
    total = days_in_year(year)
    return -(-yearly * active_days // total)

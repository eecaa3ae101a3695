"""Report periods and pro-rated targets (SPEC §8), worked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from ledger.errors import UsageError
from ledger.periods import parse_period, period_target


@pytest.mark.parametrize(
    ("text", "label", "first", "last"),
    [
        ("2026-10", "2026-10", date(2026, 10, 1), date(2026, 10, 31)),
        ("2026-2", "2026-02", date(2026, 2, 1), date(2026, 2, 28)),
        ("2028-02", "2028-02", date(2028, 2, 1), date(2028, 2, 29)),
        ("2026-Q1", "2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-q3", "2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),
        ("2026-Q4", "2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
        ("2026", "2026", date(2026, 1, 1), date(2026, 12, 31)),
        (" ２０２６－Ｑ２ ", "2026-Q2", date(2026, 4, 1), date(2026, 6, 30)),
        # as clerks type them (SPEC §4): slashes, dots, 年/月, 第三季度
        ("2026/10", "2026-10", date(2026, 10, 1), date(2026, 10, 31)),
        ("2026.3", "2026-03", date(2026, 3, 1), date(2026, 3, 31)),
        ("2026年10月", "2026-10", date(2026, 10, 1), date(2026, 10, 31)),
        ("２０２６年３月", "2026-03", date(2026, 3, 1), date(2026, 3, 31)),
        ("2026年第三季度", "2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),
        ("2026Q1", "2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026年", "2026", date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_periods_run_from_their_first_day_to_their_last(text, label, first, last) -> None:
    period = parse_period(text)
    assert (period.label, period.first, period.last) == (label, first, last)
    assert last in period and first in period


@pytest.mark.parametrize(
    "text",
    ["", "2026-13", "2026-0", "2026-Q5", "2026-Q0", "26-10", "202610", "0000", "1999", "Q3", "2026年13月"],
)
def test_bad_periods_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_period(text)
    assert caught.value.key == "error.bad_period"


def test_days_and_overlap() -> None:
    q3 = parse_period("2026-Q3")
    assert q3.days == 92
    assert q3.overlap(date(2026, 1, 1), None) == 92
    assert q3.overlap(date(2026, 8, 16), None) == 46  # joined mid-quarter: Aug 16 – Sep 30
    assert q3.overlap(date(2026, 1, 1), date(2026, 7, 1)) == 1
    assert q3.overlap(date(2026, 10, 1), None) == 0
    assert q3.overlap(date(2025, 1, 1), date(2026, 6, 30)) == 0
    assert date(2026, 9, 30) in q3 and date(2026, 10, 1) not in q3 and date(2026, 6, 30) not in q3


def test_targets_are_pro_rated_and_rounded_up() -> None:
    # 60 days a year over a whole quarter of 92 days: 60 × 92 / 365 = 15.12… → 16
    assert period_target(60, 92, 2026) == 16
    # 120 households, joined Aug 16 (46 days of Q3): 120 × 46 / 365 = 15.12… → 16
    assert period_target(120, 46, 2026) == 16
    # a whole year is the yearly target exactly, leap year or not
    assert period_target(120, 365, 2026) == 120
    assert period_target(120, 366, 2028) == 120
    # one day of a 2-deed target: 2 / 365 → 1 (rounded up, never 0 while active)
    assert period_target(2, 1, 2026) == 1
    assert period_target(2, 0, 2026) == 0
    # exact multiples are not pushed up: 365 × 73 / 365 = 73
    assert period_target(365, 73, 2026) == 73
    assert period_target(None, 92, 2026) is None

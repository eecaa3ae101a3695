"""Competition ranks as a pure function: exact fractions, 1, 2, 2, 4, no rank for no rate."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from ledger.ranking import competition_ranks, rate


def test_ties_share_a_rank_and_the_next_skips() -> None:
    half, quarter, most = Fraction(1, 2), Fraction(1, 4), Fraction(9, 10)
    assert competition_ranks([most, half, half, quarter]) == [1, 2, 2, 4]
    assert competition_ranks([quarter, half, most, half]) == [4, 2, 1, 2]


def test_fractions_are_compared_exactly() -> None:
    # 2/3 and 4/6 are the same rate; 6666/10000 is not, although it prints alike at 2 decimals.
    assert competition_ranks([rate(2, 3), rate(4, 6), Fraction(6666, 10000)]) == [1, 1, 3]
    # 1/3 and 33333333333333333/100000000000000000 are one float apart at most; exactly, they differ
    near = Fraction(33333333333333333, 10**17)
    assert float(near) == float(Fraction(1, 3))
    assert competition_ranks([Fraction(1, 3), near]) == [1, 2]


def test_null_rate_has_null_rank() -> None:
    assert rate(0, 0) is None
    assert competition_ranks([None, Fraction(1, 2), None, Fraction(1)]) == [None, 2, None, 1]
    assert competition_ranks([None, None]) == [None, None]
    assert competition_ranks([]) == []


@given(st.lists(st.one_of(st.none(), st.fractions(min_value=0, max_value=1)), max_size=12))
def test_rank_is_one_plus_the_number_of_better_rates(values: list[Fraction | None]) -> None:
    ranks = competition_ranks(values)
    for value, rank in zip(values, ranks, strict=True):
        if value is None:
            assert rank is None
            continue
        assert rank == 1 + sum(1 for other in values if other is not None and other > value)
    present = sorted(r for r in ranks if r is not None)
    if present:
        assert present[0] == 1

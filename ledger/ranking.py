"""Competition ranks (比学赶超): 1 is the highest, equal values share a rank, the next skips.

Rates are compared as exact fractions (`Fraction`), never as rounded floats: 2/3 and 4/6 tie,
0.6666 and 2/3 do not. A missing value (a rate whose denominator is 0) has no rank.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction


def rate(numerator: int, denominator: int) -> Fraction | None:
    """The exact rate, or None when there is nothing to divide by."""
    return Fraction(numerator, denominator) if denominator else None


def competition_ranks(values: Sequence[Fraction | int | None]) -> list[int | None]:
    """Each value's rank among the non-missing ones: `[3, 5, 5, 1]` → `[3, 1, 1, 4]` (1, 2, 2, 4)."""
    present = [v for v in values if v is not None]
    return [None if v is None else 1 + sum(1 for other in present if other > v) for v in values]

"""`report bulletin`'s figures: §6's rates over a period, §8's visit rate, competition ranks."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace as NS

from ledger.bulletin import bulletin_figures
from ledger.report import COUNT_KEYS

TOWNSHIPS = [NS(code=c, name=c.upper()) for c in ("a", "b", "c", "d")]
VILLAGES = [NS(code=f"v{c}", township=c) for c in ("a", "b", "c", "d")]


def counts(**values: int) -> list[int]:
    return [values.get(key, 0) for key in COUNT_KEYS]


def test_rates_ranks_and_null_rates() -> None:
    village_counts = {
        "va": counts(carried_over=2, new=2, closed=2, closed_on_time=2, resolved=1, followups=2, satisfied=2),
        "vb": counts(new=4, closed=2, closed_on_time=1, resolved=1, followups=3, basically=1),
        "vc": counts(new=6, closed=3, closed_on_time=3, resolved=3),  # no follow-ups: null rate
        # vd: nothing at all
    }
    visits = {"a": (10, 20), "b": (5, 10), "c": (30, 40)}  # d has no households: null
    result = bulletin_figures(
        village_counts, visits, TOWNSHIPS, VILLAGES, date(2026, 7, 1), date(2026, 9, 30), "2026-Q3"
    )
    a, b, c, d = result["rows"]
    assert [r["township"] for r in result["rows"]] == ["a", "b", "c", "d"]
    # close rate: a 2/4, b 2/4, c 3/6 — all one half: a three-way tie, d null
    assert [r["close_rate"] for r in (a, b, c)] == [0.5, 0.5, 0.5] and d["close_rate"] is None
    assert [r["close_rate_rank"] for r in (a, b, c, d)] == [1, 1, 1, None]
    # visit rate: a 1/2, b 1/2, c 3/4, d null → 2, 2, 1, None
    assert [r["visit_rate_rank"] for r in (a, b, c, d)] == [2, 2, 1, None]
    # on time: a 1, b 1/2, c 1 → 1, 3, 1
    assert [r["on_time_rate_rank"] for r in (a, b, c, d)] == [1, 3, 1, None]
    assert [r["resolution_rate_rank"] for r in (a, b, c, d)] == [2, 2, 1, None]
    assert [r["satisfaction_rate"] for r in (a, b, c, d)] == [1.0, 1 / 3, None, None]
    assert [r["satisfaction_rate_rank"] for r in (a, b, c, d)] == [1, 2, None, None]
    total = result["total"]
    assert total["township"] == "total"
    assert all(total[f"{key}_rank"] is None for key in ("visit_rate", "close_rate", "satisfaction_rate"))
    assert total["close_rate"] == 7 / 14 and total["visit_rate"] == 45 / 70
    assert (total["new"], total["closed"], total["followups"]) == (12, 7, 5)
    assert (result["period"], result["from"], result["to"]) == ("2026-Q3", "2026-07-01", "2026-09-30")

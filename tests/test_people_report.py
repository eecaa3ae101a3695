"""`report visits` and `report cadres` figures as pure functions, worked by hand, and a property:
a visit dated outside the period never changes it."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace as NS

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.cadre import Targets
from ledger.people_report import IssueWork, cadre_figures, visit_figures
from ledger.periods import parse_period

TOWNSHIPS = [NS(code="qinglong", name="青龙镇"), NS(code="baishui", name="白水乡")]
VILLAGES = [
    NS(code="dapo", name="大坡村", township="qinglong", households=4),
    NS(code="xiaoshan", name="小山社区", township="qinglong", households=None),
    NS(code="shuijing", name="水井村", township="baishui", households=10),
]


def visit(
    day: date, village: str = "dapo", cadres=("C1",), households=(), stayed=False, answered=(), issues=()
):
    return NS(date=day, village=village, cadres=list(cadres), households=list(households),
              people=len(households), stayed=stayed, answered=list(answered),
              issues=list(issues))  # fmt: skip


def test_visit_figures_by_hand() -> None:
    q1 = parse_period("2026-Q1")
    visits = [
        visit(date(2026, 1, 5), households=["2组18号", "2组19号"], stayed=True, cadres=["C1", "C2"]),
        visit(
            date(2026, 3, 31), households=[" 2组18号 "], answered=["低保已解释"], issues=["7"]
        ),  # twice: once
        visit(date(2026, 4, 1), households=["2组20号"]),  # the day after the period
        visit(
            date(2026, 1, 5), village="shuijing", cadres=["C1"], stayed=True
        ),  # same cadre-day, other township
    ]
    result = visit_figures(q1, TOWNSHIPS, VILLAGES, visits)
    rows = {row["township"]: row for row in result["rows"]}
    assert list(rows) == ["baishui", "qinglong"]
    assert rows["qinglong"] == {
        "township": "qinglong", "name": "青龙镇", "villages": 2, "households": 4, "visited": 2,
        "visit_rate": 0.5, "visits": 2, "people": 3, "cadre_days": 2, "unvisited": 1, "answered": 1,
        "raised": 1,
    }  # fmt: skip
    assert rows["baishui"]["cadre_days"] == 1 and rows["baishui"]["visit_rate"] == 0.0
    total = result["total"]
    assert total["township"] == "total" and total["visits"] == 3 and total["cadre_days"] == 3
    assert total["visited"] == 2 and total["households"] == 14 and total["visit_rate"] == 2 / 14
    assert (result["from"], result["to"]) == (date(2026, 1, 1), date(2026, 3, 31))
    by_village = visit_figures(q1, TOWNSHIPS, VILLAGES, visits, township="qinglong")
    assert [r["village"] for r in by_village["rows"]] == ["dapo", "xiaoshan"]
    assert by_village["rows"][1]["visit_rate"] is None and by_village["rows"][1]["unvisited"] == 1
    assert by_village["total"]["village"] == "total"


def _cadre(cid: str, rank: str, since: date, until: date | None = None):
    return NS(id=cid, name=cid, rank=rank, unit=None, township="qinglong", since=since, until=until)


DEFAULTS = {
    "township": Targets(days=60, households=120, deeds=2),
    "village": Targets(households=200, deeds=2),
}


def test_cadre_figures_by_hand() -> None:
    q3 = parse_period("2026-Q3")
    cadres = [
        _cadre("C10", "township", date(2026, 8, 16)),  # joined mid-quarter: 46 days
        _cadre("C2", "village", date(2026, 1, 1)),
        _cadre("C3", "township", date(2026, 1, 1), date(2026, 6, 30)),  # left before: no row
    ]
    visits = [
        visit(date(2026, 9, 30), cadres=["C10", "C2"], households=["1号", "2号"], stayed=True),
        visit(date(2026, 9, 30), cadres=["C10"], households=["1号"], stayed=True),  # same day, same household
        visit(date(2026, 10, 1), cadres=["C10"], households=["3号"], stayed=True),  # outside
    ]
    work = {"C2": IssueWork(owned=1, closed=2, closed_on_time=1, resolved=1)}
    result = cadre_figures(q3, cadres, visits, work, lambda c: DEFAULTS[c.rank], aid_deeds={"C2": 1})
    rows = result["rows"]
    assert [r["cadre"] for r in rows] == ["C2", "C10"]  # numeric order
    c2, c10 = rows
    assert (c10["visits"], c10["households"], c10["days"]) == (2, 2, 1)
    # ⌈60 × 46 / 365⌉ = 8, ⌈120 × 46 / 365⌉ = 16, ⌈2 × 46 / 365⌉ = 1
    assert (c10["days_target"], c10["households_target"], c10["deeds_target"]) == (8, 16, 1)
    assert c10["behind"] is True
    assert (c2["days"], c2["days_target"]) == (1, None)  # both on the stay: each gets the day
    assert (c2["owned"], c2["closed"], c2["closed_on_time"], c2["deeds"]) == (1, 2, 1, 2)
    assert c2["households_target"] == 51  # ⌈200 × 92 / 365⌉
    only = cadre_figures(q3, cadres, visits, work, lambda c: DEFAULTS[c.rank], rank="village")
    assert [r["cadre"] for r in only["rows"]] == ["C2"]


days = st.integers(min_value=0, max_value=700).map(lambda n: date(2025, 7, 1) + timedelta(days=n))
visits_st = st.lists(
    st.builds(
        visit,
        days,
        st.sampled_from(["dapo", "xiaoshan", "shuijing"]),
        st.lists(st.sampled_from(["C1", "C2", "C3"]), min_size=1, max_size=3, unique=True),
        st.lists(st.sampled_from(["1号", "2号", " 1号", "3号"]), max_size=3),
        st.booleans(),
        st.lists(st.just("答复"), max_size=2),
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(visits_st, visits_st, st.sampled_from(["2026-02", "2026-Q1", "2026", "2025-Q4"]))
def test_visits_outside_a_period_never_change_it(inside, extra, text) -> None:
    period = parse_period(text)
    outside = [v for v in extra if v.date not in period]
    cadres = [_cadre(c, "township", date(2025, 1, 1)) for c in ("C1", "C2", "C3")]
    for township in (None, "qinglong"):
        assert visit_figures(period, TOWNSHIPS, VILLAGES, inside, township) == visit_figures(
            period, TOWNSHIPS, VILLAGES, inside + outside, township
        )
    targets = lambda c: DEFAULTS[c.rank]  # noqa: E731
    assert cadre_figures(period, cadres, inside, {}, targets) == cadre_figures(
        period, cadres, outside + inside, {}, targets
    )


def test_golden_demo_visit_reports(tmp_path) -> None:
    """The demo's `report visits` in every text format (UPDATE_GOLDEN=1 rewrites them)."""
    import shutil

    from conftest import REPO, Run
    from test_report_cli import FORMATS, golden

    root = tmp_path / "data"
    shutil.copytree(REPO / "data", root, ignore=shutil.ignore_patterns(".caseledger"))
    run = Run(root)
    for name, args in (
        ("demo-visits-2026-Q3", ["report", "visits", "2026-Q3"]),
        ("demo-visits-2026-10-tonghongdian", ["report", "visits", "2026-10", "--township", "tonghongdian"]),
        ("demo-cadres-2026-Q3", ["report", "cadres", "2026-Q3"]),
    ):
        for fmt in FORMATS:
            result = run(*args, "--format", fmt)
            assert result.exit_code == 0, result.output
            golden(name, fmt, result.stdout)

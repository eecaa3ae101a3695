"""`report cadres`' issue work as the index keeps it (`ledger.cadre_work`, `ledger.index.work`)
and `report bulletin`'s quarter and year counts: equal to what every issue's facts give.

By hand: the step function of one issue (owner in force changing between escalations; a close,
a reopen and a close again; a close on the period's last day; an issue received after the
period). By property: folded per folder and read back, for any month, quarter or year, equal
to `issue_work` over the facts; and through a real ledger, cold, warm and without the index.
"""

from __future__ import annotations

import marshal
import shutil
import tempfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_people_periods import HANDED, REDONE, ROUTED, ev, issue
from test_readers_agree import base, hand_edited  # noqa: F401  (base: the fixture)
from test_summary import issues as odd_issues

from ledger.cadre_work import IssueWork, issue_work, step_value, work_at, work_steps
from ledger.index.months import period_days, period_key
from ledger.index.work import add_work, fold_work
from ledger.periods import parse_period

D = date.fromisoformat
DAY = date.toordinal


def indexed(issues: list[Any], first: date, last: date) -> dict[str, IssueWork]:
    """What a warm index says: each issue's steps as an entry keeps them (months part: odd or
    not, as `months` decides), folded, through marshal, read back for the period."""
    from ledger.cadre_work import as_issue_work
    from ledger.index.months import issue_counts
    from ledger.index.summary import PARTS
    from ledger.index.work import derive_work

    entries = []
    for n, one in enumerate(issues, 1):
        parts = {"months": ("v", issue_counts(one)), "work": derive_work(one)}
        entries.append((f"{n}.yaml", "f", (str(n),), *(parts.get(part) for part in PARTS)))
    at = 3 + PARTS.index("work")
    folded = marshal.loads(marshal.dumps(fold_work(marshal.loads(marshal.dumps(entries)), at)))
    totals: dict[str, list[int]] = {}
    add_work(totals, folded, first, last)
    return as_issue_work(totals)


def both(issues: list[Any], text: str) -> dict[str, IssueWork]:
    """`issue_work` over the facts, after checking the index gives the same."""
    period = parse_period(text)
    facts = issue_work(issues, period.first, period.last)
    assert indexed(issues, period.first, period.last) == facts, text
    return facts


# -- by hand ----------------------------------------------------------------------------------


def test_steps_follow_the_owner_in_force_between_escalations() -> None:
    # C1 opens; the township escalation names C2; the county one names nobody (C2 stays); the
    # close on 3-31 is C2's, by the county deadline (4-17), resolved.
    assert work_steps(ROUTED) == [
        (DAY(D("2026-03-01")), ("C1", None, False, False)),
        (DAY(D("2026-03-05")), ("C2", None, False, False)),
        (DAY(D("2026-03-31")), ("C2", DAY(D("2026-03-31")), True, True)),
    ]
    # Handed to a unit (free text) on 2-27: nobody's until C2 is assigned on 3-2.
    assert work_steps(HANDED) == [
        (DAY(D("2026-02-10")), ("C1", None, False, False)),
        (DAY(D("2026-02-27")), None),
        (DAY(D("2026-03-02")), ("C2", None, False, False)),
    ]
    assert both([ROUTED, HANDED], "2026-02") == {}
    assert both([ROUTED, HANDED], "2026-03") == {
        "C2": IssueWork(owned=1, closed=1, closed_on_time=1, resolved=1)
    }


# Received 7-1 and owned by C1; closed 7-10 (by its deadline); reopened 8-1 and given to C2 on
# 8-2; closed again 9-15, after the reopen's deadline (8-8), resolved.
TWICE = issue(
    "2026-07-01",
    ev("2026-07-01", "opened", deadline="2026-07-10", owner="李明", owner_cadre="C1"),
    ev("2026-07-10", "closed", disposition="explained"),
    ev("2026-08-01", "reopened", deadline="2026-08-08"),
    ev("2026-08-02", "assigned", owner="王芳", owner_cadre="C2"),
    ev("2026-09-15", "closed", disposition="resolved"),
)


def test_a_close_a_reopen_and_a_close_again_in_the_period() -> None:
    assert [value for _, value in work_steps(TWICE)] == [
        ("C1", None, False, False),
        ("C1", DAY(D("2026-07-10")), True, False),
        ("C1", None, False, False),
        ("C2", None, False, False),
        ("C2", DAY(D("2026-09-15")), False, True),
    ]
    # The quarter counts only the last close, C2's; July saw C1's close, August C2's open issue.
    assert both([TWICE], "2026-Q3") == {"C2": IssueWork(closed=1, resolved=1)}
    assert both([TWICE], "2026-07") == {"C1": IssueWork(closed=1, closed_on_time=1)}
    assert both([TWICE], "2026-08") == {"C2": IssueWork(owned=1)}
    assert both([TWICE], "2026") == {"C2": IssueWork(closed=1, resolved=1)}
    assert both([TWICE], "2026-Q4") == {}  # closed before the quarter: nobody's work in it


def test_a_close_on_the_periods_last_day() -> None:
    assert both([ROUTED], "2026-03") == {"C2": IssueWork(closed=1, closed_on_time=1, resolved=1)}
    assert both([ROUTED], "2026-Q1") == {"C2": IssueWork(closed=1, closed_on_time=1, resolved=1)}
    assert both([ROUTED], "2026-04") == {}
    assert work_at(ROUTED, D("2026-03-30")) == ("C2", None, False, False)  # the day before: open


def test_an_issue_received_after_the_period_counts_nowhere_in_it() -> None:
    assert step_value(work_steps(TWICE), DAY(D("2026-06-30"))) is None
    assert both([TWICE, REDONE], "2026-06") == {}  # REDONE was closed in April: nothing in June
    assert both([TWICE], "2026-Q2") == {}
    assert both([TWICE], "2025") == {}
    # REDONE (January to April) alone in the second quarter: its April close is C2's.
    assert both([TWICE, REDONE], "2026-Q2") == {"C2": IssueWork(closed=1, resolved=1)}


# -- property: folded per folder, read back for any period ------------------------------------

CADRES = [("李明", "C1"), ("王芳", "C2"), ("乡水利站", None)]


@st.composite
def with_cadres(draw: st.DrawFn, number: int) -> Any:
    """`test_summary`'s issues (events in any order, on any day, decades apart now and then),
    their owners now and then cadres."""
    one = draw(odd_issues(number))
    events = []
    for event in one.events:
        owner, cadre = draw(st.sampled_from(CADRES))
        if event.owner is not None or draw(st.booleans()):
            event = replace(event, owner=owner, owner_cadre=cadre)
        events.append(event)
    return replace(one, events=tuple(events))


folders = st.integers(0, 8).flatmap(lambda n: st.tuples(*(with_cadres(i + 1) for i in range(n))))
BASE = D("2026-01-01")
PERIODS = [
    period_days(period_key(BASE, unit) + k, unit)
    for unit, shifts in (("month", range(-3, 16)), ("quarter", range(-2, 6)), ("year", range(-1, 3)))
    for k in shifts
] + [
    (D("2026-01-01"), D("2026-12-31")),
    (date(1, 1, 1), date(1, 12, 31)),
    (date(9999, 1, 1), date(9999, 12, 31)),
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(folders)
def test_folded_work_equals_issue_work_for_every_period(facts: tuple[Any, ...]) -> None:
    for first, last in PERIODS:
        assert indexed(list(facts), first, last) == issue_work(facts, first, last), (first, last)


@settings(max_examples=100, deadline=None)
@given(folders, st.sampled_from(PERIODS))
def test_steps_are_work_at_on_every_day(facts: tuple[Any, ...], period: tuple[date, date]) -> None:
    """The step function is `work_at` itself, on every day around the period's end."""
    for one in facts:
        steps = work_steps(one)
        for shift in (-40, -1, 0, 1, 40):
            day = period[1].toordinal() + shift
            if 1 <= day <= date.max.toordinal():
                assert step_value(steps, day) == work_at(one, date.fromordinal(day))


# -- through a ledger: cold, warm and no index agree ------------------------------------------


@st.composite
def owned_files(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A few issue files as `test_readers_agree` makes them (random actions on random days, now
    and then wrong summary keys), their owners now and then cadres."""
    files = []
    for n in range(1, draw(st.integers(1, 5)) + 1):
        data, _truth = draw(hand_edited())
        for event in data["history"]:
            if "owner" in event and draw(st.booleans()):
                event["owner_cadre"] = draw(st.sampled_from(["C1", "C2", "QL-C3"]))
        files.append(data | {"number": str(n)})
    return files


UNIT_PERIODS = ["2026-Q3", "2026-Q4", "2026", "2027-Q1", "2026-09", "2026-11"]


def _readings(root: Path, mode: str, periods: list[str] = UNIT_PERIODS) -> list[Any]:
    """`scan.cadre_work` and `scan.period_counts_and_bad` for each period, `mode` being
    "none" (no index), "cold" (index deleted first) or "warm"."""
    from ledger import scan
    from ledger.store import Ledger

    if mode == "cold":
        shutil.rmtree(root / ".caseledger", ignore_errors=True)
    ledger = Ledger(root)
    use = mode != "none"
    found: list[Any] = []
    for text in periods:
        period = parse_period(text)
        found.append(scan.cadre_work(ledger, period.first, period.last, use_index=use))
        found.append(
            scan.period_counts_and_bad(ledger, period.first, period.last, period.unit, use_index=use)
        )
    return found


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # an example runs ~40 reads: no shrinking
)
@given(owned_files())
def test_cadre_work_and_period_counts_agree_cold_warm_and_without_index(
    base: Path,  # noqa: F811  (the fixture, imported above)
    files: list[dict[str, Any]],
) -> None:
    from ledger.facts import facts_of
    from ledger.issue import Issue
    from ledger.report import village_counts
    from ledger.yamlio import dump

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "ledger"
        shutil.copytree(base, root)
        (root / "issues" / "000").mkdir(parents=True)
        for data in files:
            (root / "issues" / "000" / f"{data['number']}.yaml").write_text(dump(data), encoding="utf-8")
        facts = [facts_of(Issue.model_validate(data), f"issues/000/{data['number']}.yaml") for data in files]
        plain = _readings(root, "none")
        for n, text in enumerate(UNIT_PERIODS):
            period = parse_period(text)
            work, problems = plain[2 * n]
            assert (work, problems) == (issue_work(facts, period.first, period.last), [])
            assert plain[2 * n + 1][0] == village_counts(facts, period.first, period.last)
        assert _readings(root, "cold") == plain
        assert _readings(root, "warm") == plain


def test_a_cadre_report_at_any_day_of_its_period_is_a_month_end() -> None:
    """`add_work` relies on every period ending on a month's last day and starting on a first."""
    for text, unit in (("2026-02", "month"), ("2024-02", "month"), ("2026-Q1", "quarter"),
                       ("2026-Q4", "quarter"), ("2026", "year"), ("2026年第三季度", "quarter")):  # fmt: skip
        period = parse_period(text)
        assert period.first.day == 1 and (period.last + timedelta(days=1)).day == 1
        assert period.unit == unit
        assert period_days(period_key(period.first, unit), unit) == (period.first, period.last)


# -- the demo ledger; storage errors fall back, bugs do not, damaged blobs are read again -------

REPO = Path(__file__).resolve().parent.parent
DEMO_PERIODS = ["2026-06", "2026-Q2", "2026-Q3", "2026-Q4", "2026", "2025"]


def _demo_readings(ledger: Any, *, use_index: bool) -> list[Any]:
    return _readings(ledger.root, "warm" if use_index else "none", DEMO_PERIODS)


def _demo(tmp_path: Path) -> Any:
    from ledger.store import Ledger

    copy = tmp_path / "data"
    shutil.copytree(REPO / "data", copy, ignore=shutil.ignore_patterns(".caseledger"))
    return Ledger(copy)


def test_demo_ledger_agrees_cold_warm_and_without_index(tmp_path: Path) -> None:
    ledger = _demo(tmp_path)
    plain = _demo_readings(ledger, use_index=False)
    assert any(work for work, _problems in plain[::2])  # the demo's cadres own and close issues
    assert _demo_readings(ledger, use_index=True) == plain  # cold
    assert _demo_readings(ledger, use_index=True) == plain  # warm


@pytest.mark.parametrize("column", ["work", "periods"])
def test_a_flipped_bit_in_a_work_or_periods_blob_is_read_again(tmp_path: Path, column: str) -> None:
    import sqlite3

    from ledger import index
    from ledger.index import store

    ledger = _demo(tmp_path)
    plain = _demo_readings(ledger, use_index=False)
    assert _demo_readings(ledger, use_index=True) == plain
    path = index.index_path(ledger)
    db = sqlite3.connect(path)
    rel, blob = db.execute(f"SELECT path, {column} FROM dirs ORDER BY length({column}) DESC").fetchone()
    db.execute(f"UPDATE dirs SET {column} = ? WHERE path = ?", (blob[:-1] + bytes([blob[-1] ^ 1]), rel))
    db.commit()
    db.close()
    assert _demo_readings(ledger, use_index=True) == plain
    db = sqlite3.connect(path)
    (stored,) = db.execute(f"SELECT {column} FROM dirs WHERE path = ?", (rel,)).fetchone()
    db.close()
    assert stored == blob  # stored anew
    assert store.unseal(stored) is not None


def test_a_storage_error_falls_back_and_a_bug_propagates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ledger.index import refresh, work

    ledger = _demo(tmp_path)
    plain = _demo_readings(ledger, use_index=False)

    def gone(*args: Any) -> None:
        raise OSError("disk gone")

    with monkeypatch.context() as patch:
        patch.setattr(refresh, "walk", gone)
        assert _demo_readings(ledger, use_index=True) == plain

    def bug(*args: Any) -> None:
        raise TypeError("a bug injected into the work code")

    monkeypatch.setattr(work, "add_work", bug)
    with pytest.raises(TypeError, match="injected"):
        _demo_readings(ledger, use_index=True)


def test_after_an_edit_the_warm_index_follows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing an open issue a cadre owns, reassigning another: the changed folder is folded
    again, and its work and counts are the files' (the copy's files are seconds old: each
    read re-reads them as racy unless that rule is set aside, as `test_index` does)."""
    from ledger import lifecycle
    from ledger.index import refresh
    from ledger.scan import scan_issues

    monkeypatch.setattr(refresh, "RACY_NS", 0)
    monkeypatch.setenv("CASELEDGER_NOW", "2026-12-01T09:00:00+08:00")
    ledger = _demo(tmp_path)
    before = _demo_readings(ledger, use_index=True)
    owned = [f for f in scan_issues(ledger, use_index=False).issues if f.status == "open" and f.owner_cadre]
    assert len(owned) >= 2
    lifecycle.close(ledger, owned[0].number, disposition="resolved", note="办结", actor="测试")
    lifecycle.assign(ledger, owned[1].number, owner="村监委会", actor="测试")
    after = _demo_readings(ledger, use_index=True)
    assert after == _demo_readings(ledger, use_index=False)
    assert after != before

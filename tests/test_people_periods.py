"""`report cadres`' owned/closed by the owner in force (SPEC §8), worked by hand and by property,
and `report visits`/`report cadres` agreeing with the index cold, warm and without it."""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace as NS

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.facts import EventFacts
from ledger.people_report import IssueWork, issue_work
from ledger.periods import parse_period

D = date.fromisoformat


def ev(day: str | date, action: str, **fields) -> EventFacts:
    at = f"{day}T12:00:00+08:00"
    for key in ("deadline",):
        if isinstance(fields.get(key), str):
            fields[key] = D(fields[key])
    return EventFacts(at=at, day=datetime.fromisoformat(at).date(), action=action, by="x", **fields)


def issue(received: str, *events: EventFacts) -> NS:
    return NS(received=D(received), events=tuple(events), deadline=events[0].deadline)


# -- by hand: the owner in force changing between escalations ---------------------------------

# Opened by C1; escalated to the township with C2 as owner; escalated to the county without an
# owner (C2 stays the owner in force); closed on the last day of March, by the county deadline.
ROUTED = issue(
    "2026-03-01",
    ev("2026-03-01", "opened", deadline="2026-03-08", owner="李明", owner_cadre="C1"),
    ev("2026-03-05", "escalated", to="township", deadline="2026-03-20", owner="王芳", owner_cadre="C2"),
    ev("2026-03-18", "escalated", to="county", deadline="2026-04-17"),
    ev("2026-03-31", "closed", disposition="resolved"),
)
# Opened by C1 in February, handed to a unit (free text: nobody's) at February's end, assigned
# to C2 in March and still open.
HANDED = issue(
    "2026-02-10",
    ev("2026-02-10", "opened", deadline="2026-02-17", owner="李明", owner_cadre="C1"),
    ev("2026-02-27", "escalated", to="township", deadline="2026-03-14", owner="乡水利站"),
    ev("2026-03-02", "assigned", owner="王芳", owner_cadre="C2"),
)
# Closed by C1 in January (late), reopened in February and owned by C2 from then, closed again
# in April.
REDONE = issue(
    "2026-01-05",
    ev("2026-01-05", "opened", deadline="2026-01-12", owner="李明", owner_cadre="C1"),
    ev("2026-01-20", "closed", disposition="explained"),
    ev("2026-02-03", "reopened", deadline="2026-02-10"),
    ev("2026-02-04", "assigned", owner="王芳", owner_cadre="C2"),
    ev("2026-04-02", "closed", disposition="resolved"),
)


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2026-01", {"C1": IssueWork(closed=1)}),  # REDONE's January close, after its deadline
        # End of February: HANDED is with the unit (nobody's), REDONE open with C2.
        ("2026-02", {"C2": IssueWork(owned=1)}),
        # ROUTED closed on 3-31 with C2 in force (the county escalation kept it), on time;
        # HANDED and REDONE open with C2.
        ("2026-03", {"C2": IssueWork(owned=2, closed=1, closed_on_time=1, resolved=1)}),
        # The quarter: REDONE's January close is not its last by the quarter's end (it is open).
        ("2026-Q1", {"C2": IssueWork(owned=2, closed=1, closed_on_time=1, resolved=1)}),
        ("2026-04", {"C2": IssueWork(owned=1, closed=1, resolved=1)}),  # REDONE late (due 2-10)
    ],
)
def test_owner_in_force_changing_between_escalations(period: str, expected: dict[str, IssueWork]) -> None:
    assert issue_work([ROUTED, HANDED, REDONE], parse_period(period)) == expected


def test_a_close_on_the_periods_last_day_counts_in_it_and_not_the_next() -> None:
    assert issue_work([ROUTED], parse_period("2026-03"))["C2"].closed == 1
    assert "C2" not in issue_work([ROUTED], parse_period("2026-04"))  # closed before April: nothing


# -- property: what happens after the period never changes it ---------------------------------

OWNERS = [("李明", "C1"), ("王芳", "C2"), ("乡水利站", None), (None, None)]
LEVELS = ["village", "township", "county"]


@st.composite
def histories(draw: st.DrawFn) -> NS:
    """A lawful history: opened, then escalations (with or without a new owner), assignments,
    closes, reopens and notes, each 0–20 days after the last."""
    received = D("2026-01-01") + timedelta(days=draw(st.integers(0, 240)))
    owner, cadre = draw(st.sampled_from(OWNERS))
    events = [ev(received, "opened", deadline=received + timedelta(days=7), owner=owner, owner_cadre=cadre)]
    day, level, closed = received, 0, False
    for _ in range(draw(st.integers(0, 6))):
        day += timedelta(days=draw(st.integers(0, 20)))
        if closed:
            action = draw(st.sampled_from(["reopened", "noted"]))
        else:
            action = draw(st.sampled_from(["escalated", "assigned", "closed", "noted"]))
        if action == "escalated" and level == 2:
            action = "noted"
        if action == "assigned" and draw(st.booleans()):
            action = "noted"
        owner, cadre = draw(st.sampled_from(OWNERS))
        if action == "escalated":
            level += 1
            events.append(ev(day, action, to=LEVELS[level], deadline=day + timedelta(days=15),
                             owner=owner, owner_cadre=cadre))  # fmt: skip
        elif action == "assigned":
            events.append(ev(day, action, owner=owner or "村监委会", owner_cadre=cadre))
        elif action == "closed":
            events.append(ev(day, action, disposition=draw(st.sampled_from(["resolved", "explained"]))))
            closed = True
        elif action == "reopened":
            events.append(ev(day, action, deadline=day + timedelta(days=7)))
            closed = False
        else:
            events.append(ev(day, "noted"))
    return NS(received=received, events=tuple(events), deadline=events[0].deadline)


PERIODS = ["2026-02", "2026-03", "2026-Q2", "2026-Q3", "2026"]


@settings(max_examples=150, deadline=None)
@given(st.lists(histories(), max_size=8), st.sampled_from(PERIODS))
def test_events_after_the_period_never_change_owned_or_closed(issues: list[NS], text: str) -> None:
    period = parse_period(text)
    cut = []
    for whole in issues:
        if whole.received > period.last:
            continue  # received after the period: left out altogether
        kept = tuple(e for e in whole.events if e.day <= period.last)
        cut.append(NS(received=whole.received, events=kept, deadline=whole.deadline))
    assert issue_work(issues, period) == issue_work(cut, period)


@settings(max_examples=150, deadline=None)
@given(st.lists(histories(), max_size=8), st.sampled_from(PERIODS))
def test_owned_and_closed_count_each_issue_at_most_once(issues: list[NS], text: str) -> None:
    work = issue_work(issues, parse_period(text))
    assert sum(w.owned + w.closed for w in work.values()) <= len(issues)
    assert all(w.resolved <= w.closed and w.closed_on_time <= w.closed for w in work.values())


# -- cold, warm and no index agree (through the library, on a real ledger) ---------------------

STEPS = st.lists(
    st.tuples(
        st.sampled_from(["escalate", "escalate-owner", "assign", "close", "note"]),
        st.sampled_from(["C1", "C2", "王芳", "乡水利站"]),
        st.integers(0, 12),
    ),
    max_size=4,
)
PLANS = st.lists(
    st.tuples(
        st.integers(0, 150),  # the visit's day after 2026-05-01
        st.sampled_from(["dapo", "xiaoshan", "shuijing"]),
        st.lists(st.sampled_from(["C1", "C2"]), min_size=1, max_size=2, unique=True),
        st.lists(st.sampled_from(["1号", "2号", "3号"]), max_size=2),
        st.booleans(),  # stayed
        st.booleans(),  # raised an issue there
        STEPS,
    ),
    min_size=1,
    max_size=6,
)
REPORT_PERIODS = ("2026-05", "2026-06", "2026-Q3", "2026")
JOINED = D("2026-05-20")


def _play(ledger, plans) -> None:
    from ledger import lifecycle
    from ledger.errors import Refused
    from ledger.visits import add_visit

    for offset, village, cadres, households, stayed, raised, steps in sorted(plans, key=lambda p: p[0]):
        day = D("2026-05-01") + timedelta(days=offset)
        team = [c for c in cadres if c == "C1" or day >= JOINED] or ["C1"]  # 王芳 (C2) joined 5-20
        visit = add_visit(ledger, village=village, cadres=team, households=households, stayed=stayed,
                          day=day, actor="x")  # fmt: skip
        if not raised:
            continue
        number = lifecycle.open_issue(
            ledger, village=None, visit=visit.id, title="水泵损坏", category="hardship", actor="x"
        ).number
        for action, owner, gap in steps:
            day = min(day + timedelta(days=gap), D("2026-11-30"))
            when = day.isoformat()
            try:
                if action.startswith("escalate"):
                    chosen = owner if action == "escalate-owner" else None
                    lifecycle.escalate(ledger, number, reason="r", owner=chosen, date=when, actor="x")
                elif action == "assign":
                    lifecycle.assign(ledger, number, owner=owner, date=when, actor="x")
                elif action == "close":
                    lifecycle.close(ledger, number, disposition="resolved", note="n", date=when, actor="x")
                else:
                    lifecycle.note(ledger, number, "n", date=when, actor="x")
            except Refused:
                continue  # escalating a county issue, acting on a closed one: the plan goes on


def _reports(ledger) -> list[object]:
    from ledger.people_report import cadres_report, visits_report

    found: list[object] = []
    for text in REPORT_PERIODS:
        found.append(visits_report(ledger, text))
        found.append(visits_report(ledger, text, "qinglong"))
        found.append(cadres_report(ledger, text))
    return json.loads(json.dumps(found, default=str))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PLANS)
def test_visit_and_cadre_reports_agree_cold_warm_and_without_index(plans) -> None:
    from ledger.places import add_township, add_village
    from ledger.roster import add_cadre
    from ledger.setup import init_ledger

    with pytest.MonkeyPatch.context() as patch, tempfile.TemporaryDirectory() as folder:
        patch.setenv("CASELEDGER_NOW", "2026-12-01T09:00:00+08:00")
        ledger = init_ledger(Path(folder) / "ledger", "测试县民情台账")
        add_township(ledger, "qinglong", "青龙镇", actor="x")
        add_township(ledger, "baishui", "白水乡", actor="x")
        add_village(ledger, "dapo", "大坡村", "qinglong", households=4, actor="x")
        add_village(ledger, "xiaoshan", "小山社区", "qinglong", kind="community", actor="x")
        add_village(ledger, "shuijing", "水井村", "baishui", households=10, actor="x")
        add_cadre(ledger, name="李明", rank="township", since=D("2026-01-01"), actor="x")
        add_cadre(ledger, name="王芳", rank="village", since=JOINED, actor="x")
        _play(ledger, plans)
        patch.setenv("CASELEDGER_NO_INDEX", "1")
        plain = _reports(ledger)
        patch.delenv("CASELEDGER_NO_INDEX")
        shutil.rmtree(ledger.root / ".caseledger", ignore_errors=True)
        assert _reports(ledger) == plain  # cold: builds the index
        assert (ledger.root / ".caseledger").is_dir()
        assert _reports(ledger) == plain  # warm

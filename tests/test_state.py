"""`ledger.state`: the one place an issue's state at a moment is computed (SPEC §3, §4, §6, §8, §9)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.facts import EventFacts
from ledger.state import SUMMARY_KEYS, state_at

D = date.fromisoformat
RECEIVED = D("2026-03-01")


def ev(day: str, action: str, offset: str = "+08:00", time: str = "12:00:00", **fields) -> EventFacts:
    at = f"{day}T{time}{offset}"
    if isinstance(fields.get("deadline"), str):
        fields["deadline"] = D(fields["deadline"])
    return EventFacts(at=at, day=datetime.fromisoformat(at).date(), action=action, by="x", **fields)


OPENED = ev("2026-03-01", "opened", deadline="2026-03-08", owner="李四", owner_cadre="C1")


def test_a_new_issue_is_open_at_village_with_its_owner() -> None:
    now = state_at([OPENED], RECEIVED)
    assert (now.status, now.level, now.deadline, now.owner, now.owner_cadre) == (
        "open", "village", D("2026-03-08"), "李四", "C1",
    )  # fmt: skip
    assert not now.supervised and now.lead is None and now.closed is None
    assert not state_at([OPENED], RECEIVED, D("2026-02-28")).open  # not received yet
    assert state_at([OPENED], RECEIVED, D("2026-03-01")).open


def test_opened_at_a_higher_level() -> None:
    opened = ev("2026-03-01", "opened", deadline="2026-03-30", level="county")
    assert state_at([opened], RECEIVED).level == "county"


def test_escalation_without_owner_keeps_the_owner_in_force() -> None:
    history = [OPENED, ev("2026-03-03", "escalated", to="township", deadline="2026-03-18")]
    now = state_at(history, RECEIVED)
    assert (now.level, now.deadline, now.owner, now.owner_cadre) == (
        "township",
        D("2026-03-18"),
        "李四",
        "C1",
    )
    with_owner = [*history, ev("2026-03-04", "assigned", owner="水务站")]
    later = state_at(with_owner, RECEIVED)
    assert (later.owner, later.owner_cadre) == ("水务站", None)  # free text: no cadre
    assert state_at(with_owner, RECEIVED, D("2026-03-03")).owner == "李四"  # as of before it


def test_supervised_sets_lead_and_replaces_the_deadline_earlier_or_later() -> None:
    earlier = ev("2026-03-02", "supervised", lead="王书记", lead_cadre="C9", deadline="2026-03-05")
    now = state_at([OPENED, earlier], RECEIVED)
    assert (now.supervised, now.lead, now.lead_cadre, now.deadline) == (True, "王书记", "C9", D("2026-03-05"))
    no_deadline = ev("2026-03-03", "supervised", lead="赵县长")
    again = state_at([OPENED, earlier, no_deadline], RECEIVED)
    assert (again.lead, again.lead_cadre, again.deadline) == ("赵县长", None, D("2026-03-05"))
    assert not state_at([OPENED, earlier], RECEIVED, D("2026-03-01")).supervised


def test_close_reopen_and_follow_up() -> None:
    history = [
        OPENED,
        ev("2026-03-05", "escalated", to="township", deadline="2026-03-20"),
        ev("2026-03-10", "closed", disposition="resolved"),
        ev("2026-03-11", "followed-up", satisfaction="unsatisfied"),
    ]
    closed = state_at(history, RECEIVED)
    assert (closed.status, closed.closed, closed.disposition, closed.satisfaction) == (
        "closed", D("2026-03-10"), "resolved", "unsatisfied",
    )  # fmt: skip
    assert closed.last_close is not None
    assert (closed.last_close.level, closed.last_close.deadline) == ("township", D("2026-03-20"))
    reopened = [*history, ev("2026-03-12", "reopened", deadline="2026-03-27")]
    now = state_at(reopened, RECEIVED)
    assert now.open and now.closed is None and now.satisfaction is None and now.deadline == D("2026-03-27")
    assert now.last_close is not None and now.last_followup is not None  # kept for the month report
    assert not state_at(reopened, RECEIVED, D("2026-03-11")).open


def test_an_event_counts_on_its_own_calendar_date() -> None:
    # 23:30 at +08:00 on the 9th is the 9th, though it is the 9th 15:30 UTC.
    late = ev("2026-03-09", "closed", offset="+08:00", time="23:30:00", disposition="resolved")
    assert not state_at([OPENED, late], RECEIVED, D("2026-03-09")).open
    west = ev("2026-03-09", "closed", offset="-05:00", time="22:00:00", disposition="resolved")
    assert state_at([OPENED, west], RECEIVED, D("2026-03-08")).open
    assert not state_at([OPENED, west], RECEIVED, D("2026-03-09")).open


def test_duplicate_close_names_what_it_repeats() -> None:
    dup = ev("2026-03-04", "closed", disposition="duplicate", of="7")
    assert state_at([OPENED, dup], RECEIVED).duplicate_of == "7"


actions = st.sampled_from(["escalated", "assigned", "extended", "noted", "closed", "reopened",
                           "followed-up", "supervised"])  # fmt: skip


@st.composite
def histories(draw):
    day = RECEIVED
    out = [OPENED]
    for action in draw(st.lists(actions, max_size=8)):
        day += timedelta(days=draw(st.integers(0, 5)))
        fields: dict = {}
        if action in ("escalated", "extended", "reopened") or (
            action == "supervised" and draw(st.booleans())
        ):
            fields["deadline"] = day + timedelta(days=draw(st.integers(0, 30)))
        if action == "escalated":
            fields["to"] = draw(st.sampled_from(["township", "county"]))
        if action in ("assigned",) or (action == "escalated" and draw(st.booleans())):
            fields["owner"] = draw(st.sampled_from(["甲", "乙"]))
        if action == "closed":
            fields["disposition"] = "resolved"
        if action == "followed-up":
            fields["satisfaction"] = draw(st.sampled_from(["satisfied", "unsatisfied"]))
        if action == "supervised":
            fields["lead"] = draw(st.sampled_from(["丙", "丁"]))
        out.append(ev(day.isoformat(), action, **fields))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories(), st.integers(-2, 60))
def test_state_at_t_is_the_state_of_the_history_cut_at_t(history, offset) -> None:
    """Events dated after t never matter: the state at t is that of the events up to t."""
    t = RECEIVED + timedelta(days=offset)
    cut = [e for e in history if e.day <= t]
    got, want = state_at(history, RECEIVED, t), state_at(cut, RECEIVED, t)
    assert got == want
    if t >= max(e.day for e in history):
        whole = state_at(history, RECEIVED)
        assert {k: getattr(whole, k) for k in SUMMARY_KEYS} == {k: getattr(got, k) for k in SUMMARY_KEYS}

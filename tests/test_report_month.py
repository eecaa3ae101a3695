"""The month-end summary as pure functions over hand-built `IssueFacts` (SPEC §6).

Every expected number below is worked out by hand from the history written next to it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from types import SimpleNamespace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.facts import EventFacts, IssueFacts
from ledger.report import COUNT_KEYS, month_figures, overdue
from ledger.state import at as state_as_of

TOWNSHIPS = [SimpleNamespace(code="qinglong", name="青龙镇"), SimpleNamespace(code="baishui", name="白水乡")]
VILLAGES = [
    SimpleNamespace(code="dapo", township="qinglong"),
    SimpleNamespace(code="xiaoshan", township="qinglong"),
    SimpleNamespace(code="shuijing", township="baishui"),
]
MARCH = (date(2026, 3, 1), date(2026, 3, 31))
FEB = (date(2026, 2, 1), date(2026, 2, 28))
APRIL = (date(2026, 4, 1), date(2026, 4, 30))


def ev(day: str, action: str, offset: str = "+08:00", time: str = "12:00:00", **fields) -> EventFacts:
    at = f"{day}T{time}{offset}"
    for key in ("deadline",):
        if isinstance(fields.get(key), str):
            fields[key] = date.fromisoformat(fields[key])
    return EventFacts(at=at, day=datetime.fromisoformat(at).date(), action=action, by="测试员", **fields)


def issue(
    number: int, received: str, *events: EventFacts, village: str = "dapo", deadline: str | None = None
):
    """An issue received on `received` (its `opened` event is added) with later `events`."""
    got = date.fromisoformat(received)
    first_deadline = date.fromisoformat(deadline) if deadline else got + timedelta(days=7)
    history = (ev(received, "opened", deadline=first_deadline, time="09:00:00"), *events)
    status, disposition, closed, level, current_deadline = "open", None, None, "village", first_deadline
    for e in history:
        if e.action == "closed":
            status, disposition, closed = "closed", e.disposition, e.day
        elif e.action == "reopened":
            status, disposition, closed = "open", None, None
        if e.action == "escalated":
            level = e.to
        if e.deadline is not None:
            current_deadline = e.deadline
    return IssueFacts(
        number=str(number), file=f"issues/000/{number}.yaml", title=f"问题{number}", village=village,
        category="hardship", source="visit", received=got, owner="李四", level=level, status=status,
        deadline=current_deadline, private=False, disposition=disposition, duplicate_of=None,
        closed=closed, satisfaction=None, reporter_name="张三", topics=(), events=history,
    )  # fmt: skip


def figures(issues, month=MARCH, township=None):
    return month_figures(issues, TOWNSHIPS, VILLAGES, *month, township=township)


def row(result, code="qinglong"):
    return next(r for r in result["rows"] if r["township"] == code)


def counts(result, code="qinglong", keys=None):
    chosen = row(result, code) if code != "total" else result["total"]
    return {k: chosen[k] for k in (keys or COUNT_KEYS) if chosen[k]}  # only the non-zero ones


# -- shape -------------------------------------------------------------------------------------


def test_every_township_gets_a_row_sorted_by_code_even_when_empty() -> None:
    result = figures([])
    assert result["month"] == "2026-03"
    assert result["as_of"] == "2026-03-31"
    assert [r["township"] for r in result["rows"]] == ["baishui", "qinglong"]
    assert [r["name"] for r in result["rows"]] == ["白水乡", "青龙镇"]
    assert result["total"]["township"] == "total"
    expected_keys = {"township", "name", *COUNT_KEYS, "close_rate", "on_time_rate", "resolution_rate",
                     "village_share", "satisfaction_rate"}  # fmt: skip
    assert set(result["rows"][0]) == expected_keys
    assert len(expected_keys) == 2 + 24
    assert all(result["rows"][0][k] == 0 for k in COUNT_KEYS)


def test_township_filter_keeps_only_that_row_and_total_equals_it() -> None:
    issues = [issue(1, "2026-03-02"), issue(2, "2026-03-03", village="shuijing")]
    result = figures(issues, township="baishui")
    assert [r["township"] for r in result["rows"]] == ["baishui"]
    assert result["rows"][0]["new"] == 1
    assert result["total"]["new"] == 1


def test_issue_belongs_to_its_villages_township_and_unknown_villages_count_nowhere() -> None:
    issues = [issue(1, "2026-03-02", village="xiaoshan"), issue(2, "2026-03-02", village="nowhere")]
    result = figures(issues)
    assert row(result, "qinglong")["new"] == 1
    assert row(result, "baishui")["new"] == 0
    assert result["total"]["new"] == 1


# -- hand-worked histories ------------------------------------------------------------------


def test_closed_reopened_and_closed_again_inside_one_month() -> None:
    # Carried over from February; closed 3-03, reopened 3-10 (deadline 3-17), closed 3-15.
    one = issue(
        1, "2026-02-20",
        ev("2026-03-03", "closed", disposition="explained"),
        ev("2026-03-10", "reopened", deadline="2026-03-17"),
        ev("2026-03-15", "closed", disposition="resolved"),
    )  # fmt: skip
    result = figures([one])
    # Counted once: carried over, closed once (the last close), resolved (not explained).
    assert counts(result) == {
        "carried_over": 1, "closed": 1, "closed_on_time": 1, "resolved": 1, "closed_at_village": 1,
    }  # fmt: skip
    assert row(result)["close_rate"] == 1.0


def test_received_closed_reopened_closed_in_one_month_is_new_not_reopened() -> None:
    one = issue(
        1, "2026-03-02",
        ev("2026-03-04", "closed", disposition="resolved"),
        ev("2026-03-05", "reopened", deadline="2026-03-12"),
        ev("2026-03-20", "closed", disposition="withdrawn"),
    )  # fmt: skip
    # Closed 3-20 after the reopen deadline 3-12: late.
    assert counts(figures([one])) == {"new": 1, "closed": 1, "withdrawn": 1, "closed_at_village": 1}


def test_closed_last_month_and_reopened_this_month() -> None:
    still_open = issue(
        1, "2026-01-10",
        ev("2026-02-01", "closed", disposition="resolved"),
        ev("2026-03-05", "reopened", deadline="2026-03-12"),
    )  # fmt: skip
    closed_again = issue(
        2, "2026-01-10",
        ev("2026-02-01", "closed", disposition="resolved"),
        ev("2026-03-05", "reopened", deadline="2026-03-12"),
        ev("2026-03-10", "closed", disposition="resolved"),
    )  # fmt: skip
    result = figures([still_open, closed_again])
    # Issue 1 open at end with deadline 3-12 < 3-31: overdue. Issue 2 closed on time.
    assert counts(result) == {
        "reopened": 2, "closed": 1, "open_end": 1, "overdue_end": 1, "closed_on_time": 1,
        "resolved": 1, "closed_at_village": 1,
    }  # fmt: skip
    assert row(result)["close_rate"] == 0.5
    # In February both were closed: carried over from January, closed in February.
    assert counts(figures([still_open, closed_again], FEB), keys=("carried_over", "closed")) == {
        "carried_over": 2, "closed": 2,
    }  # fmt: skip


def test_escalation_moves_the_deadline_used_for_on_time_and_level_at_closing() -> None:
    # Deadline 3-08 at village; escalated 3-05 to township with deadline 3-20; closed 3-15.
    one = issue(
        1, "2026-03-01",
        ev("2026-03-05", "escalated", to="township", deadline="2026-03-20"),
        ev("2026-03-15", "closed", disposition="referred"),
    )  # fmt: skip
    assert counts(figures([one])) == {
        "new": 1, "closed": 1, "closed_on_time": 1, "referred": 1, "closed_at_township": 1,
    }  # fmt: skip
    assert row(figures([one]))["village_share"] == 0.0


def test_escalation_after_month_end_does_not_rescue_an_overdue_month() -> None:
    one = issue(
        1, "2026-03-01",
        ev("2026-04-02", "escalated", to="county", deadline="2026-05-01"),
    )  # fmt: skip
    # As of 3-31 the village deadline 3-08 was in force: open and overdue.
    assert counts(figures([one])) == {"new": 1, "open_end": 1, "overdue_end": 1}
    assert state_as_of(one, date(2026, 3, 31)).level == "village"
    assert state_as_of(one, date(2026, 4, 2)).level == "county"
    # In April it is carried over, open and not overdue (deadline 5-01).
    assert counts(figures([one], APRIL)) == {"carried_over": 1, "open_end": 1}


def test_deadline_on_the_last_day_is_not_overdue_yet() -> None:
    one = issue(1, "2026-03-24", deadline="2026-03-31")
    assert counts(figures([one])) == {"new": 1, "open_end": 1}


def test_back_dated_close_counts_in_the_month_it_is_dated() -> None:
    # Deadline 3-20; the close was typed in April with --date 2026-03-28, so it is dated 3-28.
    one = issue(1, "2026-03-13", ev("2026-03-28", "closed", disposition="resolved"), deadline="2026-03-20")
    assert counts(figures([one])) == {"new": 1, "closed": 1, "resolved": 1, "closed_at_village": 1}
    assert row(figures([one]))["on_time_rate"] == 0.0
    assert counts(figures([one], APRIL)) == {}


def test_carry_over_across_months() -> None:
    one = issue(1, "2026-01-15", ev("2026-04-10", "closed", disposition="resolved"), deadline="2026-01-22")
    assert counts(figures([one], FEB)) == {"carried_over": 1, "open_end": 1, "overdue_end": 1}
    assert counts(figures([one], MARCH)) == {"carried_over": 1, "open_end": 1, "overdue_end": 1}
    assert counts(figures([one], APRIL)) == {
        "carried_over": 1,
        "closed": 1,
        "resolved": 1,
        "closed_at_village": 1,
    }


def test_duplicates_count_as_closed_but_not_resolved() -> None:
    first = issue(1, "2026-03-02", ev("2026-03-04", "closed", disposition="resolved"))
    dup = issue(2, "2026-03-03", ev("2026-03-04", "closed", disposition="duplicate", of="1"))
    result = figures([first, dup])
    assert counts(result) == {
        "new": 2, "closed": 2, "closed_on_time": 2, "resolved": 1, "duplicate": 1, "closed_at_village": 2,
    }  # fmt: skip
    assert row(result)["resolution_rate"] == 0.5


def test_follow_ups_count_in_the_month_they_are_dated() -> None:
    one = issue(
        1, "2026-02-02",
        ev("2026-02-05", "closed", disposition="resolved"),
        ev("2026-03-01", "followed-up", satisfaction="satisfied"),
        ev("2026-03-09", "followed-up", satisfaction="unsatisfied"),
        ev("2026-04-01", "followed-up", satisfaction="basically"),
    )  # fmt: skip
    result = figures([one])
    assert counts(result) == {"followups": 2, "satisfied": 1, "unsatisfied": 1}
    assert row(result)["satisfaction_rate"] == 0.5
    assert row(result)["close_rate"] is None  # nothing carried, new or reopened


def test_an_events_day_is_its_date_in_its_own_offset() -> None:
    # 3-31 20:00 at -05:00 is already 4-01 in Beijing, but its own date is 3-31: March.
    late_west = issue(1, "2026-03-02", ev("2026-03-31", "closed", offset="-05:00", time="20:00:00",
                                          disposition="resolved"))  # fmt: skip
    # 4-01 00:30 at +08:00 is 3-31 in UTC, but its own date is 4-01: April.
    early_east = issue(2, "2026-03-02", ev("2026-04-01", "closed", time="00:30:00", disposition="resolved"))
    result = figures([late_west, early_east])
    assert row(result)["closed"] == 1
    assert row(result)["open_end"] == 1


# -- rates -----------------------------------------------------------------------------------


def test_every_rate_is_none_when_its_denominator_is_zero() -> None:
    result = figures([])
    for key in ("close_rate", "on_time_rate", "resolution_rate", "village_share", "satisfaction_rate"):
        assert result["total"][key] is None, key


def test_rates_are_unrounded_fractions() -> None:
    issues = [issue(n, "2026-03-02") for n in (1, 2, 3)]
    issues[0] = issue(1, "2026-03-02", ev("2026-03-03", "closed", disposition="resolved"))
    result = figures(issues)
    assert row(result)["close_rate"] == 1 / 3
    # Only closed = 0 makes on_time/resolution/village_share undefined; close_rate stays defined.
    open_only = figures([issue(1, "2026-03-02")])
    assert row(open_only)["close_rate"] == 0.0
    assert row(open_only)["on_time_rate"] is None
    assert row(open_only)["resolution_rate"] is None
    assert row(open_only)["village_share"] is None
    assert row(open_only)["satisfaction_rate"] is None


# -- overdue ---------------------------------------------------------------------------------


def test_overdue_lists_open_issues_past_their_deadline_oldest_first() -> None:
    issues = [
        issue(1, "2026-03-01", deadline="2026-03-10"),
        issue(2, "2026-03-01", deadline="2026-03-05"),
        issue(3, "2026-03-01", deadline="2026-03-20"),  # deadline = as_of: not overdue
        issue(4, "2026-03-01", ev("2026-03-12", "closed", disposition="resolved"), deadline="2026-03-02"),
        issue(5, "2026-03-01", ev("2026-03-04", "extended", deadline="2026-04-30")),
    ]
    rows = overdue(issues, date(2026, 3, 20), VILLAGES)
    assert [(r["number"], r["days_overdue"]) for r in rows] == [("2", 15), ("1", 10)]
    assert rows[0]["township"] == "qinglong"
    # As of 3-11, issue 4 was still open and 9 days past 3-02.
    early = overdue(issues, date(2026, 3, 11))
    assert [(r["number"], r["days_overdue"]) for r in early] == [("4", 9), ("2", 6), ("1", 1)]


# -- properties ------------------------------------------------------------------------------

START = date(2026, 1, 1)


@st.composite
def histories(draw, number: int) -> IssueFacts:
    """A valid random history: closes and reopens alternate; follow-ups only while closed."""
    received = START + timedelta(days=draw(st.integers(0, 150)))
    village = draw(st.sampled_from(["dapo", "xiaoshan", "shuijing"]))
    day = received
    is_open, level = True, "village"
    events = []
    for _ in range(draw(st.integers(0, 6))):
        day = day + timedelta(days=draw(st.integers(0, 25)))
        text = day.isoformat()
        if is_open:
            choice = draw(st.sampled_from(["closed", "escalated", "extended"]))
            if choice == "escalated" and level != "county":
                level = {"village": "township", "township": "county"}[level]
                events.append(ev(text, "escalated", to=level, deadline=day + timedelta(days=15)))
            elif choice == "extended":
                events.append(ev(text, "extended", deadline=day + timedelta(days=draw(st.integers(1, 30)))))
            else:
                disposition = draw(st.sampled_from(["resolved", "explained", "referred", "withdrawn"]))
                events.append(ev(text, "closed", disposition=disposition))
                is_open = False
        elif draw(st.booleans()):
            events.append(ev(text, "reopened", deadline=day + timedelta(days=7)))
            is_open = True
        else:
            sat = draw(st.sampled_from(["satisfied", "basically", "unsatisfied"]))
            events.append(ev(text, "followed-up", satisfaction=sat))
    return issue(number, received.isoformat(), *events, village=village)


ledgers = st.integers(0, 12).flatmap(lambda n: st.tuples(*(histories(i + 1) for i in range(n))))
MONTHS = [(date(2026, m, 1), date(2026, m + 1, 1) - timedelta(days=1)) for m in range(1, 8)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledgers)
def test_open_end_is_carried_plus_new_plus_reopened_minus_closed(issues) -> None:
    for month in MONTHS:
        result = figures(list(issues), month)
        for r in [*result["rows"], result["total"]]:
            assert r["open_end"] == r["carried_over"] + r["new"] + r["reopened"] - r["closed"], (month, r)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledgers, st.sampled_from(MONTHS[:5]), st.data())
def test_later_dated_events_never_change_a_past_month(issues, month, data) -> None:
    before = figures(list(issues), month)
    after_month = month[1] + timedelta(days=1)
    grown = []
    for one in issues:
        last_day = max([e.day for e in one.events] + [after_month])
        extra = []
        is_open = state_as_of(one, date(2100, 1, 1)).open
        for _ in range(data.draw(st.integers(0, 3))):
            last_day = last_day + timedelta(days=data.draw(st.integers(0, 10)))
            text = last_day.isoformat()
            if is_open:
                extra.append(ev(text, "closed", disposition="resolved"))
            else:
                extra.append(ev(text, "reopened", deadline=last_day + timedelta(days=7)))
            is_open = not is_open
        grown.append(replace(one, events=one.events + tuple(extra)))
    # And issues received after the month.
    grown.append(issue(999, (after_month + timedelta(days=3)).isoformat()))
    assert figures(grown, month) == before

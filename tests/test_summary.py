"""What the index keeps per folder gives exactly what the plain computation gives.

`ledger.summary` folds each issue's month counts (`report.issue_months`) and check summary
(`checks.issue_summary`) per folder; `report month` and `check` then read only those. These
tests compare them with the direct computation on histories hypothesis makes up, including
ones no clerk would write (events before the receipt, out of order, decades apart).
"""

from __future__ import annotations

import marshal
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.facts import EventFacts, IssueFacts
from ledger.index.months import MAX_SPAN_MONTHS, issue_months, month_days, month_key, period_days, period_key
from ledger.index.packing import pack
from ledger.index.summary import add_checks, add_period, derive, fold_checks, fold_months
from ledger.report import COUNT_KEYS, village_counts
from ledger.rules import IssueTable, table_of
from ledger.store import Ledger

ACTIONS = ["opened", "noted", "escalated", "extended", "assigned", "closed", "reopened", "followed-up"]
BASE = date(2026, 1, 1)


def shifted(day: date, days: int) -> date:
    """`day + days`, held within the calendar."""
    return date.fromordinal(min(max(day.toordinal() + days, 1), date.max.toordinal()))


def month_end(day: date) -> date:
    return month_days(month_key(day))[1] if 1 < day.year < 9999 else day


@st.composite
def events(draw, received: date) -> EventFacts:
    shift = draw(st.integers(-60, 400))
    if draw(st.integers(0, 40)) == 0:
        shift = draw(st.sampled_from([-20_000, 30_000]))  # decades away
    day = shifted(received, shift)
    offset = draw(st.sampled_from(["+08:00", "-05:00", "+14:00"]))
    at = f"{day.isoformat()}T{draw(st.integers(0, 23)):02d}:00:00{offset}"
    action = draw(st.sampled_from(ACTIONS))
    deadline = draw(
        st.sampled_from(
            [None, shifted(day, draw(st.integers(-5, 60))), month_end(day), month_end(shifted(day, 31))]
        )
    )
    return EventFacts(
        at=at,
        day=datetime.fromisoformat(at).date(),
        action=action,
        by="测试员",
        to=draw(st.sampled_from([None, "village", "township", "county"])),
        deadline=deadline,
        disposition=draw(
            st.sampled_from([None, "resolved", "explained", "referred", "duplicate", "withdrawn"])
        ),
        of=draw(st.sampled_from([None, "1", "2", "99"])),
        satisfaction=draw(st.sampled_from([None, "satisfied", "basically", "unsatisfied"])),
        owner=draw(st.sampled_from([None, "李四", "王五"])),
    )


@st.composite
def issues(draw, number: int) -> IssueFacts:
    received = BASE + timedelta(days=draw(st.integers(0, 200)))
    if draw(st.integers(0, 30)) == 0:  # now and then, an issue whose dates span centuries
        received = date(draw(st.sampled_from([1, 1900, 9999])), 1, 5)
    history = tuple(draw(st.lists(events(received), max_size=7)))
    level = draw(st.sampled_from(["village", "township", "county"]))
    status = draw(st.sampled_from(["open", "closed"]))
    duplicate_of = draw(st.sampled_from([None, "2", "5"]))
    village = draw(st.sampled_from("abc"))
    return IssueFacts(
        number=str(number), file=f"issues/000/{number}.yaml", title="路灯", village=village,
        category="hardship", source="visit", received=received, owner="李四", level=level, status=status,
        deadline=received + timedelta(days=7), private=False, disposition=None, duplicate_of=duplicate_of,
        closed=None, satisfaction=None, reporter_name=None, topics=(), events=history,
    )  # fmt: skip


folders = st.integers(0, 8).flatmap(lambda n: st.tuples(*(issues(i + 1) for i in range(n))))
# Every month, quarter and year around the issues' days (and a few before and after them).
PERIODS = [
    (unit, *period_days(period_key(BASE, unit) + k, unit))
    for unit, shifts in (("month", range(-3, 16)), ("quarter", range(-2, 6)), ("year", range(-1, 3)))
    for k in shifts
]


def entries_of(ledger: Ledger, facts: tuple[IssueFacts, ...]) -> list[tuple]:
    """The index entries the worker would store for these issues (through marshal, as stored)."""
    out = []
    for one in facts:
        out.append((Path(one.file).name, "f", pack(one), *derive(ledger, one)))
    return marshal.loads(marshal.dumps(out))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(folders)
def test_folded_period_counts_equal_the_direct_count(tmp_path_factory, facts) -> None:
    """Months, quarters and years alike: what a folder keeps gives `village_counts` over the
    whole period, tails (open after the last event) and irregular issues included."""
    ledger = Ledger(tmp_path_factory.mktemp("l"))
    kept = entries_of(ledger, facts)
    folded = {
        units: marshal.loads(marshal.dumps(fold_months(kept, units)))
        for units in (("month",), ("quarter", "year"))
    }
    for unit, first, last in PERIODS:
        counts: dict[str, list[int]] = {}
        add_period(counts, folded[("month",) if unit == "month" else ("quarter", "year")], first, last, unit)
        assert {v: c for v, c in counts.items() if any(c)} == village_counts(facts, first, last), (
            unit,
            first,
        )
    assert all(one[3] == sorted({f.village for f in facts}) for one in folded.values())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(folders)
def test_folded_check_table_equals_the_direct_table(tmp_path_factory, facts) -> None:
    ledger = Ledger(tmp_path_factory.mktemp("l"))
    folded = marshal.loads(marshal.dumps(fold_checks(entries_of(ledger, facts))))
    table = IssueTable()
    add_checks(table, "issues/000", folded)
    assert table == table_of(ledger, facts, [])


def test_issue_months_declines_wide_spans_and_calendar_ends() -> None:
    def one(received: date, *days: date) -> IssueFacts:
        history = tuple(
            EventFacts(at=f"{d.isoformat()}T12:00:00+08:00", day=d, action="noted", by="x") for d in days
        )
        return IssueFacts(
            "1", "issues/000/1.yaml", "t", "a", "hardship", "visit", received, None, "village", "open",
            received, False, None, None, None, None, None, (), history,
        )  # fmt: skip

    assert issue_months(one(date(2026, 1, 5), date(2026, 3, 1))) is not None
    assert issue_months(one(date(2026, 1, 5), date(2026 + MAX_SPAN_MONTHS // 12 + 1, 1, 1))) is None
    assert issue_months(one(date(1, 1, 1))) is None
    assert issue_months(one(date(9999, 12, 31))) is None
    active, tail = issue_months(one(date(2026, 1, 5), date(2026, 3, 1)))  # type: ignore[misc]
    assert [key for key, _ in active] == [month_key(date(2026, 1, 1)), month_key(date(2026, 2, 1)),
                                          month_key(date(2026, 3, 1))]  # fmt: skip
    assert tail == (month_key(date(2026, 3, 1)), date(2026, 1, 5).toordinal())
    new = dict(active[0][1])
    assert new[COUNT_KEYS.index("new")] == 1


def _days_to_ask(facts: tuple[IssueFacts, ...], extra: list[date]) -> list[date]:
    """Every issue's days and the days either side of them, the calendar's ends, and `extra`."""
    days = {date.min, date.max, *extra}
    for f in facts:
        for day in (f.received, *(e.day for e in f.events)):
            days.update(shifted(day, k) for k in (-1, 0, 1))
    return sorted(days)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(folders, st.lists(st.dates(date(1, 1, 1), date(9999, 12, 31)), max_size=5))
def test_folded_cases_are_the_states_on_every_day(tmp_path_factory, facts, extra) -> None:
    """`index.cases` gives, on any day, exactly the issues whose `state.at` that day
    `may_alert` accepts, with that state (through marshal, as stored)."""
    from dataclasses import replace

    from ledger.alerts import may_alert
    from ledger.index.cases import cases_of, fold_cases, spans_at
    from ledger.state import at

    # As `facts.facts_of` makes them: the summary fields are what the history says.
    facts = tuple(replace(f, status=at(f).status, satisfaction=at(f).satisfaction) for f in facts)
    ledger = Ledger(tmp_path_factory.mktemp("l"))
    folded = marshal.loads(marshal.dumps(fold_cases(entries_of(ledger, facts))))
    villages = folded[0]
    assert sum(villages.values()) == len(facts)
    for day in _days_to_ask(facts, extra):
        kept = cases_of("issues/000", spans_at(folded, day.toordinal()))
        expected = [(f, at(f, day)) for f in facts if may_alert(at(f, day))]
        # in no set order (the readers sort): compared as sorted lists
        assert sorted(
            ((c.number, c.file, c.title, c.village, c.category, c.received, c.sort_key), s) for c, s in kept
        ) == sorted(((f.number, f.file, f.title, f.village, f.category, f.received, f.sort_key), s)
                    for f, s in expected), day  # fmt: skip

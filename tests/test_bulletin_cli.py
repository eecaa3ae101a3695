"""`report bulletin PERIOD` (季度通报): the command over the ledger, and how a quarter agrees
with its three `report month`s.

The rule built (`ledger.readers.bulletin_report`): the quarter's figures are §6's counted over
the whole quarter. `new`, `followups` (and `satisfied`, `basically`, `unsatisfied`) are the sums
of the months'; `carried_over` is the first month's; `closed` counts an issue once, when it is
closed at the quarter's end with its last close in the quarter, so it is the months' sum less
the month-end closes that a reopening later in the quarter undid.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from types import SimpleNamespace as NS

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.bulletin import bulletin_figures
from ledger.facts import EventFacts, IssueFacts
from ledger.report import figures_by_township, village_counts

SUMMED = ("new", "followups", "satisfied", "basically")


def months(run) -> list[dict]:
    out = []
    for month in ("2026-07", "2026-08", "2026-09"):
        result = run("report", "month", month, "-f", "json")
        assert result.exit_code == 0, result.stderr
        out.append(json.loads(result.stdout))
    return out


def bulletin(run, period: str = "2026-Q3") -> dict:
    result = run("report", "bulletin", period, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_closed_reopened_and_closed_again_counts_once_in_the_quarter(run) -> None:
    run(
        "issue",
        "open",
        "--village",
        "dapo",
        "--title",
        "水泵",
        "--category",
        "hardship",
        "--date",
        "2026-07-01",
    )
    run("issue", "close", "1", "--disposition", "resolved", "--note", "修好", "--date", "2026-07-05")
    run("issue", "followup", "1", "--satisfaction", "unsatisfied", "--date", "2026-07-10")
    run("issue", "reopen", "1", "--reason", "又坏了", "--date", "2026-08-02")
    run("issue", "close", "1", "--disposition", "resolved", "--note", "换新泵", "--date", "2026-09-03")
    run("issue", "followup", "1", "--satisfaction", "satisfied", "--date", "2026-09-04")
    run(
        "issue",
        "open",
        "--village",
        "dapo",
        "--title",
        "路灯",
        "--category",
        "hardship",
        "--date",
        "2026-08-10",
    )
    run("issue", "close", "2", "--disposition", "explained", "--note", "n", "--date", "2026-08-12")
    run("issue", "reopen", "2", "--reason", "r", "--date", "2026-09-01")
    q3 = bulletin(run)
    by_month = months(run)
    qinglong = next(r for r in q3["rows"] if r["township"] == "qinglong")
    month_rows = [next(r for r in m["rows"] if r["township"] == "qinglong") for m in by_month]
    assert [m["closed"] for m in month_rows] == [1, 1, 1]  # July: 1; August: 2; September: 1
    assert qinglong["closed"] == 1  # issue 1, once; issue 2 is open at the quarter's end
    assert qinglong["reopened"] == 0  # both were received in the quarter
    for key in SUMMED:
        assert qinglong[key] == sum(m[key] for m in month_rows), key
    assert (qinglong["new"], qinglong["followups"], qinglong["satisfied"]) == (2, 2, 1)
    assert qinglong["close_rate"] == 1 / 2 and qinglong["satisfaction_rate"] == 1 / 2
    assert qinglong["resolution_rate"] == 1.0 and qinglong["on_time_rate"] == 0.0  # 09-03 > 08-09


def test_bulletin_ranks_ties_and_nulls_through_the_command(run) -> None:
    run("township", "add", "panxi", "--name", "盘溪镇")
    run("village", "add", "dashan", "--name", "大山村", "--township", "panxi", "--households", "100")
    run("cadre", "add", "--name", "李明", "--rank", "township", "--since", "2026-01-01")
    for village, day in (("dapo", "2026-07-01"), ("shuijing", "2026-07-02"), ("dashan", "2026-07-03")):
        run("issue", "open", "--village", village, "--title", "事", "--category", "hardship", "--date", day)
    for number in ("1", "2"):  # qinglong and baishui close theirs: 1/1 each, a tie at rank 1
        run("issue", "close", number, "--disposition", "resolved", "--note", "n", "--date", "2026-07-05")
    run("visit", "add", "--village", "dashan", "--cadre", "C1", "--household", "1号", "--date", "2026-07-04")
    data = bulletin(run)
    rows = {r["township"]: r for r in data["rows"]}
    assert list(rows) == ["baishui", "panxi", "qinglong"]
    assert [rows[c]["close_rate_rank"] for c in rows] == [1, 3, 1]  # 1, 1, 0 → 1, 1, 3 (sorted by code)
    assert rows["panxi"]["close_rate"] == 0.0
    # follow-ups: none anywhere → every satisfaction rate null, unranked
    assert all(r["satisfaction_rate"] is None and r["satisfaction_rate_rank"] is None for r in rows.values())
    # visit rate: panxi 1/100; qinglong 0/412; baishui 0/230 → 1, 2, 2
    assert [rows[c]["visit_rate_rank"] for c in rows] == [2, 1, 2]
    total = data["total"]
    assert total["township"] == "total" and total["close_rate"] == 2 / 3
    assert all(total[f"{k}_rank"] is None for k in ("visit_rate", "close_rate", "on_time_rate"))
    table = run("--lang", "zh", "report", "bulletin", "2026-Q3").stdout
    assert "盘溪镇" in table and "(3)" in table and "合计" in table
    csv = run("report", "bulletin", "2026-Q3", "-f", "csv").stdout.splitlines()
    assert csv[0].startswith("township,name,visit_rate,visit_rate_rank,close_rate,close_rate_rank")
    assert csv[-1].startswith("total,total,")
    page = run("--lang", "zh", "report", "bulletin", "2026-Q3", "-f", "html").stdout
    assert page.startswith("<!DOCTYPE html>") and "盘溪镇" in page and "<svg" in page


def test_bulletin_for_a_month_and_a_year_and_bad_periods(run) -> None:
    run(
        "issue",
        "open",
        "--village",
        "dapo",
        "--title",
        "事",
        "--category",
        "hardship",
        "--date",
        "2026-07-01",
    )
    assert bulletin(run, "2026-07")["total"]["new"] == 1
    assert bulletin(run, "2026")["total"]["new"] == 1
    assert bulletin(run, "2026-Q4")["total"]["new"] == 0
    result = run("report", "bulletin", "2026-Q5")
    assert result.exit_code == 2 and result.stderr.startswith("error: ") and result.stdout == ""


# -- the property: a quarter against its three months, on issues made at random --------------

Q3 = (date(2026, 7, 1), date(2026, 9, 30))
MONTHS = [
    (date(2026, 7, 1), date(2026, 7, 31)),
    (date(2026, 8, 1), date(2026, 8, 31)),
    (date(2026, 9, 1), date(2026, 9, 30)),
]
TOWNSHIPS = [NS(code="a", name="A"), NS(code="b", name="B")]
VILLAGES = [NS(code="va", township="a"), NS(code="vb", township="b")]


@st.composite
def histories(draw: st.DrawFn, number: int) -> IssueFacts:
    received = date(2026, 6, 1) + timedelta(days=draw(st.integers(0, 121)))
    day = received
    events = [EventFacts(at="", day=day, action="opened", by="t", deadline=day + timedelta(days=7))]
    closed = False
    for _ in range(draw(st.integers(0, 6))):
        day += timedelta(days=draw(st.integers(0, 25)))
        if closed:
            action = draw(st.sampled_from(["reopened", "followed-up"]))
        else:
            action = draw(st.sampled_from(["closed", "noted", "supervised"]))
        if action == "closed":
            disposition = draw(st.sampled_from(["resolved", "explained", "withdrawn"]))
            events.append(EventFacts(at="", day=day, action="closed", by="t", disposition=disposition))
            closed = True
        elif action == "reopened":
            events.append(
                EventFacts(at="", day=day, action="reopened", by="t", deadline=day + timedelta(days=7))
            )
            closed = False
        elif action == "followed-up":
            satisfaction = draw(st.sampled_from(["satisfied", "basically", "unsatisfied"]))
            events.append(EventFacts(at="", day=day, action="followed-up", by="t", satisfaction=satisfaction))
        elif action == "supervised":  # a fixed time limit, earlier or later, or none
            days = draw(st.one_of(st.none(), st.integers(0, 30)))
            limit = None if days is None else day + timedelta(days=days)
            events.append(
                EventFacts(at="", day=day, action="supervised", by="t", lead="张县长", deadline=limit)
            )
        else:
            events.append(EventFacts(at="", day=day, action="noted", by="t"))
    return IssueFacts(
        number=str(number), file="", title="", village=draw(st.sampled_from(["va", "vb"])),
        category="hardship", source="visit", received=received, owner=None, level="village",
        status="open", deadline=received + timedelta(days=7), private=False, disposition=None,
        duplicate_of=None, closed=None, satisfaction=None, reporter_name=None, topics=(),
        events=tuple(events),
    )  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 10**6), min_size=0, max_size=12).flatmap(
    lambda ns: st.tuples(*[histories(i + 1) for i in range(len(ns))])))  # fmt: skip
def test_a_quarter_agrees_with_its_months(issues: tuple[IssueFacts, ...]) -> None:
    quarter = bulletin_figures(village_counts(issues, *Q3), {}, TOWNSHIPS, VILLAGES, *Q3, "2026-Q3")
    by_month = [figures_by_township(village_counts(issues, *m), TOWNSHIPS, VILLAGES, *m) for m in MONTHS]
    for i, code in enumerate(("a", "b")):
        q = quarter["rows"][i]
        ms = [m["rows"][i] for m in by_month]
        assert q["township"] == code
        for key in SUMMED:
            assert q[key] == sum(m[key] for m in ms), key
        assert q["carried_over"] == ms[0]["carried_over"]
        # closed: each issue closed at the quarter's end with its last close in it was closed at
        # the end of that close's month; the months also count closes a later reopening undid.
        undone = 0
        for issue in issues:
            if issue.village != f"v{code}":
                continue
            for first, last in MONTHS[:-1]:
                month_end = [e for e in issue.events if e.day <= last and e.action in ("closed", "reopened")]
                if not (month_end and month_end[-1].action == "closed" and first <= month_end[-1].day):
                    continue
                later = [
                    e for e in issue.events if last < e.day <= Q3[1] and e.action in ("closed", "reopened")
                ]
                if later:
                    undone += 1
        assert q["closed"] == sum(m["closed"] for m in ms) - undone
    assert quarter["total"]["new"] == sum(m["total"]["new"] for m in by_month)

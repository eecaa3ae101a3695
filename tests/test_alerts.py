"""`report alerts` (预警, SPEC §9) on hand-worked cases at each boundary.

Village deadlines are 7 days: an issue received on 2026-08-01 is due on 2026-08-08.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_bulletin_cli import histories

from ledger.alerts import DUE, OVERDUE, UNSATISFIED, order_key


def alerts(run, *args: str) -> list[dict]:
    result = run("report", "alerts", *args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def brief(rows: list[dict]) -> list[tuple[str, str, int]]:
    return [(r["number"], r["alert"], r["days"]) for r in rows]


@pytest.fixture
def one(run):
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
        "2026-08-01",
    )
    return run


@pytest.mark.parametrize(
    ("as_of", "within", "expected"),
    [
        ("2026-07-31", None, []),  # not yet received
        ("2026-08-04", None, []),  # deadline − day = 4 = within + 1
        ("2026-08-05", None, [("1", DUE, 3)]),  # the last day within
        ("2026-08-07", None, [("1", DUE, 1)]),  # due tomorrow
        ("2026-08-08", None, [("1", DUE, 0)]),  # due today
        ("2026-08-09", None, [("1", OVERDUE, 1)]),
        ("2026-08-20", None, [("1", OVERDUE, 12)]),
        ("2026-08-07", "0", []),  # --within 0: only today
        ("2026-08-08", "0", [("1", DUE, 0)]),
        ("2026-08-01", "7", [("1", DUE, 7)]),
        ("2026-08-01", "6", []),
    ],
)
def test_deadline_boundaries(one, as_of: str, within: str | None, expected: list) -> None:
    args = ["--as-of", as_of] + (["--within", within] if within is not None else [])
    assert brief(alerts(one, *args)) == expected


def test_the_row_says_everything(one) -> None:
    (row,) = alerts(one, "--as-of", "2026-08-10")
    assert row == {
        "number": "1", "village": "dapo", "township": "qinglong", "title": "水泵", "owner": None,
        "lead": None, "supervised": False, "deadline": "2026-08-08", "alert": "overdue", "days": 2,
    }  # fmt: skip


def test_later_events_are_ignored(one) -> None:
    one("issue", "close", "1", "--disposition", "resolved", "--note", "修好", "--date", "2026-08-12")
    assert brief(alerts(one, "--as-of", "2026-08-11")) == [("1", OVERDUE, 3)]
    assert alerts(one, "--as-of", "2026-08-12") == []


def test_unsatisfied_then_reopened(one) -> None:
    one("issue", "close", "1", "--disposition", "resolved", "--note", "修好", "--date", "2026-08-03")
    assert alerts(one, "--as-of", "2026-08-03") == []  # closed, not followed up yet
    one("issue", "followup", "1", "--satisfaction", "不满意", "--date", "2026-08-04")
    assert brief(alerts(one, "--as-of", "2026-08-04")) == [("1", UNSATISFIED, 0)]
    assert brief(alerts(one, "--as-of", "2026-08-10")) == [("1", UNSATISFIED, 6)]
    # Reopened on 08-06 after the unsatisfied follow-up: open again, due 08-06 + 7 = 08-13.
    one("issue", "reopen", "1", "--reason", "群众不满意，重新办理", "--date", "2026-08-06")
    assert brief(alerts(one, "--as-of", "2026-08-05")) == [("1", UNSATISFIED, 1)]
    assert alerts(one, "--as-of", "2026-08-06") == []  # 7 days left > 3
    assert brief(alerts(one, "--as-of", "2026-08-10")) == [("1", DUE, 3)]
    assert brief(alerts(one, "--as-of", "2026-08-14")) == [("1", OVERDUE, 1)]
    one("issue", "close", "1", "--disposition", "resolved", "--note", "重修", "--date", "2026-08-14")
    assert alerts(one, "--as-of", "2026-08-15") == []  # closed again, no follow-up since the reopen
    one("issue", "followup", "1", "--satisfaction", "satisfied", "--date", "2026-08-16")
    assert alerts(one, "--as-of", "2026-08-20") == []


def test_the_order(run) -> None:
    run("cadre", "add", "--name", "张县长", "--rank", "county", "--since", "2026-01-01")
    received = {  # number: received day
        "1": "2026-08-01", "2": "2026-08-01", "3": "2026-08-05", "4": "2026-08-01",
        "5": "2026-08-13", "6": "2026-08-12", "7": "2026-08-12", "8": "2026-08-02",
    }  # fmt: skip
    for number, day in received.items():
        run("issue", "open", "--village", "shuijing", "--title", f"事项{number}", "--category", "hardship",
            "--date", day)  # fmt: skip
    # 3 is supervised (overdue 3 days on 08-15); 1 and 2 overdue 7 days, 8 overdue 6 days.
    run("issue", "supervise", "3", "--lead", "张县长", "--reason", "督办", "--date", "2026-08-06")
    # 4 closed and followed up unsatisfied; 5 due in 5 days (> within), 6 and 7 due in 4 → use within 5.
    run("issue", "close", "4", "--disposition", "explained", "--note", "n", "--date", "2026-08-02")
    run("issue", "followup", "4", "--satisfaction", "unsatisfied", "--date", "2026-08-03")
    rows = alerts(run, "--as-of", "2026-08-15", "--within", "5")
    assert brief(rows) == [
        ("3", OVERDUE, 3),  # supervised overdue first, whatever its days
        ("1", OVERDUE, 7), ("2", OVERDUE, 7), ("8", OVERDUE, 6),  # most days first, then by number
        ("4", UNSATISFIED, 12),
        ("6", DUE, 4), ("7", DUE, 4), ("5", DUE, 5),  # fewest days left first
    ]  # fmt: skip
    assert rows[0]["supervised"] is True and rows[0]["lead"] == "张县长"
    assert rows[0]["township"] == "baishui"


def test_order_key_is_the_specs() -> None:
    keys = [
        order_key(DUE, 0, False, ("", 1)),
        order_key(OVERDUE, 1, True, ("", 9)),
        order_key(UNSATISFIED, 30, False, ("", 2)),
        order_key(OVERDUE, 5, False, ("", 3)),
    ]
    assert sorted(keys) == [keys[1], keys[3], keys[2], keys[0]]


def test_within_below_zero_is_refused(one) -> None:
    result = one("report", "alerts", "--within", "-1")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1 and "-1" in result.stderr
    assert result.stdout == ""


def test_every_format(one) -> None:
    for fmt in ("table", "csv", "tsv", "markdown", "plain", "html"):
        result = one("--lang", "zh", "report", "alerts", "--as-of", "2026-08-10", "-f", fmt)
        assert result.exit_code == 0, result.stderr
        assert "水泵" in result.stdout
    assert "超期" in one("--lang", "zh", "report", "alerts", "--as-of", "2026-08-10").stdout
    csv = one("report", "alerts", "--as-of", "2026-08-10", "-f", "csv").stdout.splitlines()
    assert csv[0] == "number,alert,days,deadline,title,village,township,owner,lead,supervised"
    assert csv[1] == "1,overdue,2,2026-08-08,水泵,dapo,qinglong,,,false"


# -- hypothesis: later events never change a day's alerts ---------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(0, 1), max_size=10).flatmap(
        lambda ns: st.tuples(*[histories(i + 1) for i in range(len(ns))])
    ),
    st.integers(0, 150),
    st.integers(0, 10),
)
def test_events_after_the_day_never_change_its_alerts(issues, offset: int, within: int) -> None:
    """Judged as of the end of a day, an issue's alert is what its history up to that day says:
    cutting off every later event changes nothing, and the order is the SPEC's."""
    from dataclasses import replace
    from datetime import date, timedelta

    from ledger.alerts import alert_rows

    day = date(2026, 6, 1) + timedelta(days=offset)
    cut = [replace(i, events=tuple(e for e in i.events if e.day <= day)) for i in issues if i.received <= day]
    rows = alert_rows(issues, day, within)
    assert rows == alert_rows(cut, day, within)
    rank = {"overdue": 1, "unsatisfied": 2, "due": 3}
    groups = [rank[r["alert"]] - (r["alert"] == "overdue" and r["supervised"]) for r in rows]
    assert groups == sorted(groups)
    for row in rows:
        if row["alert"] == "due":
            assert 0 <= row["days"] <= within
        elif row["alert"] == "overdue":
            assert row["days"] >= 1

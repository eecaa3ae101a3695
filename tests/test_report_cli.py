"""`report month`, `report overdue` and `report notice` through the CLI, with golden files.

The fixture ledger below is written issue by issue with its history; the March figures are
worked out by hand in `test_month_json_matches_the_hand_worked_figures`. Golden files live in
`tests/golden/<name>.<fmt>`; run with `UPDATE_GOLDEN=1` to rewrite them (then read the diff).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from ledger.issue import Issue
from ledger.store import Ledger

GOLDEN = Path(__file__).parent / "golden"
FORMATS = ["table", "json", "csv", "tsv", "markdown", "plain"]
DEMO = Path(__file__).resolve().parent.parent / "data"


def put_issue(
    ledger: Ledger,
    number: int,
    village: str,
    title: str,
    category: str,
    received: str,
    deadline: str,
    events: list[dict[str, Any]] = (),  # type: ignore[assignment]
    *,
    reporter: dict[str, str] | None = None,
    owner: str | None = "李四",
    private: bool | None = None,
) -> Issue:
    """Write issue `number` with an `opened` event on `received` and the given later events.

    Events are `{"day": "2026-03-10", "action": "closed", …}`; they get noon +08:00. The
    issue's current fields (status, level, deadline, disposition, closed) follow the history.
    """
    history = [{"at": f"{received}T09:00:00+08:00", "by": "测试员", "action": "opened",
                "deadline": deadline} | ({"owner": owner} if owner else {})]  # fmt: skip
    status, level, current, disposition, closed, of, sat = "open", "village", deadline, None, None, None, None
    for event in events:
        event = dict(event)
        day = event.pop("day")
        history.append({"at": f"{day}T12:00:00+08:00", "by": "测试员"} | event)
        action = event["action"]
        if action == "closed":
            status, disposition, closed, of = "closed", event["disposition"], day, event.get("of")
        elif action == "reopened":
            status, disposition, closed, of = "open", None, None, None
        elif action == "escalated":
            level = event["to"]
        elif action == "followed-up":
            sat = event["satisfaction"]
        if "deadline" in event:
            current = event["deadline"]
    issue = Issue(
        number=str(number), title=title, category=category, village=village, received=received,
        reporter=reporter, owner=owner, level=level, status=status, deadline=current,
        private=private, disposition=disposition, duplicate_of=of, closed=closed,
        satisfaction=sat, history=history,
    )  # fmt: skip
    ledger.create(ledger.issue_path(str(number)), issue)
    return issue


def build_fixture(ledger: Ledger) -> Ledger:
    """Eight issues around March 2026 in the conftest county (qinglong: dapo, xiaoshan; baishui: shuijing)."""
    put_issue(ledger, 1, "dapo", "村口路灯不亮", "hardship", "2026-02-10", "2026-02-17", [
        {"day": "2026-02-15", "action": "closed", "disposition": "resolved", "note": "已修好"},
        {"day": "2026-03-02", "action": "followed-up", "satisfaction": "satisfied"},
    ], reporter={"name": "张三"})  # fmt: skip
    put_issue(ledger, 2, "dapo", "灌溉水渠堵塞", "shortfall", "2026-02-20", "2026-02-27", [
        {"day": "2026-02-25", "action": "escalated", "from": "village", "to": "township",
         "reason": "需要乡里协调", "deadline": "2026-03-12", "owner": "王镇长"},
        {"day": "2026-03-10", "action": "closed", "disposition": "resolved", "note": "已疏通"},
    ], reporter={"name": "李大柱", "phone": "13712345678"})  # fmt: skip
    put_issue(ledger, 3, "dapo", "王小明家屋顶漏雨，联系电话13912345678", "hardship", "2026-03-03",
              "2026-03-10",
              reporter={"name": "王小明", "phone": "13912345678", "household": "3组"})  # fmt: skip
    put_issue(ledger, 4, "dapo", "村干部办事推诿", "conduct", "2026-03-05", "2026-03-12",
              reporter={"name": "赵六", "phone": "0871-12345678"})  # fmt: skip
    put_issue(ledger, 5, "xiaoshan", "再次反映屋顶漏雨", "suggestion", "2026-03-08", "2026-03-15", [
        {"day": "2026-03-12", "action": "closed", "disposition": "duplicate", "of": "3", "note": "同 3 号"},
    ])  # fmt: skip
    put_issue(ledger, 6, "shuijing", "低保申请进度", "hardship", "2026-01-20", "2026-01-27", [
        {"day": "2026-02-01", "action": "closed", "disposition": "explained", "note": "已解释政策"},
        {"day": "2026-03-04", "action": "reopened", "reason": "材料补齐", "deadline": "2026-03-11"},
        {"day": "2026-03-20", "action": "closed", "disposition": "resolved", "note": "已办理"},
        {"day": "2026-03-25", "action": "followed-up", "satisfaction": "basically"},
    ], reporter={"name": "孙七"})  # fmt: skip
    put_issue(ledger, 7, "shuijing", "身份证530102199003071234补办", "hardship", "2026-03-28", "2026-04-04",
              reporter={"name": "欧阳娜娜", "phone": "15887654321"})  # fmt: skip
    put_issue(ledger, 8, "dapo", "四月的新问题", "hardship", "2026-04-02", "2026-04-09")
    return ledger


@pytest.fixture
def fixture_run(ledger, run):
    build_fixture(ledger)
    return run


def golden(name: str, fmt: str, text: str) -> None:
    path = GOLDEN / f"{name}.{fmt}"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


# -- report month ----------------------------------------------------------------------------


def test_month_json_matches_the_hand_worked_figures(fixture_run) -> None:
    result = fixture_run("report", "month", "2026-03", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["month"] == "2026-03"
    assert data["as_of"] == "2026-03-31"
    rows = {r["township"]: r for r in data["rows"]}
    assert list(rows) == ["baishui", "qinglong"]

    def nonzero(r: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in r.items() if isinstance(v, int) and not isinstance(v, bool) and v}

    # qinglong: #2 carried over, closed 3-10 at township by its 3-12 deadline; #3, #4, #5 new;
    # #5 closed 3-12 as a duplicate (on time); #3 (deadline 3-10) and #4 (3-12) open and overdue;
    # #1 followed up (satisfied) in March; #8 is April's.
    assert nonzero(rows["qinglong"]) == {
        "carried_over": 1, "new": 3, "closed": 2, "open_end": 2, "overdue_end": 2, "closed_on_time": 2,
        "resolved": 1, "duplicate": 1, "closed_at_village": 1, "closed_at_township": 1,
        "followups": 1, "satisfied": 1,
    }  # fmt: skip
    assert rows["qinglong"]["close_rate"] == 0.5
    assert rows["qinglong"]["on_time_rate"] == 1.0
    assert rows["qinglong"]["satisfaction_rate"] == 1.0
    # baishui: #6 closed in February, reopened 3-04 (deadline 3-11), closed late 3-20; #7 new.
    assert nonzero(rows["baishui"]) == {
        "new": 1, "reopened": 1, "closed": 1, "open_end": 1, "resolved": 1, "closed_at_village": 1,
        "followups": 1, "basically": 1,
    }  # fmt: skip
    assert rows["baishui"]["on_time_rate"] == 0.0
    total = data["total"]
    assert total["township"] == "total"
    assert (total["carried_over"], total["new"], total["reopened"], total["closed"], total["open_end"]) == (
        1, 4, 1, 3, 3,
    )  # fmt: skip
    assert total["close_rate"] == 0.5
    assert total["on_time_rate"] == 2 / 3


def test_month_table_shows_percentages_and_dashes(fixture_run) -> None:
    result = fixture_run("report", "month", "2026-01")
    assert result.exit_code == 0, result.output
    # January: #6 new and open, nothing closed: close rate 0.0%, the other rates undefined.
    line = next(ln for ln in result.stdout.splitlines() if "Close rate" in ln)
    assert "0.0%" in line
    line = next(ln for ln in result.stdout.splitlines() if "On-time rate" in ln)
    assert "—" in line
    csv_out = fixture_run("report", "month", "2026-01", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(csv_out)))
    assert rows[0]["township"] == "baishui"
    assert rows[0]["close_rate"] == "0.0"
    assert rows[0]["on_time_rate"] == ""


def test_month_township_filter(fixture_run) -> None:
    result = fixture_run("report", "month", "2026-03", "--township", "baishui", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["township"] for r in data["rows"]] == ["baishui"]
    assert data["total"]["new"] == 1


def test_month_in_chinese(fixture_run) -> None:
    result = fixture_run("--lang", "zh", "report", "month", "2026-03")
    assert result.exit_code == 0, result.output
    assert "办结率" in result.stdout
    assert "合计" in result.stdout


@pytest.mark.parametrize("month", ["2026-13", "2026-3-1", "March", "2026-00", "0000-05", "0001-01", "9999-1"])
def test_bad_month_is_a_usage_error(fixture_run, month) -> None:
    result = fixture_run("report", "month", month)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: the month must look like 2026-03")


def test_unknown_township_is_refused(fixture_run) -> None:
    result = fixture_run("report", "month", "2026-03", "--township", "nowhere")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: no township 'nowhere'"
    assert result.stdout == ""


def test_reports_on_an_empty_ledger(run) -> None:
    result = run("report", "month", "2026-03", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"]["close_rate"] is None
    assert all(r["new"] == 0 for r in data["rows"])
    assert json.loads(run("report", "overdue", "--format", "json").stdout) == []


# -- report overdue --------------------------------------------------------------------------


def test_overdue_as_of_a_day(fixture_run) -> None:
    result = fixture_run("report", "overdue", "--as-of", "2026-03-31", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    # #3 deadline 3-10 (21 days), #4 deadline 3-12 (19 days); #7's deadline 4-04 is ahead.
    assert [(r["number"], r["days_overdue"]) for r in rows] == [("3", 21), ("4", 19)]


def test_overdue_defaults_to_today(fixture_run, monkeypatch) -> None:
    monkeypatch.setenv("CASELEDGER_NOW", "2026-03-11T10:00:00+08:00")
    rows = json.loads(fixture_run("report", "overdue", "--format", "json").stdout)
    # As of 3-11: #3 (3-10) is 1 day over; #6 reopened with deadline 3-11 is not yet.
    assert [(r["number"], r["days_overdue"]) for r in rows] == [("3", 1)]


def test_overdue_bad_date_is_a_usage_error(fixture_run) -> None:
    result = fixture_run("report", "overdue", "--as-of", "2026-02-30")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --as-of must be a date")


# -- report notice (leaks are tested in test_notice.py) ------------------------------------------


def test_notice_lists_public_open_and_recently_closed(fixture_run) -> None:
    result = fixture_run("report", "notice", "--village", "dapo", "--as-of", "2026-03-31", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # #1 closed 2-15 (more than 30 days before), #4 private, #8 not yet received.
    assert [r["number"] for r in data["issues"]] == ["2", "3"]
    assert data["as_of"] == "2026-03-31"
    assert data["village"] == "dapo"


def test_notice_unknown_village_is_refused(fixture_run) -> None:
    result = fixture_run("report", "notice", "--village", "nowhere")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: no village 'nowhere'"


def test_notice_needs_a_village(fixture_run) -> None:
    assert fixture_run("report", "notice").exit_code == 2


def test_every_report_has_help_with_an_example(run) -> None:
    for command in ("month", "overdue", "notice"):
        result = run("report", command, "--help")
        assert result.exit_code == 0
        assert "caseledger report " + command in result.stdout


# -- golden files: the fixture ledger ----------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden_fixture_reports(fixture_run, fmt) -> None:
    for name, args in [
        ("fixture-month-2026-03", ["report", "month", "2026-03"]),
        ("fixture-overdue-2026-03-31", ["report", "overdue", "--as-of", "2026-03-31"]),
        ("fixture-notice-shuijing-2026-03-31",
         ["report", "notice", "--village", "shuijing", "--as-of", "2026-03-31"]),
    ]:  # fmt: skip
        result = fixture_run(*args, "--format", fmt)
        assert result.exit_code == 0, result.output
        golden(name, fmt, result.stdout)


# -- golden files: the demo ledger ---------------------------------------------------------------


def demo_issue_count() -> int:
    base = DEMO / "issues"
    return sum(1 for _ in base.rglob("*.yaml")) if base.is_dir() else 0


# The demo ledger (scripts/make_demo.py) runs July–November 2026 with its clock at 2026-11-20:
# October is its latest complete month. Its tonghongdian column for October was checked by
# hand against the issue histories (7 carried, 3 new, #67, #69 and #92 closed, 6 overdue at end).
DEMO_REPORTS: list[tuple[str, list[str]]] = [
    ("demo-month-2026-10", ["report", "month", "2026-10"]),
    ("demo-overdue-2026-11-20", ["report", "overdue", "--as-of", "2026-11-20"]),
    ("demo-notice-huaxi-2026-11-20", ["report", "notice", "--village", "huaxi", "--as-of", "2026-11-20"]),
]


@pytest.mark.skipif(demo_issue_count() == 0, reason="the demo ledger data/ has no issues yet")
@pytest.mark.parametrize("fmt", FORMATS)
def test_golden_demo_reports(tmp_path, fmt) -> None:
    from conftest import Run

    root = tmp_path / "data"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns(".caseledger"))
    run = Run(root)
    for name, args in DEMO_REPORTS:
        result = run(*args, "--format", fmt)
        assert result.exit_code == 0, result.output
        golden(name, fmt, result.stdout)


@pytest.mark.skipif(demo_issue_count() == 0, reason="the demo ledger data/ has no issues yet")
def test_demo_october_by_hand(tmp_path) -> None:
    """The tonghongdian row of October, worked out from the demo histories.

    Open on 9-30: #12, #18 (reopened 8-30), #29, #48, and three raised on visits to 岩箐村: #84
    (8-03), #91 (9-14, escalated 9-15, deadline 9-30), #92 (9-26) → carried 7. Received in
    October: #67, #69, #76. #67 closed 10-16 (explained, by its 10-20 deadline; its reopen is
    November's), #69 closed 10-23 at township (resolved, by its escalated 11-02 deadline), #92
    closed 10-04 at village (resolved, a day after its 10-03 deadline: late). Open at end: #12,
    #18, #29, #48, #84, #91 (all past their deadlines) and #76 (deadline 11-04; its county
    escalation is November's). One follow-up (#69, satisfied, 10-28).
    """
    from conftest import Run

    root = tmp_path / "data"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns(".caseledger"))
    result = Run(root)("report", "month", "2026-10", "--township", "tonghongdian", "--format", "json")
    row = json.loads(result.stdout)["rows"][0]
    assert {k: v for k, v in row.items() if isinstance(v, int) and v} == {
        "carried_over": 7, "new": 3, "closed": 3, "open_end": 7, "overdue_end": 6, "closed_on_time": 2,
        "resolved": 2, "explained": 1, "closed_at_village": 2, "closed_at_township": 1,
        "followups": 1, "satisfied": 1,
    }  # fmt: skip
    assert row["close_rate"] == 3 / 10


# -- empty results say so -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "command, en, zh",
    [
        (("report", "overdue", "--as-of", "2026-03-31"), "No overdue issues.", "无超期问题。"),
        (("issue", "list"), "No issues match.", "没有符合条件的问题。"),
        (("report", "notice", "--village", "dapo", "--as-of", "2026-03-31"), "Nothing to post", "暂无可公示"),
    ],
)
def test_an_empty_result_says_so_on_the_terminal_table(run, command, en, zh) -> None:
    for lang, words in (("en", en), ("zh", zh)):
        result = run("--lang", lang, *command)
        assert result.exit_code == 0, result.output
        assert words in result.stdout
        assert "┏" not in result.stdout  # no box of headers over nothing


@pytest.mark.parametrize("command", [("report", "overdue", "--as-of", "2026-03-31"), ("issue", "list")])
def test_an_empty_result_stays_machine_readable(run, command) -> None:
    assert json.loads(run(*command, "--format", "json").stdout) == []
    for fmt in ("csv", "tsv"):
        out = run("--lang", "zh", *command, "--format", fmt).stdout
        assert out.splitlines()[0].startswith("number")  # the header row, keys
        assert len(out.splitlines()) == 1
        assert "无超期" not in out and "没有" not in out

"""Hand-edited issue files against every reader: either `check` names the file, or every reader
(issue show, issue list, list --overdue, report overdue, report month, report notice), with the
index cold, warm and switched off, says what `ledger.state` makes of the file's history.

The files are made the way a clerk's editor leaves them: a history of random actions on random
days (not only the orders the lifecycle allows), and summary keys (`status`, `level`,
`deadline`, `owner`, …) that usually say what the history says and sometimes do not.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from caseledger.cli import app
from ledger.issue import Event
from ledger.places import add_township, add_village
from ledger.setup import init_ledger
from ledger.state import SUMMARY_KEYS, State, state_at
from ledger.yamlio import dump

TODAY = date(2026, 12, 5)
VILLAGES = {"dapo": "qinglong", "xiaoshan": "qinglong", "shuijing": "baishui"}
REL = "issues/000/1.yaml"
MODES = ("cold", "warm", "none")
# What `issue show -f json` is held to: every summary key a hand edit may get wrong.
SHOWN = ("status", "level", "owner", "closed", "disposition", "satisfaction", "supervised", "lead")
# The summary keys a hand edit may get wrong, and wrong values it may write.
WRONG: dict[str, Any] = {
    "status": st.sampled_from(["open", "closed"]),
    "level": st.sampled_from(["village", "township", "county"]),
    "deadline": st.dates(date(2026, 8, 1), date(2027, 3, 1)),
    "owner": st.sampled_from(["王主任", "李书记"]) | st.none(),
    "closed": st.dates(date(2026, 8, 1), date(2026, 12, 5)) | st.none(),
    "disposition": st.sampled_from(["resolved", "explained", "withdrawn"]) | st.none(),
    "satisfaction": st.sampled_from(["satisfied", "unsatisfied"]) | st.none(),
    "supervised": st.booleans(),
    "lead": st.sampled_from(["县长", "副县长"]) | st.none(),
}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ledger = init_ledger(tmp_path_factory.mktemp("agree") / "ledger", "测试县民情台账")
    add_township(ledger, "qinglong", "青龙镇", actor="测试员")
    add_township(ledger, "baishui", "白水乡", actor="测试员")
    for code, (name, town) in {"dapo": ("大坡村", "qinglong"), "xiaoshan": ("小山社区", "qinglong")}.items():
        add_village(ledger, code, name, town, actor="测试员")
    add_village(ledger, "shuijing", "水井村", "baishui", actor="测试员")
    return ledger.root


_ACTIONS = ["escalated", "assigned", "extended", "noted", "closed", "reopened", "followed-up", "supervised"]


@st.composite
def histories(draw) -> tuple[date, list[dict[str, Any]]]:
    received = date(2026, 9, 1) + timedelta(days=draw(st.integers(0, 70)))
    offset = draw(st.sampled_from(["+08:00", "+00:00"]))

    def at(day: date, n: int) -> str:
        return f"{day.isoformat()}T{9 + n // 60:02d}:{n % 60:02d}:00{offset}"

    opened: dict[str, Any] = {
        "at": at(received, 0),
        "by": "测试员",
        "action": "opened",
        "deadline": received + timedelta(days=draw(st.integers(0, 20))),
    }
    if draw(st.booleans()):
        opened["owner"] = draw(st.sampled_from(["张继红", "县水务局"]))
    if draw(st.integers(0, 4)) == 0:
        opened["level"] = "township"
    events = [opened]
    day = received
    for n, action in enumerate(draw(st.lists(st.sampled_from(_ACTIONS), max_size=7)), start=1):
        day = min(day + timedelta(days=draw(st.integers(0, 12))), TODAY)
        event: dict[str, Any] = {"at": at(day, n), "by": "测试员", "action": action}
        later = day + timedelta(days=draw(st.integers(0, 30)))
        if action == "escalated":
            to = draw(st.sampled_from(["township", "county"]))
            event |= {"from": "village" if to == "township" else "township", "to": to, "reason": "办不了"}
            event["deadline"] = later
            if draw(st.booleans()):
                event["owner"] = draw(st.sampled_from(["乡长", "县交通局"]))
        elif action == "assigned":
            event["owner"] = draw(st.sampled_from(["乡长", "李四"]))
        elif action == "extended":
            event |= {"deadline": later, "reason": "等配件"}
        elif action == "noted":
            event["note"] = "再次走访"
        elif action == "closed":
            event |= {
                "disposition": draw(st.sampled_from(["resolved", "explained", "referred"])),
                "note": "办结",
            }
        elif action == "reopened":
            event |= {"reason": "又坏了", "deadline": later}
        elif action == "followed-up":
            event["satisfaction"] = draw(st.sampled_from(["satisfied", "basically", "unsatisfied"]))
        elif action == "supervised":
            event |= {"lead": draw(st.sampled_from(["县长", "副县长"])), "reason": "挂牌督办"}
            if draw(st.booleans()):
                event["deadline"] = later
        events.append(event)
    return received, events


@st.composite
def hand_edited(draw) -> tuple[dict[str, Any], State]:
    received, events = draw(histories())
    truth = state_at([Event.model_validate(e) for e in events], received)
    summary = {key: getattr(truth, key) for key in SUMMARY_KEYS if key in WRONG}
    for key in draw(st.lists(st.sampled_from(sorted(WRONG)), max_size=2, unique=True)):
        summary[key] = draw(WRONG[key])
    summary = {k: v for k, v in summary.items() if v is not None and v is not False}
    village = draw(st.sampled_from(sorted(VILLAGES)))
    data = {
        "number": "1",
        "title": "饮水井水泵损坏",
        "category": draw(st.sampled_from(["hardship", "conduct", "suggestion"])),
        "village": village,
        "source": "visit",
        "received": received,
        "reporter": {"name": "王大妈"},
        "level": summary.pop("level", "village"),
        "status": summary.pop("status", "open"),
        "deadline": summary.pop("deadline", received),
        **summary,
        "history": events,
    }
    return data, truth


def _json(args: list[str], root: Path, mode: str) -> Any:
    env = {
        "CASELEDGER_NOW": f"{TODAY.isoformat()}T12:00:00+08:00",
        "CASELEDGER_NO_INDEX": "1" if mode == "none" else None,
    }
    if mode == "cold":
        shutil.rmtree(root / ".caseledger", ignore_errors=True)
    result = CliRunner().invoke(
        app, ["-C", str(root), *args, "--format", "json"], env=env, catch_exceptions=False
    )
    assert result.exit_code == 0, (args, mode, result.output)
    return json.loads(result.stdout)


def _alert_rows(data: dict[str, Any], now: State, day: date, within: int, township: str) -> list[Any]:
    """`report alerts`' JSON for the one issue in `now` (its state at the end of `day`), as
    SPEC §9 words the alerts."""
    if now.open and now.deadline is not None and now.deadline < day:
        alert, days = "overdue", (day - now.deadline).days
    elif now.open and now.deadline is not None and 0 <= (now.deadline - day).days <= within:
        alert, days = "due", (now.deadline - day).days
    elif now.exists and not now.open and now.followup is not None and now.satisfaction == "unsatisfied":
        alert, days = "unsatisfied", (day - now.followup.day).days
    else:
        return []
    deadline = now.deadline.isoformat() if now.deadline is not None else None
    row = {"number": "1", "village": data["village"], "township": township, "title": data["title"],
           "owner": now.owner, "lead": now.lead, "supervised": now.supervised, "deadline": deadline,
           "alert": alert, "days": days}  # fmt: skip
    return [row]


def _named_by_check(root: Path) -> bool:
    result = CliRunner().invoke(app, ["-C", str(root), "check", "--format", "json"], catch_exceptions=False)
    return any(problem["file"] == REL for problem in json.loads(result.stdout)["problems"])


def _month_expected(events: list[Event], received: date, first: date, last: date) -> dict[str, int]:
    start = state_at(events, received, first - timedelta(days=1))
    end = state_at(events, received, last)
    close = end.last_close
    closed = int(end.exists and not end.open and close is not None and first <= close.day <= last)
    return {
        "carried_over": int(start.open),
        "new": int(first <= received <= last),
        "open_end": int(end.open),
        "overdue_end": int(end.open and end.deadline is not None and end.deadline < last),
        "closed": closed,
        "closed_on_time": int(bool(closed) and close is not None and close.day <= (close.deadline or last)),
        "followups": sum(e.action == "followed-up" and first <= e.day <= last for e in events),
    }


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    # No shrinking: an example runs ~20 commands, and shrinking one took over five minutes; the
    # failure message prints the whole file as it was made.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(
    edit=hand_edited(),
    as_of_shift=st.integers(-5, 100),
    month=st.sampled_from(["2026-09", "2026-10", "2026-11"]),
    within=st.integers(0, 10),
)
def test_check_names_the_file_or_every_reader_agrees_with_the_state(
    base: Path, edit: tuple[dict[str, Any], State], as_of_shift: int, month: str, within: int
) -> None:
    data, truth = edit
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "ledger"
        shutil.copytree(base, root)
        path = root / REL
        path.parent.mkdir(parents=True)
        path.write_text(dump(data), encoding="utf-8")
        wrong = any(data.get(key, _absent(key)) != getattr(truth, key) for key in WRONG)
        if _named_by_check(root):
            return
        assert not wrong, "check let a summary key disagree with the history"
        _every_reader_agrees(root, data, truth, as_of_shift, month, within)


def _absent(key: str) -> Any:
    return False if key == "supervised" else None


def _every_reader_agrees(
    root: Path, data: dict[str, Any], truth: State, as_of_shift: int, month: str, within: int
) -> None:
    events = [Event.model_validate(e) for e in data["history"]]
    received: date = data["received"]
    as_of = min(received + timedelta(days=as_of_shift), TODAY)
    then = state_at(events, received, as_of)
    today = state_at(events, received, TODAY)
    first = date.fromisoformat(month + "-01")
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    month_want = _month_expected(events, received, first, last)
    township = VILLAGES[data["village"]]
    private = data["category"] == "conduct"
    since = as_of - timedelta(days=30)
    on_board = (
        not private
        and then.exists
        and (then.open or (then.last_close is not None and then.last_close.day >= since))
    )
    seen: dict[str, list[Any]] = {}
    for mode in MODES:
        shown = _json(["issue", "show", "1"], root, mode)
        listed = _json(["issue", "list", "--status", "all"], root, mode)
        late = _json(["issue", "list", "--overdue"], root, mode)
        overdue = _json(["report", "overdue", "--as-of", as_of.isoformat()], root, mode)
        ahead = ["--as-of", as_of.isoformat(), "--within", str(within)]
        alerts = _json(["report", "alerts", *ahead], root, mode)
        alerts_today = _json(["report", "alerts"], root, mode)
        report = _json(["report", "month", month], root, mode)
        board = _json(
            ["report", "notice", "--village", data["village"], "--as-of", as_of.isoformat()], root, mode
        )
        seen[mode] = [shown, listed, late, overdue, alerts, alerts_today, report, board]

        for key in SHOWN:
            want = getattr(truth, key)
            assert shown.get(key, _absent(key)) == (want.isoformat() if isinstance(want, date) else want), (
                key,
                mode,
                data,
            )
        assert shown["deadline"] == truth.deadline.isoformat()
        (row,) = listed
        assert (row["status"], row["level"], row["deadline"], row["owner"]) == (
            truth.status,
            truth.level,
            truth.deadline.isoformat(),
            truth.owner,
        )
        assert bool(late) == (today.open and today.deadline < TODAY), mode
        assert bool(overdue) == (then.open and then.deadline < as_of), mode
        if overdue:
            assert overdue[0]["days_overdue"] == (as_of - then.deadline).days
            assert (overdue[0]["level"], overdue[0]["deadline"]) == (then.level, then.deadline.isoformat())
        for rows, day, state, ahead in ((alerts, as_of, then, within), (alerts_today, TODAY, today, 3)):
            assert rows == _alert_rows(data, state, day, ahead, township), (mode, day, ahead)
        town = next(r for r in report["rows"] if r["township"] == township)
        assert {key: town[key] for key in month_want} == month_want, mode
        assert bool(board["issues"]) == on_board, mode
        if on_board:
            assert board["issues"][0]["status"] == then.status
    assert seen["cold"] == seen["warm"] == seen["none"]

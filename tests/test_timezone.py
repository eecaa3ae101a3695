"""The ledger's time zone (SPEC §3 `timezone`) and the checks issue 12 asked for: an event dated
before the issue was received, and record files that differ from git's last commit in an
autocommit ledger."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from ledger.checks import check_ledger
from ledger.dates import event_time, offset_text, parse_offset
from ledger.lifecycle import close, open_issue
from ledger.places import add_township, add_village
from ledger.setup import init_ledger
from ledger.store import Ledger
from ledger.yamlio import load_plain


@pytest.fixture
def machine_tz(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Set the machine's zone (TZ) for one test; conftest's Asia/Shanghai comes back after."""

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


def small(folder: Path, **kwargs: object) -> Ledger:
    ledger = init_ledger(folder, "测试县民情台账", **kwargs)  # type: ignore[arg-type]
    add_township(ledger, "qinglong", "青龙镇", actor="县里")
    add_village(ledger, "dapo", "大坡村", "qinglong", actor="县里")
    return Ledger(ledger.root)


@pytest.mark.parametrize(
    ("text", "minutes"), [("+08:00", 480), ("-03:30", -210), ("+00:00", 0), ("+05:45", 345), ("-12:00", -720)]
)
def test_offsets_read(text: str, minutes: int) -> None:
    zone = parse_offset(text)
    moment = datetime(2026, 3, 5, 12, tzinfo=zone)
    assert moment.utcoffset() == timedelta(minutes=minutes)
    assert offset_text(moment) == text


@pytest.mark.parametrize("text", ["+8", "UTC+8", "Asia/Shanghai", "+0800", "+15:00", "+08:10", "08:00", ""])
def test_offsets_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"\+08:00"):
        parse_offset(text)


@pytest.mark.parametrize(
    ("tz", "expected"), [("UTC", "+00:00"), ("Asia/Shanghai", "+08:00"), ("America/Caracas", "-04:00")]
)
def test_init_sets_the_timezone_from_the_machine(machine_tz, tmp_path: Path, tz: str, expected: str) -> None:
    machine_tz(tz)
    ledger = init_ledger(tmp_path / "l", "测试县民情台账")
    assert load_plain((ledger.root / "ledger.yaml").read_text(encoding="utf-8"))["timezone"] == expected
    assert Ledger(ledger.root).settings.timezone == expected


def test_a_bad_timezone_in_ledger_yaml_is_named_by_check(tmp_path: Path) -> None:
    ledger = small(tmp_path / "l")
    settings = ledger.root / "ledger.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("+08:00", "Asia/Shanghai"), encoding="utf-8"
    )
    problems = check_ledger(Ledger(ledger.root))
    assert [p.file for p in problems] == ["ledger.yaml"]
    assert "+08:00" in problems[0].message()


def test_events_are_written_in_the_ledgers_zone_whatever_the_machines(
    machine_tz, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Issue 12's case: opened on a UTC+8 machine, closed 30 minutes later on a UTC machine."""
    ledger = small(tmp_path / "l")  # made on a +08:00 machine (conftest)
    assert ledger.settings.timezone == "+08:00"
    monkeypatch.setenv("CASELEDGER_NOW", "2026-03-05T07:10:00+08:00")
    number = open_issue(ledger, village="dapo", title="路灯坏了", category="hardship", actor="甲").number
    machine_tz("UTC")
    monkeypatch.setenv("CASELEDGER_NOW", "2026-03-04T23:40:00+00:00")  # the same morning, in UTC
    closed = close(Ledger(ledger.root), number, disposition="resolved", note="修好了", actor="乙")
    assert [e.at.isoformat() for e in closed.history] == [
        "2026-03-05T07:10:00+08:00",
        "2026-03-05T07:40:00+08:00",
    ]
    assert closed.closed.isoformat() == "2026-03-05"
    assert check_ledger(Ledger(ledger.root)) == []
    # A --date as a clerk types it on the UTC machine is read in the ledger's zone, and one with
    # another offset is written in the ledger's.
    zone = parse_offset("+08:00")
    assert event_time("2026-03-05T07:20", None, zone=zone).isoformat() == "2026-03-05T07:20:00+08:00"
    assert event_time("2026-03-04T23:30:00+00:00", None, zone=zone).isoformat() == "2026-03-05T07:30:00+08:00"
    assert event_time("2026-03-03", None, zone=zone).isoformat() == "2026-03-03T12:00:00+08:00"


def test_a_ledger_without_timezone_keeps_the_machines_offset(
    machine_tz, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ledger = small(tmp_path / "l")
    settings = ledger.root / "ledger.yaml"
    text = settings.read_text(encoding="utf-8")
    assert "\ntimezone: '+08:00'\n" in text
    settings.write_text(text.replace("timezone: '+08:00'\n", ""), encoding="utf-8")
    machine_tz("UTC")
    monkeypatch.setenv("CASELEDGER_NOW", "2026-03-04T23:40:00+00:00")
    issue = open_issue(Ledger(ledger.root), village="dapo", title="路灯", category="hardship", actor="甲")
    assert issue.history[0].at.isoformat() == "2026-03-04T23:40:00+00:00"


def test_check_flags_an_event_dated_before_received(tmp_path: Path) -> None:
    ledger = small(tmp_path / "l")
    opened = "2026-03-05T07:10:00+08:00"
    number = open_issue(
        ledger, village="dapo", title="路灯", category="hardship", actor="甲", date=opened
    ).number
    close(ledger, number, disposition="resolved", note="修好了", actor="乙", date="2026-03-05T07:40:00+08:00")
    assert check_ledger(Ledger(ledger.root)) == []
    # What a UTC machine wrote before the timezone setting: the close is "on the 4th".
    path = ledger.root / "issues" / "000" / "1.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("at: '2026-03-05T07:40:00+08:00'", "at: '2026-03-04T23:40:00+00:00'")
    text = text.replace("closed: 2026-03-05", "closed: 2026-03-04")
    path.write_text(text, encoding="utf-8")
    problems = check_ledger(Ledger(ledger.root))
    assert [(p.file, p.key) for p in problems] == [("issues/000/1.yaml", "check.event_before_received")]
    line = text.splitlines().index("  - at: '2026-03-04T23:40:00+00:00'") + 1
    assert problems[0].line == line
    assert "2026-03-05" in problems[0].message() and "2026-03-05" in problems[0].message("zh")


def git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True)
    return result.stdout


def test_check_names_record_files_that_differ_from_git_in_an_autocommit_ledger(tmp_path: Path) -> None:
    ledger = small(tmp_path / "l", git=True)
    settings = ledger.root / "ledger.yaml"
    open_issue(ledger, village="dapo", title="路灯", category="hardship", actor="甲", commit=True)
    git(ledger.root, "add", "-A")
    git(ledger.root, "commit", "-q", "-m", "places")
    issue = ledger.root / "issues" / "000" / "1.yaml"
    issue.write_text(issue.read_text(encoding="utf-8").replace("路灯", "路灯坏了"), encoding="utf-8")
    stray = ledger.root / "villages" / "xinzhuang.yaml"
    stray.write_text("code: xinzhuang\nname: 新庄村\ntownship: qinglong\nkind: village\n", encoding="utf-8")
    # autocommit off: files being ahead of git is the normal way of working.
    assert check_ledger(Ledger(ledger.root)) == []
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("autocommit: false", "autocommit: true"),
        encoding="utf-8",
    )
    git(ledger.root, "commit", "-q", "-m", "autocommit on", "--", "ledger.yaml")
    git(ledger.root, "add", "villages/xinzhuang.yaml")  # staged but not committed: still differs
    problems = check_ledger(Ledger(ledger.root))
    assert [(p.file, p.line, p.key) for p in problems] == [
        ("issues/000/1.yaml", 1, "check.uncommitted"),
        ("villages/xinzhuang.yaml", 1, "check.uncommitted"),
    ]
    assert "git checkout -- issues/000/1.yaml" in problems[0].message()
    git(ledger.root, "commit", "-q", "-am", "by hand")
    assert check_ledger(Ledger(ledger.root)) == []


def test_init_git_makes_the_branch_main_whatever_gits_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "init.defaultBranch")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", "trunk")
    other = tmp_path / "plain"
    subprocess.run(["git", "init", "-q", str(other)], check=True)
    assert git(other, "symbolic-ref", "--short", "HEAD").strip() == "trunk"  # the default is in force
    ledger = init_ledger(tmp_path / "l", "测试县民情台账", git=True)
    assert git(ledger.root, "symbolic-ref", "--short", "HEAD").strip() == "main"
    assert git(ledger.root, "log", "--format=%s").strip() == "init: 测试县民情台账"


def test_today_is_the_ledgers_day_for_every_reader(tmp_path: Path, machine_tz, monkeypatch) -> None:
    """At 20:00 UTC on 5 March it is already 6 March in a +08:00 ledger: issue list --overdue,
    report overdue, report alerts and the board all judge as of the ledger's day, whatever the
    machine's zone."""
    import json

    from typer.testing import CliRunner

    from caseledger.cli import app

    machine_tz("UTC")
    ledger = small(tmp_path / "l", timezone="+08:00")
    open_issue(ledger, village="dapo", title="水泵", category="hardship", date="2026-02-20",
               deadline=datetime(2026, 3, 5).date(), actor="x")  # fmt: skip
    monkeypatch.setenv("CASELEDGER_NOW", "2026-03-05T20:00:00+00:00")
    assert Ledger(ledger.root).today().isoformat() == "2026-03-06"

    def run(*args: str) -> object:
        result = CliRunner().invoke(app, ["-C", str(ledger.root), *args, "--format", "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert [row["number"] for row in run("issue", "list", "--overdue")] == ["1"]
    (row,) = run("report", "overdue")
    assert row["days_overdue"] == 1  # 6 March, not 5 March (where it would not be overdue)
    assert [r["alert"] for r in run("report", "alerts")] == ["overdue"]
    assert run("report", "notice", "--village", "dapo")["as_of"] == "2026-03-06"

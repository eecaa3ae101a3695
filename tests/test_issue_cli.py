"""`caseledger issue …` through the CLI: each command's happy path, each refusal of issue 3
(exit code, one `error:` line, nothing written), the exact stdout of `issue open`, prompts,
and `--commit`."""

from __future__ import annotations

import json
import subprocess

import pytest

from ledger.places import add_township, add_village
from ledger.setup import init_ledger

NOW = "2026-03-20T10:00:00+08:00"


@pytest.fixture(autouse=True)
def _pinned_now(monkeypatch) -> None:
    monkeypatch.setenv("CASELEDGER_NOW", NOW)


def open_one(run, *extra: str) -> str:
    result = run("issue", "open", "--village", "dapo", "--title", "饮水井水泵损坏", "--category", "实际困难",
                 "--date", "2026-03-01", *extra)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def refused(result, before, after, code: int = 1) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert after == before
    return lines[0]


def test_open_prints_the_number_alone(run) -> None:
    result = run("issue", "open", "--village", "dapo", "--title", "路灯不亮", "--category", "hardship")
    assert (result.exit_code, result.stdout) == (0, "1\n")
    result = run("issue", "open", "--village", "dapo", "--title", "路灯不亮", "--category", "hardship")
    assert result.stdout == "2\n"


def test_open_prints_the_prefixed_number(run, monkeypatch) -> None:
    monkeypatch.setenv("CASELEDGER_OFFICE", "QL")
    result = run("issue", "open", "--village", "dapo", "--title", "路灯不亮", "--category", "hardship")
    assert (result.exit_code, result.stdout) == (0, "QL-1\n")


def test_open_json_is_the_record(run) -> None:
    result = run("issue", "open", "--village", "dapo", "--title", "路灯不亮", "--category", "作风",
                 "--reporter", "张三", "--topic", "照明", "--topic", "安全", "--format", "json")  # fmt: skip
    data = json.loads(result.stdout)
    assert (data["number"], data["township"], data["category"], data["private"]) == (
        "1",
        "qinglong",
        "conduct",
        True,
    )
    assert data["topics"] == ["照明", "安全"]
    assert data["reporter"]["name"] == "张三"
    assert data["history"][0]["action"] == "opened"


def test_open_without_terminal_names_missing_options(run, ledger, snapshot) -> None:
    before = snapshot(ledger.root)
    result = run("issue", "open", "--category", "hardship")
    line = refused(result, before, snapshot(ledger.root), code=2)
    assert line == "error: missing option(s): --village, --title"


def test_open_prompts_on_a_terminal(run, monkeypatch) -> None:
    monkeypatch.setattr("caseledger.commands.issue.interactive", lambda: True)
    result = run("issue", "open", "--category", "hardship", input="dapo\n饮水井水泵损坏\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "1\n"  # the number alone: the questions go to stderr
    assert "Village (code or name)" in result.stderr
    shown = run("issue", "show", "1", "--format", "json")
    assert json.loads(shown.stdout)["title"] == "饮水井水泵损坏"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--village", "nowhere"], "no village 'nowhere'"),
        (["--category", "roads"], "'roads' is not a category"),
        (["--source", "tv"], "'tv' is not a source"),
        (["--date", "2026-03-21"], "in the future"),
    ],
)
def test_open_refusals(run, ledger, snapshot, args, needle) -> None:
    base = {"--village": "dapo", "--title": "路灯不亮", "--category": "hardship"}
    base.update(dict(zip(args[::2], args[1::2], strict=True)))
    argv = [x for pair in base.items() for x in pair]
    before = snapshot(ledger.root)
    assert needle in refused(run("issue", "open", *argv), before, snapshot(ledger.root))


@pytest.mark.parametrize("bad", ["2026-02-30", "tomorrow"])
def test_bad_dates_are_usage_errors(run, ledger, snapshot, bad) -> None:
    open_one(run)
    before = snapshot(ledger.root)
    refused(run("issue", "extend", "1", "--deadline", bad, "--reason", "x"), before, snapshot(ledger.root), 2)
    refused(run("issue", "note", "1", "x", "--date", bad), before, snapshot(ledger.root), 2)
    refused(run("issue", "list", "--since", bad), before, snapshot(ledger.root), 2)


def test_village_visit_to_county_close_and_followup(run) -> None:
    number = open_one(run, "--reporter", "张三")
    steps = [
        ["issue", "assign", number, "--owner", "村支书", "--date", "2026-03-02"],
        ["issue", "note", number, "已现场查看", "--date", "2026-03-02"],
        ["issue", "escalate", number, "--reason", "村级无力解决", "--date", "2026-03-03"],
        [
            "issue",
            "extend",
            number,
            "--deadline",
            "2026-03-31",
            "--reason",
            "等待配件",
            "--date",
            "2026-03-04",
        ],
        [
            "issue",
            "escalate",
            number,
            "--reason",
            "需县级资金",
            "--owner",
            "县水务局",
            "--date",
            "2026-03-05",
        ],
        ["issue", "close", number, "--disposition", "已解决", "--note", "已更换水泵", "--date", "2026-03-10"],
        ["issue", "followup", number, "--satisfaction", "满意", "--date", "2026-03-12"],
        ["issue", "reopen", number, "--reason", "水泵又坏", "--date", "2026-03-15"],
        ["issue", "close", number, "--disposition", "resolved", "--note", "再次维修"],
        ["issue", "followup", number, "--satisfaction", "basically", "--note", "还行"],
    ]
    for argv in steps:
        result = run(*argv)
        assert result.exit_code == 0, (argv, result.stderr)
    data = json.loads(run("issue", "show", number, "--format", "json").stdout)
    assert (data["level"], data["status"], data["owner"], data["satisfaction"]) == (
        "county", "closed", "县水务局", "basically",
    )  # fmt: skip
    assert data["closed"] == "2026-03-20"
    actions = [e["action"] for e in data["history"]]
    assert actions == ["opened", "assigned", "noted", "escalated", "extended", "escalated", "closed",
                       "followed-up", "reopened", "closed", "followed-up"]  # fmt: skip
    log = json.loads(run("issue", "log", number, "--format", "json").stdout)
    assert [e["action"] for e in log] == actions
    table = run("issue", "log", number).stdout
    assert "escalated" in table and "需县级资金" in table


def test_show_table_in_chinese(run) -> None:
    open_one(run)
    result = run("--lang", "zh", "issue", "show", "#1")
    assert result.exit_code == 0
    for text in ("标题", "饮水井水泵损坏", "实际困难", "村级", "办理中", "2026-03-08", "qinglong"):
        assert text in result.stdout


def test_show_unknown_number(run) -> None:
    result = run("issue", "show", "99")
    assert (result.exit_code, result.stderr) == (1, "error: no issue 99\n")
    assert run("issue", "show", "abc").exit_code == 2


def test_list_filters_and_json(run) -> None:
    open_one(run)
    run("issue", "open", "--village", "shuijing", "--title", "修路", "--category", "suggestion")
    run("issue", "escalate", "2", "--reason", "up")
    rows = json.loads(run("issue", "list", "--format", "json").stdout)
    assert [r["number"] for r in rows] == ["1", "2"]
    assert set(rows[0]) == {"number", "title", "village", "township", "category", "level", "status",
                            "deadline", "owner"}  # fmt: skip
    assert rows[1]["township"] == "baishui"

    def numbers(*args: str) -> list[str]:
        return [r["number"] for r in json.loads(run("issue", "list", *args, "--format", "json").stdout)]

    assert numbers("--township", "baishui") == ["2"]
    assert numbers("--level", "乡镇") == ["2"]
    assert numbers("--category", "hardship") == ["1"]
    assert numbers("--overdue") == ["1"]
    assert numbers("--status", "closed") == []
    assert numbers("--since", "2026-03-02") == ["2"]
    text = run("--lang", "zh", "issue", "list").stdout
    assert "饮水井水泵损坏" in text and "实际困难" in text


def test_escalating_past_county_refused(run, ledger, snapshot) -> None:
    open_one(run)
    assert run("issue", "escalate", "1", "--reason", "直报", "--to", "county").exit_code == 0
    before = snapshot(ledger.root)
    line = refused(run("issue", "escalate", "1", "--reason", "again"), before, snapshot(ledger.root))
    assert "county" in line


def test_closing_a_closed_issue_refused(run, ledger, snapshot) -> None:
    open_one(run)
    run("issue", "close", "1", "--disposition", "resolved", "--note", "ok")
    before = snapshot(ledger.root)
    line = refused(run("issue", "close", "1", "--disposition", "resolved", "--note", "again"), before,
                   snapshot(ledger.root))  # fmt: skip
    assert line.startswith("error: issue 1 is closed")


def test_reopening_an_open_issue_refused(run, ledger, snapshot) -> None:
    open_one(run)
    before = snapshot(ledger.root)
    line = refused(run("issue", "reopen", "1", "--reason", "x"), before, snapshot(ledger.root))
    assert "only a closed issue can be reopened" in line


def test_following_up_an_open_issue_refused(run, ledger, snapshot) -> None:
    open_one(run)
    before = snapshot(ledger.root)
    line = refused(run("issue", "followup", "1", "--satisfaction", "满意"), before, snapshot(ledger.root))
    assert "only a closed issue can be followed up" in line


def test_bad_enum_refused(run, ledger, snapshot) -> None:
    open_one(run)
    before = snapshot(ledger.root)
    line = refused(run("issue", "close", "1", "--disposition", "fixed", "--note", "x"), before,
                   snapshot(ledger.root))  # fmt: skip
    assert "'fixed' is not a disposition" in line
    refused(run("issue", "escalate", "1", "--reason", "x", "--to", "province"), before, snapshot(ledger.root))


def test_future_date_refused(run, ledger, snapshot) -> None:
    open_one(run)
    before = snapshot(ledger.root)
    line = refused(run("issue", "note", "1", "x", "--date", "2026-03-21"), before, snapshot(ledger.root))
    assert "in the future" in line


def test_date_before_last_event_refused(run, ledger, snapshot) -> None:
    open_one(run)
    before = snapshot(ledger.root)
    line = refused(run("issue", "assign", "1", "--owner", "x", "--date", "2026-02-28"), before,
                   snapshot(ledger.root))  # fmt: skip
    assert "earlier than the issue's last event" in line


def test_duplicate_close_via_cli(run, ledger, snapshot) -> None:
    open_one(run)
    open_one(run)
    before = snapshot(ledger.root)
    refused(
        run("issue", "close", "2", "--disposition", "duplicate", "--note", "x"), before, snapshot(ledger.root)
    )
    refused(run("issue", "close", "2", "--disposition", "resolved", "--of", "1", "--note", "x"), before,
            snapshot(ledger.root))  # fmt: skip
    result = run("issue", "close", "2", "--disposition", "重复", "--of", "#1", "--note", "同一口井")
    assert result.exit_code == 0, result.stderr
    data = json.loads(run("issue", "show", "2", "--format", "json").stdout)
    assert (data["duplicate_of"], data["history"][-1]["of"]) == ("1", "1")


def test_refusal_in_chinese(run) -> None:
    open_one(run)
    result = run("--lang", "zh", "issue", "reopen", "1", "--reason", "x")
    assert result.exit_code == 1
    assert result.stderr.startswith("错误: 问题 1 正在办理中")


def test_commit_makes_one_git_commit_by_the_actor(tmp_path, run) -> None:
    ledger = init_ledger(tmp_path / "git-ledger", "测试县民情台账", git=True, actor="测试员")
    add_township(ledger, "qinglong", "青龙镇", actor="测试员")
    add_village(ledger, "dapo", "大坡村", "qinglong", actor="测试员", commit=True)
    run = type(run)(ledger.root)  # the conftest runner, on this git ledger

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(ledger.root), *args], capture_output=True, text=True,
                              check=True).stdout  # fmt: skip

    count = int(git("rev-list", "--count", "HEAD"))
    result = run("--commit", "--actor", "王干部", "issue", "open", "--village", "dapo", "--title", "路灯不亮",
                 "--category", "hardship")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert int(git("rev-list", "--count", "HEAD")) == count + 1
    assert git("log", "-1", "--format=%an|%s") == "王干部|issue 1: open 大坡村: 路灯不亮\n"
    assert git("show", "--name-only", "--format=", "HEAD") == "issues/000/1.yaml\n"
    result = run("--commit", "--actor", "王干部", "issue", "escalate", "1", "--reason", "需乡镇协调")
    assert result.exit_code == 0, result.stderr
    assert git("log", "-1", "--format=%an|%s") == "王干部|issue 1: escalate village → township: 需乡镇协调\n"
    # Without --commit (autocommit off) nothing is committed.
    run("issue", "note", "1", "x")
    assert int(git("rev-list", "--count", "HEAD")) == count + 2


def test_hand_comment_survives_escalate_via_cli(run, ledger) -> None:
    open_one(run)
    path = ledger.issue_path("1")
    path.write_text(
        "# 手工备注：村民代表签字在纸质台账第3页\n" + path.read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert run("issue", "escalate", "1", "--reason", "上报").exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 手工备注：村民代表签字在纸质台账第3页\n")
    assert "action: escalated" in text


def test_issue_show_names_its_places_on_the_table_and_keeps_codes_in_json(run) -> None:
    assert (
        run("issue", "open", "--village", "dapo", "--title", "修路", "--category", "hardship").exit_code == 0
    )
    table = run("--lang", "zh", "issue", "show", "1").stdout
    assert "大坡村 (dapo)" in table and "青龙镇 (qinglong)" in table
    data = json.loads(run("issue", "show", "1", "--format", "json").stdout)
    assert (data["village"], data["township"]) == ("dapo", "qinglong")
    assert "village_name" not in data and "township_name" not in data

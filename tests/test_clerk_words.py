"""A new clerk's words (reviewer's findings): the start of a vocabulary label is enough for every
vocabulary alike (基本 → basically), an ambiguous start is refused naming the candidates; phones
as clerks have them (无, a note after the number, a landline with its area code)."""

from __future__ import annotations

import json

import pytest

from ledger import typed
from ledger.enums import Category, Disposition, Satisfaction, VisitKind
from ledger.errors import Invalid

NOW = "2026-03-20T10:00:00+08:00"


@pytest.fixture(autouse=True)
def _pinned_now(monkeypatch) -> None:
    monkeypatch.setenv("CASELEDGER_NOW", NOW)


@pytest.mark.parametrize(
    ("enum", "text", "member"),
    [
        (Satisfaction, "基本", Satisfaction.basically),
        (Satisfaction, "bas", Satisfaction.basically),
        (Category, "困难", Category.hardship),
        (Category, "实际", Category.hardship),
        (VisitKind, "座谈", VisitKind.meeting),
        (Disposition, "已解决", Disposition.resolved),
        (Satisfaction, "满意", Satisfaction.satisfied),  # a whole label beats a start
    ],
)
def test_the_start_of_one_label_names_it(enum, text, member) -> None:
    assert enum.parse(text) is member


def test_a_start_several_share_is_refused_naming_them() -> None:
    with pytest.raises(Invalid) as caught:
        Disposition.parse("已")
    assert caught.value.key == "error.ambiguous_enum"
    assert "已解决" in caught.value.params["candidates"] and "已撤回" in caught.value.params["candidates"]
    with pytest.raises(Invalid) as caught:
        Satisfaction.parse("很满意")
    assert caught.value.key == "error.bad_enum"


def test_record_files_stay_exact() -> None:
    assert Satisfaction.lookup("基本") is None


def _closed_issue(run) -> str:
    number = run("issue", "open", "--village", "dapo", "--title", "路灯不亮", "--category", "困难",
                 "--date", "2026-03-01").stdout.strip()  # fmt: skip
    closed = run("issue", "close", number, "--disposition", "解决", "--note", "已修", "--date", "2026-03-02")
    assert closed.exit_code == 0, closed.stderr
    return number


def test_followup_takes_the_start_of_a_label(run) -> None:
    number = _closed_issue(run)
    result = run("issue", "followup", number, "--satisfaction", "基本", "--date", "2026-03-03")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(run("issue", "show", number, "-f", "json").stdout)
    assert shown["satisfaction"] == "basically"


def test_an_ambiguous_start_is_refused_and_nothing_written(run, ledger, snapshot) -> None:
    number = run("issue", "open", "--village", "dapo", "--title", "路灯不亮", "--category", "困难",
                 "--date", "2026-03-01").stdout.strip()  # fmt: skip
    before = snapshot(ledger.root)
    result = run("issue", "close", number, "--disposition", "已", "--note", "x", "--date", "2026-03-02")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert "已转办" in result.stderr
    assert snapshot(ledger.root) == before


# -- phones ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("无", None),
        ("暂无", None),
        ("13912345678（儿子）", "13912345678（儿子）"),
        ("13912345678(儿子)", "13912345678（儿子）"),
        ("139 1234 5678 儿子", "13912345678（儿子）"),
        ("0871-1234567", "0871-1234567"),
        ("010-12345678", "010-12345678"),
        ("0871 51234567", "0871-51234567"),
        ("(0871)5123456", "0871-5123456"),
        ("5123456", "5123456"),
    ],
)
def test_phones_clerks_have(text: str, stored: str | None) -> None:
    assert typed.parse_phone(text) == stored


@pytest.mark.parametrize(
    "text", ["138123", "138123（儿子）", "儿子", "0871-123", "0871-12345678901", "1234567"]
)
def test_what_is_not_a_phone_stays_refused(text: str) -> None:
    with pytest.raises(Invalid) as caught:
        typed.parse_phone(text)
    assert caught.value.key == "input.not_a_phone"


@pytest.mark.parametrize(
    ("phone", "stored"),
    [("无", None), ("13912345678（儿子）", "13912345678（儿子）"), ("0871-1234567", "0871-1234567")],
)
def test_issue_open_takes_the_phones_clerks_have(run, phone: str, stored: str | None) -> None:
    result = run("issue", "open", "--village", "dapo", "--title", "路灯不亮", "--category", "困难",
                 "--reporter", "张三", "--phone", phone)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    shown = json.loads(run("issue", "show", result.stdout.strip(), "-f", "json").stdout)
    assert shown["reporter"]["phone"] == stored


def test_a_short_phone_is_refused_and_nothing_written(run, ledger, snapshot) -> None:
    before = snapshot(ledger.root)
    result = run("issue", "open", "--village", "dapo", "--title", "路灯不亮", "--category", "困难",
                 "--phone", "138123")  # fmt: skip
    assert result.exit_code == 1 and result.stderr.startswith("error: ")
    assert snapshot(ledger.root) == before

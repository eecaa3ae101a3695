"""The issue lifecycle through the library (ledger.lifecycle): each operation, its event and
its refusals, with the clock pinned by $CASELEDGER_NOW."""

from __future__ import annotations

from datetime import date

import pytest

from ledger import lifecycle as lc
from ledger.errors import Invalid, NotFound, Refused, UsageError

NOW = "2026-03-20T10:00:00+08:00"
ME = "李文书"


@pytest.fixture(autouse=True)
def _pinned_now(monkeypatch) -> None:
    monkeypatch.setenv("CASELEDGER_NOW", NOW)


def _open(ledger, **extra):
    fields = {"village": "dapo", "title": "饮水井水泵损坏", "category": "hardship", "date": "2026-03-01"}
    return lc.open_issue(ledger, **(fields | extra), actor=ME)


def _actions(ledger, number: str) -> list[str]:
    _, issue = lc.find_issue(ledger, number)
    return [e.action.value for e in issue.history]


def test_open_starts_at_village_with_village_deadline(ledger) -> None:
    issue = _open(ledger, reporter="张三", phone="13800000000", topics=["饮水"])
    assert (issue.number, issue.level.value, issue.status.value) == ("1", "village", "open")
    assert issue.received == date(2026, 3, 1)
    assert issue.deadline == date(2026, 3, 8)
    assert issue.private is False
    assert issue.reporter.name == "张三"
    [event] = issue.history
    assert (event.action.value, event.by, event.deadline) == ("opened", ME, date(2026, 3, 8))
    assert ledger.issue_path("1").is_file()
    assert _open(ledger).number == "2"


def test_open_conduct_is_private_by_default_and_labels_are_accepted(ledger) -> None:
    issue = _open(ledger, category="干部作风", source="热线")
    assert (issue.category.value, issue.source.value, issue.private) == ("conduct", "hotline", True)
    assert _open(ledger, category="conduct", private=False).private is False


def test_open_uses_office_prefix(ledger, monkeypatch) -> None:
    monkeypatch.setenv("CASELEDGER_OFFICE", "QL")
    assert _open(ledger).number == "QL-1"
    assert ledger.issue_path("QL-1").is_file()
    assert lc.find_issue(ledger, "1")[1].number == "QL-1"
    assert lc.find_issue(ledger, "ql-1")[1].number == "QL-1"


def test_open_with_given_deadline(ledger) -> None:
    assert _open(ledger, deadline=date(2026, 3, 31)).deadline == date(2026, 3, 31)


def test_open_refusals_write_nothing(ledger, snapshot) -> None:
    before = snapshot(ledger.root)
    with pytest.raises(NotFound):
        _open(ledger, village="nowhere")
    with pytest.raises(Invalid):
        _open(ledger, category="roads")
    with pytest.raises(Invalid):
        _open(ledger, title="   ")
    with pytest.raises(Refused):
        _open(ledger, date="2026-03-21")
    with pytest.raises(UsageError):
        _open(ledger, date="2026-02-30")
    assert snapshot(ledger.root) == before


def test_find_issue_forms_and_not_found(ledger) -> None:
    _open(ledger)
    for typed in ("1", "#1", " 1 "):
        assert lc.find_issue(ledger, typed)[1].number == "1"
    with pytest.raises(NotFound):
        lc.find_issue(ledger, "2")
    with pytest.raises(UsageError):
        lc.find_issue(ledger, "../1")


def test_escalate_routes_up_and_resets_deadline(ledger) -> None:
    _open(ledger)
    issue = lc.escalate(ledger, "1", reason="需要乡镇协调", owner="王镇长", date="2026-03-02", actor=ME)
    assert (issue.level.value, issue.owner, issue.deadline) == ("township", "王镇长", date(2026, 3, 17))
    event = issue.history[-1]
    assert (event.from_.value, event.to.value, event.reason, event.owner) == (
        "village", "township", "需要乡镇协调", "王镇长",
    )  # fmt: skip
    issue = lc.escalate(
        ledger, "1", reason="需县级资金", deadline=date(2026, 5, 1), date="2026-03-03", actor=ME
    )
    assert (issue.level.value, issue.deadline, issue.owner) == ("county", date(2026, 5, 1), "王镇长")
    assert _actions(ledger, "1") == ["opened", "escalated", "escalated"]


def test_escalate_past_county_refused(ledger, snapshot) -> None:
    _open(ledger)
    lc.escalate(ledger, "1", reason="直报县级", to="县", actor=ME)
    before = snapshot(ledger.root)
    with pytest.raises(Refused):
        lc.escalate(ledger, "1", reason="again", actor=ME)
    assert snapshot(ledger.root) == before


def test_assign_note_extend(ledger) -> None:
    _open(ledger)
    assert lc.assign(ledger, "1", owner="李四", actor=ME).owner == "李四"
    assert lc.note(ledger, "1", "已联系供水站", actor=ME).history[-1].note == "已联系供水站"
    issue = lc.extend(ledger, "1", deadline=date(2026, 4, 1), reason="等待配件", actor=ME)
    assert issue.deadline == date(2026, 4, 1)
    assert issue.history[-1].reason == "等待配件"
    with pytest.raises(Refused):
        lc.extend(ledger, "1", deadline=date(2026, 3, 30), reason="earlier", actor=ME)
    assert _actions(ledger, "1") == ["opened", "assigned", "noted", "extended"]


def test_close_followup_reopen(ledger) -> None:
    _open(ledger)
    lc.escalate(ledger, "1", reason="up", date="2026-03-02", actor=ME)
    issue = lc.close(ledger, "1", disposition="已解决", note="已更换水泵", date="2026-03-05", actor=ME)
    assert (issue.status.value, issue.disposition.value, issue.closed) == (
        "closed",
        "resolved",
        date(2026, 3, 5),
    )
    issue = lc.followup(ledger, "1", satisfaction="基本满意", date="2026-03-06", actor=ME)
    issue = lc.followup(ledger, "1", satisfaction="satisfied", note="水压正常", actor=ME)
    assert issue.satisfaction.value == "satisfied"
    issue = lc.reopen(ledger, "1", reason="水泵又坏了", date="2026-03-20", actor=ME)
    assert (issue.status.value, issue.level.value) == ("open", "township")
    assert issue.deadline == date(2026, 4, 4)  # reopen date + township days
    assert (issue.disposition, issue.closed, issue.satisfaction, issue.duplicate_of) == (
        None,
        None,
        None,
        None,
    )
    assert _actions(ledger, "1") == [
        "opened",
        "escalated",
        "closed",
        "followed-up",
        "followed-up",
        "reopened",
    ]


def test_close_duplicate_needs_an_existing_other_issue(ledger) -> None:
    _open(ledger)
    _open(ledger)
    with pytest.raises(Refused):
        lc.close(ledger, "2", disposition="duplicate", note="同一问题", actor=ME)
    with pytest.raises(Refused):
        lc.close(ledger, "2", disposition="duplicate", note="同一问题", of="#2", actor=ME)
    with pytest.raises(NotFound):
        lc.close(ledger, "2", disposition="duplicate", note="同一问题", of="9", actor=ME)
    with pytest.raises(Refused):
        lc.close(ledger, "2", disposition="resolved", note="x", of="1", actor=ME)
    issue = lc.close(ledger, "2", disposition="重复", note="同一问题", of="#1", actor=ME)
    assert (issue.duplicate_of, issue.history[-1].of) == ("1", "1")
    assert lc.reopen(ledger, "2", reason="不是重复", actor=ME).duplicate_of is None


def test_status_refusals(ledger, snapshot) -> None:
    _open(ledger)
    before = snapshot(ledger.root)
    with pytest.raises(Refused):
        lc.reopen(ledger, "1", reason="x", actor=ME)
    with pytest.raises(Refused):
        lc.followup(ledger, "1", satisfaction="满意", actor=ME)
    assert snapshot(ledger.root) == before
    lc.close(ledger, "1", disposition="withdrawn", note="群众撤回", actor=ME)
    before = snapshot(ledger.root)
    for act in (
        lambda: lc.close(ledger, "1", disposition="resolved", note="again", actor=ME),
        lambda: lc.escalate(ledger, "1", reason="x", actor=ME),
        lambda: lc.assign(ledger, "1", owner="x", actor=ME),
        lambda: lc.extend(ledger, "1", deadline=date(2027, 1, 1), reason="x", actor=ME),
        lambda: lc.note(ledger, "1", "x", actor=ME),
    ):
        with pytest.raises(Refused) as info:
            act()
        assert info.value.key == "error.issue_closed"
    assert snapshot(ledger.root) == before


def test_date_before_last_event_refused(ledger, snapshot) -> None:
    _open(ledger, date="2026-03-05")
    before = snapshot(ledger.root)
    with pytest.raises(Refused) as info:
        lc.note(ledger, "1", "x", date="2026-03-04", actor=ME)
    assert info.value.key == "error.before_last_event"
    assert snapshot(ledger.root) == before
    # The same day as the last event is fine, and keeps the history in order.
    issue = lc.note(ledger, "1", "same day", date="2026-03-05", actor=ME)
    assert issue.history[-1].at >= issue.history[-2].at


def test_hand_comment_survives_escalate(ledger) -> None:
    _open(ledger)
    path = ledger.issue_path("1")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title:", "# 村支书口述，待核实\ntitle:"), encoding="utf-8")
    lc.escalate(ledger, "1", reason="上报", actor=ME)
    after = path.read_text(encoding="utf-8")
    assert "# 村支书口述，待核实\ntitle:" in after
    assert "action: escalated" in after


@pytest.mark.parametrize("indicator", ["|", ">"])
def test_a_hand_written_block_keeps_its_style_through_a_rewrite(ledger, indicator) -> None:
    import re

    _open(ledger, detail="x")
    path = ledger.issue_path("1")
    block = f"detail: {indicator}\n  第一行说明\n  第二行说明\n"
    text = re.sub(r"^detail: .*\n", block, path.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert block in text
    path.write_text(text, encoding="utf-8")
    lc.note(ledger, "1", "补一句", actor=ME)
    lc.escalate(ledger, "1", reason="上报", actor=ME)
    after = path.read_text(encoding="utf-8")
    assert block in after, after[:300]
    assert "action: escalated" in after


def test_list_filters(ledger) -> None:
    _open(ledger, date="2026-01-10")  # 1 dapo (qinglong)
    _open(ledger, village="shuijing", category="suggestion", date="2026-02-10")  # 2 baishui
    _open(ledger, village="xiaoshan", date="2026-03-10")  # 3 qinglong
    lc.escalate(ledger, "2", reason="up", actor=ME)
    lc.close(ledger, "3", disposition="resolved", note="ok", actor=ME)

    def numbers(**filters):
        return [f.number for f in lc.list_issues(ledger, **filters)]

    assert numbers() == ["1", "2"]
    assert numbers(status="all") == ["1", "2", "3"]
    assert numbers(status="closed") == ["3"]
    assert numbers(status="all", township="qinglong") == ["1", "3"]
    assert numbers(status="all", village="shuijing") == ["2"]
    assert numbers(level="township") == ["2"]
    assert numbers(category="发展建议") == ["2"]
    assert numbers(status="all", since=date(2026, 2, 1)) == ["2", "3"]
    assert numbers(status="all", until=date(2026, 2, 10)) == ["1", "2"]
    assert numbers(overdue=True) == ["1"]  # 2 was escalated on 2026-03-20: township deadline ahead
    assert numbers(overdue=True, as_of=date(2026, 1, 17)) == []
    with pytest.raises(NotFound):
        numbers(township="nowhere")
    with pytest.raises(Invalid):
        numbers(status="pending")

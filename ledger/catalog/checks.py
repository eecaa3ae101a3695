"""Messages of `caseledger check`: each problem a hand edit or a merge can leave in a ledger."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- help ------------------------------------------------------------------------------
    "help.check": (
        "Check every record file (types, values, references between records, unique codes and numbers, history in order, status matching the history) and print each problem as path:line: message. Exits 1 when there are problems, 0 when the ledger is clean.\n\nExample: caseledger check --format json",
        "检查全部记录文件（类型、取值、记录间的引用、代码和编号不重复、历史按时间排列、状态与历史一致），每个问题打印为“路径:行号: 说明”。有问题时退出码为 1，没有问题时为 0。\n\n示例：caseledger check --format json",
    ),
    "col.file": ("File", "文件"),
    "col.line": ("Line", "行"),
    "col.message": ("Problem", "问题"),
    "check.ok": ("ok: {count} records checked", "正常：已检查 {count} 条记录"),
    # -- reading a file --------------------------------------------------------------------
    "error.yaml.empty": ("the file is empty", "文件是空的"),
    # -- cross-record problems -------------------------------------------------------------
    "check.file_name": (
        "the file name does not match the record: it belongs in {expected}",
        "文件名与记录不符：应放在 {expected}",
    ),
    "check.file_copy": (
        "a copy of {expected} (the same record): delete this file if it is not needed",
        "这是 {expected} 的副本（同一条记录）：不需要的话请删除本文件",
    ),
    "check.duplicate_code": (
        "code {value} is used twice (also in {other})",
        "代码 {value} 重复使用（另见 {other}）",
    ),
    "check.duplicate_id": (
        "id {value} is used twice (also in {other})",
        "编号 {value} 重复使用（另见 {other}）",
    ),
    "check.duplicate_number": (
        "issue number {value} is used twice (also in {other})",
        "问题编号 {value} 重复使用（另见 {other}）",
    ),
    "check.unknown_township": ("unknown township {code}", "不存在的乡镇 {code}"),
    "check.unknown_village": ("unknown village {code}", "不存在的村（社区）{code}"),
    "check.duplicate_of_missing": (
        "duplicate of issue {number}, which does not exist",
        "重复的问题 {number} 不存在",
    ),
    "check.duplicate_of_self": (
        "an issue cannot be a duplicate of itself ({number})",
        "问题不能与自身重复（{number}）",
    ),
    "check.history_empty": (
        "the history is empty: it must start with an opened event",
        "历史为空：应以“登记”事件开始",
    ),
    "check.history_first": (
        "the history must start with an opened event, not {action}",
        "历史应以“登记”事件开始，而不是 {action}",
    ),
    "check.history_opened_twice": ("only the first event may be opened", "只有第一条事件可以是“登记”"),
    "check.history_order": (
        "history out of order: {at} is earlier than the event before it ({before})",
        "历史顺序错误：{at} 早于前一条事件（{before}）",
    ),
    "check.status": (
        "status is {value} but the history says {expected}",
        "状态为 {value}，但按历史应为 {expected}",
    ),
    "check.closed_day": (
        "closed is {value} but the history says {expected}",
        "办结日期为 {value}，但按历史应为 {expected}",
    ),
    "check.disposition": (
        "disposition is {value} but the history says {expected}",
        "办理结果为 {value}，但按历史应为 {expected}",
    ),
    "check.duplicate_of_history": (
        "duplicate_of is {value} but the history says {expected}",
        "duplicate_of 为 {value}，但按历史应为 {expected}",
    ),
    "check.level": (
        "level is {value} but the escalations say {expected}",
        "层级为 {value}，但按上交记录应为 {expected}",
    ),
    "check.summary": (
        "{field} is {value} but the history says {expected}",
        "{field} 为 {value}，但按历史应为 {expected}",
    ),
}

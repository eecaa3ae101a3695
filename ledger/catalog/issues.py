"""Messages of the issue lifecycle: errors, help texts, column headers and field labels."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- errors -----------------------------------------------------------------------------
    "error.no_issue": ("no issue {number}", "没有编号为 {number} 的问题"),
    "error.issue_closed": (
        "issue {number} is closed; reopen it first (it can only be reopened or followed up)",
        "问题 {number} 已销号；请先重新办理（已销号的问题只能重新办理或回访）",
    ),
    "error.reopen_open": (
        "issue {number} is open; only a closed issue can be reopened",
        "问题 {number} 正在办理中，只有已销号的问题才能重新办理",
    ),
    "error.followup_open": (
        "issue {number} is open; only a closed issue can be followed up",
        "问题 {number} 正在办理中，只有已销号的问题才能回访",
    ),
    "error.escalate_county": (
        "issue {number} is already at the county level; it cannot be escalated further",
        "问题 {number} 已在县级办理，不能再上报",
    ),
    "error.escalate_not_higher": (
        "issue {number} is at the {level} level; --to {to} is not higher",
        "问题 {number} 在{level}办理，--to {to}不比它高",
    ),
    "error.deadline_before_event": (
        "the deadline {deadline} is before the day of the event ({day})",
        "办结时限 {deadline} 早于本次记录的日期（{day}）",
    ),
    "error.extend_not_later": (
        "extend only moves a deadline later: {deadline} is not after {current}",
        "延期只能推后时限：{deadline} 不晚于当前时限 {current}",
    ),
    "error.duplicate_needs_of": (
        "closing as duplicate needs --of NUMBER, the issue it repeats",
        "按“重复”销号需要用 --of 指明所重复的问题编号",
    ),
    "error.duplicate_of_self": (
        "issue {number} cannot be a duplicate of itself",
        "问题 {number} 不能与自身重复",
    ),
    "error.of_needs_duplicate": (
        "--of is only for --disposition duplicate, not {disposition}",
        "--of 只用于“重复”（duplicate），不能用于 {disposition}",
    ),
    "error.missing_options": ("missing option(s): {names}", "缺少选项：{names}"),
    "error.bad_status": (
        "'{value}' is not a status; use open, closed or all",
        "“{value}”不是有效的状态，可用：open（办理中）、closed（已销号）或 all（全部）",
    ),
    # -- prompts ----------------------------------------------------------------------------
    "prompt.village": ("Village code", "村（社区）代码"),
    "prompt.title": ("Title", "标题"),
    "prompt.category": (
        "Category (conduct, hardship, shortfall, suggestion)",
        "类别（干部作风、实际困难、工作不足、发展建议）",
    ),
    # -- help -------------------------------------------------------------------------------
    "help.issue": (
        "Issues (问题): open, route village → township → county, close out by number, follow up.",
        "问题（诉求）：登记，按村 → 乡镇 → 县上报，按编号销号，回访。",
    ),
    "help.issue.open": (
        "Open a new issue at the village level and print its number.\n\n"
        "Example: caseledger issue open --village dapo --title 'Well pump broken' --category hardship --reporter 张三",
        "登记一条新问题（从村级开始办理），并输出其编号。\n\n"
        "示例：caseledger issue open --village dapo --title 饮水井水泵损坏 --category 实际困难 --reporter 张三",
    ),
    "help.issue.show": (
        "Show one issue.\n\nExample: caseledger issue show 42",
        "查看一条问题。\n\n示例：caseledger issue show QL-42",
    ),
    "help.issue.log": (
        "Show an issue's history: when, who, what and why.\n\nExample: caseledger issue log 42",
        "查看问题的办理记录：时间、操作人、操作及原因。\n\n示例：caseledger issue log 42",
    ),
    "help.issue.list": (
        "List issues (default: the open ones).\n\nExample: caseledger issue list --township qinglong --overdue",
        "列出问题（默认只列办理中的）。\n\n示例：caseledger issue list --township qinglong --overdue",
    ),
    "help.issue.escalate": (
        "Route an issue up one level (village → township → county), or to --to.\n\n"
        "Example: caseledger issue escalate 42 --reason 'needs county funds' --owner 'County Water Bureau'",
        "将问题上报一级（村 → 乡镇 → 县），或用 --to 指定层级。\n\n"
        "示例：caseledger issue escalate 42 --reason 需县级资金 --owner 县水务局",
    ),
    "help.issue.assign": (
        "Make someone responsible for an issue.\n\nExample: caseledger issue assign 42 --owner 'Li Si'",
        "指定问题的负责人。\n\n示例：caseledger issue assign 42 --owner 李四",
    ),
    "help.issue.extend": (
        "Move an issue's deadline later, saying why.\n\n"
        "Example: caseledger issue extend 42 --deadline 2026-04-30 --reason 'waiting for parts'",
        "推后问题的办结时限，并说明原因。\n\n示例：caseledger issue extend 42 --deadline 2026-04-30 --reason 等待配件",
    ),
    "help.issue.note": (
        "Add a note to an issue's history.\n\nExample: caseledger issue note 42 'Visited again, pump ordered'",
        "为问题添加备注。\n\n示例：caseledger issue note 42 再次走访，水泵已订购",
    ),
    "help.issue.close": (
        "Close an issue out by number (销号) with a disposition: resolved, explained, referred, "
        "duplicate (with --of NUMBER) or withdrawn.\n\n"
        "Example: caseledger issue close 42 --disposition resolved --note 'New pump installed'",
        "按编号销号，并注明办理结果：已解决、已解释、已转办、重复（用 --of 指明编号）或已撤回。\n\n"
        "示例：caseledger issue close 42 --disposition 已解决 --note 新水泵已安装",
    ),
    "help.issue.reopen": (
        "Reopen a closed issue at its level, with a fresh deadline.\n\n"
        "Example: caseledger issue reopen 42 --reason 'pump broke again'",
        "重新办理已销号的问题（层级不变，重新计算时限）。\n\n示例：caseledger issue reopen 42 --reason 水泵再次损坏",
    ),
    "help.issue.followup": (
        "Record a satisfaction follow-up (回访) of a closed issue; may be repeated.\n\n"
        "Example: caseledger issue followup 42 --satisfaction satisfied",
        "记录已销号问题的回访满意度，可多次回访。\n\n示例：caseledger issue followup 42 --satisfaction 满意",
    ),
    "help.issue.number": ("The issue's number: 42, #42 or QL-42.", "问题编号：42、#42 或 QL-42。"),
    "help.issue.village": ("Code of the village where it was raised.", "提出问题的村（社区）代码。"),
    "help.issue.title": ("One line saying what the resident needs.", "一句话概括群众诉求。"),
    "help.issue.category": (
        "conduct 干部作风, hardship 实际困难, shortfall 工作不足 or suggestion 发展建议.",
        "类别：conduct 干部作风、hardship 实际困难、shortfall 工作不足、suggestion 发展建议。",
    ),
    "help.issue.detail": ("The longer account.", "详细情况。"),
    "help.issue.topic": (
        "A free tag such as water or roads (repeat for several).",
        "标签，如饮水、道路（可重复）。",
    ),
    "help.issue.reporter": ("Name of the resident who raised it.", "反映人姓名。"),
    "help.issue.phone": ("The reporter's phone.", "反映人电话。"),
    "help.issue.household": ("The reporter's household or address.", "反映人户籍或住址。"),
    "help.issue.owner": (
        "The responsible person: a cadre (id such as C3, or exact name) or any text (a unit).",
        "责任人：干部（编号如 C3，或准确姓名），或任意文字（单位、部门）。",
    ),
    "help.issue.source": (
        "visit 入户走访, duty-day 坐访值班, letter 来信来访, hotline 热线, mailbox 书记信箱 or other 其他.",
        "来源：visit 入户走访、duty-day 坐访值班、letter 来信来访、hotline 热线、mailbox 书记信箱、other 其他。",
    ),
    "help.issue.deadline": (
        "The deadline (default: from the level's days).",
        "办结时限（默认按层级天数计算）。",
    ),
    "help.issue.private": (
        "Keep it off the public board (default: private for conduct, public otherwise).",
        "是否不予公示（默认：干部作风类不公示，其余公示）。",
    ),
    "help.issue.date": (
        "When it happened: a date or ISO datetime (default: now); not in the future, not before the last event.",
        "发生时间：日期或 ISO 时间（默认现在）；不能晚于现在，也不能早于上一条记录。",
    ),
    "help.issue.reason": ("Why.", "原因。"),
    "help.issue.to": (
        "The level to route it to: township or county.",
        "上报到的层级：township（乡镇）或 county（县）。",
    ),
    "help.issue.new_deadline": ("The new, later deadline.", "新的（更晚的）办结时限。"),
    "help.issue.text": ("The note.", "备注内容。"),
    "help.issue.disposition": (
        "resolved 已解决, explained 已解释, referred 已转办, duplicate 重复 or withdrawn 已撤回.",
        "办理结果：resolved 已解决、explained 已解释、referred 已转办、duplicate 重复、withdrawn 已撤回。",
    ),
    "help.issue.of": (
        "For duplicate: the number of the issue it repeats.",
        "按“重复”销号时，所重复的问题编号。",
    ),
    "help.issue.close_note": ("What was done.", "办理情况说明。"),
    "help.issue.satisfaction": (
        "satisfied 满意, basically 基本满意 or unsatisfied 不满意.",
        "满意度：satisfied 满意、basically 基本满意、unsatisfied 不满意。",
    ),
    "help.issue.followup_note": ("What the resident said.", "群众意见。"),
    "help.issue.status": (
        "open, closed or all (default: open).",
        "状态：open（办理中）、closed（已销号）或 all（全部），默认 open。",
    ),
    "help.issue.level": (
        "Only this level: village, township or county.",
        "仅此层级：village（村级）、township（乡镇级）或 county（县级）。",
    ),
    "help.issue.filter_township": ("Only this township's villages.", "仅此乡镇的村（社区）。"),
    "help.issue.filter_village": ("Only this village.", "仅此村（社区）。"),
    "help.issue.filter_category": ("Only this category.", "仅此类别。"),
    "help.issue.overdue": (
        "Only open issues past their deadline (as of today).",
        "仅已超过办结时限的在办问题。",
    ),
    "help.issue.since": ("Only issues received on or after this day.", "仅此日期（含）之后受理的问题。"),
    "help.issue.until": ("Only issues received on or before this day.", "仅此日期（含）之前受理的问题。"),
    # -- columns and field labels -----------------------------------------------------------
    "col.number": ("Number", "编号"),
    "col.title": ("Title", "标题"),
    "col.category": ("Category", "类别"),
    "col.level": ("Level", "层级"),
    "col.status": ("Status", "状态"),
    "col.deadline": ("Deadline", "办结时限"),
    "col.owner": ("Owner", "负责人"),
    "col.detail": ("Detail", "详细情况"),
    "col.topics": ("Topics", "标签"),
    "col.source": ("Source", "来源"),
    "col.received": ("Received", "受理日期"),
    "col.reporter": ("Reporter", "反映人"),
    "col.phone": ("Phone", "电话"),
    "col.household": ("Household", "住户"),
    "col.private": ("Private", "不公示"),
    "col.disposition": ("Disposition", "办理结果"),
    "col.duplicate_of": ("Duplicate of", "重复于"),
    "col.closed": ("Closed", "销号日期"),
    "col.satisfaction": ("Satisfaction", "满意度"),
    "col.at": ("Time", "时间"),
    "col.by": ("By", "操作人"),
    "col.action": ("Action", "操作"),
    "col.details": ("Details", "详情"),
    "word.from": ("from", "从"),
    "word.to": ("to", "到"),
    "word.reason": ("reason", "原因"),
    "word.owner": ("owner", "负责人"),
    "word.deadline": ("deadline", "时限"),
    "word.disposition": ("disposition", "结果"),
    "word.of": ("of", "重复于"),
    "word.note": ("note", "备注"),
    "word.satisfaction": ("satisfaction", "满意度"),
    "word.level": ("level", "层级"),
}

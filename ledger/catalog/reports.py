"""Messages of the reports: month-end summary, overdue list and the public notice board."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- help ------------------------------------------------------------------------------
    "help.report": (
        "Reports: the month-end summary, the overdue list, the village notice board, visits, cadres, aid, alerts and the quarterly bulletin.",
        "报表：月底汇总、超期清单、村务公示栏、走访、干部、帮扶、预警和季度通报。",
    ),
    "help.report.month": (
        "Month-end summary (月底梳理汇总): one row per township and a total, computed from history as of the month's last day, so a past month re-run later gives the same figures.\n\nExample: caseledger report month 2026-03 --township qinglong --format markdown",
        "月底梳理汇总：每个乡镇一行另加合计行，按该月最后一天结束时的历史计算，日后重跑同一月份结果不变。\n\n示例：caseledger report month 2026-03 --township qinglong --format markdown",
    ),
    "help.report.month.month": (
        "The month, as YYYY-MM (e.g. 2026-03).",
        "月份，格式 YYYY-MM（如 2026-03）。",
    ),
    "help.report.month.township": ("Only this township (its code).", "只看该乡镇（乡镇代码）。"),
    "help.report.overdue": (
        "Open issues past their deadline as of a day (default today), most overdue first, with days overdue.\n\nExample: caseledger report overdue --as-of 2026-03-31",
        "截至某日（默认今天）仍在办且已超过办结时限的问题，超期最久的在前，并列出超期天数。\n\n示例：caseledger report overdue --as-of 2026-03-31",
    ),
    "help.report.as_of": (
        "The day to report as of, e.g. 2026-03-31 (default today).",
        "统计截至日期，如 2026-03-31（默认今天）。",
    ),
    "help.report.notice": (
        "The public notice board (公示) of one village: its public issues that are open or were closed in the last 30 days. Reporters appear as 张某; phone and ID-card numbers are hidden. Print it with --format plain or markdown.\n\nExample: caseledger report notice --village dapo --format plain",
        "某村（社区）的公示栏：未设为不公开、仍在办或近 30 天内办结的问题。反映人只显示为“张某”，电话和身份证号均已隐去。可用 --format plain 或 markdown 打印张贴。\n\n示例：caseledger report notice --village dapo --format plain",
    ),
    "help.report.notice.village": ("The village (its code).", "村（社区）代码。"),
    # -- titles ----------------------------------------------------------------------------
    "report.title.month": (
        "{name}: month-end summary {month} (as of {as_of})",
        "{name} {month} 月底梳理汇总（截至 {as_of}）",
    ),
    "report.title.overdue": ("Overdue issues as of {as_of}", "截至 {as_of} 的超期问题"),
    "report.title.notice": (
        "{village} notice board (公示), as of {as_of}",
        "{village} 民情办理公示（截至 {as_of}）",
    ),
    "report.total": ("Total", "合计"),
    "report.none": ("—", "—"),
    "report.notice.footer": (
        "Reporters' names are shortened and phone and ID-card numbers hidden to protect privacy.",
        "为保护隐私，反映人姓名已简写，电话和身份证号已隐去。",
    ),
    "report.status.open": ("open", "办理中"),
    "report.status.closed": ("closed", "已办结"),
    # -- columns ---------------------------------------------------------------------------
    "report.col.figure": ("Figure", "指标"),
    "report.col.township": ("Township", "乡镇"),
    "report.col.name": ("Name", "名称"),
    "report.col.carried_over": ("Carried over", "上月结转"),
    "report.col.new": ("New", "新增"),
    "report.col.reopened": ("Reopened", "重新办理"),
    "report.col.closed": ("Closed", "办结"),
    "report.col.open_end": ("Open at end", "月末在办"),
    "report.col.overdue_end": ("Overdue at end", "月末超期"),
    "report.col.closed_on_time": ("Closed on time", "按期办结"),
    "report.col.resolved": ("Resolved", "已解决"),
    "report.col.explained": ("Explained", "已解释"),
    "report.col.referred": ("Referred", "已转办"),
    "report.col.duplicate": ("Duplicate", "重复"),
    "report.col.withdrawn": ("Withdrawn", "已撤回"),
    "report.col.closed_at_village": ("Closed at village", "村级办结"),
    "report.col.closed_at_township": ("Closed at township", "乡级办结"),
    "report.col.closed_at_county": ("Closed at county", "县级办结"),
    "report.col.followups": ("Follow-ups", "回访"),
    "report.col.satisfied": ("Satisfied", "满意"),
    "report.col.basically": ("Basically", "基本满意"),
    "report.col.unsatisfied": ("Unsatisfied", "不满意"),
    "report.col.close_rate": ("Close rate", "办结率"),
    "report.col.on_time_rate": ("On-time rate", "按期办结率"),
    "report.col.resolution_rate": ("Resolution rate", "化解率"),
    "report.col.village_share": ("Village share", "小事不出村"),
    "report.col.satisfaction_rate": ("Satisfaction rate", "满意率"),
    "report.col.number": ("No.", "编号"),
    "report.col.title": ("Title", "标题"),
    "report.col.village": ("Village", "村（社区）"),
    "report.col.category": ("Category", "类别"),
    "report.col.level": ("Level", "层级"),
    "report.col.owner": ("Owner", "负责人"),
    "report.col.received": ("Received", "受理日期"),
    "report.col.deadline": ("Deadline", "办结时限"),
    "report.col.days_overdue": ("Days overdue", "超期天数"),
    "report.col.status": ("Status", "状态"),
    "report.col.closed_day": ("Closed on", "办结日期"),
    "report.col.reporter": ("Reporter", "反映人"),
}

"""Messages of aid (帮扶), supervised cases (挂牌督办), alerts (预警) and the bulletin (通报)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- amounts ---------------------------------------------------------------------------
    "error.amount.bad": (
        "'{value}' is not an amount in yuan; type it as 3000, 3000.50, 3,000.50, 3万 or 0.5万",
        "“{value}”不是金额（元），请输入 3000、3000.50、3,000.50、3万 或 0.5万",
    ),
    "error.amount.negative": (
        "the amount '{value}' is negative; an amount is 0 or more",
        "金额“{value}”为负数，金额不能小于 0",
    ),
    "error.amount.decimals": (
        "the amount '{value}' has more than two decimals (yuan and fen only)",
        "金额“{value}”超过两位小数（只能精确到分）",
    ),
    "error.amount.too_big": (
        "the amount '{value}' is too large for one record (at most 999,999,999,999.99 yuan)",
        "金额“{value}”过大，单条记录最多 999,999,999,999.99 元",
    ),
    "error.amount.not_number": (
        "the amount '{value}' must be written as a plain number, such as 3000 or 12000.50",
        "金额“{value}”应写成普通数字，如 3000 或 12000.50",
    ),
    # -- aid records ---------------------------------------------------------------------------
    "help.aid": (
        "Aid delivered (帮扶): funds, goods, projects, services and training, by pairing and cadre.",
        "帮扶记录：结对单位和干部送去的帮扶资金、物资、项目、服务和培训。",
    ),
    "help.aid.add": (
        "Record aid delivered to a village or household; prints the new id (A1, QL-A1).",
        "登记一笔帮扶（到村或到户），输出新编号（A1、QL-A1）。",
    ),
    "help.aid.village": ("Code or name of the village that received it.", "受帮扶的村（社区）代码或名称。"),
    "help.aid.kind": (
        "funds 资金, goods 物资, project 项目, service 服务 or training 培训.",
        "类型：资金 funds、物资 goods、项目 project、服务 service 或 培训 training。",
    ),
    "help.aid.title": (
        "What was delivered (危房改造补助, 化肥 2 吨).",
        "帮扶内容（如：危房改造补助、化肥 2 吨）。",
    ),
    "help.aid.amount": (
        "Yuan: 3000, 3000.50, 3,000.50, 3万 or 0.5万; for goods their value. At most two decimals.",
        "金额（元）：3000、3000.50、3,000.50、3万 或 0.5万；物资填折价。最多两位小数。",
    ),
    "help.aid.pairing": (
        "The pairing that delivered it (P3), of the same village.",
        "实施帮扶的结对编号（如 P3），须为本村的结对。",
    ),
    "help.aid.cadre": (
        "A cadre who delivered it (id or name); repeat for a team.",
        "经办干部（编号或姓名），多人可重复填写。",
    ),
    "help.aid.household": (
        "The household that received it (上腊坝村2组18号).",
        "受帮扶的住户（如 上腊坝村2组18号）。",
    ),
    "help.aid.issue": ("The issue number it helped close (实事办结).", "帮助办结的问题编号（为民办实事）。"),
    "help.aid.date": ("The day it was delivered (default today).", "帮扶日期（默认今天）。"),
    "help.aid.list": ("List aid records, filtered.", "列出帮扶记录，可筛选。"),
    "help.aid.filter_village": ("Only this village.", "只看此村（社区）。"),
    "help.aid.filter_township": ("Only villages of this township.", "只看此乡镇的村。"),
    "help.aid.filter_pairing": ("Only this pairing's aid.", "只看此结对的帮扶。"),
    "help.aid.filter_cadre": ("Only aid this cadre delivered.", "只看此干部经办的帮扶。"),
    "help.aid.since": ("Only aid on or after this day.", "只看此日及以后的帮扶。"),
    "help.aid.until": ("Only aid on or before this day.", "只看此日及以前的帮扶。"),
    "col.amount": ("Amount (yuan)", "金额（元）"),
    "col.pairing": ("Pairing", "结对"),
    "col.issue": ("Issue", "问题编号"),
    "error.aid_in_future": ("the aid date {day} is in the future", "帮扶日期 {day} 晚于今天"),
    "error.aid_pairing_village": (
        "pairing {pairing} is paired with {other}, not {village}",
        "结对 {pairing} 联系的是{other}，不是{village}",
    ),
    "error.aid_by": (
        "--by must be one of {choices}, not '{value}'",
        "--by 只能是 {choices} 之一，不能是“{value}”",
    ),
    # -- report aid ----------------------------------------------------------------------------
    "help.report.aid": (
        "Aid delivered in a period (帮扶资金和物资): by township, pairing party or cadre.",
        "某一时期的帮扶情况（帮扶资金和物资）：按乡镇、结对单位或干部汇总。",
    ),
    "help.report.aid.by": (
        "Rows by township (default), party (the pairing's unit or official) or cadre.",
        "按乡镇 township（默认）、结对单位 party 或干部 cadre 分行。",
    ),
    "report.title.aid": (
        "{name}: aid delivered {period} ({first} to {last}), amounts in yuan",
        "{name} 帮扶情况 {period}（{first} 至 {last}），金额单位：元",
    ),
    "report.col.party": ("Pairing party", "结对单位"),
    "report.col.aid_records": ("Records", "笔数"),
    "report.col.aid_households": ("Households", "户数"),
    "report.col.aid_funds": ("Funds", "资金"),
    "report.col.aid_goods": ("Goods", "物资"),
    "report.col.aid_project": ("Projects", "项目"),
    "report.col.aid_service": ("Services", "服务"),
    "report.col.aid_training": ("Training", "培训"),
    "report.col.aid_amount": ("Total", "合计"),
    "check.aid_pairing_village": (
        "pairing {pairing} is of village '{other}', not of this record's village '{village}'",
        "结对 {pairing} 属于“{other}”村，与本条帮扶的村“{village}”不符",
    ),
    # -- supervised cases (挂牌督办) -------------------------------------------------------------
    "help.issue.supervise": (
        "Put an open issue under supervision (挂牌督办) with a lead (包案领导) and, if given, a fixed deadline.",
        "挂牌督办：为未办结的问题指定包案领导，可定办结时限。",
    ),
    "help.issue.lead": (
        "The lead (包案领导): a cadre (id or name) or a unit written out.",
        "包案领导：干部编号或姓名，或单位名称。",
    ),
    "help.issue.supervise_reason": ("Why it is supervised.", "督办原因。"),
    "help.issue.supervise_deadline": (
        "The time limit: replaces the deadline in force, earlier or later.",
        "办结时限：取代现行时限，可提前也可推后。",
    ),
    "help.issue.supervised": ("Only supervised cases (挂牌督办).", "只列挂牌督办的问题。"),
    "col.supervised": ("Supervised", "督办"),
    "col.lead": ("Lead", "包案领导"),
    "word.supervised": ("supervised (挂牌督办)", "挂牌督办"),
    "word.lead": ("lead", "包案领导"),
    "error.supervise_closed": (
        "issue {number} is closed; only an open issue can be supervised (reopen it first)",
        "问题 {number} 已办结，只有未办结的问题才能挂牌督办（如需督办请先重新打开）",
    ),
    # -- report alerts (预警) --------------------------------------------------------------------
    "help.report.alerts": (
        "Alerts (预警): overdue, due within DAYS and unsatisfied cases, supervised overdue first.",
        "预警：超期、临期（DAYS 天内到期）和回访不满意的问题，督办超期件排在最前。",
    ),
    "help.report.alerts.within": (
        "Days ahead that count as due soon (default 3: today and the next three days).",
        "临期天数（默认 3：今天及之后三天内到期）。",
    ),
    "report.title.alerts": (
        "Alerts as of {as_of} (due within {within} days)",
        "预警（截至 {as_of}，{within} 天内到期为临期）",
    ),
    "report.col.alert": ("Alert", "预警"),
    "report.col.alert_days": ("Days", "天数"),
    "report.col.lead": ("Lead", "包案领导"),
    "report.col.supervised": ("Supervised", "督办"),
    "report.alert.overdue": ("overdue", "超期"),
    "report.alert.due": ("due soon", "临期"),
    "report.alert.unsatisfied": ("unsatisfied", "不满意"),
    "report.alert.supervised_mark": (", supervised", "·督办"),
    "error.within_negative": (
        "--within must be 0 or more days, not {value}",
        "--within 天数不能小于 0（现为 {value}）",
    ),
    # -- report bulletin (季度通报) -----------------------------------------------------------------
    "help.report.bulletin": (
        "The bulletin (季度通报, 比学赶超): five rates per township over a period, each ranked.",
        "季度通报（比学赶超）：各乡镇某一时期的五项比率及排名。",
    ),
    "report.title.bulletin": (
        "{name}: bulletin {period} ({first} to {last}), ranks in brackets",
        "{name} 通报 {period}（{first} 至 {last}），括号内为排名",
    ),
    "report.col.visit_rate_rank": ("Visit rate rank", "走访率排名"),
    "report.col.close_rate_rank": ("Close rate rank", "办结率排名"),
    "report.col.on_time_rate_rank": ("On-time rate rank", "按期办结率排名"),
    "report.col.resolution_rate_rank": ("Resolution rate rank", "化解率排名"),
    "report.col.satisfaction_rate_rank": ("Satisfaction rate rank", "满意率排名"),
    "report.col.bulletin_visited": ("Households visited", "走访户数"),
    "report.col.bulletin_households": ("Households", "总户数"),
    "report.col.bulletin_carried_over": ("Carried over", "期初结转"),
    "report.col.bulletin_new": ("New", "新增"),
    "report.col.bulletin_reopened": ("Reopened", "重新办理"),
    "report.col.bulletin_closed": ("Closed", "办结"),
    "report.col.bulletin_closed_on_time": ("Closed on time", "按期办结"),
    "report.col.bulletin_resolved": ("Resolved", "已解决"),
    "report.col.bulletin_followups": ("Follow-ups", "回访"),
    "report.col.bulletin_satisfied": ("Satisfied", "满意"),
    "report.col.bulletin_basically": ("Basically", "基本满意"),
}

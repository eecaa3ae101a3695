"""Words of the roster, the visit log and their reports (SPEC §8)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "error.bad_cadre_code": (
        "'{code}' is not a cadre id; it looks like C3 or QL-C3",
        "“{code}”不是干部编号，应为 C3 或 QL-C3 这样的格式",
    ),
    "error.bad_visit_code": (
        "'{code}' is not a visit id; it looks like V3 or QL-V3",
        "“{code}”不是走访编号，应为 V3 或 QL-V3 这样的格式",
    ),
    "error.bad_issue_code": (
        "'{code}' is not an issue number; it looks like 42 or QL-42",
        "“{code}”不是问题编号，应为 42 或 QL-42 这样的格式",
    ),
    "error.no_cadre": ("no cadre '{code}'", "没有编号为“{code}”的干部"),
    "error.no_visit": ("no visit '{code}'", "没有编号为“{code}”的走访记录"),
    "check.unknown_cadre": ("unknown cadre {code}", "不存在的干部 {code}"),
    "check.unknown_visit": ("unknown visit {code}", "不存在的走访记录 {code}"),
    "check.unknown_pairing": ("unknown pairing {code}", "不存在的结对 {code}"),
    "check.unknown_issue": ("unknown issue {code}", "不存在的问题 {code}"),
    "error.visit_other_village": (
        "visit {visit} was in {code}, not {village}: an issue raised on it is in its village",
        "走访 {visit} 在{code}，不是{village}：走访中提出的问题属于该走访的村",
    ),
    "error.visit_other_source": (
        "visit {visit} gives the source {wanted}, not {source}",
        "走访 {visit} 的问题来源应为 {wanted}，不是 {source}",
    ),
    "error.issue_before_visit": (
        "an issue raised on visit {visit} cannot be received before the visit's day {day}",
        "走访 {visit} 中提出的问题，受理日期不能早于走访日 {day}",
    ),
    "col.visit": ("Visit", "走访记录"),
    "help.issue.visit": (
        "The visit it was raised on (V12): takes the visit's village, day and first visitor as "
        "owner (首访负责制), and the visit lists the issue.",
        "提出问题的走访（如 V12）：村、日期取自该走访，首访干部为责任人（首访负责制），走访记录同时登记此问题。",
    ),
    "check.issue_visit_unlisted": (
        "visit {visit} does not list this issue in its issues",
        "走访 {visit} 的 issues 中没有登记本问题",
    ),
    "check.issue_visit_village": (
        "raised on visit {visit}, which was in village {village}: the issue is in another village",
        "本问题在走访 {visit} 中提出，该走访在 {village}，问题却登记在别的村",
    ),
    "check.visit_issue_unlinked": (
        "issue {number} does not name this visit (its visit: {visit})",
        "问题 {number} 未指向本次走访（其 visit 为：{visit}）",
    ),
    "error.no_cadre_named": (
        "no cadre '{text}' on the roster (nearest: {candidates})",
        "干部名册中没有“{text}”（相近的有：{candidates}）",
    ),
    "error.cadre_ambiguous": (
        "'{text}' names more than one cadre: {candidates}; use the id",
        "“{text}”对应多名干部：{candidates}；请用编号",
    ),
    "error.cadre_name_taken": (
        "{name} is already on the roster as {id}; tell two people apart in the name, e.g. 张伟(水务局)",
        "名册中已有 {name}（{id}）；同名的两人请在姓名中区分，如 张伟(水务局)",
    ),
    "error.cadre_ended": ("cadre {id} already left on {day}", "干部 {id} 已于 {day} 离任"),
    "error.cadre_end_before_start": (
        "cadre {id} cannot leave before joining ({since})",
        "干部 {id} 的离任日期不能早于到任日期（{since}）",
    ),
    "error.bad_period": (
        "'{value}' is not a period; use a month 2026-10, a quarter 2026-Q3 or a year 2026",
        "“{value}”不是有效的期间；请用月份 2026-10、季度 2026-Q3 或年份 2026",
    ),
    "error.cadre_not_active": (
        "cadre {id} {name} was not active on {day} (on the roster {since} – {until})",
        "干部 {id} {name} 在 {day} 不在任（在任期间 {since} 至 {until}）",
    ),
    "error.cadre_twice": ("cadre {id} is named twice", "干部 {id} 重复填写"),
    "error.visit_in_future": (
        "{day} is in the future; a visit is logged after it",
        "{day} 尚未到来；走访须在发生后登记",
    ),
    "error.visit_no_cadre": ("a visit needs at least one --cadre", "走访记录至少需要一名干部（--cadre）"),
    "error.people_negative": (
        "--people cannot be below 0 (got {value})",
        "--people 不能小于 0（填的是 {value}）",
    ),
    "error.household_empty": ("a --household label is empty", "--household 户名不能为空"),
    "msg.cadre_ended": ("cadre {id} left on {day}", "干部 {id} 已于 {day} 离任"),
    "word.yes": ("yes", "是"),
    "word.no": ("no", "否"),
    "col.rank": ("Rank", "级别"),
    "col.unit": ("Unit", "工作单位"),
    "col.post": ("Post", "职务"),
    "col.targets": ("Yearly targets", "年度目标"),
    "col.days": ("Days", "住村天数"),
    "col.deeds": ("Deeds", "实事"),
    "col.date": ("Date", "日期"),
    "col.cadres": ("Cadres", "干部"),
    "col.households_visited": ("Households visited", "走访农户"),
    "col.people": ("People", "人次"),
    "col.stayed": ("Stayed", "住村"),
    "col.answered": ("Answered on the spot", "当场答复"),
    "col.issues": ("Issues", "问题"),
    "col.note": ("Note", "备注"),
    "col.ref": ("Ref", "序号"),
    "help.cadre": (
        "The cadre roster (干部名册): add, list, show, end.",
        "干部名册：新增、列表、查看、离任。",
    ),
    "help.cadre.add": (
        "Put a cadre on the roster; prints the new id (C3). A name already on the roster is refused: "
        "tell two people of one name apart in it, e.g. 张伟(水务局).",
        "新增干部，输出新编号（如 C3）。名册中已有的姓名不能重复：同名的两人请在姓名中区分，如 张伟(水务局)。",
    ),
    "help.cadre.name": ("Full name, unique on the roster.", "姓名（名册中唯一）。"),
    "help.cadre.rank": (
        "Rank: province 省级, prefecture 市厅级, county 县级, township 乡镇级, village 村级.",
        "级别：省级、市厅级、县级、乡镇级、村级（也可用英文）。",
    ),
    "help.cadre.unit": ("Work unit (工作单位).", "工作单位。"),
    "help.cadre.post": ("Post (职务).", "职务。"),
    "help.cadre.phone": ("A work phone (printed on contact cards).", "工作电话（印在联系卡上）。"),
    "help.cadre.township": ("Home township code.", "所在乡镇代码。"),
    "help.cadre.since": ("First active day (default: today).", "到任日期（默认今天）。"),
    "help.cadre.list": ("List the roster, by id.", "按编号列出干部名册。"),
    "help.cadre.filter_rank": ("Only this rank.", "仅此级别。"),
    "help.cadre.filter_township": ("Only cadres of this township.", "仅此乡镇的干部。"),
    "help.cadre.active_on": ("Only cadres active on this day.", "仅在该日在任的干部。"),
    "help.cadre.show": (
        "Show one cadre and the yearly targets in force for them.",
        "查看一名干部及其适用的年度目标。",
    ),
    "help.cadre.arg": ("A cadre id (C3, QL-C3) or the exact name.", "干部编号（C3、QL-C3）或完整姓名。"),
    "help.cadre.end": ("Take a cadre off the roster from a day on.", "干部离任。"),
    "help.cadre.end_date": ("The last active day (default: today).", "最后在任日期（默认今天）。"),
    "help.visit": ("The visit log (走访记录): add, list, show.", "走访记录：新增、列表、查看。"),
    "help.visit.add": (
        "Log a visit; prints the new id (V12). The cadres must be on the roster and active that day.",
        "登记一次走访，输出新编号（如 V12）。干部须在名册中且当日在任。",
    ),
    "help.visit.village": ("Code or name of the village visited.", "走访的村（社区）代码或名称。"),
    "help.visit.cadre": (
        "A visiting cadre, id or name (repeat for the team; the first is the first visitor).",
        "走访干部，编号或姓名（可重复；第一位为首访人）。",
    ),
    "help.visit.kind": (
        "home 入户走访 (default), duty-day 坐访值班, meeting 座谈会, night 夜访.",
        "走访方式：入户走访（默认）、坐访值班、座谈会、夜访。",
    ),
    "help.visit.household": (
        "A household visited, as the seeds write it: 上腊坝村2组18号 (repeat).",
        "走访的农户，如 上腊坝村2组18号（可重复）。",
    ),
    "help.visit.people": (
        "People met (人次; default: the number of households).",
        "走访人次（默认等于户数）。",
    ),
    "help.visit.stayed": ("The team lived in the village that day (住村).", "当日住村。"),
    "help.visit.note": ("What was seen and said (民情日记).", "民情日记内容。"),
    "help.visit.answered": (
        "A matter answered or solved on the spot (当场答复解决; repeat). It is counted, not entered as an issue.",
        "当场答复解决的事项（可重复）；计入统计，不登记为问题。",
    ),
    "help.visit.date": (
        "The day of the visit (default: today; not in the future).",
        "走访日期（默认今天，不能是将来）。",
    ),
    "help.visit.list": ("List visits, by id.", "按编号列出走访记录。"),
    "help.visit.filter_village": ("Only this village.", "仅此村。"),
    "help.visit.filter_township": ("Only villages of this township.", "仅此乡镇的村。"),
    "help.visit.filter_cadre": ("Only visits this cadre was on.", "仅此干部参加的走访。"),
    "help.visit.since": ("Only visits on or after this day.", "仅此日及以后的走访。"),
    "help.visit.until": ("Only visits on or before this day.", "仅此日及以前的走访。"),
    "help.visit.show": ("Show one visit.", "查看一次走访。"),
    "help.visit.id": ("The visit's id, e.g. V12.", "走访编号，如 V12。"),
    "report.col.villages": ("Villages", "村数"),
    "report.col.households": ("Households", "户数"),
    "report.col.visited": ("Visited", "走访户数"),
    "report.col.visit_rate": ("Visit rate", "走访率"),
    "report.col.visits": ("Visits", "走访次数"),
    "report.col.people": ("People", "走访人次"),
    "report.col.cadre_days": ("Cadre-days stayed", "住村人天"),
    "report.col.unvisited": ("Unvisited villages", "未走访村"),
    "report.col.answered": ("Answered on the spot", "当场答复"),
    "report.col.raised": ("Issues raised", "登记问题"),
    "report.col.cadre": ("Cadre", "干部"),
    "report.col.rank": ("Rank", "级别"),
    "report.col.unit": ("Unit", "工作单位"),
    "report.col.households_target": ("Households target", "走访户目标"),
    "report.col.days": ("Days stayed", "住村天数"),
    "report.col.days_target": ("Days target", "住村目标"),
    "report.col.owned": ("Owned open", "在办负责"),
    "report.col.deeds": ("Deeds", "实事"),
    "report.col.deeds_target": ("Deeds target", "实事目标"),
    "report.col.behind": ("Behind", "未达标"),
    "report.title.visits": (
        "{name}: visits {period} ({first} – {last})",
        "{name} {period} 走访情况（{first} 至 {last}）",
    ),
    "report.title.cadres": (
        "{name}: cadres {period} ({first} – {last})",
        "{name} {period} 干部下基层情况（{first} 至 {last}）",
    ),
    "help.report.visits": (
        "Visits by township (or by village with --township): households visited, visit rate (走访率), "
        "cadre-days stayed, answers on the spot, issues raised. PERIOD: 2026-10, 2026-Q3 or 2026.",
        "按乡镇（用 --township 时按村）统计走访：走访户数、走访率、住村人天、当场答复、登记问题。"
        "期间：2026-10、2026-Q3 或 2026。",
    ),
    "help.report.cadres": (
        "Each cadre active in the period: visits, households, days stayed and deeds against the yearly "
        "targets pro-rated to the period; issues owned and closed. PERIOD: 2026-10, 2026-Q3 or 2026.",
        "在任干部逐人统计：走访次数、走访户数、住村天数、实事（对照按期间折算的年度目标），负责和办结的问题。"
        "期间：2026-10、2026-Q3 或 2026。",
    ),
    "help.report.period": (
        "A month 2026-10, a quarter 2026-Q3 or a year 2026.",
        "月份 2026-10、季度 2026-Q3 或年份 2026。",
    ),
    "help.report.visits.township": ("One row per village of this township.", "按该乡镇的村逐行统计。"),
    "help.report.cadres.township": ("Only cadres of this home township.", "仅该乡镇的干部。"),
    "help.report.cadres.rank": ("Only cadres of this rank.", "仅此级别的干部。"),
    "report.col.households_of_target": ("Households / target", "走访户/目标"),
    "report.col.days_of_target": ("Days / target", "住村/目标"),
    "report.col.deeds_of_target": ("Deeds / target", "实事/目标"),
    "check.cadre_name_twice": (
        "the name {name} is on the roster twice (also {other}); tell the two apart in the name",
        "名册中姓名 {name} 重复（另见 {other}）；请在姓名中区分两人",
    ),
    "check.visit_cadre_inactive": (
        "cadre {id} was not active on {day} (on the roster {since} – {until})",
        "干部 {id} 在 {day} 不在任（在任期间 {since} 至 {until}）",
    ),
    "error.pairing_no_party": (
        "a pairing needs --party or --cadre",
        "结对须填写 --party（结对方）或 --cadre（干部）",
    ),
    "help.pairing.cadre": (
        "The paired cadre (id or name); stored as `cadre: <id>`, and --party defaults to the name.",
        "结对干部（编号或姓名）；记为 cadre 编号，--party 默认为其姓名。",
    ),
}

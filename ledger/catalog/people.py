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
    "check.unknown_pairing": ("unknown pairing {code}", "不存在的结对 {code}"),
    "check.unknown_issue": ("unknown issue {code}", "不存在的问题 {code}"),
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
}

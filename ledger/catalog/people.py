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
}

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
}

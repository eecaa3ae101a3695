"""Words of the lead's integration fixes."""

MESSAGES: dict[str, tuple[str, str]] = {
    "msg.columns_hidden": (
        "(not shown at {width} columns: {columns}; a wider terminal or --format csv shows every column)",
        "（终端宽 {width} 列，未显示：{columns}；加宽终端或用 --format csv 可看全部列）",
    ),
}

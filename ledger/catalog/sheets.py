"""Messages of spreadsheets in and out (SPEC §10): `--output`, `--format xlsx`, `import`."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- output -----------------------------------------------------------------------------
    "help.opt.output": (
        "Write the output to this file (any format; replaced atomically) instead of the screen, e.g. --output 台账.xlsx.",
        "把结果写入该文件（任何格式，整体替换，不会写坏）而不是显示在屏幕上，如 --output 台账.xlsx。",
    ),
    "error.xlsx_terminal": (
        "an xlsx workbook cannot be shown on the screen; add --output FILE.xlsx (or redirect it into a file)",
        "xlsx 工作簿无法显示在屏幕上；请加 --output 文件名.xlsx（或重定向到文件）",
    ),
}

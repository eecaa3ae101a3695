"""Messages of the review fixes (a new clerk's findings): html on a terminal, office, pairings."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "error.html_terminal": (
        "an html page cannot be shown on the screen; add --output FILE.html (or redirect it into a file), or use -f json",
        "html 网页无法显示在屏幕上；请加 --output 文件名.html（或重定向到文件），或改用 -f json",
    ),
    "error.no_issue_but": (
        "no issue {number} (did you mean {others}?)",
        "没有编号为 {number} 的问题（是否想用 {others}？）",
    ),
    "col.person": ("Name", "姓名"),  # a person's name (the roster); places have 名称
    "village.pairing_until": (" (until {day})", "（至 {day}）"),
    # -- notes an import writes into an issue's history (in the ledger's lang, as commits) -----
    "import.note.imported": ("imported from {origin} on {day}", "{day} 从 {origin} 导入"),
    "import.note.closed_on_paper": ("closed on paper ({origin})", "纸质台账上已办结（{origin}）"),
}

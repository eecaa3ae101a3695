"""Messages of the review fixes (a new clerk's findings): html on a terminal, office, pairings."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "error.html_terminal": (
        "an html page cannot be shown on the screen; add --output FILE.html (or redirect it into a file), or use -f json",
        "html 网页无法显示在屏幕上；请加 --output 文件名.html（或重定向到文件），或改用 -f json",
    ),
}

"""The public notice board (公示) of one village, with residents' private data hidden.

What goes on the board (SPEC §6): the village's issues that are not `private` and that, as of
the board's day, are open or were closed within the last 30 days (close day on or after the
board's day minus 30 days). A reporter appears only as surname + 某; phone numbers and ID-card
numbers are scrubbed from every text printed (titles, owners, names).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from ledger.facts import IssueFacts
from ledger.state import at as state_at

RECENT_DAYS = 30
MASK = "***"

# Two-character compound surnames (复姓) that stay whole: 欧阳某, not 欧某.
_COMPOUND = (
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 夏侯 轩辕 令狐 钟离 "
    "端木 独孤 南宫 西门 百里 呼延 澹台 公冶 太史 申屠 闻人 赫连 万俟 濮阳 淳于 单于 第五 "
    "东郭 左丘 拓跋 羊舌 微生 梁丘 公羊 仲孙 亓官 谷梁 宰父 夹谷 巫马 漆雕 乐正 壤驷"
)
COMPOUND_SURNAMES = frozenset(_COMPOUND.split(" "))

# Longest patterns first. Digits are matched with \d, so full-width digits (１３８…) count too.
_NOT_DIGIT_BEFORE = r"(?<![\dA-Za-z])"
_NOT_DIGIT_AFTER = r"(?![\dA-Za-z])"
_SEP = r"[ \-－‐—]?"  # an optional separator: space, hyphen, full-width or long dash


def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text.replace("{SEP}", _SEP))


_SCRUB_PATTERNS = [
    # ID card (居民身份证): 17 digits and a check digit or X; also written in groups 6-8-4.
    _pattern(_NOT_DIGIT_BEFORE + r"\d{6}{SEP}\d{8}{SEP}\d{3}[\dXxＸｘ]" + _NOT_DIGIT_AFTER),
    # Mobile: 11 digits starting with 1, optionally +86/0086 and grouped 3-4-4.
    _pattern(_NOT_DIGIT_BEFORE + r"(?:(?:\+|00)86{SEP})?[1１]\d{2}{SEP}\d{4}{SEP}\d{4}" + _NOT_DIGIT_AFTER),
    # Landline: area code 0 + 2–3 digits (optionally in brackets), then 7–8 digits, extension.
    _pattern(
        _NOT_DIGIT_BEFORE
        + r"(?:[(（][0０]\d{2,3}[)）]{SEP}|[0０]\d{2,3}{SEP})"
        + r"\d{3,4}{SEP}\d{4}(?:{SEP}(?:转|ext\.?|x)\d{1,6})?"
        + _NOT_DIGIT_AFTER
    ),
    # Anything else that is a long run of digits (an unformatted number of some kind).
    _pattern(_NOT_DIGIT_BEFORE + r"\d{11,}" + _NOT_DIGIT_AFTER),
]

# A number typed in groups however the clerk spaced it: 138　1234　5678 (ideographic spaces),
# 138.1234.5678, 138 - 1234 - 5678, 5301 0219 9003 0712 34. Groups of three digits or more, so
# dates (2026-03-05, 2026.3.5) and house numbers never join up; masked when the groups hold 11
# digits or more, as a phone or an ID card does (before the patterns below, which would take
# a piece of it).
_GAP = r"[\s\u3000.．·・\-－‐‑‒–—―_]{1,3}"
_GROUPED = re.compile(
    _NOT_DIGIT_BEFORE
    + r"(?:(?:\+|＋|00)86" + _GAP + r")?"
    + r"\d{3,}(?:" + _GAP + r"\d{3,})*" + _GAP + r"\d{2,}[XxＸｘ]?" + _NOT_DIGIT_AFTER
)  # fmt: skip
_LONG_ENOUGH = 11


def _grouped(match: re.Match[str]) -> str:
    digits = sum(ch.isdigit() for ch in match.group())
    return MASK if digits >= _LONG_ENOUGH else match.group()


def scrub(text: str | None) -> str:
    """`text` with phone numbers and ID-card numbers replaced by `***`. The one scrub: the
    notice board in every format, its html page and the contact cards all go through it."""
    if not text:
        return ""
    text = _GROUPED.sub(_grouped, text)
    for pattern in _SCRUB_PATTERNS:
        text = pattern.sub(MASK, text)
    return text


def masked_name(name: str | None) -> str:
    """张三 → 张某, 欧阳修 → 欧阳某; empty when there is no name."""
    name = (name or "").strip()
    if not name:
        return ""
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES else name[0]
    if not surname.strip() or surname[0].isdigit():
        return "某"
    return surname + "某"


def _hide_reporter(text: str, reporter: str | None) -> str:
    """Replace the reporter's full name wherever a text spells it out."""
    name = (reporter or "").strip()
    if len(name) >= 2 and name in text:
        text = text.replace(name, masked_name(name))
    return scrub(text)


def notice(issues: Iterable[IssueFacts], village: str, as_of: date) -> list[dict[str, Any]]:
    """The board's rows for `village` as of the end of `as_of`, by number.

    Each row: number, title, category, level, owner, deadline, status, reporter (masked),
    closed (the close day, for closed ones). Every text is scrubbed.
    """
    since = as_of - timedelta(days=RECENT_DAYS)
    rows = []
    for issue in sorted(issues, key=lambda f: f.sort_key):
        if issue.village != village or issue.private:
            continue
        now = state_at(issue, as_of)
        if not now.exists:
            continue
        closed_day = None if now.open or now.last_close is None else now.last_close.day
        if not now.open and (closed_day is None or closed_day < since):
            continue
        rows.append(
            {
                "number": issue.number,
                "title": _hide_reporter(issue.title, issue.reporter_name),
                "category": issue.category,
                "level": now.level,
                "owner": _hide_reporter(now.owner or "", issue.reporter_name) or None,
                "deadline": now.deadline,
                "status": "open" if now.open else "closed",
                "closed": closed_day,
                "reporter": masked_name(issue.reporter_name) or None,
            }
        )
    return rows

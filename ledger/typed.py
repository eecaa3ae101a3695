"""Input as clerks type it (SPEC §4): the one place where typed numbers, ids, dates, months,
counts and phone numbers are read, and where a value is judged plausible.

Clerks type on Chinese input methods: digits and signs may come full-width (`１２`, `＃12`,
`２０２６／３／５`), numbers may read `12号` or `第12号`, dates `2026/3/5`, `2026.3.5` or
`2026年3月5日`. Every reader below folds such text (NFKC) before matching, so each form is
accepted wherever a value of its kind is taken. Pure: no files, no clock.

"Plausible" (what the README promises): a date between `EARLIEST` and `LATEST`; a count within
the bound `COUNT_LIMITS` gives its kind; a phone number as Chinese phones are written (a mobile of
11 digits starting 13–19, or a landline of 7–8 digits, with its 0-led area code or without).
Unreadable input is a `UsageError` (exit 2); readable but implausible input is `Invalid` (exit 1).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, time, tzinfo
from typing import Any

from ledger.errors import Invalid, UsageError

# Dates of this century only: the campaigns began in the 2010s, and a year like 0001 or 9999 is
# a slip of the keyboard (or a spreadsheet's idea of an empty cell), never a real event.
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)

# Upper bounds of the counts clerks type; beyond them the number is a typo (a key held down).
COUNT_LIMITS: dict[str, int] = {
    "households": 100_000,  # households of one village or community (社区 reach tens of thousands)
    "people": 10_000,  # people met on one visit (a mass meeting, not a county)
    "visits_per_year": 1_000,  # visits a pairing promises a year
}

# Units a clerk may type after a count: 412户, 30人, 12次, 5个.
_UNITS = "户人次个名"


def fold(text: str) -> str:
    """`text` with full-width letters, digits and signs made plain (NFKC) and trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


# Patterns are compiled on first use (re caches them), not at import: `issue show` reads a
# number, and start-up pays for no date or phone pattern it does not use.

# -- numbers and ids ---------------------------------------------------------------------------

_ISSUE_RE = r"^(?:([A-Za-z][A-Za-z0-9]{0,9})-)?([1-9][0-9]{0,8})$"
_NO_MARK_RE = r"(?a)^(?:#|No\.?|NO\.?|no\.?)\s*"


def id_text(text: str) -> str:
    """The bare id in a typed one: `＃12`, `12号`, `第12号`, `No. 12`, ` ql－１２ ` → `12`,
    `ql-12` (letters are left as typed; each kind decides on case)."""
    value = fold(text) if isinstance(text, str) else ""
    value = re.sub(_NO_MARK_RE, "", value)
    if value.startswith("第"):
        value = value[1:].strip()
    if value.endswith(("号", "號")):
        value = value[:-1].strip()
    return value


def parse_number(text: str) -> tuple[str | None, int]:
    """An issue NUMBER as typed → (office prefix or None, n); anything else is a usage error."""
    match = re.match(_ISSUE_RE, id_text(text))
    if not match:
        raise UsageError("error.bad_number", value=text)
    prefix = match.group(1).upper() if match.group(1) else None
    return prefix, int(match.group(2))


_RECORD_ID_RE = r"(?a)^(?:([A-Za-z][A-Za-z0-9]{0,9})-)?([A-Za-z])([1-9][0-9]{0,8})$"


def record_id(text: str, letter: str) -> tuple[str | None, int] | None:
    """A typed id of the kind whose ids read `<letter><n>` (C3, V12, P3), with or without an
    office prefix, in any case, full-width, `#`, `号`, `第…号` → (prefix or None, n); None when
    `text` is not such an id."""
    match = re.match(_RECORD_ID_RE, id_text(text))
    if not match or match.group(2).upper() != letter.upper():
        return None
    return (match.group(1).upper() if match.group(1) else None), int(match.group(3))


def id_candidates(text: str, letter: str, office: str | None) -> list[str] | None:
    """The ids a typed id can mean, most likely first: in a QL copy `C3` is QL-C3 when that
    exists, else C3. None when `text` is not an id of that kind."""
    parsed = record_id(text, letter)
    if parsed is None:
        return None
    prefix, n = parsed
    letter = letter.upper()
    if prefix:
        return [f"{prefix}-{letter}{n}"]
    return [f"{office}-{letter}{n}", f"{letter}{n}"] if office else [f"{letter}{n}"]


# -- dates -------------------------------------------------------------------------------------

_DAY_RES = (
    # 2026-03-05, 2026-3-5, 2026/3/5, 2026.3.5: one separator throughout
    r"(?a)^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$",
    # 2026年3月5日 (日 or 号, or nothing after the day; spaces between parts)
    r"(?a)^(\d{4})\s*(年)\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$",
)
_MONTH_RES = (
    r"(?a)^(\d{4})[-/.](\d{1,2})$",
    r"(?a)^(\d{4})\s*年\s*(\d{1,2})\s*月?$",
)
_MOMENT_RE = (
    r"(?a)^(?P<day>.+?)(?:(?:T|\s+)(?P<time>\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)$"
)


def plausible_day(day: date, what: str, typed: Any = None) -> date:
    """`day` when it lies between EARLIEST and LATEST; else `Invalid` naming the range."""
    if not EARLIEST <= day <= LATEST:
        raise Invalid(
            "input.implausible_date",
            what=what,
            value=day.isoformat() if typed is None else typed,
            first=EARLIEST.isoformat(),
            last=LATEST.isoformat(),
        )
    return day


def read_day(text: str) -> date | None:
    """The calendar day `text` names in any of the accepted forms, or None (no range check)."""
    value = fold(text) if isinstance(text, str) else ""
    for pattern in _DAY_RES:
        match = re.match(pattern, value)
        if match:
            try:
                return date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
            except ValueError:
                return None
    return None


def parse_day(text: str, what: str = "date") -> date:
    """A date as typed → a plausible date. Unreadable (`tomorrow`, `3/1`, `2026-02-30`): usage
    error; outside EARLIEST…LATEST: `Invalid`."""
    day = read_day(text)
    if day is None:
        raise UsageError("error.bad_date", what=what, value=text)
    return plausible_day(day, what, text)


def parse_month(text: str) -> tuple[int, int]:
    """`2026-03`, `2026-3`, `2026/3`, `2026.3`, `2026年3月` (full-width too) → (year, month)."""
    value = fold(text) if isinstance(text, str) else ""
    for pattern in _MONTH_RES:
        match = re.match(pattern, value)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            if 1 <= month <= 12 and EARLIEST.year <= year <= LATEST.year:
                return year, month
            break
    raise UsageError("error.bad_month", value=text)


def parse_moment(text: str, what: str = "--date", zone: tzinfo | None = None) -> datetime | date:
    """A `--date` value: a day alone in any accepted form, or a day and a time (`2026-03-05
    10:30`, `2026/3/5T10:30+08:00`); a time without an offset is read in `zone` (the ledger's
    timezone), else with the machine's offset."""
    value = fold(text) if isinstance(text, str) else ""
    if read_day(value) is not None:
        return parse_day(value, what)
    match = re.match(_MOMENT_RE, value)
    day = read_day(match.group("day")) if match else None
    if match is None or day is None:
        raise UsageError("error.bad_date", what=what, value=text)
    clock = match.group("time")
    hours, _, rest = clock.partition(":")
    try:
        moment = datetime.combine(day, time.fromisoformat(f"{int(hours):02d}:{rest}"))
        offset = match.group("tz")  # (not `zone`: that is the ledger's, for a time without one)
        if offset:
            moment = datetime.fromisoformat(moment.isoformat() + ("+00:00" if offset == "Z" else offset))
    except ValueError:
        raise UsageError("error.bad_date", what=what, value=text) from None
    plausible_day(day, what, text)
    if moment.tzinfo:
        return moment
    return moment.replace(tzinfo=zone) if zone is not None else moment.astimezone()


# -- counts and phones ---------------------------------------------------------------------------

_COUNT_RE = r"^(-?)(\d{1,3}(?:,\d{3})+|\d+)\s*[" + _UNITS + r"]?$"


def parse_count(value: str | int, what: str, kind: str) -> int:
    """A whole number ≥ 0 as typed (`412`, `４１２`, `412户`, `1,200`) within `COUNT_LIMITS[kind]`.

    Unreadable: usage error; below 0 or too big: `Invalid` naming the bound.
    """
    limit = COUNT_LIMITS[kind]
    if isinstance(value, bool):
        raise UsageError("input.bad_count", what=what, value=str(value))
    if isinstance(value, int):
        number = value
    else:
        match = re.match(_COUNT_RE, fold(value)) if isinstance(value, str) else None
        if not match:
            raise UsageError("input.bad_count", what=what, value=value)
        number = int(match.group(2).replace(",", "")) * (-1 if match.group(1) else 1)
    if number < 0:
        raise Invalid("input.negative_count", what=what, value=value)
    if number > limit:
        raise Invalid("input.implausible_count", what=what, value=value, limit=f"{limit:,}")
    return number


_SEPARATORS_RE = r"[\s.\-()（）]"
_MOBILE_RE = r"(?a)^(?:\+?86)?(1[3-9]\d{9})$"
# An area code is 3 digits for 010 and 02x, else 4; the number after it 7 or 8 digits.
_LANDLINE_RE = r"(?a)^(?:\+?86)?(?:(01\d|02\d|0[3-9]\d\d)(\d{7,8})|([2-9]\d{6,7}))$"
# A note clerks write after the number: 13912345678（儿子）, 13912345678 儿子.
_PHONE_NOTE_RE = r"(?a)^([+\d\s.\-()（）]*\d)\s*[(（]?([^\d\s.\-+()（）][^\d()（）]*?)[)）]?\s*$"
NO_PHONE = ("无", "没有", "暂无", "none", "-", "—", "/")


def parse_phone(text: str, what: str = "--phone") -> str | None:
    """A phone number as typed → as stored: a mobile as its 11 digits (`138 1234 5678`,
    `+86 13812345678` → `13812345678`), a landline as `0871-5123456` (area code, if any, then
    7–8 digits), a note after it kept (`13912345678（儿子）`); `无` is no phone (None). Anything
    else is refused as not a phone number (`Invalid`)."""
    value = fold(text).strip() if isinstance(text, str) else ""
    if value.lower() in NO_PHONE:
        return None
    note = re.match(_PHONE_NOTE_RE, value)
    number = _phone_digits(note.group(1) if note else value)
    if number is None:
        raise Invalid("input.not_a_phone", what=what, value=text)
    return f"{number}（{note.group(2).strip()}）" if note else number


def _phone_digits(value: str) -> str | None:
    digits = re.sub(_SEPARATORS_RE, "", value)
    mobile = re.match(_MOBILE_RE, digits)
    if mobile:
        return mobile.group(1)
    landline = re.match(_LANDLINE_RE, digits)
    if landline:
        return f"{landline.group(1)}-{landline.group(2)}" if landline.group(1) else landline.group(3)
    return None


# -- text from the terminal -----------------------------------------------------------------------


def undecodable(text: str) -> bool:
    """Whether `text` holds bytes that were not UTF-8: Python keeps each as a lone surrogate
    (U+DC80–U+DCFF, "surrogateescape"), as it does for the argv of a terminal set to GBK."""
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def check_utf8(values: Iterable[str], where: str = "argv") -> None:
    """Refuse text that is not valid UTF-8 (a GBK terminal), before anything is read or written;
    `where` is `argv` (the command line) or `answer` (typed at a prompt)."""
    for value in values:
        if isinstance(value, str) and undecodable(value):
            raise UsageError(f"input.not_utf8.{where}", value=shown_bytes(value))


def shown_bytes(value: str) -> str:
    """Text that was not UTF-8, shown as a clerk can recognize it: read as GBK when it is GBK
    (`路灯坏了`), else with its bytes escaped (`\\xb5`)."""
    raw = value.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("gbk")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")

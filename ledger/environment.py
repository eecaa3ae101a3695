"""The documented `$CASELEDGER_*` variables, each read and checked in one place.

A bad value is a `UsageError` (one `error:` line, exit 2) naming the variable, what it holds and
what it takes; never a traceback, never silently ignored. `check()` looks at every variable that
is set, so a command fails on a bad one before it reads or writes anything, whatever it uses.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from datetime import datetime

from ledger.errors import UsageError

ROOT = "CASELEDGER_ROOT"
ACTOR = "CASELEDGER_ACTOR"
LANG = "CASELEDGER_LANG"
OFFICE = "CASELEDGER_OFFICE"
NOW = "CASELEDGER_NOW"
NO_INDEX = "CASELEDGER_NO_INDEX"
LOCK_TIMEOUT = "CASELEDGER_LOCK_TIMEOUT"
GIT_WAIT = "CASELEDGER_GIT_WAIT"

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("", "0", "false", "no", "off")
MAX_SECONDS = 24 * 3600.0  # a wait of more than a day is a typo


def _bad(name: str, value: str, expected: str) -> UsageError:
    from ledger.typed import undecodable

    shown = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if undecodable(value):
        expected = "utf8"
    return UsageError(f"env.bad.{expected}", name=name, value=shown)


def _raw(name: str) -> str | None:
    return os.environ.get(name)


def root() -> str | None:
    """`$CASELEDGER_ROOT`, the ledger folder (None when unset or empty)."""
    value = _raw(ROOT)
    if value is None or not value.strip():
        return None
    if "\x00" in value or _text_bad(value):
        raise _bad(ROOT, value, "folder")
    return value


def actor() -> str | None:
    """`$CASELEDGER_ACTOR`, who is acting (None when unset or blank)."""
    value = _raw(ACTOR)
    if value is None or not value.strip():
        return None
    if _text_bad(value) or len(value.strip()) > 200:
        raise _bad(ACTOR, value, "name")
    return value.strip()


def lang() -> str | None:
    """`$CASELEDGER_LANG`: en or zh (zh_CN, en_US.UTF-8 … too); None when unset or empty."""
    from ledger.i18n import normalize_lang

    value = _raw(LANG)
    if value is None or not value.strip():
        return None
    chosen = normalize_lang(value)
    if chosen is None or _text_bad(value):
        raise _bad(LANG, value, "lang")
    return chosen


def office() -> str | None:
    """`$CASELEDGER_OFFICE`, this copy's number prefix (None when unset or blank)."""
    from ledger.patterns import office_code

    value = _raw(OFFICE)
    if value is None or not value.strip():
        return None
    try:
        return office_code(value)
    except ValueError:
        raise _bad(OFFICE, value, "office") from None


def now() -> datetime | None:
    """`$CASELEDGER_NOW`, the pinned clock (an ISO date and time; None when unset or empty)."""
    value = _raw(NOW)
    if value is None or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise _bad(NOW, value, "now") from None
    return moment if moment.tzinfo else moment.astimezone()


def no_index() -> bool:
    """`$CASELEDGER_NO_INDEX`: 1/true/yes/on bypasses the index; 0/false/no/off or empty does not."""
    value = _raw(NO_INDEX)
    if value is None:
        return False
    low = value.strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise _bad(NO_INDEX, value, "flag")


def seconds(name: str, default: float) -> float:
    """A wait in seconds (`$CASELEDGER_LOCK_TIMEOUT`, `$CASELEDGER_GIT_WAIT`): a number from 0
    to a day; `default` when unset or empty."""
    value = _raw(name)
    if value is None or not value.strip():
        return default
    try:
        number = float(value.strip())
    except ValueError:
        raise _bad(name, value, "seconds") from None
    if not math.isfinite(number) or not 0 <= number <= MAX_SECONDS:
        raise _bad(name, value, "seconds")
    return number


def lock_timeout() -> float:
    return seconds(LOCK_TIMEOUT, 60.0)


def git_wait(default: float) -> float:
    return seconds(GIT_WAIT, default)


def _text_bad(value: str) -> bool:
    from ledger.typed import undecodable

    return undecodable(value) or any(ord(ch) < 32 or ord(ch) == 127 for ch in value)


CHECKS: dict[str, Callable[[], object]] = {
    ROOT: root,
    ACTOR: actor,
    LANG: lang,
    OFFICE: office,
    NOW: now,
    NO_INDEX: no_index,
    LOCK_TIMEOUT: lock_timeout,
    GIT_WAIT: lambda: git_wait(10.0),
}


def check() -> None:
    """Refuse the first documented variable that is set to a bad value (exit 2)."""
    for name, read in CHECKS.items():
        if name in os.environ:
            read()

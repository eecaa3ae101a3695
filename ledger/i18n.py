"""Language choice and message lookup. The words themselves live in ``ledger.catalog``."""

from __future__ import annotations

import os
from typing import Any

LANGS = ("en", "zh")


def normalize_lang(value: str | None) -> str | None:
    """Map `zh`, `zh_CN.UTF-8`, `en_US`, … to one of LANGS; None when it names neither."""
    if not value:
        return None
    low = value.strip().lower()
    if low.startswith("zh"):
        return "zh"
    if low.startswith("en") or low in ("c", "posix", "c.utf-8"):
        return "en"
    return None


def lang_from_environment() -> str | None:
    """`$CASELEDGER_LANG`, else the locale variables, as the SPEC orders them (after --lang)."""
    explicit = normalize_lang(os.environ.get("CASELEDGER_LANG"))
    if explicit:
        return explicit
    return None


def lang_from_locale() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        found = normalize_lang(os.environ.get(var))
        if found:
            return found
    return "en"


def t(key: str, lang: str = "en", **params: Any) -> str:
    """The catalog text for `key` in `lang`, formatted with `params`.

    An unknown key returns the key itself, so a missing entry shows up in output instead of
    crashing; a test checks every key used in the code is in the catalog.
    """
    from ledger.catalog import MESSAGES

    entry = MESSAGES.get(key)
    text = key if entry is None else entry[1] if lang == "zh" else entry[0]
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text

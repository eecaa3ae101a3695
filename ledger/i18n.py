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
    if params and lang == "zh":
        params = _in_chinese(params, MESSAGES)
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def _in_chinese(params: dict[str, Any], messages: dict[str, tuple[str, str]]) -> dict[str, Any]:
    """Parameters that carry English, said in Chinese: a `problem` given with its catalog key
    (`problem_key`, see ledger.validation) is said by that key; a `field` (a record key, or a
    dotted path of keys) and a `kind` (a vocabulary) by their labels (`label.<name>`); a
    vocabulary's member (`Level.township`, given as such) by its own Chinese label."""
    said = dict(params)
    problem_key = params.get("problem_key")
    if isinstance(problem_key, str) and problem_key in messages:
        said["problem"] = t(problem_key, "zh", **{k: v for k, v in params.items() if k != "problem_key"})
    for name in ("field", "kind"):
        value = params.get(name)
        if isinstance(value, str):
            said[name] = label(value, messages)
    for name, value in params.items():
        if isinstance(value, str) and callable(getattr(value, "label", None)):
            said[name] = value.label("zh")  # a vocabulary's member (Level.township): its label
    return said


def label(name: str, messages: dict[str, tuple[str, str]] | None = None) -> str:
    """The Chinese label of a record key or vocabulary, `history.2.at` part by part."""
    if messages is None:
        from ledger.catalog import MESSAGES as messages
    parts = []
    for part in name.split("."):
        entry = messages.get(f"label.{part}")
        parts.append(entry[1] if entry else f"第{int(part) + 1}条" if part.isdigit() else part)
    return "·".join(parts) if len(parts) > 1 else parts[0]

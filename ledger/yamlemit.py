"""A fast writer for new record files: the exact text `yamlio.dump` gives, for plain data.

ruamel's round-trip emitter is pure Python (~8 ms an issue file); importing 10,000 rows would
spend over a minute in it. Records are simple — mappings, lists, text, numbers, dates — so
this writes the same bytes directly, and gives up (None: the caller uses ruamel) on anything
it is not sure of: a text ruamel might quote or fold differently, a float, a nested list.
tests/test_yamlemit.py holds it to ruamel's output byte for byte, on records and on text
hypothesis makes up.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

# Text ruamel writes bare: starts with a letter, a CJK character or a digit, holds no YAML
# indicator that could change its meaning, no quotes or backslashes, no leading/trailing space.
_PLAIN_RE = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`\\~][^\x00-\x1f\x7f'\"\\#]*")
_NEEDS_QUOTES_RE = re.compile(r"[0-9]+|\d{4}-\d{2}-\d{2}([Tt ][0-9:.]+([+-]\d{2}:\d{2}|Z)?)?")
# Text that a YAML reader might take for a number, a bool or null: left to ruamel.
_RESOLVES_RE = re.compile(
    r"[-+]?(\.[0-9]|[0-9]).*|(?i:y|n|yes|no|on|off|true|false|null|~|=|\.inf|\.nan)|0[xob].*", re.S
)


class _GiveUp(Exception):
    pass


def fast_dump(data: dict[str, Any]) -> str | None:
    """`data` as `yamlio.dump` writes it, or None when it holds something this does not write."""
    lines: list[str] = []
    try:
        _mapping(data, 0, lines)
    except _GiveUp:
        return None
    return "\n".join(lines) + "\n" if lines else None


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise _GiveUp
        return f"{value:f}"
    if isinstance(value, datetime):
        raise _GiveUp
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return _text(value)
    raise _GiveUp


def _text(value: str) -> str:
    if not value or value != value.strip() or not value.isprintable() or ": " in value or value.endswith(":"):
        raise _GiveUp
    if _NEEDS_QUOTES_RE.fullmatch(value):
        return f"'{value}'"
    if not _PLAIN_RE.fullmatch(value) or _RESOLVES_RE.fullmatch(value) or not value.isprintable():
        raise _GiveUp
    return value


def _key(key: Any) -> str:
    if not isinstance(key, str) or not re.fullmatch(r"[a-z_][a-z0-9_]*", key):
        raise _GiveUp
    return key


def _mapping(data: dict[str, Any], indent: int, lines: list[str], first_prefix: str | None = None) -> None:
    pad = " " * indent
    for n, (key, value) in enumerate(data.items()):
        lead = first_prefix if (n == 0 and first_prefix is not None) else pad
        name = _key(key)
        if isinstance(value, dict):
            if not value:
                lines.append(f"{lead}{name}: {{}}")
            else:
                lines.append(f"{lead}{name}:")
                _mapping(value, indent + 2, lines)
        elif isinstance(value, list):
            if not value:
                lines.append(f"{lead}{name}: []")
            else:
                lines.append(f"{lead}{name}:")
                _sequence(value, indent + 2, lines)
        else:
            lines.append(f"{lead}{name}: {scalar(value)}")


def _sequence(items: list[Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict):
            if not item:
                raise _GiveUp
            _mapping(item, indent + 2, lines, first_prefix=f"{pad}- ")
        elif isinstance(item, list):
            raise _GiveUp
        else:
            lines.append(f"{pad}- {scalar(item)}")

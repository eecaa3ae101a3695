"""A strict, fast reader for the block YAML that caseledger itself writes.

Parsing a file with ruamel's safe loader costs ~1 ms (its constructor and resolver are
Python); this reader takes ~0.1 ms. `fast_load(text)` returns exactly the mapping
`ledger.yamlio.load_plain(text)` would give, or None for anything outside the subset it knows
(comments after values, anchors, tags, block scalars, flow maps, ambiguous scalars …); callers
then use `load_plain`, so every error message and line still comes from the safe loader.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

_KEY_RE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):(?: +(.*))?$")
# Anything but newline, printable ASCII and printable non-ASCII; U+2028/9 are YAML line breaks.
# Written as the set of bad characters (C0 but newline, DEL and C1, U+2028/9, surrogates,
# U+FFFE/F) rather than the complement of the good ones: same set, but compiling a class that
# reaches past the BMP costs ~7 ms, which every command would pay at start-up.
_BAD_CHARS_RE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_INT_RE = re.compile(r"^(?:0|[1-9][0-9]{0,17})$")
# A plain decimal such as an amount (`12000.50`): read as a Decimal from its text, as
# `load_plain` reads it (SPEC §9: money never goes through a float).
_DECIMAL_RE = re.compile(r"^(?:0|[1-9][0-9]{0,17})\.[0-9]{1,17}$")
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`~=<+.")
_SPECIAL_WORDS = frozenset(
    ["null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf"]
)  # fmt: skip


class _Unsupported(Exception):
    pass


# Most lines and values recur from file to file (keys, vocabulary, dates, names), so what a
# line or a scalar reads as is remembered: a pure function of its text, ~40% of the time. Only
# immutable values are kept; each cache is emptied when it reaches `_CACHE_MAX` entries.
_CACHE_MAX = 100_000
_MISSING = object()
_DECLINED = object()  # the text is outside the subset
_KEY_LINES: dict[str, tuple[str, str | None] | None] = {}
_SCALARS: dict[str, Any] = {}


def fast_load(text: str) -> Any:
    """The mapping `load_plain(text)` would give, or None when the text is outside the subset.

    The subset: block mappings and sequences with space indentation, full-line comments,
    plain scalars that are clearly text, decimal ints, plain decimals (as `Decimal`), dates,
    true/false, null, empty values, single-quoted one-line scalars, and flow lists of such plain scalars.
    """
    if "\t" in text or "\r" in text or _BAD_CHARS_RE.search(text):
        return None
    tokens: list[list[Any]] = []
    for line in text.split("\n"):
        stripped = line.strip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        tokens.append([len(line) - len(line.lstrip(" ")), stripped])
    if not tokens or tokens[0][0] != 0:
        return None
    try:
        value, pos = _block(tokens, 0, 0)
    except (_Unsupported, IndexError, ValueError, RecursionError):  # deep nesting: the safe loader decides
        return None
    if pos != len(tokens) or not isinstance(value, dict):
        return None
    return value


def _block(tokens: list[list[Any]], pos: int, indent: int) -> tuple[Any, int]:
    content = tokens[pos][1]
    if content == "-" or content.startswith("- "):
        return _sequence(tokens, pos, indent)
    return _mapping(tokens, pos, indent)


def _mapping(tokens: list[list[Any]], pos: int, indent: int) -> tuple[dict[str, Any], int]:
    result: dict[str, Any] = {}
    n = len(tokens)
    while pos < n and tokens[pos][0] == indent:
        content = tokens[pos][1]
        split = _KEY_LINES.get(content, _MISSING)
        if split is _MISSING:
            split = _split_key_line(content)
        if split is None:
            raise _Unsupported
        key, rest = split
        if key in result or key.lower() in _SPECIAL_WORDS:
            raise _Unsupported
        pos += 1
        if rest is None or rest == "":
            if pos < n and tokens[pos][0] > indent:
                value, pos = _block(tokens, pos, tokens[pos][0])
            elif (
                pos < n
                and tokens[pos][0] == indent
                and (tokens[pos][1] == "-" or tokens[pos][1].startswith("- "))
            ):
                value, pos = _sequence(tokens, pos, indent)
            else:
                value = None
        else:
            value = _scalar(rest)
            if pos < n and tokens[pos][0] > indent:
                raise _Unsupported  # a multi-line plain scalar
        result[key] = value
    if pos < n and tokens[pos][0] > indent:
        raise _Unsupported
    return result, pos


def _sequence(tokens: list[list[Any]], pos: int, indent: int) -> tuple[list[Any], int]:
    result: list[Any] = []
    n = len(tokens)
    while pos < n and tokens[pos][0] == indent:
        content = tokens[pos][1]
        if content == "-":
            pos += 1
            if pos < n and tokens[pos][0] > indent:
                value, pos = _block(tokens, pos, tokens[pos][0])
            else:
                value = None
            result.append(value)
            continue
        if not content.startswith("- "):
            break
        rest = content[2:]
        inner = indent + 2 + (len(rest) - len(rest.lstrip(" ")))
        rest = rest.lstrip(" ")
        if _KEY_RE.match(rest):
            tokens[pos] = [inner, rest]  # the item is a mapping starting on the dash's line
            value, pos = _mapping(tokens, pos, inner)
        elif rest == "-" or rest.startswith("- "):
            raise _Unsupported
        else:
            value = _scalar(rest)
            pos += 1
            if pos < n and tokens[pos][0] > indent:
                raise _Unsupported
        result.append(value)
    if pos < n and tokens[pos][0] > indent:
        raise _Unsupported
    return result, pos


def _split_key_line(content: str) -> tuple[str, str | None] | None:
    match = _KEY_RE.match(content)
    split = (match.group(1), match.group(2)) if match else None
    if len(_KEY_LINES) >= _CACHE_MAX:
        _KEY_LINES.clear()
    _KEY_LINES[content] = split
    return split


def _scalar(text: str) -> Any:
    value = _SCALARS.get(text, _MISSING)
    if value is _MISSING:
        return _remember_scalar(text)
    if value is _DECLINED:
        raise _Unsupported
    return value


def _remember_scalar(text: str) -> Any:
    if len(_SCALARS) >= _CACHE_MAX:
        _SCALARS.clear()
    try:
        value = _read_scalar(text)
    except _Unsupported:
        _SCALARS[text] = _DECLINED
        raise
    if not isinstance(value, list):  # a flow list is mutable: made anew each time
        _SCALARS[text] = value
    return value


def _read_scalar(text: str) -> Any:
    first = text[0]
    if first == "'":
        if len(text) < 2 or text[-1] != "'":
            raise _Unsupported
        inner = text[1:-1]
        if "'" in inner.replace("''", ""):
            raise _Unsupported
        return inner.replace("''", "'")
    if first == "[":
        if text[-1] != "]":
            raise _Unsupported
        inner = text[1:-1].strip(" ")
        if not inner:
            return []
        items = [item.strip(" ") for item in inner.split(",")]
        return [_plain(item, flow=True) for item in items]
    return _plain(text, flow=False)


def _plain(text: str, *, flow: bool) -> Any:
    if not text or " #" in text or ": " in text or text.endswith(":"):
        raise _Unsupported
    if flow and any(ch in text for ch in "[]{},'\""):
        raise _Unsupported
    lowered = text.lower()
    if lowered in _SPECIAL_WORDS:
        if text == "true":
            return True
        if text == "false":
            return False
        if text == "null":
            return None  # how caseledger writes an empty field (`duplicate_of: null`)
        raise _Unsupported
    first = text[0]
    if first.isdigit() or first in _INDICATORS:
        if _INT_RE.match(text):
            return int(text)
        if _DATE_RE.match(text):
            return date.fromisoformat(text)  # ValueError (no such day) → unsupported
        if _DECIMAL_RE.match(text):
            return Decimal(text)
        raise _Unsupported
    if text.startswith(".") or lowered.startswith((".inf", ".nan")):
        raise _Unsupported
    return text

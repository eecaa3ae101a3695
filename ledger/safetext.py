"""Text made safe for a terminal: control and bidirectional-formatting characters shown, not
obeyed.

A hand-edited or pulled file can hold an escape sequence (`\\x1b]0;…`, `\\x1b[2J`) or a
right-to-left override (U+202E) in a title, an actor or a file name. Printed raw, the first
drives the clerk's terminal and the second makes text read differently than it is stored.
Every terminal output (tables, `issue show`, `issue log`, `check`, error lines) goes through
`neutral`, which writes each such character as a visible escape (`\\x1b`, `\\u202e`). CSV, TSV
and JSON are for scripts and stay exact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# C0 and C1 controls, DEL, and the invisible formatting characters that reorder or hide text:
# bidi embeddings, overrides and isolates, direction marks, the zero-width space (not the
# joiners emoji and Indic scripts need), line/paragraph
# separators and the BOM.
_INVISIBLE = "\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff"
_SINGLE = re.compile(f"[\x00-\x1f{_INVISIBLE}]")
_MULTI = re.compile(f"[\x00-\x08\x0b-\x1f{_INVISIBLE}]")  # keeps tab and newline


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def neutral(text: str, *, multiline: bool = False) -> str:
    """`text` with every unsafe character written as an escape; `multiline` keeps newlines and
    tabs (details, notes)."""
    pattern = _MULTI if multiline else _SINGLE
    if not pattern.search(text):
        return text
    return pattern.sub(_shown, text)


def all_neutral(texts: Iterable[str], *, multiline: bool = False) -> bool:
    """Whether `neutral` leaves each of `texts` as it is: one search of them joined (each unsafe
    character is found by itself, so none is made by the joining)."""
    return not (_MULTI if multiline else _SINGLE).search("".join(texts))

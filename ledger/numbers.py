"""Issue numbers: how clerks type them, the file a typed number names, and handing out the
next one. Light on purpose: `issue show` finds its file from here (start-up, SPEC §7)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ledger.errors import NotFound
from ledger.typed import parse_number as parse_number

if TYPE_CHECKING:
    from ledger.store import Ledger

# `42`, `#42`, `QL-42`, `ql-42`, `１２`, `＃12`, `12号`, `第12号` → (prefix or None, n): `parse_number`
# lives with every other reader of typed input, in `ledger.typed`.


def format_number(prefix: str | None, n: int) -> str:
    return f"{prefix}-{n}" if prefix else str(n)


def candidates(text: str, office: str | None) -> list[str]:
    """The numbers a typed `text` can mean, most likely first.

    `42` in a copy whose office is QL means QL-42 when that exists, else the unprefixed 42.
    """
    prefix, n = parse_number(text)
    if prefix:
        return [format_number(prefix, n)]
    if office:
        return [format_number(office, n), str(n)]
    return [str(n)]


def find_path(ledger: Ledger, typed: str) -> tuple[Path, str]:
    """The file and normalized number of a typed number (`42`, `#42`, `QL-42`); no scan."""
    tried = candidates(typed, ledger.office)
    for number in tried:
        path = ledger.issue_path(number)
        if os.path.lexists(path):  # a link or a FIFO is then refused by name when it is read
            return path, number
    prefix, n = parse_number(typed)
    read = format_number(prefix, n)  # as read: `999号` is 999
    others = same_n_elsewhere(ledger, typed, tried)
    if others:
        raise NotFound("error.no_issue_but", number=read, others=", ".join(others))
    raise NotFound("error.no_issue", number=read)


def same_n_elsewhere(ledger: Ledger, text: str, tried: list[str]) -> list[str]:
    """The issues numbered like `text` under another prefix (or none) than those `tried`:
    in a clone with no office prefix, `2` finds QL-2. Only on the not-found path: it lists the
    prefix folders (a few names), never the issues."""
    import re

    from ledger.kinds import KINDS
    from ledger.patterns import OFFICE_PATTERN

    _, n = parse_number(text)
    prefixes: list[str | None] = [None]
    try:
        with os.scandir(ledger.root / KINDS["issue"].folder) as entries:
            prefixes += sorted(e.name for e in entries if re.match(OFFICE_PATTERN, e.name) and e.is_dir())
    except OSError:
        return []
    numbers = [format_number(prefix, n) for prefix in prefixes]
    return [m for m in numbers if m not in tried and os.path.lexists(ledger.issue_path(m))]


def next_number(ledger: Ledger, prefix: str | None) -> str:
    """The next free issue number for `prefix`. Call under the ledger lock (`kinds.next_id`)."""
    from ledger.kinds import KINDS, next_id

    return next_id(ledger, KINDS["issue"], prefix)

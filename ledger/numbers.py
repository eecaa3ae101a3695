"""Issue numbers: how clerks type them, and handing out the next one."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ledger.errors import UsageError

if TYPE_CHECKING:
    from ledger.store import Ledger

_TYPED_RE = re.compile(r"^#?(?:([A-Za-z][A-Za-z0-9]{0,9})-)?([1-9][0-9]{0,8})$")


def parse_number(text: str) -> tuple[str | None, int]:
    """`42`, `#42`, `QL-42`, `ql-42` → (prefix or None, 42); anything else is a usage error."""
    match = _TYPED_RE.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise UsageError("error.bad_number", value=text)
    prefix = match.group(1).upper() if match.group(1) else None
    return prefix, int(match.group(2))


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


def next_number(ledger: Ledger, prefix: str | None) -> str:
    """The next free issue number for `prefix`. Call under the ledger lock (`kinds.next_id`)."""
    from ledger.kinds import KINDS, next_id

    return next_id(ledger, KINDS["issue"], prefix)

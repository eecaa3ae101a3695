"""The shapes of codes, pairing ids and office prefixes, importable without pydantic: a code is
checked before it becomes part of a path (`store.safe_key`), and the office prefix is read
(`Ledger.office`), by commands that build no model at all, such as `issue show`."""

from __future__ import annotations

import re

from ledger.errors import FieldProblem

# Codes become file names, so they are kept to a safe slug: no `/`, no `..`, no spaces.
CODE_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,39}$"
PAIRING_ID_PATTERN = r"^([A-Z][A-Z0-9]{0,9}-)?P[1-9][0-9]{0,8}$"
CADRE_ID_PATTERN = r"^([A-Z][A-Z0-9]{0,9}-)?C[1-9][0-9]{0,8}$"
VISIT_ID_PATTERN = r"^([A-Z][A-Z0-9]{0,9}-)?V[1-9][0-9]{0,8}$"
OFFICE_PATTERN = r"^[A-Z][A-Z0-9]{0,9}$"
_OFFICE_RE = re.compile(OFFICE_PATTERN)


def office_code(value: str) -> str:
    """An office prefix as it is stored (`ql ` → `QL`); ValueError when it cannot be one."""
    value = value.strip().upper()
    if not _OFFICE_RE.match(value):
        raise FieldProblem("value.office")
    return value

"""Messages of the reviewer's findings fixed together: partial vocabulary words, the import's
ref identity, phones as clerks write them."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "error.ambiguous_enum": (
        "'{value}' could be more than one {kind}: {candidates}; type more of it",
        "“{value}”可指多个{kind}：{candidates}；请写完整",
    ),
}

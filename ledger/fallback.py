"""When a whole-ledger reader goes through the derived index, and what makes it fall back to
reading the files: one rule for the issues (`ledger.scan`) and the other kinds
(`ledger.recordscan`). A leaf module, so that both can import it."""

from __future__ import annotations


def indexed(use_index: bool | None) -> bool:
    """`use_index` when given, else yes unless `$CASELEDGER_NO_INDEX` says no."""
    from ledger.environment import no_index

    return not no_index() if use_index is None else use_index


def storage_errors() -> tuple[type[BaseException], ...]:
    """What makes a read fall back from the index to the files: storage failing (OSError,
    sqlite3.Error) and a stored blob that is not what was written (`ledger.index.Damaged`).
    Nothing else: a TypeError or KeyError in the index's code is a bug, and must show."""
    import sqlite3

    from ledger.index.store import Damaged

    return (OSError, sqlite3.Error, Damaged)

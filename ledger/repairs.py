"""Before a command reads: finish or undo what an interrupted command left (a write unit, a
`sync` moving the clone), if anything; when nothing is pending, as it nearly always is, this
costs two stats and imports none of the write machinery (start-up, SPEC §7)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger.journals import pending

if TYPE_CHECKING:
    from ledger.store import Ledger


def repair_pending(ledger: Ledger) -> None:
    """For commands that do not write: repair under the lock, if anything is pending (a write
    repairs in `ledger.transaction.writing`). What was repaired is in `ledger.repairs`."""
    if pending(ledger.root):
        from ledger.transaction import repair

        with ledger.lock():
            repair(ledger)

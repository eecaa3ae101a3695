"""Reading every record of a kind beside the issues (visit, cadre, aid, pairing): what readers
call instead of `Ledger.load_all` when they read a whole kind.

- `scan_rows(ledger, kind)`: light read-only rows (`ledger.index.rows.Row`: the record's fields
  by name, `file`, `origin`), what the report functions read;
- `scan_records(ledger, kind)`: the record models themselves, for listings and imports.

Both give what `Ledger.load_all(kind)` gives (records and problems, in path order), through
the derived index (`ledger.index.records`) unless `use_index` is False or
`$CASELEDGER_NO_INDEX` is set. A storage error (OSError, sqlite3.Error, a damaged blob) falls
back to the plain read, as `ledger.scan` does for the issues; any other exception is a bug and
propagates. Either way a record's values come from validating its file (`Ledger.read_record`):
the index only keeps them, encoded as `rows.encode` says, and the plain read goes through the
same encoding, so rows are identical with and without the index. Other kinds (townships,
villages: a few hundred flat files) are read plainly.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.fallback import indexed, storage_errors

if TYPE_CHECKING:
    from ledger.index.rows import Row
    from ledger.store import Ledger, Problem

Progress = Callable[[int, int], None]  # (done, total)


def scan_rows(
    ledger: Ledger,
    kind: str,
    progress: Progress | None = None,
    *,
    use_index: bool | None = None,
    between: tuple[date, date] | None = None,
) -> tuple[list[Row], list[Problem]]:
    """Every record of `kind` as a light `Row`, and the problems of files that cannot be read.

    `between` (a first and last day; kinds with a `date`: visits, aid): only the records dated
    in it, and still every problem. A report over a period passes it, since it counts only
    those (`people_report`); through the index, folders dated wholly outside are not unpacked."""
    from ledger.index.records import INDEXED_KINDS
    from ledger.index.rows import row_of

    if kind in INDEXED_KINDS and indexed(use_index):
        from ledger.index import records

        with contextlib.suppress(*storage_errors()):
            return records.load(ledger, kind, progress, between=between)
    found, problems = ledger.load_all(kind, progress)
    if between is not None:
        found = [record for record in found if between[0] <= record.date <= between[1]]
    return [row_of(kind, record, record.origin.file) for record in found], problems


def scan_records(
    ledger: Ledger, kind: str, progress: Progress | None = None, *, use_index: bool | None = None
) -> tuple[list[Any], list[Problem]]:
    """Every record of `kind` as its model (`Ledger.load_all`), through the index when it helps:
    a record kept there is built without validating again (it was validated when read)."""
    from ledger.index.records import INDEXED_KINDS
    from ledger.index.rows import model_of

    if kind in INDEXED_KINDS and indexed(use_index):
        from ledger.index import records

        with contextlib.suppress(*storage_errors()):
            rows, problems = records.load(ledger, kind, progress)
            return [model_of(row) for row in rows], problems
    return ledger.load_all(kind, progress)

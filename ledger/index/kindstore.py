"""The SQLite file of one record kind's index: `.caseledger/records-<kind>.sqlite`.

One file per kind, so that a cold build of one (the visits, for `report visits`) rebuilds only
it, and the issue index (`store`) is never touched. Layout::

    meta(key TEXT PRIMARY KEY, value TEXT)   version: `store.index_version` + the kinds' models
    dirs(path BLOB PRIMARY KEY,  the folder, os.fsencode(path relative to the ledger)
         stats BLOB,     marshal of [(file name, (mtime_ns, size, inode, ctime_ns) | None)], by name
         head BLOB,      sealed (`store.seal`): ((first, last day number the records are dated) |
                         None, [(file name, (problem tuple,))] by name)
         entries BLOB)   sealed: [(file name, `rows.encode` tuple)] by name

The head is small: a report over a period unpacks only the entries of folders whose dates
overlap it (visit ids are given in time order, so a quarter's visits sit in a few folders),
and still sees every bad file.

The trust rules are the issue index's (`ledger.index`): a version that differs, an SQLite
error, a blob whose checksum fails, or a file whose stat differs is never trusted.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from ledger.index import store

if TYPE_CHECKING:
    from ledger.store import Ledger

SCHEMA = "2"
# The models and what they are built from: their source is part of the version (the issue
# index's version already covers record.py, enums.py, kinds.py, the YAML readers, this package).
_MODEL_SOURCES = ("visit.py", "cadre.py", "aid.py", "pairing.py", "money.py", "validation.py", "typed.py")
KindRow = tuple[bytes, bytes, bytes]  # a folder's stats, head, entries

_version: str | None = None


def kind_version() -> str:
    """The version every kind's index file must carry (computed once per process)."""
    global _version
    if _version is None:
        digest = hashlib.sha256(f"records {SCHEMA}|{store.index_version()}".encode())
        ledger_dir = Path(__file__).resolve().parent.parent
        for name in _MODEL_SOURCES:
            try:
                digest.update((ledger_dir / name).read_bytes())
            except OSError:
                digest.update(b"?")
        _version = digest.hexdigest()[:32]
    return _version


def kind_path(ledger: Ledger, kind: str) -> Path:
    return ledger.derived / f"records-{kind}.sqlite"


COLUMNS = ("head", "entries")  # beside each folder's path and stats: see the layout above


def read_stored(path: Path, version: str) -> dict[str, KindRow] | None:
    """{folder: (stats bytes, head blob, entries blob)} as stored, or None when there is no usable
    index (missing, stale, corrupt). Raises `Busy` when the database stays locked."""
    return store.read_rows(path, version, COLUMNS)  # type: ignore[return-value]


def write_full(path: Path, version: str, rows: dict[str, KindRow]) -> None:
    """Build a new file beside the old one and rename it into place (a cold build)."""
    store.write_full(path, version, rows, COLUMNS)


def write_changes(path: Path, version: str, changed: dict[str, KindRow], gone: list[str]) -> None:
    """Replace the changed folders' rows and drop the gone ones, if the version still holds."""
    store.write_changes(path, version, changed, gone, COLUMNS)

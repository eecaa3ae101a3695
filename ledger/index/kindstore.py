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

import contextlib
import hashlib
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from ledger.index import store
from ledger.index.store import Busy

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


def read_stored(path: Path, version: str) -> dict[str, KindRow] | None:
    """{folder: (stats bytes, head blob, entries blob)} as stored, or None when there is no usable index
    (missing, stale, corrupt). Raises `Busy` when the database stays locked."""
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=store.BUSY_TIMEOUT)
        try:
            db.execute("BEGIN")  # one snapshot for the version and the rows
            row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if row is None or row[0] != version:
                return None
            stored: dict[str, KindRow] = {}
            for key, stats, head, entries in db.execute("SELECT path, stats, head, entries FROM dirs"):
                if not all(isinstance(value, bytes) for value in (key, stats, head, entries)):
                    return None
                stored[os.fsdecode(key)] = (stats, head, entries)
            return stored
        finally:
            db.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise Busy from None
        return None
    except sqlite3.Error:
        return None


_CREATE = (
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE dirs(path BLOB PRIMARY KEY, stats BLOB, head BLOB, entries BLOB)",
)


def write_full(path: Path, version: str, rows: dict[str, KindRow]) -> None:
    """Build a new file beside the old one and rename it into place (a cold build)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    db = sqlite3.connect(tmp, timeout=store.BUSY_TIMEOUT, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("PRAGMA synchronous=OFF")  # a crash before the rename leaves only a temp file
        db.execute("BEGIN")
        for statement in _CREATE:
            db.execute(statement)
        db.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
        db.executemany(
            "INSERT INTO dirs VALUES (?, ?, ?, ?)", ((os.fsencode(rel), *row) for rel, row in rows.items())
        )
        db.execute("COMMIT")
    except BaseException:
        db.close()
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    db.close()
    os.replace(tmp, path)
    for suffix in ("-journal", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def write_changes(path: Path, version: str, changed: dict[str, KindRow], gone: list[str]) -> None:
    """Replace the changed folders' rows and drop the gone ones, if the version still holds."""
    db = sqlite3.connect(path, timeout=store.BUSY_TIMEOUT, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("BEGIN IMMEDIATE")
        row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        if row is None or row[0] != version:
            db.execute("ROLLBACK")
            return
        db.executemany(
            "INSERT OR REPLACE INTO dirs VALUES (?, ?, ?, ?)",
            ((os.fsencode(rel), *r) for rel, r in changed.items()),
        )
        db.executemany("DELETE FROM dirs WHERE path = ?", ((os.fsencode(rel),) for rel in gone))
        db.execute("COMMIT")
    finally:
        db.close()

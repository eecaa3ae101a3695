"""The SQLite file of the index: its version, its rows, and a checksum on every blob.

Layout. One row per issue folder (a bucket of at most 1,000 files)::

    meta(key TEXT PRIMARY KEY, value TEXT)   version: schema + the code that reads issues
    dirs(path BLOB PRIMARY KEY,  the folder, os.fsencode(path relative to the ledger)
         stats BLOB,     marshal of [(file name, (mtime_ns, size, inode, ctime_ns) | None)], by name
         months BLOB,    the folder's month counts (`summary.fold_months`)
         checks BLOB,    what `check` needs of its issues (`summary.fold_checks`)
         entries BLOB,   [(file name, "f", facts, months part, checks part, cases part, …) |
                          (file name, "p", problems, None, …)], by issue number (`summary.PARTS`)
         cases BLOB,     the issues that may need attention: their states by day (`cases`)
         work BLOB,      the cadres' issue work (`work`)
         periods BLOB)   the folder's quarter and year counts (`summary.fold_months`)

Every blob but `stats` is sealed: a 16-byte BLAKE2b digest of the marshal bytes, then those
bytes. A stored month blob with one bit flipped once changed a satisfaction count 67 → 81
without a word; now `unseal` raises `Damaged` and the refresh reads that folder again.
`stats` needs no seal: it is compared byte for byte with the stat data just taken, so any
damage only means the folder is read again.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sqlite3
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger.store import DERIVED_DIR

if TYPE_CHECKING:
    from ledger.store import Ledger

INDEX_FILE = "index.sqlite"
SCHEMA = "9"
BUSY_TIMEOUT = 2.0
DIGEST_SIZE = 16
COLUMNS = ("months", "checks", "entries", "cases", "work", "periods")
Row = tuple[bytes, ...]  # a folder's stats, then one sealed blob per column of COLUMNS, in that order
# Modules whose code decides what a file reads as and what is kept of it: their source is part
# of the index version, so changing any of them rebuilds the index. Every module of this
# package counts too.
_VERSION_SOURCES = (
    "issue.py", "record.py", "enums.py", "patterns.py", "errors.py", "facts.py", "yamlio.py",
    "fastyaml.py", "store.py", "report.py", "rules.py", "kinds.py", "state.py", "alerts.py", "cadre_work.py",
)  # fmt: skip
# Libraries whose behaviour ends up in the index (validation, its messages, YAML parsing): an
# upgrade or reinstall changes the size or mtime of their files, and so the version.
_VERSION_PACKAGES = ("pydantic", "pydantic_core", "ruamel.yaml")


class Damaged(Exception):
    """A stored blob whose checksum does not match its bytes, or that does not decode."""


def seal(value: Any) -> bytes:
    """`value` as marshal bytes behind their digest."""
    data = marshal.dumps(value)
    return hashlib.blake2b(data, digest_size=DIGEST_SIZE).digest() + data


def unseal(blob: bytes) -> Any:
    """The value `seal` stored; `Damaged` when the bytes are not what was sealed."""
    data = blob[DIGEST_SIZE:]
    digest = hashlib.blake2b(data, digest_size=DIGEST_SIZE).digest()
    if len(blob) <= DIGEST_SIZE or digest != blob[:DIGEST_SIZE]:
        raise Damaged("checksum")
    try:
        return marshal.loads(data)
    except (ValueError, EOFError, TypeError) as exc:  # sealed yet unreadable: damaged all the same
        raise Damaged(str(exc)) from None


# -- the version ------------------------------------------------------------------------------


def version_files() -> list[Path]:
    ledger_dir = Path(__file__).resolve().parent.parent
    here = sorted(Path(__file__).resolve().parent.glob("*.py"))
    return [ledger_dir / name for name in _VERSION_SOURCES] + here


def index_version() -> str:
    digest = hashlib.sha256(f"{SCHEMA}|{sys.version}|{marshal.version}".encode())
    for path in version_files():
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"?")
    for package in _VERSION_PACKAGES:
        digest.update(_package_stamp(package).encode())
    return digest.hexdigest()[:32]


def _package_stamp(package: str) -> str:
    """Where a package's files are and their size and mtime, found without importing it."""
    from importlib.util import find_spec

    try:
        spec = find_spec(package)
        folder = Path(spec.origin).parent if spec is not None and spec.origin else None
        if folder is None:
            return f"{package}:?"
        stamps = sorted(
            f"{entry.name}:{entry.stat().st_size}:{entry.stat().st_mtime_ns}"
            for entry in os.scandir(folder)
            if entry.is_file()
        )
        return f"{package}:{folder}:{','.join(stamps)}"
    except (ImportError, OSError, ValueError):
        return f"{package}:?"


# -- the database -----------------------------------------------------------------------------


def index_path(ledger: Ledger) -> Path:
    return ledger.root / DERIVED_DIR / INDEX_FILE


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
    db.execute("PRAGMA journal_mode=DELETE")
    return db


class Busy(Exception):
    """Another command holds the index for writing longer than we wait."""


def read_stored(
    path: Path, version: str, column: str, only: list[str] | None = None
) -> dict[str, Row] | None:
    """{folder: (stats bytes, `column` bytes)} as stored, or None when there is no usable index
    (missing, stale, corrupt). With `only`, just those folders.

    Raises `Busy` when the database stays locked: the index is fine, just not readable now.
    """
    assert column in COLUMNS
    return read_rows(path, version, (column,), only)


def read_rows(
    path: Path, version: str, columns: Sequence[str], only: list[str] | None = None
) -> dict[str, Row] | None:
    """{folder: (stats bytes, *the `columns`' bytes)} of an index file (this one, or a record
    kind's: `kindstore`), or None when it is not usable (missing, stale, corrupt). With `only`,
    just those folders. Raises `Busy` when the database stays locked."""
    if not path.is_file():
        return None
    wanted = ", ".join(("path", "stats", *columns))
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
        try:
            db.execute("BEGIN")  # one snapshot for the version and the rows
            row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if row is None or row[0] != version:
                return None
            stored: dict[str, Row] = {}
            if only is None:
                rows = db.execute(f"SELECT {wanted} FROM dirs")
            else:
                marks = ",".join("?" * len(only))
                keys = [os.fsencode(rel) for rel in only]
                rows = db.execute(f"SELECT {wanted} FROM dirs WHERE path IN ({marks})", keys)
            for key, *values in rows:
                if not isinstance(key, bytes) or not all(isinstance(value, bytes) for value in values):
                    return None
                stored[os.fsdecode(key)] = tuple(values)
            return stored
        finally:
            db.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise Busy from None
        return None
    except sqlite3.Error:
        return None


def _create(columns: Sequence[str]) -> tuple[str, str]:
    return (
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)",
        # path: the folder's name as bytes (os.fsencode), so that any name the system allows fits
        f"CREATE TABLE dirs(path BLOB PRIMARY KEY, stats BLOB, {', '.join(f'{c} BLOB' for c in columns)})",
    )


def _insert(columns: Sequence[str]) -> str:
    return f"INSERT INTO dirs VALUES ({', '.join('?' * (2 + len(columns)))})"


def write_full(path: Path, version: str, rows: Mapping[str, Row], columns: Sequence[str] = COLUMNS) -> None:
    """Build a new index file beside the old one and rename it into place (a cold build); each
    row is (stats, *the `columns`' blobs)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    db = _connect(tmp)
    try:
        db.execute("PRAGMA synchronous=OFF")  # a crash before the rename leaves only a temp file
        db.execute("BEGIN")
        for statement in _create(columns):
            db.execute(statement)
        db.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
        db.executemany(_insert(columns), ((os.fsencode(rel), *row) for rel, row in rows.items()))
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


def write_changes(
    path: Path,
    version: str,
    changed: Mapping[str, Row],
    gone: list[str],
    columns: Sequence[str] = COLUMNS,
) -> None:
    """Replace the changed folders' rows and drop the gone ones, if the version still holds."""
    db = _connect(path)
    try:
        db.execute("BEGIN IMMEDIATE")
        row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        if row is None or row[0] != version:
            db.execute("ROLLBACK")
            return
        db.executemany(
            _insert(columns).replace("INSERT", "INSERT OR REPLACE", 1),
            ((os.fsencode(rel), *r) for rel, r in changed.items()),
        )
        db.executemany("DELETE FROM dirs WHERE path = ?", ((os.fsencode(rel),) for rel in gone))
        db.execute("COMMIT")
    finally:
        db.close()

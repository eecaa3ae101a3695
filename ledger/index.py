"""The derived issue index, `.caseledger/index.sqlite`: what makes whole-ledger reads fast.

The issue files stay the only source of truth. The index remembers, for every issue file, its
stat data (mtime_ns, size, inode, ctime_ns) and what reading it gave: the facts
(`ledger.facts.IssueFacts`, packed by `ledger.packing`) or the problems `check` reports for
it, plus what reports and `check` need of it (`ledger.summary`). Each refresh stats every
issue file and re-reads only new or changed ones; deleted files drop out. Deleting
`.caseledger/` at any time changes no result, only the time taken.

Layout. One SQLite row per issue folder (a bucket of at most 1,000 files)::

    meta(key TEXT PRIMARY KEY, value TEXT)   version: schema + the code that reads issues
    dirs(path BLOB PRIMARY KEY,  the folder, os.fsencode(path relative to the ledger)
         stats BLOB,     marshal of [(file name, (mtime_ns, size, inode, ctime_ns) | None)], by name
         months BLOB,    the folder's month counts (`ledger.summary.fold_months`)
         checks BLOB,    what `check` needs of its issues (`ledger.summary.fold_checks`)
         entries BLOB)   marshal of [(file name, "f", facts, months part, checks part) |
                                     (file name, "p", problems, None, None)], by issue number

Per folder rather than per file because it was measured to matter. A warm run compares each
folder's stat list, marshalled, with the stored bytes (one `==` per folder), and then reads
only the column it needs: `report month` the month counts (decoding one month), `check` the
check summary, `issue list` the entries. Only a changed folder's entries are unpacked, and
only its changed files are read again.

Trust. The index is rebuilt, never trusted, when its version differs (schema, Python, or the
source of the modules that turn a file into what is stored), when SQLite or marshal reports
any error (garbage bytes, a truncated file), or for any file whose stat differs. A file
modified less than `RACY_NS` before it was read is stored with stat None ("racy", as git calls
it), so a same-size edit within one timestamp tick is still noticed next time; ctime is
compared as well, so `touch -r` or a `git checkout` that restores an mtime cannot hide an edit.

Concurrency. Writes are one transaction; when another command holds the database (or the
folder is read-only), the refresh keeps its freshly computed results and skips the write. No
read command fails because of the index: any unexpected index error falls back to a plain
read of the files (`ledger.scan`).

Speed. Statting 100,000 files costs ~0.4 s in one process; on Linux the walk forks once and
stats half the folders in the child (`walk`). Parsing a file with ruamel's safe loader costs
~1 ms, validating with pydantic ~0.1 ms, so a cold build at 100,000 issues runs on both cores,
and workers first try `ledger.fastyaml.fast_load`, a strict reader for the block-YAML subset
that caseledger itself writes; anything outside it goes through `Ledger.read_record` exactly
as without the index. Every problem is produced by `read_record`, so messages and lines are
identical.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from stat import S_ISDIR
from typing import TYPE_CHECKING, Any

from ledger.facts import number_key
from ledger.store import DERIVED_DIR, ISSUES_DIR

if TYPE_CHECKING:
    from ledger.checks import IssueTable
    from ledger.facts import IssueFacts
    from ledger.store import Ledger, Problem
    from ledger.summary import Entry

INDEX_FILE = "index.sqlite"
SCHEMA = "6"
RACY_NS = 2_000_000_000  # files changed this recently (vs. the refresh start) are re-read next time
PARALLEL_MIN = 2000  # fewer files than this are parsed in-process (a pool costs ~0.1 s to start)
FORK_WALK_MIN = 10_000  # fewer files than this are statted in one process (a fork costs ~5 ms)
CHUNK = 500  # files per task when a folder is not read whole
FOLDER_TASK_MAX = 1000  # a folder of up to this many files is read and folded in one task
BUSY_TIMEOUT = 2.0
# Modules whose code decides what a file reads as and what is kept of it: their source is part
# of the index version, so changing any of them rebuilds the index.
_VERSION_SOURCES = (
    "issue.py", "record.py", "enums.py", "patterns.py", "errors.py", "facts.py", "yamlio.py",
    "fastyaml.py", "store.py", "index.py", "packing.py", "summary.py", "report.py", "checks.py", "kinds.py",
    "state.py",
)  # fmt: skip
# Libraries whose behaviour ends up in the index (validation, its messages, YAML parsing): an
# upgrade or reinstall changes the size or mtime of their files, and so the version.
_VERSION_PACKAGES = ("pydantic", "pydantic_core", "ruamel.yaml")
COLUMNS = ("months", "checks", "entries")

Progress = Callable[[int, int], None]
Stat = tuple[int, int, int, int]
Row = tuple[bytes, bytes, bytes, bytes]  # a folder's stats, months, checks, entries


# -- the version ------------------------------------------------------------------------------


def index_version() -> str:
    digest = hashlib.sha256(f"{SCHEMA}|{sys.version}|{marshal.version}".encode())
    here = Path(__file__).resolve().parent
    for name in _VERSION_SOURCES:
        try:
            digest.update((here / name).read_bytes())
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


# -- walking the issue folders ----------------------------------------------------------------


def walk(root: Path) -> dict[str, list[tuple[str, Any]]]:
    """{folder relative to root: [(file name, stat)] sorted by name} for every issue file.

    The same files as `Ledger.issue_files` (os.walk). A stat that fails is given as -1 (never
    equal to anything stored, so that file is read again).
    """
    found: dict[str, list[tuple[str, Any]]] = {}
    base = root / ISSUES_DIR
    if not base.is_dir():
        return found
    pending = [(str(base), ISSUES_DIR)]
    while pending:
        folders = _folders(pending)
        total = sum(len(names) for _, _, names in folders)
        stats = _stat_forked(folders) if total >= FORK_WALK_MIN and _can_fork() else _stat_each(folders)
        pending = []
        for path, rel, _ in folders:
            listed = stats[rel]
            if any(stat == _FOLDER for _, stat in listed):  # a folder named like a file: walk it too
                for name, _ in (item for item in listed if item[1] == _FOLDER):
                    if not os.path.islink(os.path.join(path, name)):
                        pending.append((os.path.join(path, name), f"{rel}/{name}"))
                listed = [item for item in listed if item[1] != _FOLDER]
            if listed:
                found[rel] = listed
    return found


_FOLDER = -2  # what `_stat_folder` gives for a name that turns out to be a folder
_DIR_FD = os.stat in os.supports_dir_fd


def _folders(pending: list[tuple[str, str]]) -> list[tuple[str, str, list[str]]]:
    """(path, path relative to root, names ending in .yaml) of these folders and the folders
    under them, hidden ones left out, symlinked ones not entered (as os.walk does)."""
    found: list[tuple[str, str, list[str]]] = []
    while pending:
        folder, rel = pending.pop()
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        files = sorted([name for name in names if name.endswith(".yaml") and not name.startswith(".")])
        # A name ending in .yaml is statted anyway, and found out then if it is a folder.
        for name in [name for name in names if not name.endswith(".yaml") and not name.startswith(".")]:
            path = os.path.join(folder, name)
            if os.path.isdir(path) and not os.path.islink(path):
                pending.append((path, f"{rel}/{name}"))
        if files:
            found.append((folder, rel, files))
    return found


def _stat_each(folders: list[tuple[str, str, list[str]]]) -> dict[str, list[tuple[str, Any]]]:
    return {rel: _stat_folder(path, names) for path, rel, names in folders}


def _stat_folder(folder: str, names: list[str]) -> list[tuple[str, Any]]:
    """[(name, (mtime_ns, size, inode, ctime_ns) | -1 | _FOLDER)] for these names in `folder`."""
    fd = None
    if _DIR_FD:  # statting by name relative to an open folder skips resolving the path each time
        with contextlib.suppress(OSError):
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        try:  # the usual case, as comprehensions (measured ~1.5x faster than the loop below)
            if fd is not None:
                found = [os.stat(name, dir_fd=fd) for name in names]
            else:
                found = [os.stat(os.path.join(folder, name)) for name in names]
        except OSError:
            found = [_stat_or_none(folder, name, fd) for name in names]
    finally:
        if fd is not None:
            os.close(fd)
    return [
        (name, -1 if st is None else _FOLDER if S_ISDIR(st.st_mode) else
         (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns))
        for name, st in zip(names, found, strict=True)
    ]  # fmt: skip


def _stat_or_none(folder: str, name: str, fd: int | None) -> os.stat_result | None:
    try:
        return os.stat(name, dir_fd=fd) if fd is not None else os.stat(os.path.join(folder, name))
    except OSError:
        return None


def _can_fork() -> bool:
    import threading

    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


def _stat_forked(folders: list[tuple[str, str, list[str]]]) -> dict[str, list[tuple[str, Any]]]:
    """`walk` on two cores: a forked child stats every other folder and sends back the result.

    Stat calls are system calls and cannot share one Python process's GIL usefully (threads were
    measured slower). If anything goes wrong with the child, its folders are statted here.
    """
    theirs, mine = folders[1::2], folders[::2]
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return _stat_each(folders)
    if pid == 0:  # the child: stat, send, and leave at once (no atexit, no buffered output)
        code = 1
        try:
            os.close(read_end)
            data = marshal.dumps(_stat_each(theirs))
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    result = _stat_each(mine)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    other: Any = None
    if status == 0:
        with contextlib.suppress(ValueError, EOFError, TypeError):
            other = marshal.loads(data)
    if not isinstance(other, dict) or set(other) != {rel for _, rel, _ in theirs}:
        other = _stat_each(theirs)
    result.update(other)
    return result


def _stats_bytes(stats: list[tuple[str, Any]]) -> bytes:
    """A folder's stat list as bytes that depend on its value only.

    Marshal format 3 and later mark objects referenced more than once, which depends on how
    the list was built; format 2 has no such references, so equal lists give equal bytes.
    """
    return marshal.dumps(stats, 2)


def _path_key(rel: str) -> tuple[str, ...]:
    """The order `sorted(Path, …)` gives: part by part."""
    return tuple(rel.split("/"))


# -- reading one file (in a worker or in-process) ---------------------------------------------


def parse_files(root: str, rels: list[str], trust_before_ns: int) -> list[tuple[str, Stat | None, Any]]:
    """Read issue files: [(rel, stat or None when racy, entry)], the entry as `Entry` without
    its name; or (rel, None, ("x", problem)) for a problem that cannot be stored."""
    from pydantic import ValidationError

    from ledger.errors import LedgerError
    from ledger.facts import facts_of
    from ledger.fastyaml import fast_load
    from ledger.issue import Issue
    from ledger.packing import pack
    from ledger.store import Ledger, problem_from
    from ledger.summary import derive
    from ledger.yamlio import MAX_FILE_BYTES, decode

    ledger = Ledger(Path(root))
    out: list[tuple[str, Stat | None, Any]] = []
    for rel in rels:
        path = Path(root) / rel
        stat: Stat | None = None
        facts = None
        try:
            with open(path, "rb") as handle:
                st = os.fstat(handle.fileno())
                stat = (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)
                data = handle.read(MAX_FILE_BYTES + 1) if st.st_size <= MAX_FILE_BYTES else None
            if data is not None:
                plain = fast_load(decode(data, rel))
                if isinstance(plain, dict):
                    facts = facts_of(Issue.model_validate(plain), rel)
        except (OSError, LedgerError, ValidationError, ValueError, TypeError):
            facts = None
        if stat is not None and max(stat[0], stat[3]) >= trust_before_ns:
            stat = None
        if facts is None:
            # Anything unusual: exactly what a plain read does, so problems are identical.
            try:
                facts = facts_of(ledger.read_record(Issue, path), rel)
            except LedgerError as exc:
                p = problem_from(exc, rel)
                problem = (p.file, p.line, p.key, dict(p.params))
                try:
                    marshal.dumps(problem)
                except ValueError:
                    # not storable as is: keep it out of the index, re-read each time
                    out.append((rel, None, ("x", p)))
                    continue
                out.append((rel, stat, ("p", (problem,), None, None)))
                continue
        months, checks = derive(ledger, facts)
        out.append((rel, stat, ("f", pack(facts), months, checks)))
    return out


# -- the database -----------------------------------------------------------------------------


def index_path(ledger: Ledger) -> Path:
    return ledger.root / DERIVED_DIR / INDEX_FILE


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
    db.execute("PRAGMA journal_mode=DELETE")
    return db


class _Busy(Exception):
    """Another command holds the index for writing longer than we wait."""


def _read_stored(
    path: Path, version: str, column: str, only: list[str] | None = None
) -> dict[str, tuple[bytes, Any]] | None:
    """{folder: (stats bytes, `column` bytes)} as stored, or None when there is no usable index
    (missing, stale, corrupt). With `only`, just those folders.

    Raises `_Busy` when the database stays locked: the index is fine, just not readable now.
    """
    assert column in COLUMNS
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
        try:
            db.execute("BEGIN")  # one snapshot for the version and the rows
            row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if row is None or row[0] != version:
                return None
            stored: dict[str, tuple[bytes, Any]] = {}
            if only is None:
                rows = db.execute(f"SELECT path, stats, {column} FROM dirs")
            else:
                marks = ",".join("?" * len(only))
                keys = [os.fsencode(rel) for rel in only]
                rows = db.execute(f"SELECT path, stats, {column} FROM dirs WHERE path IN ({marks})", keys)
            for key, stats, blob in rows:
                if not isinstance(stats, bytes) or not isinstance(blob, bytes):
                    return None
                stored[os.fsdecode(key)] = (stats, blob)
            return stored
        finally:
            db.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise _Busy from None
        return None
    except sqlite3.Error:
        return None


_CREATE = (
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)",
    # path: the folder's name as bytes (os.fsencode), so that any name the system allows fits
    "CREATE TABLE dirs(path BLOB PRIMARY KEY, stats BLOB, months BLOB, checks BLOB, entries BLOB)",
)


def _write_full(path: Path, version: str, rows: dict[str, Row]) -> None:
    """Build a new index beside the old one and rename it into place (a cold build)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    db = _connect(tmp)
    try:
        db.execute("PRAGMA synchronous=OFF")  # a crash before the rename leaves only a temp file
        db.execute("BEGIN")
        for statement in _CREATE:
            db.execute(statement)
        db.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
        db.executemany(
            "INSERT INTO dirs VALUES (?, ?, ?, ?, ?)", ((os.fsencode(rel), *row) for rel, row in rows.items())
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


def _write_changes(path: Path, version: str, changed: dict[str, Row], gone: list[str]) -> None:
    db = _connect(path)
    try:
        db.execute("BEGIN IMMEDIATE")
        row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        if row is None or row[0] != version:
            db.execute("ROLLBACK")
            return
        db.executemany(
            "INSERT OR REPLACE INTO dirs VALUES (?, ?, ?, ?, ?)",
            ((os.fsencode(rel), *r) for rel, r in changed.items()),
        )
        db.executemany("DELETE FROM dirs WHERE path = ?", ((os.fsencode(rel),) for rel in gone))
        db.execute("COMMIT")
    finally:
        db.close()


# -- the refresh ------------------------------------------------------------------------------


def read_folder(
    root: str, rel: str, names: list[str], trust_before_ns: int, whole: bool
) -> tuple[str, list[tuple[str, Stat | None, Any]] | None, Row | None, list[Problem]]:
    """Read these files of folder `rel` (in a worker or in-process).

    When `whole` (they are all the folder's files), the folder's row is made here as well, so
    a cold build folds and encodes on both cores: (rel, None, row, unstorable problems).
    Otherwise (rel, what `parse_files` gave, None, []) for the caller to merge.
    """
    parsed = parse_files(root, [f"{rel}/{name}" for name in names], trust_before_ns)
    if not whole:
        return rel, parsed, None, []
    stats: dict[str, Any] = {}
    entries: dict[str, Entry] = {}
    unstorable = _merge(parsed, stats, entries)
    return rel, None, _row(stats, entries), unstorable


def _merge(
    parsed: list[tuple[str, Stat | None, Any]], stats: dict[str, Any], entries: dict[str, Entry]
) -> list[Problem]:
    """Put what `parse_files` gave into a folder's stats and entries; the unstorable problems."""
    unstorable = []
    for rel_file, stat, entry in parsed:
        name = rel_file.rpartition("/")[2]
        if entry[0] == "x":
            unstorable.append(entry[1])
            stats[name] = None
            continue
        stats[name] = stat
        entries[name] = (name, *entry)
    return unstorable


def _row(stats: dict[str, Any], entries: dict[str, Entry]) -> Row:
    from ledger.summary import fold_checks, fold_months

    ordered = sorted(entries.values(), key=_entry_key)
    return (
        _stats_bytes(sorted(stats.items())),
        marshal.dumps(fold_months(ordered)),
        marshal.dumps(fold_checks(ordered)),
        marshal.dumps(ordered),
    )


def _read_all(
    root: Path,
    tasks: list[tuple[str, list[str], bool]],
    trust_before_ns: int,
    progress: Progress | None,
    workers: int | None,
) -> list[tuple[str, list[tuple[str, Stat | None, Any]] | None, Row | None, list[Problem]]]:
    """`read_folder` for every task, on both cores when there are many files."""
    total = sum(len(names) for _, names, _ in tasks)
    done = 0
    cores = workers if workers is not None else min(2, os.cpu_count() or 1)
    out = []
    if total < PARALLEL_MIN or cores < 2:
        if progress is not None:
            progress(0, total)
        for rel, names, whole in tasks:
            out.append(read_folder(str(root), rel, names, trust_before_ns, whole))
            done += len(names)
            if progress is not None:
                progress(done, total)
        return out
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=cores) as pool:
        futures = {
            pool.submit(read_folder, str(root), rel, names, trust_before_ns, whole): len(names)
            for rel, names, whole in tasks
        }
        if progress is not None:  # only now: the workers are forked before a progress bar's thread starts
            progress(0, total)
        for future in as_completed(futures):
            out.append(future.result())
            done += futures[future]
            if progress is not None:
                progress(done, total)
    return out


def _refresh(
    ledger: Ledger, column: str, progress: Progress | None, workers: int | None
) -> tuple[dict[str, Any], list[Problem]]:
    """Bring the index up to date; `column` of every folder, decoded, and the problems that
    could not be stored.

    The cyclic garbage collector is paused meanwhile: a refresh creates many objects without
    a single cycle, and the collections this triggers were measured to double the time.
    Afterwards the loaded objects are frozen out of later collections.
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        return _refresh_now(ledger, column, progress, workers)
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def _refresh_now(
    ledger: Ledger, column: str, progress: Progress | None, workers: int | None
) -> tuple[dict[str, Any], list[Problem]]:
    start_ns = time.time_ns()
    version = index_version()
    path = index_path(ledger)
    current = walk(ledger.root)
    encoded = {rel: _stats_bytes(stats) for rel, stats in current.items()}
    busy = False
    try:
        stored = _read_stored(path, version, column)
    except _Busy:
        stored, busy = None, True  # read every file this time, and leave the index alone
    cold = stored is None
    stored = stored or {}

    result: dict[str, Any] = {}
    changed: list[str] = []
    damaged: set[str] = set()
    for rel in current:
        old = stored.get(rel)
        if old is not None and old[0] == encoded[rel]:
            try:
                result[rel] = marshal.loads(old[1])
                continue
            except (ValueError, EOFError, TypeError):
                damaged.add(rel)  # read that folder again, and store it anew
        changed.append(rel)
    gone = [rel for rel in stored if rel not in current]

    # Changed folders: keep the entries of files whose stat is unchanged, read the others.
    kept: dict[str, dict[str, Entry]] = {rel: {} for rel in changed}
    previous = [rel for rel in changed if rel in stored and rel not in damaged]
    if previous:
        try:
            old_rows = _read_stored(path, version, "entries", previous) or {}
        except _Busy:
            old_rows = {}
        for rel, (stats_blob, entries_blob) in old_rows.items():
            try:
                old_stats, old_entries = dict(marshal.loads(stats_blob)), marshal.loads(entries_blob)
            except (ValueError, EOFError, TypeError):
                continue
            now = dict(current[rel])
            for entry in old_entries:
                name = entry[0]
                if isinstance(now.get(name), tuple) and old_stats.get(name) == now[name]:
                    kept[rel][name] = entry
    # A folder read whole is folded where it is read; bigger or partly kept ones in chunks.
    tasks: list[tuple[str, list[str], bool]] = []
    for rel in changed:
        names = [name for name, _ in current[rel] if name not in kept[rel]]
        if not kept[rel] and len(names) <= FOLDER_TASK_MAX:
            tasks.append((rel, names, True))
        else:
            tasks.extend((rel, names[i : i + CHUNK], False) for i in range(0, len(names), CHUNK))

    unstorable: list[Problem] = []
    rows: dict[str, Row] = {}
    stats_now = {rel: dict(current[rel]) for rel in changed}
    read = _read_all(ledger.root, tasks, start_ns - RACY_NS, progress, workers) if tasks else []
    for rel, parsed, row, problems in read:
        unstorable += problems
        if row is not None:
            rows[rel] = row
        elif parsed is not None:
            unstorable += _merge(parsed, stats_now[rel], kept[rel])
    column_at = 1 + COLUMNS.index(column)
    for rel in changed:
        if rel not in rows:
            rows[rel] = _row(stats_now[rel], kept[rel])
        result[rel] = marshal.loads(rows[rel][column_at])

    if not busy and (cold or changed or gone):
        with contextlib.suppress(OSError, sqlite3.Error, ValueError):  # unwritable: answer anyway
            if cold:
                _write_full(path, version, rows)
            else:
                _write_changes(path, version, rows, gone)
    return result, unstorable


def _entry_key(entry: Entry) -> tuple[int, str, int, str]:
    name, kind, payload = entry[:3]
    if kind == "f":
        prefix, n = number_key(payload[0])
        return 0, prefix, n, name
    return 1, "", 0, name


# -- what the commands read -------------------------------------------------------------------


def load(
    ledger: Ledger,
    progress: Progress | None = None,
    *,
    workers: int | None = None,
    where: Mapping[str, str] | None = None,
) -> tuple[list[IssueFacts], list[Problem]]:
    """Facts and problems of every issue file, through the index (refreshing it).

    With `where`, only the issues whose fields equal those values (see `scan.scan_issues`),
    compared before they are unpacked.
    """
    folders, unstorable = _refresh(ledger, "entries", progress, workers)
    return _assemble(folders, unstorable, where or {})


def month_counts(
    ledger: Ledger,
    first_day: date,
    last_day: date,
    progress: Progress | None = None,
    *,
    workers: int | None = None,
) -> tuple[dict[str, list[int]], list[Problem], list[tuple[str, str]] | None]:
    """`ledger.report.village_counts` of every issue for one month, from the folder summaries;
    the problems of unreadable issue files; the (file, number) of files not named by their
    number, or None when some file sits in another number's folder (find them by a full read).
    """
    from ledger.store import Problem
    from ledger.summary import add_month

    folders, unstorable = _refresh(ledger, "months", progress, workers)
    counts: dict[str, list[int]] = {}
    problems = list(unstorable)
    misnamed: list[tuple[str, str]] | None = []
    for rel, folded in folders.items():
        add_month(counts, folded, first_day, last_day)
        unreadable, odd, homes = folded[3]
        problems.extend(Problem(file, line, key, dict(params)) for file, line, key, params in unreadable)
        if misnamed is not None:
            misnamed.extend((f"{rel}/{name}", number) for name, number in odd)
            if homes and homes != [rel]:
                misnamed = None
    return {village: row for village, row in counts.items() if any(row)}, problems, misnamed


def issue_table(
    ledger: Ledger, progress: Progress | None = None, *, workers: int | None = None
) -> IssueTable:
    """`ledger.checks.IssueTable` of every issue file, from the folder summaries."""
    from ledger.checks import IssueTable
    from ledger.summary import add_checks

    folders, unstorable = _refresh(ledger, "checks", progress, workers)
    table = IssueTable()
    for rel, folded in folders.items():
        add_checks(table, rel, folded)
    table.problems.extend(unstorable)
    return table


def _assemble(
    folders: dict[str, list[Entry]], extra: list[Problem], where: Mapping[str, str]
) -> tuple[list[IssueFacts], list[Problem]]:
    from ledger.packing import PLAIN_FIELDS, unpacker
    from ledger.store import Problem

    make = unpacker()
    tests = [(PLAIN_FIELDS[field], value) for field, value in where.items()]  # KeyError: unknown
    issues: list[IssueFacts] = []
    problems: list[tuple[tuple[str, ...], Problem]] = []
    ordered = True
    last: tuple[str, int] | None = None
    for rel in sorted(folders, key=_path_key):
        for name, kind, payload, _months, _checks in folders[rel]:
            if kind == "f":
                if tests and not all(payload[i] == value for i, value in tests):
                    continue
                issues.append(make(payload))
                key = number_key(payload[0])
                if last is not None and key <= last:
                    ordered = False
                last = key
            else:
                order = _path_key(f"{rel}/{name}")
                for file, line, key_, params in payload:
                    problems.append((order, Problem(file, line, key_, dict(params))))
    for p in extra:
        problems.append((_path_key(p.file), p))
    # Folders in path order, files by number within each: already sorted unless a file sits
    # in the wrong folder or two files share a number. Check, and sort exactly if not.
    if not ordered:
        keys = [number_key(f.number) for f in issues]
        decorated = sorted(range(len(issues)), key=lambda i: (keys[i], _path_key(issues[i].file)))
        issues = [issues[i] for i in decorated]
    problems.sort(key=lambda item: item[0])
    return issues, [p for _, p in problems]

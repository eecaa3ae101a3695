"""The derived issue index, `.caseledger/index.sqlite`: what makes whole-ledger reads fast.

The issue files stay the only source of truth. The index remembers, for every issue file, its
stat data (mtime_ns, size, inode, ctime_ns) and what reading it gave: the facts
(`ledger.facts.IssueFacts`, packed as a tuple) or the problems `check` reports for it. Each
refresh stats every issue file (`os.scandir`) and re-reads only new or changed ones; deleted
files drop out. Deleting `.caseledger/` at any time changes no result, only the time taken.

Layout. One SQLite row per issue folder (a bucket of at most 1,000 files)::

    meta(key TEXT PRIMARY KEY, value TEXT)      version: schema + the code that reads issues
    dirs(path TEXT PRIMARY KEY, data BLOB)      marshal of (stats, entries) for one folder
        stats:   {file name: (mtime_ns, size, inode, ctime_ns) or None}
        entries: [(file name, kind, payload)] sorted by issue number; kind "f" (payload: the
                 packed facts) or "p" (payload: the file's problems as tuples)

Per folder rather than per file because it was measured to matter: at 100,000 issues, the
warm path compares each folder's stat dict with the stored one in C (one `==`), and loads 100
blobs instead of 100,000 rows. Decoding JSON rows through `from_row` took ~17 µs per issue
(1.7 s at 100k); marshal plus the packed tuples takes ~2 µs.

Trust. The index is rebuilt, never trusted, when its version differs (schema, Python, or the
source of the modules that turn a file into facts), when SQLite or marshal reports any error
(garbage bytes, a truncated file), or for any file whose stat differs. A file modified less
than `RACY_NS` before it was read is stored with stat None ("racy", as git calls it), so a
same-size edit within one timestamp tick is still noticed next time; ctime is compared as
well, so `touch -r` or a `git checkout` that restores an mtime cannot hide an edit.

Concurrency. Writes are one transaction; when another command holds the database (or the
folder is read-only), the refresh keeps its freshly computed results and skips the write. No
read command fails because of the index: any unexpected index error falls back to a plain
read of the files.

Speed. Parsing a file with ruamel's safe loader costs ~1 ms (its constructor and resolver are
Python), validating with pydantic ~0.1 ms. A cold build at 100,000 issues would take ~60 s on
two cores, so workers first try `ledger.fastyaml.fast_load`, a strict reader for the block-YAML subset that
caseledger itself writes; it returns None for anything outside that subset (comments after
values, anchors, tags, block scalars, flow maps, ambiguous scalars …) and the file then goes
through `Ledger.read_record` exactly as without the index. Every problem is produced by
`read_record`, so messages and lines are identical.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger.store import DERIVED_DIR, ISSUES_DIR

if TYPE_CHECKING:
    from ledger.facts import IssueFacts
    from ledger.store import Ledger, Problem

INDEX_FILE = "index.sqlite"
SCHEMA = "4"
RACY_NS = 2_000_000_000  # files changed this recently (vs. the refresh start) are re-read next time
PARALLEL_MIN = 2000  # fewer files than this are parsed in-process (a pool costs ~0.1 s to start)
CHUNK = 500
BUSY_TIMEOUT = 2.0
# Modules whose code decides what a file reads as; their source is part of the index version.
_VERSION_SOURCES = (
    "issue.py", "record.py", "enums.py", "facts.py", "yamlio.py", "fastyaml.py", "store.py", "index.py",
)  # fmt: skip

Progress = Callable[[int, int], None]
Stat = tuple[int, int, int, int]
# (stats, entries, order): order is (first number key, last number key, strictly increasing)
Folder = tuple[dict[str, Any], list[Any], tuple[Any, ...]]


class IndexError_(Exception):
    """The index could not be used; the caller falls back to a plain read."""


# -- the version ------------------------------------------------------------------------------


def index_version() -> str:
    digest = hashlib.sha256(f"{SCHEMA}|{sys.version}|{marshal.version}".encode())
    here = Path(__file__).resolve().parent
    for name in _VERSION_SOURCES:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(b"?")
    return digest.hexdigest()[:32]


# -- walking the issue folders ----------------------------------------------------------------


def walk(root: Path) -> dict[str, dict[str, Stat | None]]:
    """{folder relative to root: {file name: stat}} for every issue file (as `issue_files`)."""
    found: dict[str, dict[str, Stat | None]] = {}
    base = root / ISSUES_DIR
    if not base.is_dir():
        return found
    pending = [(str(base), ISSUES_DIR)]
    while pending:
        folder, rel = pending.pop()
        files: dict[str, Stat | None] = {}
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                # os.walk lists a symlinked folder but does not descend into it.
                if not name.startswith(".") and not entry.is_symlink():
                    pending.append((entry.path, f"{rel}/{name}"))
                continue
            if not name.endswith(".yaml") or name.startswith("."):
                continue
            try:
                st = entry.stat()
                files[name] = (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)
            except OSError:
                files[name] = None
        if files:
            found[rel] = files
    return found


def _path_key(rel: str) -> tuple[str, ...]:
    """The order `sorted(Path, …)` gives: part by part."""
    return tuple(rel.split("/"))


# -- packing facts ----------------------------------------------------------------------------


def pack(facts: IssueFacts) -> tuple[Any, ...]:
    """IssueFacts → a marshal-ready tuple (dates as ordinals); `unpack` is its inverse."""
    closed = facts.closed.toordinal() if facts.closed else None
    events = tuple(
        (e.at, e.day.toordinal(), e.action, e.by, e.to, e.deadline.toordinal() if e.deadline else None,
         e.disposition, e.of, e.satisfaction, e.owner)
        for e in facts.events
    )  # fmt: skip
    return (
        facts.number, facts.file, facts.title, facts.village, facts.category, facts.source,
        facts.received.toordinal(), facts.owner, facts.level, facts.status,
        facts.deadline.toordinal(), facts.private, facts.disposition, facts.duplicate_of, closed,
        facts.satisfaction, facts.reporter_name, tuple(facts.topics), events,
    )  # fmt: skip


def _shell(cls: type) -> type | None:
    """A plain class with `cls`'s slot layout and a fast positional __init__.

    The facts classes are frozen dataclasses, whose __init__ goes through object.__setattr__
    for every field (~3 µs an issue). We build a shell with plain slot stores and then switch
    its __class__, which Python allows because the layouts are identical. Checked at import;
    when the layout ever changes, `None` makes `unpack` use the real constructor.
    """
    slots = getattr(cls, "__slots__", None)
    if not slots or cls.__bases__ != (object,):
        return None
    args = ", ".join(slots)
    body = "".join(f"    self.{s} = {s}\n" for s in slots)
    namespace: dict[str, Any] = {}
    exec(f"def __init__(self, {args}):\n{body}", namespace)
    shell = type(f"_{cls.__name__}Shell", (), {"__slots__": tuple(slots), "__init__": namespace["__init__"]})
    try:
        probe = shell(*([None] * len(slots)))
        probe.__class__ = cls
    except TypeError:
        return None
    return shell


class _Days(dict[int | None, date | None]):
    """Ordinal → date, made once per distinct day (a ledger has a few thousand); None → None."""

    def __missing__(self, ordinal: int | None) -> date | None:
        value = None if ordinal is None else date.fromordinal(ordinal)
        self[ordinal] = value
        return value


def _make_unpack() -> Callable[[tuple[Any, ...]], IssueFacts]:
    from ledger.facts import EventFacts, IssueFacts

    issue_shell, event_shell = _shell(IssueFacts), _shell(EventFacts)
    day = date.fromordinal
    if issue_shell is None or event_shell is None:

        def unpack_slow(row: tuple[Any, ...]) -> IssueFacts:
            r = row
            events = tuple(
                EventFacts(e[0], day(e[1]), e[2], e[3], e[4], day(e[5]) if e[5] else None, *e[6:])
                for e in r[18]
            )
            return IssueFacts(
                *r[:6], day(r[6]), r[7], r[8], r[9], day(r[10]), r[11], r[12], r[13],
                day(r[14]) if r[14] else None, r[15], r[16], r[17], events,
            )  # fmt: skip

        return unpack_slow

    d = _Days()
    event_class, issue_class = EventFacts, IssueFacts

    def unpack(r: tuple[Any, ...]) -> IssueFacts:
        events = []
        for e in r[18]:
            ev = event_shell(e[0], d[e[1]], e[2], e[3], e[4], d[e[5]], e[6], e[7], e[8], e[9])
            ev.__class__ = event_class
            events.append(ev)
        f = issue_shell(
            r[0], r[1], r[2], r[3], r[4], r[5], d[r[6]], r[7], r[8], r[9], d[r[10]], r[11], r[12], r[13],
            d[r[14]], r[15], r[16], r[17], tuple(events),
        )  # fmt: skip
        f.__class__ = issue_class
        return f

    return unpack


_unpack: Callable[[tuple[Any, ...]], IssueFacts] | None = None


def unpack(row: tuple[Any, ...]) -> IssueFacts:
    global _unpack
    if _unpack is None:
        _unpack = _make_unpack()
    return _unpack(row)


def _sort_key(number: str) -> tuple[str, int]:
    prefix, _, digits = number.rpartition("-")
    return prefix, int(digits)


# -- reading one file (in a worker or in-process) ---------------------------------------------


def parse_files(root: str, rels: list[str], trust_before_ns: int) -> list[tuple[str, Stat | None, str, Any]]:
    """Read issue files: [(rel, stat or None when racy, "f"|"p", packed facts | problems)]."""
    from pydantic import ValidationError

    from ledger.errors import LedgerError
    from ledger.facts import facts_of
    from ledger.fastyaml import fast_load
    from ledger.issue import Issue
    from ledger.store import Ledger, problem_from
    from ledger.yamlio import MAX_FILE_BYTES, decode

    ledger = Ledger(Path(root))
    out: list[tuple[str, Stat | None, str, Any]] = []
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
        if facts is not None:
            out.append((rel, stat, "f", pack(facts)))
            continue
        # Anything unusual: exactly what a plain read does, so problems are identical.
        try:
            facts = facts_of(ledger.read_record(Issue, path), rel)
        except LedgerError as exc:
            p = problem_from(exc, rel)
            problem = (p.file, p.line, p.key, dict(p.params))
            try:
                marshal.dumps(problem)
            except ValueError:
                stat = None  # not storable as is: keep it out of the index, re-read each time
                problem = (p.file, p.line, p.key, {})
                out.append((rel, None, "x", p))
                continue
            out.append((rel, stat, "p", (problem,)))
        else:
            out.append((rel, stat, "f", pack(facts)))
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


def _read_stored(path: Path, version: str) -> dict[str, Folder] | None:
    """The stored folders, or None when there is no usable index (missing, stale, corrupt).

    Raises `_Busy` when the database stays locked: the index is fine, just not readable now.
    """
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if row is None or row[0] != version:
                return None
            stored: dict[str, Folder] = {}
            for rel, blob in db.execute("SELECT path, data FROM dirs"):
                stats, entries, order = marshal.loads(blob)
                if not isinstance(stats, dict) or not isinstance(entries, list):
                    return None
                stored[rel] = (stats, entries, order)
            return stored
        finally:
            db.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise _Busy from None
        return None
    except (sqlite3.Error, ValueError, EOFError, TypeError):
        return None


def _write_full(path: Path, version: str, folders: dict[str, Folder]) -> None:
    """Build a new index beside the old one and rename it into place (a cold build)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    db = _connect(tmp)
    try:
        db.execute("PRAGMA synchronous=OFF")  # a crash before the rename leaves only a temp file
        db.execute("BEGIN")
        db.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)")
        db.execute("CREATE TABLE dirs(path TEXT PRIMARY KEY, data BLOB)")
        db.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
        db.executemany(
            "INSERT INTO dirs VALUES (?, ?)", ((rel, marshal.dumps(v)) for rel, v in folders.items())
        )
        db.execute("COMMIT")
    finally:
        db.close()
    os.replace(tmp, path)
    for suffix in ("-journal", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def _write_changes(path: Path, version: str, changed: dict[str, Folder], gone: list[str]) -> None:
    db = _connect(path)
    try:
        db.execute("BEGIN IMMEDIATE")
        row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        if row is None or row[0] != version:
            db.execute("ROLLBACK")
            return
        db.executemany(
            "INSERT OR REPLACE INTO dirs VALUES (?, ?)",
            ((rel, marshal.dumps(v)) for rel, v in changed.items()),
        )
        db.executemany("DELETE FROM dirs WHERE path = ?", ((rel,) for rel in gone))
        db.execute("COMMIT")
    finally:
        db.close()


# -- the refresh ------------------------------------------------------------------------------


def _parse(
    root: Path, rels: list[str], trust_before_ns: int, progress: Progress | None, workers: int | None
) -> list[tuple[str, Stat | None, str, Any]]:
    total = len(rels)
    if progress is not None:
        progress(0, total)
    cores = workers if workers is not None else min(2, os.cpu_count() or 1)
    if total < PARALLEL_MIN or cores < 2:
        out: list[tuple[str, Stat | None, str, Any]] = []
        for start in range(0, total, CHUNK):
            out.extend(parse_files(str(root), rels[start : start + CHUNK], trust_before_ns))
            if progress is not None:
                progress(len(out), total)
        return out
    from concurrent.futures import ProcessPoolExecutor, as_completed

    chunks = [rels[i : i + CHUNK] for i in range(0, total, CHUNK)]
    out = []
    with ProcessPoolExecutor(max_workers=cores) as pool:
        futures = [pool.submit(parse_files, str(root), chunk, trust_before_ns) for chunk in chunks]
        for future in as_completed(futures):
            out.extend(future.result())
            if progress is not None:
                progress(len(out), total)
    return out


def load(
    ledger: Ledger, progress: Progress | None = None, *, workers: int | None = None
) -> tuple[list[IssueFacts], list[Problem]]:
    """Facts and problems of every issue file, through the index (refreshing it).

    The cyclic garbage collector is paused meanwhile: loading 100,000 issues creates about a
    million objects without a single cycle, and the collections this triggers were measured
    to double the time. Afterwards the loaded objects are frozen out of later collections.
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(ledger, progress, workers)
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def _load(
    ledger: Ledger, progress: Progress | None, workers: int | None
) -> tuple[list[IssueFacts], list[Problem]]:

    start_ns = time.time_ns()
    version = index_version()
    path = index_path(ledger)
    current = walk(ledger.root)
    busy = False
    try:
        stored = _read_stored(path, version)
    except _Busy:
        stored, busy = None, True  # read every file this time, and leave the index alone
    cold = stored is None
    stored = stored or {}

    folders: dict[str, Folder] = {}
    changed: dict[str, dict[str, Any]] = {}  # folder → {name: entry kept}
    to_parse: list[str] = []
    for rel, stats in current.items():
        old = stored.get(rel)
        if old is not None and old[0] == stats:
            folders[rel] = old
            continue
        kept: dict[str, Any] = {}
        if old is not None:
            old_stats = old[0]
            for entry in old[1]:
                name = entry[0]
                st = stats.get(name)
                if st is not None and old_stats.get(name) == st:
                    kept[name] = entry
        changed[rel] = kept
        to_parse.extend(f"{rel}/{name}" for name in stats if name not in kept)

    unstorable: list[Problem] = []
    if to_parse:
        parsed = _parse(ledger.root, to_parse, start_ns - RACY_NS, progress, workers)
        for rel, stat, kind, payload in parsed:
            folder, _, name = rel.rpartition("/")
            if kind == "x":
                unstorable.append(payload)
                current[folder][name] = None
                continue
            current[folder][name] = stat
            changed[folder][name] = (name, kind, payload)
    for rel, kept in changed.items():
        entries = sorted(kept.values(), key=_entry_key)
        keys = [_sort_key(e[2][0]) for e in entries if e[1] == "f"]
        ordered = all(keys[i] < keys[i + 1] for i in range(len(keys) - 1))
        folders[rel] = (current[rel], entries, (keys[0], keys[-1], ordered) if keys else ())

    gone = [rel for rel in stored if rel not in current]
    if not busy and (cold or changed or gone):
        with contextlib.suppress(OSError, sqlite3.Error):
            if cold:
                _write_full(path, version, folders)
            else:
                _write_changes(path, version, {rel: folders[rel] for rel in changed}, gone)

    return _assemble(folders, unstorable)


def _in_order(orders: Iterable[tuple[Any, ...]]) -> bool:
    """Whether folder after folder, each in order, the numbers strictly increase."""
    last: tuple[str, int] | None = None
    for order in orders:
        if not order:
            continue
        first, final, ordered = order
        if not ordered or (last is not None and tuple(first) <= last):
            return False
        last = tuple(final)
    return True


def _entry_key(entry: tuple[str, str, Any]) -> tuple[int, str, int, str]:
    name, kind, payload = entry
    if kind == "f":
        prefix, n = _sort_key(payload[0])
        return 0, prefix, n, name
    return 1, "", 0, name


def _assemble(folders: dict[str, Folder], extra: list[Problem]) -> tuple[list[IssueFacts], list[Problem]]:
    from ledger.store import Problem

    global _unpack
    if _unpack is None:
        _unpack = _make_unpack()
    make = _unpack
    issues: list[IssueFacts] = []
    problems: list[tuple[tuple[str, ...], Problem]] = []
    keys: list[tuple[str, int]] = []
    for rel in sorted(folders, key=_path_key):
        for name, kind, payload in folders[rel][1]:
            if kind == "f":
                issues.append(make(payload))
            else:
                order = _path_key(f"{rel}/{name}")
                for file, line, key, params in payload:
                    problems.append((order, Problem(file, line, key, dict(params))))
    for p in extra:
        problems.append((_path_key(p.file), p))
    # Folders in path order, files by number within each: already sorted unless a file sits
    # in the wrong folder or two files share a number. Check, and sort exactly if not.
    if not _in_order(folders[rel][2] for rel in sorted(folders, key=_path_key)):
        keys = [_sort_key(f.number) for f in issues]
        decorated = sorted(range(len(issues)), key=lambda i: (keys[i], _path_key(issues[i].file)))
        issues = [issues[i] for i in decorated]
    problems.sort(key=lambda item: item[0])
    return issues, [p for _, p in problems]

"""Bringing the index up to date: stat every folder, read only what changed, store it.

A warm run compares each folder's stat list, marshalled, with the stored bytes (one `==` per
folder), and then reads only the column it needs: `report month` the month counts, `check`
the check summary, `issue list` the entries. Only a changed folder's entries are unpacked,
and only its changed files are read again. A blob whose checksum fails (`store.Damaged`) is
a changed folder: read again and stored anew.

A file modified less than `RACY_NS` before it was read is stored with stat None ("racy", as
git calls it), so a same-size edit within one timestamp tick is still noticed next time; ctime
is compared as well, so `touch -r` or a `git checkout` that restores an mtime cannot hide an
edit. When another command holds the database (or the folder is read-only), the refresh keeps
its freshly computed results and skips the write.

Parsing a file with ruamel's safe loader costs ~1 ms, validating with pydantic ~0.1 ms, so a
cold build at 100,000 issues runs on both cores, and workers first try
`ledger.fastyaml.fast_load`, a strict reader for the block-YAML subset caseledger writes;
anything outside it goes through `Ledger.read_record` exactly as without the index.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger.facts import number_key
from ledger.index import store
from ledger.index.parse import parse_files
from ledger.index.store import COLUMNS, Damaged, Row, seal, unseal
from ledger.index.walk import Stat, stats_bytes, walk

if TYPE_CHECKING:
    from ledger.index.summary import Entry
    from ledger.store import Ledger, Problem

RACY_NS = 2_000_000_000  # files changed this recently (vs. the refresh start) are re-read next time
PARALLEL_MIN = 2000  # fewer files than this are parsed in-process (a pool costs ~0.1 s to start)
CHUNK = 500  # files per task when a folder is not read whole
FOLDER_TASK_MAX = 1000  # a folder of up to this many files is read and folded in one task
Progress = Callable[[int, int], None]


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
    from ledger.index.summary import fold

    ordered = sorted(entries.values(), key=_entry_key)
    return (stats_bytes(sorted(stats.items())), *(seal(fold(column, ordered)) for column in COLUMNS))


def _read_all(
    root: Path,
    tasks: list[tuple[str, list[str], bool]],
    trust_before_ns: int,
    progress: Progress | None,
    workers: int | None,
    reader: Callable[..., Any] | None = None,
) -> list[Any]:
    """`reader` (`read_folder` unless another kind's is given) for every task, on both cores
    when there are many files."""
    reader = reader or read_folder
    total = sum(len(names) for _, names, _ in tasks)
    done = 0
    cores = workers if workers is not None else min(2, os.cpu_count() or 1)
    out = []
    if total < PARALLEL_MIN or cores < 2:
        if progress is not None:
            progress(0, total)
        for rel, names, whole in tasks:
            out.append(reader(str(root), rel, names, trust_before_ns, whole))
            done += len(names)
            if progress is not None:
                progress(done, total)
        return out
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    left = {(rel, tuple(names)): whole for rel, names, whole in tasks}
    try:
        with ProcessPoolExecutor(max_workers=cores) as pool:
            futures = {
                pool.submit(reader, str(root), rel, names, trust_before_ns, whole): (rel, tuple(names))
                for rel, names, whole in tasks
            }
            if progress is not None:  # only now: the workers are forked before a progress bar's thread starts
                progress(0, total)
            for future in as_completed(futures):
                out.append(future.result())
                task = futures[future]
                del left[task]
                done += len(task[1])
                if progress is not None:
                    progress(done, total)
    except BrokenProcessPool:
        # A worker died (killed, out of memory): read what is left here. An exception raised
        # inside a worker is not this; it comes back from `result()` as itself.
        for (rel, names), whole in left.items():
            out.append(reader(str(root), rel, list(names), trust_before_ns, whole))
            done += len(names)
            if progress is not None:
                progress(done, total)
    return out


def refresh(
    ledger: Ledger, column: str, progress: Progress | None, workers: int | None
) -> tuple[dict[str, Any], list[Problem]]:
    """Bring the index up to date; `column` of every folder, decoded, and the problems that
    could not be stored."""
    with collector_paused():
        return _refresh_now(ledger, column, progress, workers)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector meanwhile: a refresh creates many objects without a
    single cycle, and the collections this triggers were measured to double the time (the
    issues; for 100,000 record rows 0.9 s of 1.3 s). Afterwards the loaded objects are frozen
    out of later collections."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def _refresh_now(
    ledger: Ledger, column: str, progress: Progress | None, workers: int | None
) -> tuple[dict[str, Any], list[Problem]]:
    start_ns = time.time_ns()
    version = store.index_version()
    path = store.index_path(ledger)
    current = walk(ledger.root)
    encoded = {rel: stats_bytes(stats) for rel, stats in current.items()}
    busy = False
    try:
        stored = store.read_stored(path, version, column)
    except store.Busy:
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
                result[rel] = unseal(old[1])
                continue
            except Damaged:
                damaged.add(rel)  # read that folder again, and store it anew
        changed.append(rel)
    gone = [rel for rel in stored if rel not in current]

    # Changed folders: keep the entries of files whose stat is unchanged, read the others.
    kept: dict[str, dict[str, Entry]] = {rel: {} for rel in changed}
    previous = [rel for rel in changed if rel in stored and rel not in damaged]
    if previous:
        try:
            old_rows = store.read_stored(path, version, "entries", previous) or {}
        except store.Busy:
            old_rows = {}
        for rel, (stats_blob, entries_blob) in old_rows.items():
            try:
                old_stats, old_entries = dict(marshal.loads(stats_blob)), unseal(entries_blob)
            except (ValueError, EOFError, TypeError, Damaged):  # read the whole folder again
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
        result[rel] = unseal(rows[rel][column_at])

    if not busy and (cold or changed or gone):
        with contextlib.suppress(OSError, sqlite3.Error):  # unwritable: answer anyway
            if cold:
                store.write_full(path, version, rows)
            else:
                store.write_changes(path, version, rows, gone)
    return result, unstorable


def _entry_key(entry: Entry) -> tuple[int, str, int, str]:
    name, kind, payload = entry[:3]
    if kind == "f":
        prefix, n = number_key(payload[0])
        return 0, prefix, n, name
    return 1, "", 0, name

"""The record kinds beside the issues (visit, cadre, aid, pairing) in the derived index.

At 100,000 visits, building every record as a validated model takes ~0.3 ms each: ~30 s for
one `report visits`. So, per bucket folder of a kind, the index keeps the folder's stat list
and one sealed blob of what reading each file gave: the validated record as a tuple
(`rows.encode`), or the problem `Ledger.read_record` raised for it (so messages are identical
with and without the index). A warm read stats the kind's files (`walk`), compares each
folder's stat bytes with the stored ones, and unpacks the blobs into light `rows.Row`s; a
changed folder re-reads only its changed files; a cold build reads on both cores, calling
`progress(done, total)`. The trust rules are the issue index's (`ledger.index`): version,
checksums, racy stat. Each kind has its own file (`kindstore`), so a cold `report visits`
builds the visits only, and the issue index is never touched.

`load(ledger, kind)` gives what `Ledger.load_all(kind)` gives (records in path order, problems
in path order), as `rows.Row`s; `ledger.recordscan` is what readers call.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sqlite3
import time
from collections.abc import Iterator
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger.index import kindstore
from ledger.index import refresh as issue_refresh
from ledger.index.refresh import Progress
from ledger.index.store import Busy, Damaged, seal, unseal
from ledger.index.walk import Stat, path_key, stats_bytes, walk
from ledger.kinds import KINDS

if TYPE_CHECKING:
    from ledger.index.rows import Row
    from ledger.store import Ledger, Problem

# The kinds kept here: every bucketed kind but the issues (which have their own index).
INDEXED_KINDS = tuple(name for name, k in KINDS.items() if k.bucketed and name != "issue")
Entry = tuple[str, str, Any]  # (file name, "r", encoded record) | (file name, "p", (problem tuple,))


def read_files(
    kind: str, root: str, rel: str, names: list[str], trust_before_ns: int, _whole: bool = False
) -> tuple[str, list[tuple[str, Stat | None, Any]]]:
    """Read these files of folder `rel` exactly as `Ledger.load_all` does (`read_record`):
    (rel, [(file name, stat or None when racy, ("r", encoded) | ("p", problems) | ("x", Problem))]);
    "x" is a problem that cannot be stored (kept out of the index, read again each time)."""
    from ledger.errors import LedgerError
    from ledger.index.rows import encode
    from ledger.store import Ledger, problem_from

    ledger = Ledger(Path(root))
    model = KINDS[kind].model()
    out: list[tuple[str, Stat | None, Any]] = []
    for name in names:
        path = ledger.root / rel / name
        stat: Stat | None = None
        with contextlib.suppress(OSError):
            st = os.stat(path)  # before reading: an edit after it shows as a changed stat next time
            stat = (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)
        if stat is not None and max(stat[0], stat[3]) >= trust_before_ns:
            stat = None  # racy: changed too recently to trust its stat; read again next time
        try:
            record = ledger.read_record(model, path)
        except LedgerError as exc:
            p = problem_from(exc, ledger.rel(path))
            problem = (p.file, p.line, p.key, dict(p.params))
            try:
                marshal.dumps(problem)
            except ValueError:
                out.append((name, None, ("x", p)))
                continue
            out.append((name, stat, ("p", (problem,))))
            continue
        out.append((name, stat, ("r", encode(kind, record))))
    return rel, out


def refresh(
    ledger: Ledger, kind: str, progress: Progress | None = None, workers: int | None = None
) -> tuple[dict[str, list[Entry]], list[Problem]]:
    """Bring `kind`'s index up to date: {folder: entries} and the problems that could not be
    stored."""
    assert kind in INDEXED_KINDS, kind
    with _collector_paused():
        return _refresh_now(ledger, kind, progress, workers)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector, as the issue refresh does: unpacking 100,000 rows
    makes millions of objects without a cycle, and the collections they trigger were measured
    to take longer than the unpacking (0.9 s of 1.3 s). Afterwards what was made is frozen out
    of later collections."""
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
    ledger: Ledger, kind: str, progress: Progress | None, workers: int | None
) -> tuple[dict[str, list[Entry]], list[Problem]]:
    start_ns = time.time_ns()
    version = kindstore.kind_version()
    path = kindstore.kind_path(ledger, kind)
    current = walk(ledger.root, KINDS[kind].folder)
    busy = False
    try:
        stored = kindstore.read_stored(path, version)
    except Busy:
        stored, busy = None, True  # read every file this time, and leave the index alone
    cold = stored is None
    stored = stored or {}

    result: dict[str, list[Entry]] = {}
    kept: dict[str, dict[str, Entry]] = {}
    for rel, stats in current.items():
        old = stored.get(rel)
        kept[rel] = {}
        if old is None:
            continue
        try:
            entries = unseal(old[1])
        except Damaged:
            continue  # read the whole folder again, and store it anew
        if old[0] == stats_bytes(stats):
            result[rel] = entries
            continue
        try:  # a changed folder: keep the entries of files whose stat is unchanged
            old_stats = dict(marshal.loads(old[0]))
        except (ValueError, EOFError, TypeError):
            continue
        by_name = {entry[0]: entry for entry in entries}
        kept[rel] = {
            name: by_name[name]
            for name, stat in stats
            if isinstance(stat, tuple) and old_stats.get(name) == stat and name in by_name
        }
    changed = [rel for rel in current if rel not in result]
    gone = [rel for rel in stored if rel not in current]

    tasks: list[tuple[str, list[str], bool]] = []
    for rel in changed:
        names = [name for name, _ in current[rel] if name not in kept[rel]]
        chunk = issue_refresh.CHUNK
        tasks.extend((rel, names[i : i + chunk], False) for i in range(0, len(names), chunk))
    stats_now = {rel: dict(current[rel]) for rel in changed}
    unstorable: list[Problem] = []
    if tasks:
        reader = partial(read_files, kind)
        # the issues' two-core reader and racy rule (one knob for both), given this kind's reader
        trust_before_ns = start_ns - issue_refresh.RACY_NS
        for rel, parsed in issue_refresh._read_all(
            ledger.root, tasks, trust_before_ns, progress, workers, reader
        ):
            for name, stat, entry in parsed:
                if entry[0] == "x":
                    unstorable.append(entry[1])
                    stats_now[rel][name] = None
                    continue
                stats_now[rel][name] = stat
                kept[rel][name] = (name, *entry)
    rows: dict[str, kindstore.KindRow] = {}
    for rel in changed:
        entries = sorted(kept[rel].values())
        rows[rel] = (stats_bytes(sorted(stats_now[rel].items())), seal(entries))
        result[rel] = entries

    if not busy and (cold or changed or gone):
        with contextlib.suppress(OSError, sqlite3.Error):  # unwritable: answer anyway
            if cold:
                kindstore.write_full(path, version, rows)
            else:
                kindstore.write_changes(path, version, rows, gone)
    return result, unstorable


def load(
    ledger: Ledger, kind: str, progress: Progress | None = None, *, workers: int | None = None
) -> tuple[list[Row], list[Problem]]:
    """Every record of `kind` as a `rows.Row`, and the problems of the files that cannot be read:
    what `Ledger.load_all(kind)` gives, in the same (path) order."""
    with _collector_paused():
        folders, unstorable = refresh(ledger, kind, progress, workers)
        return _assemble(kind, folders, unstorable)


def _assemble(
    kind: str, folders: dict[str, list[Entry]], unstorable: list[Problem]
) -> tuple[list[Row], list[Problem]]:
    from ledger.index.rows import decoder
    from ledger.store import Problem

    decode = decoder(kind)
    order = sorted(folders, key=path_key)
    rows: list[Row] = []
    problems: list[Problem] = list(unstorable)
    for rel in order:
        for name, tag, payload in folders[rel]:
            if tag == "r":
                rows.append(decode(payload, f"{rel}/{name}"))
            else:
                problems.extend(Problem(file, line, key, dict(params)) for file, line, key, params in payload)
    # Folder by folder is path order unless a folder holds files beside folders that hold files
    # (the flat `pairings/P3.yaml` beside `pairings/000/`): then sort by path, part by part.
    if any(path_key(a) == path_key(b)[: len(path_key(a))] for a, b in pairwise(order)):
        rows.sort(key=lambda row: path_key(row.file))
    problems.sort(key=lambda p: path_key(p.file))
    return rows, problems

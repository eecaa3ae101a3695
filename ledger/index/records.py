"""The record kinds beside the issues (visit, cadre, aid, pairing) in the derived index.

At 100,000 visits, building every record as a validated model takes ~0.3 ms each: ~30 s for
one `report visits`. So, per bucket folder of a kind, the index keeps the folder's stat list
and what reading each file gave, in two sealed blobs: the head (the days its records span, and
the problem `Ledger.read_record` raised for each bad file, so messages are identical with and
without the index) and the entries (each validated record as a tuple, `rows.encode`). A warm
read stats the kind's files (`walk`), compares each folder's stat bytes with the stored ones,
and unpacks the entries into light `rows.Row`s, only of the folders dated in the days asked
for (`between`); a changed folder re-reads only its changed files; a cold build reads on both
cores, calling `progress(done, total)`. The trust rules are the issue index's (`ledger.index`): version,
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
from datetime import date
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
# A folder as kept: (head, record entries). head = (span, [(file name, (problem tuple,))]), span
# being the first and last day number its records are dated (None: no record, or a kind without
# `date`); record entries = [(file name, `rows.encode` tuple)], None when not wanted.
Head = tuple[tuple[int, int] | None, list[tuple[str, Any]]]
Folder = tuple[Head, list[tuple[str, Any]] | None]


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
    ledger: Ledger,
    kind: str,
    progress: Progress | None = None,
    workers: int | None = None,
    between: tuple[int, int] | None = None,
) -> tuple[dict[str, Folder], list[Problem]]:
    """Bring `kind`'s index up to date: {folder: (head, record entries)} and the problems that
    could not be stored. With `between` (two day numbers), a folder whose records are all dated
    outside them is given with entries None: not unpacked, nor its checksum checked."""
    assert kind in INDEXED_KINDS, kind
    with issue_refresh.collector_paused():
        return _refresh_now(ledger, kind, progress, workers, between)


def _wanted(span: tuple[int, int] | None, between: tuple[int, int] | None) -> bool:
    return between is None or (span is not None and span[0] <= between[1] and between[0] <= span[1])


def _refresh_now(
    ledger: Ledger, kind: str, progress: Progress | None, workers: int | None, between: tuple[int, int] | None
) -> tuple[dict[str, Folder], list[Problem]]:
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

    result: dict[str, Folder] = {}
    kept: dict[str, dict[str, tuple[str, Any]]] = {}  # per changed folder: name → ("r"|"p", payload)
    for rel, stats in current.items():
        old = stored.get(rel)
        kept[rel] = {}
        if old is None:
            continue
        try:
            head = unseal(old[1])
            unchanged = old[0] == stats_bytes(stats)
            if unchanged and not _wanted(head[0], between):
                result[rel] = (head, None)
                continue
            entries = unseal(old[2])
        except Damaged:
            continue  # read the whole folder again, and store it anew
        if unchanged:
            result[rel] = (head, entries)
            continue
        try:  # a changed folder: keep what its files with an unchanged stat gave
            old_stats = dict(marshal.loads(old[0]))
        except (ValueError, EOFError, TypeError):
            continue
        same = {name for name, stat in stats if isinstance(stat, tuple) and old_stats.get(name) == stat}
        kept[rel] = {name: ("r", values) for name, values in entries if name in same}
        kept[rel] |= {name: ("p", problems) for name, problems in head[1] if name in same}
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
                kept[rel][name] = entry
    rows: dict[str, kindstore.KindRow] = {}
    at = date_field(kind)
    for rel in changed:
        entries = sorted((name, payload) for name, (tag, payload) in kept[rel].items() if tag == "r")
        problems = sorted((name, payload) for name, (tag, payload) in kept[rel].items() if tag == "p")
        days = [values[at] for _name, values in entries] if at is not None else []
        head = ((min(days), max(days)) if days else None, problems)
        rows[rel] = (stats_bytes(sorted(stats_now[rel].items())), seal(head), seal(entries))
        result[rel] = (head, entries)

    if not busy and (cold or changed or gone):
        with contextlib.suppress(OSError, sqlite3.Error):  # unwritable: answer anyway
            if cold:
                kindstore.write_full(path, version, rows)
            else:
                kindstore.write_changes(path, version, rows, gone)
    return result, unstorable


def date_field(kind: str) -> int | None:
    """Where the kind's `date` (the day a visit or an aid record is dated) is in its stored
    tuple; None for kinds without one (cadres, pairings)."""
    from ledger.index.rows import DAY, layout

    _model, fields = layout(kind)
    return next((i for i, (name, codec, _c) in enumerate(fields) if name == "date" and codec == DAY), None)


def load(
    ledger: Ledger,
    kind: str,
    progress: Progress | None = None,
    *,
    workers: int | None = None,
    between: tuple[date, date] | None = None,
) -> tuple[list[Row], list[Problem]]:
    """Every record of `kind` as a `rows.Row`, and the problems of the files that cannot be read:
    what `Ledger.load_all(kind)` gives, in the same (path) order. With `between`, only the
    records dated from its first to its last day (kinds with a `date`), and every problem: a
    folder whose records are all dated outside is not even unpacked."""
    days = None if between is None else (between[0].toordinal(), between[1].toordinal())
    at = date_field(kind)
    if days is not None and at is None:
        raise ValueError(f"{kind} records have no date")
    with issue_refresh.collector_paused():
        folders, unstorable = refresh(ledger, kind, progress, workers, days)
        return _assemble(kind, folders, unstorable, days, at)


def _assemble(
    kind: str,
    folders: dict[str, Folder],
    unstorable: list[Problem],
    days: tuple[int, int] | None,
    at: int | None,
) -> tuple[list[Row], list[Problem]]:
    from ledger.index.rows import decoder
    from ledger.store import Problem

    decode = decoder(kind)
    order = sorted(folders, key=path_key)
    rows: list[Row] = []
    problems: list[Problem] = list(unstorable)
    for rel in order:
        (_span, bad), entries = folders[rel]
        for _name, found in bad:
            problems.extend(Problem(file, line, key, dict(params)) for file, line, key, params in found)
        if entries is None:
            continue
        if days is None:
            rows.extend(decode(values, f"{rel}/{name}") for name, values in entries)
        else:
            low, high = days
            rows.extend(
                decode(values, f"{rel}/{name}") for name, values in entries if low <= values[at] <= high
            )
    # Folder by folder is path order unless a folder holds files beside folders that hold files
    # (the flat `pairings/P3.yaml` beside `pairings/000/`): then sort by path, part by part.
    if any(path_key(a) == path_key(b)[: len(path_key(a))] for a, b in pairwise(order)):
        rows.sort(key=lambda row: path_key(row.file))
    problems.sort(key=lambda p: path_key(p.file))
    return rows, problems

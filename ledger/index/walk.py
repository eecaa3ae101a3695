"""Walking a kind's folders (the issues', or another bucketed kind's): every file's stat data,
folder by folder.

Listing and statting 100,000 files costs ~0.4 s in one process; on Linux the walk forks once
and a child lists and stats half the folders (`_walk_forked`).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from operator import itemgetter
from pathlib import Path
from stat import S_ISDIR
from typing import Any

from ledger.store import ISSUES_DIR

FORK_WALK_FOLDERS = 10  # fewer folders than this (~10,000 files) are walked in one process
Stat = tuple[int, int, int, int]  # (mtime_ns, size, inode, ctime_ns)
Walk = dict[str, list[tuple[str, Any]]]
Listed = tuple[str, str, list[str]]  # (path, path relative to root, names ending in .yaml)


def walk(root: Path, folder: str = ISSUES_DIR) -> Walk:
    """{folder relative to root: [(file name, stat)] sorted by name} for every file of `folder`
    (a bucketed kind's folder: the issues by default).

    The same files as `Ledger.issue_files` / `kinds.kind_files` (os.walk). A stat that fails is
    given as -1 (never equal to anything stored, so that file is read again). With many folders
    under `folder` (its thousands), a forked child lists and stats every other one.
    """
    base = root / folder
    if not base.is_dir():
        return {}
    listed, below = _list(str(base), folder)
    # Under an office prefix (issues/XA/000/…) the thousands are a level down: go down until
    # there are enough folders to share, or none left.
    while below and len(below) < FORK_WALK_FOLDERS:
        deeper: list[tuple[str, str]] = []
        for path, rel in below:
            files, under = _list(path, rel)
            listed += files
            deeper += under
        below = deeper
    if below and _can_fork():
        return _walk_forked(listed, below)
    return _walk_each(below, listed)


_FOLDER = -2  # what `_stat_folder` gives for a name that turns out to be a folder
_DIR_FD = os.stat in os.supports_dir_fd
_second = itemgetter(1)


def _walk_each(pending: list[tuple[str, str]], listed: list[Listed] | None = None) -> Walk:
    """`walk` of the `pending` (path, relative path) folders and those under them, and of the
    folders already `listed`, in this process."""
    found: Walk = {}
    folders = [*(listed or []), *_folders(pending)]
    while folders:
        named_like_files: list[tuple[str, str]] = []
        for path, rel, names in folders:
            stats = _stat_folder(path, names)
            if _FOLDER in map(_second, stats):  # a folder named like a file: walk it too
                for name, _ in (item for item in stats if item[1] == _FOLDER):
                    if not os.path.islink(os.path.join(path, name)):
                        named_like_files.append((os.path.join(path, name), f"{rel}/{name}"))
                stats = [item for item in stats if item[1] != _FOLDER]
            if stats:
                found[rel] = stats
        folders = _folders(named_like_files)
    return found


def _list(folder: str, rel: str) -> tuple[list[Listed], list[tuple[str, str]]]:
    """The folder's own files ([(path, rel, names)], or [] when it has none) and the
    (path, rel) of the folders in it: hidden ones left out, symlinked ones not entered (as
    os.walk does)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return [], []
    files = sorted([name for name in names if name.endswith(".yaml") and not name.startswith(".")])
    # A name ending in .yaml is statted anyway, and found out then if it is a folder.
    below = []
    for name in [name for name in names if not name.endswith(".yaml") and not name.startswith(".")]:
        path = os.path.join(folder, name)
        if os.path.isdir(path) and not os.path.islink(path):
            below.append((path, f"{rel}/{name}"))
    return ([(folder, rel, files)] if files else []), below


def _folders(pending: list[tuple[str, str]]) -> list[Listed]:
    """`_list` of these folders and the folders under them."""
    found: list[Listed] = []
    while pending:
        files, below = _list(*pending.pop())
        found += files
        pending += below
    return found


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


def _walk_forked(top: list[Listed], below: list[tuple[str, str]]) -> Walk:
    """`_walk_each` on two cores: a forked child lists and stats every other folder and sends
    back the result, while this process walks the rest.

    Listing and statting are system calls and cannot share one Python process's GIL usefully
    (threads were measured slower). If anything goes wrong with the child, its folders are
    walked here."""
    theirs, mine = below[1::2], below[::2]
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return _walk_each(below, top)
    if pid == 0:  # the child: walk, send, and leave at once (no atexit, no buffered output)
        code = 1
        try:
            os.close(read_end)
            data = marshal.dumps(_walk_each(theirs))
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    result = _walk_each(mine, top)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    other: Any = None
    if status == 0:
        with contextlib.suppress(ValueError, EOFError, TypeError):
            other = marshal.loads(data)
    if not isinstance(other, dict):
        other = _walk_each(theirs)
    result.update(other)
    return result


def stats_bytes(stats: list[tuple[str, Any]]) -> bytes:
    """A folder's stat list as bytes that depend on its value only.

    Marshal format 3 and later mark objects referenced more than once, which depends on how
    the list was built; format 2 has no such references, so equal lists give equal bytes.
    """
    return marshal.dumps(stats, 2)


def path_key(rel: str) -> tuple[str, ...]:
    """The order `sorted(Path, …)` gives: part by part."""
    return tuple(rel.split("/"))

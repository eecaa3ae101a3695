"""All-or-nothing writes: every command that changes the ledger goes through one `Write`.

Inside the ledger lock, the command stages new and changed records; on leaving the block the
files are written atomically and, with autocommit or `--commit`, committed to git: the files and
their commit are one unit.

- Every new text is made (and checked: size, regular files, no symbolic links) before any file
  is touched.
- Before a file is replaced, its old version is kept as a hard link beside it (`.NAME.keep`):
  undoing a failed write renames it back, which needs no free space (a full disk cannot stop a
  rollback, so a retry never records an event twice). A create is undone only if it happened.
- SIGINT, SIGTERM and SIGHUP wait until the unit is done (git runs in a session of its own, so
  a Ctrl-C at the terminal does not reach it either); a SIGINT then says the change was saved.
- With a commit, a journal `<git dir>/caseledger-unit.json` says what the unit is. A command
  killed outright (SIGKILL, power) leaves it behind, and the next command repairs the unit: put
  back while files were still being written, committed once they all were (`repair`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger import gitops
from ledger.errors import Interrupted, Refused
from ledger.journals import SYNC_JOURNAL
from ledger.journals import UNIT_JOURNAL as JOURNAL
from ledger.yamlio import MAX_FILE_BYTES, atomic_write, sync_folders, write_many

if TYPE_CHECKING:
    from ledger.record import Record
    from ledger.store import Ledger

DEFERRED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
# Room a record keeps below the reader's limit for the events that end it: a close and a
# follow-up, each with a note of up to 20,000 characters (3 bytes each in UTF-8).
ROOM_TO_FINISH = 160 * 1024


@dataclass
class _Change:
    path: Path
    text: str
    new: bool
    keep: Path | None = None  # the old file's hard link, while the unit is under way
    written: bool = False

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class Write:
    ledger: Ledger
    actor: str
    commit: bool = False
    message: str = ""
    caught: list[int] = field(default_factory=list)
    _created: list[tuple[Path, Record, str]] = field(default_factory=list)
    _updated: list[tuple[Path, Record, bool]] = field(default_factory=list)
    _plain: list[tuple[Path, dict[str, object]]] = field(default_factory=list)

    def say(self, key: str, **params: Any) -> None:
        """Set the commit message: catalog `key` in the ledger's `lang` (SPEC §4), English when it
        has none; a vocabulary value is said by its label in that language."""
        from ledger.enums import LabeledEnum
        from ledger.i18n import t

        lang = self.ledger.settings.lang or "en"
        said = {k: v.label(lang) if isinstance(v, LabeledEnum) else v for k, v in params.items()}
        self.message = t(key, lang, **said)

    def create(self, path: Path, record: Record, header: str = "") -> None:
        self._created.append((path, record, header))

    def update(self, path: Path, record: Record, *, keep_room: bool = True) -> None:
        """Stage a rewrite. `keep_room=False` only for the events that end a record (close,
        follow-up): they may use the room every other write leaves below the reader's limit."""
        self._updated.append((path, record, keep_room))

    def settings(self, path: Path, data: dict[str, object]) -> None:
        self._plain.append((path, data))

    def paths(self) -> list[Path]:
        return [p for p, *_ in self._created] + [p for p, *_ in self._updated] + [p for p, _ in self._plain]

    # -- making the texts (nothing is touched) --------------------------------------------------

    def _changes(self) -> list[_Change]:
        changes = []
        for path, record, header in self._created:
            text = self.ledger.render_new(path, record, header)
            changes.append(self._sized(_Change(path, text, True), True))
        for path, record, keep_room in self._updated:
            text = self.ledger.render_update(path, record)
            changes.append(self._sized(_Change(path, text, False), keep_room))
        for path, data in self._plain:
            self.ledger.check_folders(path)
            text = self.ledger.render_plain(path, data)
            changes.append(_Change(path, text, not os.path.lexists(path)))
        return changes

    def _sized(self, change: _Change, keep_room: bool) -> _Change:
        """A write never makes a file its own reader refuses, and leaves room to finish it."""
        size = len(change.text.encode("utf-8"))
        limit = MAX_FILE_BYTES - (ROOM_TO_FINISH if keep_room else 0)
        if size > limit:
            key = "error.record_too_big" if keep_room else "error.record_too_big_hard"
            raise Refused(key, path=self.ledger.rel(change.path), size=-(-size // 1024), limit=limit // 1024)
        return change

    # -- the unit -------------------------------------------------------------------------------

    def apply(self) -> None:
        changes = self._changes()
        if not changes:
            return
        wants_commit = self.commit or self.ledger.settings.autocommit
        with _deferred_signals(self.caught):
            self._unit(changes, wants_commit)

    def _unit(self, changes: list[_Change], wants_commit: bool) -> None:
        root = self.ledger.root
        journal = _journal_path(root) if wants_commit else None
        try:
            for change in changes:
                if not change.new:
                    change.keep = _keep(change.path)
            if journal is not None:
                _write_journal(journal, self, changes, "files")
            if len(changes) > 1:  # an import: files fsynced many at once, each folder once
                write_many(
                    [(c.path, c.text, c.new) for c in changes],
                    lambda i: setattr(changes[i], "written", True),
                )
                sync_folders([c.path for c in changes])
            else:
                for change in changes:
                    atomic_write(change.path, change.text, exclusive=change.new)
                    change.written = True
            if journal is not None:
                _write_journal(journal, self, changes, "commit")
                repaired: list[str] = []
                try:
                    gitops.commit(root, [c.path for c in changes], self.message, self.actor, repaired)
                finally:
                    self.ledger.repairs += _lock_repairs(root, repaired)
        except BaseException:
            _roll_back(changes)
            if wants_commit and any(c.written for c in changes):
                with contextlib.suppress(Exception):
                    gitops.unstage(root, [_rel(root, c.path) for c in changes])
            if journal is not None:
                with contextlib.suppress(FileNotFoundError):
                    journal.unlink()
            raise
        for change in changes:
            if change.keep is not None:
                with contextlib.suppress(FileNotFoundError):
                    change.keep.unlink()
        if journal is not None:
            journal.unlink()


def _keep(path: Path) -> Path:
    """Hard-link the old file beside itself (hidden, so every loader skips it)."""
    keep = path.with_name(f".{path.name}.keep")
    with contextlib.suppress(FileNotFoundError):
        keep.unlink()  # left by a killed command; the lock says nobody uses it
    os.link(path, keep, follow_symlinks=False)
    return keep


def _roll_back(changes: list[_Change]) -> None:
    """Undo the unit without writing a byte: rename kept files back, unlink what was created."""
    for change in reversed(changes):
        if change.keep is not None:
            if change.written:
                os.replace(change.keep, change.path)
            else:
                with contextlib.suppress(FileNotFoundError):
                    change.keep.unlink()
        elif change.new and change.written:  # never a file that was there before us
            with contextlib.suppress(FileNotFoundError):
                os.unlink(change.path)


def _lock_repairs(root: Path, removed: list[str]) -> list[tuple[str, dict[str, Any]]]:
    return [("repair.stale_lock", {"lock": _rel(root, Path(lock))}) for lock in removed]


def _rel(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


@contextlib.contextmanager
def _deferred_signals(caught: list[int]) -> Iterator[None]:
    """Hold SIGINT/SIGTERM/SIGHUP until the block is done (main thread only: Python delivers
    signals there); `caught` says which arrived."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def note(signum: int, frame: Any) -> None:
        caught.append(signum)

    old = {sig: signal.signal(sig, note) for sig in DEFERRED}
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def _deliver(caught: list[int], message: str) -> None:
    """Now that the unit is whole, act on a signal that waited for it."""
    if not caught:
        return
    sig = caught[0]
    if sig == signal.SIGINT:
        raise Interrupted("error.interrupted_saved", message=message)
    os.kill(os.getpid(), sig)  # its own handler again (by default: end the process)


# -- the journal and the repair of a unit left half done ----------------------------------------


def _journal_path(root: Path) -> Path | None:
    folder = gitops.git_dir(root)
    return folder / JOURNAL if folder is not None else None


def _write_journal(journal: Path | None, write: Write, changes: list[_Change], stage: str) -> None:
    if journal is None:
        return
    root = write.ledger.root
    data = {
        "stage": stage,
        "root": str(root.resolve()),
        "message": write.message,
        "actor": write.actor,
        "changes": [
            {"path": _rel(root, c.path), "new": c.new, "keep": c.keep is not None, "sha256": c.digest}
            for c in changes
        ],
    }
    atomic_write(journal, json.dumps(data, ensure_ascii=False, indent=1))


def repair(ledger: Ledger) -> None:
    """Finish or undo the unit an interrupted command left (call under the lock); each repair is
    added to `ledger.repairs` so the command can say what it did."""
    journal = _journal_path(ledger.root)
    if journal is None:
        return
    if (journal.parent / SYNC_JOURNAL).exists():
        from ledger.syncmove import recover

        recover(ledger)
    if not journal.exists():
        return
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        journal.unlink()  # written atomically, so only a hand edit could break it
        return
    if Path(data.get("root", "")) != ledger.root.resolve():
        return  # another ledger in the same repository: its own next command repairs it
    root = ledger.root
    message = data.get("message", "")
    changes = data.get("changes", [])
    if data.get("stage") == "commit":
        for item in changes:
            with contextlib.suppress(FileNotFoundError):
                (root / item["path"]).with_name(f".{Path(item['path']).name}.keep").unlink()
        rels = [item["path"] for item in changes]
        if gitops.uncommitted(root, rels):
            repaired: list[str] = []
            try:
                gitops.commit(root, [root / r for r in rels], message, data.get("actor", ""), repaired)
            finally:
                ledger.repairs += _lock_repairs(root, repaired)
            ledger.repairs.append(("repair.committed", {"message": message}))
    else:
        for item in reversed(changes):
            path = root / item["path"]
            keep = path.with_name(f".{path.name}.keep")
            if item.get("keep") and keep.exists():
                os.replace(keep, path)
                with contextlib.suppress(FileNotFoundError):
                    keep.unlink()  # still there when it was the same file as `path`
            elif item.get("new") and path.is_file() and _digest(path) == item.get("sha256"):
                path.unlink()
        ledger.repairs.append(("repair.rolled_back", {"message": message}))
    journal.unlink()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextlib.contextmanager
def writing(ledger: Ledger, actor: str, *, commit: bool = False, message: str = "") -> Iterator[Write]:
    """Hold the lock, collect the changes, then write them all (or none) and commit."""
    with ledger.lock():
        repair(ledger)
        write = Write(ledger, actor, commit, message)
        ledger.writing = True
        try:
            yield write
            write.apply()
        except BaseException:
            _deliver([sig for sig in write.caught if sig != signal.SIGINT], write.message)
            raise
        finally:
            ledger.writing = False
    _deliver(write.caught, write.message)

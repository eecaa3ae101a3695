"""All-or-nothing writes: every command that changes the ledger goes through one `Write`.

Inside the ledger lock, the command stages new and changed records; on leaving the block the
files are written atomically and, with autocommit or `--commit`, committed to git as one
commit. If anything fails (a validation, a disk error, git), files already written are put
back as they were, so a failed command leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ledger import gitops
from ledger.yamlio import atomic_write

if TYPE_CHECKING:
    from ledger.record import Record
    from ledger.store import Ledger


@dataclass
class Write:
    ledger: Ledger
    actor: str
    commit: bool = False
    message: str = ""
    _created: list[tuple[Path, Record, str]] = field(default_factory=list)
    _updated: list[tuple[Path, Record]] = field(default_factory=list)
    _plain: list[tuple[Path, dict[str, object]]] = field(default_factory=list)

    def create(self, path: Path, record: Record, header: str = "") -> None:
        self._created.append((path, record, header))

    def update(self, path: Path, record: Record) -> None:
        self._updated.append((path, record))

    def settings(self, path: Path, data: dict[str, object]) -> None:
        self._plain.append((path, data))

    def paths(self) -> list[Path]:
        return [p for p, *_ in self._created] + [p for p, _ in self._updated] + [p for p, _ in self._plain]

    def apply(self) -> None:
        backups: list[tuple[Path, bytes | None]] = []
        try:
            for path, record, header in self._created:
                backups.append((path, None))
                self.ledger.create(path, record, header)
            for path, record in self._updated:
                backups.append((path, path.read_bytes()))
                self.ledger.update(path, record)
            for path, data in self._plain:
                backups.append((path, path.read_bytes() if path.exists() else None))
                self.ledger.write_plain(path, data)
            wants_commit = self.commit or self.ledger.settings.autocommit
            if wants_commit and self.paths():
                gitops.commit(self.ledger.root, self.paths(), self.message, self.actor)
        except BaseException:
            for path, old in reversed(backups):
                if old is None:
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(path)
                else:
                    atomic_write(path, old.decode("utf-8"))
            raise


@contextlib.contextmanager
def writing(ledger: Ledger, actor: str, *, commit: bool = False, message: str = "") -> Iterator[Write]:
    """Hold the lock, collect the changes, then write them all (or none) and commit."""
    with ledger.lock():
        write = Write(ledger, actor, commit, message)
        yield write
        write.apply()

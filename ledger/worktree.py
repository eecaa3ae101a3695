"""Which files of the work tree are the ledger's records, and which of them git has not got.

Shared by `check` (an autocommit ledger's files differ from HEAD), `status` and `sync` (which
refuse to share while records are changed and not committed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger.kinds import KINDS
from ledger.store import SETTINGS_FILE

if TYPE_CHECKING:
    from ledger.store import Ledger


def record_rels() -> list[str]:
    """The settings file and every record kind's folder, relative to the ledger root."""
    return [SETTINGS_FILE, *sorted({kind.folder for kind in KINDS.values()})]


def uncommitted_records(ledger: Ledger) -> list[str]:
    """Record files (and ledger.yaml) that differ from git's last commit: changed, new or
    deleted; [] when the ledger is not in a git repository."""
    from ledger import gitops

    if gitops.git_dir(ledger.root) is None:
        return []
    rels = [rel for rel in record_rels() if (ledger.root / rel).exists() or rel == SETTINGS_FILE]
    return [path for path in gitops.uncommitted(ledger.root, rels) if not _hidden(path)]


def _hidden(path: str) -> bool:
    # A `.NAME.keep` beside a record is a write unit under way (the lock is ours), never a record.
    return path.rsplit("/", 1)[-1].startswith(".") and not path.endswith(".gitkeep")

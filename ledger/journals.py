"""What an interrupted command leaves in the repository's git folder, and whether it is there.

A write unit with a commit keeps a journal `<git dir>/caseledger-unit.json` (`ledger.transaction`),
a `sync` moving the clone `<git dir>/caseledger-sync.json` (`ledger.syncmove`). Every command
asks whether one is there before it reads (two stats, no git: `ledger.repairs`), so this module
imports nothing: a read-only command such as `issue show` starts without the write machinery
(SPEC §7).
"""

from __future__ import annotations

from pathlib import Path

UNIT_JOURNAL = "caseledger-unit.json"  # in .git: a write unit not yet finished
SYNC_JOURNAL = "caseledger-sync.json"  # in .git: a clone that sync had started to move


def git_dir(root: Path) -> Path | None:
    """The `.git` folder of the repository holding `root` (no subprocess: it is asked on every
    command), or None when there is none. A `.git` file (worktree, submodule) is followed."""
    for folder in (root, *root.parents):
        dot = folder / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():
            text = dot.read_text(encoding="utf-8", errors="replace").strip()
            if text.startswith("gitdir:"):
                target = Path(text.removeprefix("gitdir:").strip())
                return target if target.is_absolute() else (folder / target).resolve()
            return None
    return None


def pending(root: Path) -> bool:
    """Whether an interrupted command left a unit to repair, or a `sync` a clone moved half
    way, in the repository holding `root`."""
    folder = git_dir(root)
    return folder is not None and ((folder / UNIT_JOURNAL).exists() or (folder / SYNC_JOURNAL).exists())

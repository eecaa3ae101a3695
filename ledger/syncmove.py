"""Moving this clone's branch for `sync`, under a journal, and putting it back.

`sync` (ledger/sync.py) moves the branch, index and work tree to the commits it made under the
journal `.git/caseledger-sync.json`; a sync killed outright leaves the journal, and the next
command of any kind (`transaction.repair`) calls `recover`, which puts the clone back. This
module holds just what both need, so that neither imports the other.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger import gitops
from ledger.errors import Refused

if TYPE_CHECKING:
    from ledger.store import Ledger

from ledger.journals import SYNC_JOURNAL as JOURNAL


def run_git(root: Path, *args: str, env: dict[str, str] | None = None, input: str | None = None) -> Any:
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            env=env,
            input=input,
            stdin=None if input is not None else subprocess.DEVNULL,
            check=False,
            start_new_session=True,  # a Ctrl-C at the terminal reaches caseledger, not git
        )
    except FileNotFoundError:
        raise Refused("error.sync.git_missing") from None


def git_out(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """git's stdout; a failure is said with git's last line."""
    result = run_git(root, *args, env=env)
    if result.returncode != 0:
        raise Refused("error.sync.git_failed", step=args[0], detail=last_line(result.stderr))
    return str(result.stdout)


def git_maybe(root: Path, *args: str) -> str | None:
    result = run_git(root, *args)
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else None


def restore(root: Path, top: Path, branch: str, start: str, *targets: str) -> None:
    """Branch, index and work tree as at `start` for every path `start` and `targets` differ in."""
    paths: set[str] = set()
    for target in targets:
        if target and target != start:
            out = git_out(top, "diff", "--name-only", "--no-renames", "-z", start, target)
            paths.update(p for p in out.split("\0") if p)
    git_out(root, "update-ref", f"refs/heads/{branch}", start)
    if paths:
        listed = "\0".join(sorted(paths)) + "\0"
        result = run_git(
            top,
            "restore",
            f"--source={start}",
            "--staged",
            "--worktree",
            "--pathspec-from-file=-",
            "--pathspec-file-nul",
            input=listed,
        )
        if result.returncode != 0:
            raise Refused("error.sync.git_failed", step="restore", detail=last_line(result.stderr))


def recover(ledger: Ledger) -> None:
    """Put back the clone a `sync` killed outright left moved half way (call under the lock).
    The branch goes back to the commit it pointed at before that sync, with index and work
    tree; nothing is lost: what had come in is fetched again by the next `sync`."""
    folder = gitops.git_dir(ledger.root)
    if folder is None or not (folder / JOURNAL).exists():
        return
    journal = folder / JOURNAL
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
        branch, start, target = data["branch"], data["restore"], data["target"]
    except (OSError, ValueError, KeyError, TypeError):
        journal.unlink()
        return
    if Path(data.get("root", "")) != ledger.root.resolve():
        return
    for lock in gitops.stale_locks(ledger.root):  # left by the git that was killed with us
        gitops.remove_stale_lock(lock, None)
        ledger.repairs.append(("repair.stale_lock", {"lock": str(lock)}))
    current = git_maybe(ledger.root, "rev-parse", "-q", "--verify", f"refs/heads/{branch}")
    if current in (start, target):
        top = Path(git_out(ledger.root, "rev-parse", "--show-toplevel").strip())
        restore(ledger.root, top, branch, start, target, current or "")
        ledger.repairs.append(("repair.sync_undone", {}))
    journal.unlink()


def last_line(text: str) -> str:
    lines = [line for line in str(text).strip().splitlines() if line.strip()]
    return lines[-1] if lines else "git failed"

"""Git as the audit trail: one commit per write when asked (SPEC §4 autocommit/--commit)."""

from __future__ import annotations

import getpass
import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

from ledger.errors import Refused

IGNORED = (".caseledger/", "ledger.local.yaml")


def _git(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(root), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def config_value(root: Path, key: str) -> str | None:
    try:
        result = _git(root, "config", "--get", key)
    except OSError:
        return None
    value = result.stdout.strip()
    return value or None


def default_actor(root: Path | None) -> str:
    """`$CASELEDGER_ACTOR`, else git's user.name, else the login name."""
    env = os.environ.get("CASELEDGER_ACTOR", "").strip()
    if env:
        return env
    name = config_value(root or Path.cwd(), "user.name")
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


def is_repo(root: Path) -> bool:
    try:
        result = _git(root, "rev-parse", "--is-inside-work-tree")
    except OSError:
        return False
    return result.returncode == 0 and result.stdout.strip() == "true"


def init_repo(root: Path) -> None:
    result = _git(root, "init", "-q")
    if result.returncode != 0:
        raise Refused("error.git_failed", detail=result.stderr.strip().splitlines()[-1:])
    ignore = root / ".gitignore"
    lines = ignore.read_text(encoding="utf-8").splitlines() if ignore.exists() else []
    missing = [entry for entry in IGNORED if entry not in lines]
    if missing:
        ignore.write_text("\n".join([*lines, *missing]) + "\n", encoding="utf-8")


def commit(root: Path, paths: Sequence[Path], message: str, actor: str) -> None:
    """Commit exactly `paths` (other staged work is left alone), authored by `actor`."""
    if not is_repo(root):
        raise Refused("error.not_git", path=str(root))
    root = root.resolve()
    rel = [str(p.resolve().relative_to(root)) for p in paths]
    email = config_value(root, "user.email") or f"{_slug(actor)}@caseledger.invalid"
    env = dict(os.environ)
    env.setdefault("GIT_COMMITTER_NAME", config_value(root, "user.name") or actor)
    env.setdefault("GIT_COMMITTER_EMAIL", email)
    env["GIT_AUTHOR_NAME"] = actor
    env["GIT_AUTHOR_EMAIL"] = email
    added = _git(root, "add", "-A", "--", *rel, env=env)
    if added.returncode != 0:
        raise Refused("error.git_failed", detail=_last_line(added.stderr))
    done = _git(root, "commit", "-q", "--no-verify", "-m", message, "--", *rel, env=env)
    if done.returncode != 0:
        # Unstage what we added so the index is as we found it.
        _git(root, "reset", "-q", "--", *rel, env=env)
        raise Refused("error.git_failed", detail=_last_line(done.stderr or done.stdout))


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "git failed"


def _slug(name: str) -> str:
    cleaned = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in name).strip("-")
    return cleaned.lower() or "clerk"

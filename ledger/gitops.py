"""Git as the audit trail: one commit per write when asked (SPEC §4 autocommit/--commit)."""

from __future__ import annotations

import getpass
import os
import re
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path, PurePath

from ledger.errors import Busy, Refused
from ledger.journals import git_dir as git_dir  # kept light there: every command asks it

IGNORED = (".caseledger/", "ledger.local.yaml")


# How long a write waits for another live git (an editor's integration, a `git status` loop)
# to let go of the index before it gives up naming the lock.
GIT_WAIT = 10.0
_LOCK_RE = re.compile(r"Unable to create '([^']+\.lock)': File exists")


def _git(
    root: Path, *args: str, env: dict[str, str] | None = None, names: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run git in `root`. In a session of its own: a Ctrl-C (or a hang-up) sent to the clerk's
    terminal reaches caseledger, which finishes the unit first, and not git in mid-commit.
    `names`: its output read as file names are (`os.fsdecode`: whatever the locale, a name
    compares equal to the same name from a `Path`)."""
    result = subprocess.run(
        ["git", "-C", str(root), *args],
        capture_output=True,
        text=not names,
        env=env,
        check=False,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    if not names:
        return result
    return subprocess.CompletedProcess(
        result.args, result.returncode, os.fsdecode(result.stdout), result.stderr.decode("utf-8", "replace")
    )


def _run(
    root: Path, *args: str, env: dict[str, str] | None = None, names: bool = False
) -> subprocess.CompletedProcess[str]:
    """`_git`, with "git is not installed" said as such."""
    try:
        return _git(root, *args, env=env, names=names)
    except FileNotFoundError:
        raise Refused("error.git_missing") from None


def config_value(root: Path, key: str) -> str | None:
    try:
        result = _git(root, "config", "--get", key)
    except OSError:
        return None
    value = result.stdout.strip()
    return value or None


def default_actor(root: Path | None) -> str:
    """`$CASELEDGER_ACTOR`, else git's user.name, else the login name."""
    from ledger.environment import actor

    env = actor() or ""
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
    # Always `main` (SPEC §4), whatever git's own default: every office's clone then agrees.
    result = _run(root, "init", "-q", "--initial-branch=main")
    if result.returncode != 0:
        raise Refused("error.git_failed", detail=_last_line(result.stderr))
    ignore = root / ".gitignore"
    lines = ignore.read_text(encoding="utf-8").splitlines() if ignore.exists() else []
    missing = [entry for entry in IGNORED if entry not in lines]
    if missing:
        ignore.write_text("\n".join([*lines, *missing]) + "\n", encoding="utf-8")


def require_git() -> None:
    """Refuse with "git is not installed" before anything is made that needs it."""
    try:
        subprocess.run(["git", "--version"], capture_output=True, check=False, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise Refused("error.git_missing") from None


SUBJECT_WIDTH = 72  # columns of git's subject line; a Chinese character takes two


def commit_text(message: str, width: int = SUBJECT_WIDTH) -> str:
    """`message` as a commit: a subject of at most `width` columns (a long title or note cut
    short with …), then, when it was cut or ran over more lines, the whole message as the body."""
    import unicodedata

    lines = message.strip().splitlines() or [""]
    subject, used = "", 0
    for char in lines[0]:
        size = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used + size > width - 1:
            break
        subject, used = subject + char, used + size
    if subject == lines[0]:
        return message.strip() if len(lines) == 1 else f"{subject}\n\n{message.strip()}"
    return f"{subject.rstrip()}…\n\n{message.strip()}"


def commit(
    root: Path, paths: Sequence[Path], message: str, actor: str, repaired: list[str] | None = None
) -> None:
    """Commit exactly `paths` (other staged work is left alone), authored by `actor`.

    A `.git/*.lock` held by another live git is waited for (up to `GIT_WAIT` seconds); one left
    by a git that is no longer running is removed, and its path added to `repaired`.
    """
    try:
        inside = _git(root, "rev-parse", "--is-inside-work-tree")
    except FileNotFoundError:
        raise Refused("error.git_missing") from None
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        raise Refused("error.not_git", path=str(root))
    root = root.resolve()
    rel = [str(p.resolve().relative_to(root)) for p in paths]
    email = config_value(root, "user.email") or f"{_slug(actor)}@caseledger.invalid"
    env = dict(os.environ)
    env.setdefault("GIT_COMMITTER_NAME", config_value(root, "user.name") or actor)
    env.setdefault("GIT_COMMITTER_EMAIL", email)
    env["GIT_AUTHOR_NAME"] = actor
    env["GIT_AUTHOR_EMAIL"] = email
    added = _patient(root, repaired, "add", "-A", "--", *rel, env=env)
    if added.returncode != 0:
        raise Refused("error.git_failed", detail=_last_line(added.stderr))
    text = commit_text(message)
    if _commit_index(root, rel, text, repaired, env):
        return
    done = _patient(root, repaired, "commit", "-q", "--no-verify", "-m", text, "--", *rel, env=env)
    if done.returncode != 0:
        unstage(root, rel)
        raise Refused("error.git_failed", detail=_last_line(done.stderr or done.stdout))


# What `git commit --no-verify` does that building the commit from the index does not: hooks it
# still runs (also those set in the config, newer gits), signing, another clean-up of the
# message, a look at files `git add` trusts unchanged (core.ignoreStat).
_COMMIT_HOOKS = ("prepare-commit-msg", "post-commit", "post-index-change")
_COMMIT_CONFIG = r"^(commit\.(gpgsign|cleanup)|core\.ignorestat|hook\..*)$"
# Left by a merge, cherry-pick, revert, rebase or squash under way: `git commit` refuses a
# partial commit then, or clears them.
_UNDER_WAY = ("MERGE_HEAD", "CHERRY_PICK_HEAD", "REVERT_HEAD", "rebase-merge", "rebase-apply", "SQUASH_MSG",
              "MERGE_MSG", "MERGE_MODE", "AUTO_MERGE")  # fmt: skip


def _commit_index(
    root: Path, rel: Sequence[str], text: str, repaired: list[str] | None, env: dict[str, str]
) -> bool:
    """Commit the index, just staged, when it differs from HEAD in `rel` alone and holds them
    as they are on disk: the commit `git commit -- rel` makes (same tree, parent, people,
    message and reflog entry), without its refresh of every tracked file (an lstat of each:
    ~0.3 s of a write at 275,000 files). Then git's automatic upkeep, as after `git commit`.

    False, with no commit made, wherever `git commit` would do more or other: no HEAD yet, a
    merge, rebase, cherry-pick, revert or squash under way, other staged work (which `-- rel`
    leaves out), a file the index does not hold as it is on disk, a hook `--no-verify` still
    runs, signing, a message clean-up or core.ignoreStat in the config, a message git finds
    empty, or nothing to commit (its own message then)."""
    if not all((root / path).is_file() or not (root / path).exists() for path in rel):
        return False  # a folder (or something odd) among them: git commit's own pathspec
    asked = ["hooks", *_UNDER_WAY]
    where = _run(root, "rev-parse", "--show-prefix", *(a for name in asked for a in ("--git-path", name)),
                 "HEAD", env=env, names=True)  # fmt: skip
    lines = where.stdout.split("\n")
    if where.returncode != 0 or len(lines) < len(asked) + 2:
        return False  # no commit yet
    prefix, head = lines[0], lines[len(asked) + 1].strip()
    hooks, *marks = (root / line for line in lines[1 : len(asked) + 1])  # absolute ones stay so
    if any(os.access(hooks / hook, os.X_OK) for hook in _COMMIT_HOOKS) or any(m.exists() for m in marks):
        return False
    if _run(root, "config", "--get-regexp", _COMMIT_CONFIG, env=env, names=True).stdout.strip():
        return False
    message = stripspace(text)
    if not message or all(not line or line.startswith("Signed-off-by: ") for line in message.split("\n")):
        return False  # git refuses a message of sign-offs alone as empty, saying so
    tree = _patient(root, repaired, "write-tree", env=env)
    if tree.returncode != 0:
        return False
    new_tree = tree.stdout.strip()
    changed = _run(root, "diff-tree", "-r", "-z", "--no-renames", "--ignore-submodules=none",
                   "--name-only", head, new_tree, env=env, names=True)  # fmt: skip
    paths = set(changed.stdout.split("\0")) - {""}
    ours = {prefix + PurePath(path).as_posix(): path for path in rel}
    if (
        changed.returncode != 0
        or not paths
        or not paths <= ours.keys()
        or not _as_on_disk(root, new_tree, ours)
    ):
        return False
    made = _run(root, "commit-tree", new_tree, "-p", head, "-m", message.removesuffix("\n"), env=env)
    if made.returncode != 0:
        return False
    subject = message.split("\n", 1)[0]
    action = env.get("GIT_REFLOG_ACTION") or "commit"  # as git commit names itself in the reflog
    # From HEAD as it was: if another commit came in meanwhile, this one is left unreferenced
    # and `git commit` makes it on top of the other.
    moved = _patient(root, repaired, "update-ref", "-m", f"{action}: {subject}", "HEAD", made.stdout.strip(),
                     head, env=env)  # fmt: skip
    if moved.returncode != 0:
        return False
    upkeep = _git(root, "maintenance", "run", "--auto", "--quiet", env=env)
    if upkeep.returncode != 0 and "maintenance" in upkeep.stderr:  # a git before 2.29
        _git(root, "gc", "--auto", "--quiet", env=env)
    return True


def _as_on_disk(root: Path, tree: str, ours: dict[str, str]) -> bool:
    """Whether `tree` holds each of `ours` ({path from the top: path from root}) as it is on
    disk (`git hash-object`, git's filters applied), and none that is gone."""
    listed = _run(root, "ls-tree", "-z", "--full-name", tree, "--", *ours.values(), names=True)
    if listed.returncode != 0:
        return False
    stored = {}
    for entry in filter(None, listed.stdout.split("\0")):
        info, _, path = entry.partition("\t")
        stored[path] = info.split()[-1]
    present = [(top, path) for top, path in ours.items() if (root / path).exists()]
    if set(stored) != {top for top, _ in present}:
        return False
    if not present:
        return True
    hashed = _run(root, "hash-object", "--", *(path for _, path in present), names=True)
    return hashed.returncode == 0 and hashed.stdout.split() == [stored[top] for top, _ in present]


def stripspace(text: str) -> str:
    """`text` as `git commit -m` keeps it (`git stripspace`): each line without trailing spaces,
    tabs and carriage returns, runs of blank lines made one, none first or last, a newline at
    the end ("" for a blank text)."""
    lines: list[str] = []
    blank = False
    for line in text.split("\n"):
        line = line.rstrip(" \t\r")
        if not line:
            blank = bool(lines)
            continue
        if blank:
            lines.append("")
            blank = False
        lines.append(line)
    return "".join(f"{line}\n" for line in lines)


def unstage(root: Path, rel: Sequence[str]) -> None:
    """Put the index back as HEAD has `rel` (after a failed commit or a rollback); best effort:
    with a full disk git may not manage it, and the files are what matters."""
    _git(root, "reset", "-q", "--", *rel)


def _patient(
    root: Path, repaired: list[str] | None, *args: str, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run git; while it fails on a `.lock` file that a live git holds, try again for a while."""
    from ledger.environment import git_wait

    deadline = time.monotonic() + git_wait(GIT_WAIT)
    delay = 0.02
    while True:
        result = _run(root, *args, env=env)
        match = _LOCK_RE.search(result.stderr) if result.returncode != 0 else None
        if match is None:
            return result
        lock = Path(match.group(1))
        if not lock.is_absolute():
            lock = root / lock
        if lock.exists() and not live_git(root):
            remove_stale_lock(lock, repaired)
            continue
        if time.monotonic() >= deadline:
            raise Busy("error.git_locked", lock=_shown(root, lock))
        time.sleep(delay)
        delay = min(delay * 2, 0.25)


def remove_stale_lock(lock: Path, repaired: list[str] | None) -> None:
    try:
        lock.unlink()
    except FileNotFoundError:
        return
    if repaired is not None:
        repaired.append(str(lock))


def stale_locks(root: Path) -> list[Path]:
    """`.git/*.lock` files (index, HEAD, refs) when no git is running in this repository."""
    folder = git_dir(root)
    if folder is None:
        return []
    found = [p for p in (folder / "index.lock", folder / "HEAD.lock") if p.exists()]
    refs = folder / "refs"
    if refs.is_dir():
        found += list(refs.rglob("*.lock"))
    if found and live_git(root):
        return []
    return found


def live_git(root: Path) -> bool:
    """Whether some git process is at work in this repository (its working folder inside it).

    Read from /proc; a git whose folder cannot be read (another user's), or a system without
    /proc, counts as live: a lock is only ever removed when it is certainly abandoned.
    """
    proc = Path("/proc")
    if not (proc / "self").exists():
        return True
    top = root.resolve()
    me = os.getpid()
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == me:
            continue
        try:
            if (entry / "comm").read_text().strip() != "git":
                continue
        except OSError:
            continue
        try:
            cwd = Path(os.readlink(entry / "cwd"))
        except FileNotFoundError:
            continue  # ended while we looked
        except OSError:
            return True
        if cwd == top or top in cwd.parents or cwd in top.parents:
            return True
    return False


def _shown(root: Path, lock: Path) -> str:
    try:
        return str(lock.relative_to(root))
    except ValueError:
        return str(lock)


def in_the_middle(root: Path) -> bool:
    """Whether a merge, rebase, cherry-pick or revert is under way (a clerk resolving a conflict
    by hand): files then differ from HEAD on purpose."""
    folder = git_dir(root)
    if folder is None:
        return False
    marks = ("MERGE_HEAD", "rebase-merge", "rebase-apply", "CHERRY_PICK_HEAD", "REVERT_HEAD")
    return any((folder / mark).exists() for mark in marks)


def uncommitted(root: Path, rels: Sequence[str]) -> list[str]:
    """Which of the record folders and files `rels` differ from HEAD (changed, new, deleted),
    as paths relative to `root`; [] when `root` is not in a git repository."""
    try:
        result = _git(root, "status", "--porcelain", "-z", "--untracked-files=all", "--", *rels)
    except FileNotFoundError:
        return []
    if result.returncode != 0:
        return []
    prefix = _git(root, "rev-parse", "--show-prefix").stdout.strip()
    found = []
    entries = result.stdout.split("\0")
    skip = False
    for entry in entries:
        if skip:
            skip = False
            continue
        if len(entry) < 4:
            continue
        status, path = entry[:2], entry[3:]
        if "R" in status or "C" in status:
            skip = True  # the next entry is the rename's source
        found.append(path.removeprefix(prefix))
    return sorted(found)


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "git failed"


def _slug(name: str) -> str:
    cleaned = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in name).strip("-")
    return cleaned.lower() or "clerk"

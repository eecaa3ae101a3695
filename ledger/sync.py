"""Sharing the ledger with the other offices through git: `sync` and `status` (SPEC §12).

`sync` does what a careful clerk would do by hand (`git pull --rebase`, `caseledger check`,
`git push`), without ever leaving the clone half way:

- This clone's unpushed commits are replayed onto the remote branch in git's object store
  (a private index file, `read-tree -m` per commit): a conflict never touches the work tree,
  so "abort" is simply not moving.
- The clone is moved to the result with `git reset --keep` under a journal
  (`<git dir>/caseledger-sync.json`, the commit to go back to). Any failure after that
  (problems brought in, the remote out of reach, five refused pushes) moves it back; a
  command killed outright leaves the journal, and the next command of any kind puts the clone
  back where it was (`recover`), so the next `sync` starts from a whole clone.
- Pushes are plain pushes: never `--force`. A refused push (another office pushed meanwhile,
  or the server's hook said no) goes round again, at most `ROUNDS` times.

Every step holds the ledger's lock, so no other caseledger command writes meanwhile.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger import gitops
from ledger.errors import Explained, Refused, Word
from ledger.kinds import KINDS
from ledger.store import SETTINGS_FILE
from ledger.syncmove import JOURNAL, restore
from ledger.syncmove import git_maybe as _maybe
from ledger.syncmove import git_out as _out
from ledger.syncmove import last_line as _last_line
from ledger.syncmove import run_git as _git

if TYPE_CHECKING:
    from ledger.store import Ledger

ROUNDS = 5
# How each kind of file is named to the clerk (`sync`'s report, a conflict).
KIND_WORDS = {
    "township": Word("word.kind.township"),
    "village": Word("word.kind.village"),
    "pairing": Word("word.kind.pairing"),
    "cadre": Word("word.kind.cadre"),
    "visit": Word("word.kind.visit"),
    "aid": Word("word.kind.aid"),
    "issue": Word("word.kind.issue"),
    "settings": Word("word.kind.settings"),
    "other": Word("word.kind.other"),
}
SHOWN = 10  # files or records named in one message before "and N more"


# -- where this clone shares its work -----------------------------------------------------------


@dataclass(frozen=True)
class Where:
    root: Path  # the ledger folder
    top: Path  # the repository's top folder
    branch: str  # the local branch, e.g. main
    remote: str | None  # e.g. origin; None when the clone has none
    url: str
    remote_branch: str  # the branch's name on the remote
    upstream_set: bool  # whether branch.<b>.remote/merge are configured

    @property
    def tracking(self) -> str:
        return f"refs/remotes/{self.remote}/{self.remote_branch}"

    @property
    def ref(self) -> str:
        return f"refs/heads/{self.branch}"


def locate(ledger: Ledger, remote: str | None = None, *, need_remote: bool = True) -> Where:
    """This clone's branch and the remote it shares with: `remote`, else the branch's upstream,
    else `origin` (SPEC §12). Refused, saying what to do, without git, outside a repository,
    off any branch, or (with `need_remote`) without that remote."""
    root = ledger.root
    inside = _git(root, "rev-parse", "--is-inside-work-tree", "--show-toplevel")
    lines = inside.stdout.split()
    if inside.returncode != 0 or not lines or lines[0] != "true":
        raise Refused("error.sync.not_repo", path=str(root))
    top = Path(lines[1])
    branch = _maybe(root, "symbolic-ref", "-q", "--short", "HEAD")
    if branch is None:
        raise Refused("error.sync.no_branch")
    if _maybe(root, "rev-parse", "-q", "--verify", "HEAD^{commit}") is None:
        raise Refused("error.sync.no_commit")
    configured = _maybe(root, "config", "--get", f"branch.{branch}.remote")
    merge = _maybe(root, "config", "--get", f"branch.{branch}.merge")
    name = remote or configured or "origin"
    known = (_maybe(root, "remote") or "").split()
    if name not in known:
        if need_remote or remote is not None:
            if known:
                raise Refused("error.sync.unknown_remote", remote=name, known=", ".join(known))
            raise Refused("error.sync.no_remote")
        return Where(root, top, branch, None, "", branch, False)
    url = _maybe(root, "remote", "get-url", name) or ""
    upstream = configured == name and merge is not None and merge.startswith("refs/heads/")
    remote_branch = merge.removeprefix("refs/heads/") if upstream and merge else branch
    return Where(root, top, branch, name, url, remote_branch, upstream)


# -- status -------------------------------------------------------------------------------------


def status(ledger: Ledger) -> dict[str, Any]:
    """SPEC §12 `status`: office prefix, remote, commits to push and to pull (as of the last
    fetch), record files changed and not committed."""
    from ledger.remotes import describe
    from ledger.worktree import uncommitted_records

    where = locate(ledger, need_remote=False)  # (a sync left half way was put back by `repair_pending`)
    root = ledger.root
    fetched = None
    tracking = None
    if where.remote is not None:
        tracking = _maybe(root, "rev-parse", "-q", "--verify", where.tracking)
        fetch_head = gitops.git_dir(root)
        if fetch_head is not None and (fetch_head / "FETCH_HEAD").exists():
            from datetime import datetime

            stamp = (fetch_head / "FETCH_HEAD").stat().st_mtime
            when = datetime.fromtimestamp(stamp).astimezone(ledger.settings.zone)
            fetched = when.isoformat(timespec="minutes")
    if tracking is not None:
        counts = _out(root, "rev-list", "--left-right", "--count", f"HEAD...{tracking}").split()
        to_push, to_pull = int(counts[0]), int(counts[1])
    else:
        to_push, to_pull = int(_out(root, "rev-list", "--count", "HEAD").strip()), 0
    place = describe(where.url) if where.remote is not None else None
    return {
        "office": ledger.office,
        "remote": where.remote,
        "url": where.url or None,
        "remote_kind": place.kind if place else None,
        "remote_host": place.host if place else None,
        "remote_path": place.path if place else None,
        "branch": where.branch,
        "remote_branch_exists": tracking is not None,
        "to_push": to_push,
        "to_pull": to_pull,
        "fetched": fetched,
        "uncommitted": uncommitted_records(ledger),
    }


# -- sync ---------------------------------------------------------------------------------------


@dataclass
class Report:
    """What one `sync` did."""

    remote: str
    url: str
    branch: str
    rounds: int = 0
    came_in: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # kind → new/changed/removed
    went_out: list[str] = field(default_factory=list)  # subjects of the commits pushed
    first_push: bool = False
    # The shared copy's HEAD names no branch it holds (a bare remote made without
    # --initial-branch=main): a `git clone` of it gets no files. Asked after a first push only.
    remote_head_missing: bool = False
    committed: list[str] = field(default_factory=list)  # record files committed first (--commit)

    @property
    def place(self) -> dict[str, Any]:
        """Where the remote is (`ledger.remotes.describe`): kind, host, path."""
        from ledger.remotes import describe

        found = describe(self.url)
        return {"kind": found.kind, "host": found.host, "path": found.path}

    def to_json(self) -> dict[str, Any]:
        return {
            "remote": self.remote,
            "url": self.url,
            "remote_kind": self.place["kind"],
            "remote_host": self.place["host"],
            "remote_path": self.place["path"],
            "branch": self.branch,
            "rounds": self.rounds,
            "came_in": self.came_in,
            "went_out": self.went_out,
            "first_push": self.first_push,
            "remote_head_missing": self.remote_head_missing,
            "committed": self.committed,
        }


def sync(ledger: Ledger, remote: str | None = None, *, actor: str = "", commit: bool = False) -> Report:
    """SPEC §12 steps 1–6. With `commit` (the global `--commit`), record files changed and not
    committed are committed first, in one commit, instead of refusing."""
    from ledger.transaction import repair
    from ledger.worktree import uncommitted_records

    where = locate(ledger, remote)
    report = Report(where.remote or "", where.url, where.branch)
    with ledger.lock():
        repair(ledger)  # a write unit or a sync an interrupted command left half done
        changed = uncommitted_records(ledger)
        if changed and not commit:
            # The way that always works comes first and alone; the files after it (SPEC §12).
            raise Explained(
                "error.sync.uncommitted",
                [("msg.sync.commit_all", {})]
                + [("msg.sync.file", {"file": f}) for f in changed[:SHOWN]]
                + _more(changed)
                + [("msg.sync.undo_one", {})],
                count=len(changed),
            )
        if changed:
            paths = [ledger.root / f for f in changed]
            from ledger.i18n import t

            files = ", ".join(changed[:SHOWN]) + _etc(changed)
            message = t("commit.sync.changed", ledger.settings.lang or "en", files=files)
            gitops.commit(
                ledger.root, paths, gitops.commit_text(message), actor or gitops.default_actor(ledger.root)
            )
            report.committed = changed
        start = _out(ledger.root, "rev-parse", "HEAD").strip()
        try:
            _rounds(ledger, where, start, report)
        except BaseException:
            # Whatever stopped it (a refusal, Ctrl-C), the copy goes back as it was; a sync
            # killed outright is put back by the next command (`recover`).
            with contextlib.suppress(Exception):
                _move_back(where, start)
            raise
    return report


def _rounds(ledger: Ledger, where: Where, start: str, report: Report) -> None:
    """SPEC §12 steps 2–6, going round again when the push is refused (at most `ROUNDS`)."""
    known: dict[str, Any] = {}  # what `check` found wrong before this sync, once asked
    for round_number in range(1, ROUNDS + 1):
        report.rounds = round_number
        _fetch(where)
        base = _maybe(ledger.root, "rev-parse", "-q", "--verify", where.tracking)
        tip = _rebased(where, start, base)
        _move_to(where, start, tip)
        if tip != start:
            _check_brought(ledger, where, start, tip, known)
        if base == tip:  # nothing to send
            _forget(where)
            break
        outcome, detail = _push(where, tip)
        if outcome == "pushed":
            report.first_push = base is None
            report.went_out = _subjects(where, base, tip)
            _after_push(where, tip)
            if report.first_push:
                report.remote_head_missing = not _remote_head(where)
            _forget(where)
            break
        if outcome == "unreachable":
            raise Refused("error.sync.unreachable", remote=where.remote, url=where.url, detail=detail)
    else:
        raise Refused("error.sync.too_many_rounds", rounds=ROUNDS, remote=where.remote)
    report.came_in = _came_in(where, start, base)


def _fetch(where: Where) -> None:
    spec = f"+refs/heads/*:refs/remotes/{where.remote}/*"
    result = _git(where.root, "fetch", "--quiet", "--no-tags", "--prune", str(where.remote), spec)
    if result.returncode != 0:
        detail = _last_line(result.stderr)
        raise Refused("error.sync.unreachable", remote=where.remote, url=where.url, detail=detail)


def _rebased(where: Where, start: str, base: str | None) -> str:
    """`start` with its commits that the remote lacks replayed onto `base`: the new tip.
    Raises `Explained` naming the records both sides changed; nothing is touched then.

    A private index file holds the tip being built; each commit's own changes (one or a few
    files: a write) are applied to it path by path, so a commit costs the same few git steps
    whatever the size of the ledger."""
    root = where.root
    if base is None or base == start:
        return start
    fork = _maybe(root, "merge-base", start, base)
    if fork is None:
        raise Refused("error.sync.unrelated", remote=where.remote)
    if fork == start:
        return base  # nothing of ours: take theirs
    if fork == base:
        return start  # nothing of theirs
    commits = _out(root, "rev-list", "--reverse", "--no-merges", f"{base}..{start}").split()
    if not commits:
        return base
    folder = gitops.git_dir(root)
    assert folder is not None
    index = folder / "caseledger-sync.index"
    env = dict(os.environ, GIT_INDEX_FILE=str(index), GIT_LITERAL_PATHSPECS="1")
    metas = _out(root, "show", "-s", "--format=%H%x00%an%x00%ae%x00%aI%x00%B%x00%x01", *commits)
    meta = {}
    for chunk in metas.split("\x01"):
        fields = chunk.lstrip("\n").split("\0")
        if len(fields) >= 5:
            meta[fields[0]] = fields[1:5]
    listed = _out(where.top, "ls-tree", "-r", "-z", "--full-tree", base)
    tree: dict[str, tuple[str, str]] = {}
    for entry in listed.split("\0"):
        if "\t" in entry:
            info, path = entry.split("\t", 1)
            mode, _type, blob = info.split()
            tree[path] = (mode, blob)
    committer = {
        "GIT_COMMITTER_NAME": gitops.config_value(root, "user.name") or "",
        "GIT_COMMITTER_EMAIL": gitops.config_value(root, "user.email") or "",
    }
    tip = base
    try:
        with contextlib.suppress(FileNotFoundError):
            index.unlink()
        _out(where.top, "read-tree", base, env=env)
        for commit in commits:
            tip = _replay(where, commit, tip, env, tree, meta[commit], committer, start, base)
    finally:
        with contextlib.suppress(FileNotFoundError):
            index.unlink()
    return tip


_NO_BLOB = "0" * 40


def _replay(
    where: Where,
    commit: str,
    onto: str,
    env: dict[str, str],
    tree: dict[str, tuple[str, str]],
    meta: list[str],
    committer: dict[str, str],
    start: str,
    base: str,
) -> str:
    """One commit onto `onto` (whose files `tree` and the index hold), file by file: a file
    the commit changes from what `onto` no longer has is a conflict (one file per record: both
    offices edited the same record); a change `onto` already has is skipped."""
    top = where.top
    raw = _out(top, "diff-tree", "-r", "--raw", "--no-renames", "--no-commit-id", "-z", f"{commit}^", commit)
    parts = raw.split("\0")
    updates: list[str] = []
    conflicts: list[str] = []
    for info, path in zip(parts[0::2], parts[1::2], strict=False):
        if not info.startswith(":"):
            continue
        old_mode, new_mode, old_blob, new_blob, _status = info[1:].split()
        before = None if old_blob == _NO_BLOB else (old_mode, old_blob)
        after = None if new_blob == _NO_BLOB else (new_mode, new_blob)
        now = tree.get(path)
        if now == after:
            continue  # already so at the remote (a push whose answer was lost, or the same change)
        if now != before:
            conflicts.append(path)
            continue
        if after is None:
            updates.append(f"0 {_NO_BLOB}\t{path}")
            tree.pop(path, None)
        else:
            updates.append(f"{after[0]} {after[1]}\t{path}")
            tree[path] = after
    if conflicts:
        raise _conflict(where, sorted(set(conflicts) | _both_changed(where, start, base)), start, base)
    if not updates:
        return onto
    fed = _git(top, "update-index", "-z", "--index-info", env=env, input="\0".join(updates) + "\0")
    if fed.returncode != 0:
        raise Refused("error.sync.git_failed", step="update-index", detail=_last_line(fed.stderr))
    written = _out(top, "write-tree", env=env).strip()
    name, email, date, message = meta
    commit_env = dict(os.environ, GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email, GIT_AUTHOR_DATE=date)
    for key, value in committer.items():
        commit_env.setdefault(key, value or (name if key.endswith("NAME") else email))
    text = message.rstrip("\n") + "\n"
    made = _git(top, "commit-tree", written, "-p", onto, "-F", "-", env=commit_env, input=text)
    if made.returncode != 0:
        raise Refused("error.sync.git_failed", step="commit-tree", detail=_last_line(made.stderr))
    return str(made.stdout.strip())


def _both_changed(where: Where, start: str, base: str) -> set[str]:
    """Files both sides changed since they parted, to different contents: every record the
    clerk must settle, not only those of the first commit that met one."""
    fork = _maybe(where.root, "merge-base", start, base)
    if fork is None:
        return set()
    ours = set(_changed_paths(where, fork, start))
    theirs = set(_changed_paths(where, fork, base))
    both = sorted(ours & theirs)
    if not both:
        return set()
    listed = _out(where.top, "ls-tree", "-r", "-z", start, "--", *both)
    mine = {e.split("\t", 1)[1]: e.split()[2] for e in listed.split("\0") if "\t" in e}
    listed = _out(where.top, "ls-tree", "-r", "-z", base, "--", *both)
    other = {e.split("\t", 1)[1]: e.split()[2] for e in listed.split("\0") if "\t" in e}
    return {path for path in both if mine.get(path) != other.get(path)}


def _conflict(where: Where, paths: list[str], start: str, base: str) -> Explained:
    lines: list[tuple[str, dict[str, Any]]] = []
    prefix = _prefix(where)
    for path in paths[:SHOWN]:
        rel = path.removeprefix(prefix)
        kind, key = _record_of(rel)
        lines.append(
            (
                "msg.sync.conflict_record",
                {"kind": KIND_WORDS.get(kind, KIND_WORDS["other"]), "name": key, "file": rel},
            )
        )
        lines.append(_last_event(where, start, path, "here"))
        lines.append(_last_event(where, base, path, "there"))
    lines += _more(paths)
    lines.append(("msg.sync.conflict_todo", {"remote": where.remote}))
    return Explained("error.sync.conflict", lines, count=len(paths), remote=where.remote)


# The line said for one side of a conflict: its last event, or that it deleted the file, or
# (a record without a history, or one that cannot be read) that it changed it.
_SIDE = {
    "here": ("msg.sync.here_event", "msg.sync.here_deleted", "msg.sync.here_changed"),
    "there": ("msg.sync.there_event", "msg.sync.there_deleted", "msg.sync.there_changed"),
}


def _last_event(where: Where, commit: str, path: str, side: str) -> tuple[str, dict[str, Any]]:
    from ledger.enums import Action
    from ledger.errors import LedgerError
    from ledger.yamlio import load_plain

    event_key, deleted_key, changed_key = _SIDE[side]
    remote = {"remote": where.remote}
    shown = _git(where.root, "cat-file", "-p", f"{commit}:{path}")
    if shown.returncode != 0:
        return deleted_key, remote
    try:
        data = load_plain(shown.stdout, path)
    except LedgerError:
        return changed_key, remote
    history = data.get("history") if isinstance(data, dict) else None
    if not (isinstance(history, list) and history and isinstance(history[-1], dict)):
        return changed_key, remote
    event = history[-1]
    action: Any = str(event.get("action"))
    with contextlib.suppress(LedgerError):
        action = Action.parse(action)
    return event_key, remote | {"action": action, "by": str(event.get("by")), "at": str(event.get("at"))}


def _record_of(rel: str) -> tuple[str, str]:
    """(kind, key) of a path relative to the ledger root."""
    if rel == SETTINGS_FILE:
        return "settings", SETTINGS_FILE
    first = rel.split("/", 1)[0]
    if rel.endswith(".yaml"):
        for kind in KINDS.values():
            if kind.folder == first and "/" in rel:
                return kind.name, Path(rel).stem
    return "other", rel


def _prefix(where: Where) -> str:
    """The ledger folder's path inside the repository, `` or `county/`."""
    try:
        rel = where.root.resolve().relative_to(where.top.resolve()).as_posix()
    except ValueError:
        return ""
    return "" if rel == "." else rel + "/"


# -- moving the clone, under a journal ----------------------------------------------------------


def _journal(where: Where) -> Path:
    folder = gitops.git_dir(where.root)
    assert folder is not None
    return folder / JOURNAL


def _move_to(where: Where, start: str, tip: str) -> None:
    """Point the branch at `tip` and bring the work tree along (`git reset --keep`: files with
    changes of their own are never overwritten). Journaled: `recover` goes back to `start`."""
    current = _out(where.root, "rev-parse", "HEAD").strip()
    if current == tip:
        return
    from ledger.yamlio import atomic_write

    touched = _changed_paths(where, current, tip)
    busy = _git(where.top, "status", "--porcelain", "-z", "--untracked-files=all", "--", *touched)
    if touched and busy.returncode == 0 and busy.stdout.strip("\0"):
        names = sorted({e[3:] for e in busy.stdout.split("\0") if len(e) > 3})
        raise Explained(
            "error.sync.local_changes",
            [("msg.sync.file", {"file": f}) for f in names[:SHOWN]] + _more(names),
            count=len(names),
        )
    data = {"branch": where.branch, "root": str(where.root.resolve()), "restore": start, "target": tip}
    atomic_write(_journal(where), json.dumps(data))
    moved = _git(where.root, "reset", "-q", "--keep", tip)
    if moved.returncode != 0:
        _move_back(where, start)
        raise Refused("error.sync.git_failed", step="reset", detail=_last_line(moved.stderr))


def _move_back(where: Where, start: str) -> None:
    restore(where.root, where.top, where.branch, start, _out(where.root, "rev-parse", "HEAD").strip())
    _forget(where)


def _forget(where: Where) -> None:
    with contextlib.suppress(FileNotFoundError):
        _journal(where).unlink()


def _changed_paths(where: Where, a: str, b: str) -> list[str]:
    out = _out(where.top, "diff", "--name-only", "--no-renames", "-z", a, b)
    return [p for p in out.split("\0") if p]


# -- check, push, and what moved ----------------------------------------------------------------


class _Rendered:
    """A check problem as a message param: `path:line: message` in the language said."""

    def __init__(self, problem: Any) -> None:
        self.problem = problem

    def label(self, lang: str) -> str:
        return str(self.problem.render(lang))


def _problem_keys(ledger: Ledger) -> set[tuple[Any, ...]]:
    from ledger.checks import check_ledger
    from ledger.store import Ledger as Fresh

    return {_key_of(p) for p in check_ledger(Fresh(ledger.root))}


def _key_of(problem: Any) -> tuple[Any, ...]:
    return (problem.file, problem.key, tuple(sorted((k, str(v)) for k, v in problem.params.items())))


def _check_brought(ledger: Ledger, where: Where, start: str, tip: str, known: dict[str, Any]) -> None:
    """SPEC §12 step 4, with the clone at `tip`: problems that were not there before (at
    `start`) stop the sync before pushing. What was wrong before is found only when something
    is wrong now (one `check` in the usual case), and kept in `known` for later rounds."""
    from ledger.checks import check_ledger
    from ledger.store import Ledger as Fresh

    found = check_ledger(Fresh(ledger.root))
    if not found:
        return
    if "before" not in known:
        _move_back(where, start)
        known["before"] = _problem_keys(ledger)
        _move_to(where, start, tip)
    brought = [p for p in found if _key_of(p) not in known["before"]]
    if brought:
        _move_back(where, start)
        lines = [("msg.sync.problem", {"problem": _Rendered(p), "file": p.file}) for p in brought[:SHOWN]]
        raise Explained("error.sync.check_failed", lines + _more(brought), count=len(brought))


def _push(where: Where, tip: str) -> tuple[str, str]:
    """`pushed`, `refused` (another office pushed meanwhile, or the server said no: go round
    again) or `unreachable`, with git's last line. A plain push: never forced."""
    target = f"{tip}:refs/heads/{where.remote_branch}"
    result = _git(where.root, "push", "--porcelain", "--quiet", str(where.remote), target)
    if result.returncode == 0:
        return "pushed", ""
    if any(line.startswith("!") for line in result.stdout.splitlines()):
        return "refused", _last_line(result.stdout)
    return "unreachable", _last_line(result.stderr)


def _after_push(where: Where, tip: str) -> None:
    _out(where.root, "update-ref", where.tracking, tip)
    if not where.upstream_set:  # the first push of a new county ledger: remember where it went
        _out(where.root, "config", f"branch.{where.branch}.remote", str(where.remote))
        _out(where.root, "config", f"branch.{where.branch}.merge", f"refs/heads/{where.remote_branch}")


def _remote_head(where: Where) -> bool:
    """Whether the remote's HEAD names a branch it holds, so that `git clone` checks one out
    (`git ls-remote` lists no HEAD naming a branch that is not there). When the remote cannot
    be asked, nothing is claimed."""
    result = _git(where.root, "ls-remote", "--symref", str(where.remote), "HEAD")
    return result.returncode != 0 or bool(result.stdout.strip())


def _subjects(where: Where, base: str | None, tip: str) -> list[str]:
    span = f"{base}..{tip}" if base else tip
    out = _out(where.root, "log", "--reverse", "--format=%s", span)
    return [line for line in out.splitlines() if line]


def _came_in(where: Where, start: str, base: str | None) -> dict[str, dict[str, list[str]]]:
    """Records the remote's commits added, changed or removed, by kind (their keys)."""
    if base is None:
        return {}
    fork = _maybe(where.root, "merge-base", start, base)
    if fork is None or fork == base:
        return {}
    out = _out(where.root, "diff", "--name-status", "--no-renames", "-z", "--relative", fork, base)
    parts = [p for p in out.split("\0") if p]
    found: dict[str, dict[str, list[str]]] = {}
    words = {"A": "new", "M": "changed", "D": "removed", "T": "changed"}
    for status, rel in zip(parts[::2], parts[1::2], strict=False):
        kind, key = _record_of(rel)
        if kind == "other" and (rel.endswith(".gitkeep") or rel == ".gitignore"):
            continue
        how = words.get(status[:1], "changed")
        found.setdefault(kind, {}).setdefault(how, []).append(key)
    for groups in found.values():
        for keys in groups.values():
            keys.sort(key=_natural)
    return found


def _natural(key: str) -> tuple[Any, ...]:
    head, _, digits = key.rpartition("-")
    return (head, int(digits)) if digits.isdigit() else (key, 0)


def _more(items: list[Any]) -> list[tuple[str, dict[str, Any]]]:
    return [("msg.sync.more", {"count": len(items) - SHOWN})] if len(items) > SHOWN else []


def _etc(items: list[Any]) -> str:
    return f" and {len(items) - SHOWN} more" if len(items) > SHOWN else ""

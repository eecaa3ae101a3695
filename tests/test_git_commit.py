"""A write's commit made from the index (`gitops._commit_index`) is the commit `git commit --
FILES` makes, byte for byte, and is left to `git commit` wherever that would do more or other."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import gitops

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is needed")

FIXED = {  # one moment for both commits, so that equal commits have equal hashes
    "GIT_AUTHOR_DATE": "2026-12-06T08:00:00+08:00",
    "GIT_COMMITTER_DATE": "2026-12-06T08:00:00+08:00",
    "GIT_COMMITTER_NAME": "办公室",
    "GIT_COMMITTER_EMAIL": "office@example.invalid",
}


def git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


def repo(folder: Path) -> Path:
    """A repository with a ledger-like folder of records, one commit in."""
    folder.mkdir(parents=True)
    git(folder, "init", "-q", "--initial-branch=main")
    for bucket in ("000", "001"):
        (folder / "issues" / bucket).mkdir(parents=True)
        for n in range(3):
            (folder / "issues" / bucket / f"{n}.yaml").write_text(f"number: {n}\n", encoding="utf-8")
    (folder / "ledger.yaml").write_text("name: 县\n", encoding="utf-8")
    git(folder, "add", "-A")
    git(folder, "-c", "user.name=x", "-c", "user.email=y@z", "commit", "-q", "-m", "start")
    return folder


@pytest.fixture
def fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in FIXED.items():
        monkeypatch.setenv(key, value)


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """What `_commit_index` answered, call by call."""
    answers: list[bool] = []
    real = gitops._commit_index

    def recorded(*args: object, **kwargs: object) -> bool:
        answers.append(real(*args, **kwargs))  # type: ignore[arg-type]
        return answers[-1]

    monkeypatch.setattr(gitops, "_commit_index", recorded)
    return answers


def change(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def state(root: Path) -> tuple[str, str, str, str]:
    """HEAD's hash, its reflog entry, the index's tree and `git status`."""
    return (
        git(root, "rev-parse", "HEAD"),
        git(root, "reflog", "-1", "--format=%gs"),
        git(root, "write-tree"),
        git(root, "status", "--porcelain"),
    )


MESSAGES = st.text(st.sampled_from([*"ab 号\t\r\n", "\u3000", "\v", "#"]), max_size=14)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(message=MESSAGES)
def test_the_commit_is_the_one_git_commit_makes(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, fixed: None, message: str
) -> None:
    """Same hash (tree, parent, author, committer, message after git's clean-up) and same
    reflog entry, for messages with trailing spaces, tabs, carriage returns and blank lines."""
    if not gitops.stripspace(gitops.commit_text(message)):
        return  # git refuses a blank message: see the test below
    real = gitops._commit_index
    results = []
    for quick in (True, False):
        root = repo(tmp_path_factory.mktemp("r") / "r")
        paths = [change(root, "issues/001/2.yaml", "number: 2\nstatus: closed\n"),
                 change(root, "issues/002/7.yaml", "number: 7\n")]  # fmt: skip
        answers: list[bool] = []
        with monkeypatch.context() as patch:
            patch.setattr(
                gitops, "_commit_index", lambda *a, q=quick, seen=answers, **k: _decide(real, q, seen, a, k)
            )
            gitops.commit(root, paths, message, "王干部")
        assert answers == [quick]
        results.append(state(root))
    assert results[0] == results[1]
    assert results[0][3] == ""


def _decide(real: Any, quick: bool, seen: list[bool], args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
    """`_commit_index`'s answer when `quick`, else False (`git commit` itself), recorded."""
    seen.append(real(*args, **kwargs) if quick else False)
    return seen[-1]


def test_stripspace_is_git_stripspace() -> None:
    for text in ["", "\n\n", "a  \n\n\n b\t\r\n\n", "  lead\n", "x\v\n\f\ny\u3000\n", "#c\n d", "a\r\rb"]:
        expected = subprocess.run(["git", "stripspace"], input=text.encode(), capture_output=True, check=True)
        assert gitops.stripspace(text) == expected.stdout.decode(), repr(text)  # bytes: \r kept as it is


def test_a_ledger_in_a_subfolder_and_a_folder_to_commit(tmp_path: Path, fixed: None, spy: list[bool]) -> None:
    top = repo(tmp_path / "top")
    ledger = top / "county"
    change(ledger, "issues/000/1.yaml", "number: 1\n")
    git(top, "add", "-A")
    git(top, "-c", "user.name=x", "-c", "user.email=y@z", "commit", "-q", "-m", "county")
    change(ledger, "issues/000/1.yaml", "number: 1\nnote: x\n")
    gitops.commit(ledger, [ledger / "issues/000/1.yaml"], "note", "王干部")
    change(ledger, "issues/000/2.yaml", "number: 2\n")
    gitops.commit(ledger, [ledger / "issues"], "the folder", "王干部")  # a folder: git commit's pathspec
    assert spy == [True, False]
    assert git(top, "show", "--name-only", "--format=", "HEAD") == "county/issues/000/2.yaml\n"
    assert git(top, "status", "--porcelain") == ""


def test_other_staged_work_is_left_out_by_git_commit(tmp_path: Path, fixed: None, spy: list[bool]) -> None:
    root = repo(tmp_path / "r")
    change(root, "notes.txt", "a clerk's own staged file\n")
    git(root, "add", "notes.txt")
    path = change(root, "issues/000/1.yaml", "number: 1\nnote: x\n")
    gitops.commit(root, [path], "note", "王干部")
    assert spy == [False]
    assert git(root, "show", "--name-only", "--format=", "HEAD") == "issues/000/1.yaml\n"
    assert git(root, "status", "--porcelain") == "A  notes.txt\n"


@pytest.mark.parametrize("hook", ["post-commit", "prepare-commit-msg", "post-index-change"])
def test_hooks_git_commit_runs_still_run(tmp_path: Path, fixed: None, spy: list[bool], hook: str) -> None:
    root = repo(tmp_path / "r")
    hooks = root / ".git" / "hooks"
    script = hooks / hook
    script.write_text(f"#!/bin/sh\necho ran >> '{tmp_path / 'ran'}'\n", encoding="utf-8")
    script.chmod(0o755)
    gitops.commit(root, [change(root, "issues/000/1.yaml", "number: 1\nx: 1\n")], "note", "王干部")
    assert spy == [False]
    assert "ran\n" in (tmp_path / "ran").read_text()
    script.chmod(0o644)  # not executable: git does not run it
    gitops.commit(root, [change(root, "issues/000/1.yaml", "number: 1\nx: 2\n")], "note", "王干部")
    assert spy == [False, True]


def test_a_cleanup_set_in_the_config_is_git_commits(tmp_path: Path, fixed: None, spy: list[bool]) -> None:
    root = repo(tmp_path / "r")
    git(root, "config", "commit.cleanup", "verbatim")
    path = change(root, "issues/000/1.yaml", "number: 1\nx: 1\n")
    gitops.commit(root, [path], "note  \n\n\nmore  ", "王干部")
    assert spy == [False]
    kept = subprocess.run(["git", "-C", str(root), "cat-file", "commit", "HEAD"], capture_output=True)
    assert kept.stdout.decode().endswith("\n\nnote  \n\nnote  \n\n\nmore\n")  # as commit_text gave it


def test_the_first_commit_and_nothing_to_commit_are_git_commits(
    tmp_path: Path, fixed: None, spy: list[bool]
) -> None:
    root = tmp_path / "r"
    root.mkdir()
    git(root, "init", "-q", "--initial-branch=main")
    path = change(root, "issues/000/1.yaml", "number: 1\n")
    gitops.commit(root, [path], "first", "王干部")
    assert git(root, "reflog", "-1", "--format=%gs") == "commit (initial): first\n"
    with pytest.raises(gitops.Refused):
        gitops.commit(root, [path], "again", "王干部")  # unchanged: git says nothing to commit
    assert spy == [False, False]
    assert git(root, "rev-list", "--count", "HEAD") == "1\n"


def test_a_head_moved_meanwhile_is_committed_on_by_git_commit(
    tmp_path: Path, fixed: None, spy: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another commit between the tree and the ref: the ref is not moved from under it."""
    root = repo(tmp_path / "r")
    real_run = gitops._run

    def meanwhile(where: Path, *args: str, env: dict[str, str] | None = None, names: bool = False) -> Any:
        if args[0] == "commit-tree":
            other = change(root, "issues/001/0.yaml", "number: 0\nby: another office\n")
            git(
                root,
                "-c",
                "user.name=x",
                "-c",
                "user.email=y@z",
                "commit",
                "-q",
                "-m",
                "other",
                "--",
                str(other),
            )
        return real_run(where, *args, env=env, names=names)

    monkeypatch.setattr(gitops, "_run", meanwhile)
    gitops.commit(root, [change(root, "issues/000/1.yaml", "number: 1\nx: 1\n")], "note", "王干部")
    assert spy == [False]
    assert git(root, "log", "--format=%s", "-3").split("\n")[:3] == ["note", "other", "start"]
    assert git(root, "status", "--porcelain") == ""


def test_a_merge_under_way_is_left_to_git_commit(tmp_path: Path, fixed: None, spy: list[bool]) -> None:
    """git commit -- FILES refuses a partial commit in the middle of a merge; so does a write."""
    root = repo(tmp_path / "r")
    git(root, "checkout", "-q", "-b", "other")
    change(root, "issues/001/0.yaml", "number: 0\nby: other\n")
    git(root, "-c", "user.name=x", "-c", "user.email=y@z", "commit", "-q", "-am", "other")
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-commit", "--no-ff", "other")
    git(root, "reset", "-q", "--", "issues/001/0.yaml")  # what the merge brought, unstaged by hand
    head = git(root, "rev-parse", "HEAD")
    with pytest.raises(gitops.Refused):
        gitops.commit(root, [change(root, "issues/000/1.yaml", "number: 1\nx: 1\n")], "note", "王干部")
    assert spy == [False]
    assert git(root, "rev-parse", "HEAD") == head


def test_files_git_add_trusts_unchanged_are_committed_as_on_disk(
    tmp_path: Path, fixed: None, spy: list[bool]
) -> None:
    """`git add -A` does not look at an assume-unchanged file; `git commit -- FILES` does."""
    root = repo(tmp_path / "r")
    git(root, "update-index", "--assume-unchanged", "issues/000/1.yaml")
    paths = [
        change(root, "issues/000/1.yaml", "number: 1\nissues: [7]\n"),
        change(root, "issues/002/7.yaml", "x\n"),
    ]
    gitops.commit(root, paths, "open 7 from 1", "王干部")
    assert spy == [False]
    assert git(root, "show", "HEAD:issues/000/1.yaml") == "number: 1\nissues: [7]\n"
    git(root, "config", "core.ignoreStat", "true")
    gitops.commit(root, [change(root, "issues/000/2.yaml", "number: 2\nx: 1\n")], "note", "王干部")
    assert spy == [False, False]


def test_the_reflog_names_the_action_git_was_given(
    tmp_path: Path, fixed: None, spy: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hook run by `git pull` has GIT_REFLOG_ACTION set; git commit names its entry so."""
    monkeypatch.setenv("GIT_REFLOG_ACTION", "pull -q --no-rebase")
    root = repo(tmp_path / "r")
    gitops.commit(root, [change(root, "issues/000/1.yaml", "number: 1\nx: 1\n")], "note", "王干部")
    assert spy == [True]
    assert git(root, "reflog", "-1", "--format=%gs") == "pull -q --no-rebase: note\n"


def test_a_squash_under_way_and_hooks_in_the_config_are_git_commits(
    tmp_path: Path, fixed: None, spy: list[bool]
) -> None:
    root = repo(tmp_path / "r")
    (root / ".git" / "SQUASH_MSG").write_text("Squashed commit of the following:\n", encoding="utf-8")
    gitops.commit(root, [change(root, "issues/000/1.yaml", "number: 1\nx: 1\n")], "note", "王干部")
    assert not (root / ".git" / "SQUASH_MSG").exists()  # git commit clears it
    git(root, "config", "hook.audit.command", "true")
    gitops.commit(root, [change(root, "issues/000/1.yaml", "number: 1\nx: 2\n")], "note", "王干部")
    assert spy == [False, False]


def test_git_upkeeps_after_the_commit_as_after_git_commit(
    tmp_path: Path, fixed: None, spy: list[bool]
) -> None:
    """Two packs where one is the limit: the automatic upkeep git commit runs packs them."""
    root = repo(tmp_path / "r")
    git(root, "repack", "-q")
    change(root, "issues/000/0.yaml", "number: 0\nx: 1\n")
    git(root, "-c", "user.name=x", "-c", "user.email=y@z", "commit", "-q", "-am", "more")
    git(root, "repack", "-q")
    git(root, "config", "gc.autoPackLimit", "1")
    git(root, "config", "gc.autoDetach", "false")  # at once, not in the background
    packs = root / ".git" / "objects" / "pack"
    assert len(list(packs.glob("*.pack"))) == 2
    gitops.commit(root, [change(root, "issues/000/1.yaml", "number: 1\nx: 1\n")], "note", "王干部")
    assert spy == [True]
    assert len(list(packs.glob("*.pack"))) == 1


def test_a_message_git_finds_empty_is_git_commits(tmp_path: Path, fixed: None, spy: list[bool]) -> None:
    root = repo(tmp_path / "r")
    path = change(root, "issues/000/1.yaml", "number: 1\nx: 1\n")
    with pytest.raises(gitops.Refused):
        gitops.commit(root, [path], "Signed-off-by: 王干部", "王干部")
    assert spy == [False]

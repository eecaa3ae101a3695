"""Writes that never lie (issue 12): the file and its git commit are one unit.

The git step is slowed with a PATH shim: a `git` script that, for the one command whose
arguments hold a marker, says "paused" through a FIFO and waits on another FIFO before it runs
the real git. The test signals caseledger while it waits (no timed guesses), checks the signal
was delivered (/proc), then lets git go, or kills it too.
"""

from __future__ import annotations

import errno
import os
import select
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ledger import gitops, lifecycle
from ledger.errors import Refused
from ledger.store import Ledger

# These tests are about what reaches the disk: fsync stays real (tests/conftest.py).
pytestmark = pytest.mark.durable

CASELEDGER = Path(sys.executable).with_name("caseledger")
REAL_GIT = shutil.which("git")
needs_git = pytest.mark.skipif(REAL_GIT is None, reason="git is not installed")

SHIM = """#!/bin/sh
# A git that stops before the first command whose arguments hold $SHIM_MARK, until the test
# says go (a commit made from the index has the message in two: commit-tree, update-ref).
case "$*" in
  *"$SHIM_MARK"*)
    if [ -n "$SHIM_MARK" ] && [ ! -e "$SHIM_DIR/paused" ]; then
      : > "$SHIM_DIR/paused"
      if [ -n "$SHIM_LOCK" ]; then : > "$SHIM_LOCK"; fi
      echo $$ > "$SHIM_DIR/ready"
      read go < "$SHIM_DIR/go"
    fi ;;
esac
if [ -n "$SHIM_COUNT" ]; then echo "$3" >> "$SHIM_COUNT"; fi
if [ -n "$SHIM_DROP_LOCK" ] && [ "$3" = "add" ] && [ -e "$SHIM_DIR/second" ]; then rm -f "$SHIM_DROP_LOCK"; fi
if [ -n "$SHIM_DROP_LOCK" ] && [ "$3" = "add" ]; then : > "$SHIM_DIR/second"; fi
exec "$REAL_GIT" "$@"
"""


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def git_ledger(ledger: Ledger) -> Ledger:
    """The small county as an autocommit git ledger with issue 1 open."""
    if REAL_GIT is None:
        pytest.skip("git is not installed")
    gitops.init_repo(ledger.root)
    settings = ledger.root / "ledger.yaml"
    text = settings.read_text(encoding="utf-8").replace("autocommit: false", "autocommit: true")
    settings.write_text(text, encoding="utf-8")
    _git(ledger.root, "add", "-A")
    _git(ledger.root, "commit", "-q", "-m", "start")
    fresh = Ledger(ledger.root)
    lifecycle.open_issue(fresh, village="dapo", title="要修路", category="hardship", actor="管理员")
    assert _git(ledger.root, "status", "--porcelain") == ""
    return fresh


def _shim(tmp: Path) -> Path:
    folder = tmp / "shim"
    folder.mkdir(exist_ok=True)
    script = folder / "git"
    script.write_text(SHIM, encoding="utf-8")
    script.chmod(0o755)
    return folder


def _env(root: Path, shim: Path | None = None, **extra: str) -> dict[str, str]:
    env = dict(os.environ, CASELEDGER_ROOT=str(root), REAL_GIT=REAL_GIT or "git", SHIM_MARK="")
    if shim is not None:
        env["PATH"] = f"{shim}{os.pathsep}{env['PATH']}"
    env.update(extra)
    return env


def _fifos(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("ready", "go"):
        if not (folder / name).exists():
            os.mkfifo(folder / name)
    return folder


def _wait_paused(proc: subprocess.Popen[str], folder: Path) -> int:
    """Block until the shim says it is paused; its pid. Fails if caseledger ends first."""
    fd = os.open(folder / "ready", os.O_RDONLY | os.O_NONBLOCK)
    try:
        data = b""
        while not data.endswith(b"\n"):
            readable, _, _ = select.select([fd], [], [], 0.05)
            if readable:
                data += os.read(fd, 100)
            if not data and proc.poll() is not None:
                raise AssertionError(f"caseledger ended before git paused: {proc.stderr.read()}")  # type: ignore[union-attr]
        return int(data.strip())
    finally:
        os.close(fd)


def _delivered(pid: int, sig: int) -> None:
    """Wait until `sig` is no longer pending for `pid`: its handler has been entered."""
    bit = 1 << (sig - 1)
    while True:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            return
        if "\nState:\tZ" in status:
            return  # it ended (a zombie until the test reaps it)
        lines = (line.split(":\t") for line in status.splitlines() if "Pnd" in line)
        masks = {k: int(v, 16) for k, v in lines}
        if not (masks.get("SigPnd", 0) | masks.get("ShdPnd", 0)) & bit:
            return
        select.select([], [], [], 0.01)


def _release(folder: Path, shim_pid: int) -> None:
    """Let the paused git go (fails, instead of hanging, when it is no longer there)."""
    while True:
        try:
            fd = os.open(folder / "go", os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError as exc:
            if exc.errno != errno.ENXIO:  # ENXIO: the shim has not opened it yet
                raise
            if not Path(f"/proc/{shim_pid}").exists():
                raise AssertionError("the paused git is gone") from None
            select.select([], [], [], 0.01)
    os.write(fd, b"go\n")
    os.close(fd)


def _notes(root: Path, rev: str | None = None) -> list[str]:
    from ruamel.yaml import YAML

    text = _git(root, "show", f"{rev}:issues/000/1.yaml") if rev else (root / "issues/000/1.yaml").read_text()
    data = YAML(typ="safe").load(text)
    return [e["note"] for e in data["history"] if e["action"] == "noted"]


# -- signals in the git step ------------------------------------------------------------------


@needs_git
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_signal_in_the_git_step_waits_for_the_commit(git_ledger: Ledger, tmp_path: Path, sig: int) -> None:
    root = git_ledger.root
    pause = _fifos(tmp_path / "p")
    env = _env(root, _shim(tmp_path), SHIM_MARK="<slow>", SHIM_DIR=str(pause))
    proc = subprocess.Popen([str(CASELEDGER), "issue", "note", "1", "水管 <slow>"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    shim_pid = _wait_paused(proc, pause)
    proc.send_signal(sig)
    _delivered(proc.pid, sig)
    _release(pause, shim_pid)
    _out, err = proc.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert proc.returncode == 130, err
        assert "interrupted after the change was saved" in err and "Traceback" not in err
    else:
        assert proc.returncode == -sig, err
    assert _notes(root, "HEAD") == ["水管 <slow>"] == _notes(root)
    assert _git(root, "status", "--porcelain") == ""


@needs_git
def test_kills_in_the_git_step_then_one_more_write_leave_git_clean(git_ledger: Ledger, tmp_path) -> None:
    """SIGKILL of caseledger and of its git, 4 times, some leaving a `.git/index.lock` behind;
    each next command repairs the unit (commits it, saying so); in the end git is clean and
    every event is in HEAD exactly once."""
    root = git_ledger.root
    shim = _shim(tmp_path)
    repaired = []
    for i in range(4):
        pause = _fifos(tmp_path / f"p{i}")
        lock = str(root / ".git" / "index.lock") if i % 2 else ""
        env = _env(root, shim, SHIM_MARK=f"<kill {i}>", SHIM_DIR=str(pause), SHIM_LOCK=lock)
        proc = subprocess.Popen([str(CASELEDGER), "issue", "note", "1", f"记录 <kill {i}>"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
        git_pid = _wait_paused(proc, pause)
        proc.kill()
        os.kill(git_pid, signal.SIGKILL)
        proc.communicate(timeout=60)
        assert proc.returncode == -signal.SIGKILL
        if i:
            assert "repaired" in repaired[-1]
        result = subprocess.run([str(CASELEDGER), "issue", "show", "1", "--format", "json"],
                                env=_env(root), capture_output=True, text=True, timeout=60)  # fmt: skip
        assert result.returncode == 0, result.stderr
        repaired.append(result.stderr)
    final = subprocess.run([str(CASELEDGER), "issue", "note", "1", "最后一条"], env=_env(root),
                           capture_output=True, text=True, timeout=60)  # fmt: skip
    assert final.returncode == 0, final.stderr
    expected = [f"记录 <kill {i}>" for i in range(4)] + ["最后一条"]
    assert _notes(root, "HEAD") == expected == _notes(root)
    assert _git(root, "status", "--porcelain", "--ignored=no") == ""
    assert not (root / ".git" / "index.lock").exists()
    assert all("committed now" in text for text in repaired), repaired
    assert any(".git/index.lock" in text for text in repaired), repaired


@needs_git
def test_a_unit_killed_while_files_are_written_is_put_back(git_ledger: Ledger, monkeypatch) -> None:
    """Killed after the journal but before the commit stage: the next command restores the old
    file from the hard link it kept, and says so."""
    import multiprocessing

    from ledger import yamlio

    root = git_ledger.root
    before = (root / "issues/000/1.yaml").read_bytes()

    def child() -> None:
        real = yamlio.atomic_write
        calls = []

        def dying(path, text, **kw):
            calls.append(path)
            real(path, text, **kw)
            if len(calls) == 2:  # the journal, then the record: die before the commit stage
                os.kill(os.getpid(), signal.SIGKILL)

        monkeypatch.setattr("ledger.transaction.atomic_write", dying)
        lifecycle.note(Ledger(root), "1", "半截", actor="a")

    proc = multiprocessing.get_context("fork").Process(target=child)
    proc.start()
    proc.join(30)
    assert proc.exitcode == -signal.SIGKILL
    assert (root / "issues/000/1.yaml").read_bytes() != before
    result = subprocess.run([str(CASELEDGER), "issue", "list", "--format", "json"], env=_env(root),
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "put back" in result.stderr
    assert (root / "issues/000/1.yaml").read_bytes() == before
    assert _git(root, "status", "--porcelain") == ""
    assert not list((root / "issues/000").glob(".*"))


# -- a busy git index, and no git at all ------------------------------------------------------


def _live_git(root: Path) -> subprocess.Popen[str]:
    """Another program's git at work in the repository (as an editor's integration is)."""
    return subprocess.Popen([REAL_GIT or "git", "cat-file", "--batch"], cwd=root, stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True)  # fmt: skip


@needs_git
def test_index_held_by_a_live_git_is_waited_for(git_ledger: Ledger, tmp_path: Path) -> None:
    """The first `git add` meets an index.lock of a live git; the lock goes; the write waits and
    succeeds instead of failing."""
    root = git_ledger.root
    other = _live_git(root)
    lock = root / ".git" / "index.lock"
    count = tmp_path / "calls"
    try:
        lock.touch()
        env = _env(root, _shim(tmp_path), SHIM_DIR=str(tmp_path), SHIM_DROP_LOCK=str(lock),
                   SHIM_COUNT=str(count))  # fmt: skip
        result = subprocess.run([str(CASELEDGER), "issue", "note", "1", "等一等"], env=env,
                                capture_output=True, text=True, timeout=60)  # fmt: skip
    finally:
        other.communicate(timeout=10)
    assert result.returncode == 0, result.stderr
    assert count.read_text().split().count("add") == 2  # refused once, then done
    assert _notes(root, "HEAD") == ["等一等"]
    assert "repaired" not in result.stderr  # a live git's lock is never removed


@needs_git
def test_index_held_too_long_fails_naming_the_lock(git_ledger: Ledger, snapshot) -> None:
    root = git_ledger.root
    other = _live_git(root)
    lock = root / ".git" / "index.lock"
    try:
        lock.touch()
        before = snapshot(root)
        env = _env(root, CASELEDGER_GIT_WAIT="0.2")
        for lang, words in (("en", "another git program"), ("zh", "另一个 git 程序")):
            argv = [str(CASELEDGER), "--lang", lang, "issue", "note", "1", "等不及"]
            result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
            assert result.returncode == 1
            assert words in result.stderr and ".git/index.lock" in result.stderr, result.stderr
            assert snapshot(root) == before
        assert lock.exists()
    finally:
        other.communicate(timeout=10)
    # The other git is gone and left its lock: the next write removes it, says so, and commits.
    result = subprocess.run([str(CASELEDGER), "issue", "note", "1", "好了"], env=_env(root),
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "removed .git/index.lock" in result.stderr
    assert _notes(root, "HEAD") == ["好了"]


@needs_git
def test_git_not_installed_is_not_not_a_repository(git_ledger: Ledger, tmp_path: Path, snapshot) -> None:
    empty = tmp_path / "nogit"
    empty.mkdir()
    before = snapshot(git_ledger.root)
    env = _env(git_ledger.root, PATH=str(empty))
    argv = [str(CASELEDGER), "issue", "note", "1", "无 git"]
    result = subprocess.run(argv, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "git is not installed" in result.stderr and "not in a git repository" not in result.stderr
    assert snapshot(git_ledger.root) == before


def test_init_git_without_git_leaves_nothing_and_a_retry_works(tmp_path: Path, monkeypatch) -> None:
    from ledger.setup import init_ledger

    target = tmp_path / "new"
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    with pytest.raises(Refused) as caught:
        init_ledger(target, "新台账", git=True)
    assert caught.value.key == "error.git_missing"
    assert not target.exists()
    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(Refused):
        init_ledger(existing, "新台账", git=True)
    assert sorted(p.name for p in existing.iterdir()) == ["notes.txt"]
    monkeypatch.undo()
    if REAL_GIT is not None:
        init_ledger(target, "新台账", git=True)
        assert (target / "ledger.yaml").is_file() and (target / ".git").is_dir()


def test_init_failing_half_way_removes_what_it_made(tmp_path: Path, monkeypatch) -> None:
    from ledger import setup

    target = tmp_path / "half"

    def broken(*args, **kwargs):
        raise Refused("error.git_failed", detail="boom")

    monkeypatch.setattr(setup.gitops, "commit", broken)
    with pytest.raises(Refused):
        setup.init_ledger(target, "新台账", git=REAL_GIT is not None)
    assert not target.exists()
    monkeypatch.undo()
    setup.init_ledger(target, "新台账")
    assert (target / "ledger.yaml").is_file()


# -- rollback -----------------------------------------------------------------------------------


def test_rollback_never_deletes_a_file_it_did_not_write(ledger: Ledger) -> None:
    from ledger.township import Township
    from ledger.transaction import writing

    theirs = ledger.record_path("township", "qinglong")
    before = theirs.read_bytes()
    with pytest.raises(Refused), writing(ledger, "a") as write:
        write.create(theirs, Township(code="qinglong", name="青龙镇"))
    assert theirs.read_bytes() == before


@needs_git
def test_disk_full_in_the_git_step_rolls_back_without_space(
    git_ledger: Ledger, tmp_path: Path, monkeypatch
) -> None:
    """`git add` fails with ENOSPC and from then on no file can be written: the rollback still
    puts the old file back (a rename, no bytes), and the retry records the event once."""
    import tempfile

    root = git_ledger.root
    full = tmp_path / "full"
    shim = _shim(tmp_path)
    (shim / "git").write_text(
        f'#!/bin/sh\nif [ "$3" = "add" ]; then : > "{full}"\n'
        '  echo "error: file write error: No space left on device" >&2; exit 128\nfi\n'
        'exec "$REAL_GIT" "$@"\n',
        encoding="utf-8",
    )
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args, **kwargs):
        if full.exists():
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    monkeypatch.setenv("PATH", f"{shim}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("REAL_GIT", REAL_GIT or "git")
    path = root / "issues/000/1.yaml"
    before = path.read_bytes()
    with pytest.raises(Refused):
        lifecycle.note(Ledger(root), "1", "满了", actor="a")
    assert path.read_bytes() == before
    monkeypatch.undo()
    full.unlink()
    lifecycle.note(Ledger(root), "1", "满了", actor="a")
    assert _notes(root, "HEAD") == ["满了"]
    assert _git(root, "status", "--porcelain") == ""


# -- hostile text on the terminal, codes read as numbers, sizes, depth, the end of the calendar --


def _hand_edit(ledger: Ledger, old: str, new: str) -> None:
    path = ledger.issue_path("1")
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_terminal_output_shows_escapes_instead_of_obeying_them(ledger: Ledger, run) -> None:
    lifecycle.open_issue(ledger, village="dapo", title="要修路", category="hardship", actor="管理员")
    lifecycle.open_issue(ledger, village="dapo", title="abc\u202edef", category="hardship", actor="管理员")
    listing = run("issue", "list").stdout + run("issue", "list", "--format", "plain").stdout
    assert "\u202e" not in listing and "abc\\u202edef" in listing
    csv = run("issue", "list", "--format", "csv").stdout
    assert "abc\u202edef" in csv  # scripts get the exact text
    _hand_edit(ledger, "title: 要修路", 'title: "\\e]0;pwned\\a\\e[2J修路"')
    _hand_edit(ledger, "by: 管理员", 'by: "\\e[31m红\\u202e"')
    for args in (["issue", "show", "1"], ["issue", "log", "1"]):
        out = run(*args).stdout
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out, args
        assert "\\x1b]0;pwned" in out or "\\x1b[31m" in out, out
    (ledger.root / "issues" / "000" / "\x1b[31mx.yaml").write_text("number: 9\n", encoding="utf-8")
    out = run("check").stdout
    assert "\x1b" not in out and "\\x1b[31mx.yaml" in out


@pytest.mark.parametrize("written", ["017", "0x1F", "7"])
def test_a_code_written_as_a_yaml_number_is_refused_not_converted(ledger: Ledger, run, written: str) -> None:
    lifecycle.open_issue(ledger, village="dapo", title="要修路", category="hardship", actor="管理员")
    _hand_edit(ledger, "village: dapo", f"village: {written}")
    result = run("check")
    assert result.exit_code == 1
    assert "issues/000/1.yaml" in result.stdout and "quotes" in result.stdout, result.stdout
    from ledger.village import Village

    with pytest.raises(ValueError):
        Village.model_validate({"code": 17, "name": "村", "township": "qinglong"})
    assert Village.model_validate({"code": "017", "name": "村", "township": "qinglong"}).code == "017"


def test_a_write_never_makes_a_file_its_reader_refuses_and_room_is_kept(
    ledger: Ledger, run, snapshot
) -> None:
    from ledger.transaction import ROOM_TO_FINISH
    from ledger.yamlio import MAX_FILE_BYTES

    lifecycle.open_issue(ledger, village="dapo", title="要修路", category="hardship", actor="管理员")
    note = "长" * 19_000  # ~57 KB a note
    refused = None
    for _ in range(40):
        result = run("issue", "note", "1", note)
        if result.exit_code != 0:
            refused = result
            break
    assert refused is not None and refused.exit_code == 1
    assert "new issue" in refused.stderr and "Traceback" not in refused.stderr
    size = ledger.issue_path("1").stat().st_size
    assert MAX_FILE_BYTES - ROOM_TO_FINISH - 60_000 < size <= MAX_FILE_BYTES - ROOM_TO_FINISH
    before = snapshot(ledger.root)
    assert run("issue", "note", "1", note).exit_code == 1 and snapshot(ledger.root) == before
    # Near the limit it can still be shown, closed and followed up, with long notes.
    assert run("issue", "show", "1").exit_code == 0
    assert run("issue", "close", "1", "--disposition", "resolved", "--note", note).exit_code == 0
    assert run("issue", "followup", "1", "--satisfaction", "satisfied", "--note", note).exit_code == 0
    assert ledger.issue_path("1").stat().st_size <= MAX_FILE_BYTES
    assert run("issue", "show", "1").exit_code == 0


def test_deep_flow_nesting_is_an_error_in_issue_show(ledger: Ledger, run) -> None:
    lifecycle.open_issue(ledger, village="dapo", title="要修路", category="hardship", actor="管理员")
    _hand_edit(ledger, "title: 要修路", "title: " + "[" * 5000 + "]" * 5000)
    for args in (["issue", "show", "1"], ["issue", "log", "1"], ["check"]):
        result = run(*args)
        assert result.exit_code == 1, args
        text = result.stdout + result.stderr
        assert "issues/000/1.yaml" in text and "nested" in text and "Traceback" not in text, args


def test_now_at_the_end_of_the_calendar_is_an_error_not_a_crash(ledger: Ledger, run, monkeypatch) -> None:
    monkeypatch.setenv("CASELEDGER_NOW", "9999-12-31T23:00:00+08:00")
    result = run("issue", "open", "--village", "dapo", "--title", "要修路", "--category", "hardship")
    assert result.exit_code == 1
    assert result.stderr.startswith("error:") and "9999" in result.stderr
    assert list(ledger.issue_files()) == []


def test_links_and_fifos_are_refused_never_followed_or_waited_on(ledger: Ledger, run, tmp_path: Path) -> None:
    lifecycle.open_issue(ledger, village="dapo", title="要修路", category="hardship", actor="管理员")
    bucket = ledger.root / "issues" / "000"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "2.yaml").write_bytes(
        ledger.issue_path("1").read_bytes().replace(b"number: '1'", b"number: '2'")
    )
    (bucket / "2.yaml").symlink_to(outside / "2.yaml")
    os.mkfifo(bucket / "3.yaml")
    (bucket / "4.yaml").symlink_to("/dev/stdin")
    for number, what in (("2", "symbolic link"), ("3", "named pipe"), ("4", "symbolic link")):
        result = run("issue", "show", number)
        assert result.exit_code == 1 and what in result.stderr, result.stderr
    # A symlinked bucket folder: nothing is read or written through it.
    for name in ("2.yaml", "3.yaml", "4.yaml"):
        (bucket / name).unlink()
    moved = tmp_path / "moved"
    bucket.rename(moved)
    bucket.symlink_to(moved)
    result = run("issue", "note", "1", "经由链接")
    assert result.exit_code == 1 and "symbolic link" in result.stderr
    result = run("issue", "open", "--village", "dapo", "--title", "新的", "--category", "hardship")
    assert result.exit_code == 1 and "symbolic link" in result.stderr
    assert sorted(p.name for p in moved.iterdir()) == ["1.yaml"]

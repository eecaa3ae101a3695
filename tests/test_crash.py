"""Crashes (SPEC §2): `kill -9` at any moment leaves every file either old or new, never torn,
and a lock left behind by a killed process does not block the next command.

Two kinds of proof. Real `caseledger` processes are killed just before each step of their
write in turn (tests/crashpoints counts the steps; no timing); and a forked writer kills
itself with SIGKILL at each step of `atomic_write` (before the data, before fsync, before the
rename, after it), so the narrow windows are hit every time, not by luck.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ledger import yamlio
from ledger.store import Ledger

# These tests are about what reaches the disk: fsync stays real (tests/conftest.py).
pytestmark = pytest.mark.durable

CTX = multiprocessing.get_context("fork")
CASELEDGER = Path(sys.executable).with_name("caseledger")


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".caseledger" not in p.relative_to(root).parts
    }


def _model_for(rel: str):
    from ledger.issue import Issue
    from ledger.pairing import Pairing
    from ledger.township import Township
    from ledger.village import Village

    top = rel.split("/")[0]
    return {"issues": Issue, "pairings": Pairing, "townships": Township, "villages": Village}.get(top)


def _assert_old_or_new(ledger: Ledger, before: dict[str, bytes], after: dict[str, bytes]) -> None:
    """Every record file is the old bytes or a whole, valid new record; nothing disappeared."""
    for rel in before:
        # A hidden file is an interrupted write's temp file or backup (`.1.yaml.tmp`, `.keep`):
        # ignored by every loader, and the next command may tidy it away.
        assert rel in after or Path(rel).name.startswith("."), f"{rel} disappeared"
    for rel, data in after.items():
        name = Path(rel).name
        if name.startswith("."):
            continue
        if before.get(rel) == data:
            continue
        model = _model_for(rel)
        if model is None:
            ledger.read_raw(ledger.root / rel)
            continue
        record = ledger.read_record(model, ledger.root / rel)  # raises on a torn file
        if rel in before and rel.startswith("issues/"):
            old = ledger.read_record(model, _scratch(ledger, before[rel]))
            assert record.history[: len(old.history)] == old.history
            assert len(record.history) == len(old.history) + 1


def _scratch(ledger: Ledger, data: bytes) -> Path:
    path = ledger.derived / "old.yaml"
    path.write_bytes(data)
    return path


def _check_clean(root: Path) -> None:
    from typer.testing import CliRunner

    from caseledger.cli import app

    result = CliRunner().invoke(app, ["-C", str(root), "check", "--format", "json"])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["ok"] is True, result.stdout


def _env(root: Path) -> dict[str, str]:
    return dict(os.environ, CASELEDGER_ROOT=str(root), CASELEDGER_LOCK_TIMEOUT="10")


def _has_issue_commands() -> bool:
    from caseledger.cli import app

    return "issue" in [g.name for g in app.registered_groups]


# -- kills at every step of real commands -----------------------------------------------------


CRASHPOINTS = Path(__file__).with_name("crashpoints")  # a sitecustomize that kills at a chosen step


def _traced(root: Path, argv: list[str], trace: Path, at: int) -> tuple[int, list[str]]:
    """Run a real `caseledger` that kills itself with SIGKILL just before disk step `at` of its
    write (0: never): its exit code and the steps it reached, in order."""
    trace.write_text("", encoding="utf-8")
    env = _env(root) | {
        "PYTHONPATH": os.pathsep.join(filter(None, [str(CRASHPOINTS), os.environ.get("PYTHONPATH")])),
        "CASELEDGER_TEST_CRASH_TRACE": str(trace),
        "CASELEDGER_TEST_CRASH_AT": str(at),
    }
    proc = subprocess.run([str(CASELEDGER), *argv], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, timeout=120)  # fmt: skip
    assert proc.returncode in (0, -signal.SIGKILL), proc.stderr
    return proc.returncode, trace.read_text(encoding="utf-8").split()


def test_kill_9_at_every_step_of_real_commands_leaves_old_or_new(ledger: Ledger, tmp_path: Path) -> None:
    """Real commands (pairing add, township add, issue open, issue note), each killed with
    SIGKILL just before every step of its write in turn (the data, each fsync, the rename or
    link, the backup's removal …) and once let finish; after each run every file is old or
    new. Deterministic: the steps are counted by tests/crashpoints, not timed."""
    issues = _has_issue_commands()
    if issues:
        from ledger.lifecycle import open_issue

        open_issue(ledger, village="dapo", title="要修路", category="hardship", actor="管理员")
    commands = [
        ["pairing", "add", "--kind", "unit-village", "--party", "县水务局", "--village", "dapo"],
        ["township", "add", "t{n}", "--name", "新镇{n}"],
    ]
    if issues:
        commands += [
            ["issue", "open", "--village", "dapo", "--title", "饮水 {n}", "--category", "hardship"],
            ["issue", "note", "1", "第 {n} 次记录"],
        ]
    trace = tmp_path / "steps"
    runs = killed = finished = 0
    hit: set[str] = set()
    for command in commands:
        at = 1
        while True:  # kill before step 1, 2, … until a run reaches its end without a kill
            argv = [part.replace("{n}", str(runs)) for part in command]
            runs += 1
            before = _files(ledger.root)
            code, seen = _traced(ledger.root, argv, trace, at)
            _assert_old_or_new(ledger, before, _files(ledger.root))
            if code == 0:
                assert len(seen) < at, (argv, seen)
                finished += 1
                break
            assert len(seen) == at  # killed exactly at the chosen step, not before or after
            hit.add(seen[-1])
            killed += 1
            at += 1
    assert finished == len(commands)
    assert killed >= 3 * len(commands), (killed, finished)  # every command has several steps
    assert {"write", "fsync", "replace", "link", "unlink"} <= hit, hit
    print(f"{killed} kills at {sorted(hit)}, {finished} finished")
    # Whatever was killed, the next command works at once (the lock went with the process).
    result = subprocess.run([str(CASELEDGER), "township", "add", "after", "--name", "之后"],
                            env=_env(ledger.root), capture_output=True, text=True, timeout=30)  # fmt: skip
    assert result.returncode == 0, result.stderr
    _check_clean(ledger.root)


# -- SIGKILL at each step of an atomic write ------------------------------------------------

STEPS = ["write", "fsync", "replace", "link", "fsync_dir"]


def _die_at(step: str, action) -> None:
    """In a forked child: run `action`, killing the process with SIGKILL at `step`."""

    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    if step == "write":
        real_fdopen = os.fdopen

        def fdopen(*args, **kwargs):
            handle = real_fdopen(*args, **kwargs)
            handle.write = die
            return handle

        os.fdopen = fdopen
    elif step == "fsync":
        os.fsync = die
    elif step == "replace":
        os.replace = die
    elif step == "link":
        os.link = die
    elif step == "fsync_dir":
        yamlio._fsync_dir = die
    action()
    os._exit(0)


def _killed_child(step: str, action) -> int:
    proc = CTX.Process(target=_die_at, args=(step, action))
    proc.start()
    proc.join(30)
    return proc.exitcode


@pytest.mark.parametrize("step", STEPS)
def test_kill_during_update_leaves_old_or_new(ledger: Ledger, step: str) -> None:
    from datetime import date

    from ledger.places import add_pairing, end_pairing, list_pairings

    add_pairing(
        ledger, kind="unit-village", party="县水务局", village="dapo", since=date(2026, 1, 1), actor="a"
    )
    path = ledger.record_path("pairing", "P1")
    path.write_bytes(b"# hand comment\n" + path.read_bytes())
    before = _files(ledger.root)

    code = _killed_child(step, lambda: end_pairing(Ledger(ledger.root), "P1", date(2026, 2, 1), actor="a"))
    after = _files(ledger.root)
    _assert_old_or_new(ledger, before, after)
    if step in ("write", "fsync", "replace"):
        assert code == -signal.SIGKILL
        assert after["pairings/000/P1.yaml"] == before["pairings/000/P1.yaml"]
    if step == "fsync_dir":
        assert code == -signal.SIGKILL
        assert ledger.pairing("P1").until == date(2026, 2, 1)
    # A leftover temp file is hidden, ignored by loaders and by check; the next write works.
    assert all(Path(rel).name.startswith(".") for rel in after if rel not in before)
    assert [p.id for p in list_pairings(ledger)] == ["P1"]
    _check_clean(ledger.root)
    if ledger.pairing("P1").until is None:  # the killed write left the old file: write again
        end_pairing(ledger, "P1", date(2026, 3, 1), actor="a")
        assert ledger.pairing("P1").until == date(2026, 3, 1)
    assert "# hand comment" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("step", STEPS)
def test_kill_during_create_leaves_nothing_or_whole(ledger: Ledger, step: str) -> None:
    from ledger.places import add_township, list_townships

    before = _files(ledger.root)
    code = _killed_child(step, lambda: add_township(Ledger(ledger.root), "xinzhen", "新镇", actor="a"))
    after = _files(ledger.root)
    _assert_old_or_new(ledger, before, after)
    target = "townships/xinzhen.yaml"
    if step in ("write", "fsync", "link"):
        assert code == -signal.SIGKILL
        assert target not in after
    if target in after:
        assert ledger.township("xinzhen").name == "新镇"
    codes = [t.code for t in list_townships(ledger)]
    assert codes == sorted(["baishui", "qinglong", *(["xinzhen"] if target in after else [])])
    _check_clean(ledger.root)
    if target not in after:  # a killed create does not block creating it again
        add_township(ledger, "xinzhen", "新镇", actor="a")
    assert ledger.township("xinzhen").name == "新镇"


# -- stale locks ----------------------------------------------------------------------------

HOLDER = """
import sys, time
from pathlib import Path
from ledger.store import Ledger
with Ledger(Path(sys.argv[1])).lock():
    print("locked", flush=True)
    time.sleep(120)
"""


def _hold_lock(root: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(root)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"  # it holds the lock now
    return proc


def test_held_lock_makes_a_writer_wait_then_give_up_cleanly(ledger: Ledger, snapshot) -> None:
    """The control for the test below: while the holder lives, the lock really blocks."""
    holder = _hold_lock(ledger.root)
    try:
        before = snapshot(ledger.root)
        env = dict(_env(ledger.root), CASELEDGER_LOCK_TIMEOUT="0.5")
        result = subprocess.run([str(CASELEDGER), "township", "add", "xinzhen", "--name", "新镇"],
                                env=env, capture_output=True, text=True, timeout=30)  # fmt: skip
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
        assert "Traceback" not in result.stderr
        assert snapshot(ledger.root) == before
    finally:
        holder.kill()
        holder.wait(10)


def test_stale_lock_of_a_killed_process_does_not_block(ledger: Ledger) -> None:
    holder = _hold_lock(ledger.root)
    holder.send_signal(signal.SIGKILL)
    assert holder.wait(10) == -signal.SIGKILL
    started = time.monotonic()
    result = subprocess.run([str(CASELEDGER), "township", "add", "xinzhen", "--name", "新镇"],
                            env=_env(ledger.root), capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 8
    assert ledger.township("xinzhen").name == "新镇"


def test_deleting_the_derived_folder_loses_nothing(ledger: Ledger, run) -> None:
    """`.caseledger/` (lock, index, cache) can be deleted at any time (SPEC §2)."""
    import shutil

    first = run("village", "list", "--format", "json").stdout
    shutil.rmtree(ledger.root / ".caseledger")
    assert run("village", "list", "--format", "json").stdout == first
    assert run("township", "add", "xinzhen", "--name", "新镇").exit_code == 0
    shutil.rmtree(ledger.root / ".caseledger", ignore_errors=True)
    assert [t["code"] for t in json.loads(run("township", "list", "--format", "json").stdout)] == [
        "baishui",
        "qinglong",
        "xinzhen",
    ]

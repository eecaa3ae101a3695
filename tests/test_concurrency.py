"""Concurrent clerks (SPEC §2): eight processes writing to one ledger at once, released together
by a barrier, never lose a write and never hand out one number or id twice.

The library tests fork workers that call `ledger.*` directly (cheap, so they can do many
writes each); the CLI test forks workers that each run the real `caseledger` executable.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import traceback
from collections import Counter
from pathlib import Path

import pytest

from ledger.errors import LedgerError
from ledger.store import Ledger

WORKERS = 8
CTX = multiprocessing.get_context("fork")
CASELEDGER = Path(sys.executable).with_name("caseledger")


def _run_workers(target, root: Path, per_worker: int, timeout: float = 120) -> list[object]:
    """Start WORKERS processes on `target(root, k, per_worker, barrier)`; return their results.

    Each worker waits at the barrier, so they all start writing at the same moment. A worker
    that raises reports its traceback, which fails the test.
    """
    barrier = CTX.Barrier(WORKERS)
    queue = CTX.Queue()

    def wrapped(k: int) -> None:
        try:
            queue.put((k, "ok", target(root, k, per_worker, barrier)))
        except BaseException:
            queue.put((k, "error", traceback.format_exc()))

    procs = [CTX.Process(target=wrapped, args=(k,)) for k in range(WORKERS)]
    for proc in procs:
        proc.start()
    results = {}
    for _ in procs:
        k, status, value = queue.get(timeout=timeout)
        assert status == "ok", f"worker {k} failed:\n{value}"
        results[k] = value
    for proc in procs:
        proc.join(timeout=10)
        assert proc.exitcode == 0
    return [results[k] for k in range(WORKERS)]


def _all_yaml(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.yaml") if ".caseledger" not in p.parts]


def _assert_every_file_valid(ledger: Ledger) -> None:
    from ledger.issue import Issue
    from ledger.pairing import Pairing

    for path in ledger.record_files("pairing"):
        ledger.read_record(Pairing, path)
    for path in ledger.issue_files():
        ledger.read_record(Issue, path)
    for path in _all_yaml(ledger.root):
        ledger.read_raw(path)  # parses, safely
    leftovers = [p for p in ledger.root.rglob(".*.tmp")]
    assert leftovers == [], f"temp files left behind: {leftovers}"


def _check_clean(root: Path) -> None:
    """`caseledger check` finds nothing wrong."""
    from typer.testing import CliRunner

    from caseledger.cli import app

    result = CliRunner().invoke(app, ["-C", str(root), "check", "--format", "json"])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["ok"] is True, result.stdout


# -- pairings: ids handed out under the lock ------------------------------------------------


def _add_pairings(root: Path, k: int, n: int, barrier) -> list[tuple[str, str]]:
    from datetime import date

    from ledger.places import add_pairing

    ledger = Ledger(root)
    barrier.wait(timeout=30)
    made = []
    for i in range(n):
        party = f"干部{k}-{i}"
        pairing = add_pairing(ledger, kind="cadre-household", party=party, village="dapo",
                              since=date(2026, 1, 1), actor=f"clerk{k}")  # fmt: skip
        made.append((pairing.id, party))
    return made


def test_concurrent_pairing_add_hands_out_unique_ids(ledger: Ledger) -> None:
    per_worker = 6
    results = _run_workers(_add_pairings, ledger.root, per_worker)
    made = [pair for worker in results for pair in worker]
    ids = Counter(pid for pid, _ in made)
    assert [pid for pid, count in ids.items() if count > 1] == []
    assert len(made) == WORKERS * per_worker
    assert sorted(ids) == sorted(f"P{n}" for n in range(1, WORKERS * per_worker + 1))
    for pid, party in made:  # every write landed, in the file named by the id it was given
        assert ledger.pairing(pid).party == party
    assert len(ledger.record_files("pairing")) == WORKERS * per_worker
    _assert_every_file_valid(ledger)
    _check_clean(ledger.root)


# -- issues: numbers, and events on shared and own issues -----------------------------------


def _issue_work(root: Path, k: int, n: int, barrier) -> dict[str, list[str]]:
    """Open `n` issues, escalate each, close every other one, and note the shared issue 1.

    Returns {number: the actions this worker performed on it, in order}.
    """
    from ledger import lifecycle

    ledger = Ledger(root)
    done: dict[str, list[str]] = {"1": []}
    barrier.wait(timeout=30)
    for i in range(n):
        issue = lifecycle.open_issue(ledger, village="dapo", title=f"诉求 {k}-{i}", category="hardship",
                                     actor=f"clerk{k}")  # fmt: skip
        number = issue.number
        done[number] = ["opened"]
        lifecycle.note(ledger, "1", f"clerk{k} saw {number}", actor=f"clerk{k}")
        done["1"].append("noted")
        lifecycle.escalate(ledger, number, reason=f"needs the township ({k})", actor=f"clerk{k}")
        done[number].append("escalated")
        if i % 2 == 0:
            lifecycle.close(ledger, number, disposition="resolved", note="修好了", actor=f"clerk{k}")
            done[number].append("closed")
    return done


def test_concurrent_open_escalate_close_lose_nothing(ledger: Ledger) -> None:
    lifecycle = pytest.importorskip("ledger.lifecycle")
    from ledger.issue import Issue

    first = lifecycle.open_issue(
        ledger, village="dapo", title="共用的问题", category="hardship", actor="管理员"
    )
    assert first.number == "1"
    per_worker = 4
    results = _run_workers(_issue_work, ledger.root, per_worker)

    opened = [number for worker in results for number in worker if number != "1"]
    assert len(opened) == WORKERS * per_worker
    assert [n for n, c in Counter(opened).items() if c > 1] == [], "a number was handed out twice"
    assert sorted(int(n) for n in opened) == list(range(2, WORKERS * per_worker + 2))

    for k, worker in enumerate(results):
        for number, actions in worker.items():
            if number == "1":
                continue
            issue = ledger.read_record(Issue, ledger.issue_path(number))
            assert [e.action.value for e in issue.history] == actions, number
            assert {e.by for e in issue.history} == {f"clerk{k}"}
            assert issue.status.value == ("closed" if actions[-1] == "closed" else "open")
            assert issue.level.value == "township"

    shared = ledger.read_record(Issue, ledger.issue_path("1"))
    notes = [e for e in shared.history if e.action.value == "noted"]
    assert len(notes) == WORKERS * per_worker, "a note on the shared issue was lost"
    assert sorted(e.note for e in notes) == sorted(
        f"clerk{k} saw {n}" for k, worker in enumerate(results) for n in worker if n != "1"
    )
    moments = [e.at for e in shared.history]
    assert moments == sorted(moments), "history of the shared issue is out of order"
    assert len(list(ledger.issue_files())) == WORKERS * per_worker + 1
    _assert_every_file_valid(ledger)
    _check_clean(ledger.root)


# -- the real executable --------------------------------------------------------------------


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CASELEDGER_ROOT=str(root))
    return subprocess.run([str(CASELEDGER), *args], capture_output=True, text=True, env=env, timeout=60)


def _cli_work(root: Path, k: int, n: int, barrier) -> dict[str, list[str]]:
    barrier.wait(timeout=30)
    done: dict[str, list[str]] = {}
    for i in range(n):
        result = _cli(root, "--actor", f"clerk{k}", "issue", "open", "--village", "dapo",
                      "--title", f"诉求 {k}-{i}", "--category", "hardship")  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(result.stderr)
        number = result.stdout.strip()
        done[number] = ["opened"]
        for args, action in (
            (["issue", "escalate", number, "--reason", "要乡里协调"], "escalated"),
            (["issue", "close", number, "--disposition", "已解决", "--note", "修好了"], "closed"),
        ):
            result = _cli(root, "--actor", f"clerk{k}", *args)
            if result.returncode != 0:
                raise RuntimeError(result.stderr)
            done[number].append(action)
    return done


def test_concurrent_cli_processes_lose_nothing(ledger: Ledger) -> None:
    from caseledger.cli import app

    if "issue" not in [g.name for g in app.registered_groups]:
        pytest.skip("the issue commands are not there yet")
    from ledger.issue import Issue

    results = _run_workers(_cli_work, ledger.root, 1)
    numbers = [number for worker in results for number in worker]
    assert sorted(numbers, key=int) == [str(n) for n in range(1, WORKERS + 1)]
    for k, worker in enumerate(results):
        for number, actions in worker.items():
            issue = ledger.read_record(Issue, ledger.issue_path(number))
            assert [e.action.value for e in issue.history] == actions
            assert issue.title == f"诉求 {k}-0"
    _assert_every_file_valid(ledger)
    _check_clean(ledger.root)


def test_lock_is_exclusive_between_processes(ledger: Ledger) -> None:
    """While one process holds the lock, another gives up with `Busy` after its timeout."""
    from ledger.errors import Busy

    held = CTX.Event()
    release = CTX.Event()

    def holder() -> None:
        with Ledger(ledger.root).lock():
            held.set()
            release.wait(30)

    proc = CTX.Process(target=holder)
    proc.start()
    try:
        assert held.wait(30)
        with pytest.raises(Busy), Ledger(ledger.root).lock(timeout=0.3):
            pass
    finally:
        release.set()
        proc.join(10)
    with Ledger(ledger.root).lock(timeout=5):
        pass


# -- the lock holds whatever happens to .caseledger/ ----------------------------------------


def test_lock_holds_while_the_derived_folder_is_deleted(ledger: Ledger) -> None:
    """`.caseledger/` is derived data, deletable at any time: deleting it while a writer holds
    the lock must not let a second writer in beside the first."""
    import shutil

    from ledger.errors import Busy

    held = CTX.Event()
    release = CTX.Event()

    def holder() -> None:
        with Ledger(ledger.root).lock():
            held.set()
            release.wait(30)

    proc = CTX.Process(target=holder)
    proc.start()
    try:
        assert held.wait(30)
        shutil.rmtree(ledger.root / ".caseledger", ignore_errors=True)
        with pytest.raises(Busy), Ledger(ledger.root).lock(timeout=0.3):
            pass
    finally:
        release.set()
        proc.join(10)


def _note_shared(root: Path, k: int, n: int, barrier) -> list[str]:
    from ledger import lifecycle

    ledger = Ledger(root)
    barrier.wait(timeout=30)
    acknowledged = []
    for i in range(n):
        text = f"clerk{k} note {i}"
        lifecycle.note(ledger, "1", text, actor=f"clerk{k}")
        acknowledged.append(text)  # the call returned: the clerk saw it succeed
        opened = lifecycle.open_issue(ledger, village="dapo", title=f"诉求 {k}-{i}", category="hardship",
                                      actor=f"clerk{k}")  # fmt: skip
        acknowledged.append(f"#{opened.number} 诉求 {k}-{i}")
    return acknowledged


def test_eight_clerks_lose_nothing_while_the_derived_folder_is_deleted(ledger: Ledger) -> None:
    """The stress of the issue: 8 clerks write while `.caseledger/` is deleted over and over;
    every acknowledged note and issue is in the files afterwards."""
    import shutil

    from ledger import lifecycle
    from ledger.issue import Issue

    lifecycle.open_issue(ledger, village="dapo", title="共用的问题", category="hardship", actor="管理员")
    stop = CTX.Event()

    def deleter() -> None:
        while not stop.is_set():
            shutil.rmtree(ledger.root / ".caseledger", ignore_errors=True)
            stop.wait(0.002)

    proc = CTX.Process(target=deleter)
    proc.start()
    try:
        results = _run_workers(_note_shared, ledger.root, 3)
    finally:
        stop.set()
        proc.join(10)
    acknowledged = [item for worker in results for item in worker]
    shared = ledger.read_record(Issue, ledger.issue_path("1"))
    notes = sorted(e.note for e in shared.history if e.action.value == "noted")
    assert notes == sorted(a for a in acknowledged if not a.startswith("#"))
    for item in acknowledged:
        if item.startswith("#"):
            number, title = item[1:].split(" ", 1)
            assert ledger.read_record(Issue, ledger.issue_path(number)).title == title
    assert len(list(ledger.issue_files())) == 1 + WORKERS * 3
    _check_clean(ledger.root)


def test_busy_is_a_ledger_error() -> None:
    from ledger.errors import Busy

    assert issubclass(Busy, LedgerError)

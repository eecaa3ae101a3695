"""Shared fixtures: a pinned environment (width, colour, time zone, language, actor) so output
assertions are stable, a small ledger built through the library, and a CLI runner."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

# Pin before any module reads them.
os.environ["COLUMNS"] = "160"
os.environ["NO_COLOR"] = "1"
os.environ["TERM"] = "dumb"
os.environ["TZ"] = "Asia/Shanghai"
time.tzset()
for _var in ("CASELEDGER_ROOT", "CASELEDGER_LANG", "CASELEDGER_OFFICE", "CASELEDGER_NOW"):
    os.environ.pop(_var, None)
os.environ["CASELEDGER_ACTOR"] = "测试员"
os.environ["LANG"] = "C.UTF-8"
os.environ.pop("LC_ALL", None)
os.environ.pop("LC_MESSAGES", None)
# git commits made by tests need an identity on a fresh CI machine.
os.environ.setdefault("GIT_AUTHOR_NAME", "caseledger tests")
os.environ.setdefault("GIT_AUTHOR_EMAIL", "tests@caseledger.invalid")
os.environ.setdefault("GIT_COMMITTER_NAME", "caseledger tests")
os.environ.setdefault("GIT_COMMITTER_EMAIL", "tests@caseledger.invalid")

from caseledger.cli import app  # noqa: E402
from ledger.places import add_township, add_village  # noqa: E402
from ledger.setup import init_ledger  # noqa: E402
from ledger.store import Ledger  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for var in ("CASELEDGER_ROOT", "CASELEDGER_LANG", "CASELEDGER_OFFICE", "CASELEDGER_NOW"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("CASELEDGER_ACTOR", "测试员")
    yield


@pytest.fixture(autouse=True)
def _no_fsync(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """fsync is a no-op in-process, for speed, unless a test is about durability
    (`@pytest.mark.durable`). Atomicity (temp file, rename) is untouched, and tests that run
    caseledger in a subprocess (crash, kill, concurrency) get the real fsync."""
    if request.node.get_closest_marker("durable") is None:
        monkeypatch.setattr(os, "fsync", _skip_fsync)


def _skip_fsync(fd: int) -> None:
    os.fstat(fd)  # still refuses a closed or bad descriptor, as fsync would


@pytest.fixture
def empty_ledger(tmp_path: Path) -> Ledger:
    """A fresh ledger with no records."""
    return init_ledger(tmp_path / "ledger", "测试县民情台账")


@pytest.fixture
def ledger(empty_ledger: Ledger) -> Ledger:
    """A small county: two townships, three villages."""
    lg = empty_ledger
    add_township(lg, "qinglong", "青龙镇", actor="测试员")
    add_township(lg, "baishui", "白水乡", actor="测试员")
    add_village(lg, "dapo", "大坡村", "qinglong", households=412, actor="测试员")
    add_village(lg, "xiaoshan", "小山社区", "qinglong", kind="community", actor="测试员")
    add_village(lg, "shuijing", "水井村", "baishui", households=230, actor="测试员")
    return lg


class Run:
    """Invoke the CLI on one ledger: `run("village", "list")` → Result with stdout/stderr."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, root: bool = True):
        argv = (["-C", str(self.root)] if root else []) + list(args)
        return self.runner.invoke(app, argv, input=input, catch_exceptions=False)


@pytest.fixture
def run(ledger: Ledger) -> Run:
    return Run(ledger.root)


@pytest.fixture
def progress_bars(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every rich progress bar made while the test runs, as it was made."""
    import rich.progress

    made: list[Any] = []
    real = rich.progress.Progress

    def spy(*args: Any, **kwargs: Any) -> Any:
        bar = real(*args, **kwargs)
        made.append(bar)
        return bar

    monkeypatch.setattr(rich.progress, "Progress", spy)
    return made


@pytest.fixture
def snapshot(tmp_path: Path) -> Callable[[Path], dict[str, bytes]]:
    """Every file under a folder (except .caseledger/ and .git/) with its bytes."""

    def take(root: Path) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root)
            if path.is_file() and rel.parts[0] not in (".caseledger", ".git"):
                found[str(rel)] = path.read_bytes()
        return found

    return take

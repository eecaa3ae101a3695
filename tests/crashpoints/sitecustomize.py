"""Crash points for tests/test_crash.py, loaded by a `caseledger` process started with this
folder on PYTHONPATH: every step of a write that touches the disk (writing a file's bytes,
fsync, replace, link, unlink, rename) is numbered and appended to $CASELEDGER_TEST_CRASH_TRACE,
and the process kills itself with SIGKILL just before step number $CASELEDGER_TEST_CRASH_AT.
So a test kills a real command at a chosen point of its write, not at a timed guess.
"""

from __future__ import annotations

import os
import signal
from typing import Any

_TRACE = os.environ.get("CASELEDGER_TEST_CRASH_TRACE")
_AT = int(os.environ.get("CASELEDGER_TEST_CRASH_AT") or 0)
_count = 0


def _step(name: str) -> None:
    global _count
    _count += 1
    with open(_TRACE, "a", encoding="utf-8") as trace:  # type: ignore[arg-type]
        trace.write(name + "\n")
    if _count == _AT:
        os.kill(os.getpid(), signal.SIGKILL)


def _wrapped(name: str, real: Any) -> Any:
    def call(*args: Any, **kwargs: Any) -> Any:
        _step(name)
        return real(*args, **kwargs)

    return call


if _TRACE:
    for _name in ("fsync", "replace", "link", "unlink", "rename"):
        setattr(os, _name, _wrapped(_name, getattr(os, _name)))
    _real_fdopen = os.fdopen

    def _fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = _real_fdopen(fd, mode, *args, **kwargs)
        if any(flag in mode for flag in "wax+"):
            handle.write = _wrapped("write", handle.write)
        return handle

    os.fdopen = _fdopen

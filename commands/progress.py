"""A progress bar on stderr for long index refreshes (stdout stays clean for scripts)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

SHOW_FROM = 2000  # files to parse; fewer finish in about a second, without a bar


@contextmanager
def index_progress(lang: str, key: str = "progress.index") -> Iterator[Callable[[int, int], None]]:
    """`with index_progress(lang) as progress: scan_issues(ledger, progress=progress)`; its label
    is the catalog's `key` in `lang`.

    The bar appears only when the refresh has more than `SHOW_FROM` files to parse (a cold
    index after a fresh clone, a `git pull` of many issues), and only on stderr.
    """
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if total <= SHOW_FROM:
            return
        bar = state.get("bar")
        if bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            from ledger.i18n import t

            bar = Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            bar.start()
            state["bar"], state["task"] = bar, bar.add_task(t(key, lang), total=total)
        bar.update(state["task"], completed=done, total=total)

    try:
        yield update
    finally:
        if "bar" in state:
            state["bar"].stop()

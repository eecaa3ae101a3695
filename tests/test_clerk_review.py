"""A new clerk's findings on main (the review): each refusal exits with one `error:` line and
writes nothing; what a clerk types or reads comes back in the words and dates they used."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from ledger.store import Ledger

# -- html on a terminal -----------------------------------------------------------------------

HTML_COMMANDS = [
    ("cards",),
    ("cards", "--format", "html"),
    ("report", "month", "2026-03", "--format", "html"),
    ("report", "overdue", "--format", "html"),
    ("report", "notice", "--village", "dapo", "--format", "html"),
    ("report", "visits", "2026", "--format", "html"),
    ("report", "cadres", "2026", "--format", "html"),
    ("report", "aid", "2026", "--format", "html"),
    ("report", "alerts", "--format", "html"),
    ("report", "bulletin", "2026-Q1", "--format", "html"),
    ("village", "list", "--format", "html"),
]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The runner's stdout taken for a terminal (`--output` still buffers into a StringIO)."""
    monkeypatch.setattr(
        "caseledger.commands.output.stdout_is_terminal", lambda: not isinstance(sys.stdout, io.StringIO)
    )


@pytest.mark.parametrize("argv", HTML_COMMANDS, ids=" ".join)
def test_html_on_a_terminal_is_refused(ledger: Ledger, run, snapshot, terminal, argv) -> None:
    before = snapshot(ledger.root)
    result = run("--lang", "zh", *argv)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("错误: html 网页无法显示在屏幕上")
    assert "--output" in result.stderr and "-f json" in result.stderr
    assert snapshot(ledger.root) == before


def test_html_with_output_on_a_terminal_is_written(ledger: Ledger, run, terminal, tmp_path: Path) -> None:
    out = tmp_path / "cards.html"
    result = run("cards", "--output", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def test_json_on_a_terminal_still_prints(ledger: Ledger, run, terminal) -> None:
    result = run("cards", "-f", "json")
    assert result.exit_code == 0 and result.stdout.strip() == "[]"


def test_html_piped_is_the_page(ledger: Ledger, run) -> None:
    result = run("cards")
    assert result.exit_code == 0
    assert result.stdout.lstrip().lower().startswith("<!doctype html")

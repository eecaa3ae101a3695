"""Help pages (SPEC §4): every word in the chosen language, and 80 columns without cutting text off."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caseledger.commands.helptext import text_width, wrap
from ledger.catalog import MESSAGES

REPO = Path(__file__).resolve().parent.parent

# Every command's --help, rendered in one process per language (help text is chosen at start-up).
SWEEP = """
import sys
from typer.main import get_command
from typer.testing import CliRunner
from caseledger.cli import app

lang = sys.argv[1]
paths = [[]]
def walk(command, path):
    for name, sub in getattr(command, "commands", {}).items():
        paths.append([*path, name])
        walk(sub, [*path, name])
walk(get_command(app), [])
runner = CliRunner()
for path in paths:
    result = runner.invoke(app, ["--lang", lang, *path, "--help"], prog_name="caseledger")
    sys.stdout.write("\\x00" + " ".join(path) + "\\x01" + str(result.exit_code) + "\\x01" + result.stdout)
"""

# Click's and Typer's own English: none of it may show in a Chinese help page.
CHROME = ("Usage", "Options", "Commands", "Arguments", "required", "default", "Show this", "exit.")
TYPES = ("<bool>", "<str>", "<int>", "<list", "<table|")


@functools.cache
def sweep(lang: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASELEDGER_")}
    env |= {"COLUMNS": "80", "CASELEDGER_LANG": lang, "PYTHONPATH": str(REPO), "LANG": "C.UTF-8"}
    done = subprocess.run(
        [sys.executable, "-c", SWEEP, lang], capture_output=True, text=True, env=env, cwd=REPO, timeout=300
    )
    assert done.returncode == 0, done.stderr
    found = {}
    for chunk in done.stdout.split("\x00")[1:]:
        path, code, text = chunk.split("\x01", 2)
        assert code == "0", (path, text)
        found[path] = text
    return found


@pytest.fixture(params=["zh", "en"])
def pages(request) -> tuple[str, dict[str, str]]:
    return request.param, sweep(request.param)


def test_the_sweep_sees_every_command(pages) -> None:
    _, found = pages
    assert {"", "issue", "issue open", "report cadres", "village add", "import"} <= set(found)
    assert len(found) > 40


def test_help_fits_80_columns_and_nothing_is_cut_off(pages) -> None:
    _, found = pages
    for path, text in found.items():
        assert "…" not in text, path
        for line in text.splitlines():
            assert text_width(line) <= 80, (path, line)


def test_flags_are_flags_and_no_python_types_show(pages) -> None:
    _, found = pages
    for path, text in found.items():
        for word in TYPES:
            assert word not in text, (path, word)
    assert "--overdue " in found["issue list"] and "--private / --public" in found["issue open"]


def test_chinese_help_has_no_english_chrome() -> None:
    found = sweep("zh")
    for path, text in found.items():
        for word in CHROME:
            assert word not in text, (path, word)
        assert text.startswith("用法：caseledger"), path
        assert MESSAGES["help.chrome.help"][1] in text, path
    assert "[必填]" in found["issue close"] and "[默认：table]" in found["issue list"]


def test_english_help_says_its_headings() -> None:
    found = sweep("en")
    assert found["issue close"].startswith("Usage: caseledger issue close [OPTIONS] NUMBER")
    assert "Options:" in found["issue close"] and "[required]" in found["issue close"]
    assert "Commands:" in found["issue"] and "Show this help and exit." in found["issue"]


def test_options_with_choices_show_them(pages) -> None:
    lang, found = pages
    close = found["issue close"]
    assert "--disposition " + ("结果" if lang == "zh" else "DISPOSITION") in close
    for value in ("resolved", "explained", "referred", "duplicate", "withdrawn"):
        assert value in close
    assert "satisfied" in found["issue followup"] and "county" in found["issue escalate"]


def test_a_group_without_a_command_prints_its_help(run) -> None:
    result = run("issue")
    assert result.exit_code == 2
    assert "open" in result.stdout and "followup" in result.stdout


# -- wrapping ---------------------------------------------------------------------------------------

PIECES = [*"ab cd，。（）、村镇问题 --x12", "资金（元）", "2026-12-26"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@given(TEXT, st.integers(min_value=8, max_value=60))
def test_wrap_keeps_every_character_within_the_width(text: str, columns: int) -> None:
    lines = wrap(text, columns, "  ")
    assert all(text_width(line) <= columns + 2 for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())


def test_wrap_keeps_closing_marks_off_the_start_of_a_line() -> None:
    lines = wrap("类别：conduct 干部作风、hardship 实际困难、shortfall 工作不足。", 14)
    assert all(line[0] not in "，。、）" for line in lines), lines
    assert wrap("2026-12-26 到期", 12) == ["2026-12-26", "到期"]

"""One catalog, two languages: every key the code uses exists, both languages agree on their
fields, and `--lang zh` shows Chinese help and errors."""

from __future__ import annotations

import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from ledger.catalog import AREAS, MESSAGES

REPO = Path(__file__).resolve().parent.parent
KEY_RE = re.compile(r"""["']((?:error|help|col|msg|word)\.[A-Za-z0-9_.]+)["']""")
# Keys built from a record kind at run time (f"error.no_{kind}", …), spelled out.
BUILT = [f"error.no_{k}" for k in ("township", "village", "pairing")]
BUILT += [f"error.bad_{k}_code" for k in ("township", "village", "pairing")]
BUILT += [f"error.{k}_exists" for k in ("township", "village")]
HAN = re.compile(r"[\u4e00-\u9fff]")


def used_keys() -> dict[str, str]:
    found: dict[str, str] = {}
    files = [
        REPO / "cli.py",
        *sorted((REPO / "ledger").rglob("*.py")),
        *sorted((REPO / "commands").rglob("*.py")),
    ]
    for path in files:
        if "catalog" in path.parts:
            continue
        for key in KEY_RE.findall(path.read_text(encoding="utf-8")):
            if not key.endswith("."):
                found.setdefault(key, str(path.relative_to(REPO)))
    return found


def test_the_scan_finds_keys() -> None:
    keys = used_keys()
    assert len(keys) > 50
    assert "error.prefix" in keys and "help.app" in keys


def test_every_key_used_in_the_code_is_in_the_catalog() -> None:
    missing = {key: where for key, where in used_keys().items() if key not in MESSAGES}
    missing |= {key: "built at run time" for key in BUILT if key not in MESSAGES}
    assert not missing, missing


def test_no_key_is_defined_in_two_areas() -> None:
    seen: dict[str, str] = {}
    twice = []
    for module in AREAS:
        for key in module.MESSAGES:
            if key in seen:
                twice.append((key, seen[key], module.__name__))
            seen[key] = module.__name__
    assert not twice


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_both_languages_have_the_same_fields_and_chinese_is_not_empty(key: str) -> None:
    english, chinese = MESSAGES[key]
    assert english.strip(), key
    assert chinese.strip(), key
    assert fields(english) == fields(chinese), key


def test_most_chinese_entries_are_chinese() -> None:
    # codes such as "{detail}" or "ID" may stay as they are; real sentences must be translated
    sentences = [key for key, (en, _zh) in MESSAGES.items() if len(en.split()) >= 3]
    untranslated = [key for key in sentences if not HAN.search(MESSAGES[key][1])]
    assert not untranslated


def caseledger(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASELEDGER_")}
    env |= {"LANG": "C.UTF-8", "COLUMNS": "120", "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "caseledger", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd or REPO,
        timeout=120,
    )


def test_help_in_chinese() -> None:
    result = caseledger("--lang", "zh", "--help")
    assert result.returncode == 0, result.stderr
    assert MESSAGES["help.opt.lang"][1][:10] in result.stdout
    assert "民情台账" in result.stdout
    english = caseledger("--help")
    assert MESSAGES["help.opt.lang"][0][:20] in english.stdout
    assert MESSAGES["help.opt.lang"][1][:10] not in english.stdout


def test_subcommand_help_in_chinese() -> None:
    result = caseledger("--lang", "zh", "village", "add", "--help")
    assert result.returncode == 0, result.stderr
    assert "新增村（社区）" in result.stdout
    assert MESSAGES["help.village.households"][1] in result.stdout


def test_chinese_from_the_environment(tmp_path: Path) -> None:
    env = {**os.environ, "CASELEDGER_LANG": "zh", "PYTHONPATH": str(REPO)}
    args = [sys.executable, "-m", "caseledger", "township", "--help"]
    env_result = subprocess.run(args, capture_output=True, text=True, cwd=REPO, timeout=120, env=env)
    assert MESSAGES["help.township.add"][1].split("\n")[0] in env_result.stdout


def test_errors_in_chinese(run) -> None:
    result = run("--lang", "zh", "township", "add", "qinglong", "--name", "青龙镇")
    assert result.exit_code == 1
    assert result.stderr.startswith("错误")
    assert "已存在" in result.stderr
    result = run("--lang", "zh", "pairing", "list", "--active-on", "明天")
    assert result.exit_code == 2
    assert "应为 2026-03-01 这样的日期" in result.stderr


def test_table_headers_in_chinese(run) -> None:
    out = run("--lang", "zh", "township", "list", "--format", "markdown").stdout
    assert MESSAGES["col.code"][1] in out and MESSAGES["col.villages"][1] in out

"""The README's pre-commit snippets name things that exist and work, tested without a network:
the `rev` resolves in this repository, the hook ids are those `.pre-commit-hooks.yaml` offers, the
hook's `files` pattern picks record files, and its `entry` refuses a ledger with a problem."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from ledger.setup import init_ledger

REPO = Path(__file__).resolve().parent.parent


def _section() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("### Checking on every commit (pre-commit)")
    return text[start : text.index("\n## ", start)]


def _snippets() -> list[dict]:
    blocks = re.findall(r"```yaml\n(.*?)```", _section(), flags=re.S)
    assert len(blocks) == 2, blocks
    return [YAML(typ="safe").load(block) for block in blocks]


def _offered() -> dict[str, dict]:
    hooks = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in hooks}


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True)


def test_the_remote_snippet_names_a_rev_that_exists_and_hooks_that_are_offered() -> None:
    remote = _snippets()[0]["repos"][0]
    rev = str(remote["rev"])
    if _git("rev-parse", "--git-dir").returncode != 0:
        pytest.fail("tests run from a git checkout of caseledger (CI clones it)")
    found = [_git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}") for ref in (rev, f"origin/{rev}")]
    assert any(r.returncode == 0 for r in found), f"rev {rev!r} is neither a tag, a branch nor a commit here"
    assert rev != "v0.1.0" or _git("tag", "--list", "v0.1.0").stdout.strip()
    offered = _offered()
    for hook in remote["hooks"]:
        assert hook["id"] in offered


def test_the_offered_hook_installs_caseledger_and_runs_check_on_record_files() -> None:
    hook = _offered()["caseledger-check"]
    assert hook["language"] == "python"  # installs this repository (pyproject.toml) with pip
    assert (REPO / "pyproject.toml").is_file()
    assert hook["pass_filenames"] is False  # check reads the whole ledger, not the staged names
    assert shlex.split(hook["entry"]) == ["caseledger", "check"]
    pattern = re.compile(hook["files"])
    assert pattern.search("issues/000/1.yaml") and pattern.search("ledger.yaml")
    assert not pattern.search("README.md")


@pytest.mark.parametrize("which", [0, 1])
def test_each_snippets_entry_refuses_a_ledger_with_a_problem(tmp_path: Path, which: int) -> None:
    hook = _snippets()[which]["repos"][0]["hooks"][0]
    entry = hook.get("entry") or _offered()[hook["id"]]["entry"]
    ledger = init_ledger(tmp_path / "l", "台账")
    argv = shlex.split(entry)
    assert subprocess.run(argv, cwd=ledger.root, capture_output=True).returncode == 0
    (ledger.root / "townships" / "x.yaml").write_text("code: x\nname: [\n", encoding="utf-8")
    refused = subprocess.run(argv, cwd=ledger.root, capture_output=True, text=True)
    assert refused.returncode == 1
    assert refused.stdout.startswith("townships/x.yaml:")

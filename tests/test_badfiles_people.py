"""SPEC §4's rule for the readers of visits, cadres and pairings (§8, §11), as for the issues'
(`tests/test_badfiles.py`): a bad or copied record file is named (every one, in the chosen
language) with nothing on stdout and exit 1, or left out with `--skip-bad` and a warning; a
copy is never counted twice."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import REPO, Run

from ledger.store import Ledger

# (the file broken, the readers that need it)
READERS = {
    "visits/000/V1.yaml": [
        ("visit", "list"),
        ("report", "visits", "2026-Q3"),
        ("report", "cadres", "2026-Q3"),
        ("report", "bulletin", "2026-Q3"),
    ],
    "cadres/000/C1.yaml": [("cadre", "list"), ("report", "cadres", "2026-Q3"), ("cards", "-f", "json")],
    "pairings/000/P1.yaml": [
        ("pairing", "list"),
        ("cards", "-f", "json"),
        ("report", "aid", "2026-Q3", "--by", "party"),
    ],
}


@pytest.fixture
def demo(tmp_path: Path) -> Ledger:
    copy = tmp_path / "data"
    shutil.copytree(REPO / "data", copy, ignore=shutil.ignore_patterns(".caseledger", "import"))
    return Ledger(copy)


def _json(run: Run, *args: str) -> object:
    result = run(*args, *([] if "-f" in args else ["-f", "json"]))
    assert result.exit_code == 0, (args, result.output)
    return json.loads(result.stdout)


@pytest.mark.parametrize("bad", list(READERS))
def test_a_bad_people_file_is_named_or_skipped(demo: Ledger, bad: str) -> None:
    run = Run(demo.root)
    path = demo.root / bad
    path.write_text(path.read_text(encoding="utf-8") + "bogus_key: 1\n", encoding="utf-8")
    for reader in READERS[bad]:
        refused = run(*reader)
        assert refused.exit_code == 1, (reader, refused.output)
        assert refused.stdout == ""
        assert f"{bad}:" in refused.stderr and "--skip-bad" in refused.stderr, (reader, refused.stderr)
        chinese = run("--lang", "zh", *reader)
        assert "无法使用" in chinese.stderr and "Extra inputs" not in chinese.stderr, (reader, chinese.stderr)
        skipped = run(*reader, "--skip-bad", *([] if "-f" in reader else ["-f", "json"]))
        assert skipped.exit_code == 0, (reader, skipped.output)
        assert bad in skipped.stderr and "--skip-bad" in skipped.stderr
        data = json.loads(skipped.stdout)
        if isinstance(data, dict):
            assert data["skipped"] == [bad], reader
    key = Path(bad).stem
    listing = {"V": ("visit", "list"), "C": ("cadre", "list"), "P": ("pairing", "list")}[key[0]]
    left = [row["id"] for row in _json(run, *listing, "--skip-bad")]  # type: ignore[union-attr]
    assert key not in left and left


def test_a_copied_visit_is_not_counted_twice(demo: Ledger) -> None:
    run = Run(demo.root)
    before = _json(run, "report", "visits", "2026-Q3")
    listed = _json(run, "visit", "list")
    shutil.copy(demo.root / "visits/000/V1.yaml", demo.root / "visits/000/V1 - 副本.yaml")
    refused = run("report", "visits", "2026-Q3")
    assert refused.exit_code == 1 and "visits/000/V1 - 副本.yaml" in refused.stderr
    after = _json(run, "report", "visits", "2026-Q3", "--skip-bad")
    assert after.pop("skipped") == ["visits/000/V1 - 副本.yaml"]  # type: ignore[union-attr]
    assert after == before
    assert _json(run, "visit", "list", "--skip-bad") == listed


def test_a_copied_village_file_is_refused_not_listed_twice(demo: Ledger) -> None:
    run = Run(demo.root)
    villages = _json(run, "village", "list")
    month = _json(run, "report", "month", "2026-09")
    shutil.copy(demo.root / "villages/bixi.yaml", demo.root / "villages/bixi - 副本.yaml")
    readers = [("village", "list"), ("township", "list"), ("report", "month", "2026-09"), ("visit", "list")]
    for reader in readers:
        refused = run(*reader)
        assert refused.exit_code == 1 and refused.stdout == "", reader
        assert "villages/bixi - 副本.yaml" in refused.stderr, reader
    assert _json(run, "village", "list", "--skip-bad") == villages
    skipped = _json(run, "report", "month", "2026-09", "--skip-bad")
    assert skipped.pop("skipped") == ["villages/bixi - 副本.yaml"]  # type: ignore[union-attr]
    assert skipped == month

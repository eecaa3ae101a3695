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


def test_a_copy_is_called_a_copy_not_sent_over_its_original(demo: Ledger, tmp_path: Path) -> None:
    """`V1 - 副本.yaml`: "a copy of visits/000/V1.yaml", never "it belongs in" that file (moving
    it there would overwrite the original); a record in another id's file is in the wrong place."""
    from ledger.kinds import misplaced

    run = Run(demo.root)
    shutil.copy(demo.root / "visits/000/V1.yaml", demo.root / "visits/000/V1 - 副本.yaml")
    refused = run("visit", "list")
    assert "visits/000/V1 - 副本.yaml:1: a copy of visits/000/V1.yaml" in refused.stderr
    assert "belongs in" not in refused.stderr
    assert "这是 visits/000/V1.yaml 的副本" in run("--lang", "zh", "check").stdout
    assert misplaced(demo.root, "visits/000/V1 (2).yaml", "visits/000/V1.yaml")[0] == "check.file_copy"
    assert misplaced(demo.root, "visits/000/V10.yaml", "visits/000/V1.yaml")[0] == "check.file_name"
    assert misplaced(tmp_path, "visits/000/V1 - 副本.yaml", "visits/000/V1.yaml")[0] == "check.file_name"


@pytest.mark.parametrize("loader", ["load_plain", "load_roundtrip"])
def test_a_missing_colon_is_reported_on_the_keys_own_line(loader: str) -> None:
    """The scanner notices a missing ':' a line late; the clerk is sent to the key's own line,
    and a full-width '：' (a Chinese input method's colon) is named as such."""
    from ledger import yamlio

    load = getattr(yamlio, loader)
    with pytest.raises(yamlio.YamlProblem) as chinese:
        load("code: dapo\nname：大坡村\ntownship: qinglong\n", "villages/dapo.yaml")
    assert (chinese.value.key, chinese.value.line) == ("error.yaml.chinese_colon", 2)
    with pytest.raises(yamlio.YamlProblem) as plain:
        load("code: dapo\nname 大坡村\ntownship: qinglong\n", "villages/dapo.yaml")
    assert plain.value.key == "error.yaml.syntax" and plain.value.line == 2


def test_the_skip_warning_lists_files_as_chinese_lists_them(demo: Ledger) -> None:
    run = Run(demo.root)
    for name in ("V1", "V2"):
        path = demo.root / f"visits/000/{name}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "bogus_key: 1\n", encoding="utf-8")
    chinese = run("--lang", "zh", "visit", "list", "--skip-bad", "-f", "csv")
    assert "（--skip-bad）：visits/000/V1.yaml、visits/000/V2.yaml" in chinese.stderr
    english = run("visit", "list", "--skip-bad", "-f", "csv")
    assert "left out (--skip-bad): visits/000/V1.yaml, visits/000/V2.yaml" in english.stderr


def test_a_refusal_names_every_file_skip_bad_would_leave_out(demo: Ledger) -> None:
    """Bad files of several kinds a report reads are named together, not one kind per run."""
    run = Run(demo.root)
    bad = ["cadres/000/C1.yaml", "visits/000/V1.yaml", "aid/000/A1.yaml"]
    for rel in bad:
        path = demo.root / rel
        path.write_text(path.read_text(encoding="utf-8") + "bogus_key: 1\n", encoding="utf-8")
    refused = run("report", "cadres", "2026-Q3")
    named = {line.split(":")[0] for line in refused.stderr.splitlines()[1:-1]}
    skipped = _json(run, "report", "cadres", "2026-Q3", "--skip-bad")["skipped"]  # type: ignore[index]
    assert named == set(skipped) == set(bad)

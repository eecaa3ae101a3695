"""bench/generate.py's campaign people (cadres, pairings, visits, aid): check-clean, in the exact
shape the models write, covering what the people reports count, and the same bytes per seed."""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from caseledger.cli import app
from ledger.kinds import KINDS, kind_files
from ledger.store import Ledger
from ledger.yamlio import dump, load_plain

REPO = Path(__file__).resolve().parent.parent
PEOPLE = {"cadres": 20, "pairings": 160, "visits": 300, "aid": 80}


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("bench_generate_people", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def people(tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    folder = tmp_path_factory.mktemp("people") / "ledger"
    _generator().generate(folder, 300, year=2025, seed=5, **PEOPLE)
    return Ledger(folder)


def _records(ledger: Ledger, name: str) -> list[tuple[Path, Any]]:
    k = KINDS[name]
    return [(path, ledger.read_record(k.model(), path)) for path in sorted(kind_files(ledger.root, k))]


def test_people_ledger_passes_check(people: Ledger) -> None:
    result = CliRunner().invoke(app, ["-C", str(people.root), "check", "--format", "json"])
    assert json.loads(result.stdout) == {"ok": True, "problems": []}, result.output
    assert result.exit_code == 0


@pytest.mark.parametrize("name", ["cadre", "pairing", "visit", "aid"])
def test_people_files_are_what_the_models_write(people: Ledger, name: str) -> None:
    records = _records(people, name)
    assert records
    for path, record in records:
        assert path.read_text(encoding="utf-8") == dump(record.to_yaml()), path


def test_issue_files_are_what_the_model_writes(people: Ledger) -> None:
    # Two quirks of the issues-only template, kept so that its bytes stay as they were: empty
    # values written as `key:` and a close event's `of` after its note.
    for path, record in _records(people, "issue"):
        text = re.sub(r"(?m)^(disposition|duplicate_of|closed|satisfaction):$", r"\1: null", path.read_text())
        text = re.sub(r"(?m)^(    note: .*\n)(    of: .*\n)", r"\2\1", text)
        assert text == dump(record.to_yaml()), path


def test_people_cover_what_the_reports_count(people: Ledger) -> None:
    cadres = [r for _, r in _records(people, "cadre")]
    assert len(cadres) == PEOPLE["cadres"]
    assert {c.rank for c in cadres} == {"province", "prefecture", "county", "township", "village"}
    assert len({c.name for c in cadres}) == len(cadres)
    visits = [r for _, r in _records(people, "visit")]
    assert len(visits) == PEOPLE["visits"]
    assert {v.kind for v in visits} == {"home", "duty-day", "meeting", "night"}
    assert any(v.stayed for v in visits) and any(v.answered for v in visits)
    assert max(len(v.cadres) for v in visits) > 1
    in_id_order = sorted(visits, key=lambda v: int(v.id[1:]))
    assert [v.date for v in in_id_order] == sorted(v.date for v in visits), "ids in date order"
    pairings = [r for _, r in _records(people, "pairing")]
    assert len(pairings) == PEOPLE["pairings"]
    assert all(p.origin.file == KINDS["pairing"].rel(p.id) for p in pairings)  # bucketed
    extra = [p for p in pairings if int(p.id[1:]) > 96]  # beyond the one per village of every ledger
    assert sum(p.cadre is not None for p in extra) > len(extra) // 2
    aid = [r for _, r in _records(people, "aid")]
    assert {a.kind for a in aid} == {"funds", "goods", "project", "service", "training"}
    assert any(a.amount is not None and a.amount != a.amount.to_integral_value() for a in aid)
    assert sum(a.pairing is not None for a in aid) > len(aid) // 2
    issues = [r for _, r in _records(people, "issue")]
    raised = [i for i in issues if i.visit is not None]
    owned = Counter(i.owner_cadre for i in issues if i.owner_cadre is not None)
    assert raised and len(owned) > 1 and any(i.supervised for i in issues)
    by_id = {v.id: v for v in visits}
    for issue in raised:  # the first visitor owns it (首访负责制), linked both ways
        visit = by_id[issue.visit]
        assert issue.number in visit.issues and issue.village == visit.village
        assert issue.received == visit.date and issue.history[0].owner_cadre == visit.cadres[0]


def test_people_are_the_same_bytes_for_a_seed(tmp_path: Path) -> None:
    gen = _generator()
    small = {"cadres": 6, "pairings": 110, "visits": 40, "aid": 10}
    gen.generate(tmp_path / "a", 40, year=2025, seed=9, **small)
    gen.generate(tmp_path / "b", 40, year=2025, seed=9, **small)
    a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yaml"))
    b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.yaml"))
    assert a == b and any(str(p).startswith("visits/") for p in a)
    for rel in a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_without_people_the_issues_only_ledger_is_unchanged(tmp_path: Path) -> None:
    """The people's choices come from their own generator: asking for none leaves no trace."""
    gen = _generator()
    gen.generate(tmp_path / "plain", 30, year=2025, seed=3)
    for folder in ("cadres", "visits", "aid"):
        assert not (tmp_path / "plain" / folder).exists() or not any((tmp_path / "plain" / folder).iterdir())
    for path in (tmp_path / "plain" / "issues").rglob("*.yaml"):
        data = load_plain(path.read_text(encoding="utf-8"))
        assert "owner_cadre" not in data and "visit" not in data and "supervised" not in data


# -- the write paths touch their own files only (SPEC §7: within 1.3× at 5,000 cadres, 50,000
# pairings, 100,000 visits, 20,000 aid; the figures are bench/people.py's, this is the why) ---

_SEEN: list[tuple[str, str]] | None = None
_HOOKED = False


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _SEEN is None or event not in ("open", "os.listdir", "os.scandir") or not args:
        return
    if isinstance(args[0], str | bytes | Path):
        _SEEN.append((event, str(Path(args[0].decode() if isinstance(args[0], bytes) else args[0]))))


def _touched(root: Path, argv: list[str]) -> set[str]:
    """The record files and folders one CLI command opened or listed (not the ledger's own)."""
    global _SEEN, _HOOKED
    import sys

    if not _HOOKED:
        sys.addaudithook(_audit)
        _HOOKED = True
    _SEEN = []
    try:
        result = CliRunner().invoke(app, ["-C", str(root), *argv], catch_exceptions=False)
    finally:
        seen, _SEEN = _SEEN, None
    assert result.exit_code == 0, result.output
    folders = tuple(f"{KINDS[k].folder}" for k in ("cadre", "visit", "aid", "issue", "pairing"))
    out = set()
    for _event, path in seen:
        if path.startswith(str(root) + "/"):
            rel = path[len(str(root)) + 1 :]
            if rel.split("/", 1)[0] in folders:
                out.add(re.sub(r"/\.([^/]+)\.yaml\..*$", r"/\1.yaml", rel))  # a temp file: its record
    return out


@pytest.fixture
def copy(people: Ledger, tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(people.root, tmp_path / "ledger")
    return tmp_path / "ledger"


def _active_cadre(ledger: Ledger, day: str) -> Any:
    from datetime import date

    when = date.fromisoformat(day)
    return next(c for _, c in _records(ledger, "cadre") if c.active_on(when))


def test_write_paths_touch_only_their_own_records(people: Ledger, copy: Path) -> None:
    cadre = _active_cadre(people, "2025-07-15")
    own = f"cadres/000/{cadre.id}.yaml"
    touched = _touched(copy, ["cadre", "show", cadre.id])
    assert touched == {own}
    touched = _touched(
        copy, ["visit", "add", "--village", "t01-v01", "--cadre", cadre.id, "--date", "2025-07-15"]
    )
    assert touched <= {own, "visits", "visits/000", "visits/000/V301.yaml"}, touched
    touched = _touched(copy, ["issue", "open", "--visit", "V7", "--title", "路灯", "--category", "hardship"])
    assert touched <= {"visits/000", "visits/000/V7.yaml", "issues", "issues/000", "issues/000/301.yaml"} | {
        f"cadres/000/{c}.yaml"
        for c in people.read_record(KINDS["visit"].model(), copy / "visits/000/V7.yaml").cadres
    }, touched
    touched = _touched(
        copy, ["pairing", "add", "--kind", "cadre-household", "--village", "t01-v01", "--cadre", cadre.id,
               "--since", "2025-07-15"],
    )  # fmt: skip
    assert touched <= {own, "pairings", "pairings/000", "pairings/000/P161.yaml"}, touched
    touched = _touched(
        copy, ["aid", "add", "--village", "t01-v01", "--kind", "funds", "--title", "救助金",
               "--amount", "3000.50", "--pairing", "P1", "--cadre", cadre.id, "--date", "2025-07-15"],
    )  # fmt: skip
    assert touched <= {own, "pairings/000/P1.yaml", "aid", "aid/000", "aid/000/A81.yaml"}, touched


def test_a_cadre_named_by_name_reads_no_cadre_file_but_its_own(people: Ledger, copy: Path) -> None:
    """A name lookup stats the roster's files (kept names, `roster.roster_names`) but, once the
    names are kept, opens only the chosen cadre's file."""
    import os

    for path in (copy / "cadres").rglob("*.yaml"):
        os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))  # not racy
    cadre = _active_cadre(people, "2025-07-15")
    _touched(copy, ["cadre", "show", cadre.name])  # keeps the names
    touched = _touched(copy, ["cadre", "show", cadre.name])
    assert touched <= {"cadres", "cadres/000", f"cadres/000/{cadre.id}.yaml"}, touched

"""The demo ledger `data/` is exactly what `scripts/make_demo.py` builds, and every record loads."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from ledger.issue import Issue
from ledger.store import Ledger

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
SCRIPT = REPO / "scripts" / "make_demo.py"


def files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] not in (".caseledger", ".git")
        and p.name != "ledger.local.yaml"
    }  # fmt: skip


def make(folder: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASELEDGER_")}
    env["TZ"] = "America/New_York"  # the demo must not depend on the machine's time zone
    return subprocess.run([sys.executable, str(SCRIPT), str(folder)], env=env, capture_output=True, text=True,
                          timeout=300)  # fmt: skip


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "data"
    result = make(folder)
    assert result.returncode == 0, result.stderr
    return folder


def test_regenerating_gives_the_committed_bytes(fresh: Path) -> None:
    committed, regenerated = files(DATA), files(fresh)
    assert sorted(committed) == sorted(regenerated), "files added or missing: run scripts/make_demo.py"
    changed = [name for name in committed if committed[name] != regenerated[name]]
    assert not changed, f"data/ drifted from scripts/make_demo.py: {changed[:5]}"


def test_regenerating_in_place_wipes_and_rebuilds(fresh: Path) -> None:
    before = files(fresh)
    (fresh / "villages" / "stale.yaml").write_text("code: stale\n", encoding="utf-8")
    result = make(fresh)
    assert result.returncode == 0, result.stderr
    assert files(fresh) == before


def test_a_folder_that_is_not_a_ledger_is_never_wiped(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    result = make(tmp_path)
    assert result.returncode != 0
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "ledger.yaml").exists()


def test_every_record_of_data_loads_through_the_models() -> None:
    ledger = Ledger(DATA)
    assert ledger.settings.name
    loaded: dict[str, list] = {}
    for kind in ("township", "village", "pairing"):
        records, problems = ledger.load_all(kind)
        assert problems == []
        assert len(records) == len(ledger.record_files(kind))
        loaded[kind] = records
    issues = [ledger.read_record(Issue, path) for path in ledger.issue_files()]
    for issue in issues:
        assert ledger.issue_path(issue.number) == ledger.root / issue.origin.file
    townships = {t.code for t in loaded["township"]}
    villages = {v.code for v in loaded["village"]}
    assert all(v.township in townships for v in loaded["village"])
    assert all(p.village in villages for p in loaded["pairing"])
    assert all(i.village in villages for i in issues)
    loaded["issue"] = issues
    check_richness(loaded)


def check_richness(loaded: dict[str, list]) -> None:
    """The demo shows everything the ledger can hold (the brief's minimums)."""
    assert len(loaded["township"]) >= 3
    assert len(loaded["village"]) >= 15
    assert all(v.households is not None for v in loaded["village"])
    pairings = loaded["pairing"]
    assert len(pairings) >= 12
    assert {p.kind.value for p in pairings} == {
        "unit-village", "leader-village", "cadre-household", "first-secretary", "work-team",
    }  # fmt: skip
    assert all(p.households for p in pairings if p.kind.value == "cadre-household")
    issues = loaded["issue"]
    assert len(issues) >= 60
    assert len({i.received.strftime("%Y-%m") for i in issues}) >= 4
    events = [e for i in issues for e in i.history]
    assert {e.action.value for e in events} == {
        "opened", "escalated", "assigned", "extended", "noted", "closed", "reopened", "followed-up",
        "supervised",
    }  # fmt: skip
    assert {e.to.value for e in events if e.to is not None} == {"township", "county"}
    assert {e.disposition.value for e in events if e.disposition is not None} == {
        "resolved", "explained", "referred", "duplicate", "withdrawn",
    }  # fmt: skip
    assert all(e.of for e in events if e.disposition is not None and e.disposition.value == "duplicate")
    assert {e.satisfaction.value for e in events if e.satisfaction is not None} == {
        "satisfied", "basically", "unsatisfied",
    }  # fmt: skip
    assert any(i.category.value == "conduct" and i.private for i in issues)
    assert any(i.private and i.category.value != "conduct" for i in issues)
    assert sum(1 for i in issues if i.reporter is not None and i.reporter.phone) >= 10
    status = Counter(i.status.value for i in issues)
    assert status["open"] >= 5 and status["closed"] >= 30
    from datetime import date

    as_of = date(2026, 11, 20)
    assert any(i.status.value == "open" and i.deadline < as_of for i in issues)  # overdue
    assert any(i.status.value == "open" and i.deadline >= as_of for i in issues)  # not yet due
    # People (SPEC §8): issues raised on visits, owned by the first visitor; owners as cadres and as units.
    from_visits = [i for i in issues if i.visit is not None]
    assert len(from_visits) >= 10 and {i.source.value for i in from_visits} == {"visit", "duty-day"}
    assert all(i.history[0].owner_cadre is not None for i in from_visits)
    assert any(i.owner_cadre is not None and i.status.value == "open" for i in issues)
    assert any(i.owner_cadre is not None and i.status.value == "closed" for i in issues)
    assert any(e.owner is not None and e.owner_cadre is None for i in issues for e in i.history)
    assert any(e.action.value == "escalated" and e.owner_cadre for i in issues for e in i.history)


def test_demo_issues_and_visits_name_each_other() -> None:
    ledger = Ledger(DATA)
    visits, problems = ledger.load_all("visit")
    assert problems == []
    issues = {i.number: i for i in (ledger.read_record(Issue, path) for path in ledger.issue_files())}
    listed = {(number, v.id) for v in visits for number in v.issues}
    named = {(i.number, i.visit) for i in issues.values() if i.visit is not None}
    assert listed == named and len(listed) >= 10
    first = {v.id: v.cadres[0] for v in visits}
    assert all(issues[number].history[0].owner_cadre == first[vid] for number, vid in named)


def test_demo_prints_contact_cards(monkeypatch: pytest.MonkeyPatch) -> None:
    """`caseledger -C data cards` (SPEC §11) gives household and village cards of cadres on the
    roster, each with that cadre's work phone; a cadre who has left gives none."""
    from ledger.cards import cards_of

    monkeypatch.setenv("CASELEDGER_NOW", "2026-11-20T17:00:00+08:00")
    ledger = Ledger(DATA)
    from datetime import date

    cards = cards_of(ledger, date(2026, 11, 20))
    roster = {c.id: c for c in ledger.load_all("cadre")[0]}
    assert any(c["household"] is None for c in cards) and any(c["household"] for c in cards)
    assert all(c["phone"] == roster[c["cadre"]].phone and c["name"] == roster[c["cadre"]].name for c in cards)
    assert all(roster[c["cadre"]].until is None for c in cards)  # 段永红 left in September: no card
    assert len(cards) >= 8  # at least one A4 sheet

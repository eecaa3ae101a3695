"""The cadre roster: adding, ending, and reading a CADRE argument (id or exact name)."""

from __future__ import annotations

from datetime import date

import pytest

from ledger.errors import Invalid, NotFound, Refused
from ledger.roster import add_cadre, end_cadre, list_cadres, resolve_cadre, resolve_owner
from ledger.store import Ledger


@pytest.fixture
def roster(ledger: Ledger) -> Ledger:
    add_cadre(ledger, name="李明", rank="township", township="qinglong", since=date(2026, 1, 1), actor="x")
    add_cadre(ledger, name="张伟(水务局)", rank="县级", unit="县水务局", since=date(2026, 1, 1), actor="x")
    add_cadre(ledger, name="张伟(教育局)", rank="county", since=date(2026, 3, 1), actor="x")
    return ledger


def test_ids_are_allocated_and_bucketed(roster: Ledger) -> None:
    assert [c.id for c in list_cadres(roster)] == ["C1", "C2", "C3"]
    assert (roster.root / "cadres" / "000" / "C2.yaml").is_file()
    assert list_cadres(roster, rank="county")[0].rank.value == "county"
    assert [c.id for c in list_cadres(roster, active_on=date(2026, 2, 1))] == ["C1", "C2"]


def test_a_cadre_is_named_by_id_or_exact_name(roster: Ledger) -> None:
    assert resolve_cadre(roster, "C2").name == "张伟(水务局)"
    assert resolve_cadre(roster, " c3 ").id == "C3"
    assert resolve_cadre(roster, "Ｃ１").id == "C1"
    assert resolve_cadre(roster, "李明").id == "C1"


def test_unknown_names_and_ids_are_refused_naming_candidates(roster: Ledger) -> None:
    with pytest.raises(NotFound) as caught:
        resolve_cadre(roster, "张伟")
    message = caught.value.message("en")
    assert "C2 张伟(水务局)" in message and "C3 张伟(教育局)" in message
    with pytest.raises(NotFound):
        resolve_cadre(roster, "C9")


def test_two_files_of_one_name_are_ambiguous(roster: Ledger) -> None:
    path = roster.root / "cadres" / "000" / "C4.yaml"
    path.write_text("id: C4\nname: 李明\nrank: village\nsince: 2026-01-01\n", encoding="utf-8")
    with pytest.raises(Refused) as caught:
        resolve_cadre(roster, "李明")
    assert "C1" in caught.value.message("en") and "C4" in caught.value.message("en")


def test_in_an_office_copy_c3_means_the_office_cadre_when_it_exists(roster: Ledger, monkeypatch) -> None:
    monkeypatch.setenv("CASELEDGER_OFFICE", "QL")
    office = Ledger(roster.root)
    assert resolve_cadre(office, "C3").id == "C3"  # no QL-C3 yet: the unprefixed one
    added = add_cadre(office, name="王芳", rank="village", since=date(2026, 1, 1), actor="x")
    assert added.id == "QL-C1"
    assert (roster.root / "cadres" / "QL" / "000" / "QL-C1.yaml").is_file()
    assert resolve_cadre(office, "C1").id == "QL-C1"
    assert resolve_cadre(office, "QL-C1").id == "QL-C1"


def test_owner_is_a_cadre_or_free_text(roster: Ledger) -> None:
    assert resolve_owner(roster, "C2") == ("张伟(水务局)", "C2")
    assert resolve_owner(roster, "李明") == ("李明", "C1")
    assert resolve_owner(roster, "县住建局") == ("县住建局", None)
    with pytest.raises(NotFound):
        resolve_owner(roster, "C77")


def test_refusals_write_nothing(roster: Ledger, snapshot) -> None:
    before = snapshot(roster.root)
    with pytest.raises(Refused):
        add_cadre(roster, name="李明", rank="township", since=date(2026, 1, 1), actor="x")
    with pytest.raises(Invalid):
        add_cadre(roster, name="赵", rank="处级", since=date(2026, 1, 1), actor="x")
    with pytest.raises(NotFound):
        add_cadre(roster, name="赵", rank="village", township="nowhere", since=date(2026, 1, 1), actor="x")
    with pytest.raises(Refused):
        end_cadre(roster, "C3", date(2026, 2, 1), actor="x")  # before it began
    assert snapshot(roster.root) == before
    end_cadre(roster, "张伟(水务局)", date(2026, 6, 30), actor="x")
    with pytest.raises(Refused):
        end_cadre(roster, "C2", date(2026, 7, 30), actor="x")


# -- the kept names (.caseledger/roster-names.marshal) ---------------------------------------


def _age(ledger: Ledger) -> None:
    """Every cadre file last changed long ago, as on a real roster (recent ones are re-read)."""
    import os

    for path in ledger.record_files("cadre"):
        os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))


def test_kept_names_spare_reading_the_files(roster: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    from ledger import roster as module

    _age(roster)
    assert resolve_owner(roster, "县水务局") == ("县水务局", None)  # reads the files, keeps the names
    assert (roster.derived / module.NAMES_FILE).is_file()

    def no_reading(*args):  # pragma: no cover - called only when the kept names are not used
        raise AssertionError("a cadre file was read")

    monkeypatch.setattr(module, "_id_and_name", no_reading)
    assert resolve_owner(roster, "张伟(水务局)") == ("张伟(水务局)", "C2")
    assert resolve_owner(roster, "乡水利站") == ("乡水利站", None)


def test_kept_names_follow_edits_and_survive_damage(roster: Ledger) -> None:
    from ledger import roster as module

    _age(roster)
    assert resolve_owner(roster, "李明") == ("李明", "C1")
    path = roster.root / "cadres" / "000" / "C1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("李明", "李明亮"), encoding="utf-8")  # by hand
    assert resolve_owner(roster, "李明") == ("李明", None)  # no cadre of that name any more
    assert resolve_owner(roster, "李明亮") == ("李明亮", "C1")
    _age(roster)
    resolve_owner(roster, "x")
    kept = roster.derived / module.NAMES_FILE
    kept.write_bytes(kept.read_bytes()[:-7] + b"garbage")  # damaged: not trusted
    assert resolve_owner(roster, "张伟(教育局)") == ("张伟(教育局)", "C3")
    kept.write_bytes(b"")
    assert resolve_owner(roster, "张伟(教育局)") == ("张伟(教育局)", "C3")
    (roster.root / "cadres" / "000" / "C3.yaml").unlink()
    assert resolve_owner(roster, "张伟(教育局)") == ("张伟(教育局)", None)  # gone from the roster


def test_a_name_the_fast_reader_declines_is_read_whole(roster: Ledger) -> None:
    path = roster.root / "cadres" / "000" / "C2.yaml"
    text = path.read_text(encoding="utf-8").replace("name: 张伟(水务局)", 'name: "张伟\\u0028水务局)"')
    path.write_text(text, encoding="utf-8")
    assert resolve_owner(roster, "张伟(水务局)") == ("张伟(水务局)", "C2")


def test_kept_names_are_written_only_when_they_change(roster: Ledger) -> None:
    from ledger import roster as module

    _age(roster)
    resolve_owner(roster, "x")
    kept = roster.derived / module.NAMES_FILE
    first = kept.stat()
    resolve_owner(roster, "y")  # nothing changed: the kept names are not written again
    assert kept.stat().st_ino == first.st_ino and kept.stat().st_mtime_ns == first.st_mtime_ns
    (roster.root / "cadres" / "000" / "C3.yaml").unlink()  # one fewer: written without it
    resolve_owner(roster, "y")
    assert kept.stat().st_ino != first.st_ino
    assert sorted(module._load_names(roster)) == ["cadres/000/C1.yaml", "cadres/000/C2.yaml"]

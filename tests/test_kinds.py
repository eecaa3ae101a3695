"""Record kinds: where each id lives, id allocation over buckets and prefixes, the older flat
pairing layout, and `check` over every kind."""

from __future__ import annotations

import json
import textwrap
from datetime import date

import pytest

from ledger.kinds import KINDS, id_pattern, next_id
from ledger.places import add_pairing, end_pairing, list_pairings
from ledger.store import Ledger, safe_key


@pytest.mark.parametrize(
    ("kind", "key", "rel"),
    [
        ("township", "qinglong", "townships/qinglong.yaml"),
        ("village", "dapo", "villages/dapo.yaml"),
        ("pairing", "P3", "pairings/000/P3.yaml"),
        ("pairing", "QL-P1234", "pairings/QL/001/QL-P1234.yaml"),
        ("cadre", "C999", "cadres/000/C999.yaml"),
        ("cadre", "C1000", "cadres/001/C1000.yaml"),
        ("cadre", "QL-C3", "cadres/QL/000/QL-C3.yaml"),
        ("visit", "V100000", "visits/100/V100000.yaml"),
        ("visit", "BS-V7", "visits/BS/000/BS-V7.yaml"),
        ("issue", "42", "issues/000/42.yaml"),
        ("issue", "QL-2042", "issues/QL/002/QL-2042.yaml"),
    ],
)
def test_each_id_names_its_file(kind: str, key: str, rel: str) -> None:
    assert KINDS[kind].rel(key) == rel


@pytest.mark.parametrize(
    ("letter", "good", "bad"),
    [
        ("C", ["C1", "QL-C3", "AB12-C999999999"], ["C0", "c1", "C", "QL-P3", "ql-C3", "C01", "../C1"]),
        ("V", ["V1", "QL-V3"], ["V", "V-1", "QL-C3", "V1.yaml"]),
        ("", ["1", "QL-42"], ["0", "#1", "QL-", "042"]),
    ],
)
def test_id_patterns(letter: str, good: list[str], bad: list[str]) -> None:
    import re

    for text in good:
        assert re.fullmatch(id_pattern(letter), text), text
    for text in bad:
        assert not re.fullmatch(id_pattern(letter), text), text


def test_safe_key_refuses_paths_for_every_kind() -> None:
    from ledger.errors import Invalid

    for kind in KINDS:
        with pytest.raises(Invalid):
            safe_key("../../etc/passwd", kind)


def _touch(ledger: Ledger, rel: str) -> None:
    path = ledger.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("", encoding="utf-8")


def test_next_id_counts_only_this_prefix_and_the_highest_bucket(empty_ledger: Ledger) -> None:
    cadre = KINDS["cadre"]
    assert next_id(empty_ledger, cadre, None) == "C1"
    assert next_id(empty_ledger, cadre, "QL") == "QL-C1"
    _touch(empty_ledger, "cadres/000/C7.yaml")
    _touch(empty_ledger, "cadres/001/C1001.yaml")
    _touch(empty_ledger, "cadres/QL/000/QL-C3.yaml")
    _touch(empty_ledger, "cadres/001/C1001 - 副本.yaml")  # a copy is no id
    assert next_id(empty_ledger, cadre, None) == "C1002"
    assert next_id(empty_ledger, cadre, "QL") == "QL-C4"
    assert next_id(empty_ledger, cadre, "BS") == "BS-C1"


def test_next_id_of_pairings_sees_the_flat_layout(empty_ledger: Ledger) -> None:
    pairing = KINDS["pairing"]
    _touch(empty_ledger, "pairings/P12.yaml")
    _touch(empty_ledger, "pairings/000/P3.yaml")
    assert next_id(empty_ledger, pairing, None) == "P13"


FLAT = """\
id: {pid}
kind: unit-village
party: 县水务局
village: dapo
since: 2026-01-01
"""


def test_a_flat_pairing_ledger_keeps_working(ledger: Ledger, run) -> None:
    """Today's `pairings/P1.yaml` is read, listed, ended in place; new pairings are bucketed."""
    (ledger.root / "pairings" / "P1.yaml").write_text(FLAT.format(pid="P1"), encoding="utf-8")
    (ledger.root / "pairings" / "P2.yaml").write_text(FLAT.format(pid="P2"), encoding="utf-8")
    assert [p.id for p in list_pairings(ledger)] == ["P1", "P2"]
    end_pairing(ledger, "P1", date(2026, 6, 30), actor="x")
    assert "until: 2026-06-30" in (ledger.root / "pairings" / "P1.yaml").read_text(encoding="utf-8")
    new = add_pairing(
        ledger, kind="unit-village", party="县教育局", village="dapo", since=date(2026, 2, 1), actor="x"
    )
    assert new.id == "P3"
    assert (ledger.root / "pairings" / "000" / "P3.yaml").is_file()
    assert [p.id for p in list_pairings(ledger)] == ["P1", "P2", "P3"]
    result = run("check", "--format", "json")
    assert json.loads(result.stdout) == {"ok": True, "problems": []}, result.stdout


def _write(ledger: Ledger, rel: str, text: str) -> None:
    path = ledger.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


CADRE = """\
id: {cid}
name: {name}
rank: township
township: qinglong
since: 2026-01-01
"""


def test_check_holds_cadres_to_their_files_ids_and_references(ledger: Ledger, run) -> None:
    _write(ledger, "cadres/000/C1.yaml", CADRE.format(cid="C1", name="李明"))
    _write(ledger, "cadres/000/C2.yaml", CADRE.format(cid="C1", name="王芳"))  # id of another file
    _write(ledger, "cadres/C3.yaml", CADRE.format(cid="C3", name="赵强"))  # not bucketed
    _write(ledger, "cadres/000/C4.yaml", CADRE.format(cid="C4", name="陈静").replace("qinglong", "nowhere"))
    _write(ledger, "cadres/000/C5.yaml", "id: C5\nname: 周\nrank: 处级\nsince: 2026-01-01\n")
    result = run("check", "--format", "json")
    assert result.exit_code == 1
    problems = {(p["file"], p["line"], p["message"]) for p in json.loads(result.stdout)["problems"]}
    files = {f for f, _, _ in problems}
    assert files == {
        "cadres/000/C1.yaml",
        "cadres/000/C2.yaml",
        "cadres/C3.yaml",
        "cadres/000/C4.yaml",
        "cadres/000/C5.yaml",
    }
    assert (
        "cadres/C3.yaml",
        1,
        "the file name does not match the record: it belongs in cadres/000/C3.yaml",
    ) in (problems)
    assert ("cadres/000/C1.yaml", 1, "id C1 is used twice (also in cadres/000/C2.yaml)") in problems
    assert any(f == "cadres/000/C4.yaml" and line == 4 and "nowhere" in m for f, line, m in problems)
    assert any(f == "cadres/000/C5.yaml" and line == 3 for f, line, _ in problems)


VISIT = """\
id: {vid}
date: {day}
village: {village}
cadres: [{cadres}]
households: [大坡村2组18号]
issues: [{issues}]
"""


def test_check_holds_visits_to_villages_cadres_issues_and_the_roster_dates(ledger: Ledger, run) -> None:
    _write(ledger, "cadres/000/C1.yaml", CADRE.format(cid="C1", name="李明"))
    _write(ledger, "cadres/000/C2.yaml", CADRE.format(cid="C2", name="李明"))  # a name twice
    _write(
        ledger,
        "visits/000/V1.yaml",
        VISIT.format(vid="V1", day="2026-03-05", village="dapo", cadres="C1", issues=""),
    )
    _write(ledger, "visits/000/V2.yaml", VISIT.format(vid="V2", day="2025-12-31", village="nowhere",
                                                      cadres="C1, C9", issues="77"))  # fmt: skip
    _write(
        ledger,
        "visits/000/V3.yaml",
        VISIT.format(vid="V3", day="2026-03-05", village="dapo", cadres="", issues=""),
    )
    result = run("check")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        "cadres/000/C1.yaml:2: the name 李明 is on the roster twice (also C2 (cadres/000/C2.yaml)); "
        "tell the two apart in the name" in lines
    )
    assert "visits/000/V2.yaml:3: unknown village nowhere" in lines
    assert "visits/000/V2.yaml:4: unknown cadre C9" in lines
    assert (
        "visits/000/V2.yaml:4: cadre C1 was not active on 2025-12-31 (on the roster 2026-01-01 – —)" in lines
    )
    assert "visits/000/V2.yaml:6: unknown issue 77" in lines
    assert any(line.startswith("visits/000/V3.yaml:4:") for line in lines)  # no cadre at all
    assert not any(line.startswith("visits/000/V1.yaml") for line in lines)


def test_more_labels_than_households_is_not_a_check_error(ledger: Ledger, run) -> None:
    """The `households` count is the clerk's figure; visits may name labels it does not count
    (a household split since, a label typed two ways): the rate goes above 100%, shown as is."""
    _write(ledger, "cadres/000/C1.yaml", CADRE.format(cid="C1", name="李明"))
    (ledger.root / "villages" / "tiny.yaml").write_text(
        "code: tiny\nname: 小村\ntownship: qinglong\nhouseholds: 1\n", encoding="utf-8"
    )
    text = "id: V1\ndate: 2026-03-05\nvillage: tiny\ncadres: [C1]\nhouseholds: [小村1号, 小村2号]\n"
    _write(ledger, "visits/000/V1.yaml", text)
    assert run("check").exit_code == 0
    from ledger.people_report import visits_report

    rows = visits_report(ledger, "2026-03", "qinglong")["rows"]
    assert [r["visit_rate"] for r in rows if r["village"] == "tiny"] == [2.0]

"""The record kinds beside the issues (visit, cadre, aid, pairing) in the derived index: cold,
warm and no index give the same rows, problems, reports and listings, and nothing stale is
trusted (edits of the same size, racy edits, damaged blobs, deleted and new files)."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from caseledger.cli import app
from ledger.index import kindstore, records, refresh
from ledger.index.rows import decoder, encode, layout, model_of, row_of
from ledger.recordscan import scan_records, scan_rows
from ledger.store import Ledger

REPO = Path(__file__).resolve().parent.parent
KINDS = records.INDEXED_KINDS


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Ledger:
    """A private copy of the demo ledger. Copies are seconds old, so they would all count as
    racy (read again every time); tests that want the racy rule set it back themselves."""
    monkeypatch.setattr(refresh, "RACY_NS", 0)
    copy = tmp_path / "data"
    shutil.copytree(REPO / "data", copy, ignore=shutil.ignore_patterns(".caseledger", "import"))
    return Ledger(copy)


def plain(ledger: Ledger, kind: str) -> tuple[list[Any], list[Any]]:
    return scan_rows(ledger, kind, use_index=False)


def cli(ledger: Ledger, *args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(app, ["-C", str(ledger.root), *args], env=env, catch_exceptions=False)


def replace(path: Path, old: str, new: str) -> None:
    """A hand edit saved the way editors save: a new file renamed into place."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(tmp, path)


def edit_same_size(path: Path, old: str, new: str) -> None:
    """Change the content in place keeping size and mtime, as a careless tool might."""
    assert len(old.encode()) == len(new.encode())
    st_before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    with open(path, "r+b") as handle:
        handle.write(text.replace(old, new, 1).encode("utf-8"))
    os.utime(path, ns=(st_before.st_atime_ns, st_before.st_mtime_ns))


# -- the rows: what validating a file gave, kept exactly ----------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_every_demo_record_comes_back_as_it_was_validated(kind: str) -> None:
    found, problems = Ledger(REPO / "data").load_all(kind)
    assert found and not problems
    decode = decoder(kind)
    for record in found:
        stored = marshal.loads(marshal.dumps(encode(kind, record)))  # what the index keeps
        row = decode(stored, record.origin.file)
        for name in type(record).model_fields:
            assert getattr(row, name) == getattr(record, name), name
            assert type(getattr(row, name)) is type(getattr(record, name)), name
        assert row.file == record.origin.file and row.origin == record.origin
        again = model_of(row)
        assert again == record
        assert again.model_fields_set == record.model_fields_set
        assert again.model_dump() == record.model_dump() and again.to_json() == record.to_json()
        assert again.origin == record.origin
    with pytest.raises(AttributeError):
        row.id = "changed"  # type: ignore[misc]  # rows are read-only


def test_a_cadres_own_targets_keep_which_keys_the_file_set(tmp_path: Path) -> None:
    """`Settings.targets_of` overrides the ledger's targets with exactly the keys the cadre's
    file sets (an explicit null too), so the nested record keeps its `model_fields_set`."""
    from ledger.cadre import Cadre
    from ledger.record import Origin

    record = Cadre.model_validate(
        {"id": "C1", "name": "李明", "rank": "township", "since": "2026-01-01",
         "targets": {"days": 30, "households": None}}
    ).located(Origin("cadres/000/C1.yaml"))  # fmt: skip
    row = row_of("cadre", record, "cadres/000/C1.yaml")
    assert row.targets.model_fields_set == {"days", "households"}
    assert model_of(row) == record and model_of(row).targets.model_fields_set == {"days", "households"}


@pytest.mark.parametrize("text", ["3000.50", "0.1", "12345678901.99", "186000", "2600.5", "7.00", "0.05"])
def test_money_is_kept_as_the_exact_decimal(text: str) -> None:
    from ledger.aid import Aid
    from ledger.yamlio import load_plain

    data = load_plain(
        f"id: A1\ndate: 2026-07-08\nvillage: dapo\nkind: funds\ntitle: 补助\namount: {text}\n", "x"
    )
    record = Aid.model_validate(data)
    stored = encode("aid", record)
    assert isinstance(stored[[n for n, *_ in layout("aid")[1]].index("amount")], str)  # never a float
    row = decoder("aid")(marshal.loads(marshal.dumps(stored)), "aid/000/A1.yaml")
    assert row.amount == record.amount and str(row.amount) == str(record.amount)
    assert model_of(row).to_json()["amount"] == record.to_json()["amount"]


# -- cold, warm and no index agree ---------------------------------------------------------------


def _spoil(ledger: Ledger) -> None:
    """Bad files of every sort, in every kind: broken YAML, a bad field, not UTF-8, not a mapping."""
    (ledger.root / "visits" / "000" / "V9.yaml").write_text("id: V9\ndate: [unclosed\n", encoding="utf-8")
    replace(ledger.root / "aid" / "000" / "A3.yaml", "amount: 186000", "amount: 1.005")
    (ledger.root / "cadres" / "000" / "C4.yaml").write_bytes(b"id: C4\nname: \xff\xfe\n")
    (ledger.root / "pairings" / "000" / "P2.yaml").write_text("- a list\n", encoding="utf-8")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("spoiled", [False, True])
def test_cold_warm_and_no_index_agree(demo: Ledger, kind: str, spoiled: bool) -> None:
    if spoiled:
        _spoil(demo)
    reference = plain(demo, kind)
    assert bool(reference[1]) == spoiled
    path = kindstore.kind_path(demo, kind)
    assert not path.exists()
    assert scan_rows(demo, kind) == reference  # cold
    assert path.is_file()
    assert scan_rows(demo, kind) == reference  # warm
    models = demo.load_all(kind)
    got = scan_records(demo, kind)
    assert got == models and [r.origin for r in got[0]] == [r.origin for r in models[0]]
    assert [r.file for r in scan_rows(demo, kind)[0]] == [r.file for r in reference[0]]  # path order
    shutil.rmtree(demo.root / ".caseledger")
    assert scan_rows(demo, kind) == reference


def test_env_variable_bypasses_the_index(demo: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASELEDGER_NO_INDEX", "1")
    assert scan_rows(demo, "visit") == plain(demo, "visit")
    assert not kindstore.kind_path(demo, "visit").exists()


REPORTS = [
    ("report", "visits", "2026-Q3", "-f", "json"),
    ("report", "visits", "2026", "--township", "qinglong", "-f", "csv"),
    ("report", "aid", "2026-Q3", "-f", "json"),
    ("report", "aid", "2026", "--by", "party", "-f", "json"),
    ("report", "aid", "2026", "--by", "cadre", "-f", "csv"),
    ("report", "cadres", "2026-Q3", "-f", "json"),
    ("report", "bulletin", "2026-Q3", "-f", "json"),
    ("visit", "list", "-f", "json"),
    ("visit", "list", "--village", "dapo", "-f", "csv"),
    ("cadre", "list", "-f", "json"),
    ("aid", "list", "-f", "json"),
    ("aid", "list", "--township", "qinglong", "--since", "2026-08-01", "-f", "json"),
    ("pairing", "list", "-f", "csv"),
    ("pairing", "list", "--village", "dapo", "--active-on", "2026-09-01", "-f", "json"),
    ("visit", "list", "--cadre", "C6", "--until", "2026-09-30", "-f", "json"),
    ("village", "show", "dapo", "-f", "json"),
]


def _outputs(ledger: Ledger, env: dict[str, str] | None = None) -> list[tuple[int, str, str]]:
    found = []
    for args in REPORTS:
        result = cli(ledger, *args, env=env)
        found.append((result.exit_code, result.stdout, result.stderr))
    return found


def test_reports_and_listings_agree_cold_warm_and_without_index(demo: Ledger) -> None:
    reference = _outputs(demo, {"CASELEDGER_NO_INDEX": "1"})
    assert all(code == 0 and out for code, out, _ in reference), reference
    assert _outputs(demo) == reference  # cold
    assert all(kindstore.kind_path(demo, kind).is_file() for kind in KINDS)
    assert _outputs(demo) == reference  # warm
    replace(demo.root / "visits" / "000" / "V5.yaml", "stayed: false", "stayed: true")
    replace(demo.root / "aid" / "000" / "A2.yaml", "amount: ", "amount: 1")
    after = _outputs(demo, {"CASELEDGER_NO_INDEX": "1"})
    assert after != reference
    assert _outputs(demo) == after  # the edits noticed


def test_a_bad_file_is_named_the_same_with_and_without_index(demo: Ledger) -> None:
    (demo.root / "visits" / "000" / "V9.yaml").write_text("id: V9\ndate: [unclosed\n", encoding="utf-8")
    replace(demo.root / "visits" / "000" / "V12.yaml", "people: ", "people: -")
    reference = cli(demo, "report", "visits", "2026-Q3", env={"CASELEDGER_NO_INDEX": "1"})
    assert reference.exit_code == 1 and "visits/000/V12.yaml" in reference.stderr
    assert reference.stdout == ""
    for _ in ("cold", "warm"):
        got = cli(demo, "report", "visits", "2026-Q3")
        assert (got.exit_code, got.stdout, got.stderr) == (1, "", reference.stderr)
    assert scan_rows(demo, "visit")[1] == plain(demo, "visit")[1]
    assert [p.file for p in plain(demo, "visit")[1]] == ["visits/000/V12.yaml", "visits/000/V9.yaml"]


def _spread(ledger: Ledger) -> None:
    """Move the demo's visits into four bucket folders dated apart (ids given in time order, as a
    real log is): V1-V99 stay, the rest go to 001, 002 and 003 with their dates moved by 1, 2
    and 3 years; a bad file in 003."""
    from datetime import date

    for path in sorted((ledger.root / "visits" / "000").glob("V*.yaml")):
        n = int(path.stem[1:])
        if n < 100:
            continue
        bucket = 1 + n % 3
        folder = ledger.root / "visits" / f"{bucket:03d}"
        folder.mkdir(exist_ok=True)
        text = path.read_text(encoding="utf-8")
        day = date.fromisoformat(text.split("date: ", 1)[1][:10])
        moved = day.replace(year=day.year + bucket)
        (folder / f"V{n + 1000 * bucket}.yaml").write_text(
            text.replace(f"id: V{n}\n", f"id: V{n + 1000 * bucket}\n").replace(
                f"date: {day.isoformat()}", f"date: {moved.isoformat()}"
            ),
            encoding="utf-8",
        )
        path.unlink()
    (ledger.root / "visits" / "003" / "V3999.yaml").write_text("id: V3999\ndate: [\n", encoding="utf-8")


@pytest.mark.parametrize(
    "first,last",
    [("2026-07-01", "2026-09-30"), ("2027-01-01", "2027-12-31"), ("2029-08-01", "2029-08-31"),
     ("2030-01-01", "2030-12-31"), ("2020-01-01", "2035-12-31")],
)  # fmt: skip
def test_rows_between_two_days_agree_and_still_name_every_bad_file(
    demo: Ledger, first: str, last: str
) -> None:
    from datetime import date

    _spread(demo)
    between = (date.fromisoformat(first), date.fromisoformat(last))
    everything = plain(demo, "visit")
    expected = [row for row in everything[0] if between[0] <= row.date <= between[1]]
    assert scan_rows(demo, "visit", use_index=False, between=between) == (expected, everything[1])
    assert [p.file for p in everything[1]] == ["visits/003/V3999.yaml"]
    for _ in ("cold", "warm"):
        assert scan_rows(demo, "visit", between=between) == (expected, everything[1])
    assert scan_rows(demo, "visit") == everything
    with pytest.raises(ValueError):
        scan_rows(demo, "cadre", between=between)  # cadres have no date


def test_a_folder_dated_outside_is_not_unpacked(demo: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    _spread(demo)
    scan_rows(demo, "visit")
    unpacked: list[int] = []
    real = records.unseal

    def counting(blob: bytes) -> Any:
        unpacked.append(len(blob))
        return real(blob)

    monkeypatch.setattr(records, "unseal", counting)
    scan_rows(demo, "visit", between=(date(2027, 7, 1), date(2027, 9, 30)))
    assert len(unpacked) == 4 + 1  # four heads, the entries of visits/001 alone
    # A damaged folder outside the days asked is left alone, and mended when it is asked for.
    db = sqlite3.connect(kindstore.kind_path(demo, "visit"))
    blob = bytearray(db.execute("SELECT entries FROM dirs WHERE path = ?", (b"visits/002",)).fetchone()[0])
    blob[-3] ^= 0x01
    db.execute("UPDATE dirs SET entries = ? WHERE path = ?", (bytes(blob), b"visits/002"))
    db.commit()
    db.close()
    assert scan_rows(demo, "visit", between=(date(2027, 7, 1), date(2027, 9, 30)))[0]
    assert scan_rows(demo, "visit") == plain(demo, "visit")
    calls: list[tuple[int, int]] = []
    scan_rows(demo, "visit", lambda done, total: calls.append((done, total)))
    assert calls == []


# -- nothing stale is trusted --------------------------------------------------------------------


def test_hand_edit_of_the_same_size_is_noticed(demo: Ledger) -> None:
    scan_rows(demo, "visit")
    path = demo.root / "visits" / "000" / "V223.yaml"
    edit_same_size(path, "stayed: false", "stayed: true ")  # same size, same mtime, same inode
    after = scan_rows(demo, "visit")
    assert next(r for r in after[0] if r.id == "V223").stayed is True
    assert after == plain(demo, "visit")


def test_a_recent_edit_is_stored_as_racy_and_read_again(
    demo: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan_rows(demo, "aid")
    monkeypatch.setattr(refresh, "RACY_NS", 2_000_000_000)
    path = demo.root / "aid" / "000" / "A5.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# checked by hand\n", encoding="utf-8")
    scan_rows(demo, "aid")
    db = sqlite3.connect(kindstore.kind_path(demo, "aid"))
    blob = db.execute("SELECT stats FROM dirs WHERE path = ?", (b"aid/000",)).fetchone()[0]
    db.close()
    stats = dict(marshal.loads(blob))
    assert stats["A5.yaml"] is None  # changed within the last two seconds: not trusted next time
    assert stats["A6.yaml"] is not None
    calls: list[tuple[int, int]] = []
    assert scan_rows(demo, "aid", lambda done, total: calls.append((done, total))) == plain(demo, "aid")
    assert calls == [(0, 1), (1, 1)]  # that file alone is read again


def test_a_warm_run_reads_nothing_and_writes_nothing(demo: Ledger) -> None:
    scan_rows(demo, "visit")
    path = kindstore.kind_path(demo, "visit")
    before = path.stat()
    calls: list[tuple[int, int]] = []
    scan_rows(demo, "visit", lambda done, total: calls.append((done, total)))
    assert calls == []
    assert path.stat().st_mtime_ns == before.st_mtime_ns


def test_deleted_new_and_copied_files_are_noticed(demo: Ledger) -> None:
    scan_rows(demo, "visit")
    (demo.root / "visits" / "000" / "V7.yaml").unlink()
    (demo.root / "visits" / "002").mkdir()
    shutil.copy(demo.root / "visits" / "000" / "V8.yaml", demo.root / "visits" / "002" / "V2008.yaml")
    shutil.copy(demo.root / "visits" / "000" / "V8.yaml", demo.root / "visits" / "000" / "V8 - 副本.yaml")
    after = scan_rows(demo, "visit")
    ids = [r.id for r in after[0]]
    assert "V7" not in ids and ids.count("V8") == 3
    assert after == plain(demo, "visit")
    shutil.rmtree(demo.root / "visits" / "002")
    assert scan_rows(demo, "visit") == plain(demo, "visit")
    db = sqlite3.connect(kindstore.kind_path(demo, "visit"))
    assert [row[0] for row in db.execute("SELECT path FROM dirs")] == [b"visits/000"]  # gone folders dropped
    db.close()


def test_a_damaged_blob_is_read_again_and_stored_anew(demo: Ledger) -> None:
    reference = plain(demo, "visit")
    scan_rows(demo, "visit")
    path = kindstore.kind_path(demo, "visit")
    db = sqlite3.connect(path)
    blob = bytearray(db.execute("SELECT entries FROM dirs").fetchone()[0])
    blob[len(blob) // 2] ^= 0x01  # one bit flipped
    db.execute("UPDATE dirs SET entries = ?", (bytes(blob),))
    db.commit()
    db.close()
    calls: list[tuple[int, int]] = []
    assert scan_rows(demo, "visit", lambda done, total: calls.append((done, total))) == reference
    assert calls[-1] == (len(reference[0]), len(reference[0]))  # that folder read again
    calls.clear()
    assert scan_rows(demo, "visit", lambda done, total: calls.append((done, total))) == reference
    assert calls == []  # and stored anew


def test_a_corrupt_or_stale_file_is_rebuilt(demo: Ledger) -> None:
    reference = plain(demo, "cadre")
    scan_rows(demo, "cadre")
    path = kindstore.kind_path(demo, "cadre")
    path.write_bytes(b"garbage, not SQLite" * 100)
    assert scan_rows(demo, "cadre") == reference
    db = sqlite3.connect(path)
    assert db.execute("SELECT value FROM meta").fetchone()[0] == kindstore.kind_version()
    db.execute("UPDATE meta SET value = 'another version'")
    db.commit()
    db.close()
    calls: list[tuple[int, int]] = []
    assert scan_rows(demo, "cadre", lambda done, total: calls.append((done, total))) == reference
    assert calls[-1] == (len(reference[0]), len(reference[0]))


def test_an_unwritable_index_still_answers(demo: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError("read-only")

    monkeypatch.setattr(kindstore, "write_full", refuse)
    assert scan_rows(demo, "pairing") == plain(demo, "pairing")
    assert not kindstore.kind_path(demo, "pairing").exists()


def test_a_storage_error_falls_back_to_the_files_and_a_bug_shows(
    demo: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise sqlite3.DatabaseError("disk image is malformed")

    monkeypatch.setattr(records, "refresh", broken)
    assert scan_rows(demo, "aid") == plain(demo, "aid")

    def bug(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("a bug")

    monkeypatch.setattr(records, "refresh", bug)
    with pytest.raises(KeyError):
        scan_rows(demo, "aid")


def test_flat_pairings_beside_buckets_keep_path_order(demo: Ledger) -> None:
    """The older flat layout (`pairings/P3.yaml`) beside `pairings/000/`: the same order as the
    plain read (by path, part by part), both read."""
    (demo.root / "pairings" / "000" / "P3.yaml").rename(demo.root / "pairings" / "P3.yaml")
    (demo.root / "pairings" / "000" / "P9.yaml").rename(demo.root / "pairings" / "zz.yaml")
    reference = plain(demo, "pairing")
    assert reference[0][0].file == "pairings/000/P1.yaml" and reference[0][-1].file == "pairings/zz.yaml"
    assert scan_rows(demo, "pairing") == reference
    assert scan_rows(demo, "pairing") == reference


@pytest.mark.parametrize("chunk", [1000, 40])
def test_a_parallel_cold_build_agrees_and_reports_progress(
    demo: Ledger, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(refresh, "PARALLEL_MIN", 10)
    monkeypatch.setattr(refresh, "CHUNK", chunk)
    _spoil(demo)
    reference = plain(demo, "visit")
    calls: list[tuple[int, int]] = []
    got = records.load(demo, "visit", lambda done, total: calls.append((done, total)), workers=2)
    assert got == reference
    assert calls[0] == (0, 256) and calls[-1] == (256, 256)
    assert len(calls) == (2 if chunk == 1000 else 8)


def test_report_visits_shows_a_progress_bar_on_stderr_on_a_cold_build(
    demo: Ledger, monkeypatch: pytest.MonkeyPatch, progress_bars: list[Any]
) -> None:
    from caseledger.commands import progress as bars
    from ledger.i18n import t

    made = progress_bars
    monkeypatch.setattr(bars, "SHOW_FROM", 100)  # the demo's 256 visits count as many
    cold = cli(demo, "report", "visits", "2026-Q3", "-f", "json")
    assert cold.exit_code == 0 and json.loads(cold.stdout)["period"] == "2026-Q3"
    assert len(made) == 1 and made[0].console.stderr
    (task,) = made[0].tasks
    assert task.description == t("progress.records", "en") and task.completed == task.total == 256
    warm = cli(demo, "report", "visits", "2026-Q3", "-f", "json")
    assert warm.stdout == cold.stdout and len(made) == 1  # warm: nothing to read, no bar
    shutil.rmtree(demo.root / ".caseledger")
    cli(demo, "report", "aid", "2026-Q3", "-f", "json")
    assert len(made) == 1  # the demo's 38 aid records are few: no bar


# -- hypothesis: any sequence of writes and hand edits, the index follows ------------------------

EDITS = st.lists(
    st.tuples(
        st.sampled_from(["add", "edit", "delete", "spoil", "heal"]),
        st.sampled_from(["visit", "aid"]),
        st.integers(1, 12),  # which record
        st.integers(0, 400),  # a day after 2026-01-01
        st.sampled_from(["dapo", "xiaoshan", "shuijing", "nowhere"]),
        st.sampled_from(["0.01", "3000.50", "99999999.99", "1", None]),
    ),
    min_size=1,
    max_size=10,
)


def _write(ledger: Ledger, kind: str, n: int, day: int, village: str, amount: str | None) -> None:
    from datetime import date, timedelta

    when = (date(2026, 1, 1) + timedelta(days=day)).isoformat()
    if kind == "visit":
        text = (f"id: V{n}\ndate: {when}\nvillage: {village}\ncadres:\n  - C{1 + n % 2}\n"
                f"households:\n  - {village}{n % 3}号\nstayed: {'true' if n % 2 else 'false'}\n")  # fmt: skip
    else:
        shown = "" if amount is None else f"amount: {amount}\n"
        text = f"id: A{n}\ndate: {when}\nvillage: {village}\nkind: funds\ntitle: 补助{n}\n{shown}"
        text += "cadres:\n  - C1\n"
    folder = ledger.root / ("visits" if kind == "visit" else "aid") / "000"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{'V' if kind == 'visit' else 'A'}{n}.yaml"
    tmp = folder / f".{path.name}.tmp"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)  # a new inode each time: noticed even within one timestamp tick


def _apply(ledger: Ledger, edit: tuple[Any, ...]) -> None:
    action, kind, n, day, village, amount = edit
    path = (
        ledger.root
        / ("visits" if kind == "visit" else "aid")
        / "000"
        / f"{'V' if kind == 'visit' else 'A'}{n}.yaml"
    )
    if action in ("add", "edit", "heal"):
        _write(ledger, kind, n, day, village, amount)
    elif action == "delete":
        path.unlink(missing_ok=True)
    elif path.exists():
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(path.read_text(encoding="utf-8") + "date: twice\n", encoding="utf-8")
        os.replace(tmp, path)


def _everything(ledger: Ledger, use_index: bool) -> list[Any]:
    from ledger.aids import aid_report
    from ledger.errors import LedgerError
    from ledger.people_report import visits_report

    found: list[Any] = [scan_rows(ledger, kind, use_index=use_index) for kind in ("visit", "aid")]
    found.append(scan_records(ledger, "aid", use_index=use_index))
    for call in (
        lambda: visits_report(ledger, "2026-Q3"),
        lambda: aid_report(ledger, "2026", "township", skip_bad=True),
        lambda: aid_report(ledger, "2026-Q2", "cadre", skip_bad=True),
    ):
        try:
            found.append(json.dumps(call(), default=str, sort_keys=True))
        except LedgerError as exc:
            found.append((type(exc).__name__, exc.key, str(exc.params)))
    return found


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(EDITS, min_size=1, max_size=4))
def test_any_writes_and_hand_edits_read_the_same_with_and_without_index(rounds: list[Any]) -> None:
    from ledger.places import add_township, add_village
    from ledger.roster import add_cadre
    from ledger.setup import init_ledger

    with pytest.MonkeyPatch.context() as patch, tempfile.TemporaryDirectory() as folder:
        patch.setattr(refresh, "RACY_NS", 0)  # every edit renames a new file in: a new inode
        patch.setenv("CASELEDGER_NOW", "2027-03-01T09:00:00+08:00")
        ledger = init_ledger(Path(folder) / "ledger", "测试县民情台账")
        add_township(ledger, "qinglong", "青龙镇", actor="x")
        add_township(ledger, "baishui", "白水乡", actor="x")
        add_village(ledger, "dapo", "大坡村", "qinglong", households=4, actor="x")
        add_village(ledger, "xiaoshan", "小山社区", "qinglong", actor="x")
        add_village(ledger, "shuijing", "水井村", "baishui", households=10, actor="x")
        from datetime import date

        add_cadre(ledger, name="李明", rank="township", since=date(2025, 1, 1), actor="x")
        add_cadre(ledger, name="王芳", rank="village", since=date(2025, 1, 1), actor="x")
        for edits in rounds:
            for edit in edits:
                _apply(ledger, edit)
            assert _everything(ledger, True) == _everything(ledger, False)  # incremental (warm) read
        shutil.rmtree(ledger.root / ".caseledger", ignore_errors=True)
        assert _everything(ledger, True) == _everything(ledger, False)  # cold


def test_report_cadres_deeds_read_only_the_periods_aid(tmp_path: Path) -> None:
    """The deeds of `report cadres` count aid dated in the period, so only those records are
    read and held to their file names: a copy of a July record is refused for July and does
    not matter to January (nor does it change January's figures)."""
    from ledger.aids import deeds_of, load_aid
    from ledger.errors import BadFiles
    from ledger.people_report import cadres_report
    from ledger.periods import parse_period

    def deeds(month: str) -> dict[str, int]:
        return {row["cadre"]: row["deeds"] for row in cadres_report(Ledger(root), month)["rows"]}

    root = tmp_path / "demo"
    shutil.copytree(
        Path(__file__).resolve().parent.parent / "data", root, ignore=shutil.ignore_patterns(".*")
    )
    before = deeds("2026-01")
    july = parse_period("2026-07")
    aid_in_july = load_aid(Ledger(root), light=True, between=(july.first, july.last))
    assert sum(deeds_of(aid_in_july, july).values()) > 0  # July's aid does count toward deeds
    original = root / "aid/000/A1.yaml"
    assert "date: 2026-07-03" in original.read_text(encoding="utf-8")
    shutil.copy(original, root / "aid/000/A1 - 副本.yaml")
    with pytest.raises(BadFiles):
        deeds("2026-07")
    assert deeds("2026-01") == before

"""The derived issue index: cold, warm and no-index reads agree, and nothing stale is trusted."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from test_fastyaml import typed

from ledger import index
from ledger.fastyaml import fast_load
from ledger.index import refresh, store
from ledger.index import walk as walking
from ledger.index.months import month_days, month_key
from ledger.report import COUNT_KEYS
from ledger.scan import Scan, issue_table, month_counts, scan_issues
from ledger.store import Ledger
from ledger.yamlio import load_plain

REPO = Path(__file__).resolve().parent.parent


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("gen") / "ledger"
    _generator().generate(folder, 300, year=2025, seed=7)
    return folder


@pytest.fixture
def gen(generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Ledger:
    """A private copy of the generated ledger (tests edit it).

    Copies are seconds old, so they would all count as "racy" (re-read every time); tests
    that want the racy rule set `refresh.RACY_NS` back themselves.
    """
    monkeypatch.setattr(refresh, "RACY_NS", 0)
    copy = tmp_path / "ledger"
    shutil.copytree(generated, copy)
    shutil.rmtree(copy / ".caseledger", ignore_errors=True)
    return Ledger(copy)


def plain(ledger: Ledger) -> Scan:
    return scan_issues(ledger, use_index=False)


def same(a: Scan, b: Scan) -> None:
    assert a.issues == b.issues
    assert [f.file for f in a.issues] == [f.file for f in b.issues]
    assert a.problems == b.problems


def edit_same_size(path: Path, old: str, new: str) -> None:
    """Change the content keeping size and mtime, as a careless tool might."""
    assert len(old.encode()) == len(new.encode())
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    with open(path, "r+b") as handle:  # in place: same inode
        handle.write(text.replace(old, new, 1).encode("utf-8"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_generated_ledger_is_clean_and_numbered(gen: Ledger) -> None:
    scan = plain(gen)
    assert scan.problems == []
    assert [f.number for f in scan.issues] == [str(n) for n in range(1, 301)]
    actions = {e.action for f in scan.issues for e in f.events}
    assert {"opened", "escalated", "closed", "followed-up"} <= actions
    assert {f.level for f in scan.issues} >= {"village", "township"}


def test_generator_is_deterministic(tmp_path: Path) -> None:
    gen_module = _generator()
    gen_module.generate(tmp_path / "a", 30, year=2025, seed=3)
    gen_module.generate(tmp_path / "b", 30, year=2025, seed=3)
    a, b = Ledger(tmp_path / "a"), Ledger(tmp_path / "b")
    for path in a.issue_files():
        assert path.read_bytes() == (b.root / a.rel(path)).read_bytes()


def test_cold_warm_and_no_index_agree(gen: Ledger) -> None:
    reference = plain(gen)
    assert not index.index_path(gen).exists()
    cold = scan_issues(gen)
    assert index.index_path(gen).is_file()
    warm = scan_issues(gen)
    same(cold, reference)
    same(warm, reference)
    shutil.rmtree(gen.root / ".caseledger")
    same(scan_issues(gen), reference)


@pytest.mark.parametrize(
    "where",
    [
        {"status": "open"},
        {"village": "t01-v01"},
        {"level": "township", "status": "closed"},
        {"owner": "nobody"},
    ],
)
def test_filtered_scans_agree_with_and_without_index(gen: Ledger, where: dict[str, str]) -> None:
    (gen.issue_path("3")).write_text("number: '3'\ntitle: [unclosed\n", encoding="utf-8")  # a problem
    everything = plain(gen)
    expected = [f for f in everything.issues if all(getattr(f, k) == v for k, v in where.items())]
    assert (expected == []) == (where == {"owner": "nobody"})
    assert plain(gen).problems == everything.problems
    for _ in ("cold", "warm"):
        got = scan_issues(gen, where=where)
        assert got.issues == expected
        assert got.problems == everything.problems  # problems are never filtered out
    assert scan_issues(gen, use_index=False, where=where).issues == expected
    from ledger.index.packing import PLAIN_FIELDS, pack

    for facts in everything.issues[:20]:  # the positions compared are where pack() puts the fields
        assert {f: pack(facts)[i] for f, i in PLAIN_FIELDS.items()} == {
            f: getattr(facts, f) for f in PLAIN_FIELDS
        }
    with pytest.raises(ValueError):
        scan_issues(gen, where={"title": "x"})


def test_env_variable_bypasses_the_index(gen: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASELEDGER_NO_INDEX", "1")
    same(scan_issues(gen), plain(gen))
    assert not index.index_path(gen).exists()


@pytest.mark.parametrize("tasks", ["whole folders", "chunks"])
def test_parallel_cold_build_agrees_and_reports_progress(
    gen: Ledger, monkeypatch: pytest.MonkeyPatch, tasks: str
) -> None:
    monkeypatch.setattr(refresh, "PARALLEL_MIN", 10)
    if tasks == "chunks":
        monkeypatch.setattr(refresh, "FOLDER_TASK_MAX", 0)
        monkeypatch.setattr(refresh, "CHUNK", 40)
    else:  # six folders of 50 (in the wrong folders for their numbers: still read and sorted)
        for n in range(1, 301):
            folder = gen.root / "issues" / f"{n // 50:03d}"
            folder.mkdir(exist_ok=True)
            gen.issue_path(str(n)).rename(folder / f"{n}.yaml")
    calls: list[tuple[int, int]] = []
    issues, problems = index.load(gen, lambda done, total: calls.append((done, total)), workers=2)
    same(Scan(issues, problems), plain(gen))
    assert calls[0] == (0, 300) and calls[-1] == (300, 300)
    assert len(calls) > 3


def test_warm_run_parses_nothing(gen: Ledger) -> None:
    scan_issues(gen)
    calls: list[tuple[int, int]] = []
    scan_issues(gen, progress=lambda done, total: calls.append((done, total)))
    assert calls == []


@pytest.mark.parametrize("reader", ["scan", "months", "checks"])
def test_warm_run_after_a_cold_build_writes_nothing(
    gen: Ledger, monkeypatch: pytest.MonkeyPatch, reader: str
) -> None:
    """The stored stat lists compare equal to a fresh walk's (marshal bytes that depend only on
    the values): a warm run after a cold build changes no folder."""
    read = {
        "scan": lambda: scan_issues(gen),
        "months": lambda: month_counts(gen, *MONTH),
        "checks": lambda: issue_table(gen),
    }[reader]
    read()
    writes: list[Any] = []
    monkeypatch.setattr(store, "write_changes", lambda *args: writes.append(args))
    monkeypatch.setattr(store, "write_full", lambda *args: writes.append(args))
    read()
    assert writes == []


def test_forked_walk_equals_the_plain_walk(gen: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    issues = gen.root / "issues"
    (issues / "000" / "notes.txt").write_text("not an issue", encoding="utf-8")
    (issues / ".hidden").mkdir()
    (issues / ".hidden" / "1.yaml").write_text("number: 1\n", encoding="utf-8")
    (issues / "000" / "odd.yaml").mkdir()  # a folder named like a file is walked into
    shutil.copy(gen.issue_path("1"), issues / "000" / "odd.yaml" / "1.yaml")
    (issues / "linked").symlink_to(issues / "000", target_is_directory=True)  # listed, not entered
    (issues / "000" / "linked.yaml").symlink_to(issues / "000", target_is_directory=True)
    (issues / "000" / "broken.yaml").symlink_to(issues / "nowhere.yaml")  # a file that cannot be read
    for bucket in ("001", "002"):  # more folders, for the child and this process to share
        (issues / bucket).mkdir()
        shutil.copy(gen.issue_path("2"), issues / bucket / "2.yaml")
    (issues / "001" / "deeper").mkdir()
    shutil.copy(gen.issue_path("3"), issues / "001" / "deeper" / "3.yaml")
    monkeypatch.setattr(walking, "FORK_WALK_FOLDERS", 10**9)
    plain_walk = walking.walk(gen.root)
    forks: list[int] = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    monkeypatch.setattr(walking, "FORK_WALK_FOLDERS", 0)
    assert walking.walk(gen.root) == plain_walk
    assert forks == [1]
    files = {f"{rel}/{name}" for rel, stats in plain_walk.items() for name, _ in stats}
    assert files == {gen.rel(p) for p in gen.issue_files()}
    assert len(files) == 305
    assert "issues/000/odd.yaml/1.yaml" in files and "issues/000/broken.yaml" in files


def test_a_walk_under_office_prefixes_forks_at_the_buckets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """issues/XA/000/…: the prefix folders are gone down through, and the buckets shared."""
    for prefix, buckets in (("XA", 4), ("XB", 2)):
        for bucket in range(buckets):
            folder = tmp_path / "issues" / prefix / f"{bucket:03d}"
            folder.mkdir(parents=True)
            for n in range(3):
                (folder / f"{prefix}-{bucket * 1000 + n}.yaml").write_text("number: 1\n", encoding="utf-8")
    (tmp_path / "issues" / "XA" / "stray.yaml").write_text("number: 1\n", encoding="utf-8")
    monkeypatch.setattr(walking, "FORK_WALK_FOLDERS", 10**9)
    plain_walk = walking.walk(tmp_path)
    shared: list[list[tuple[str, str]]] = []
    real = walking._walk_forked
    monkeypatch.setattr(walking, "_walk_forked", lambda top, below: shared.append(below) or real(top, below))
    monkeypatch.setattr(walking, "FORK_WALK_FOLDERS", 5)
    assert walking.walk(tmp_path) == plain_walk
    assert sorted(rel for _, rel in shared[0]) == [f"issues/XA/{b:03d}" for b in range(4)] + [
        f"issues/XB/{b:03d}" for b in range(2)
    ]
    assert sum(len(stats) for stats in plain_walk.values()) == 19


# -- month counts and the check table, through the index and without ---------------------------

MONTH = (date(2025, 6, 1), date(2025, 6, 30))
MONTHS = [month_days(month_key(date(2024, 12, 1)) + k) for k in range(16)]


def all_months(ledger: Ledger, *, use_index: bool) -> list[dict[str, list[int]]]:
    return [month_counts(ledger, first, last, use_index=use_index) for first, last in MONTHS]


def test_month_counts_agree_cold_warm_and_without_index(gen: Ledger) -> None:
    reference = all_months(gen, use_index=False)
    assert sum(sum(c[COUNT_KEYS.index("new")] for c in month.values()) for month in reference) == 300
    assert all_months(gen, use_index=True) == reference  # the first builds the index
    assert all_months(gen, use_index=True) == reference
    # A hand edit: issue 5 is closed a month later than it was (same size: a careless tool).
    path = gen.issue_path("5")
    text = path.read_text(encoding="utf-8")
    closed = [line for line in text.splitlines() if line.startswith("closed: ")]
    if closed and closed[0] != "closed: ":
        day = date.fromisoformat(closed[0].split(": ")[1])
        later = (day + timedelta(days=31)).isoformat()
        edit_same_size(path, closed[0], f"closed: {later}")
    path2 = gen.issue_path("6")
    path2.write_text(
        path2.read_text(encoding="utf-8").replace("village: ", "village: x", 1), encoding="utf-8"
    )
    gen.issue_path("7").unlink()
    changed = all_months(gen, use_index=False)
    assert changed != reference
    assert all_months(gen, use_index=True) == changed


def test_month_counts_agree_on_the_demo_ledger(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(REPO / "data", copy, ignore=shutil.ignore_patterns(".caseledger"))
    ledger = Ledger(copy)
    months = [month_days(month_key(date(2026, 6, 1)) + k) for k in range(8)]
    for first, last in months:
        plain_counts = month_counts(ledger, first, last, use_index=False)
        assert month_counts(ledger, first, last, use_index=True) == plain_counts


def test_check_agrees_with_and_without_index(gen: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    from ledger.checks import check_ledger

    def edit(number: str, old: str, new: str) -> None:
        path = gen.issue_path(number)
        text = path.read_text(encoding="utf-8")
        assert old in text, (number, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    edit("3", "village: ", "village: nowhere-")  # unknown village
    edit("4", "status: ", "status: x")  # invalid: a read problem
    edit("10", "level: village", "level: county")  # level disagrees with the history
    shutil.copy(gen.issue_path("11"), gen.root / "issues" / "000" / "12.yaml")  # 11 twice, 12 gone
    edit("13", "duplicate_of:", "duplicate_of: '999'")  # points nowhere (and disagrees with history)
    two = next(
        n for n in range(14, 300) if gen.issue_path(str(n)).read_text(encoding="utf-8").count("- at:") > 1
    )
    edit(str(two), "history:\n  - at: '2025", "history:\n  - at: '2026")  # the first event is last
    monkeypatch.setenv("CASELEDGER_NO_INDEX", "1")
    reference = check_ledger(gen)
    keys = {p.key for p in reference}
    assert {"check.unknown_village", "check.duplicate_number", "check.level", "check.file_name"} <= keys
    assert {"check.duplicate_of_history", "check.history_order"} <= keys
    monkeypatch.delenv("CASELEDGER_NO_INDEX")
    assert check_ledger(gen) == reference  # cold
    assert check_ledger(gen) == reference  # warm
    edit("15", "village: ", "village: nowhere-")
    monkeypatch.setenv("CASELEDGER_NO_INDEX", "1")
    reference = check_ledger(gen)
    monkeypatch.delenv("CASELEDGER_NO_INDEX")
    assert check_ledger(gen) == reference  # after a hand edit


def test_demo_ledger_agrees(tmp_path: Path) -> None:
    demo = REPO / "data"
    assert any(Ledger(demo).issue_files()), "the demo ledger must hold issues"
    copy = tmp_path / "data"
    shutil.copytree(demo, copy, ignore=shutil.ignore_patterns(".caseledger"))
    ledger = Ledger(copy)
    reference = plain(ledger)
    same(scan_issues(ledger), reference)
    same(scan_issues(ledger), reference)


def test_hand_edit_of_same_size_is_noticed(gen: Ledger) -> None:
    scan_issues(gen)
    path = gen.issue_path("17")
    title = next(f.title for f in plain(gen).issues if f.number == "17")
    new_title = title.replace("（17号）", "（71号）")
    edit_same_size(path, f"title: {title}", f"title: {new_title}")
    after = scan_issues(gen)
    assert next(f.title for f in after.issues if f.number == "17") == new_title
    same(after, plain(gen))


def test_recent_edit_is_stored_as_racy_and_reread(gen: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    import marshal

    scan_issues(gen)
    monkeypatch.setattr(refresh, "RACY_NS", 2_000_000_000)
    path = gen.issue_path("5")
    path.write_text(path.read_text(encoding="utf-8") + "# checked by hand\n", encoding="utf-8")
    scan_issues(gen)
    db = sqlite3.connect(index.index_path(gen))
    blob = db.execute("SELECT stats FROM dirs WHERE path = ?", (b"issues/000",)).fetchone()[0]
    db.close()
    stats = dict(marshal.loads(blob))
    assert stats["5.yaml"] is None  # changed within the last two seconds: not trusted next time
    assert stats["6.yaml"] is not None
    calls: list[tuple[int, int]] = []
    same(scan_issues(gen, progress=lambda done, total: calls.append((done, total))), plain(gen))
    assert calls == [(0, 1), (1, 1)]


def test_deleted_and_new_files_are_noticed(gen: Ledger) -> None:
    scan_issues(gen)
    gen.issue_path("300").unlink()
    shutil.copy(gen.issue_path("299"), gen.root / "issues" / "000" / "3000.yaml")
    after = scan_issues(gen)
    numbers = [f.number for f in after.issues]
    assert "300" not in numbers
    # The copy still says number 299: two files, one number, both listed (check names them).
    assert numbers.count("299") == 2
    same(after, plain(gen))


def test_deleted_bucket_folder_is_noticed(gen: Ledger) -> None:
    scan_issues(gen)
    for path in (gen.root / "issues" / "000").glob("*.yaml"):
        if path.name != "1.yaml":
            path.unlink()
    after = scan_issues(gen)
    assert [f.number for f in after.issues] == ["1"]
    same(after, plain(gen))


def test_broken_files_give_the_same_problems_cold_and_warm(gen: Ledger) -> None:
    (gen.issue_path("3")).write_text("number: '3'\ntitle: [unclosed\n", encoding="utf-8")
    text = gen.issue_path("4").read_text(encoding="utf-8")
    gen.issue_path("4").write_text(text.replace("category: ", "category: nonsense-"), encoding="utf-8")
    gen.issue_path("8").write_text("- just\n- a list\n", encoding="utf-8")
    reference = plain(gen)
    assert sorted(p.file for p in reference.problems) == [
        "issues/000/3.yaml",
        "issues/000/4.yaml",
        "issues/000/8.yaml",
    ]
    same(scan_issues(gen), reference)
    same(scan_issues(gen), reference)


def test_git_checkout_of_an_older_version_is_noticed(gen: Ledger) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(gen.root), *args], check=True, capture_output=True)

    git("init", "-q")
    git("add", "issues")
    git("commit", "-qm", "v1")
    path = gen.issue_path("42")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("detail: ", "detail: 已补充材料。", 1), encoding="utf-8")
    git("commit", "-qam", "v2")
    scan_issues(gen)
    git("checkout", "-q", "HEAD~1", "--", "issues/000/42.yaml")
    after = scan_issues(gen)
    assert path.read_text(encoding="utf-8") == text
    same(after, plain(gen))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "stale-version"])
def test_damaged_index_is_rebuilt(gen: Ledger, damage: str) -> None:
    reference = plain(gen)
    scan_issues(gen)
    path = index.index_path(gen)
    if damage == "garbage":
        path.write_bytes(os.urandom(8192))
    elif damage == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        db = sqlite3.connect(path)
        db.execute("UPDATE meta SET value = 'old' WHERE key = 'version'")
        db.commit()
        db.close()
    same(scan_issues(gen), reference)
    db = sqlite3.connect(path)
    (version,) = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    db.close()
    assert version == index.index_version()
    same(scan_issues(gen), reference)


def test_stored_facts_that_lie_are_not_used_after_a_version_change(gen: Ledger) -> None:
    """A different version means the stored facts are ignored even when stat data matches."""
    scan_issues(gen)
    path = index.index_path(gen)
    db = sqlite3.connect(path)
    db.execute("DELETE FROM dirs")
    db.execute("UPDATE meta SET value = 'other' WHERE key = 'version'")
    db.commit()
    db.close()
    assert len(scan_issues(gen).issues) == 300


def test_locked_index_does_not_fail_a_read(gen: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "BUSY_TIMEOUT", 0.05)
    scan_issues(gen)
    gen.issue_path("9").unlink()
    holder = sqlite3.connect(index.index_path(gen), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        after = scan_issues(gen)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    same(after, plain(gen))
    same(scan_issues(gen), plain(gen))


def test_index_locked_while_reading_is_left_alone(gen: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "BUSY_TIMEOUT", 0.05)
    scan_issues(gen)
    inode = index.index_path(gen).stat().st_ino
    holder = sqlite3.connect(index.index_path(gen), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("DELETE FROM dirs")  # a writer in the middle of its transaction
    try:
        same(scan_issues(gen), plain(gen))
        assert index.index_path(gen).stat().st_ino == inode  # not rebuilt under the writer
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    calls: list[tuple[int, int]] = []
    same(scan_issues(gen, progress=lambda done, total: calls.append((done, total))), plain(gen))
    assert calls == []


def test_read_only_folder_still_reads(gen: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(store, "write_full", refuse)
    same(scan_issues(gen), plain(gen))
    assert not index.index_path(gen).exists()


# -- found in review: what the index must also survive --------------------------------------


def test_the_version_covers_every_module_that_reads_an_issue() -> None:
    """A change to any module used to read a file into what is stored rebuilds the index."""
    code = (
        "import os, sys\n"
        "from ledger.index import parse\n"
        "names = sorted(os.listdir('data/issues/000'))[:5]\n"
        "parse.parse_files('data', ['issues/000/' + n for n in names] + ['issues/000/missing.yaml'], 0)\n"
        "print(' '.join(m.__file__ for m in list(sys.modules.values())"
        " if m.__name__.startswith('ledger.') and getattr(m, '__file__', None)))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    names = {Path(file).resolve().relative_to(REPO / "ledger").as_posix() for file in loaded}
    assert "issue.py" in names and "patterns.py" in names and "index/parse.py" in names
    covered = {path.resolve().relative_to(REPO / "ledger").as_posix() for path in store.version_files()}
    assert (
        names - {"__init__.py", "i18n.py", "catalog.py"} - {n for n in names if n.startswith("catalog/")}
        <= covered
    )


def test_the_version_changes_with_the_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    before = index.index_version()
    assert "pydantic" in store._package_stamp("pydantic") and "?" not in store._package_stamp("pydantic")
    monkeypatch.setattr(store, "_package_stamp", lambda package: f"{package}:upgraded")
    assert index.index_version() != before


def test_deeply_nested_file_is_one_problem_with_and_without_index(gen: Ledger) -> None:
    deep = "".join(" " * i + "a:\n" for i in range(600))  # deeper than Python's recursion limit
    (gen.root / "issues" / "000" / "deep.yaml").write_text(deep, encoding="utf-8")
    reference = plain(gen)
    assert [p.file for p in reference.problems] == ["issues/000/deep.yaml"]
    same(scan_issues(gen), reference)
    same(scan_issues(gen), reference)


def test_folder_name_that_is_not_utf8_keeps_a_warm_index(gen: Ledger) -> None:
    odd = os.fsdecode(b"issues/\xff")
    try:
        (gen.root / odd).mkdir()
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses such a name")
    shutil.copy(gen.issue_path("1"), gen.root / odd / "1.yaml")
    reference = plain(gen)
    same(scan_issues(gen), reference)
    calls: list[tuple[int, int]] = []
    same(scan_issues(gen, progress=lambda done, total: calls.append((done, total))), reference)
    assert calls == []  # stored, not read again
    assert not list((gen.root / ".caseledger").glob(".*.tmp"))


_PARENT = os.getpid()
_READ_FOLDER = refresh.read_folder


def _die_in_a_worker(*args: Any) -> Any:
    if os.getpid() != _PARENT:
        os._exit(9)
    return _READ_FOLDER(*args)


def test_a_worker_that_dies_is_read_again_here(gen: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed mid-build (out of memory, kill -9) breaks the pool: what it had not
    finished is read in this process, and the figures are the same."""
    assert os.getpid() == _PARENT
    monkeypatch.setattr(refresh, "PARALLEL_MIN", 10)
    monkeypatch.setattr(refresh, "read_folder", _die_in_a_worker)
    same(scan_issues(gen), plain(gen))
    assert month_counts(gen, *MONTH) == month_counts(gen, *MONTH, use_index=False)


# -- the strict YAML reader (more in test_fastyaml.py) -----------------------------------


def test_fast_load_matches_load_plain_on_generated_files(gen: Ledger) -> None:
    for path in gen.issue_files():
        text = path.read_text(encoding="utf-8")
        fast = fast_load(text)
        assert fast is not None, path
        assert typed(fast) == typed(load_plain(text))


# -- single-issue commands touch one issue file -----------------------------------------------

_AUDIT: list[tuple[str, str]] | None = None


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _AUDIT is not None and event in ("open", "os.listdir", "os.scandir") and args and args[0] is not None:
        _AUDIT.append((event, os.fsdecode(args[0]) if isinstance(args[0], str | bytes | os.PathLike) else ""))


_HOOKED = False


def _touched(root: Path, argv: list[str]) -> list[tuple[str, str]]:
    """Run one CLI command in-process; the (event, path) pairs it made under issues/."""
    global _AUDIT, _HOOKED
    from typer.testing import CliRunner

    from caseledger.cli import app

    if not _HOOKED:
        import sys

        sys.addaudithook(_audit)
        _HOOKED = True
    _AUDIT = []
    try:
        result = CliRunner().invoke(app, ["-C", str(root), *argv], catch_exceptions=False)
    finally:
        seen, _AUDIT = _AUDIT, None
    assert result.exit_code == 0, result.output
    issues = str(root / "issues")
    return [(event, os.path.relpath(path, root)) for event, path in seen if path.startswith(issues)]


def test_single_issue_commands_touch_only_their_file(gen: Ledger) -> None:
    # show: reads issue 123's file and nothing else under issues/
    touched = _touched(gen.root, ["issue", "show", "123"])
    assert {path for _, path in touched} == {"issues/000/123.yaml"}
    # close: that file, its temp file for the atomic write, and the folder (opened to fsync it)
    number = next(f.number for f in plain(gen).issues if f.status == "open")
    touched = _touched(gen.root, ["issue", "close", number, "--disposition", "resolved", "--note", "ok"])
    paths = {path for _, path in touched}
    assert f"issues/000/{number}.yaml" in paths
    allowed = (f"issues/000/{number}.yaml", "issues/000")
    assert all(p in allowed or p.startswith(f"issues/000/.{number}.yaml.") for p in paths), paths
    # open: the allocator lists issues/ and the highest bucket only, then writes the new file
    touched = _touched(
        gen.root, ["issue", "open", "--village", "t01-v01", "--title", "新问题", "--category", "hardship"]
    )
    listed = {path for event, path in touched if event != "open"}
    assert listed <= {"issues", "issues/000"}
    opened = {path for event, path in touched if event == "open"}
    assert all(
        p == "issues/000/301.yaml" or p.startswith("issues/000/.301.yaml.") or p == "issues/000"
        for p in opened
    )


def test_folder_name_with_space_and_hash_keeps_a_warm_index(generated: Path, tmp_path: Path) -> None:
    copy = tmp_path / "县 台账 #1"
    shutil.copytree(generated, copy, ignore=shutil.ignore_patterns(".caseledger"))
    ledger = Ledger(copy)
    refresh.RACY_NS, saved = 0, refresh.RACY_NS
    try:
        same(scan_issues(ledger), plain(ledger))
        calls: list[tuple[int, int]] = []
        scan_issues(ledger, progress=lambda done, total: calls.append((done, total)))
    finally:
        refresh.RACY_NS = saved
    assert calls == []


def test_file_in_the_wrong_folder_is_still_sorted_by_number(gen: Ledger) -> None:
    (gen.root / "issues" / "001").mkdir()
    gen.issue_path("5").rename(gen.root / "issues" / "001" / "5.yaml")
    gen.issue_path("250").rename(gen.root / "issues" / "250.yaml")
    after = scan_issues(gen)
    assert [f.number for f in after.issues] == [str(n) for n in range(1, 301)]
    same(after, plain(gen))
    same(scan_issues(gen), plain(gen))


def test_progress_bar_is_on_stderr_and_only_for_many_files(progress_bars: list[Any], capsys) -> None:
    from caseledger.commands.progress import index_progress

    made = progress_bars
    with index_progress("zh") as progress:
        progress(0, 2000)
        progress(2000, 2000)
    assert made == []
    with index_progress("zh") as progress:
        progress(0, 2001)
        progress(2001, 2001)
    assert len(made) == 1 and made[0].console.stderr
    assert [task.description for task in made[0].tasks] == ["正在为台账建立索引"]  # the catalog's words
    assert capsys.readouterr().out == ""


def test_generated_ledger_passes_check(gen: Ledger) -> None:
    from typer.testing import CliRunner

    from caseledger.cli import app

    result = CliRunner().invoke(app, ["-C", str(gen.root), "check", "--format", "json"])
    import json

    assert json.loads(result.stdout) == {"ok": True, "problems": []}, result.output
    assert result.exit_code == 0


# -- storage errors fall back, bugs do not; damaged blobs are read again ------------------------


@pytest.mark.parametrize("reader", ["months", "scan", "checks"])
def test_a_bug_in_the_summary_code_propagates(
    gen: Ledger, monkeypatch: pytest.MonkeyPatch, reader: str
) -> None:
    """Only storage errors fall back to the files: a TypeError in the month summary, the
    facts' assembly or the check summary is a bug, and a test must see it (one such bug once
    left 96 tests green)."""
    from ledger.index import query, summary

    def broken(*args: Any, **kwargs: Any) -> None:
        raise TypeError("a bug injected into the summary code")

    target = {
        "months": (summary, "add_period"),
        "scan": (query, "_assemble"),
        "checks": (summary, "add_checks"),
    }
    monkeypatch.setattr(*target[reader], broken)
    read = {
        "months": lambda: month_counts(gen, *MONTH),
        "scan": lambda: scan_issues(gen),
        "checks": lambda: issue_table(gen),
    }[reader]
    with pytest.raises(TypeError, match="injected"):
        read()


@pytest.mark.parametrize("failure", ["oserror", "sqlite"])
def test_a_storage_error_falls_back_to_the_files(
    gen: Ledger, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    def fail(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk gone") if failure == "oserror" else sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(refresh, "walk", fail)
    same(scan_issues(gen), plain(gen))
    assert month_counts(gen, *MONTH) == month_counts(gen, *MONTH, use_index=False)


def _flip_a_bit_of(path: Path, blob: bytes, at: int) -> None:
    """Flip one bit of `blob` where SQLite stored it: at `at` (past the digest), or a little
    further on where a page boundary splits the row's bytes there (a big row overflows)."""
    assert 32 <= at < len(blob) - 32
    data = bytearray(path.read_bytes())
    for spot in range(at, len(blob) - 32, 64):
        window = blob[spot - 32 : spot + 32]
        where = data.find(window)
        if where >= 0 and data.find(window, where + 1) < 0:  # found once, in one piece
            data[where + 32] ^= 0x01
            path.write_bytes(bytes(data))
            return
    raise AssertionError("the blob's bytes are not in the file")


def test_one_flipped_bit_in_a_stored_month_blob_is_noticed(gen: Ledger) -> None:
    """One bit flipped in a stored month blob once changed a satisfaction count 67 → 81 with
    exit 0. Each blob is checksummed: the folder is read again and the figures stay right."""
    reference = all_months(gen, use_index=False)
    assert all_months(gen, use_index=True) == reference
    path = index.index_path(gen)
    db = sqlite3.connect(path)
    rel, blob = db.execute("SELECT path, months FROM dirs ORDER BY length(months) DESC").fetchone()
    db.close()
    value = store.unseal(blob)
    _flip_a_bit_of(path, blob, 150)  # inside the marshalled counts, past the digest
    db = sqlite3.connect(path)
    (damaged,) = db.execute("SELECT months FROM dirs WHERE path = ?", (rel,)).fetchone()
    db.close()
    assert damaged != blob
    with pytest.raises(store.Damaged):
        store.unseal(damaged)
    assert all_months(gen, use_index=True) == reference
    db = sqlite3.connect(path)
    (repaired,) = db.execute("SELECT months FROM dirs WHERE path = ?", (rel,)).fetchone()
    db.close()
    assert store.unseal(repaired) == value  # stored anew


@pytest.mark.parametrize("column", ["entries", "checks"])
def test_one_flipped_bit_in_stored_entries_or_checks_is_noticed(gen: Ledger, column: str) -> None:
    reference = plain(gen)
    scan_issues(gen)
    table = issue_table(gen, use_index=False)
    path = index.index_path(gen)
    db = sqlite3.connect(path)
    (blob,) = db.execute(f"SELECT {column} FROM dirs ORDER BY length({column}) DESC").fetchone()
    db.close()
    _flip_a_bit_of(path, blob, 120)
    same(scan_issues(gen), reference)
    assert issue_table(gen) == table


def test_unseal_refuses_anything_not_sealed() -> None:
    sealed = store.seal({"x": [1, 2, 3]})
    assert store.unseal(sealed) == {"x": [1, 2, 3]}
    for bad in (b"", sealed[:10], sealed[:-1], b"\x00" + sealed[1:], sealed + b"\x00"):
        with pytest.raises(store.Damaged):
            store.unseal(bad)


# -- the issues that may need attention, kept per folder (report overdue / alerts) ------------


def _attention_both(ledger: Ledger, day: date, *, use_index: bool) -> tuple[Any, Any]:
    from ledger.alerts import alert_rows_of
    from ledger.report import overdue_of
    from ledger.scan import attention

    pairs, problems, villages = attention(ledger, day, use_index=use_index)
    return (overdue_of(pairs, day), alert_rows_of(pairs, day, 5)), (problems, villages)


def test_attention_agrees_cold_warm_and_without_index_on_any_day(gen: Ledger) -> None:
    """The kept states are the states after each issue's history: right on any day after a
    folder's last day, and a day before it (a report --as-of in the past) is worked out from
    the facts. Either way the rows equal a plain read's, and those equal `report.overdue` and
    `alerts.alert_rows` over every issue's facts."""
    from ledger.alerts import alert_rows
    from ledger.report import overdue

    facts = plain(gen).issues
    days = [date(2025, 3, 1), date(2025, 9, 30), date(2026, 1, 15), date(2030, 1, 1)]
    reference = {day: _attention_both(gen, day, use_index=False) for day in days}
    for day in days:
        rows, _ = reference[day]
        assert rows == (overdue(facts, day), alert_rows(facts, day, 5))
    assert any(rows[0] for rows, _ in reference.values())  # something is overdue on some day
    assert any(rows[0] != reference[days[-1]][0][0] for rows, _ in reference.values())
    for _cold_or_warm in range(2):
        for day in days:
            assert _attention_both(gen, day, use_index=True) == reference[day]


def test_attention_warm_unpacks_no_history(gen: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a day after every issue's last, a warm call reads only the kept cases."""
    from ledger.index import packing

    day = date(2030, 1, 1)
    expected = _attention_both(gen, day, use_index=True)

    def refuse(*args: Any) -> None:
        raise AssertionError("unpacked an issue's facts")

    monkeypatch.setattr(packing, "_unpack", refuse)
    assert _attention_both(gen, day, use_index=True) == expected


def test_attention_after_an_edit_and_with_bad_files(gen: Ledger) -> None:
    """A reopened issue, a closed one and a copy: the index follows, and names the copy."""
    from ledger.lifecycle import close, reopen

    day = date(2030, 1, 1)
    _attention_both(gen, day, use_index=True)
    open_one = next(f for f in plain(gen).issues if f.status == "open")
    closed_one = next(f for f in plain(gen).issues if f.status == "closed")
    close(gen, open_one.number, disposition="resolved", note="办结", actor="测试")
    reopen(gen, closed_one.number, reason="群众不满意", actor="测试")
    shutil.copy(gen.issue_path("3"), gen.issue_path("3").with_name("3 - 副本.yaml"))
    warm = _attention_both(gen, day, use_index=True)
    assert warm == _attention_both(gen, day, use_index=False)
    assert "issues/000/3 - 副本.yaml" in {p.file for p in warm[1][0]}

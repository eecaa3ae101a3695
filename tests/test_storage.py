"""Storage: hand edits survive rewrites, writes are atomic, hostile YAML is refused, round trips."""

from __future__ import annotations

import os
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.cadre import Cadre
from ledger.errors import Invalid, LedgerError
from ledger.issue import Issue
from ledger.pairing import Pairing
from ledger.places import add_pairing, end_pairing
from ledger.store import Ledger, safe_key
from ledger.township import Township
from ledger.village import Village
from ledger.visit import Visit
from ledger.yamlio import MAX_FILE_BYTES, YamlProblem, atomic_write, dump, load_plain, read_text

# -- hand edits -----------------------------------------------------------------------------


def test_hand_comments_and_key_order_survive_pairing_end(ledger: Ledger, run) -> None:
    add_pairing(
        ledger, kind="unit-village", party="县水务局", village="dapo", since=date(2026, 1, 1), actor="x"
    )
    path = ledger.record_path("pairing", "P1")
    path.write_text(
        "# 县水务局包村，2026 年度\n"
        "village: dapo   # 大坡村\n"
        "party: 县水务局\n"
        "id: P1\n"
        "kind: unit-village\n"
        "# 开始日期按文件\n"
        "since: 2026-01-01\n",
        encoding="utf-8",
    )
    result = run("pairing", "end", "P1", "--date", "2026-10-31")
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 县水务局包村，2026 年度\nvillage: dapo   # 大坡村\nparty: 县水务局\nid: P1\n")
    assert "# 开始日期按文件\nsince: 2026-01-01\n" in text
    assert text.index("since: 2026-01-01") < text.index("until: 2026-10-31")  # new keys go at the end
    assert ledger.pairing("P1").until == date(2026, 10, 31)


def test_bom_and_crlf_are_read_and_written_back_plain(ledger: Ledger) -> None:
    add_pairing(ledger, kind="work-team", party="县工作队", village="dapo", since=date(2026, 1, 1), actor="x")
    path = ledger.record_path("pairing", "P1")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert ledger.pairing("P1").party == "县工作队"
    end_pairing(ledger, "P1", date(2026, 2, 1), actor="x")
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in data
    assert ledger.pairing("P1").until == date(2026, 2, 1)


# -- atomic writes --------------------------------------------------------------------------


def test_a_write_interrupted_before_rename_leaves_the_old_file(ledger: Ledger, monkeypatch) -> None:
    add_pairing(ledger, kind="work-team", party="县工作队", village="dapo", since=date(2026, 1, 1), actor="x")
    path = ledger.record_path("pairing", "P1")
    old = path.read_bytes()

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        end_pairing(ledger, "P1", date(2026, 3, 1), actor="x")
    monkeypatch.undo()
    assert path.read_bytes() == old
    assert sorted(p.name for p in path.parent.iterdir()) == ["P1.yaml"]
    assert ledger.pairing("P1").until is None


def test_atomic_write_interrupted_leaves_no_temp_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("name: old\n", encoding="utf-8")
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, "name: new\n")
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "name: old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_a_failed_cli_write_prints_one_error_line(run, ledger, monkeypatch, snapshot) -> None:
    add_pairing(ledger, kind="work-team", party="县工作队", village="dapo", since=date(2026, 1, 1), actor="x")
    before = snapshot(ledger.root)
    monkeypatch.setattr(
        os, "replace", lambda *a: (_ for _ in ()).throw(OSError(28, "No space left on device"))
    )
    result = run("pairing", "end", "P1", "--date", "2026-03-01")
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert snapshot(ledger.root) == before


def test_creating_never_overwrites(ledger: Ledger) -> None:
    path = ledger.record_path("township", "qinglong")
    old = path.read_bytes()
    with pytest.raises(LedgerError):
        ledger.create(path, Township(code="qinglong", name="别的镇"))
    assert path.read_bytes() == old


# -- hostile YAML ---------------------------------------------------------------------------

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
code: qinglong
name: *i
"""


def test_alias_bomb_is_refused_quickly(ledger: Ledger, run) -> None:
    (ledger.root / "townships" / "qinglong.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    started = time.perf_counter()
    result = run("township", "list")
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0
    assert result.exit_code == 1
    assert "townships/qinglong.yaml:1:" in result.stderr
    assert "aliases" in result.stderr
    with pytest.raises(YamlProblem) as caught:
        load_plain(BILLION_LAUGHS, "bomb.yaml")
    assert caught.value.key == "error.yaml.alias"


@pytest.mark.parametrize(
    "text",
    [
        "code: x\nname: !!python/object:os.system {}\n",
        "code: x\nname: !!python/object/apply:os.system ['echo pwned']\n",
        "!!python/object/new:dict {}\n",
        "code: x\nname: !custom 青龙镇\n",
    ],
)
def test_tags_are_refused(text: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        load_plain(text, "t.yaml")
    assert caught.value.key == "error.yaml.tag"


def test_python_tag_in_a_record_file_is_refused_through_the_cli(ledger: Ledger, run) -> None:
    path = ledger.record_path("village", "dapo")
    path.write_text("code: dapo\nname: !!python/object/apply:os.system ['touch pwned']\n", encoding="utf-8")
    result = run("village", "show", "dapo")
    assert result.exit_code == 1
    assert "villages/dapo.yaml:2:" in result.stderr
    assert "tags" in result.stderr
    assert not (ledger.root / "pwned").exists()


def test_duplicate_keys_are_refused_with_their_line(ledger: Ledger, run) -> None:
    path = ledger.record_path("village", "dapo")
    path.write_text("code: dapo\nname: 大坡村\ntownship: qinglong\nname: 小坡村\n", encoding="utf-8")
    with pytest.raises(YamlProblem) as caught:
        ledger.village("dapo")
    assert caught.value.key == "error.yaml.duplicate_key"
    assert caught.value.line == 4
    result = run("village", "show", "dapo")
    assert result.exit_code == 1
    assert "villages/dapo.yaml:4:" in result.stderr


def test_an_oversized_file_is_refused_by_its_size_without_reading_it(ledger: Ledger, monkeypatch) -> None:
    path = ledger.record_path("village", "dapo")
    subprocess.run(["truncate", "-s", "100M", str(path)], check=True)  # sparse: no 100 MB written
    import builtins

    real_open = builtins.open

    def watched_open(file, *args, **kwargs):
        assert Path(file) != path, "the oversized file was opened"
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watched_open)
    with pytest.raises(YamlProblem) as caught:
        read_text(path)
    assert caught.value.key == "error.yaml.too_big"
    with pytest.raises(YamlProblem):
        ledger.village("dapo")
    assert path.stat().st_size > MAX_FILE_BYTES


def test_an_oversized_file_is_a_clean_cli_error(ledger: Ledger, run) -> None:
    path = ledger.record_path("village", "dapo")
    subprocess.run(["truncate", "-s", "100M", str(path)], check=True)
    result = run("village", "list")
    assert result.exit_code == 1
    assert "at most" in result.stderr and result.stdout == ""
    lines = result.stderr.strip().splitlines()  # SPEC §4: error, the file named, the hint
    assert len(lines) == 3 and lines[0].startswith("error: ")
    assert lines[1].startswith("villages/dapo.yaml:1: ")


@pytest.mark.parametrize("code", ["../x", "/etc/passwd", "..", "a/b", "dapo\n", "", "DAPO", "x" * 41])
@pytest.mark.parametrize("kind", ["township", "village"])
def test_path_traversal_codes_are_refused(ledger: Ledger, code: str, kind: str) -> None:
    with pytest.raises(Invalid):
        safe_key(code, kind)
    if kind == "village" and code in ("dapo\n", "DAPO"):
        # Typed as clerks type it (SPEC §4): the code in another case or with a stray newline
        # names the village dapo, whose own code is what any path is made from.
        assert ledger.village(code).code == "dapo"
        return
    with pytest.raises(LedgerError):
        getattr(ledger, kind)(code)


@pytest.mark.parametrize("pid", ["../P1", "/etc/passwd", "P0", "p1", "P1/../../x"])
def test_bad_pairing_ids_are_refused(ledger: Ledger, pid: str) -> None:
    with pytest.raises(Invalid):
        safe_key(pid, "pairing")


# -- round trips ----------------------------------------------------------------------------

# Chinese, emoji, right-to-left and Latin text, on one line, without surrounding spaces.
_CHINESE = list("大坡村青龙镇白水乡县水务局王建国李秀英")
_EMOJI = ["🌾", "💧", "🚜", "👩\u200d🌾"]
_RTL = list("مرحبا שלום")
_LATIN = list("abcXYZ019 -'\":#&*!|>{}[],%@`")
_letters = st.sampled_from(_CHINESE + _EMOJI + _RTL + _LATIN)
names = st.lists(_letters, min_size=1, max_size=30).map("".join).map(str.strip).filter(bool)
codes = st.from_regex(r"\A[a-z0-9][a-z0-9_-]{0,15}\Z")
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@st.composite
def pairings(draw) -> Pairing:
    since = draw(days)
    until = draw(st.none() | st.dates(min_value=since, max_value=date(2099, 12, 31)))
    return Pairing(
        id=draw(st.from_regex(r"\A([A-Z][A-Z0-9]{0,3}-)?P[1-9][0-9]{0,4}\Z")),
        kind=draw(
            st.sampled_from(
                [
                    "unit-village",
                    "leader-village",
                    "cadre-household",
                    "first-secretary",
                    "work-team",
                    "驻村工作队",
                ]
            )
        ),
        party=draw(names),
        village=draw(codes),
        households=draw(st.lists(names, max_size=4)),
        since=since,
        until=until,
        visits_per_year=draw(st.none() | st.integers(0, 366)),
    )


_offsets = st.sampled_from(["+08:00", "+00:00", "-05:00", "+05:45"])
_lines = st.lists(names, min_size=1, max_size=3).map("\n".join)  # LongText may span lines


@st.composite
def events(draw, action: str) -> dict:
    day = draw(days)
    at = f"{day.isoformat()}T{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}:00{draw(_offsets)}"
    event: dict = {"at": at, "by": draw(names), "action": action}
    later = st.dates(min_value=day, max_value=date(2099, 12, 31))
    if action == "opened":
        event["deadline"] = draw(later)
    elif action == "escalated":
        event |= {"from": "village", "to": "township", "reason": draw(_lines), "deadline": draw(later)}
    elif action == "assigned":
        event |= {"owner": draw(names)} | draw(st.sampled_from([{}, {"owner_cadre": "QL-C3"}]))
    elif action == "extended":
        event |= {"deadline": draw(later), "reason": draw(_lines)}
    elif action == "noted":
        event["note"] = draw(_lines)
    elif action == "closed":
        event |= {
            "disposition": draw(st.sampled_from(["resolved", "已解释", "referred"])),
            "note": draw(_lines),
        }
    elif action == "reopened":
        event |= {"reason": draw(_lines), "deadline": draw(later)}
    elif action == "followed-up":
        event["satisfaction"] = draw(st.sampled_from(["satisfied", "基本满意", "unsatisfied"]))
    elif action == "supervised":
        event |= {"lead": draw(names), "reason": draw(_lines), "lead_cadre": "C12"}
    return event


_actions = st.sampled_from(
    ["escalated", "assigned", "extended", "noted", "closed", "reopened", "followed-up", "supervised"]
)


@st.composite
def issues(draw) -> Issue:
    history = [draw(events("opened"))] + [draw(events(a)) for a in draw(st.lists(_actions, max_size=4))]
    data = {
        "number": draw(st.from_regex(r"\A([A-Z][A-Z0-9]{0,3}-)?[1-9][0-9]{0,5}\Z")),
        "title": draw(names),
        "detail": draw(st.none() | _lines),
        "category": draw(st.sampled_from(["conduct", "实际困难", "shortfall", "suggestion"])),
        "topics": draw(st.lists(st.sampled_from(["饮水", "道路", "water", "低保"]), max_size=3, unique=True)),
        "village": draw(codes),
        "source": draw(st.sampled_from(["visit", "坐访值班", "hotline", "mailbox"])),
        "received": draw(days),
        "reporter": draw(st.none() | st.fixed_dictionaries({"name": names}, optional={"phone": names})),
        "owner": draw(st.none() | names),
        "visit": draw(st.none() | st.just("QL-V7")),
        "level": draw(st.sampled_from(["village", "乡镇", "county"])),
        "status": draw(st.sampled_from(["open", "closed"])),
        "deadline": draw(days),
        "private": draw(st.none() | st.booleans()),
        "closed": draw(st.none() | days),
        "satisfaction": draw(st.none() | st.just("satisfied")),
        "supervised": draw(st.booleans()),
        "ref": draw(st.none() | names),
        "history": history,
    }
    return Issue.model_validate(data)


@st.composite
def cadres(draw) -> Cadre:
    since = draw(days)
    return Cadre.model_validate(
        {
            "id": draw(st.from_regex(r"\A([A-Z][A-Z0-9]{0,3}-)?C[1-9][0-9]{0,4}\Z")),
            "name": draw(names),
            "rank": draw(st.sampled_from(["province", "市厅级", "county", "乡镇级", "village"])),
            "unit": draw(st.none() | names),
            "post": draw(st.none() | names),
            "phone": draw(st.none() | st.from_regex(r"\A1[3-9][0-9]{9}\Z")),
            "township": draw(st.none() | codes),
            "since": since,
            "until": draw(st.none() | st.dates(min_value=since, max_value=date(2099, 12, 31))),
            "targets": draw(st.none() | st.fixed_dictionaries({}, optional={"days": st.integers(0, 366)})),
        }
    )


@st.composite
def visits(draw) -> Visit:
    households = draw(st.lists(names, max_size=4))
    data = {
        "id": draw(st.from_regex(r"\A([A-Z][A-Z0-9]{0,3}-)?V[1-9][0-9]{0,5}\Z")),
        "date": draw(days),
        "village": draw(codes),
        "cadres": draw(st.lists(st.sampled_from(["C1", "C2", "QL-C3"]), min_size=1, max_size=3, unique=True)),
        "kind": draw(st.sampled_from(["home", "坐访值班", "meeting", "night"])),
        "households": households,
        "stayed": draw(st.booleans()),
        "note": draw(st.none() | _lines),
        "answered": draw(st.lists(names, max_size=2)),
        "issues": draw(st.lists(st.sampled_from(["12", "QL-7"]), max_size=2, unique=True)),
    }
    if draw(st.booleans()):
        data["people"] = draw(st.integers(0, 500))
    return Visit.model_validate(data)


records = st.one_of(
    issues(),
    cadres(),
    visits(),
    st.builds(Township, code=codes, name=names),
    st.builds(
        Village,
        code=codes,
        name=names,
        township=codes,
        kind=st.sampled_from(["village", "community", "村", "社区"]),
        households=st.none() | st.integers(0, 100_000),
    ),
    pairings(),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record=records)
def test_round_trip_load_save_load(tmp_path: Path, record) -> None:
    ledger = Ledger(tmp_path)
    path = tmp_path / "record.yaml"
    if path.exists():
        path.unlink()
    ledger.create(path, record)
    first_bytes = path.read_bytes()
    loaded = ledger.read_record(type(record), path)
    assert loaded.model_dump() == record.model_dump()
    ledger.update(path, loaded)
    assert path.read_bytes() == first_bytes  # saving again changes nothing
    again = ledger.read_record(type(record), path)
    assert again.model_dump() == record.model_dump()
    ledger.update(path, again)
    assert path.read_bytes() == first_bytes
    assert dump(again.to_yaml()) == first_bytes.decode("utf-8")


# -- two readers, one result ----------------------------------------------------------------
# `read_record` and `read_raw` try the strict fast reader (ledger/fastyaml.py) first and fall
# back to the safe loader when it declines; these tests pin that the path taken never shows.


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    from test_index import _generator as bench_generator

    return bench_generator().generate(tmp_path_factory.mktemp("gen") / "ledger", 40, year=2025, seed=3)


def _safe_loader_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from ledger import fastyaml

    monkeypatch.setattr(fastyaml, "fast_load", lambda text: None)


def _typed(value):
    """`value` with every scalar's type made visible, so True ≠ 1 and a date ≠ a string."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


def _record_files(ledger: Ledger):
    from ledger.issue import Issue
    from ledger.settings import Settings
    from ledger.store import SETTINGS_FILE, record_model

    yield Settings, ledger.root / SETTINGS_FILE
    for kind in ("township", "village", "pairing"):
        for path in ledger.record_files(kind):
            yield record_model(kind), path
    for path in sorted(ledger.issue_files()):
        yield Issue, path


def _read_both(ledger: Ledger, model, path: Path) -> tuple:
    record = ledger.read_record(model, path)
    return (record, record.model_dump(), record.origin, _typed(ledger.read_raw(path)))


def test_records_read_fast_equal_records_read_by_the_safe_loader(generated: Ledger, monkeypatch) -> None:
    from ledger.fastyaml import fast_load

    files = list(_record_files(generated))
    fast = [_read_both(generated, model, path) for model, path in files]
    assert all(fast_load(read_text(path)) is not None for _model, path in files)
    _safe_loader_only(monkeypatch)
    assert [_read_both(generated, model, path) for model, path in files] == fast


def test_files_caseledger_writes_read_the_same_either_way(ledger: Ledger, run, monkeypatch) -> None:
    from ledger.fastyaml import fast_load
    from ledger.issue import Issue
    from ledger.store import KIND_DIRS, record_model

    run(
        "pairing",
        "add",
        "--kind",
        "unit-village",
        "--party",
        "县水务局",
        "--village",
        "dapo",
        "--since",
        "2026-01-01",
    )
    run(
        "issue",
        "open",
        "--village",
        "dapo",
        "--title",
        "路灯坏了",
        "--category",
        "hardship",
        "--date",
        "2026-03-01",
    )
    run("issue", "close", "1", "--disposition", "resolved", "--note", "修好了", "--date", "2026-03-02")
    issue = ledger.issue_path("1")
    files = [(Issue, issue), *((record_model(k), p) for k in KIND_DIRS for p in ledger.record_files(k))]
    assert "duplicate_of: null" in issue.read_text(encoding="utf-8")
    assert "until: null" in ledger.record_path("pairing", "P1").read_text(encoding="utf-8")
    assert all(fast_load(read_text(path)) is not None for _model, path in files)
    fast = [_read_both(ledger, model, path) for model, path in files]
    _safe_loader_only(monkeypatch)
    assert [_read_both(ledger, model, path) for model, path in files] == fast


@pytest.mark.parametrize(
    "text",
    [
        "a: null\n",
        "a:\n  - null\n  - b: null\n",
        "a: [x, null]\n",
        "a: nullable\n",
        "a: 'null'\n",
    ],
)
def test_fast_load_reads_null_as_the_safe_loader_does(text: str) -> None:
    from ledger.fastyaml import fast_load

    assert _typed(fast_load(text)) == _typed(load_plain(text))


@pytest.mark.parametrize("text", ["null: 1\n", "a: Null\n", "a: NULL\n", "a: ~\n", "null\n"])
def test_fast_load_still_declines_other_nulls(text: str) -> None:
    from ledger.fastyaml import fast_load

    assert fast_load(text) is None


def test_fast_load_refuses_the_same_characters_as_before() -> None:
    import re

    from ledger.fastyaml import _BAD_CHARS_RE

    every = "".join(map(chr, range(0x110000)))
    before = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    assert _BAD_CHARS_RE.findall(every) == before.findall(every)


def test_the_fast_way_does_not_touch_the_safe_loader(generated: Ledger, monkeypatch) -> None:
    from ledger import store
    from ledger.village import Village

    def refuse(*args, **kwargs):
        raise AssertionError("load_plain called")

    monkeypatch.setattr(store, "load_plain", refuse)
    path = generated.record_files("village")[0]
    assert generated.read_record(Village, path).code == path.stem
    assert generated.read_raw(path)["code"] == path.stem


V = "villages/dapo.yaml"
# text → the problem `check` and `village list` print; (fast) marks texts the fast reader reads
# (only validation fails), so both ways are exercised.
BROKEN_VILLAGES = {
    "empty": ("", f"{V}:1: the file is empty"),
    "only_comments": ("# nothing yet\n\n# still nothing\n", f"{V}:1: the file is empty"),
    "null": ("null\n", f"{V}:1: the file is empty"),
    "list": ("- code: dapo\n- name: 大坡村\n", f"{V}:1: a record file must be a mapping of keys to values"),
    "scalar": ("大坡村\n", f"{V}:1: a record file must be a mapping of keys to values"),
    "negative_households": (
        "code: dapo\nname: 大坡村\ntownship: qinglong\nhouseholds: -5\n",
        f"{V}:4: households: Input should be greater than or equal to 0",
    ),
    "yes_households": (
        "code: dapo\nname: 大坡村\ntownship: qinglong\nhouseholds: yes\n",
        f"{V}:4: households: Input should be a valid integer, unable to parse string as an integer",
    ),
    "duplicate_key": ("code: dapo\nname: a\nname: b\ntownship: qinglong\n", f"{V}:3: a key appears twice"),
    "syntax": (
        "code: dapo\nname: [unclosed\ntownship: qinglong\n",
        f"{V}:3: YAML syntax error: did not find expected ',' or ']'",
    ),
    "alias": (
        "code: &c dapo\nname: *c\ntownship: qinglong\n",
        f"{V}:1: YAML anchors and aliases (&, *) are not allowed in a record",
    ),
    "tag": (
        "code: !!str dapo\nname: x\ntownship: qinglong\n",
        f"{V}:1: YAML tags such as tag:yaml.org,2002:str are not allowed in a record",
    ),
    "tab_indent": (
        "code: dapo\n\tname: x\n",
        f"{V}:2: YAML syntax error: found a tab character that violates indentation",
    ),
    # (fast): readable YAML, invalid as a village
    "households_text": (
        "code: dapo\nname: 大坡村\ntownship: qinglong\nhouseholds: many\n",
        f"{V}:4: households: Input should be a valid integer, unable to parse string as an integer",
    ),
    "unknown_key": (
        "code: dapo\nname: 大坡村\n# a comment\nmayor: 张三\ntownship: qinglong\n",
        f"{V}:4: mayor: Extra inputs are not permitted",
    ),
    "bad_code": (
        "name: 大坡村\ncode: Da Po\ntownship: qinglong\n",
        f"{V}:2: code: must be 1–40 lowercase letters, digits, '-' or '_', starting with a letter or digit",
    ),
    "missing_township": ("code: dapo\nname: 大坡村\n", f"{V}:1: township: Field required"),
    "code_as_list": (
        "code: [dapo]\nname: 大坡村\ntownship: qinglong\n",
        f"{V}:1: code: Input should be a valid string",
    ),
    "bad_kind": (
        "code: dapo\nname: 大坡村\ntownship: qinglong\nkind: 城市\n",
        f"{V}:4: kind: Input should be 'village' or 'community'",
    ),
    "blank_name_quoted": ("code: dapo\nname: '  '\ntownship: qinglong\n", f"{V}:2: name: must not be empty"),
    "name_as_list": (
        "code: dapo\nname:\n  - 大坡村\ntownship: qinglong\n",
        f"{V}:2: name: Input should be a valid string",
    ),
}
FAST_READABLE = {
    "households_text", "unknown_key", "bad_code", "missing_township", "code_as_list", "bad_kind",
    "blank_name_quoted", "name_as_list",
}  # fmt: skip


def _outcome(read, path: Path) -> tuple:
    """What reading `path` gives: the value, or everything an error carries and says."""
    try:
        value = read(path)
    except LedgerError as exc:
        params = dict(exc.params)
        line = getattr(exc, "line", None)
        return (
            type(exc),
            exc.key,
            getattr(exc, "path", None),
            line,
            params,
            exc.message("en"),
            exc.message("zh"),
        )
    return ("read", _typed(value))


@pytest.mark.parametrize("name", sorted(BROKEN_VILLAGES))
def test_broken_files_fail_the_same_either_way(ledger: Ledger, monkeypatch, name: str) -> None:
    from ledger.fastyaml import fast_load

    text, expected = BROKEN_VILLAGES[name]
    path = ledger.record_path("village", "dapo")
    path.write_text(text, encoding="utf-8")
    assert (fast_load(text) is not None) == (name in FAST_READABLE)

    def outcomes() -> tuple:
        problems = [p.render("en") for p in ledger.load_all("village")[1]]
        return (
            _outcome(lambda p: ledger.read_record(Village, p), path),
            _outcome(ledger.read_raw, path),
            problems,
        )

    fast = outcomes()
    assert fast[2] == [expected]
    _safe_loader_only(monkeypatch)
    assert outcomes() == fast


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record=records)
def test_written_records_read_the_same_either_way(tmp_path: Path, record) -> None:
    from ledger import fastyaml

    ledger = Ledger(tmp_path)
    path = tmp_path / "record.yaml"
    path.unlink(missing_ok=True)
    ledger.create(path, record)
    fast = ledger.read_record(type(record), path)
    fast_raw = _typed(ledger.read_raw(path))
    original = fastyaml.fast_load
    fastyaml.fast_load = lambda text: None
    try:
        assert ledger.read_record(type(record), path) == fast
        assert _typed(ledger.read_raw(path)) == fast_raw
    finally:
        fastyaml.fast_load = original


# -- what a write reads -----------------------------------------------------------------------


def test_a_write_never_reads_through_the_fast_reader(ledger: Ledger, run, monkeypatch) -> None:
    """Read-only paths may use `fastyaml.fast_load`; a write validates what ruamel parses (the
    parser its round-trip rewrite uses), so the two readers can never disagree inside a write."""
    import ledger.fastyaml as fastyaml

    real = fastyaml.fast_load
    calls: list[bool] = []

    def watched(text: str):  # type: ignore[no-untyped-def]
        calls.append(ledger_now.writing)
        return real(text)

    monkeypatch.setattr(fastyaml, "fast_load", watched)
    ledger_now = ledger
    from ledger.lifecycle import close, escalate, note, open_issue

    issue = open_issue(ledger, village="dapo", title="水泵损坏", category="hardship", actor="x")
    note(ledger, issue.number, "再次走访", actor="x")
    escalate(ledger, issue.number, reason="村里解决不了", actor="x")
    close(ledger, issue.number, disposition="resolved", note="已修好", actor="x")
    add_pairing(ledger, kind="work-team", party="县工作队", village="dapo", since=date(2026, 1, 1), actor="x")
    end_pairing(ledger, "P1", date(2026, 2, 1), actor="x")
    assert not ledger.writing  # reset when the write ends
    assert True not in calls
    # …and the read-only paths still use it (or this test would prove nothing).
    assert run("issue", "show", issue.number).exit_code == 0
    assert ledger.read_record(Pairing, ledger.record_path("pairing", "P1")).until == date(2026, 2, 1)
    assert False in calls

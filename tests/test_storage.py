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

from ledger.errors import Invalid, LedgerError
from ledger.pairing import Pairing
from ledger.places import add_pairing, end_pairing
from ledger.store import Ledger, safe_key
from ledger.township import Township
from ledger.village import Village
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
    assert sorted(p.name for p in path.parent.iterdir()) == [".gitkeep", "P1.yaml"]
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
    assert "at most" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("code", ["../x", "/etc/passwd", "..", "a/b", "dapo\n", "", "DAPO", "x" * 41])
@pytest.mark.parametrize("kind", ["township", "village"])
def test_path_traversal_codes_are_refused(ledger: Ledger, code: str, kind: str) -> None:
    with pytest.raises(Invalid):
        safe_key(code, kind)
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


records = st.one_of(
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


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
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

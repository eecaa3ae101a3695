"""Hostile input (SPEC §2, §4): every bad value or bad file is refused with one readable
`error: …` line on stderr, the right exit code, no traceback, and no file changed.

Values arrive through the CLI (`CliRunner`, so a 1 MB argument is possible); bad files are
written by hand into a ledger and then read by a command.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ledger import yamlio
from ledger.errors import Invalid, LedgerError
from ledger.store import Ledger

# -- helpers --------------------------------------------------------------------------------


def assert_refused(result, code: int, before: dict[str, bytes], after: dict[str, bytes], what="") -> str:
    """Exit `code`, exactly one `error: …` line on stderr, no traceback, nothing written."""
    assert result.exit_code == code, (what, result.exit_code, result.stdout, result.stderr)
    err = result.stderr
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1, (what, err)
    assert lines[0].startswith("error: "), (what, err)
    assert "Traceback" not in err and "Traceback" not in result.stdout, what
    assert len(lines[0]) < 2000, f"the error line echoes a huge value back ({what!r})"
    assert after == before, f"a refused command changed the ledger's files ({what!r})"
    return lines[0]


def assert_bad_file(result, file: str, before: dict[str, bytes], after: dict[str, bytes], what="") -> None:
    """A whole-ledger reader's refusal (SPEC §4): exit 1, nothing on stdout, `error: …` then the
    bad file named on its own line and the hint, no traceback, short lines, nothing written."""
    assert result.exit_code == 1, (what, result.exit_code, result.stdout, result.stderr)
    assert result.stdout == "", what
    lines = result.stderr.strip("\n").split("\n")
    assert lines[0].startswith("error: ") and "caseledger check" in lines[-1], (what, result.stderr)
    assert any(line.startswith(f"{file}:") for line in lines[1:-1]), (what, result.stderr)
    assert "Traceback" not in result.stderr, what
    assert all(len(line) < 2000 for line in lines), f"the error echoes a huge value back ({what!r})"
    assert after == before, f"a refused command changed the ledger's files ({what!r})"


@pytest.fixture(scope="module")
def _template(tmp_path_factory) -> Path:
    from ledger.places import add_township, add_village
    from ledger.setup import init_ledger

    lg = init_ledger(tmp_path_factory.mktemp("template") / "ledger", "测试县民情台账")
    add_township(lg, "qinglong", "青龙镇", actor="测试员")
    add_township(lg, "baishui", "白水乡", actor="测试员")
    add_village(lg, "dapo", "大坡村", "qinglong", households=412, actor="测试员")
    add_village(lg, "xiaoshan", "小山社区", "qinglong", kind="community", actor="测试员")
    add_village(lg, "shuijing", "水井村", "baishui", households=230, actor="测试员")
    return lg.root


@pytest.fixture
def ledger(_template: Path, tmp_path: Path) -> Ledger:
    """The conftest ledger (two townships, three villages), copied instead of rebuilt: faster."""
    import shutil

    return Ledger(Path(shutil.copytree(_template, tmp_path / "ledger", symlinks=True)))


@pytest.fixture
def paired(ledger: Ledger, run) -> Ledger:
    result = run("pairing", "add", "--kind", "unit-village", "--party", "县水务局", "--village", "dapo",
                 "--since", "2026-01-05")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return ledger


# -- codes, ids and numbers that try to leave their folder ----------------------------------

PATHLIKE = ["../x", "/etc/passwd", "42/../../1", "..", ".", "a/b", "x\\..\\y", "", "   ", "\t", "dapo\n"]


def test_township_code_pathlike_refused(run, ledger, snapshot) -> None:
    before = snapshot(ledger.root)
    for code in PATHLIKE:
        result = run("township", "add", code, "--name", "某镇")
        assert_refused(result, 1, before, snapshot(ledger.root), code)
    assert not (ledger.root.parent / "x.yaml").exists()


def test_village_show_pathlike_refused(run, ledger, snapshot) -> None:
    before = snapshot(ledger.root)
    for code in PATHLIKE:
        if code == "dapo\n":  # a stray newline after a real code names that village (SPEC §4)
            assert run("village", "show", code).stdout.count("大坡村") == 1
            continue
        assert_refused(run("village", "show", code), 1, before, snapshot(ledger.root), code)


def test_pairing_end_pathlike_refused(run, paired, snapshot) -> None:
    before = snapshot(paired.root)
    # p1 and "P1\\n" are P1 as clerks type it (SPEC §4): not here.
    for pid in [*PATHLIKE, "P0", "P1/../../ledger", "P-1"]:
        result = run("pairing", "end", pid, "--date", "2026-02-01")
        assert_refused(result, 1, before, snapshot(paired.root), pid)


@pytest.mark.parametrize("township", ["../townships/qinglong", "/etc/passwd", " qinglong/"])
def test_village_with_pathlike_township_refused(run, ledger, snapshot, township) -> None:
    before = snapshot(ledger.root)
    result = run("village", "add", "newv", "--name", "新村", "--township", township)
    assert_refused(result, 1, before, snapshot(ledger.root))


def test_a_township_code_in_capitals_is_stored_as_its_code(run, ledger) -> None:
    result = run("village", "add", "newv", "--name", "新村", "--township", "QINGLONG")
    assert result.exit_code == 0, result.output
    assert ledger.village("newv").township == "qinglong"


# -- empty, whitespace, control characters, huge values ------------------------------------

BAD_TEXT = ["", "   ", "\t\n", "坏\x00名", "bell\x07", "esc\x1b[31mred", "line\nbreak", "del\x7f", "a\u2028b"]


def test_bad_names_refused(run, ledger, snapshot) -> None:
    before = snapshot(ledger.root)
    for name in BAD_TEXT:
        result = run("township", "add", "newt", "--name", name)
        assert_refused(result, 1, before, snapshot(ledger.root), name)


def test_bad_pairing_party_refused(run, ledger, snapshot) -> None:
    before = snapshot(ledger.root)
    for party in BAD_TEXT:
        result = run("pairing", "add", "--kind", "unit-village", "--party", party, "--village", "dapo")
        assert_refused(result, 1, before, snapshot(ledger.root), party)


def test_one_megabyte_name_refused(run, ledger, snapshot) -> None:
    before = snapshot(ledger.root)
    result = run("township", "add", "big", "--name", "长" * (1 << 20))
    assert_refused(result, 1, before, snapshot(ledger.root))


def test_one_megabyte_household_refused(run, ledger, snapshot) -> None:
    before = snapshot(ledger.root)
    result = run("pairing", "add", "--kind", "cadre-household", "--party", "王书记", "--village", "dapo",
                 "--household", "户" * (1 << 20))  # fmt: skip
    assert_refused(result, 1, before, snapshot(ledger.root))


# -- dates, numbers and enums that cannot be read -------------------------------------------

# 2026-1-5, 2026/1/5 and 2026年1月5日 are dates as clerks type them (SPEC §4): not here.
BAD_DATES = ["2026-02-30", "tomorrow", "2026-13-01", "2026-1-32", "01/02/2026", "", " ", "2026-02-28x"]


@pytest.mark.parametrize("day", BAD_DATES)
def test_bad_pairing_since_is_usage_error(run, ledger, snapshot, day) -> None:
    before = snapshot(ledger.root)
    result = run("pairing", "add", "--kind", "unit-village", "--party", "局", "--village", "dapo",
                 "--since", day)  # fmt: skip
    assert_refused(result, 2, before, snapshot(ledger.root))


@pytest.mark.parametrize("day", BAD_DATES)
def test_bad_pairing_end_date_is_usage_error(run, paired, snapshot, day) -> None:
    before = snapshot(paired.root)
    result = run("pairing", "end", "P1", "--date", day)
    assert_refused(result, 2, before, snapshot(paired.root))


@pytest.mark.parametrize("value", ["abc", "1.5", "", "一百"])
def test_unreadable_number_is_usage_error(run, ledger, snapshot, value) -> None:
    before = snapshot(ledger.root)
    result = run("village", "add", "newv", "--name", "新村", "--township", "qinglong", "--households", value)
    assert_refused(result, 2, before, snapshot(ledger.root))


@pytest.mark.parametrize("value", ["-1", "99999999999999999999999"])
def test_an_implausible_count_is_refused(run, ledger, snapshot, value) -> None:
    before = snapshot(ledger.root)
    result = run("village", "add", "newv", "--name", "新村", "--township", "qinglong", "--households", value)
    assert_refused(result, 1, before, snapshot(ledger.root))


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["village", "add", "newv", "--name", "新村", "--township", "qinglong", "--kind", "VILLAGE"], 1),
        (["village", "add", "newv", "--name", "新村", "--township", "qinglong", "--kind", "Community"], 1),
        (["pairing", "add", "--kind", "Unit-Village", "--party", "局", "--village", "dapo"], 1),
        (["pairing", "add", "--kind", "UNIT-VILLAGE", "--party", "局", "--village", "dapo"], 1),
        (["pairing", "add", "--kind", "", "--party", "局", "--village", "dapo"], 1),
    ],
)
def test_enum_in_wrong_case_refused(run, ledger, snapshot, args, code) -> None:
    before = snapshot(ledger.root)
    result = run(*args)
    assert_refused(result, code, before, snapshot(ledger.root))


def test_unknown_option_is_one_line_usage_error(run, ledger, snapshot) -> None:
    before = snapshot(ledger.root)
    result = run("township", "add", "newt", "--name", "镇", "--colour", "red")
    assert_refused(result, 2, before, snapshot(ledger.root))


def test_missing_option_is_one_line_usage_error(run, ledger, snapshot) -> None:
    before = snapshot(ledger.root)
    result = run("township", "add", "newt")
    assert_refused(result, 2, before, snapshot(ledger.root))


# -- record files that are not what they claim ----------------------------------------------

GOOD_TOWNSHIP = "code: evil\nname: 恶镇\n"
HOSTILE_FILES = {
    "gbk": "code: evil\nname: 恶镇\n".encode("gbk"),
    "latin1": b"code: evil\nname: caf\xe9\n",
    "nul": b"code: evil\nname: a\x00b\n",
    "python_tag": b"code: evil\nname: !!python/object/apply:os.system ['touch /tmp/caseledger-pwned']\n",
    "python_tag_doc": b"!!python/object/apply:os.system\n- touch /tmp/caseledger-pwned\n",
    "custom_tag": "code: evil\nname: !shout 恶镇\n".encode(),
    "str_tag": "code: evil\nname: !!str 恶镇\n".encode(),
    "alias_bomb": (
        b"a: &a [x, x, x, x, x, x, x, x, x]\n"
        b"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        b"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
        b"f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        b"g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
        b"h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
        b"i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n"
        b"code: evil\nname: *i\n"
    ),
    "anchor_only": b"code: &c evil\nname: x\n",
    "merge_key": b"base: &b {name: x}\ncode: evil\n<<: *b\n",
    "duplicate_key": b"code: evil\nname: a\nname: b\n",
    "duplicate_code": b"code: evil\ncode: other\nname: a\n",
    "not_mapping": b"- code: evil\n- name: x\n",
    "scalar": b"just words\n",
    "empty": b"",
    "syntax": b"code: evil\nname: [unclosed\n",
    "tabs": b"code: evil\n\tname: x\n",
    "unknown_key": b"code: evil\nname: x\nmayor: y\n",
    "wrong_code_type": b"code: [evil]\nname: x\n",
    "bad_code_value": b"code: ../../etc\nname: x\n",
}


def test_hostile_record_file_refused_by_list(run, ledger, snapshot) -> None:
    for kind in sorted(HOSTILE_FILES):
        (ledger.root / "townships" / "evil.yaml").write_bytes(HOSTILE_FILES[kind])
        before = snapshot(ledger.root)
        result = run("township", "list", "--format", "json")
        assert_bad_file(result, "townships/evil.yaml", before, snapshot(ledger.root), kind)
    assert not Path("/tmp/caseledger-pwned").exists()


@pytest.mark.parametrize("kind", sorted(HOSTILE_FILES))
def test_hostile_record_file_raises_only_ledger_error(ledger, kind) -> None:
    path = ledger.root / "townships" / "evil.yaml"
    path.write_bytes(HOSTILE_FILES[kind])
    from ledger.township import Township

    with pytest.raises(LedgerError):
        ledger.read_record(Township, path)
    assert not Path("/tmp/caseledger-pwned").exists()


def test_hostile_village_file_blocks_writes_that_read_it(run, ledger, snapshot) -> None:
    (ledger.root / "villages" / "dapo.yaml").write_bytes(HOSTILE_FILES["python_tag"])
    before = snapshot(ledger.root)
    result = run("pairing", "add", "--kind", "unit-village", "--party", "局", "--village", "dapo")
    line = assert_refused(result, 1, before, snapshot(ledger.root))
    assert "villages/dapo.yaml" in line


def test_hundred_megabyte_file_refused_by_size_without_reading(ledger, run, monkeypatch) -> None:
    path = ledger.root / "townships" / "huge.yaml"
    with open(path, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: costs no disk
    opened: list[str] = []
    real_open = open

    def watching_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    # read_text looks `open` up in its module first: any read of the file shows up here.
    monkeypatch.setattr(yamlio, "open", watching_open, raising=False)
    result = run("township", "list")
    assert result.exit_code == 1, result.stderr
    assert result.stderr.startswith("error: ") and "\ntownships/huge.yaml:1: " in result.stderr
    assert str(path) not in opened
    assert path.stat().st_size == 100 * 1024 * 1024


def test_file_just_over_the_limit_refused_and_just_under_read(ledger) -> None:
    from ledger.township import Township

    path = ledger.root / "townships" / "edge.yaml"
    body = "code: edge\nname: 边\n"
    path.write_text(body + "#" * (yamlio.MAX_FILE_BYTES - len(body.encode()) - 1) + "\n", encoding="utf-8")
    assert path.stat().st_size == yamlio.MAX_FILE_BYTES
    assert ledger.read_record(Township, path).name == "边"
    with open(path, "ab") as handle:
        handle.write(b"#")
    with pytest.raises(Invalid):
        ledger.read_record(Township, path)


# -- BOM and CRLF: accepted and read correctly ----------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "\ufeffcode: bomtown\nname: 带BOM镇\n".encode(),
        b"code: bomtown\r\nname: \xe5\xb8\xa6BOM\xe9\x95\x87\r\n",
        "\ufeffcode: bomtown\r\nname: 带BOM镇\r\n# 手写注释\r\n".encode(),
    ],
    ids=["bom", "crlf", "bom+crlf"],
)
def test_bom_and_crlf_files_are_read_correctly(run, ledger, raw) -> None:
    (ledger.root / "townships" / "bomtown.yaml").write_bytes(raw)
    result = run("township", "list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    found = {t["code"]: t["name"] for t in json.loads(result.stdout)}
    assert found["bomtown"] == "带BOM镇"


def test_crlf_bom_record_can_be_rewritten(run, paired) -> None:
    path = paired.record_path("pairing", "P1")
    text = path.read_text(encoding="utf-8")
    path.write_bytes("\ufeff# 手写注释\r\n".encode() + text.replace("\n", "\r\n").encode())
    result = run("pairing", "end", "P1", "--date", "2026-03-01")
    assert result.exit_code == 0, result.stderr
    written = path.read_text(encoding="utf-8")
    assert "# 手写注释" in written
    listed = json.loads(run("pairing", "list", "--format", "json").stdout)
    assert listed[0]["until"] == "2026-03-01"
    assert listed[0]["party"] == "县水务局"


# -- Unicode round-trips exactly ------------------------------------------------------------

UNICODE_NAMES = [
    "青龙镇",
    "饮水安全😀🚰",
    "مدينة الماء",  # Arabic, right to left
    "כפר המים",  # Hebrew, right to left
    "混合 mixed مختلط עברית 🏠",
    "𠀀𪚥 (CJK Extension B)",
    "e\u0301 combining",  # NFD must not be normalized away
    "‮reversed‬",  # explicit bidi override characters are kept as typed
]


@pytest.mark.parametrize("name", UNICODE_NAMES)
def test_unicode_names_round_trip_exactly(run, ledger, name) -> None:
    result = run("township", "add", "uni", "--name", name)
    assert result.exit_code == 0, result.stderr
    listed = {t["code"]: t["name"] for t in json.loads(run("township", "list", "--format", "json").stdout)}
    assert listed["uni"] == name
    result = run("pairing", "add", "--kind", "cadre-household", "--party", name, "--village", "dapo",
                 "--household", name)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    pairing = json.loads(run("pairing", "list", "--format", "json").stdout)[0]
    assert pairing["party"] == name
    assert pairing["households"] == [name]


def test_records_are_written_as_utf8_text_not_escapes(run, ledger) -> None:
    run("township", "add", "uni", "--name", "饮水😀")
    raw = (ledger.root / "townships" / "uni.yaml").read_bytes()
    assert "饮水😀".encode() in raw
    assert b"\\u" not in raw and b"\\U" not in raw


def test_hidden_files_in_record_folders_are_ignored(run, ledger) -> None:
    """Temp files of an interrupted atomic write start with '.', and loaders skip them."""
    (ledger.root / "townships" / ".qinglong.yaml.abc123.tmp").write_bytes(b"code: qinglong\nname: [torn")
    (ledger.root / "townships" / ".evil.yaml").write_bytes(HOSTILE_FILES["python_tag"])
    result = run("township", "list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert sorted(t["code"] for t in json.loads(result.stdout)) == ["baishui", "qinglong"]


def test_write_failure_leaves_no_temp_file(ledger, monkeypatch) -> None:
    """A write that fails between the temp file and the rename removes its temp file."""
    target = ledger.root / "townships" / "qinglong.yaml"
    old = target.read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        yamlio.atomic_write(target, "code: qinglong\nname: 新\n")
    assert target.read_bytes() == old
    assert [p.name for p in target.parent.iterdir() if p.name.startswith(".q")] == []


# -- issues: numbers, titles, dates and enums through `caseledger issue …` --------------------


@pytest.fixture
def with_issue(ledger: Ledger, run) -> Ledger:
    result = run("issue", "open", "--village", "dapo", "--title", "饮水管道破裂", "--category", "hardship",
                 "--date", "2026-03-02")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "1"
    return ledger


# A full-width １ is the number 1 as clerks type it (SPEC §4): not here.
BAD_NUMBERS = ["../x", "/etc/passwd", "42/../../1", "", "   ", "0", "-1", "1.5", "#", "QL-", "1\n2", "１x"]


@pytest.mark.parametrize(
    "command",
    [
        ["issue", "show"],
        ["issue", "note", "{n}", "看过了"],
        ["issue", "close", "{n}", "--disposition", "resolved", "--note", "修好了"],
        ["issue", "escalate", "{n}", "--reason", "需要乡里"],
    ],
    ids=["show", "note", "close", "escalate"],
)
def test_unreadable_issue_number_is_usage_error(run, with_issue, snapshot, command) -> None:
    before = snapshot(with_issue.root)
    for number in BAD_NUMBERS:
        args = [part.replace("{n}", number) for part in command]
        if "{n}" not in command:
            args.append(number)
        assert_refused(run(*args), 2, before, snapshot(with_issue.root), number)


def test_unknown_issue_number_is_refused(run, with_issue, snapshot) -> None:
    before = snapshot(with_issue.root)
    for number in ["2", "#99", "QL-1", "999999999"]:
        result = run("issue", "note", number, "看过了")
        assert_refused(result, 1, before, snapshot(with_issue.root), number)


def test_bad_issue_title_refused(run, with_issue, snapshot) -> None:
    before = snapshot(with_issue.root)
    for title in [*BAD_TEXT, "长" * (1 << 20)]:
        result = run("issue", "open", "--village", "dapo", "--title", title, "--category", "hardship")
        assert_refused(result, 1, before, snapshot(with_issue.root), title[:20])


def test_one_megabyte_note_refused(run, with_issue, snapshot) -> None:
    before = snapshot(with_issue.root)
    result = run("issue", "note", "1", "记" * (1 << 20))
    assert_refused(result, 1, before, snapshot(with_issue.root))


@pytest.mark.parametrize("day", BAD_DATES)
def test_bad_issue_dates_are_usage_errors(run, with_issue, snapshot, day) -> None:
    before = snapshot(with_issue.root)
    for args in (
        ["issue", "open", "--village", "dapo", "--title", "修路", "--category", "hardship", "--date", day],
        ["issue", "note", "1", "看过了", "--date", day],
        ["issue", "extend", "1", "--deadline", day, "--reason", "等材料"],
    ):
        result = run(*args)
        assert_refused(result, 2, before, snapshot(with_issue.root))


@pytest.mark.parametrize(
    "args",
    [
        ["issue", "open", "--village", "dapo", "--title", "修路", "--category", "HARDSHIP"],
        ["issue", "open", "--village", "dapo", "--title", "修路", "--category", "Hardship"],
        [
            "issue",
            "open",
            "--village",
            "dapo",
            "--title",
            "修路",
            "--category",
            "hardship",
            "--source",
            "VISIT",
        ],
        ["issue", "open", "--village", "../dapo", "--title", "修路", "--category", "hardship"],
        ["issue", "close", "1", "--disposition", "Resolved", "--note", "修好了"],
        ["issue", "close", "1", "--disposition", "RESOLVED", "--note", "修好了"],
        ["issue", "close", "1", "--disposition", "resolved", "--note", "   "],
        ["issue", "escalate", "1", "--reason", "需要", "--to", "Township"],
        ["issue", "escalate", "1", "--reason", "需要", "--to", "VILLAGE"],
        ["issue", "escalate", "1", "--reason", "\x1b[2J"],
        ["issue", "assign", "1", "--owner", ""],
        ["issue", "followup", "1", "--satisfaction", "satisfied"],  # open: refused
        ["issue", "reopen", "1", "--reason", "没修好"],  # open: refused
        ["issue", "note", "1", "看过了", "--date", "2026-03-01"],  # before the last event
        ["issue", "note", "1", "看过了", "--date", "2099-01-01"],  # in the future
    ],
)
def test_refused_issue_actions_write_nothing(run, with_issue, snapshot, args) -> None:
    before = snapshot(with_issue.root)
    result = run(*args)
    assert_refused(result, 1, before, snapshot(with_issue.root))


UNICODE_TITLES = [
    "村口饮水管道破裂，已停水三天",
    "路灯坏了🚧💡，晚上看不见😟",
    "انقطاع المياه في القرية منذ ثلاثة أيام",  # Arabic
    "הכביש לכפר חסום",  # Hebrew
    "混合 mixed عربي עברית 😀 end",
    "𠀀𪚥 生僻字 (CJK Extension B)",
    "e\u0301 combining, ZWJ 👨‍👩‍👧",
]


@pytest.mark.parametrize("title", UNICODE_TITLES)
def test_unicode_titles_round_trip_exactly(run, ledger, title) -> None:
    result = run("issue", "open", "--village", "dapo", "--title", title, "--category", "hardship",
                 "--detail", title + "\n" + title, "--reporter", title[:5])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    number = result.stdout.strip()
    shown = json.loads(run("issue", "show", number, "--format", "json").stdout)
    assert shown["title"] == title
    assert shown["detail"] == title + "\n" + title
    assert shown["reporter"]["name"] == title[:5]
    result = run("issue", "note", number, title)
    assert result.exit_code == 0, result.stderr
    logged = json.loads(run("issue", "show", number, "--format", "json").stdout)
    assert logged["history"][-1]["note"] == title
    assert logged["title"] == title  # rewriting the file kept the title exactly


@pytest.mark.parametrize("kind", ["python_tag", "alias_bomb", "duplicate_key", "gbk", "nul", "syntax"])
def test_hostile_issue_file_refused_by_show_and_note(run, with_issue, snapshot, kind) -> None:
    path = with_issue.issue_path("1")
    raw = HOSTILE_FILES[kind].replace(b"code: evil", b"number: 1")
    path.write_bytes(raw)
    before = snapshot(with_issue.root)
    for args in (["issue", "show", "1"], ["issue", "note", "1", "看过了"]):
        line = assert_refused(run(*args), 1, before, snapshot(with_issue.root))
        assert "issues/000/1.yaml" in line


def test_bom_crlf_issue_file_is_read_and_rewritten(run, with_issue) -> None:
    path = with_issue.issue_path("1")
    text = path.read_text(encoding="utf-8")
    path.write_bytes("\ufeff# 手写注释\r\n".encode() + text.replace("\n", "\r\n").encode())
    shown = json.loads(run("issue", "show", "1", "--format", "json").stdout)
    assert shown["title"] == "饮水管道破裂"
    result = run("issue", "note", "1", "看过了")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(run("issue", "show", "1", "--format", "json").stdout)
    assert [e["action"] for e in shown["history"]] == ["opened", "noted"]
    assert "# 手写注释" in path.read_text(encoding="utf-8")

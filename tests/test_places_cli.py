"""The foundation commands through the CLI: init, office, township, village, pairing.

Every refusal checks the exit code, one `error: …` line on stderr, no traceback, and that
nothing under the ledger changed.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner
from wcwidth import wcswidth

from caseledger.cli import app
from ledger.places import add_pairing
from ledger.store import Ledger

FORMATS = ["table", "json", "csv", "tsv", "markdown", "plain"]


def refused(result, code: int = 1, starts: str = "error: ") -> str:
    """Assert a clean refusal and return its one stderr line."""
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(starts), lines[0]
    assert "Traceback" not in result.output
    return lines[0]


def invoke(*args: str, cwd: Path | None = None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(app, list(args), catch_exceptions=False)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(cwd)
        return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def paired(ledger: Ledger) -> Ledger:
    from datetime import date

    common = {"actor": "测试员"}
    add_pairing(
        ledger, kind="unit-village", party="县水务局", village="dapo", since=date(2026, 1, 1), **common
    )
    add_pairing(
        ledger,
        kind="干部结对户",
        party="王建国",
        village="shuijing",
        households=["李大山", "张秀英"],
        since=date(2026, 3, 1),
        until=date(2026, 6, 30),
        visits_per_year=4,
        **common,
    )
    add_pairing(
        ledger, kind="first-secretary", party="刘洋", village="dapo", since=date(2026, 5, 1), **common
    )
    return ledger


# -- init -----------------------------------------------------------------------------------


def test_init_creates_a_ledger(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "huaning"), "--name", "华宁县民情台账")
    assert result.exit_code == 0, result.output
    root = tmp_path / "huaning"
    assert "华宁县民情台账" in (root / "ledger.yaml").read_text(encoding="utf-8")
    for folder in ("townships", "villages", "pairings", "issues"):
        assert (root / folder).is_dir()
    assert not (root / "ledger.local.yaml").exists()
    assert not (root / ".git").exists()
    assert Ledger(root).settings.name == "华宁县民情台账"


def test_init_refuses_an_existing_ledger(ledger: Ledger, snapshot) -> None:
    before = snapshot(ledger.root)
    line = refused(invoke("init", str(ledger.root), "--name", "另一个台账"))
    assert "already holds a ledger" in line
    assert snapshot(ledger.root) == before


def test_init_with_office_writes_ledger_local_yaml(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "l"), "--name", "台账", "--office", "ql")
    assert result.exit_code == 0, result.output
    assert Ledger(tmp_path / "l").local.office == "QL"
    assert "office: QL" in (tmp_path / "l" / "ledger.local.yaml").read_text(encoding="utf-8")


def test_init_refuses_a_bad_office_and_writes_nothing(tmp_path: Path) -> None:
    refused(invoke("init", str(tmp_path / "l"), "--name", "台账", "--office", "1-bad"))
    assert not (tmp_path / "l" / "ledger.yaml").exists()


def test_init_git_makes_a_repository_that_ignores_derived_and_local(tmp_path: Path) -> None:
    root = tmp_path / "g"
    result = invoke("--actor", "张文书", "init", str(root), "--name", "台账", "--office", "QL", "--git")
    assert result.exit_code == 0, result.output
    assert (root / ".git").is_dir()
    ignored = (root / ".gitignore").read_text(encoding="utf-8").split()
    assert ".caseledger/" in ignored
    assert "ledger.local.yaml" in ignored
    tracked = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True, check=True)
    assert "ledger.yaml" in tracked.stdout.split()
    assert "ledger.local.yaml" not in tracked.stdout
    check = subprocess.run(["git", "check-ignore", "ledger.local.yaml", ".caseledger/lock"], cwd=root,
                           capture_output=True, text=True)  # fmt: skip
    assert check.returncode == 0, check.stderr


def test_init_autocommit_and_lang_are_written_into_ledger_yaml(tmp_path: Path) -> None:
    root = tmp_path / "z"
    result = invoke("init", str(root), "--name", "台账", "--git", "--autocommit", "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert "新建台账" in result.stdout  # said in the ledger's language
    settings = Ledger(root).settings
    assert settings.autocommit is True and settings.lang == "zh"
    # the next write commits by itself, in Chinese
    assert invoke("-C", str(root), "township", "add", "qinglong", "--name", "青龙镇").exit_code == 0
    log = subprocess.run(["git", "log", "--format=%s"], cwd=root, capture_output=True, text=True, check=True)
    assert len(log.stdout.splitlines()) == 2
    assert invoke("-C", str(root), "township", "list").stdout.count("青龙镇") == 1


def test_init_without_the_options_keeps_the_defaults(tmp_path: Path) -> None:
    assert invoke("init", str(tmp_path / "d"), "--name", "台账").exit_code == 0
    settings = Ledger(tmp_path / "d").settings
    assert settings.autocommit is False and settings.lang == "en"  # the language init ran in (C.UTF-8)


def test_init_autocommit_without_git_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    line = refused(invoke("init", str(tmp_path / "n"), "--name", "台账", "--autocommit"))
    assert "--git" in line
    assert not (tmp_path / "n").exists()


def test_init_refuses_an_unknown_lang(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "f"), "--name", "台账", "--lang", "fr")
    assert result.exit_code == 2
    assert not (tmp_path / "f").exists()


# -- office ---------------------------------------------------------------------------------


def test_office_prints_nothing_on_stdout_when_unset(run) -> None:
    result = run("office")
    assert result.exit_code == 0
    assert result.stdout == ""  # a script reads no prefix; the clerk is told on stderr
    assert result.stderr == "no office prefix set (caseledger office CODE sets one)\n"
    assert run("--lang", "zh", "office").stderr.startswith("未设置办公室前缀（用 caseledger office 代码 设置")


def test_office_set_then_print(run, ledger: Ledger) -> None:
    result = run("office", "bs")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "BS"
    assert (ledger.root / "ledger.local.yaml").is_file()
    assert run("office").stdout.strip() == "BS"


def test_office_refuses_a_bad_code(run, ledger: Ledger, snapshot) -> None:
    before = snapshot(ledger.root)
    line = refused(run("office", "not/a/code"))
    assert "not an office code" in line
    assert snapshot(ledger.root) == before


def test_office_environment_overrides_the_file(run, monkeypatch) -> None:
    assert run("office", "QL").exit_code == 0
    monkeypatch.setenv("CASELEDGER_OFFICE", "bs")
    assert run("office").stdout.strip() == "BS"


def test_pairing_ids_use_the_office_prefix(run) -> None:
    run("office", "QL")
    result = run("pairing", "add", "--kind", "work-team", "--party", "县工作队", "--village", "dapo",
                 "--since", "2026-01-01")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "QL-P1"


# -- townships ------------------------------------------------------------------------------


def test_township_add_and_list(run) -> None:
    result = run("township", "add", "xinan", "--name", "西南街道")
    assert result.exit_code == 0, result.output
    listed = json.loads(run("township", "list", "--format", "json").stdout)
    assert [t["code"] for t in listed] == ["baishui", "qinglong", "xinan"]
    assert {"code": "xinan", "name": "西南街道"} in listed


def test_township_list_counts_villages(run) -> None:
    rows = list(csv.DictReader(io.StringIO(run("township", "list", "--format", "csv").stdout)))
    assert {r["code"]: r["villages"] for r in rows} == {"baishui": "1", "qinglong": "2"}


def test_township_add_twice_is_refused(run, ledger, snapshot) -> None:
    before = snapshot(ledger.root)
    assert "already exists" in refused(run("township", "add", "qinglong", "--name", "青龙镇"))
    assert snapshot(ledger.root) == before


@pytest.mark.parametrize("code", ["../x", "/etc/passwd", "Big", "a b", ""])
def test_township_add_refuses_unsafe_codes(run, ledger, snapshot, code: str) -> None:
    before = snapshot(ledger.root)
    refused(run("township", "add", code, "--name", "某镇"))
    assert snapshot(ledger.root) == before
    assert not (ledger.root.parent / "x.yaml").exists()


# -- villages -------------------------------------------------------------------------------


def test_village_add_and_show(run) -> None:
    result = run("village", "add", "hetou", "--name", "河头村", "--township", "baishui", "--households", "96")
    assert result.exit_code == 0, result.output
    shown = json.loads(run("village", "show", "hetou", "--format", "json").stdout)
    assert shown["name"] == "河头村"
    assert shown["households"] == 96
    assert shown["kind"] == "village"
    assert shown["township_name"] == "白水乡"


def test_village_add_accepts_chinese_kind(run) -> None:
    assert run("village", "add", "jiedao", "--name", "街道社区", "--township", "baishui",
               "--kind", "社区").exit_code == 0  # fmt: skip
    shown = json.loads(run("village", "show", "jiedao", "--format", "json").stdout)
    assert shown["kind"] == "community"


def test_village_list_filters_by_township(run) -> None:
    codes = [v["code"] for v in json.loads(run("village", "list", "--township", "qinglong",
                                                "--format", "json").stdout)]  # fmt: skip
    assert codes == ["dapo", "xiaoshan"]


def test_village_show_lists_its_pairings(run, paired) -> None:
    shown = json.loads(run("village", "show", "dapo", "--format", "json").stdout)
    assert [p["party"] for p in shown["pairings"]] == ["县水务局", "刘洋"]
    table = run("village", "show", "dapo").stdout
    assert "县水务局" in table and "刘洋" in table


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["village", "add", "dapo", "--name", "大坡村", "--township", "qinglong"], "already exists"),
        (["village", "add", "x1", "--name", "某村", "--township", "nowhere"], "no township 'nowhere'"),
        (["village", "add", "x1", "--name", "某村", "--township", "qinglong", "--kind", "city"], "city"),
        (["village", "add", "../x", "--name", "某村", "--township", "qinglong"], "code"),
        (["village", "add", "x1", "--name", "  ", "--township", "qinglong"], "name"),
        (["village", "show", "nowhere"], "no village 'nowhere'"),
        (["village", "show", "../../etc/passwd"], "village"),
        (["village", "list", "--township", "nowhere"], "no township 'nowhere'"),
    ],
)
def test_village_refusals(run, ledger, snapshot, args: list[str], needle: str) -> None:
    before = snapshot(ledger.root)
    assert needle in refused(run(*args))
    assert snapshot(ledger.root) == before


def test_village_negative_households_is_refused(run, ledger, snapshot) -> None:
    before = snapshot(ledger.root)
    result = run("village", "add", "x1", "--name", "某村", "--township", "qinglong", "--households", "-3")
    assert result.exit_code == 1 and "below 0" in result.stderr  # read, but not plausible (README)
    assert "Traceback" not in result.output
    assert snapshot(ledger.root) == before


# -- pairings -------------------------------------------------------------------------------


def test_pairing_add_prints_the_id_and_writes_the_record(run, ledger) -> None:
    result = run("pairing", "add", "--kind", "干部结对户", "--party", "王建国", "--village", "dapo",
                 "--household", "李大山", "--household", "张秀英", "--since", "2026-02-01",
                 "--visits-per-year", "6")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "P1"
    pairing = ledger.pairing("P1")
    assert pairing.kind.value == "cadre-household"
    assert pairing.households == ["李大山", "张秀英"]
    assert pairing.visits_per_year == 6
    assert str(pairing.since) == "2026-02-01"


def test_pairing_add_defaults_since_to_today(run, ledger, monkeypatch) -> None:
    monkeypatch.setenv("CASELEDGER_NOW", "2026-04-05T09:30:00+08:00")
    assert (
        run("pairing", "add", "--kind", "work-team", "--party", "县工作队", "--village", "dapo").exit_code
        == 0
    )
    assert str(ledger.pairing("P1").since) == "2026-04-05"


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["--kind", "friendship", "--party", "某人", "--village", "dapo"], 1, "friendship"),
        (["--kind", "work-team", "--party", "某人", "--village", "nowhere"], 1, "no village 'nowhere'"),
        (
            ["--kind", "work-team", "--party", "某人", "--village", "dapo", "--since", "2026-13-01"],
            2,
            "2026-13-01",
        ),
        (
            [
                "--kind",
                "work-team",
                "--party",
                "某人",
                "--village",
                "dapo",
                "--since",
                "2026-05-01",
                "--until",
                "2026-04-01",
            ],
            1,
            "until",
        ),
    ],
)
def test_pairing_add_refusals(run, ledger, snapshot, args, code, needle) -> None:
    before = snapshot(ledger.root)
    assert needle in refused(run("pairing", "add", *args), code=code)
    assert snapshot(ledger.root) == before


def test_pairing_list_filters(run, paired) -> None:
    def ids(*args: str) -> list[str]:
        result = run("pairing", "list", *args, "--format", "json")
        assert result.exit_code == 0, result.output
        return [p["id"] for p in json.loads(result.stdout)]

    assert ids() == ["P1", "P2", "P3"]
    assert ids("--village", "dapo") == ["P1", "P3"]
    assert ids("--party", "水务") == ["P1"]
    assert ids("--active-on", "2026-04-01") == ["P1", "P2"]
    assert ids("--active-on", "2026-07-01") == ["P1", "P3"]
    assert ids("--active-on", "2025-12-31") == []
    assert ids("--village", "dapo", "--active-on", "2026-04-01") == ["P1"]


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["--village", "nowhere"], 1, "no village 'nowhere'"),
        (["--active-on", "yesterday"], 2, "yesterday"),
    ],
)
def test_pairing_list_refusals(run, paired, args, code, needle) -> None:
    assert needle in refused(run("pairing", "list", *args), code=code)


def test_pairing_end_keeps_everything_else(run, paired) -> None:
    result = run("pairing", "end", "P1", "--date", "2026-09-30")
    assert result.exit_code == 0, result.output
    pairing = paired.pairing("P1")
    assert str(pairing.until) == "2026-09-30"
    assert pairing.party == "县水务局"
    assert str(pairing.since) == "2026-01-01"


def test_pairing_end_twice_is_refused(run, paired, snapshot) -> None:
    assert run("pairing", "end", "P1", "--date", "2026-09-30").exit_code == 0
    before = snapshot(paired.root)
    assert "already ended" in refused(run("pairing", "end", "P1", "--date", "2026-10-30"))
    assert snapshot(paired.root) == before


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["P1", "--date", "2025-12-31"], 1, "before it began"),
        (["P9"], 1, "no pairing 'P9'"),
        (["../P1"], 1, "pairing id"),
        (["P1", "--date", "30/09/2026"], 2, "30/09/2026"),
    ],
)
def test_pairing_end_refusals(run, paired, snapshot, args, code, needle) -> None:
    before = snapshot(paired.root)
    assert needle in refused(run("pairing", "end", *args), code=code)
    assert snapshot(paired.root) == before


# -- formats --------------------------------------------------------------------------------

LIST_COMMANDS = [["township", "list"], ["village", "list"], ["pairing", "list"], ["village", "show", "dapo"]]


@pytest.mark.parametrize("command", LIST_COMMANDS, ids=lambda c: " ".join(c))
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_on_every_read_command(run, paired, command, fmt) -> None:
    result = run(*command, "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.stdout
    expected_name = (
        "白水乡" if command[0] == "township" else "县水务局" if command[0] == "pairing" else "大坡村"
    )
    assert expected_name in out
    if fmt == "json":
        json.loads(out)
    elif fmt in ("csv", "tsv"):
        rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        assert len({len(r) for r in rows}) == 1  # a rectangle
        assert len(rows) >= 2
    elif fmt == "markdown":
        assert out.splitlines()[1].startswith("|:") or out.splitlines()[1].startswith("|-")
    elif fmt == "table":
        assert "┃" in out or "│" in out


def test_csv_and_tsv_use_machine_values(run, paired) -> None:
    rows = list(csv.DictReader(io.StringIO(run("pairing", "list", "--format", "tsv").stdout), delimiter="\t"))
    p2 = next(r for r in rows if r["id"] == "P2")
    assert p2["kind"] == "cadre-household"
    assert p2["households"] == "李大山;张秀英"
    assert p2["until"] == "2026-06-30"


def test_short_format_option_and_case(run) -> None:
    assert json.loads(run("village", "list", "-f", "JSON").stdout)


@pytest.mark.parametrize("command", LIST_COMMANDS, ids=lambda c: " ".join(c))
def test_bad_format_is_bad_usage(run, command) -> None:
    result = run(*command, "--format", "xml")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stdout == ""


@pytest.mark.parametrize("fmt", ["markdown", "plain"])
def test_chinese_columns_line_up_by_display_width(run, ledger, fmt) -> None:
    run(
        "village",
        "add",
        "changjiang",
        "--name",
        "长江村民委员会",
        "--township",
        "baishui",
        "--households",
        "5",
    )
    result = run("--lang", "zh", "village", "list", "--format", fmt)
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) >= 4
    if fmt == "markdown":
        assert len({wcswidth(line) for line in lines}) == 1, lines

        # every `|` sits at the same display column on every line
        def bars(line: str) -> list[int]:
            return [wcswidth(line[:i]) for i, ch in enumerate(line) if ch == "|"]

        assert len({tuple(bars(line)) for line in lines}) == 1
    else:
        # left-aligned cells start, and the right-aligned households cells end, at one display column
        import re

        def cells(line: str) -> list[tuple[int, int]]:
            return [
                (wcswidth(line[: m.start()]), wcswidth(line[: m.end()])) for m in re.finditer(r"\S+", line)
            ]

        full = [cells(line) for line in lines if len(cells(line)) == 5]
        assert len(full) == 4  # the header and the three villages with households
        assert len({tuple(start for start, _ in c[:4]) for c in full}) == 1
        assert len({c[4][1] for c in full}) == 1


# -- the ledger folder and languages --------------------------------------------------------


def test_unknown_ledger_dir_is_refused(tmp_path: Path) -> None:
    line = refused(invoke("-C", str(tmp_path / "nowhere"), "village", "list"))
    assert "not a ledger" in line


def test_no_ledger_upward_is_refused(tmp_path: Path) -> None:
    assert "caseledger init" in refused(invoke("village", "list", cwd=tmp_path))


def test_ledger_found_from_a_subfolder(ledger: Ledger) -> None:
    result = invoke("village", "list", "--format", "json", cwd=ledger.root / "villages")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 3


def test_root_from_environment(ledger: Ledger, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CASELEDGER_ROOT", str(ledger.root))
    result = invoke("township", "list", "--format", "json", cwd=tmp_path)
    assert [t["code"] for t in json.loads(result.stdout)] == ["baishui", "qinglong"]


def test_bad_lang_is_bad_usage(run) -> None:
    refused(run("--lang", "fr", "village", "list"), code=2)


def test_chinese_headers_and_errors(run) -> None:
    out = run("--lang", "zh", "village", "list", "--format", "plain").stdout
    assert out.split()[:2] == ["代码", "名称"]
    line = refused(run("--lang", "zh", "village", "show", "nowhere"), starts="错误")
    assert "没有代码为“nowhere”的村" in line


def test_the_ledgers_own_lang_is_used(run, ledger) -> None:
    path = ledger.root / "ledger.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nlang:" in text
    path.write_text(text.replace("\nlang:", "\nlang: zh\n_old_lang:").replace("_old_lang:\n", ""),
                    encoding="utf-8")  # fmt: skip
    assert "lang: zh" in path.read_text(encoding="utf-8")
    line = refused(run("village", "show", "nowhere"), starts="错误")
    assert "nowhere" in line
    # --lang and $CASELEDGER_LANG come before the ledger's lang
    assert refused(run("--lang", "en", "village", "show", "nowhere")).startswith("error: no village")

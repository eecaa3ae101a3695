"""The command line's edges (SPEC §4): environment variables with bad values, text from a GBK
terminal, output into a closed pipe, global options after the command, shell completion."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ledger.store import Ledger

REPO = Path(__file__).resolve().parent.parent


def caseledger(
    *args: str | bytes, env: dict[str, str] | None = None, **kw
) -> subprocess.CompletedProcess[bytes]:
    """The installed entry point (`caseledger.cli:main`, which trims the app by argv) in a process."""
    full = {**os.environ, "PYTHONPATH": str(REPO), "LANG": "C.UTF-8", **(env or {})}
    if "stdout" not in kw:
        kw["capture_output"] = True
    return subprocess.run([sys.executable, "-m", "caseledger", *args], env=full, timeout=120, **kw)


def _open(run) -> None:
    result = run("issue", "open", "--village", "dapo", "--title", "路灯坏了", "--category", "hardship")
    assert result.exit_code == 0, result.output


# -- environment variables -----------------------------------------------------------------------

BAD_ENV = [
    ("CASELEDGER_NOW", "昨天"),
    ("CASELEDGER_NOW", "2026-13-01T10:00"),
    ("CASELEDGER_LOCK_TIMEOUT", "abc"),
    ("CASELEDGER_LOCK_TIMEOUT", "-1"),
    ("CASELEDGER_LOCK_TIMEOUT", "nan"),
    ("CASELEDGER_LOCK_TIMEOUT", "inf"),
    ("CASELEDGER_GIT_WAIT", "十秒"),
    ("CASELEDGER_LANG", "fr"),
    ("CASELEDGER_NO_INDEX", "maybe"),
    ("CASELEDGER_OFFICE", "q-l"),
    ("CASELEDGER_ACTOR", "张\x07三"),
]


@pytest.mark.parametrize(("name", "value"), BAD_ENV)
def test_a_bad_environment_variable_is_one_error_line_and_nothing_written(
    ledger: Ledger, run, snapshot, monkeypatch, name: str, value: str
) -> None:
    before = snapshot(ledger.root)
    monkeypatch.setenv(name, value)
    for args in (
        ("issue", "list"),
        ("issue", "open", "--village", "dapo", "--title", "路灯坏了", "--category", "hardship"),
    ):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stdout == ""
        assert result.stderr.startswith("error: ") and name in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(ledger.root) == before


@pytest.mark.parametrize("args", [("--lang", "zh", "issue", "list"), ("issue", "list", "--lang", "zh")])
def test_a_bad_environment_variable_is_said_in_chinese(ledger: Ledger, run, monkeypatch, args) -> None:
    monkeypatch.setenv("CASELEDGER_NOW", "昨天")
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：") or result.stderr.startswith("错误:"), result.stderr
    assert "日期时间" in result.stderr


def test_a_root_variable_naming_no_ledger_says_which_variable(tmp_path: Path, run, monkeypatch) -> None:
    monkeypatch.setenv("CASELEDGER_ROOT", str(tmp_path / "nowhere"))
    result = run("issue", "list", root=False)
    assert result.exit_code == 2
    assert "CASELEDGER_ROOT" in result.stderr and "nowhere" in result.stderr


@pytest.mark.parametrize(("name", "value"), [("CASELEDGER_NOW", "昨天"), ("CASELEDGER_LOCK_TIMEOUT", "abc")])
def test_a_bad_environment_variable_is_no_traceback_in_a_real_process(
    ledger: Ledger, name: str, value: str
) -> None:
    done = caseledger(
        "-C", str(ledger.root), "issue", "open", "--village", "dapo", "--title", "路灯坏了", "--category",
        "hardship", env={name: value},
    )  # fmt: skip
    stderr = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in stderr
    assert stderr.startswith("error: ") and name in stderr
    assert list(ledger.issue_files()) == []


GOOD_ENV = [("CASELEDGER_NO_INDEX", "0"), ("CASELEDGER_NO_INDEX", "1"), ("CASELEDGER_LOCK_TIMEOUT", "5"),
            ("CASELEDGER_NOW", "")]  # fmt: skip


@pytest.mark.parametrize(("name", "value"), GOOD_ENV)
def test_good_values_still_work(ledger: Ledger, run, monkeypatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    _open(run)
    assert run("issue", "list").exit_code == 0


# -- text from a GBK terminal ----------------------------------------------------------------------

GBK_TITLE = "路灯坏了".encode("gbk")


def test_gbk_text_on_the_command_line_is_refused_and_nothing_written(ledger: Ledger, snapshot) -> None:
    before = snapshot(ledger.root)
    done = caseledger(
        "-C",
        str(ledger.root),
        "issue",
        "open",
        "--village",
        "dapo",
        "--title",
        GBK_TITLE,
        "--category",
        "hardship",
    )
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    assert stderr.startswith("error: ") and "UTF-8" in stderr and "GBK" in stderr
    assert snapshot(ledger.root) == before


def test_gbk_text_is_refused_in_every_command(ledger: Ledger, run, snapshot) -> None:
    _open(run)
    before = snapshot(ledger.root)
    gbk = GBK_TITLE.decode("utf-8", "surrogateescape")
    for args in (
        ("issue", "note", "1", gbk),
        ("--actor", gbk, "issue", "note", "1", "好"),
        ("village", "list"),
    ):
        if gbk not in args:
            continue
        result = run(*args)
        assert result.exit_code == 2 and "GBK" in result.stderr, result.output
    result = run("--lang", "zh", "issue", "note", "1", gbk)
    assert result.exit_code == 2 and "UTF-8" in result.stderr and "未写入" in result.stderr
    assert snapshot(ledger.root) == before


# -- a closed pipe ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args", [("issue", "list", "--status", "all"), ("issue", "show", "1"), ("issue", "list", "-f", "csv")]
)
def test_output_into_a_closed_pipe_ends_quietly(ledger: Ledger, run, args: tuple[str, ...]) -> None:
    _open(run)
    read, write = os.pipe()
    os.close(read)  # the reader is gone before a byte is written, as after `| head -1`
    try:
        done = caseledger("-C", str(ledger.root), *args, stdout=write, stderr=subprocess.PIPE)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr.decode()) == (0, "")


# -- global options after the command --------------------------------------------------------------


def test_lang_after_the_command(ledger: Ledger, run) -> None:
    _open(run)
    result = run("issue", "list", "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert "标题" in result.stdout and "title" not in result.stdout.lower()
    assert run("issue", "--lang=zh", "list").stdout == result.stdout


def test_root_actor_and_commit_after_the_command(ledger: Ledger, run, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    _open(run)
    result = run("issue", "note", "1", "去看过了", "-C", str(ledger.root), "--actor", "王五", root=False)
    assert result.exit_code == 0, result.output
    log = run("issue", "log", "1", "-f", "json", "--root", str(ledger.root), root=False)
    assert log.exit_code == 0, log.output
    assert '"by": "王五"' in log.stdout


def test_commit_after_the_command_commits(ledger: Ledger, run) -> None:
    subprocess.run(["git", "init", "-q", "-b", "main", str(ledger.root)], check=True)
    result = run(
        "issue", "open", "--village", "dapo", "--title", "路灯坏了", "--category", "hardship", "--commit"
    )
    assert result.exit_code == 0, result.output
    log = subprocess.run(["git", "-C", str(ledger.root), "log", "--oneline"], capture_output=True, text=True)
    assert "issue 1" in log.stdout


def test_a_bad_lang_after_the_command_is_a_usage_error(ledger: Ledger, run) -> None:
    result = run("issue", "list", "--lang", "fr")
    assert result.exit_code == 2 and result.stderr.startswith("error: ") and "fr" in result.stderr


def test_global_options_after_the_command_through_the_trimmed_app(ledger: Ledger, run) -> None:
    _open(run)
    done = caseledger("issue", "show", "1", "--lang", "zh", "-C", str(ledger.root), "-f", "plain")
    assert done.returncode == 0, done.stderr.decode()
    assert "路灯坏了" in done.stdout.decode() and "标题" in done.stdout.decode()


# -- shell completion ------------------------------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_the_script_of_the_shell(shell: str) -> None:
    done = caseledger("--show-completion", env={"SHELL": f"/bin/{shell}"})
    script = done.stdout.decode()
    assert done.returncode == 0, done.stderr.decode()
    assert "_CASELEDGER_COMPLETE" in script and f"complete_{shell}" in script


def test_install_completion_writes_where_bash_looks(tmp_path: Path) -> None:
    done = caseledger("--install-completion", env={"SHELL": "/bin/bash", "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr.decode()
    assert "_CASELEDGER_COMPLETE" in (tmp_path / ".bash_completions" / "caseledger.sh").read_text()
    assert ".bash_completions/caseledger.sh" in (tmp_path / ".bashrc").read_text()


def test_an_unknown_shell_is_one_error_line() -> None:
    done = caseledger(
        "--show-completion", env={"SHELL": "/bin/tcsh", "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    )
    # shellingham may still find a shell among this test's parents; when it does not, one line
    if done.returncode != 0:
        assert done.returncode == 2 and done.stderr.decode().startswith("error: ")


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [
        ("caseledger iss", "1", "issue"),
        ("caseledger issue li", "2", "list"),
        ("caseledger issue list --sta", "3", "--status"),
    ],
)
def test_the_shell_gets_its_completions(words: str, cword: str, expected: str) -> None:
    done = caseledger(env={"_CASELEDGER_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword})
    assert done.returncode == 0, done.stderr.decode()
    assert expected in done.stdout.decode().split()


# -- plausible values --------------------------------------------------------------------------------

OPEN = ("issue", "open", "--village", "dapo", "--title", "路灯坏了", "--category", "hardship")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ((*OPEN, "--phone", "138123"), "not a phone number"),
        ((*OPEN, "--phone", "12345678901234"), "not a phone number"),
        ((*OPEN, "--date", "0001-01-01"), "2000-01-01"),
        ((*OPEN, "--date", "1999-12-31"), "not a plausible date"),
        ((*OPEN, "--deadline", "9999-12-31"), "not a plausible date"),
        ((*OPEN, "--deadline", "2032-01-01", "--date", "2026-03-01"), "more than 5 years"),
        (
            (
                "village",
                "add",
                "xincun",
                "--name",
                "新村",
                "--township",
                "qinglong",
                "--households",
                "99999999999999999999999",
            ),
            "at most 100,000",
        ),
        (
            ("village", "add", "xincun", "--name", "新村", "--township", "qinglong", "--households", "-3"),
            "below 0",
        ),
        (
            (
                "pairing",
                "add",
                "--kind",
                "unit-village",
                "--party",
                "县水务局",
                "--village",
                "dapo",
                "--visits-per-year",
                "5000",
            ),
            "at most 1,000",
        ),
        (("cadre", "add", "--name", "赵六", "--rank", "township", "--phone", "12"), "not a phone number"),
        (
            (
                "pairing",
                "add",
                "--kind",
                "unit-village",
                "--party",
                "县水务局",
                "--village",
                "dapo",
                "--since",
                "0001-01-01",
            ),
            "not a plausible date",
        ),
    ],
)
def test_implausible_values_are_refused_and_nothing_written(
    ledger: Ledger, run, snapshot, args, says
) -> None:
    before = snapshot(ledger.root)
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("error: ") and says in result.stderr, result.stderr
    assert snapshot(ledger.root) == before


def test_extend_to_the_end_of_time_is_refused(ledger: Ledger, run, snapshot) -> None:
    _open(run)
    before = snapshot(ledger.root)
    for deadline in ("9999-12-31", "2090-01-01"):
        result = run("issue", "extend", "1", "--deadline", deadline, "--reason", "再等等")
        assert result.exit_code == 1 and result.stderr.startswith("error: "), result.output
    assert snapshot(ledger.root) == before


def test_values_as_clerks_type_them_are_stored_plainly(ledger: Ledger, run) -> None:
    import json

    result = run(
        *OPEN,
        "--phone",
        "１３８　１２３４　５６７８",
        "--date",
        "２０２６年３月５日",
        "--deadline",
        "2026/3/20",
    )
    assert result.exit_code == 0, result.output
    shown = json.loads(run("issue", "show", "第1号", "-f", "json").stdout)
    assert shown["reporter"]["phone"] == "13812345678"
    assert (shown["received"], shown["deadline"]) == ("2026-03-05", "2026-03-20")
    result = run(
        "issue", "extend", "＃１", "--deadline", "2026.4.1", "--reason", "等材料", "--date", "2026/3/6"
    )
    assert result.exit_code == 0, result.output
    assert (
        run(
            "village", "add", "xincun", "--name", "新村", "--township", "qinglong", "--households", "１２０户"
        ).exit_code
        == 0
    )
    village = json.loads(run("village", "show", "xincun", "-f", "json").stdout)
    assert village["households"] == 120


def test_ids_of_other_kinds_as_clerks_type_them(ledger: Ledger, run) -> None:
    pairing = ("pairing", "add", "--kind", "unit-village", "--party", "县水务局", "--village", "dapo")
    assert run(*pairing, "--since", "2026/1/1").exit_code == 0
    assert (
        run("cadre", "add", "--name", "段志明", "--rank", "township", "--since", "2026-01-01").exit_code == 0
    )
    assert run("visit", "add", "--village", "dapo", "--cadre", "ｃ１", "--date", "2026-03-05").exit_code == 0
    assert run("visit", "show", "Ｖ１号", "-f", "json").exit_code == 0
    assert run("cadre", "show", "#C1", "-f", "json").exit_code == 0
    result = run("pairing", "end", "ｐ１", "--date", "2026年12月1日")
    assert result.exit_code == 0, result.output
    assert "2026-12-01" in result.stdout


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("--village ", {"dapo", "xiaoshan", "shuijing"}),
        ("--village d", {"dapo"}),
        ("--category ", {"conduct", "hardship", "shortfall", "suggestion"}),
        ("--source hot", {"hotline"}),
    ],
)
def test_the_shell_gets_codes_and_vocabularies(ledger: Ledger, words: str, expected: set[str]) -> None:
    line = f"caseledger -C {ledger.root} issue open {words}"
    cword = str(len(line.split()) - (0 if line.endswith(" ") else 1))
    done = caseledger(env={"_CASELEDGER_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": cword})
    assert done.returncode == 0, done.stderr.decode()
    assert set(done.stdout.decode().split()) == expected


def test_zsh_is_told_the_place_names(ledger: Ledger) -> None:
    line = f"caseledger -C {ledger.root} village list --township "
    done = caseledger(env={"_CASELEDGER_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line})
    assert done.returncode == 0, done.stderr.decode()
    assert "qinglong" in done.stdout.decode() and "青龙镇" in done.stdout.decode()


@pytest.mark.parametrize(
    "args",
    [
        ("issue", "show", "1", "--lang", "zh"),
        ("issue", "log", "1", "-f", "json", "--lang=zh"),
        ("issue", "list", "--lang", "fr"),
        ("issue", "note", "1", "看过了", "--actor", "王五", "--lang", "zh"),
        ("village", "list", "--lang", "zh", "-f", "csv"),
    ],
)
def test_the_trimmed_app_takes_global_options_after_the_command_as_the_whole_app_does(
    ledger: Ledger, run, snapshot, monkeypatch, args
) -> None:
    from typer.testing import CliRunner

    from caseledger.cli import app, app_for

    monkeypatch.setenv("CASELEDGER_NOW", "2026-03-05T10:00:00+08:00")  # both runs write the same event
    _open(run)
    argv = ["-C", str(ledger.root), *args]
    before = snapshot(ledger.root)
    whole = CliRunner().invoke(app, argv, catch_exceptions=False)
    after = snapshot(ledger.root)
    for path in set(after) - set(before):
        (ledger.root / path).unlink()
    for path, data in before.items():
        (ledger.root / path).write_bytes(data)
    trimmed = CliRunner().invoke(app_for(argv), argv, catch_exceptions=False)
    assert app_for(argv) is not app  # trimmed: the command is named before its options
    assert (trimmed.exit_code, trimmed.stdout, trimmed.stderr) == (
        whole.exit_code,
        whole.stdout,
        whole.stderr,
    )
    assert snapshot(ledger.root) == after

"""Start-up (SPEC §7): what a command imports, and the shortcuts taken to import less give the
same results as the long way round."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ledger.errors import LedgerError
from ledger.store import LOCAL_FILE, Ledger

REPO = Path(__file__).resolve().parent.parent

# -- what a command imports ---------------------------------------------------------------------

IMPORTS = """
import runpy, sys
sys.argv = ["caseledger", *sys.argv[1:]]
try:
    runpy.run_module("caseledger", run_name="__main__")
except SystemExit:
    pass
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"pydantic", "ruamel", "rich", "tabulate", "sqlite3"})
sys.stderr.write("IMPORTED " + " ".join(heavy) + "\\n")
sys.stderr.write("RICH " + " ".join(sorted(m for m in sys.modules if m.startswith("rich."))) + "\\n")
"""


def imported(*args: str) -> tuple[set[str], set[str]]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", IMPORTS, *args], capture_output=True, text=True, cwd=REPO, env=env, timeout=60
    )
    lines = dict(line.split(" ", 1) if " " in line else (line, "") for line in done.stderr.splitlines())
    assert "IMPORTED" in lines, done.stderr
    return set(lines["IMPORTED"].split()), set(lines["RICH"].split())


def test_issue_show_imports_no_pydantic_ruamel_or_rich_console(ledger: Ledger, run) -> None:
    run("issue", "open", "--village", "dapo", "--title", "路灯坏了", "--category", "hardship")
    run("issue", "close", "1", "--disposition", "resolved", "--note", "修好了")  # a file with `null`s
    heavy, rich_modules = imported("-C", str(ledger.root), "issue", "show", "1")
    assert heavy <= {"rich"}  # rich.cells only, to measure the table's cells
    assert "rich.cells" in rich_modules and not {"rich.console", "rich.table"} & rich_modules


def test_help_imports_no_pydantic(ledger: Ledger) -> None:
    heavy, _ = imported("--help")
    assert "pydantic" not in heavy and "ruamel" not in heavy


# -- option values converted without Typer's adapters -------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("issue", "show", "1", "-f", "json"),
        ("issue", "show", "1", "--format", "JSON"),
        ("issue", "show", "1", "--format", "Markdown"),
        ("issue", "show", "1", "--format", "xml"),
        ("issue", "show", "1", "--format"),
        ("issue", "show", "#1"),
        ("issue", "show", "zz"),
        ("issue", "log", "1", "-f", "csv"),
        ("issue", "list", "--status", "all", "--format", "tsv"),
        ("issue", "list", "--overdue", "--format", "plain"),
        ("issue", "open", "--village", "dapo", "--title", "x", "--category", "nope"),
        ("issue", "open", "--village", "dapo", "--title", "x", "--category", "hardship", "--topic", "water"),
        ("issue", "open", "--village", "dapo", "--title", "x", "--category", "hardship", "--private"),
        ("issue", "close", "1"),
        ("--lang", "zh", "issue", "show", "1"),
        ("--lang", "fr", "issue", "show", "1"),
        ("--actor", "张三", "--commit", "issue", "note", "1", "看过了"),
        ("village", "add", "xincun", "--name", "新村", "--township", "qinglong", "--households", "-1"),
        ("village", "add", "xincun", "--name", "新村", "--township", "qinglong", "--households", "many"),
        ("village", "list", "--township", "qinglong", "-f", "json"),
        ("township", "list", "--bogus"),
        ("init",),
    ],
)
def test_options_convert_as_typer_converts_them(ledger: Ledger, run, monkeypatch, snapshot, args) -> None:
    from caseledger.commands import coercion

    run("issue", "open", "--village", "dapo", "--title", "路灯坏了", "--category", "hardship")
    before = snapshot(ledger.root)
    fast = run(*args)
    fast_files = snapshot(ledger.root)
    # The same command on the same files, every value converted by Typer's own adapters.
    for path in set(fast_files) - set(before):
        (ledger.root / path).unlink()
    for path, data in before.items():
        (ledger.root / path).write_bytes(data)
    monkeypatch.setattr(coercion, "install", lambda command, help_names=None: None)
    slow = run(*args)
    assert (fast.exit_code, fast.stdout, fast.stderr) == (slow.exit_code, slow.stdout, slow.stderr)


def test_plain_parameters_get_the_plain_converter() -> None:
    from typer.main import get_command

    from caseledger.cli import app
    from caseledger.commands.coercion import PlainParam, install

    group = get_command(app)
    install(group, ["-h", "--help"])
    show = group.commands["issue"].commands["show"]
    params = [*show.params, show._help_option, *group.params]
    assert all(isinstance(p._runtime_param, PlainParam) for p in params)
    topic = next(p for p in group.commands["issue"].commands["open"].params if p.name == "topic")
    assert topic._runtime_param is None  # a list: left to Typer


# -- a run builds only the command it runs -------------------------------------------------------


def test_app_for_keeps_only_the_named_command() -> None:
    from caseledger.cli import app, app_for

    def commands(typer_app) -> list[str]:
        names = [info.name for info in typer_app.registered_commands]
        for group in typer_app.registered_groups:
            names += [f"{group.name} {info.name}" for info in group.typer_instance.registered_commands]
        return names

    assert commands(app_for(["-C", "x", "--lang=zh", "--commit", "issue", "show", "7"])) == ["issue show"]
    assert commands(app_for(["--root", "x", "--actor", "a", "village", "add", "v"])) == ["village add"]
    assert commands(app_for(["init", "--name", "x"])) == ["init"]
    for argv in (
        [],
        ["--help"],
        ["-h"],
        ["--version"],
        ["issue"],
        ["issue", "--help"],
        ["issue", "shwo", "7"],
        ["isue", "show", "7"],
        ["-Cx", "issue", "show", "7"],
        ["-C"],
        ["--bogus", "issue", "show", "7"],
    ):
        assert app_for(argv) is app, argv
    assert len(commands(app)) > 20  # the whole app is left as it was


@pytest.mark.parametrize(
    "args",
    [
        ("issue", "show", "1"),
        ("issue", "show", "1", "--help"),
        ("issue", "show", "-h"),
        ("issue", "show"),
        ("issue", "show", "1", "2"),
        ("issue", "show", "1", "--bogus"),
        ("issue", "open", "--village", "dapo"),
        ("issue", "close", "1", "--disposition", "resolved", "--note", "好了"),
        ("--lang", "zh", "issue", "log", "1", "-f", "json"),
        ("--lang=zh", "village", "list"),
        ("--actor", "张三", "township", "add", "xinzhen", "--name", "新镇"),
        ("village", "add", "xincun", "--name", "新村", "--township", "qinglong", "--households", "-1"),
        ("office",),
        ("init", "--help"),
        ("issue", "--help"),
        ("issue", "shwo", "1"),
    ],
)
def test_the_trimmed_app_says_what_the_whole_app_says(ledger: Ledger, snapshot, args) -> None:
    from typer.testing import CliRunner

    from caseledger.cli import app, app_for

    runner = CliRunner()
    argv = ["-C", str(ledger.root), *args]
    runner.invoke(app, ["-C", str(ledger.root), "issue", "open", "--village", "dapo", "--title", "路灯坏了",
                        "--category", "hardship", "--date", "2026-03-01"])  # fmt: skip
    before = snapshot(ledger.root)
    whole = runner.invoke(app, argv, catch_exceptions=False)
    after_whole = snapshot(ledger.root)
    for path in set(after_whole) - set(before):
        (ledger.root / path).unlink()
    for path, data in before.items():
        (ledger.root / path).write_bytes(data)
    trimmed = runner.invoke(app_for(argv), argv, catch_exceptions=False)
    assert (trimmed.exit_code, trimmed.stdout, trimmed.stderr) == (
        whole.exit_code,
        whole.stdout,
        whole.stderr,
    )
    assert snapshot(ledger.root).keys() == after_whole.keys()


# -- the office prefix read without the LocalSettings model --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        None,
        "office: QL\n",
        "office: ql \n",
        "# this copy\noffice: 'HN'\n",
        "office:\n",
        "office: null\n",
        "{}\n",
        "",
        "office: q-l\n",
        "office: 12\n",
        "office: true\n",
        "office: [QL]\n",
        "office: QL\nname: x\n",
        "- office\n",
        "office: &a QL\n",
    ],
)
def test_office_is_what_the_local_settings_model_says(empty_ledger: Ledger, text: str | None) -> None:
    path = empty_ledger.root / LOCAL_FILE
    if text is not None:
        path.write_text(text, encoding="utf-8")

    def outcome(read) -> object:
        try:
            return read(Ledger(empty_ledger.root))
        except LedgerError as exc:
            return (type(exc), exc.key, exc.message("en"))

    assert outcome(lambda lg: lg.office) == outcome(lambda lg: lg.local.office)


@pytest.mark.parametrize("value", ["QL", " ql ", "Q1", "q-l", "1Q", "ABCDEFGHIJK", "\tHN\n"])
def test_office_from_the_environment_is_checked_as_before(empty_ledger: Ledger, monkeypatch, value) -> None:
    from ledger.settings import LocalSettings

    monkeypatch.setenv("CASELEDGER_OFFICE", value)
    try:
        expected: object = LocalSettings(office=value).office
    except Exception:
        expected = "env.bad.office"
    try:
        got: object = empty_ledger.office
    except LedgerError as exc:
        got = exc.key
    assert got == expected

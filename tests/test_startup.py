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
sys.stderr.write("MODULES " + " ".join(sorted(sys.modules)) + "\\n")
"""

HEAVY = {"pydantic", "ruamel", "rich", "tabulate", "sqlite3"}
# Each top-level command's own modules: a run imports those of the command it runs only.
COMMAND_MODULES = {
    f"caseledger.commands.{name}"
    for name in ("setup", "places", "issue", "issue_actions", "check", "report", "cards", "importing",
                 "people", "people_reports", "aid", "sync")
}  # fmt: skip
# What only writes need (the unit, git, the journal's repair), and the lifecycle's rules.
WRITE_MODULES = {
    "ledger.transaction", "ledger.gitops", "ledger.syncmove", "ledger.lifecycle", "ledger.routing",
}  # fmt: skip
# Help pages and click's usage errors in the clerk's words: only when one is printed.
HELP_MODULES = {"caseledger.commands.helptext", "caseledger.commands.usage_errors"}


def modules(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """Every module a run of `caseledger *args` imported."""
    full = dict(os.environ, PYTHONPATH=str(REPO), **(env or {}))
    done = subprocess.run(
        [sys.executable, "-c", IMPORTS, *args], capture_output=True, text=True, cwd=REPO, env=full, timeout=60
    )
    lines = dict(line.split(" ", 1) if " " in line else (line, "") for line in done.stderr.splitlines())
    assert "MODULES" in lines, done.stderr
    return set(lines["MODULES"].split())


def imported(*args: str) -> tuple[set[str], set[str]]:
    found = modules(*args)
    return {m.split(".")[0] for m in found} & HEAVY, {m for m in found if m.startswith("rich.")}


def test_issue_show_imports_no_pydantic_ruamel_or_rich_console(ledger: Ledger, run) -> None:
    run("issue", "open", "--village", "dapo", "--title", "路灯坏了", "--category", "hardship")
    run("issue", "close", "1", "--disposition", "resolved", "--note", "修好了")  # a file with `null`s
    heavy, rich_modules = imported("-C", str(ledger.root), "issue", "show", "1")
    assert heavy <= {"rich"}  # rich.cells only, to measure the table's cells
    assert "rich.cells" in rich_modules and not {"rich.console", "rich.table"} & rich_modules


@pytest.mark.parametrize("fmt", [(), ("-f", "json")])
def test_issue_show_imports_its_own_command_module_and_no_write_machinery(ledger: Ledger, run, fmt) -> None:
    run("issue", "open", "--village", "dapo", "--title", "路灯坏了", "--category", "hardship")
    found = modules("-C", str(ledger.root), "issue", "show", "1", *fmt)
    assert "ledger.views" in found  # the run did show the issue
    assert found & COMMAND_MODULES == {"caseledger.commands.issue"}
    assert not found & WRITE_MODULES
    assert not found & HELP_MODULES


def test_issue_show_with_a_unit_left_half_done_repairs_it_first(ledger: Ledger, run) -> None:
    """The write machinery is imported when there is something to repair, and only then."""
    from ledger.journals import UNIT_JOURNAL, git_dir

    run("issue", "open", "--village", "dapo", "--title", "路灯坏了", "--category", "hardship")
    if git_dir(ledger.root) is None:
        subprocess.run(["git", "init", "-q", str(ledger.root)], check=True)
    folder = git_dir(ledger.root)
    assert folder is not None
    (folder / UNIT_JOURNAL).write_text("{", encoding="utf-8")  # not JSON: the repair drops it
    found = modules("-C", str(ledger.root), "issue", "show", "1")
    assert "ledger.transaction" in found
    assert not (folder / UNIT_JOURNAL).exists()


def test_help_imports_no_pydantic(ledger: Ledger) -> None:
    heavy, _ = imported("--help")
    assert "pydantic" not in heavy and "ruamel" not in heavy


@pytest.mark.parametrize("args", [("--help",), (), ("--lang", "zh", "-h"), ("--version",)])
def test_the_command_listing_imports_no_command_module(args) -> None:
    found = modules(*args)
    assert not found & COMMAND_MODULES
    assert not {"ledger.store", "ledger.kinds", "ledger.yamlio"} & found
    assert ("caseledger.commands.helptext" in found) == (args != ("--version",))


def test_a_group_help_imports_that_group_only() -> None:
    found = modules("issue", "--help")
    assert found & COMMAND_MODULES == {"caseledger.commands.issue", "caseledger.commands.issue_actions"}
    assert "caseledger.commands.helptext" in found and "caseledger.commands.usage_errors" not in found
    assert modules("issue", "show", "--help") & COMMAND_MODULES == {"caseledger.commands.issue"}


@pytest.mark.parametrize(
    ("args", "wanted"),
    [
        (("issue", "show", "1"), {"issue"}),
        (("issue", "close", "1"), {"issue", "issue_actions"}),  # issue_actions adds to issue's group
        (("issue", "--help"), {"issue", "issue_actions"}),
        (("report", "month", "2026-03"), {"report"}),
        (("report", "visits"), {"report", "people_reports"}),
        (("report", "bulletin", "--help"), {"report", "people_reports", "aid"}),
        (("visit", "list"), {"people", "people_reports", "report"}),  # people adds report visits/cadres
    ],
)
def test_a_group_command_imports_its_group_modules_up_to_its_own(ledger: Ledger, args, wanted) -> None:
    found = modules("-C", str(ledger.root), *args)
    assert found & COMMAND_MODULES == {f"caseledger.commands.{name}" for name in wanted}


def test_a_usage_error_imports_the_usage_error_words_not_the_help_pages(ledger: Ledger) -> None:
    found = modules("-C", str(ledger.root), "--lang", "zh", "issue", "show", "1", "--bogus")
    assert "caseledger.commands.usage_errors" in found and "caseledger.commands.helptext" not in found


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


def _names(typer_app) -> list[str]:
    names = [info.name for info in typer_app.registered_commands]
    for group in typer_app.registered_groups:
        names += [group.name] if not group.typer_instance.registered_commands else []
        names += [f"{group.name} {info.name}" for info in group.typer_instance.registered_commands]
    return names


def test_app_for_keeps_only_the_named_command() -> None:
    from caseledger.cli import app, app_for

    assert _names(app_for(["-C", "x", "--lang=zh", "--commit", "issue", "show", "7"])) == ["issue show"]
    assert _names(app_for(["--root", "x", "--actor", "a", "village", "add", "v"])) == ["village add"]
    assert _names(app_for(["init", "--name", "x"])) == ["init"]
    assert _names(app_for(["issue", "close", "7"])) == ["issue close"]  # from the group's second module
    assert len(_names(app_for(["issue", "--help"]))) == 12  # the whole group, for its help page
    assert _names(app_for(["issue", "shwo", "7"])) == _names(app_for(["issue"]))
    for argv in ([], ["--help"], ["-h"], ["--version"], ["isue", "show", "7"], ["-Cx", "issue", "show", "7"],
                 ["-C"], ["--bogus", "issue", "show", "7"]):  # fmt: skip
        assert _names(app_for(argv)) == [], argv  # nothing built: the others are placeholders
    assert len(_names(app)) > 40  # the whole app is left as it was


def test_the_listing_table_is_what_the_command_modules_register() -> None:
    """`cli.COMMANDS` lists every top-level command, in the whole app's order, each with the
    help its module gives it: the listing made from it is the listing of the whole app."""
    from typer.main import get_command

    from caseledger.cli import COMMANDS, app
    from caseledger.commands.context import LANG, Placeholder
    from ledger.i18n import t

    whole = get_command(app)
    assert list(whole.commands) == list(COMMANDS)
    for name, (_, key) in COMMANDS.items():
        assert whole.commands[name].help == t(key, LANG), name
        assert not isinstance(whole.commands[name], Placeholder)


def _invoke(command, argv: list[str]):
    """Run a click command (as `command_for` makes it) the way Typer's CliRunner runs an app."""
    from unittest import mock

    import typer.testing

    with mock.patch.object(typer.testing, "_get_command", lambda made: made):
        return typer.testing.CliRunner().invoke(command, argv, catch_exceptions=False)


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
        # Nothing built up front: the listing from the placeholders, or the command built late.
        ("--help",),
        ("-h",),
        ("--lang", "zh", "--help"),
        (),
        ("--version",),
        ("isue", "show", "1"),
        ("--lang", "zh", "reprot"),
        ("-Cx", "issue", "show", "1"),
        ("--", "issue", "show", "1"),
        ("--lang", "zh"),
        ("--bogus",),
        ("issue", "show", "1", "--lang", "zh"),
        ("report", "--help"),
        ("--lang", "zh", "report", "month", "--help"),
    ],
)
def test_the_trimmed_app_says_what_the_whole_app_says(ledger: Ledger, snapshot, args) -> None:
    from typer.testing import CliRunner

    from caseledger.cli import app, command_for

    runner = CliRunner()
    argv = ["-C", str(ledger.root), *args] if "-Cx" not in args else list(args)
    runner.invoke(app, ["-C", str(ledger.root), "issue", "open", "--village", "dapo", "--title", "路灯坏了",
                        "--category", "hardship", "--date", "2026-03-01"])  # fmt: skip
    before = snapshot(ledger.root)
    whole = runner.invoke(app, argv, catch_exceptions=False)
    after_whole = snapshot(ledger.root)
    for path in set(after_whole) - set(before):
        (ledger.root / path).unlink()
    for path, data in before.items():
        (ledger.root / path).write_bytes(data)
    trimmed = _invoke(command_for(argv), argv)
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

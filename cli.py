"""caseledger's command line: the Typer app.

Commands parse options, call one library function and render its result; the rules live in
`ledger/`. Heavy modules (pydantic, ruamel.yaml, rich) are imported inside the commands that
need them, so `caseledger --help` starts fast.
"""

# No `from __future__ import annotations` here: Typer reads every command's annotations when it
# builds the command tree, on each run; as strings it evaluates them twice per command (~20 ms).

from typing import Annotated, Any

import typer

from caseledger.commands.context import LedgerGroup, State, detect_lang, h

_base = typer.Typer(
    cls=LedgerGroup,
    help=h("help.app"),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"caseledger {version('caseledger')}")
        raise typer.Exit()


def _completion(ctx: typer.Context, param: typer.CallbackParam, value: bool) -> None:
    """`--show-completion` prints, `--install-completion` installs, the completion script of
    the shell in use (bash, zsh or fish; `$SHELL`, else the shell that runs us)."""
    if not value or ctx.resilient_parsing:
        return
    from caseledger.commands.completion import install_completion, show_completion

    if param.name == "install_completion":
        install_completion()
    else:
        show_completion()
    raise typer.Exit()


@_base.callback()
def main_options(
    ctx: typer.Context,
    root: Annotated[str | None, typer.Option("--root", "-C", help=h("help.opt.root"))] = None,
    actor: Annotated[str | None, typer.Option("--actor", help=h("help.opt.actor"))] = None,
    lang: Annotated[str | None, typer.Option("--lang", help=h("help.opt.lang"))] = None,
    commit: Annotated[bool, typer.Option("--commit", help=h("help.opt.commit"))] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=h("help.opt.version")),
    ] = False,
    install_completion: Annotated[
        bool,
        typer.Option(
            "--install-completion", callback=_completion, is_eager=True, help=h("help.opt.install_completion")
        ),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option(
            "--show-completion", callback=_completion, is_eager=True, help=h("help.opt.show_completion")
        ),
    ] = False,
) -> None:
    from ledger.environment import check as check_environment

    argv = (["--lang", lang] if lang else []) + (["-C", root] if root else [])
    # The global options may also come after the command (SPEC §4): they count for the
    # language of what this callback says too (a bad $CASELEDGER_*).
    chosen = detect_lang(argv + list(getattr(ctx.command, "full_args", ())))
    if lang and lang.strip().lower() not in ("en", "zh"):
        from caseledger.commands.context import fail
        from ledger.i18n import t

        raise fail(t("error.usage.lang", chosen, value=lang), 2, chosen)
    ctx.obj = State(root=root, actor_option=actor, lang=chosen, commit=commit)
    check_environment()  # a bad $CASELEDGER_* is an error line (exit 2), before any work


# Every top-level command, in the order `caseledger --help` lists them (commands, then groups):
# the command modules that define it and the catalog key of its help. A run imports the modules
# of the command it runs only, and of a group's only as far as the one defining its subcommand;
# the others are listed from here, unbuilt (`Placeholder`). tests/test_startup.py holds this
# table to what the modules register.
COMMANDS: dict[str, tuple[tuple[str, ...], str]] = {
    "init": (("setup",), "help.init"),
    "office": (("setup",), "help.office"),
    "check": (("check",), "help.check"),
    "schemas": (("check",), "help.schemas"),
    "cards": (("cards",), "help.cards"),
    "import": (("importing",), "help.import"),
    "sync": (("sync",), "help.sync"),
    "status": (("sync",), "help.status"),
    "township": (("places",), "help.township"),
    "village": (("places",), "help.village"),
    "pairing": (("places",), "help.pairing"),
    "issue": (("issue", "issue_actions"), "help.issue"),
    # report's commands come from three modules, in this order: month, overdue, notice; visits,
    # cadres; aid, alerts, bulletin.
    "report": (("report", "people_reports", "aid"), "help.report"),
    "cadre": (("people",), "help.cadre"),
    "visit": (("people",), "help.visit"),
    "aid": (("aid",), "help.aid"),
}


def _infos(name: str, sub: str | None = None) -> tuple[list[Any], list[Any]]:
    """What the modules of command `name` register under that name (importing them): its
    command, or its group; with `sub`, only as many of the group's modules as it takes to
    define subcommand `sub` (all of them when none does)."""
    from importlib import import_module

    scratch = typer.Typer()
    for module_name in COMMANDS[name][0]:
        # Never skipped on an ImportError: a bad import must fail loudly, not make a group vanish.
        module = import_module(f"caseledger.commands.{module_name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(scratch)
        if sub is not None and _sub_info(scratch, name, sub) is not None:
            break
    commands = [info for info in scratch.registered_commands if _name(info) == name]
    groups = [group for group in scratch.registered_groups if group.name == name]
    return commands, groups


def _sub_info(typer_app: typer.Typer, name: str, sub: str) -> Any:
    """The command `sub` of group `name` in `typer_app`, if registered yet."""
    for group in typer_app.registered_groups:
        if group.name == name:
            for info in group.typer_instance.registered_commands:
                if _name(info) == sub:
                    return info
    return None


def _name(info: Any) -> str:
    from typer.main import get_command_name

    return info.name or get_command_name(info.callback.__name__)


def _with(commands: list[Any], groups: list[Any]) -> typer.Typer:
    """The app (its global options) holding only `commands` and `groups`."""
    import copy

    made = copy.copy(_base)
    made.registered_commands, made.registered_groups = commands, groups
    return made


def whole_app() -> typer.Typer:
    """The app with every command built (`caseledger.cli.app`): for tests, the docs and shell
    completion. A run of the installed command builds only what it runs (`command_for`)."""
    if _whole:
        return _whole[0]
    commands: list[Any] = []
    groups: list[Any] = []
    for name in COMMANDS:
        more_commands, more_groups = _infos(name)
        commands += more_commands
        groups += more_groups
    _whole.append(_with(commands, groups))
    return _whole[0]


_whole: list[typer.Typer] = []


def __getattr__(name: str) -> Any:
    # `from caseledger.cli import app`: the whole app, built on first use only.
    if name == "app":
        return whole_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The global options of `main_options`: those that take a value, and the flag.
_GLOBAL_VALUE = ("--root", "-C", "--actor", "--lang")
_GLOBAL_FLAG = ("--commit",)


def named(argv: list[str]) -> list[str]:
    """The words after the global options of `argv` (which must come first to count here):
    the command and subcommand it plainly names, when it does."""
    i = 0
    while i < len(argv):
        option, equals, _ = argv[i].partition("=")
        if argv[i] in _GLOBAL_VALUE:
            i += 2
        elif argv[i] in _GLOBAL_FLAG or (equals and option in _GLOBAL_VALUE):
            i += 1
        else:
            break
    return argv[i : i + 2]


def app_for(argv: list[str]) -> typer.Typer:
    """The app holding only the command `argv` runs, when argv plainly names one; else none.

    Importing every command module and having Typer build a click command, options and all,
    for each of them (25 commands) on each run is most of a run's start-up, although a run
    uses one. Global options must come first to count here; help, `--version`, a misspelt
    command or any option spelt unusually get no command: `command_for` adds the others
    unbuilt, and builds one if the run asks for it after all.
    """
    import copy

    words = named(argv)
    if not words or words[0] not in COMMANDS:
        return _with([], [])
    commands, groups = _infos(*words)
    info = _sub_info(_with([], groups), *words) if len(words) == 2 else None
    if info is not None:
        sub = copy.copy(groups[0].typer_instance)
        sub.registered_commands, sub.registered_groups = [info], []
        one = copy.copy(groups[0])
        one.typer_instance = sub
        return _with([], [one])
    return _with(commands, groups)


def command_for(argv: list[str]) -> Any:
    """The click command a run of `argv` calls: `app_for(argv)` built, and every other
    top-level command as a `Placeholder` (listed with its help, built if asked for)."""
    from typer.main import get_command

    from caseledger.commands.context import Placeholder

    group: Any = get_command(app_for(argv))
    built = dict(group.commands)

    def build(name: str) -> Any:
        return get_command(_with(*_infos(name))).commands[name]

    group.commands = {
        name: built.get(name) or Placeholder(name, h(key), lambda name=name: build(name))
        for name, (_, key) in COMMANDS.items()
    }
    return group


def main() -> None:
    import os
    import sys

    try:
        if os.environ.get("_CASELEDGER_COMPLETE"):  # the shell asks for completions: all of it
            whole_app()()
        else:
            command_for(sys.argv[1:])()
    except SystemExit:
        try:
            sys.stdout.flush()  # what is still buffered, before Python's own flush at exit
        except BrokenPipeError:  # `caseledger … | head`: the reader has what it wanted
            from caseledger.commands.context import quiet_closed_pipe

            quiet_closed_pipe()
            raise SystemExit(0) from None
        raise


if __name__ == "__main__":
    main()

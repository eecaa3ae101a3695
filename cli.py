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

app = typer.Typer(
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


@app.callback()
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


def _register() -> None:
    from caseledger.commands import places, setup

    setup.register(app)
    app.add_typer(places.townships, name="township")
    app.add_typer(places.villages, name="village")
    app.add_typer(places.pairings, name="pairing")
    for module_name in ("issue", "check", "report", "cards", "importing", "people", "aid", "sync"):
        # Never skipped on an ImportError: a bad import must fail loudly, not make a group vanish.
        module = __import__(f"caseledger.commands.{module_name}", fromlist=["register"])
        module.register(app)


_register()


# The global options of `main_options`: those that take a value, and the flag.
_GLOBAL_VALUE = ("--root", "-C", "--actor", "--lang")
_GLOBAL_FLAG = ("--commit",)


def app_for(argv: list[str]) -> typer.Typer:
    """`app` holding only the command `argv` runs, when argv plainly names one; else `app`.

    Typer builds a click command, options and all, for every command of the app on each run
    (25 commands, ~10 ms) although a run uses one. Global options must come first, as for
    `app`; help, `--version`, a misspelt command or any option spelt unusually get the whole
    app, so that listings and suggestions stay complete.
    """
    import copy

    from typer.main import get_command_name

    i = 0
    while i < len(argv):
        option, equals, _ = argv[i].partition("=")
        if argv[i] in _GLOBAL_VALUE:
            i += 2
        elif argv[i] in _GLOBAL_FLAG or (equals and option in _GLOBAL_VALUE):
            i += 1
        else:
            break
    words = argv[i : i + 2]

    def name(info: Any) -> str:
        return info.name or get_command_name(info.callback.__name__)

    def only(commands: list[Any], groups: list[Any]) -> typer.Typer:
        trimmed = copy.copy(app)
        trimmed.registered_commands, trimmed.registered_groups = commands, groups
        return trimmed

    for info in app.registered_commands:
        if words[:1] == [name(info)]:
            return only([info], [])
    for group in app.registered_groups:
        if len(words) == 2 and words[0] == group.name:
            for info in group.typer_instance.registered_commands:
                if words[1] == name(info):
                    sub = copy.copy(group.typer_instance)
                    sub.registered_commands, sub.registered_groups = [info], []
                    one = copy.copy(group)
                    one.typer_instance = sub
                    return only([], [one])
    return app


def main() -> None:
    import sys

    try:
        app_for(sys.argv[1:])()
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

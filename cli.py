"""caseledger's command line: the Typer app.

Commands parse options, call one library function and render its result; the rules live in
`ledger/`. Heavy modules (pydantic, ruamel.yaml, rich) are imported inside the commands that
need them, so `caseledger --help` starts fast.
"""

# No `from __future__ import annotations` here: Typer reads every command's annotations when it
# builds the command tree, on each run; as strings it evaluates them twice per command (~20 ms).

from typing import Annotated

import typer

from commands.context import LedgerGroup, State, detect_lang, h

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
) -> None:
    argv = (["--lang", lang] if lang else []) + (["-C", root] if root else [])
    chosen = detect_lang(argv)
    if lang and lang.strip().lower() not in ("en", "zh"):
        from commands.context import fail

        raise fail(f"--lang must be en or zh, not '{lang}'", 2, chosen)
    ctx.obj = State(root=root, actor_option=actor, lang=chosen, commit=commit)


def _register() -> None:
    from commands import places, setup

    setup.register(app)
    app.add_typer(places.townships, name="township")
    app.add_typer(places.villages, name="village")
    app.add_typer(places.pairings, name="pairing")
    for module_name in ("issue", "check", "report"):
        try:
            module = __import__(f"commands.{module_name}", fromlist=["register"])
        except ModuleNotFoundError:
            continue
        module.register(app)


_register()


def main() -> None:
    app()


if __name__ == "__main__":
    main()

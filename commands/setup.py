"""`caseledger init` and `caseledger office`."""

# No `from __future__ import annotations` here: Typer reads every command's annotations when it
# builds the command tree, on each run; as strings it evaluates them twice per command (~20 ms).

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from caseledger.commands.context import h, state
from ledger.i18n import t


class LedgerLang(StrEnum):
    en = "en"
    zh = "zh"


def init(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(help=h("help.init.dir"))] = Path("."),
    name: Annotated[str, typer.Option("--name", help=h("help.init.name"))] = ...,  # type: ignore[assignment]
    office: Annotated[str | None, typer.Option("--office", help=h("help.init.office"))] = None,
    git: Annotated[bool, typer.Option("--git", help=h("help.init.git"))] = False,
    autocommit: Annotated[bool, typer.Option("--autocommit", help=h("help.init.autocommit"))] = False,
    lang: Annotated[LedgerLang | None, typer.Option("--lang", help=h("help.init.lang"))] = None,
) -> None:
    from ledger.setup import init_ledger

    st = state(ctx)
    actor = st.actor_option or ""
    # Without --lang the ledger keeps the language init ran in (--lang zh before the command,
    # $CASELEDGER_LANG, the locale), so its commit messages follow the clerk who made it.
    chosen = st.lang if lang is None else lang.value
    init_ledger(directory, name, office=office, git=git, actor=actor, autocommit=autocommit, lang=chosen)
    typer.echo(t("msg.initialized", chosen, name=name, path=str(directory)))


def office(
    ctx: typer.Context,
    code: Annotated[str | None, typer.Argument(help=h("help.office.code"))] = None,
) -> None:
    st = state(ctx)
    ledger = st.ledger()
    if code is None:
        current = ledger.office
        if current:
            typer.echo(current)
        else:
            typer.echo(t("msg.office_none", st.lang), err=True)
        return
    from ledger.setup import set_office

    typer.echo(set_office(ledger, code))


def register(app: typer.Typer) -> None:
    app.command("init", help=h("help.init"))(init)
    app.command("office", help=h("help.office"))(office)

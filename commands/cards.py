"""`caseledger cards` (SPEC §11): the contact cards (民情联系卡) of the active pairings with a cadre.

The library call is `ledger.cards.cards_of`; the html page is `ledger.pages.cards`.
"""

# No `from __future__ import annotations`: Typer reads annotations on each run (commands/issue.py).

from typing import Annotated, Any

import typer

from caseledger.commands.context import h, state
from caseledger.commands.options import FormatOption, OutputOption, SkipBadOption, warn_skipped
from caseledger.commands.output import Column, Format, emit

COLUMNS = [
    Column("cadre", "pages.col.cadre"),
    Column("name", "pages.card.cadre"),
    Column("post", "pages.card.post"),
    Column("unit", "pages.card.unit"),
    Column("phone", "pages.card.phone"),
    Column("village", "pages.card.village"),
    Column("household", "pages.card.household"),
    Column("duty_days", "pages.card.duty"),
]


def register(app: typer.Typer) -> None:
    app.command("cards", help=h("help.cards"))(cards)


def cards(
    ctx: typer.Context,
    village: Annotated[str | None, typer.Option("--village", help=h("help.cards.village"))] = None,
    cadre: Annotated[str | None, typer.Option("--cadre", metavar="CADRE", help=h("help.cards.cadre"))] = None,
    fmt: FormatOption = Format.html,
    output: OutputOption = None,
    skip_bad: SkipBadOption = False,
) -> None:
    from ledger.cards import cards_of

    st = state(ctx)
    ledger = st.ledger()
    found = cards_of(ledger, ledger.today(), village=village, cadre=cadre, skip_bad=skip_bad)
    warn_skipped(found.skipped, st.lang)
    emit(fmt, found, COLUMNS, st.lang, output=output, page=lambda: _page(found, ledger, st.lang))


def _page(found: list[dict[str, Any]], ledger: Any, lang: str) -> str:
    from ledger.pages.cards import cards_page
    from ledger.places import list_villages

    villages = {v.code: v.name for v in list_villages(ledger)}
    return cards_page(found, ledger_name=ledger.settings.name, lang=lang, villages=villages)

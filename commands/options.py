"""Options shared by many commands, defined once."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from caseledger.commands.context import h
from caseledger.commands.output import Format

FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", help=h("help.opt.format"), case_sensitive=False),
]


def optional_day(text: str | None, what: str) -> date | None:
    """A date option as typed (`2026-03-01`), or None when it was not given; usage error otherwise."""
    from ledger.dates import parse_day

    return None if text is None else parse_day(text, what)


OutputOption = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE", help=h("help.opt.output")),
]


SkipBadOption = Annotated[bool, typer.Option("--skip-bad", help=h("help.opt.skip_bad"))]


def warn_skipped(skipped: list[str] | None, lang: str) -> None:
    """The `--skip-bad` warning on stderr (SPEC §4), when any file was left out."""
    if skipped:
        from ledger.i18n import t

        shown = ("、" if lang == "zh" else ", ").join(skipped[:10]) + (" …" if len(skipped) > 10 else "")
        typer.echo(t("warn.skipped", lang, count=len(skipped), files=shown), err=True)

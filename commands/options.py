"""Options shared by many commands, defined once."""

from __future__ import annotations

from typing import Annotated

import typer

from commands.context import h
from commands.output import Format

FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", help=h("help.opt.format"), case_sensitive=False),
]

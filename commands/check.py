"""`caseledger check` (SPEC §4): every problem of the ledger as `path:line: message`."""

# No `from __future__ import annotations`: Typer reads annotations on each run (commands/issue.py).

import sys
from pathlib import Path
from typing import Annotated

import typer

from caseledger.commands.context import h, state
from caseledger.commands.options import FormatOption, OutputOption
from caseledger.commands.output import Column, Format, emit, print_json, to_file
from ledger.i18n import t

COLUMNS = [
    Column("file", "col.file"),
    Column("line", "col.line", align="right", kind="count"),
    Column("message", "col.message"),
]


def register(app: typer.Typer) -> None:
    app.command("check", help=h("help.check"))(check)
    app.command("schemas", help=h("help.schemas"))(schemas)


def check(ctx: typer.Context, fmt: FormatOption = Format.table, output: OutputOption = None) -> None:
    from caseledger.commands.progress import index_progress
    from ledger.checks import run_checks
    from ledger.safetext import neutral

    st = state(ctx)
    ledger = st.ledger()
    with index_progress(st.lang) as progress:
        result = run_checks(ledger, progress)
    rows = [{"file": p.file, "line": p.line, "message": p.message(st.lang)} for p in result.problems]
    if fmt in (Format.csv, Format.tsv, Format.xlsx):
        emit(fmt, rows, COLUMNS, st.lang, output=output)
    else:
        with to_file(output):
            if fmt is Format.json:
                print_json({"ok": not rows, "problems": rows})
            else:  # table, plain, markdown: the editor-friendly `path:line: message`, one per line
                for row in rows:
                    sys.stdout.write(neutral(f"{row['file']}:{row['line']}: {row['message']}") + "\n")
    if rows:
        raise typer.Exit(1)
    typer.echo(t("check.ok", st.lang, count=result.checked), err=True)


def schemas(
    ctx: typer.Context,
    directory: Annotated[Path | None, typer.Argument(metavar="DIR", help=h("help.schemas.dir"))] = None,
) -> None:
    """Write the JSON Schemas into DIR (default: the ledger's schemas/ folder)."""
    from ledger.schemas import FOLDER, write_schemas

    st = state(ctx)
    folder = directory if directory is not None else st.ledger().root / FOLDER
    for path in write_schemas(folder):
        typer.echo(str(path))

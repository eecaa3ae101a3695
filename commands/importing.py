"""`caseledger import KIND FILE` (SPEC §10): read an office's 台账 (.xlsx or .csv) into the ledger."""

# No `from __future__ import annotations`: Typer reads annotations on each run (commands/issue.py).

import sys
from typing import Annotated

import typer

from caseledger.commands.context import fail, h, state
from ledger.i18n import t

MAX_SHOWN = 50  # problems printed; the rest are counted
MAX_SKIPPED = 10  # skipped rows named; the rest are counted


def register(app: typer.Typer) -> None:
    app.command("import", help=h("help.import"))(import_command)


def import_command(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(metavar="KIND", help=h("help.import.kind"))],
    file: Annotated[str, typer.Argument(metavar="FILE", help=h("help.import.file"))],
    sheet: Annotated[str | None, typer.Option("--sheet", help=h("help.import.sheet"))] = None,
    column: Annotated[list[str] | None, typer.Option("--column", help=h("help.import.column"))] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=h("help.import.dry_run"))] = False,
) -> None:
    from pathlib import Path

    from caseledger.commands.progress import index_progress
    from ledger.importer import import_file

    st = state(ctx)
    mapped: dict[str, str] = {}
    for pair in column or []:
        heading, equals, key = pair.partition("=")
        if not equals or not heading.strip() or not key.strip():
            raise fail(t("error.import.bad_column_option", st.lang, value=pair), 2, st.lang)
        mapped[heading.strip()] = key.strip()
    ledger = st.ledger()
    with index_progress(st.lang, "import.progress") as progress:
        plan = import_file(
            ledger, kind, Path(file), sheet=sheet, columns=mapped, dry_run=dry_run,
            actor=st.actor, commit=st.commit, display=file, progress=progress,
        )  # fmt: skip
    if plan.problems:
        for row, problem in plan.problems[:MAX_SHOWN]:
            sys.stderr.write(f"{file}:{row}: {problem.message(st.lang)}\n")
        if len(plan.problems) > MAX_SHOWN:
            sys.stderr.write(t("import.more_problems", st.lang, count=len(plan.problems) - MAX_SHOWN) + "\n")
        sys.stderr.write(t("import.nothing_written", st.lang) + "\n")
        raise typer.Exit(1)
    if dry_run:
        for row, _, record in plan.added:
            sys.stdout.write(f"{file}:{row}: {t('import.would_add', st.lang)} {_what(record)}\n")
    _say_skipped(file, plan.skipped, plan.matched, st.lang)
    done = "import.dry_run" if dry_run else "import.done"
    typer.echo(t(done, st.lang, added=len(plan.added), skipped=len(plan.skipped)))


def _say_skipped(file: str, skipped: list[int], matched: dict[int, str], lang: str) -> None:
    """Each skipped row with the record it matched, so no row is dropped unseen (on stderr: stdout
    stays the one summary line scripts read)."""
    for row in skipped[:MAX_SKIPPED]:
        sys.stderr.write(f"{file}:{row}: {t('import.skipped_row', lang, name=matched.get(row, '?'))}\n")
    if len(skipped) > MAX_SKIPPED:
        sys.stderr.write(t("import.more_skipped", lang, count=len(skipped) - MAX_SKIPPED) + "\n")


def _what(record: object) -> str:
    for key in ("number", "code", "id"):
        value = getattr(record, key, None)
        if value is not None:
            label = (
                getattr(record, "title", None)
                or getattr(record, "name", None)
                or getattr(record, "party", "")
            )
            return f"{value} {label}"
    return ""

"""`report month`, `report overdue` and `report notice` (SPEC §6).

Each command reads the issues through `ledger.scan` (`month_counts` for the month-end
summary, `scan_issues` for the others), calls one pure function of `ledger.report` or
`ledger.notice`, and hands the rows to `commands.output.emit`.
"""

# No `from __future__ import annotations`: Typer reads annotations on each run (commands/issue.py).

from typing import Annotated, Any

import typer

from caseledger.commands.context import h, state
from caseledger.commands.options import FormatOption, OutputOption, SkipBadOption, optional_day, warn_skipped
from caseledger.commands.output import Column, Format, emit
from ledger.i18n import t

reports_app = typer.Typer(help=h("help.report"), no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(reports_app, name="report")


# -- cell renderers ---------------------------------------------------------------------------


def percent(value: Any, lang: str) -> str:
    """A rate as a percentage with one decimal (83.3%), or — when undefined."""
    if value is None:
        return t("report.none", lang)
    return f"{value * 100:.1f}%"


def _enum_label(enum_name: str):
    def show(value: Any, lang: str) -> str:
        from ledger import enums

        member = getattr(enums, enum_name).lookup(value)
        return member.label(lang) if member is not None else ("" if value is None else str(value))

    return show


def _status(value: Any, lang: str) -> str:
    return t(f"report.status.{value}", lang) if value else ""


# -- report month -----------------------------------------------------------------------------


def month_columns() -> list[Column]:
    from ledger.report import COUNT_KEYS, RATE_KEYS

    columns = [Column("township", "report.col.township"), Column("name", "report.col.name")]
    columns += [Column(k, f"report.col.{k}", align="right", kind="count") for k in COUNT_KEYS]
    columns += [Column(k, f"report.col.{k}", show=percent, align="right", kind="rate") for k in RATE_KEYS]
    return columns


@reports_app.command("month", help=h("help.report.month"))
def report_month(
    ctx: typer.Context,
    month: Annotated[str, typer.Argument(metavar="YYYY-MM", help=h("help.report.month.month"))],
    township: Annotated[str | None, typer.Option("--township", help=h("help.report.month.township"))] = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    skip_bad: SkipBadOption = False,
) -> None:
    from caseledger.commands.progress import index_progress
    from ledger.readers import month_report

    st = state(ctx)
    ledger = st.ledger()
    with index_progress(st.lang) as progress:  # a bar on stderr when many files must be (re)read
        result = month_report(ledger, month, township=township, skip_bad=skip_bad, progress=progress)
    warn_skipped(result.get("skipped"), st.lang)
    rows = [*result["rows"], result["total"]]
    title = t(
        "report.title.month", st.lang, name=ledger.settings.name, month=result["month"], as_of=result["as_of"]
    )
    if fmt is Format.table:
        # 27 figures side by side fit no terminal: the table shows one column per township.
        table_rows, columns = transpose(rows, st.lang)
        emit(fmt, table_rows, columns, st.lang, title=title, output=output)
        return
    if fmt not in (Format.json, Format.csv, Format.tsv):
        rows[-1] = rows[-1] | {"name": t("report.total", st.lang)}
    emit(
        fmt,
        rows,
        month_columns(),
        st.lang,
        json_data=result,
        title=title,
        output=output,
        total=True,
        page=lambda: _month_page(result, ledger, st.lang),
    )


def _month_page(result: dict[str, Any], ledger: Any, lang: str) -> str:
    from ledger.pages.reports import month_page

    return month_page(result, ledger_name=ledger.settings.name, lang=lang)


def transpose(rows: list[dict[str, Any]], lang: str) -> tuple[list[dict[str, Any]], list[Column]]:
    """Month rows turned into one row per figure and one column per township (and total)."""
    from ledger.report import FIGURE_KEYS, RATE_KEYS

    keys = [f"t{i}" for i in range(len(rows))]
    columns = [Column("figure", "report.col.figure")]
    for key, row in zip(keys, rows, strict=True):
        header = t("report.total", lang) if row["township"] == "total" else row["name"]
        columns.append(Column(key, header, align="right"))
    table_rows = []
    for figure in FIGURE_KEYS:
        line: dict[str, Any] = {"figure": t(f"report.col.{figure}", lang)}
        for key, row in zip(keys, rows, strict=True):
            value = row[figure]
            line[key] = percent(value, lang) if figure in RATE_KEYS else str(value)
        table_rows.append(line)
    return table_rows, columns


# -- report overdue ---------------------------------------------------------------------------

OVERDUE_COLUMNS = [
    Column("number", "report.col.number", align="right"),
    Column("title", "report.col.title"),
    Column("village", "report.col.village", place="village"),
    Column("township", "report.col.township", place="township", optional=True),
    Column("level", "report.col.level", show=_enum_label("Level"), optional=True),
    Column("owner", "report.col.owner"),
    Column("received", "report.col.received", kind="date", optional=True),
    Column("deadline", "report.col.deadline", kind="date"),
    Column("days_overdue", "report.col.days_overdue", align="right", kind="count"),
]


@reports_app.command("overdue", help=h("help.report.overdue"))
def report_overdue(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of", help=h("help.report.as_of"))] = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    skip_bad: SkipBadOption = False,
) -> None:
    from caseledger.commands.progress import index_progress
    from ledger.places import list_villages, place_names
    from ledger.readers import overdue_report

    st = state(ctx)
    ledger = st.ledger()
    day = optional_day(as_of, "--as-of") or ledger.today()
    with index_progress(st.lang) as progress:
        rows = overdue_report(ledger, day, skip_bad=skip_bad, progress=progress)
    warn_skipped(rows.skipped, st.lang)
    title = t("report.title.overdue", st.lang, as_of=day.isoformat())
    emit(
        fmt,
        rows,
        OVERDUE_COLUMNS,
        st.lang,
        title=title,
        output=output,
        empty="msg.empty.overdue",
        page=lambda: _overdue_page(rows, day, ledger, list_villages(ledger), st.lang),
        places=lambda: place_names(ledger),
    )


def _overdue_page(rows: list[dict[str, Any]], day: Any, ledger: Any, villages: list[Any], lang: str) -> str:
    from ledger.pages.reports import overdue_page
    from ledger.places import list_townships

    return overdue_page(
        rows,
        as_of=day.isoformat(),
        ledger_name=ledger.settings.name,
        lang=lang,
        villages={v.code: v.name for v in villages},
        townships={town.code: town.name for town in list_townships(ledger)},
    )


# -- report notice ----------------------------------------------------------------------------

NOTICE_COLUMNS = [
    Column("number", "report.col.number", align="right"),
    Column("title", "report.col.title"),
    # SPEC §6's board columns (number, title, category, level, owner, deadline, status) always
    # show; the reporter and the close day step aside on a narrow terminal.
    Column("category", "report.col.category", show=_enum_label("Category")),
    Column("reporter", "report.col.reporter", optional=True),
    Column("level", "report.col.level", show=_enum_label("Level")),
    Column("owner", "report.col.owner"),
    Column("deadline", "report.col.deadline", kind="date"),
    Column("status", "report.col.status", show=_status),
    Column("closed", "report.col.closed_day", kind="date", optional=True),
]


@reports_app.command("notice", help=h("help.report.notice"))
def report_notice(
    ctx: typer.Context,
    village: Annotated[str, typer.Option("--village", help=h("help.report.notice.village"))],
    as_of: Annotated[str | None, typer.Option("--as-of", help=h("help.report.as_of"))] = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    skip_bad: SkipBadOption = False,
) -> None:
    from caseledger.commands.output import to_file
    from caseledger.commands.progress import index_progress
    from ledger.readers import notice_board

    st = state(ctx)
    ledger = st.ledger()
    day = optional_day(as_of, "--as-of") or ledger.today()
    with index_progress(st.lang) as progress:
        data, heading = notice_board(ledger, village, day, skip_bad=skip_bad, progress=progress)
    warn_skipped(data.get("skipped"), st.lang)
    rows = data["issues"]
    town = ledger.township(data["township"])
    title = t("report.title.notice", st.lang, village=heading, as_of=day.isoformat())
    if fmt is Format.xlsx:
        emit(fmt, rows, NOTICE_COLUMNS, st.lang, title=title, output=output)
        return
    with to_file(output):  # the footer goes with the table
        emit(
            fmt,
            rows,
            NOTICE_COLUMNS,
            st.lang,
            json_data=data,
            title=title,
            page=lambda: _notice_page(data, ledger, town.name, st.lang),
            empty="msg.empty.notice",
        )
        if fmt in (Format.table, Format.plain, Format.markdown):
            footer = t("report.notice.footer", st.lang)
            if fmt is Format.table:  # wrapped to the terminal, as the table is
                from caseledger.commands.helptext import width, wrap

                footer = "\n".join(wrap(footer, width()))
            typer.echo("\n" + footer)


def _notice_page(data: dict[str, Any], ledger: Any, township_name: str, lang: str) -> str:
    from ledger.pages.reports import notice_page

    return notice_page(data, ledger_name=ledger.settings.name, township_name=township_name, lang=lang)

"""`report visits` and `report cadres` (SPEC §8), added to the `report` group."""

# No `from __future__ import annotations`: Typer reads annotations on each run.

from typing import Annotated, Any

import typer

from caseledger.commands.context import h, state
from caseledger.commands.options import FormatOption, OutputOption, SkipBadOption, warn_skipped
from caseledger.commands.output import Column, Format, emit
from caseledger.commands.report import percent, reports_app
from ledger.i18n import t


def _yes(value: Any, lang: str) -> str:
    return t("word.yes", lang) if value else ""


def _target(value: Any, lang: str) -> str:
    return t("report.none", lang) if value is None else str(value)


def _rank(value: Any, lang: str) -> str:
    from ledger.enums import Rank

    member = Rank.lookup(value)
    return member.label(lang) if member is not None else str(value)


def visit_columns(key: str) -> list[Column]:
    from ledger.people_report import VISIT_KEYS

    columns = [Column(key, f"report.col.{key}"), Column("name", "report.col.name")]
    for k in VISIT_KEYS:
        if k == "visit_rate":
            columns.append(Column(k, "report.col.visit_rate", show=percent, align="right", kind="rate"))
        else:
            columns.append(Column(k, f"report.col.{k}", align="right", kind="count"))
    return columns


def cadre_columns() -> list[Column]:
    from ledger.people_report import CADRE_KEYS

    shows = {"rank": _rank, "behind": _yes}
    columns = []
    for k in CADRE_KEYS:
        if k in ("cadre", "name", "rank", "unit", "behind"):
            columns.append(Column(k, f"report.col.{k}", show=shows.get(k)))
        else:
            show = _target if k.endswith("_target") else None
            columns.append(Column(k, f"report.col.{k}", show=show, align="right", kind="count"))
    return columns


@reports_app.command("visits", help=h("help.report.visits"))
def report_visits(
    ctx: typer.Context,
    period: Annotated[str, typer.Argument(metavar="PERIOD", help=h("help.report.period"))],
    township: Annotated[str | None, typer.Option("--township", help=h("help.report.visits.township"))] = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    skip_bad: SkipBadOption = False,
) -> None:
    from caseledger.commands.progress import index_progress
    from ledger.people_report import visits_report

    st = state(ctx)
    ledger = st.ledger()
    with index_progress(st.lang, "progress.records") as progress:  # a bar on stderr on a cold index
        result = visits_report(ledger, period, township, progress, skip_bad=skip_bad)
    warn_skipped(result.get("skipped"), st.lang)
    key = "village" if township is not None else "township"
    rows = [*result["rows"], result["total"]]
    if fmt not in (Format.json, Format.csv, Format.tsv):
        rows[-1] = rows[-1] | {"name": t("report.total", st.lang)}
    title = t("report.title.visits", st.lang, name=ledger.settings.name, period=result["period"],
              first=result["from"], last=result["to"])  # fmt: skip
    if fmt is Format.table:
        # 12 figures side by side fit no terminal: the table shows one column per row instead.
        table_rows, columns = transpose_visits(rows, st.lang)
        emit(fmt, table_rows, columns, st.lang, title=title, output=output)
        return
    emit(fmt, rows, visit_columns(key), st.lang, json_data=result, title=title, output=output, total=True,
         page=lambda: _visits_page(result, ledger, st.lang))  # fmt: skip


def _visits_page(result: dict[str, Any], ledger: Any, lang: str) -> str:
    from ledger.pages.reports import visits_page

    return visits_page(result, ledger_name=ledger.settings.name, lang=lang)


def transpose_visits(rows: list[dict[str, Any]], lang: str) -> tuple[list[dict[str, Any]], list[Column]]:
    """One row per figure, one column per township or village (and the total)."""
    from ledger.people_report import VISIT_KEYS

    keys = [f"r{i}" for i in range(len(rows))]
    columns = [Column("figure", "report.col.figure")]
    columns += [Column(k, str(row["name"]), align="right") for k, row in zip(keys, rows, strict=True)]
    table_rows = []
    for figure in VISIT_KEYS:
        line: dict[str, Any] = {"figure": t(f"report.col.{figure}", lang)}
        for key, row in zip(keys, rows, strict=True):
            value = row[figure]
            line[key] = percent(value, lang) if figure == "visit_rate" else str(value)
        table_rows.append(line)
    return table_rows, columns


# The terminal table: each figure with its target in one cell (12/16), behind marked. In an
# 80-column terminal the optional columns give way (closed_on_time first) for the rest to read.
COMPACT = [
    Column("cadre", "report.col.cadre"),
    Column("name", "report.col.name"),
    Column("rank", "report.col.rank", show=_rank, optional=True),
    Column("visits", "report.col.visits", align="right"),
    Column("households", "report.col.households_of_target", align="right"),
    Column("days", "report.col.days_of_target", align="right"),
    Column("owned", "report.col.owned", align="right", optional=True),
    Column("closed", "report.col.closed", align="right", optional=True),
    Column("closed_on_time", "report.col.closed_on_time", align="right", optional=True),
    Column("deeds", "report.col.deeds_of_target", align="right"),
    Column("behind", "report.col.behind", show=_yes),
]


def _compact(row: dict[str, Any]) -> dict[str, Any]:
    shown = dict(row)
    for key in ("households", "days", "deeds"):
        target = row[f"{key}_target"]
        shown[key] = str(row[key]) if target is None else f"{row[key]}/{target}"
    return shown


@reports_app.command("cadres", help=h("help.report.cadres"))
def report_cadres(
    ctx: typer.Context,
    period: Annotated[str, typer.Argument(metavar="PERIOD", help=h("help.report.period"))],
    township: Annotated[str | None, typer.Option("--township", help=h("help.report.cadres.township"))] = None,
    rank: Annotated[str | None, typer.Option("--rank", help=h("help.report.cadres.rank"))] = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    skip_bad: SkipBadOption = False,
) -> None:
    from caseledger.commands.progress import index_progress
    from ledger.people_report import cadres_report

    st = state(ctx)
    ledger = st.ledger()
    with index_progress(st.lang) as progress:
        result = cadres_report(ledger, period, township, rank, progress, skip_bad=skip_bad)
    warn_skipped(result.get("skipped"), st.lang)
    title = t("report.title.cadres", st.lang, name=ledger.settings.name, period=result["period"],
              first=result["from"], last=result["to"])  # fmt: skip
    if fmt is Format.table:
        emit(fmt, [_compact(row) for row in result["rows"]], COMPACT, st.lang, title=title, output=output)
        return
    emit(fmt, result["rows"], cadre_columns(), st.lang, json_data=result, title=title, output=output,
         page=lambda: _cadres_page(result, ledger, st.lang))  # fmt: skip


def _cadres_page(result: dict[str, Any], ledger: Any, lang: str) -> str:
    from ledger.pages.reports import cadres_page

    return cadres_page(result, ledger_name=ledger.settings.name, lang=lang)

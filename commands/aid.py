"""SPEC §9's commands: `aid add/list`, `report aid` (帮扶资金、物资、项目), `report alerts` (预警)
and `report bulletin` (季度通报). `issue supervise` lives with the other issue actions."""

# No `from __future__ import annotations` here: Typer reads every command's annotations.

from typing import Annotated, Any

import typer

from caseledger.commands.context import h, state
from caseledger.commands.options import FormatOption, OutputOption, SkipBadOption, optional_day, warn_skipped
from caseledger.commands.output import Column, Format, emit, print_json
from caseledger.commands.report import percent, reports_app
from ledger.i18n import t

aid_app = typer.Typer(help=h("help.aid"), no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(aid_app, name="aid")


def _label(value: Any, lang: str) -> str:
    from ledger.enums import AidKind

    member = AidKind.lookup(value)
    return member.label(lang) if member is not None else ("" if value is None else str(value))


def _joined(value: Any, lang: str) -> str:
    return (
        "、".join(str(v) for v in value) if isinstance(value, list) else ("" if value is None else str(value))
    )


def _yuan(value: Any, lang: str) -> str:
    """An amount as JSON prints it (two decimals), or nothing."""
    from ledger.money import to_json

    if value is None:
        return ""
    return value if isinstance(value, str) else str(to_json(value))


def _short_yuan(value: Any, lang: str) -> str:
    """An amount for the terminal: `60000` for whole yuan, else `8650.50` (exact either way)."""
    text = _yuan(value, lang)
    return text.removesuffix(".00")


def _none(value: Any, lang: str) -> str:
    return t("report.none", lang) if value is None else str(value)


AID_COLUMNS = [
    Column("id", "col.id"),
    Column("date", "col.date", kind="date"),
    Column("village", "col.village", place="village"),
    Column("kind", "col.kind", show=_label),
    Column("title", "col.title"),
    Column("amount", "col.amount", show=_yuan, align="right", kind="amount"),
    Column("pairing", "col.pairing", optional=True),
    Column("cadres", "col.cadres", show=_joined, optional=True),
    Column("household", "col.household", optional=True),
    Column("issue", "col.issue", optional=True),
    # in a workbook only, so that an exported aid list reads back whole with `import aid`
    Column("ref", "col.ref", sheet_only=True),
]


@aid_app.command("add", help=h("help.aid.add"))
def aid_add(
    ctx: typer.Context,
    village: Annotated[str, typer.Option("--village", help=h("help.aid.village"))],
    kind: Annotated[str, typer.Option("--kind", help=h("help.aid.kind"))],
    title: Annotated[str, typer.Option("--title", help=h("help.aid.title"))],
    amount: Annotated[str | None, typer.Option("--amount", metavar="YUAN", help=h("help.aid.amount"))] = None,
    pairing: Annotated[
        str | None, typer.Option("--pairing", metavar="ID", help=h("help.aid.pairing"))
    ] = None,
    cadre: Annotated[list[str] | None, typer.Option("--cadre", help=h("help.aid.cadre"))] = None,
    household: Annotated[str | None, typer.Option("--household", help=h("help.aid.household"))] = None,
    issue: Annotated[str | None, typer.Option("--issue", metavar="NUMBER", help=h("help.aid.issue"))] = None,
    day: Annotated[str | None, typer.Option("--date", help=h("help.aid.date"))] = None,
    fmt: FormatOption = Format.table,
) -> None:
    from ledger.aids import add_aid

    st = state(ctx)
    record = add_aid(
        st.ledger(), village=village, kind=kind, title=title, amount=amount, pairing=pairing,
        cadres=cadre or [], household=household, issue=issue, day=optional_day(day, "--date"),
        actor=st.actor, commit=st.commit,
    )  # fmt: skip
    if fmt is Format.json:
        print_json(record.to_json())
    else:
        typer.echo(record.id)


@aid_app.command("list", help=h("help.aid.list"))
def aid_list(
    ctx: typer.Context,
    village: Annotated[str | None, typer.Option("--village", help=h("help.aid.filter_village"))] = None,
    township: Annotated[str | None, typer.Option("--township", help=h("help.aid.filter_township"))] = None,
    pairing: Annotated[
        str | None, typer.Option("--pairing", metavar="ID", help=h("help.aid.filter_pairing"))
    ] = None,
    cadre: Annotated[str | None, typer.Option("--cadre", help=h("help.aid.filter_cadre"))] = None,
    since: Annotated[str | None, typer.Option("--since", help=h("help.aid.since"))] = None,
    until: Annotated[str | None, typer.Option("--until", help=h("help.aid.until"))] = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    skip_bad: SkipBadOption = False,
) -> None:
    from ledger.aids import list_aid
    from ledger.places import place_names

    st = state(ctx)
    ledger = st.ledger()
    records = list_aid(
        ledger, village=village, township=township, pairing=pairing, cadre=cadre,
        since=optional_day(since, "--since"), until=optional_day(until, "--until"), skip_bad=skip_bad,
    )  # fmt: skip
    warn_skipped(records.skipped, st.lang)
    rows = [r.model_dump() for r in records]
    emit(fmt, rows, AID_COLUMNS, st.lang, json_data=[r.to_json() for r in records], output=output,
         places=lambda: place_names(ledger))  # fmt: skip


# -- report aid -------------------------------------------------------------------------------


def aid_report_columns(by: str) -> list[Column]:
    from ledger.aid_report import AMOUNT_KEYS

    columns = [Column(by, f"report.col.{by}", show=_none)]
    if by != "party":
        columns.append(Column("name", "report.col.name", show=_none))
    columns += [
        Column("records", "report.col.aid_records", align="right", kind="count"),
        Column("households", "report.col.aid_households", align="right", kind="count"),
    ]
    # the kinds' amounts step aside (the last first) in a terminal too narrow; the total stays
    columns += [
        Column(k, f"report.col.aid_{k}", align="right", kind="amount", optional=k != "amount")
        for k in AMOUNT_KEYS
    ]
    return columns


@reports_app.command("aid", help=h("help.report.aid"))
def report_aid(
    ctx: typer.Context,
    period: Annotated[str, typer.Argument(metavar="PERIOD", help=h("help.report.period"))],
    by: Annotated[str, typer.Option("--by", metavar="township|party|cadre", help=h("help.report.aid.by"))] = (
        "township"
    ),
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    skip_bad: SkipBadOption = False,
) -> None:
    from caseledger.commands.progress import index_progress
    from ledger.aids import aid_report

    st = state(ctx)
    ledger = st.ledger()
    with index_progress(st.lang, "progress.records") as progress:  # a bar on stderr on a cold index
        result = aid_report(ledger, period, by, skip_bad=skip_bad, progress=progress)
    warn_skipped(result.get("skipped"), st.lang)
    key = result["by"]
    total = dict(result["total"])
    if fmt not in (Format.json, Format.csv, Format.tsv):
        total[key] = t("report.total", st.lang)
        if "name" in total:
            total["name"] = t("report.total", st.lang)
    title = t("report.title.aid", st.lang, name=ledger.settings.name, period=result["period"],
              first=result["from"], last=result["to"])  # fmt: skip
    columns = aid_report_columns(key)
    if fmt is Format.table:  # the terminal: whole yuan without .00, a township by its name alone
        columns = [Column(c.key, c.header, show=_short_yuan, align="right", optional=c.optional, whole=True)
                   if c.kind == "amount" else c for c in columns]  # fmt: skip
        if key == "township":
            columns = [Column("name", "report.col.township", show=_none), *columns[2:]]
    emit(fmt, [*result["rows"], total], columns, st.lang, json_data=result, title=title,
         output=output, total=True, page=lambda: _aid_page(result, ledger, st.lang))  # fmt: skip


def _aid_page(result: dict[str, Any], ledger: Any, lang: str) -> str:
    from ledger.pages.reports import aid_page

    return aid_page(result, ledger_name=ledger.settings.name, lang=lang)


# -- report alerts ----------------------------------------------------------------------------


def _alert(value: Any, lang: str) -> str:
    return t(f"report.alert.{value}", lang) if value else ""


def _supervised(value: Any, lang: str) -> str:
    return t("word.supervised", lang) if value else ""


ALERT_COLUMNS = [
    Column("number", "report.col.number", align="right"),
    Column("alert", "report.col.alert", show=_alert),
    Column("days", "report.col.alert_days", align="right", kind="count"),
    Column("deadline", "report.col.deadline", kind="date"),
    Column("title", "report.col.title"),
    Column("village", "report.col.village", place="village"),
    Column("township", "report.col.township", place="township"),
    Column("owner", "report.col.owner"),
    Column("lead", "report.col.lead"),
    Column("supervised", "report.col.supervised", show=_supervised),
]


def _alert_shown(alert: str, supervised: bool, lang: str) -> str:
    """`超期·督办`: the alert with the supervised mark, for the terminal table."""
    return _alert(alert, lang) + (t("report.alert.supervised_mark", lang) if supervised else "")


COMPACT_ALERTS = [
    Column("number", "report.col.number", align="right"),
    Column("alert_shown", "report.col.alert"),
    Column("days", "report.col.alert_days", align="right"),
    Column("deadline", "report.col.deadline", kind="date"),
    Column("title", "report.col.title"),
    Column("village", "report.col.village", place="village"),
    Column("owner", "report.col.owner"),
    Column("lead", "report.col.lead", optional=True),
]


@reports_app.command("alerts", help=h("help.report.alerts"))
def report_alerts(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of", help=h("help.report.as_of"))] = None,
    within: Annotated[int, typer.Option("--within", metavar="DAYS", help=h("help.report.alerts.within"))] = 3,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    skip_bad: SkipBadOption = False,
) -> None:
    from caseledger.commands.progress import index_progress
    from ledger.alerts import ALERTS
    from ledger.places import place_names
    from ledger.readers import alerts_report

    st = state(ctx)
    ledger = st.ledger()
    day = optional_day(as_of, "--as-of") or ledger.today()
    with index_progress(st.lang) as progress:
        rows = alerts_report(ledger, day, within, skip_bad=skip_bad, progress=progress)
    warn_skipped(rows.skipped, st.lang)
    title = t("report.title.alerts", st.lang, as_of=day.isoformat(), within=within)
    if fmt is Format.table:  # the terminal: supervised beside the alert, no township column
        marks = {(a, s): _alert_shown(a, s, st.lang) for a in ALERTS for s in (False, True)}
        for row in rows:  # the rows are this command's own: marked where they are, not copied
            row["alert_shown"] = marks[row["alert"], row["supervised"]]
        emit(fmt, rows, COMPACT_ALERTS, st.lang, title=title, output=output,
             places=lambda: place_names(ledger))  # fmt: skip
        return
    emit(fmt, rows, ALERT_COLUMNS, st.lang, title=title, output=output, places=lambda: place_names(ledger))


# -- report bulletin --------------------------------------------------------------------------


def _ranked(key: str) -> Any:
    def show(row_value: Any, lang: str) -> str:
        rate, rank = row_value
        text = percent(rate, lang)
        return text if rank is None else f"{text} ({rank})"

    return show


def bulletin_columns() -> list[Column]:
    from ledger.bulletin import COUNTS, RATES

    columns = [Column("township", "report.col.township"), Column("name", "report.col.name")]
    for key in RATES:
        columns.append(Column(key, f"report.col.{key}", show=percent, align="right", kind="rate"))
        columns.append(Column(f"{key}_rank", f"report.col.{key}_rank", align="right", kind="count"))
    columns += [Column(k, f"report.col.bulletin_{k}", align="right", kind="count") for k in COUNTS]
    return columns


def _compact_bulletin() -> list[Column]:
    """The terminal table: each rate with its rank beside it, `83.3% (1)`."""
    from ledger.bulletin import RATES

    columns = [Column("name", "report.col.township")]  # the name alone: six columns fit 80
    columns += [Column(k, f"report.col.{k}", show=_ranked(k), align="right") for k in RATES]
    return columns


@reports_app.command("bulletin", help=h("help.report.bulletin"))
def report_bulletin(
    ctx: typer.Context,
    period: Annotated[str, typer.Argument(metavar="PERIOD", help=h("help.report.period"))],
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    skip_bad: SkipBadOption = False,
) -> None:
    from caseledger.commands.progress import index_progress
    from ledger.bulletin import RATES
    from ledger.readers import bulletin_report

    st = state(ctx)
    ledger = st.ledger()
    with index_progress(st.lang) as progress:
        result = bulletin_report(ledger, period, skip_bad=skip_bad, progress=progress)
    warn_skipped(result.get("skipped"), st.lang)
    rows = [*result["rows"], result["total"]]
    if fmt not in (Format.json, Format.csv, Format.tsv):
        rows[-1] = rows[-1] | {"township": t("report.total", st.lang), "name": t("report.total", st.lang)}
    title = t("report.title.bulletin", st.lang, name=ledger.settings.name, period=result["period"],
              first=result["from"], last=result["to"])  # fmt: skip
    if fmt is Format.table:
        shown = [row | {k: (row[k], row[f"{k}_rank"]) for k in RATES} for row in rows]
        emit(fmt, shown, _compact_bulletin(), st.lang, title=title, output=output)
        return
    emit(fmt, rows, bulletin_columns(), st.lang, json_data=result, title=title, output=output, total=True,
         page=lambda: _bulletin_page(result, ledger, st.lang))  # fmt: skip


def _bulletin_page(result: dict[str, Any], ledger: Any, lang: str) -> str:
    from ledger.pages.reports import bulletin_page

    return bulletin_page(result, ledger_name=ledger.settings.name, lang=lang)

"""`cadre` and `visit` command groups (SPEC §8)."""

# No `from __future__ import annotations` here: Typer reads every command's annotations.

from typing import Annotated, Any

import typer

from caseledger.commands.context import h, state
from caseledger.commands.options import FormatOption, OutputOption, SkipBadOption, optional_day, warn_skipped
from caseledger.commands.output import Column, Format, emit, emit_record
from ledger.i18n import t

cadres = typer.Typer(help=h("help.cadre"), no_args_is_help=True)
visits = typer.Typer(help=h("help.visit"), no_args_is_help=True)


def register(app: typer.Typer) -> None:
    import caseledger.commands.people_reports  # noqa: F401  (adds `report visits` and `report cadres`)

    app.add_typer(cadres, name="cadre")
    app.add_typer(visits, name="visit")


def _label(value: Any, lang: str) -> str:
    from ledger.enums import LabeledEnum

    return value.label(lang) if isinstance(value, LabeledEnum) else ("" if value is None else str(value))


def _joined(value: Any, lang: str) -> str:
    return (
        "、".join(str(v) for v in value) if isinstance(value, list) else ("" if value is None else str(value))
    )


def _yes(value: Any, lang: str) -> str:
    return t("word.yes", lang) if value else ""


# -- cadres ---------------------------------------------------------------------------------

CADRE_COLUMNS = [
    Column("id", "col.id"),
    Column("name", "col.person"),
    Column("rank", "col.rank", show=_label),
    Column("unit", "col.unit", optional=True),
    Column("post", "col.post"),
    Column("township", "col.township", place="township", optional=True),
    Column("phone", "col.phone"),
    Column("since", "col.since", kind="date", optional=True),
    Column("until", "col.until", kind="date", optional=True),
]


@cadres.command("add", help=h("help.cadre.add"))
def cadre_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Option("--name", help=h("help.cadre.name"))],
    rank: Annotated[str, typer.Option("--rank", help=h("help.cadre.rank"))],
    unit: Annotated[str | None, typer.Option("--unit", help=h("help.cadre.unit"))] = None,
    post: Annotated[str | None, typer.Option("--post", help=h("help.cadre.post"))] = None,
    phone: Annotated[str | None, typer.Option("--phone", help=h("help.cadre.phone"))] = None,
    township: Annotated[str | None, typer.Option("--township", help=h("help.cadre.township"))] = None,
    since: Annotated[str | None, typer.Option("--since", help=h("help.cadre.since"))] = None,
) -> None:
    from ledger.roster import add_cadre

    st = state(ctx)
    ledger = st.ledger()
    cadre = add_cadre(
        ledger, name=name, rank=rank, unit=unit, post=post, phone=phone, township=township,
        since=optional_day(since, "--since") or ledger.today(), actor=st.actor, commit=st.commit,
    )  # fmt: skip
    typer.echo(cadre.id)


@cadres.command("list", help=h("help.cadre.list"))
def cadre_list(
    ctx: typer.Context,
    rank: Annotated[str | None, typer.Option("--rank", help=h("help.cadre.filter_rank"))] = None,
    township: Annotated[str | None, typer.Option("--township", help=h("help.cadre.filter_township"))] = None,
    active_on: Annotated[str | None, typer.Option("--active-on", help=h("help.cadre.active_on"))] = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    skip_bad: SkipBadOption = False,
) -> None:
    from ledger.places import place_names
    from ledger.roster import list_cadres

    st = state(ctx)
    ledger = st.ledger()
    records = list_cadres(
        ledger,
        rank=rank,
        township=township,
        active_on=optional_day(active_on, "--active-on"),
        skip_bad=skip_bad,
    )
    warn_skipped(records.skipped, st.lang)
    rows = [r.model_dump() for r in records]
    emit(fmt, rows, CADRE_COLUMNS, st.lang, json_data=[r.to_json() for r in records], output=output,
         places=lambda: place_names(ledger))  # fmt: skip


@cadres.command("show", help=h("help.cadre.show"))
def cadre_show(
    ctx: typer.Context,
    cadre: Annotated[str, typer.Argument(metavar="CADRE", help=h("help.cadre.arg"))],
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
) -> None:
    from ledger.roster import cadre_view

    st = state(ctx)
    data = cadre_view(st.ledger(), cadre)
    targets = data["targets_in_force"]
    shown = ", ".join(f"{t('col.' + k, st.lang)} {v}" for k, v in targets.items() if v is not None) or "—"
    pairs = [
        ("col.id", data["id"]),
        ("col.person", data["name"]),
        ("col.rank", _label_of_rank(data["rank"], st.lang)),
        ("col.unit", data["unit"] or ""),
        ("col.post", data["post"] or ""),
        ("col.phone", data["phone"] or ""),
        ("col.township", data["township"] or ""),
        ("col.since", data["since"]),
        ("col.until", data["until"] or ""),
        ("col.targets", shown),
    ]
    emit_record(fmt, pairs, st.lang, json_data=data, output=output)


def _label_of_rank(value: str, lang: str) -> str:
    from ledger.enums import Rank

    return Rank(value).label(lang)


@cadres.command("end", help=h("help.cadre.end"))
def cadre_end(
    ctx: typer.Context,
    cadre: Annotated[str, typer.Argument(metavar="CADRE", help=h("help.cadre.arg"))],
    day: Annotated[str | None, typer.Option("--date", help=h("help.cadre.end_date"))] = None,
) -> None:
    from ledger.roster import end_cadre

    st = state(ctx)
    ledger = st.ledger()
    ended = end_cadre(
        ledger, cadre, optional_day(day, "--date") or ledger.today(), actor=st.actor, commit=st.commit
    )
    typer.echo(t("msg.cadre_ended", st.lang, id=ended.id, day=str(ended.until)))


# -- visits ---------------------------------------------------------------------------------

VISIT_COLUMNS = [
    Column("id", "col.id"),
    Column("date", "col.date", kind="date"),
    Column("village", "col.village", place="village"),
    Column("cadres", "col.cadres", show=_joined),
    Column("kind", "col.kind", show=_label, optional=True),
    Column("people", "col.people", align="right", kind="count", optional=True),
    Column("stayed", "col.stayed", show=_yes, optional=True),
    Column("issues", "col.issues", show=_joined, optional=True),
    Column("households", "col.households_visited", show=_joined, optional=True),
    Column("answered", "col.answered", show=_joined),
    # in a workbook only, so that an exported visit list reads back whole with `import visits`
    Column("note", "col.note", sheet_only=True),
    Column("ref", "col.ref", sheet_only=True),
]


@visits.command("add", help=h("help.visit.add"))
def visit_add(
    ctx: typer.Context,
    village: Annotated[str, typer.Option("--village", help=h("help.visit.village"))],
    cadre: Annotated[list[str], typer.Option("--cadre", help=h("help.visit.cadre"))],
    kind: Annotated[str | None, typer.Option("--kind", help=h("help.visit.kind"))] = None,
    household: Annotated[
        list[str] | None, typer.Option("--household", help=h("help.visit.household"))
    ] = None,
    people: Annotated[str | None, typer.Option("--people", help=h("help.visit.people"))] = None,
    stayed: Annotated[bool, typer.Option("--stayed", help=h("help.visit.stayed"))] = False,
    note: Annotated[str | None, typer.Option("--note", help=h("help.visit.note"))] = None,
    answered: Annotated[list[str] | None, typer.Option("--answered", help=h("help.visit.answered"))] = None,
    day: Annotated[str | None, typer.Option("--date", help=h("help.visit.date"))] = None,
) -> None:
    from ledger.visits import add_visit

    st = state(ctx)
    visit = add_visit(
        st.ledger(), village=village, cadres=cadre, kind=kind, households=household or [], people=people,
        stayed=stayed, note=note, answered=answered or [], day=optional_day(day, "--date"),
        actor=st.actor, commit=st.commit,
    )  # fmt: skip
    typer.echo(visit.id)


@visits.command("list", help=h("help.visit.list"))
def visit_list(
    ctx: typer.Context,
    village: Annotated[str | None, typer.Option("--village", help=h("help.visit.filter_village"))] = None,
    township: Annotated[str | None, typer.Option("--township", help=h("help.visit.filter_township"))] = None,
    cadre: Annotated[str | None, typer.Option("--cadre", help=h("help.visit.filter_cadre"))] = None,
    since: Annotated[str | None, typer.Option("--since", help=h("help.visit.since"))] = None,
    until: Annotated[str | None, typer.Option("--until", help=h("help.visit.until"))] = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    skip_bad: SkipBadOption = False,
) -> None:
    from ledger.places import place_names
    from ledger.visits import list_visits

    st = state(ctx)
    ledger = st.ledger()
    records = list_visits(
        ledger, village=village, township=township, cadre=cadre,
        since=optional_day(since, "--since"), until=optional_day(until, "--until"), skip_bad=skip_bad,
    )  # fmt: skip
    warn_skipped(records.skipped, st.lang)
    rows = [r.model_dump() for r in records]
    emit(fmt, rows, VISIT_COLUMNS, st.lang, json_data=[r.to_json() for r in records], output=output,
         places=lambda: place_names(ledger))  # fmt: skip


@visits.command("show", help=h("help.visit.show"))
def visit_show(
    ctx: typer.Context,
    vid: Annotated[str, typer.Argument(metavar="ID", help=h("help.visit.id"))],
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
) -> None:
    from ledger.enums import VisitKind
    from ledger.visits import visit_view

    st = state(ctx)
    data = visit_view(st.ledger(), vid)
    team = [f"{c} {n}" for c, n in zip(data["cadres"], data["cadre_names"], strict=True)]
    village = f"{data['village_name']} ({data['village']})" if data["village_name"] else data["village"]
    pairs = [
        ("col.id", data["id"]),
        ("col.date", data["date"]),
        ("col.village", village),
        ("col.cadres", "、".join(team)),
        ("col.kind", VisitKind(data["kind"]).label(st.lang)),
        ("col.households_visited", "、".join(data["households"])),
        ("col.people", str(data["people"])),
        ("col.stayed", t("word.yes", st.lang) if data["stayed"] else t("word.no", st.lang)),
        ("col.answered", "；".join(data["answered"])),
        ("col.issues", "、".join(data["issues"])),
        ("col.note", data["note"] or ""),
    ]
    emit_record(fmt, pairs, st.lang, json_data=data, output=output)

"""`township`, `village` and `pairing` command groups."""

# No `from __future__ import annotations` here: Typer reads every command's annotations when it
# builds the command tree, on each run; as strings it evaluates them twice per command (~20 ms).

from typing import Annotated, Any

import typer

from caseledger.commands.context import h, state
from caseledger.commands.options import FormatOption, OutputOption, SkipBadOption, optional_day, warn_skipped
from caseledger.commands.output import Column, Format, emit, emit_record
from ledger.i18n import t

townships = typer.Typer(help=h("help.township"), no_args_is_help=True)
villages = typer.Typer(help=h("help.village"), no_args_is_help=True)
pairings = typer.Typer(help=h("help.pairing"), no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(townships, name="township")
    app.add_typer(villages, name="village")
    app.add_typer(pairings, name="pairing")


def _label(value: Any, lang: str) -> str:
    from ledger.enums import LabeledEnum

    return value.label(lang) if isinstance(value, LabeledEnum) else ("" if value is None else str(value))


# -- townships ------------------------------------------------------------------------------


@townships.command("add", help=h("help.township.add"))
def township_add(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help=h("help.code"))],
    name: Annotated[str, typer.Option("--name", help=h("help.name"))],
) -> None:
    from ledger.places import add_township

    st = state(ctx)
    township = add_township(st.ledger(), code, name, actor=st.actor, commit=st.commit)
    typer.echo(t("msg.added", st.lang, what=t("word.township", st.lang), code=township.code))


@townships.command("list", help=h("help.township.list"))
def township_list(
    ctx: typer.Context,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    skip_bad: SkipBadOption = False,
) -> None:
    from ledger.places import list_townships, list_villages

    st = state(ctx)
    ledger = st.ledger()
    records = list_townships(ledger, skip_bad=skip_bad)
    villages = list_villages(ledger, skip_bad=skip_bad)
    warn_skipped(sorted({*records.skipped, *villages.skipped}), st.lang)
    counts: dict[str, int] = {}
    for village in villages:
        counts[village.township] = counts.get(village.township, 0) + 1
    rows = [{"code": r.code, "name": r.name, "villages": counts.get(r.code, 0)} for r in records]
    columns = [
        Column("code", "col.code"),
        Column("name", "col.name"),
        Column("villages", "col.villages", align="right", kind="count"),
    ]
    emit(fmt, rows, columns, st.lang, json_data=[r.to_json() for r in records], output=output)


# -- villages -------------------------------------------------------------------------------


VILLAGE_COLUMNS = [
    Column("code", "col.code"),
    Column("name", "col.name"),
    Column("township", "col.township", place="township"),
    Column("kind", "col.kind", show=_label),
    Column("households", "col.households", align="right", kind="count"),
]


@villages.command("add", help=h("help.village.add"))
def village_add(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help=h("help.code"))],
    name: Annotated[str, typer.Option("--name", help=h("help.name"))],
    township: Annotated[str, typer.Option("--township", help=h("help.village.township"))],
    households: Annotated[str | None, typer.Option("--households", help=h("help.village.households"))] = None,
    kind: Annotated[str | None, typer.Option("--kind", help=h("help.village.kind"))] = None,
) -> None:
    from ledger.places import add_village

    st = state(ctx)
    village = add_village(
        st.ledger(), code, name, township, households=households, kind=kind,
        actor=st.actor, commit=st.commit,
    )  # fmt: skip
    typer.echo(t("msg.added", st.lang, what=t("word.village", st.lang), code=village.code))


@villages.command("list", help=h("help.village.list"))
def village_list(
    ctx: typer.Context,
    township: Annotated[str | None, typer.Option("--township", help=h("help.village.township"))] = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    skip_bad: SkipBadOption = False,
) -> None:
    from ledger.places import list_villages, place_names

    st = state(ctx)
    ledger = st.ledger()
    records = list_villages(ledger, township, skip_bad=skip_bad)
    warn_skipped(records.skipped, st.lang)
    rows = [r.model_dump() for r in records]
    emit(fmt, rows, VILLAGE_COLUMNS, st.lang, json_data=[r.to_json() for r in records], output=output,
         places=lambda: place_names(ledger))  # fmt: skip


@villages.command("show", help=h("help.village.show"))
def village_show(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help=h("help.code"))],
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
) -> None:
    from ledger.places import village_view

    st = state(ctx)
    village, township, paired = village_view(st.ledger(), code)
    data = village.to_json() | {
        "township_name": township.name,
        "pairings": [p.to_json() for p in paired],
    }
    pairs = [
        ("col.code", village.code),
        ("col.name", village.name),
        ("col.township", f"{township.name} ({township.code})"),
        ("col.kind", village.kind.label(st.lang)),
        ("col.households", "" if village.households is None else str(village.households)),
        ("col.pairings", "; ".join(_pairing_text(p, st.lang) for p in paired)),
    ]
    emit_record(fmt, pairs, st.lang, json_data=data, output=output)


def _pairing_text(pairing: Any, lang: str) -> str:
    """`P3 单位包村 县水务局`, and its end when it has one (`（至 2026-03-31）`)."""
    text = f"{pairing.id} {pairing.kind.label(lang)} {pairing.party}"
    if pairing.until is not None:
        text += t("village.pairing_until", lang, day=pairing.until.isoformat())
    return text


# -- pairings -------------------------------------------------------------------------------


PAIRING_COLUMNS = [
    Column("id", "col.id"),
    Column("kind", "col.kind", show=_label),
    Column("party", "col.party"),
    Column("village", "col.village", place="village"),
    Column("households", "col.households", optional=True),
    Column("since", "col.since", kind="date"),
    Column("until", "col.until", kind="date", optional=True),
    Column("visits_per_year", "col.visits_per_year", align="right", kind="count"),
    # in a workbook only, so that an exported pairing list reads back whole with `import pairings`
    Column("cadre", "col.cadre", sheet_only=True),
]


@pairings.command("add", help=h("help.pairing.add"))
def pairing_add(
    ctx: typer.Context,
    kind: Annotated[str, typer.Option("--kind", help=h("help.pairing.kind"))],
    village: Annotated[str, typer.Option("--village", help=h("help.pairing.village"))],
    party: Annotated[str | None, typer.Option("--party", help=h("help.pairing.party"))] = None,
    household: Annotated[
        list[str] | None, typer.Option("--household", help=h("help.pairing.household"))
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help=h("help.pairing.since"))] = None,
    until: Annotated[str | None, typer.Option("--until", help=h("help.pairing.until"))] = None,
    visits_per_year: Annotated[
        str | None, typer.Option("--visits-per-year", help=h("help.pairing.visits"))
    ] = None,
    cadre: Annotated[str | None, typer.Option("--cadre", help=h("help.pairing.cadre"))] = None,
) -> None:
    from ledger.places import add_pairing

    st = state(ctx)
    ledger = st.ledger()
    pairing = add_pairing(
        ledger,
        kind=kind,
        party=party,
        village=village,
        households=household or [],
        since=optional_day(since, "--since") or ledger.today(),
        until=optional_day(until, "--until"),
        visits_per_year=visits_per_year,
        cadre=cadre,
        actor=st.actor,
        commit=st.commit,
    )
    typer.echo(pairing.id)


@pairings.command("list", help=h("help.pairing.list"))
def pairing_list(
    ctx: typer.Context,
    village: Annotated[str | None, typer.Option("--village", help=h("help.pairing.filter_village"))] = None,
    party: Annotated[str | None, typer.Option("--party", help=h("help.pairing.filter_party"))] = None,
    active_on: Annotated[str | None, typer.Option("--active-on", help=h("help.pairing.active_on"))] = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    skip_bad: SkipBadOption = False,
) -> None:
    from ledger.places import list_pairings, place_names

    st = state(ctx)
    ledger = st.ledger()
    records = list_pairings(
        ledger,
        village=village,
        party=party,
        active_on=optional_day(active_on, "--active-on"),
        skip_bad=skip_bad,
    )
    warn_skipped(records.skipped, st.lang)
    rows = [r.model_dump() for r in records]
    emit(fmt, rows, PAIRING_COLUMNS, st.lang, json_data=[r.to_json() for r in records], output=output,
         places=lambda: place_names(ledger))  # fmt: skip


@pairings.command("end", help=h("help.pairing.end"))
def pairing_end(
    ctx: typer.Context,
    pid: Annotated[str, typer.Argument(metavar="ID", help=h("help.pairing.id"))],
    day: Annotated[str | None, typer.Option("--date", help=h("help.pairing.end_date"))] = None,
) -> None:
    from ledger.places import end_pairing

    st = state(ctx)
    ledger = st.ledger()
    pairing = end_pairing(
        ledger, pid, optional_day(day, "--date") or ledger.today(), actor=st.actor, commit=st.commit
    )
    typer.echo(t("msg.ended", st.lang, code=pairing.id, day=str(pairing.until)))

"""`issue` command group: open, show, log, list (the actions that route and close an issue are
in `commands/issue_actions.py`). Each command parses options, calls one library function and
renders the result. `show` and `log` read the raw file (no pydantic) so they start fast."""

# No `from __future__ import annotations` here: Typer reads every command's annotations when it
# builds the command tree, on each run; as strings it evaluates them twice per command (~20 ms).

from typing import Annotated, Any

import typer

from caseledger.commands.context import fail, h, state
from caseledger.commands.options import FormatOption, OutputOption, SkipBadOption, optional_day, warn_skipped
from caseledger.commands.output import Column, Format, emit, emit_record, print_json
from caseledger.commands.prompting import interactive
from ledger.i18n import t

issues_app = typer.Typer(help=h("help.issue"), no_args_is_help=True)

Number = Annotated[str, typer.Argument(metavar="NUMBER", help=h("help.issue.number"))]
DateOption = Annotated[str | None, typer.Option("--date", help=h("help.issue.date"))]


def register(app: typer.Typer) -> None:
    app.add_typer(issues_app, name="issue")


def _asked(ledger: Any, given: dict[str, Any], lang: str) -> dict[str, Any]:
    """`given` with each missing option asked for at the terminal, each answer checked as it is
    typed (`ledger.asking`); the options given are checked first, so that no answer is typed
    in vain."""
    from caseledger.commands.prompting import ask
    from ledger.asking import open_answer

    questions = {"--village": "ask.village", "--title": "prompt.title", "--category": "ask.category"}
    for name, value in given.items():
        if value is not None:
            given[name] = open_answer(ledger, name, value)
    for name, value in given.items():
        if value is None:
            given[name] = ask(
                t(questions[name], lang), lambda text, n=name: open_answer(ledger, n, text), lang
            )
    return given


def label_of(value: Any, lang: str, enum: Any = None) -> str:
    """A stored key shown in the clerk's language (`hardship` → 实际困难 with --lang zh)."""
    if value is None:
        return ""
    if enum is not None:
        member = enum.lookup(value)
        if member is not None:
            return member.label(lang)
    return str(value)


def _enum_show(enum_name: str) -> Any:
    def show(value: Any, lang: str) -> str:
        from ledger import enums

        return label_of(value, lang, getattr(enums, enum_name))

    return show


# -- open -----------------------------------------------------------------------------------


@issues_app.command("open", help=h("help.issue.open"))
def issue_open(
    ctx: typer.Context,
    village: Annotated[str | None, typer.Option("--village", help=h("help.issue.village"))] = None,
    title: Annotated[str | None, typer.Option("--title", help=h("help.issue.title"))] = None,
    category: Annotated[str | None, typer.Option("--category", help=h("help.issue.category"))] = None,
    detail: Annotated[str | None, typer.Option("--detail", help=h("help.issue.detail"))] = None,
    topic: Annotated[list[str] | None, typer.Option("--topic", help=h("help.issue.topic"))] = None,
    reporter: Annotated[str | None, typer.Option("--reporter", help=h("help.issue.reporter"))] = None,
    phone: Annotated[str | None, typer.Option("--phone", help=h("help.issue.phone"))] = None,
    household: Annotated[str | None, typer.Option("--household", help=h("help.issue.household"))] = None,
    owner: Annotated[str | None, typer.Option("--owner", help=h("help.issue.owner"))] = None,
    source: Annotated[str | None, typer.Option("--source", help=h("help.issue.source"))] = None,
    deadline: Annotated[str | None, typer.Option("--deadline", help=h("help.issue.deadline"))] = None,
    private: Annotated[bool | None, typer.Option("--private/--public", help=h("help.issue.private"))] = None,
    day: DateOption = None,
    visit: Annotated[str | None, typer.Option("--visit", help=h("help.issue.visit"))] = None,
    fmt: FormatOption = Format.table,
) -> None:
    from ledger.lifecycle import open_issue

    st = state(ctx)
    given = {"--title": title, "--category": category}
    if visit is None:  # with --visit the village is the visit's
        given = {"--village": village, **given}
    missing = [name for name, value in given.items() if value is None]
    due = optional_day(deadline, "--deadline")
    ledger = st.ledger()
    if missing:
        if not interactive():
            raise fail(t("error.missing_options", st.lang, names=", ".join(missing)), 2, st.lang)
        given = _asked(ledger, given, st.lang)
    issue = open_issue(
        ledger,
        village=given.get("--village", village),
        title=str(given["--title"]),
        category=str(given["--category"]),
        detail=detail,
        topics=topic or (),
        reporter=reporter,
        phone=phone,
        household=household,
        owner=owner,
        source=source,
        deadline=due,
        private=private,
        date=day,
        visit=visit,
        actor=st.actor,
        commit=st.commit,
    )
    if fmt is Format.json:
        from ledger.views import issue_view

        print_json(issue_view(ledger, issue.number))  # the record as `issue show` prints it
    else:
        typer.echo(issue.number)


# -- show and log ---------------------------------------------------------------------------


_MACHINE = (Format.json, Format.csv, Format.tsv)


def _named(record: dict[str, Any], key: str) -> Any:
    """A place as a table shows it: its name and code (大坡村 (dapo)), or the code alone."""
    name = record.get(f"{key}_name")
    return f"{name} ({record[key]})" if name and record[key] else record[key]


@issues_app.command("show", help=h("help.issue.show"))
def issue_show(
    ctx: typer.Context, number: Number, fmt: FormatOption = Format.table, output: OutputOption = None
) -> None:
    from ledger.enums import Category, Disposition, Level, Satisfaction, Source, Status
    from ledger.views import issue_view

    st = state(ctx)
    lang = st.lang
    # Tables show places by name beside the code (大坡村 (dapo)); json, csv and tsv the SPEC keys.
    record = issue_view(st.ledger(), number, names=fmt not in _MACHINE)
    reporter = record["reporter"]
    pairs = [
        ("col.number", record["number"]),
        ("col.title", record["title"]),
        ("col.detail", record["detail"]),
        ("col.category", label_of(record["category"], lang, Category)),
        ("col.topics", ", ".join(str(x) for x in record["topics"])),
        ("col.village", _named(record, "village")),
        ("col.township", _named(record, "township")),
        ("col.source", label_of(record["source"], lang, Source)),
        ("col.received", record["received"]),
        ("col.reporter", reporter["name"]),
        ("col.phone", reporter["phone"]),
        ("col.household", reporter["household"]),
        # A cadre owner with its id, as on the roster (王芳 (C2)); a unit as typed.
        (
            "col.owner",
            record["owner"] if not record["owner_cadre"] else f"{record['owner']} ({record['owner_cadre']})",
        ),
        ("col.level", label_of(record["level"], lang, Level)),
        ("col.status", label_of(record["status"], lang, Status)),
        ("col.deadline", record["deadline"]),
        ("col.private", bool(record["private"])),
        ("col.disposition", label_of(record["disposition"], lang, Disposition)),
        ("col.duplicate_of", record["duplicate_of"]),
        ("col.closed", record["closed"]),
        ("col.satisfaction", label_of(record["satisfaction"], lang, Satisfaction)),
    ]
    if record["visit"]:  # raised on a visit (issue open --visit): said next to the source
        pairs[pairs.index(("col.source", label_of(record["source"], lang, Source))) + 1 : 0] = [
            ("col.visit", record["visit"])
        ]
    if record["supervised"]:  # 挂牌督办: said next to the status, with the lead (包案领导)
        lead = record["lead"] if not record["lead_cadre"] else f"{record['lead']} ({record['lead_cadre']})"
        pairs[pairs.index(("col.status", label_of(record["status"], lang, Status))) + 1 : 0] = [
            ("col.supervised", t("word.supervised", lang)),
            ("col.lead", lead),
        ]
    if fmt in (Format.csv, Format.tsv):  # keys and machine values, as `issue list -f csv` gives them
        row = {k: v for k, v in record.items() if k not in ("reporter", "history")}
        row |= {"reporter": reporter["name"], "phone": reporter["phone"], "household": reporter["household"]}
        emit(fmt, [row], [Column(key, "col.value") for key in row], lang, output=output)
        return
    emit_record(fmt, pairs, lang, json_data=record, output=output)


_DETAIL_FIELDS = (
    "from", "to", "owner", "lead", "deadline", "disposition", "of", "satisfaction", "reason", "note",
)  # fmt: skip


def _details(event: dict[str, Any], lang: str) -> str:
    from ledger import enums

    enum_of = {
        "from": enums.Level,
        "to": enums.Level,
        "level": enums.Level,
        "disposition": enums.Disposition,
        "satisfaction": enums.Satisfaction,
    }
    parts = []
    for key in _DETAIL_FIELDS:
        value = event.get(key)
        if value is None:
            continue
        parts.append(f"{t('word.' + key, lang)}: {label_of(value, lang, enum_of.get(key))}")
    return "; ".join(parts)


@issues_app.command("log", help=h("help.issue.log"))
def issue_log(
    ctx: typer.Context, number: Number, fmt: FormatOption = Format.table, output: OutputOption = None
) -> None:
    from ledger.enums import Action
    from ledger.views import issue_history

    st = state(ctx)
    events = issue_history(st.ledger(), number)
    rows = [
        {
            "at": str(e.get("at", "")),
            "by": e.get("by"),
            "action": label_of(e.get("action"), st.lang, Action) if fmt not in _MACHINE else e.get("action"),
            "details": _details(e, st.lang),
        }
        for e in events
    ]
    columns = [
        Column("at", "col.at", whole=True),
        Column("by", "col.by"),
        Column("action", "col.action"),
        Column("details", "col.details"),
    ]
    emit(fmt, rows, columns, st.lang, json_data=events, output=output)


# -- list -----------------------------------------------------------------------------------

LIST_COLUMNS = [
    Column("number", "col.number"),
    Column("title", "col.title"),
    Column("village", "col.village", place="village"),
    Column("category", "col.category", show=_enum_show("Category"), optional=True),
    Column("level", "col.level", show=_enum_show("Level"), optional=True),
    Column("status", "col.status", show=_enum_show("Status")),  # `--status all` mixes both
    Column("deadline", "col.deadline", kind="date"),
    Column("owner", "col.owner"),
    # what `import issues` needs besides, so that `issue list --status all -f xlsx` reads back
    Column("source", "col.source", show=_enum_show("Source"), sheet_only=True),
    Column("received", "col.received", kind="date", sheet_only=True),
    Column("reporter", "col.reporter", sheet_only=True),
    Column("closed", "col.closed", kind="date", sheet_only=True),
    Column("disposition", "col.disposition", show=_enum_show("Disposition"), sheet_only=True),
    Column("satisfaction", "col.satisfaction", show=_enum_show("Satisfaction"), sheet_only=True),
]


@issues_app.command("list", help=h("help.issue.list"))
def issue_list(
    ctx: typer.Context,
    status: Annotated[str, typer.Option("--status", help=h("help.issue.status"))] = "open",
    level: Annotated[str | None, typer.Option("--level", help=h("help.issue.level"))] = None,
    township: Annotated[str | None, typer.Option("--township", help=h("help.issue.filter_township"))] = None,
    village: Annotated[str | None, typer.Option("--village", help=h("help.issue.filter_village"))] = None,
    category: Annotated[str | None, typer.Option("--category", help=h("help.issue.filter_category"))] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help=h("help.issue.overdue"))] = False,
    supervised: Annotated[bool, typer.Option("--supervised", help=h("help.issue.supervised"))] = False,
    since: Annotated[str | None, typer.Option("--since", help=h("help.issue.since"))] = None,
    until: Annotated[str | None, typer.Option("--until", help=h("help.issue.until"))] = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    skip_bad: SkipBadOption = False,
) -> None:
    from caseledger.commands.progress import index_progress
    from ledger.lifecycle import issue_rows
    from ledger.places import place_names

    st = state(ctx)
    ledger = st.ledger()
    with index_progress(st.lang) as progress:
        rows = issue_rows(
            ledger,
            progress=progress,
            skip_bad=skip_bad,
            status=status,
            level=level,
            township=township,
            village=village,
            category=category,
            overdue=overdue,
            supervised=supervised,
            since=optional_day(since, "--since"),
            until=optional_day(until, "--until"),
        )
    warn_skipped(rows.skipped, st.lang)
    emit(fmt, rows, LIST_COLUMNS, st.lang, output=output, empty="msg.empty.issues",
         places=lambda: place_names(ledger))  # fmt: skip

"""The report pages: each a pure function of the data its report prints as JSON.

`month_page(result, …)` takes what `report month --format json` prints, `overdue_page(rows, …)`
what `report overdue` prints, and so on; the ledger's name, the language and the names of
places (code → name, to print 大坡村 rather than `dapo`) come beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ledger.i18n import t
from ledger.pages import svg
from ledger.pages.html import Col, document, esc, figure, rate_text, section, table, transposed

Names = Mapping[str, str]
QUARTERS = [(v / 4, f"{v * 25}%") for v in range(5)]  # grid lines of a rate chart


def enum_label(enum_name: str) -> Callable[[Any, str], str]:
    def show(value: Any, lang: str) -> str:
        from ledger import enums

        vocabulary = getattr(enums, enum_name, None)
        member = vocabulary.lookup(value) if vocabulary is not None else None
        return member.label(lang) if member is not None else ("" if value is None else str(value))

    return show


def named(names: Names) -> Callable[[Any, str], str]:
    """A code shown as its name (the code itself when the name is unknown)."""

    def show(value: Any, lang: str) -> str:
        return "" if value is None else names.get(value, str(value))

    return show


def status_label(value: Any, lang: str) -> str:
    return t(f"report.status.{value}", lang) if value else ""


def _span(first: str, last: str, lang: str) -> str:
    return t("pages.span", lang, first=first, last=last)


# -- report month -------------------------------------------------------------------------------


def month_page(result: dict[str, Any], *, ledger_name: str, lang: str) -> str:
    """`report month --format json` as a page: charts of the rates and the dispositions, then
    every figure, one column per township and the total."""
    from ledger.report import COUNT_KEYS, DISPOSITIONS, RATE_KEYS

    rows: list[dict[str, Any]] = [*result["rows"], result["total"]]
    total_label = t("report.total", lang)
    first_day = result["month"] + "-01"

    def header(row: dict[str, Any]) -> str:
        return total_label if row is result["total"] else row["name"]

    names = [header(r) for r in rows]
    rates = svg.grouped_bars(
        "month-rates",
        t("pages.month.rates", lang),
        names,
        [
            svg.Series(
                t(f"report.col.{key}", lang), [r[key] for r in rows], [rate_text(r[key], lang) for r in rows]
            )
            for key in ("close_rate", "on_time_rate")
        ],
        ticks=QUARTERS,
    )
    dispositions = svg.stacked_bars(
        "month-dispositions",
        t("pages.month.dispositions", lang),
        names,
        [(t(f"report.col.{d}", lang), [r[d] for r in rows]) for d in DISPOSITIONS],
        totals=[f"{t('report.col.closed', lang)} {r['closed']}" for r in rows],
    )
    figures = [Col(k, f"report.col.{k}", "count") for k in COUNT_KEYS]
    figures += [Col(k, f"report.col.{k}", "rate") for k in RATE_KEYS]
    body = (
        figure(t("pages.month.rates", lang), rates)
        + figure(t("pages.month.dispositions", lang), dispositions)
        + section(
            t("pages.month.figures", lang), transposed(figures, rows, lang, of="township", header=header)
        )
    )
    return document(
        lang=lang,
        ledger_name=ledger_name,
        title=t("pages.title.month", lang, month=result["month"]),
        meta=[
            (t("pages.period", lang), _span(first_day, result["as_of"], lang)),
            (t("pages.as_of", lang), result["as_of"]),
        ],
        body=body,
    )


# -- report overdue -----------------------------------------------------------------------------


def overdue_page(
    rows: Sequence[dict[str, Any]],
    *,
    as_of: str,
    ledger_name: str,
    lang: str,
    villages: Names,
    townships: Names,
) -> str:
    """`report overdue --format json` as a page: the list, most days overdue first."""
    cols = [
        Col("number", "report.col.number", nowrap=True),
        Col("title", "report.col.title", wide=True),
        Col("village", "report.col.village", show=named(villages), nowrap=True),
        Col("township", "report.col.township", show=named(townships), nowrap=True),
        Col("category", "report.col.category", show=enum_label("Category"), nowrap=True),
        Col("level", "report.col.level", show=enum_label("Level"), nowrap=True),
        Col("owner", "report.col.owner"),
        Col("received", "report.col.received", "date", nowrap=True),
        Col("deadline", "report.col.deadline", "date", nowrap=True),
        Col("days_overdue", "report.col.days_overdue", "count"),
    ]
    if rows:
        body = table(cols, rows, lang, of="number", css_class="list")
        body += f'<p class="note">{esc(t("pages.count", lang, count=len(rows)))}</p>'
    else:
        body = f'<p class="empty">{esc(t("pages.overdue.empty", lang))}</p>'
    return document(
        lang=lang,
        ledger_name=ledger_name,
        title=t("pages.title.overdue", lang),
        meta=[(t("pages.as_of", lang), as_of)],
        body=body,
        landscape=True,
    )


# -- report notice ------------------------------------------------------------------------------

NOTICE_CSS = """
html{font-size:14pt}
header.page-head h1{font-size:20pt}
header.page-head h2{font-size:24pt;text-align:center;margin:2mm 0}
header.page-head p.meta{font-size:13pt;text-align:center}
th,td{padding:1.5mm 2mm}
p.note{font-size:12pt}
"""


def notice_page(data: dict[str, Any], *, ledger_name: str, township_name: str, lang: str) -> str:
    """The 公示栏 sheet for one village (`report notice --format json`), in large type.

    The rows come already scrubbed (`ledger.notice`); every text is scrubbed again here, the
    heading included, so nothing a later change lets through reaches the board."""
    from ledger.notice import scrub

    def clean(value: Any, lang: str) -> str:
        return scrub("" if value is None else str(value))

    cols = [
        Col("number", "report.col.number", nowrap=True),
        Col("title", "report.col.title", show=clean, wide=True),
        Col("category", "report.col.category", show=enum_label("Category"), nowrap=True),
        Col("reporter", "report.col.reporter", show=clean, nowrap=True),
        Col("level", "report.col.level", show=enum_label("Level"), nowrap=True),
        Col("owner", "report.col.owner", show=clean),
        Col("deadline", "report.col.deadline", "date", nowrap=True),
        Col("status", "report.col.status", show=status_label, nowrap=True),
        Col("closed", "report.col.closed_day", "date", nowrap=True),
    ]
    rows = data["issues"]
    if rows:
        body = table(cols, rows, lang, of="number", css_class="notice")
    else:
        body = f'<p class="empty">{esc(t("pages.notice.empty", lang))}</p>'
    body += f'<p class="note">{esc(t("report.notice.footer", lang))}</p>'
    place = scrub(f"{township_name}{data['name']}")
    return document(
        lang=lang,
        ledger_name=scrub(ledger_name),
        title=t("pages.title.notice", lang, village=place),
        meta=[(t("pages.village", lang), place), (t("pages.as_of", lang), data["as_of"])],
        body=body,
        landscape=True,
        css=NOTICE_CSS,
    )


# -- any other listing --------------------------------------------------------------------------


def table_page(
    title: str, headers: Sequence[str], body: Sequence[Sequence[str]], *, lang: str, ledger_name: str = ""
) -> str:
    """A listing with no page of its own (`issue list --format html` …): its table as the
    terminal shows it, on A4 with the header repeated on every sheet."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    lines = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in body)
    content = f'<table class="list"><thead><tr>{head}</tr></thead><tbody>{lines}</tbody></table>'
    return document(
        lang=lang, ledger_name=ledger_name, title=title, meta=[], body=content, landscape=len(headers) > 6
    )


def _period_meta(data: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    return [
        (t("pages.period", lang), f"{data['period']} ({_span(data['from'], data['to'], lang)})"),
        (t("pages.as_of", lang), data["to"]),
    ]


def _row_name(data: dict[str, Any], lang: str) -> Callable[[dict[str, Any]], str]:
    def header(row: dict[str, Any]) -> str:
        return (
            t("report.total", lang)
            if row is data.get("total")
            else str(row.get("name") or row.get("township"))
        )

    return header


# -- report visits ------------------------------------------------------------------------------

VISIT_KEYS = (
    "villages", "households", "visited", "visit_rate", "visits", "people", "cadre_days", "unvisited",
    "answered", "raised",
)  # fmt: skip


def visits_page(data: dict[str, Any], *, ledger_name: str, lang: str) -> str:
    """`report visits PERIOD --format json` as a page: the visit rate of each township (or of
    each village, with `--township`) as bars, then every figure."""
    rows: list[dict[str, Any]] = list(data["rows"])
    by = "village" if rows and "village" in rows[0] else "township"
    total = data.get("total")
    every = [*rows, total] if total is not None else rows
    header = _row_name(data, lang)
    caption = t("pages.visits.rates" if by == "township" else "pages.visits.rates_village", lang)
    chart = svg.grouped_bars(
        "visit-rates",
        caption,
        [header(r) for r in every],
        [
            svg.Series(
                t("pages.col.visit_rate", lang),
                [r.get("visit_rate") for r in every],
                [rate_text(r.get("visit_rate"), lang) for r in every],
            )
        ],
        ticks=QUARTERS,
    )
    cols = [Col("name", f"report.col.{by}", nowrap=True)]
    cols += [
        Col(k, f"pages.col.{k}", "rate" if k == "visit_rate" else "count")
        for k in VISIT_KEYS
        if k in every[0]
    ]
    for row in every:
        row.setdefault("name", row.get(by))
    body = figure(caption, chart) + table(cols, rows, lang, of=by, total=total)
    return document(
        lang=lang,
        ledger_name=ledger_name,
        title=t("pages.title.visits", lang, period=data["period"]),
        meta=_period_meta(data, lang),
        body=body,
    )


# -- report cadres ------------------------------------------------------------------------------

CADRE_KEYS = ("visits", "households", "households_target", "days", "days_target", "owned", "closed",
              "closed_on_time", "deeds", "deeds_target")  # fmt: skip


def cadres_page(data: dict[str, Any], *, ledger_name: str, lang: str) -> str:
    """`report cadres PERIOD --format json` as a page: one row per cadre, behind ones marked."""
    cols = [
        Col("cadre", "pages.col.cadre", nowrap=True),
        Col("name", "report.col.name", nowrap=True),
        Col("rank", "pages.col.rank", show=enum_label("Rank"), nowrap=True),
        Col("unit", "pages.col.unit"),
        *(Col(k, f"pages.col.{k}", "count") for k in CADRE_KEYS),
        Col("behind", "pages.col.behind", nowrap=True),
    ]
    rows = data["rows"]
    body = (
        table(cols, rows, lang, of="cadre") if rows else f'<p class="empty">{esc(t("pages.empty", lang))}</p>'
    )
    return document(
        lang=lang,
        ledger_name=ledger_name,
        title=t("pages.title.cadres", lang, period=data["period"]),
        meta=_period_meta(data, lang),
        body=body,
        landscape=True,
    )


# -- report aid ---------------------------------------------------------------------------------

AID_KEYS = ("records", "households", "funds", "goods", "project", "service", "training", "amount")


def aid_page(data: dict[str, Any], *, ledger_name: str, lang: str, townships: Names | None = None) -> str:
    """`report aid PERIOD --format json` as a page: one row per township, party or cadre, the
    amounts in yuan as the JSON writes them (two decimals)."""
    by = data["by"]
    none = t("report.none", lang)
    cols = [Col(by, f"pages.col.{by}", show=lambda v, lang: none if v is None else str(v), nowrap=True)]
    if by != "party":
        cols.append(Col("name", "report.col.name", show=lambda v, lang: none if v is None else str(v)))
    cols += [
        Col(k, f"pages.col.aid.{k}", "count" if k in ("records", "households") else "amount")
        for k in AID_KEYS
    ]
    rows = [dict(r, **{"_of": r[by] if r[by] is not None else "none"}) for r in data["rows"]]
    total = dict(data["total"], _of="total")
    if by != "party":
        total["name"] = t("report.total", lang)
    body = table(cols, rows, lang, of="_of", total=total)
    return document(
        lang=lang,
        ledger_name=ledger_name,
        title=t("pages.title.aid", lang, period=data["period"]),
        meta=_period_meta(data, lang),
        body=body,
    )


# -- report bulletin ----------------------------------------------------------------------------

BULLETIN_RATES = ("visit_rate", "close_rate", "on_time_rate", "resolution_rate", "satisfaction_rate")
BULLETIN_COUNTS = ("visited", "households", "carried_over", "new", "reopened", "closed", "closed_on_time",
                   "resolved", "followups", "satisfied", "basically")  # fmt: skip


def bulletin_page(data: dict[str, Any], *, ledger_name: str, lang: str) -> str:
    """`report bulletin PERIOD --format json` (季度通报) as a page: for each of the five rates a
    chart of the townships with their ranks, then every figure."""
    rows: list[dict[str, Any]] = [*data["rows"], data["total"]]
    header = _row_name(data, lang)
    names = [header(r) for r in rows]
    charts = []
    for key in BULLETIN_RATES:
        labels = []
        for row in rows:
            text = rate_text(row[key], lang)
            rank = row.get(f"{key}_rank")
            labels.append(text if rank is None else f"{text} · {t('pages.rank', lang, rank=rank)}")
        title = t(f"pages.col.{key}", lang)
        charts.append(
            figure(
                title,
                svg.grouped_bars(
                    f"bulletin-{key}",
                    title,
                    names,
                    [svg.Series(title, [r[key] for r in rows], labels)],
                    ticks=QUARTERS,
                ),
            )
        )
    figures = [Col(k, f"pages.col.{k}", "rate") for k in BULLETIN_RATES]
    figures += [Col(f"{k}_rank", f"pages.col.{k}_rank", "count") for k in BULLETIN_RATES]
    figures += [Col(k, f"pages.col.bulletin.{k}", "count") for k in BULLETIN_COUNTS]
    body = "".join(charts) + section(
        t("pages.bulletin.figures", lang), transposed(figures, rows, lang, of="township", header=header)
    )
    return document(
        lang=lang,
        ledger_name=ledger_name,
        title=t("pages.title.bulletin", lang, period=data["period"]),
        meta=_period_meta(data, lang),
        body=body,
    )

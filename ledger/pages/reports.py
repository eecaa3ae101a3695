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


def enum_label(enum_name: str) -> Callable[[Any, str], str]:
    def show(value: Any, lang: str) -> str:
        from ledger import enums

        member = getattr(enums, enum_name).lookup(value)
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
        ticks=[(v / 4, f"{v * 25}%") for v in range(5)],
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

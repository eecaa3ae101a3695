"""The frame every printable page shares: escaping, CSS for A4, the heading, tables, figures.

Nothing here loads anything: the CSS is inline, fonts are the reader's own (a CJK font list
that Windows, macOS, WPS and Debian's fonts-noto-cjk all satisfy), and no element has a
`src` or `href`. Everything that came from a user goes through `esc`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

from ledger.i18n import t

FONTS = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", '
    '"PingFang SC", "Hiragino Sans GB", "WenQuanYi Micro Hei", "SimHei", sans-serif'
)

# The A4 content box: 210 × 297 mm less the margins. The screen shows the same width, so what
# fits on screen fits on paper (the browser tests measure the screen layout).
MARGIN_MM = (14, 12, 16, 12)  # top, right, bottom, left
CONTENT_MM = 210 - MARGIN_MM[1] - MARGIN_MM[3]
LANDSCAPE_CONTENT_MM = 297 - MARGIN_MM[1] - MARGIN_MM[3]

BASE_CSS = """
*{box-sizing:border-box}
html{font-family:%(fonts)s;color:#000;background:#fff;font-size:10.5pt;line-height:1.45;
 -webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0 auto;max-width:%(width)smm;padding:0}
@media screen{body{padding:6mm 0 12mm}}
header.page-head{border-bottom:2px solid #000;margin:0 0 4mm;padding:0 0 2mm}
header.page-head h1{font-size:17pt;margin:0 0 1mm;font-weight:700}
header.page-head h2{font-size:14pt;margin:0 0 1mm;font-weight:700}
header.page-head p.meta{margin:0;font-size:10pt}
header.page-head p.meta span+span::before{content:" · "}
h3{font-size:12pt;margin:5mm 0 2mm;break-after:avoid;page-break-after:avoid}
table{border-collapse:collapse;width:100%%;margin:0 0 4mm}
caption{text-align:left;font-weight:700;padding:0 0 1mm}
th,td{border:1px solid #000;padding:.8mm 1.4mm;vertical-align:top;
 overflow-wrap:anywhere;word-break:break-word}
th.nowrap,td.nowrap{white-space:nowrap}
td.wide{min-width:9em}
tbody th[scope=row]{background:#f2f2f2;text-align:left}
th{background:#e6e6e6;font-weight:700;text-align:center}
thead{display:table-header-group}
tfoot{display:table-row-group}
tr{break-inside:avoid;page-break-inside:avoid}
td.count,td.rate,td.amount{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.date{white-space:nowrap}
th.figure,td.figure{text-align:left}
tr.total td,tr.total th{font-weight:700;border-top:2px solid #000}
figure{margin:0 0 5mm;break-inside:avoid;page-break-inside:avoid}
figcaption{font-weight:700;margin:0 0 1mm}
svg{display:block;width:100%%;height:auto}
svg text{font-family:%(fonts)s}
p.note{font-size:9.5pt;margin:2mm 0}
p.empty{font-size:12pt;margin:8mm 0;text-align:center}
@page{size:%(size)s;margin:%(margin)s;
 @bottom-center{content:%(footer)s;font-family:%(fonts)s;font-size:8.5pt}}
"""


def esc(text: object) -> str:
    """Text (anything a user typed included) as HTML text or attribute value."""
    return escape("" if text is None else str(text), quote=True)


def css_string(text: str) -> str:
    """A CSS string literal holding `text`; every character but letters and digits escaped,
    so nothing in it can end the string or the `<style>` element."""
    return '"' + "".join(c if c.isalnum() and c.isascii() else f"\\{ord(c):06x}" for c in text) + '"'


def footer_content(ledger_name: str, title: str, lang: str) -> str:
    """The CSS `content` of each printed page's foot: the ledger, the page and `N / M`."""
    marker = "\x00"
    text = t("pages.footer", lang, name=ledger_name, title=title, page=marker + "page" + marker,
             pages=marker + "pages" + marker)  # fmt: skip
    parts = []
    for n, piece in enumerate(text.split(marker)):
        if n % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


def document(
    *,
    lang: str,
    ledger_name: str,
    title: str,
    meta: Sequence[tuple[str, str]],
    body: str,
    landscape: bool = False,
    css: str = "",
    frame: bool = True,
) -> str:
    """A whole page: `<head>` with the CSS, the heading (ledger name, title, `meta` pairs of
    label and value, e.g. the period and the as-of day) and `body` (HTML already escaped)."""
    width = LANDSCAPE_CONTENT_MM if landscape else CONTENT_MM
    style = BASE_CSS % {
        "fonts": FONTS,
        "width": width,
        "size": "A4 landscape" if landscape else "A4",
        "margin": " ".join(f"{m}mm" for m in MARGIN_MM),
        "footer": footer_content(ledger_name, title, lang) if frame else '""',
    }
    head = ""
    if frame:
        spans = "".join(
            f"<span>{esc(label)}{esc(t('pages.colon', lang))}{esc(value)}</span>" for label, value in meta
        )
        head = (
            '<header class="page-head">'
            + (f"<h1>{esc(ledger_name)}</h1>" if ledger_name else "")
            + f"<h2>{esc(title)}</h2>"
            + f'<p class="meta">{spans}</p></header>'
        )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(' · '.join(x for x in (ledger_name, title) if x))}</title>\n"
        f"<style>{style}{css}</style>\n</head>\n<body>\n{head}\n{body}\n</body>\n</html>\n"
    )


# -- figures ------------------------------------------------------------------------------------


def rate_text(value: float | None, lang: str) -> str:
    """A rate as the tables print it: 83.3%, or — when it is undefined."""
    return t("report.none", lang) if value is None else f"{value * 100:.1f}%"


def plain_text(value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("pages.yes" if value else "pages.no", lang)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return t("pages.list_sep", lang).join(plain_text(v, lang) for v in value)
    return str(value)


@dataclass(frozen=True)
class Col:
    """A column of a page's table: `key` in the rows, `header` a catalog key, `kind` how its
    values are written (`text`, `count`, `rate`, `amount`, `date`), `show` for labels."""

    key: str
    header: str
    kind: str = "text"
    show: Callable[[Any, str], str] | None = None
    nowrap: bool = False  # short values (codes, labels) kept on one line; long texts wrap
    wide: bool = False  # the row's main text (a title): never squeezed to a few characters

    @property
    def css(self) -> str:
        return self.kind + (" nowrap" if self.nowrap else "") + (" wide" if self.wide else "")

    def text(self, value: Any, lang: str) -> str:
        if self.show is not None:
            return self.show(value, lang)
        if self.kind == "rate":
            return rate_text(value, lang)
        if self.kind in ("count", "amount") and value is None:
            return t("report.none", lang)
        return plain_text(value, lang)


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value if value is None or isinstance(value, bool | int | float) else str(value)


def cell(col: Col, value: Any, lang: str, *, of: object = None, tag: str = "td") -> str:
    """One cell; figures carry `data-key`, the row's `data-of` and the JSON value, so a script
    (or a test) can read the page's figures back."""
    attrs = f' class="{col.css}" data-key="{esc(col.key)}"'
    if of is not None:
        attrs += f' data-of="{esc(of)}"'
    if col.kind in ("count", "rate", "amount") or col.show is not None:
        attrs += f' data-value="{esc(json.dumps(_jsonable(value), ensure_ascii=False))}"'
    return f"<{tag}{attrs}>{esc(col.text(value, lang))}</{tag}>"


def table(
    cols: Sequence[Col],
    rows: Iterable[dict[str, Any]],
    lang: str,
    *,
    of: str | None = None,
    total: dict[str, Any] | None = None,
    caption: str | None = None,
    css_class: str = "",
) -> str:
    """A table with a repeated header on every printed page; rows are never cut by a page
    break. `of` names the key whose value identifies a row (`data-of`)."""
    head = "".join(f'<th scope="col" class="{c.css}">{esc(t(c.header, lang))}</th>' for c in cols)
    lines = []
    for row in rows:
        row_of = row.get(of) if of else None
        lines.append("<tr>" + "".join(cell(c, row.get(c.key), lang, of=row_of) for c in cols) + "</tr>")
    if total is not None:
        row_of = total.get(of) if of else None
        shown = [cell(c, total.get(c.key), lang, of=row_of) for c in cols]
        first = cols[0]
        if first.kind == "text":  # the total's label, not its key
            total_label = esc(t("report.total", lang))
            shown[0] = f'<th scope="row" class="text" data-key="{esc(first.key)}">{total_label}</th>'
        lines.append('<tr class="total">' + "".join(shown) + "</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    cls = f' class="{esc(css_class)}"' if css_class else ""
    return f"<table{cls}>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>"


def transposed(
    figures: Sequence[Col],
    rows: Sequence[dict[str, Any]],
    lang: str,
    *,
    of: str,
    header: Callable[[dict[str, Any]], str],
    per_table: int = 6,
    caption: str | None = None,
) -> str:
    """One table row per figure and one column per record (township …), as the terminal shows
    the month report; more than `per_table` records are split over several tables so that a
    table never grows wider than the page."""
    parts = []
    for start in range(0, max(len(rows), 1), per_table):
        chunk = rows[start : start + per_table]
        head = f'<th scope="col" class="figure">{esc(t("report.col.figure", lang))}</th>'
        head += "".join(f'<th scope="col">{esc(header(r))}</th>' for r in chunk)
        lines = []
        for col in figures:
            cells = "".join(cell(col, r.get(col.key), lang, of=r.get(of)) for r in chunk)
            lines.append(f'<tr><th scope="row" class="figure">{esc(t(col.header, lang))}</th>{cells}</tr>')
        cap = f"<caption>{esc(caption)}</caption>" if caption and start == 0 else ""
        parts.append(f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>")
    return "".join(parts)


def section(title: str, content: str) -> str:
    return f"<section><h3>{esc(title)}</h3>{content}</section>"


def figure(caption: str, svg: str) -> str:
    return f"<figure><figcaption>{esc(caption)}</figcaption>{svg}</figure>"

"""The contact cards as A4 sheets: eight cards (2 × 4, 105 × 74.25 mm each) to a sheet with
dashed cut lines, from the list `caseledger cards --format json` prints."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ledger.i18n import t
from ledger.pages.html import document, esc

PER_SHEET = 8

CARDS_CSS = """
@page{size:A4;margin:0;@bottom-center{content:none}}
@media screen{body{padding:0}}
body{max-width:210mm;width:210mm}
section.sheet{width:210mm;height:297mm;display:grid;grid-template-columns:105mm 105mm;
 grid-template-rows:repeat(4,74.25mm);break-after:page;page-break-after:always;overflow:hidden}
section.sheet:last-child{break-after:auto;page-break-after:auto}
div.card{outline:0.25mm dashed #000;outline-offset:-0.125mm;padding:5mm 8mm 4mm;line-height:1.3;
 display:flex;flex-direction:column;overflow:hidden;break-inside:avoid}
div.card h2{font-size:13pt;margin:0 0 1.2mm;text-align:center;letter-spacing:.2em;
 border-bottom:1.5px solid #000;padding-bottom:.8mm}
div.card p{margin:0 0 .5mm;font-size:9.5pt;overflow-wrap:anywhere}
div.card p.who{font-size:14pt;font-weight:700;margin-bottom:.8mm}
div.card p.phone{font-size:13pt;font-weight:700}
div.card p.help{margin:auto 0 0;text-align:center;font-size:14pt;font-weight:700;letter-spacing:.3em}
div.card span.label{font-weight:700}
p.empty{font-size:12pt;margin:20mm;text-align:center}
"""


def _line(css: str, label: str, value: str, lang: str, key: str) -> str:
    colon = t("pages.colon", lang)
    return (
        f'<p class="{css}" data-key="{esc(key)}"><span class="label">{esc(label)}{esc(colon)}</span>'
        f'<span class="value">{esc(value)}</span></p>'
    )


def card(c: Mapping[str, Any], *, lang: str, villages: Mapping[str, str]) -> str:
    days = t("pages.list_sep", lang).join(t(f"pages.weekday.{d}", lang) for d in c["duty_days"])
    lines = [
        f"<h2>{esc(t('pages.card.title', lang))}</h2>",
        _line("who", t("pages.card.cadre", lang), c["name"] or "", lang, "name"),
        _line("", t("pages.card.post", lang), c["post"] or "", lang, "post"),
        _line("", t("pages.card.unit", lang), c["unit"] or "", lang, "unit"),
        _line("phone", t("pages.card.phone", lang), c["phone"] or "", lang, "phone"),
        _line("", t("pages.card.village", lang), villages.get(c["village"], c["village"]), lang, "village"),
    ]
    if c["household"] is not None:
        lines.append(_line("", t("pages.card.household", lang), c["household"], lang, "household"))
    lines.append(_line("", t("pages.card.duty", lang), days, lang, "duty_days"))
    lines.append(f'<p class="help">{esc(t("pages.card.help", lang))}</p>')
    return f'<div class="card" data-cadre="{esc(c["cadre"])}">{"".join(lines)}</div>'


def cards_page(
    cards: Sequence[Mapping[str, Any]], *, ledger_name: str, lang: str, villages: Mapping[str, str]
) -> str:
    """All cards, eight to a sheet; an empty list gives one sheet saying there is none."""
    sheets = []
    for start in range(0, len(cards), PER_SHEET):
        chunk = cards[start : start + PER_SHEET]
        sheets.append(
            '<section class="sheet">'
            + "".join(card(c, lang=lang, villages=villages) for c in chunk)
            + "</section>"
        )
    body = "".join(sheets) or f'<p class="empty">{esc(t("pages.cards.empty", lang))}</p>'
    return document(
        lang=lang,
        ledger_name=ledger_name,
        title=t("pages.title.cards", lang),
        meta=[],
        body=body,
        css=CARDS_CSS,
        frame=False,
    )

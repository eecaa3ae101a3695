"""Bar charts as inline SVG, readable in black and white: every series has its own fill
pattern (solid, hatched, dotted …) shown in a legend, and every bar its figure written beside
it. Text stays text (`<text>`), in the page's fonts.

A small module of our own rather than matplotlib: the charts are horizontal bars and nothing
more, matplotlib would add ~40 MB and ~0.5 s of import to the one command that draws them,
and its SVG needs post-processing to keep text as text in the page's CJK fonts.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ledger.pages.html import esc

WIDTH = 700  # viewBox units; the chart is drawn at the page's width (~186 mm)
FONT = 12
SMALL = 11
PATTERNS = ("solid", "hatch", "dots", "cross", "lines", "empty")


def text_width(text: str, size: float) -> float:
    """An estimate of how wide `text` is drawn at `size`: CJK and other wide characters are
    one em, the rest ~0.6 em (a little over what sans fonts need, so labels stay inside)."""
    wide = sum(1 for c in text if unicodedata.east_asian_width(c) in ("W", "F"))
    return (wide + 0.6 * (len(text) - wide)) * size


def label(
    x: float,
    y: float,
    text: str,
    *,
    size: float = FONT,
    anchor: str = "start",
    fit: float | None = None,
    bold: bool = False,
) -> str:
    """A `<text>`; with `fit`, a text wider than that is squeezed to it (`textLength`)."""
    attrs = f'x="{x:.1f}" y="{y:.1f}" font-size="{size}"'
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    if bold:
        attrs += ' font-weight="700"'
    if fit is not None and text_width(text, size) > fit:
        attrs += f' textLength="{fit:.1f}" lengthAdjust="spacingAndGlyphs"'
    return f"<text {attrs}>{esc(text)}</text>"


def _pattern_defs(prefix: str, count: int) -> str:
    white = '<rect width="6" height="6" fill="#fff"/>'
    bodies = {
        "solid": '<rect width="6" height="6" fill="#000"/>',
        "hatch": white + '<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="#000" stroke-width="1.3"/>',
        "dots": white + '<circle cx="3" cy="3" r="1.3" fill="#000"/>',
        "cross": white + '<path d="M0,3 h6 M3,0 v6" stroke="#000" stroke-width="1"/>',
        "lines": white + '<path d="M0,1.5 h6 M0,4.5 h6" stroke="#000" stroke-width="0.9"/>',
        "empty": white,
    }
    defs = []
    for i in range(count):
        name = PATTERNS[i % len(PATTERNS)]
        tile = 'width="6" height="6" patternUnits="userSpaceOnUse"'
        defs.append(f'<pattern id="{prefix}-{i}" {tile}>{bodies[name]}</pattern>')
    return "<defs>" + "".join(defs) + "</defs>"


def _fill(prefix: str, i: int) -> str:
    return f"url(#{prefix}-{i})"


def _legend(prefix: str, names: Sequence[str], top: float = 4) -> tuple[str, float]:
    """Swatches and names left to right, wrapping; returns (svg, where it ends). `top` leaves
    room for the CJK fonts' tall ascent."""
    parts = []
    x, y = 0.0, top
    for i, name in enumerate(names):
        item = 18 + text_width(name, SMALL) + 14
        if x > 0 and x + item > WIDTH:
            x, y = 0.0, y + 17
        parts.append(_rect(x, y, 14, 10, _fill(prefix, i), cls="swatch"))
        parts.append(label(x + 18, y + 9.5, name, size=SMALL))
        x += item
    return "".join(parts), y + 18


def _rect(x: float, y: float, w: float, h: float, fill: str, cls: str = "bar") -> str:
    return (
        f'<rect class="{cls}" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}" '
        'stroke="#000" stroke-width="0.8"/>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, extra: str = "") -> str:
    return f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#000"{extra}/>'


def _svg(prefix: str, height: float, content: str, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'role="img" aria-label="{esc(title)}" data-chart="{esc(prefix)}">{content}</svg>'
    )


@dataclass(frozen=True)
class Series:
    """One set of bars: its name (in the legend), a value per category (None: no bar), and
    the text written beside each bar (the figure as the table shows it)."""

    name: str
    values: Sequence[float | None]
    labels: Sequence[str]


def grouped_bars(
    prefix: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    scale: float = 1.0,
    ticks: Sequence[tuple[float, str]] = (),
) -> str:
    """Horizontal bars, one group per category, one bar per series; values from 0 to `scale`
    (a larger value stretches the scale). `ticks` are (value, text) grid lines."""
    top_value = max([scale, *(v for s in series for v in s.values if v is not None)])
    left = min(170.0, max([40.0, *(text_width(c, FONT) + 10 for c in categories)]))
    right = max([30.0, *(text_width(text, SMALL) + 8 for s in series for text in s.labels)])
    plot = WIDTH - left - right
    legend, legend_height = _legend(prefix, [s.name for s in series]) if len(series) > 1 else ("", 0.0)
    bar, gap = 15.0, 9.0
    y = legend_height + 6
    body: list[str] = []
    group = bar * len(series)
    for ci, category in enumerate(categories):
        body.append(label(left - 6, y + group / 2 + FONT * 0.35, category, anchor="end", fit=left - 10))
        for si, s in enumerate(series):
            value = s.values[ci]
            by = y + si * bar
            if value is not None and value > 0:
                w = plot * value / top_value
                body.append(_rect(left, by + 1, w, bar - 2, _fill(prefix, si)))
            else:
                w = 0.0
            body.append(label(left + w + 4, by + bar - 3, s.labels[ci], size=SMALL))
        y += group + gap
    plot_bottom = y - gap + 3
    grid = [_line(left, legend_height + 2, left, plot_bottom)]
    for value, text in ticks:
        x = left + plot * value / top_value
        grid.append(_line(x, legend_height + 2, x, plot_bottom, ' stroke-width="0.4" stroke-dasharray="2,3"'))
        grid.append(label(x, plot_bottom + 12, text, size=SMALL, anchor="middle"))
    height = plot_bottom + (19 if ticks else 4)
    content = _pattern_defs(prefix, len(series)) + legend + "".join(grid) + "".join(body)
    return _svg(prefix, height, content, title)


def stacked_bars(
    prefix: str,
    title: str,
    categories: Sequence[str],
    parts: Sequence[tuple[str, Sequence[int]]],
    *,
    totals: Sequence[str],
) -> str:
    """One horizontal bar per category made of one segment per part (name, counts), each
    segment patterned and numbered when it is wide enough; `totals` written at the bar's end."""
    sums = [sum(counts[i] for _, counts in parts) for i in range(len(categories))]
    most = max([1, *sums])
    left = min(170.0, max([40.0, *(text_width(c, FONT) + 10 for c in categories)]))
    right = max([30.0, *(text_width(text, SMALL) + 8 for text in totals)])
    plot = WIDTH - left - right
    legend, legend_height = _legend(prefix, [name for name, _ in parts])
    bar, gap = 20.0, 8.0
    y = legend_height + 6
    body: list[str] = []
    for ci, category in enumerate(categories):
        body.append(label(left - 6, y + bar / 2 + FONT * 0.35, category, anchor="end", fit=left - 10))
        x = left
        for pi, (_, counts) in enumerate(parts):
            count = counts[ci]
            if not count:
                continue
            w = plot * count / most
            body.append(_rect(x, y, w, bar, _fill(prefix, pi)))
            text = str(count)
            tw = text_width(text, SMALL)
            if w >= tw + 6:  # the count on a white tab, legible over any pattern
                cx = x + w / 2
                body.append(
                    f'<rect class="tab" x="{cx - tw / 2 - 2:.1f}" y="{y + 3:.1f}" width="{tw + 4:.1f}" '
                    f'height="{bar - 6:.1f}" fill="#fff"/>'
                )
                body.append(label(cx, y + bar / 2 + SMALL * 0.35, text, size=SMALL, anchor="middle"))
            x += w
        body.append(label(x + 4, y + bar / 2 + SMALL * 0.35, totals[ci], size=SMALL, bold=True))
        y += bar + gap
    axis = _line(left, legend_height + 2, left, y - gap + 3)
    content = _pattern_defs(prefix, len(parts)) + legend + axis + "".join(body)
    return _svg(prefix, y - gap + 6, content, title)

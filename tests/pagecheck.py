"""Reading a printable page back with the standard library's HTML parser: its figures (the
cells' `data-key`/`data-of`/text), its text, and anything in it that would load something."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements that load (or run) something, whatever their attributes say.
LOADING_TAGS = {"script", "link", "img", "iframe", "frame", "object", "embed", "audio", "video", "source",
                "track", "base", "image", "use", "foreignobject", "input", "form", "picture"}  # fmt: skip
URL_ATTRS = {"src", "href", "xlink:href", "srcset", "action", "formaction", "poster", "data", "background",
             "ping", "manifest", "codebase", "cite", "longdesc", "lowsrc", "dynsrc"}  # fmt: skip
CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)|@import", re.IGNORECASE)


@dataclass
class Cell:
    tag: str
    key: str | None
    of: str | None
    value: str | None
    text: str = ""


@dataclass
class Page(HTMLParser):
    tags: list[str] = field(default_factory=list)
    attrs: list[tuple[str, str, str | None]] = field(default_factory=list)  # (tag, name, value)
    cells: list[Cell] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    _open: list[Cell] = field(default_factory=list)
    _in_style: bool = False

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        named = dict(attrs)
        self.attrs.extend((tag, name, value) for name, value in attrs)
        if named.get("style"):
            self.styles.append(named["style"] or "")
        if tag in ("td", "th"):
            cell = Cell(tag, named.get("data-key"), named.get("data-of"), named.get("data-value"))
            self.cells.append(cell)
            self._open.append(cell)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._open:
            self._open.pop()
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)
            return
        self.texts.append(data)
        for cell in self._open:
            cell.text += data

    @property
    def text(self) -> str:
        return "".join(self.texts)

    def figure(self, key: str, of: str) -> Cell:
        found = [c for c in self.cells if c.key == key and c.of == of]
        assert len(found) == 1, f"{len(found)} cells for {key} of {of}"
        return found[0]


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def external_references(html: str) -> list[str]:
    """Everything in the page that could make the browser fetch or run something: loading
    elements, URL attributes other than `#fragment` and `data:`, event handlers, CSS `url()`
    other than `url(#…)`, `@import`, and a meta refresh."""
    page = parse(html)
    found = [f"<{tag}>" for tag in page.tags if tag in LOADING_TAGS]
    for tag, name, value in page.attrs:
        value = (value or "").strip()
        if name in URL_ATTRS and not (value.startswith("#") or value.lower().startswith("data:")):
            found.append(f"{tag} {name}={value}")
        if name.startswith("on"):
            found.append(f"{tag} {name}")
        if tag == "meta" and name == "http-equiv":
            found.append(f"meta http-equiv={value}")
    for css in page.styles:
        for match in CSS_URL.finditer(css):
            if match.group(0).lower() == "@import" or not match.group(2).startswith("#"):
                found.append(f"css {match.group(0)}")
    for tag, name, value in page.attrs:  # SVG presentation attributes may hold url(…) too
        for match in CSS_URL.finditer(value or ""):
            if match.group(0).lower() == "@import" or not match.group(2).startswith("#"):
                found.append(f"{tag} {name}={value}")
    return found

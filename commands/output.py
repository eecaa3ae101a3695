"""The one output layer: every read command hands rows and columns to `emit`.

table (rich), json, csv, tsv, markdown, plain and xlsx. Chinese text lines up: rich and tabulate
(with wcwidth) both measure East Asian wide characters as two columns. `--output FILE` sends any
format to a file, written atomically (`to_file`); xlsx is built by `ledger.workbook` from the
columns' declared kinds.
"""

from __future__ import annotations

import contextlib
import json
import sys
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import accumulate, chain, repeat
from operator import itemgetter
from typing import Any

from ledger.i18n import t


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"
    plain = "plain"
    xlsx = "xlsx"
    html = "html"


@dataclass(frozen=True)
class Column:
    """One column: `key` in the row dicts (and the csv/tsv header), `header` a catalog key.

    `kind` says what its values are, so a workbook gets real cells: "text" (ids and issue
    numbers too), "date", "count", "rate" (a fraction, shown as a percentage) or "amount"
    (two decimals). Every other format shows the value as the table does.
    """

    key: str
    header: str
    show: Callable[[Any, str], str] | None = None  # how a table cell shows the value
    align: str = "left"
    kind: str = "text"
    # Carried only by a workbook, so that an exported listing reads back whole with `import`
    # (the screen table keeps to 80 columns; csv/tsv keep their columns for scripts).
    sheet_only: bool = False
    # "village" or "township": the value is a place's code, shown by its name in the tables
    # people read (table, markdown, plain, html) when `emit` is given the names.
    place: str | None = None
    # Left out of a terminal table too narrow to show its long text well (every other format,
    # and a wide enough terminal, keep it); the last such column goes first.
    optional: bool = False
    # Never folded in a terminal table, however long (a timestamp); dates, counts, rates and
    # amounts never are either.
    whole: bool = False


def cell(value: Any, lang: str, show: Callable[[Any, str], str] | None = None) -> str:
    if show is not None:
        return show(value, lang)
    if type(value) is str:  # the usual cell, first
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("yes" if value else "no") if lang != "zh" else ("是" if value else "否")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if hasattr(value, "label") and callable(value.label):
        return value.label(lang)
    return str(value)


_MARKDOWN_ESCAPES = {
    "\\": "\\\\",
    "|": "\\|",  # a bare | starts a new column (the 公示栏 shifted)
    "&": "&amp;",
    "<": "&lt;",  # a renderer would otherwise obey <script>, <img …> or <br> typed in a title
    ">": "&gt;",
    "\r\n": "<br>",
    "\n": "<br>",  # a table row is one line
    "\r": "<br>",
}
_MARKDOWN_RE = None


def markdown_cell(text: str) -> str:
    """`text` as one markdown table cell: pipes and backslashes escaped, HTML as text, line
    breaks as <br>, so every renderer shows what the file says in the column it belongs to."""
    import re

    global _MARKDOWN_RE
    if _MARKDOWN_RE is None:
        _MARKDOWN_RE = re.compile("|".join(re.escape(k) for k in _MARKDOWN_ESCAPES))
    return _MARKDOWN_RE.sub(lambda m: _MARKDOWN_ESCAPES[m.group()], text)


def to_jsonable(value: Any) -> Any:
    from datetime import date, datetime

    plain = _PLAIN  # str, int, bool, None stay as they are: skip the call (20,000-row reports)
    if isinstance(value, dict):
        return {k: v if type(v) in plain else to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [v if type(v) in plain else to_jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    return value


def print_json(data: Any) -> None:
    sys.stdout.write(report_text(data) + "\n")


def report_text(data: Any) -> str:
    """`json_text(to_jsonable(data))`, the same text, with every list of flat records in it
    (a report's `rows`, 5,000 cadres) laid out a column at a time by `records_text`, and the
    rest by json: nested at depth d, json's indented text is the value's own with each line
    after the first indented 2·d spaces more (strings never hold a raw newline)."""
    if type(data) is list and data:
        text = records_text(data)
        if text is not None:
            return text
    if type(data) is dict and data and all(type(k) is str for k in data):
        encode = json.JSONEncoder(ensure_ascii=False).encode
        parts = (f"  {encode(k)}: " + report_text(v).replace("\n", "\n  ") for k, v in data.items())
        return "{\n" + ",\n".join(parts) + "\n}"
    return json_text(to_jsonable(data))


def records_text(rows: list[Any]) -> str | None:
    """`json_text(to_jsonable(rows))` for a list of flat records that all have the same keys in
    the same order (every report's rows), made a column at a time; None for anything else.

    A cell at a time took ~0.5 s for 20,000 report rows. Here each column is encoded by the C
    functions json itself uses (`encode_basestring`, `int.__repr__`), and each record laid out
    by one `%` on a template of its keys."""
    from json.encoder import encode_basestring

    first = rows[0]
    if type(first) is not dict or not first or not all(type(k) is str for k in first):
        return None
    keys = tuple(first)
    if not all(type(row) is dict and tuple(row) == keys for row in rows):
        return None
    get = itemgetter(*keys) if len(keys) > 1 else (lambda row: (row[keys[0]],))
    columns = []
    for column in zip(*map(get, rows), strict=True):
        kinds = set(map(type, column))
        if kinds == {str}:
            columns.append(list(map(encode_basestring, column)))
        elif kinds == {int}:
            columns.append(list(map(int.__repr__, column)))
        else:
            texts = _json_cells(column, kinds)
            if texts is None:
                return None
            columns.append(texts)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    template = "  {\n" + ",\n".join(f"    {encode(k)}: ".replace("%", "%%") + "%s" for k in keys) + "\n  }"
    return "[\n" + ",\n".join(map(template.__mod__, zip(*columns, strict=True))) + "\n]"


def _json_cells(column: Sequence[Any], kinds: set[type]) -> list[str] | None:
    """Each value as `json_text(to_jsonable(value))` gives it, or None for a type left to
    those two (a list, a dict, a Decimal, …)."""
    from datetime import date, datetime
    from json.encoder import encode_basestring

    enums = {kind for kind in kinds if issubclass(kind, StrEnum)}
    if not kinds - enums <= {str, int, bool, float, type(None), date, datetime}:
        return None
    encode = json.JSONEncoder(ensure_ascii=False).encode

    def one(value: Any) -> str:
        kind = type(value)
        if kind is str:
            return encode_basestring(value)
        if value is None:
            return "null"
        if kind is bool:
            return "true" if value else "false"
        if kind is int:
            return int.__repr__(value)
        if kind is date or kind is datetime:
            return encode_basestring(value.isoformat())
        if kind in enums:
            return encode_basestring(value.value)
        return encode(value)  # a float: as json writes it (NaN, Infinity too)

    return [one(value) for value in column]


_SCALARS = (str, int, float, bool, type(None))
_PLAIN = frozenset({str, int, bool, type(None)})


def json_text(data: Any) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, the same text.

    With an indent, json uses its pure-Python encoder (~1 s for 20,000 report rows); a list of
    flat records, what every listing prints, is laid out here with each scalar encoded by the
    C encoder instead. Anything else goes to json as it is."""
    if (
        isinstance(data, list)
        and data
        and all(type(row) is dict and row and all(type(v) in _SCALARS for v in row.values()) for row in data)
    ):
        from json.encoder import encode_basestring

        encode = json.JSONEncoder(ensure_ascii=False).encode
        keys: dict[str, str] = {}

        def key(k: str) -> str:
            found = keys.get(k)
            if found is None:
                found = keys[k] = f"    {encode(k)}: "
            return found

        records = (
            "  {\n"
            + ",\n".join(
                key(k) + (encode_basestring(v) if type(v) is str else encode(v)) for k, v in row.items()
            )
            + "\n  }"
            for row in data
        )
        return "[\n" + ",\n".join(records) + "\n]"
    return json.dumps(data, ensure_ascii=False, indent=2)


def emit(
    fmt: Format,
    rows: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    lang: str,
    *,
    json_data: Any = None,
    title: str | None = None,
    output: str | None = None,
    total: bool = False,
    page: Callable[[], str] | None = None,
    empty: str = "msg.empty",
    places: Callable[[], Any] | None = None,
) -> None:
    """Print `rows` in `fmt`. `json_data` replaces the rows for json (records keep every key).

    `output` writes to that file instead of stdout; `total` says the last row is a total
    (bold in a workbook); `page` makes the html page of a report that has one (`ledger.pages`).
    `empty` is the catalog key the terminal table says instead of a table with no rows
    (无超期问题); json stays `[]`, csv/tsv a header row, markdown/plain a header. `places`
    gives the `ledger.places.PlaceNames` that name the places of `place` columns in the tables
    people read (called only for those).
    """
    refuse_on_terminal(fmt, output)
    if fmt is Format.xlsx:
        write_xlsx(rows, columns, lang, title=title, total=total, output=output)
        return
    sheet_keys = {c.key for c in columns if c.sheet_only}
    if sheet_keys:
        columns = [c for c in columns if not c.sheet_only]
        rows = [{k: v for k, v in row.items() if k not in sheet_keys} for row in rows]
    if output is not None:
        with to_file(output):
            emit(fmt, rows, columns, lang, json_data=json_data, title=title, total=total, page=page,
                 empty=empty, places=places)  # fmt: skip
        return
    readable = fmt in (Format.table, Format.markdown, Format.plain) or (fmt is Format.html and page is None)
    if places is not None and readable:
        names = places()
        columns = [_named(c, names) for c in columns]
    if fmt is Format.html:
        sys.stdout.write(page() if page is not None else _table_page(rows, columns, lang, title))
        return
    if fmt is Format.json:
        print_json(json_data if json_data is not None else list(rows))
        return
    if fmt in (Format.csv, Format.tsv):
        import csv

        writer = csv.writer(sys.stdout, delimiter="," if fmt is Format.csv else "\t", lineterminator="\n")
        keys = [c.key for c in columns]
        writer.writerow(keys)
        writer.writerows(machine_rows(rows, keys))
        return
    from ledger.safetext import neutral

    # Terminal text: an escape sequence or a bidi override in a hand-edited file is shown, not
    # obeyed (csv/tsv/json above stay exact for scripts).
    headers = [neutral(t(c.header, lang)) for c in columns]
    body = table_body(rows, columns, lang)
    if title is not None:
        title = neutral(title)
    if fmt in (Format.markdown, Format.plain):
        from tabulate import tabulate

        if fmt is Format.markdown:
            headers = [markdown_cell(h) for h in headers]
            body = [[markdown_cell(c) for c in line] for line in body]
            title = markdown_cell(title) if title is not None else None

        aligns = [c.align for c in columns]
        text = tabulate(
            body,
            headers=headers,
            tablefmt="pipe" if fmt is Format.markdown else "plain",
            colalign=aligns if body else None,
            disable_numparse=True,
        )
        if title and fmt is Format.markdown:
            text = f"## {title}\n\n{text}"
        elif title:
            text = f"{title}\n\n{text}"
        sys.stdout.write(text + "\n")
        return
    if not body:
        # A box with headers and no rows reads as a fault; say that there is nothing.
        said = t(empty, lang)
        sys.stdout.write(f"{title}\n{said}\n" if title else f"{said}\n")
        return
    width = _console_width()
    keep, widths = screen_columns(columns, headers, body, width)
    hidden = [headers[i].replace("\n", "") for i in range(len(columns)) if i not in keep]
    headers = [headers[i] for i in keep]
    if len(keep) < len(columns):
        if len(keep) > 1:
            body = list(map(itemgetter(*keep), body))
        else:  # itemgetter of one index gives the cell, not a row
            body = [tuple(line[i] for i in keep) for line in body]
    aligns = [columns[i].align for i in keep]
    text = plain_table(headers, aligns, body, title, width, widths) if _plain_console() else None
    if text is not None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        rich_table(headers, aligns, body, title, widths)
    if hidden:  # on stderr: what the screen left out is said, never silently dropped
        sys.stdout.flush()
        from caseledger.commands.helptext import wrap

        listed = ("、" if lang == "zh" else ", ").join(hidden)
        said = t("msg.columns_hidden", lang, columns=listed, width=width)
        sys.stderr.write("\n".join(wrap(said, width)) + "\n")


def table_body(rows: Sequence[dict[str, Any]], columns: Sequence[Column], lang: str) -> list[tuple[str, ...]]:
    """Each row's cells as a table shows them (`cell`, any escape or bidi override made
    visible), a column at a time, each distinct value shown once (a 20,000-row report repeats
    its villages, owners, levels and dates)."""
    from ledger.safetext import all_neutral, neutral

    shown: list[list[str]] = []
    for column in columns:
        key, show = column.key, column.show
        try:
            values = list(map(itemgetter(key), rows))
        except KeyError:  # a row without the key: an empty cell, as row.get gives
            values = [row.get(key) for row in rows]
        kinds = set(map(type, values))
        kinds.discard(type(None))
        texts: dict[Any, str] | None = None
        if len(kinds) <= 1:  # one type: equal values show alike (True and 1 would not)
            try:
                texts = dict.fromkeys(values)
            except TypeError:  # lists
                texts = None
        if texts is None:
            shown.append([neutral(cell(value, lang, show), multiline=True) for value in values])
            continue
        if show is None and kinds == {str} and None not in texts and all_neutral(texts, multiline=True):
            shown.append(values)  # text shows as itself (titles, names): no call per cell
            continue
        for value in texts:
            texts[value] = neutral(cell(value, lang, show), multiline=True)
        shown.append(list(map(texts.__getitem__, values)))
    return list(zip(*shown, strict=True)) if shown else [() for _ in rows]


# What a terminal cannot show: a workbook's bytes, a page's markup. Piped or redirected stdout
# (`cards > 卡片.html`) and --output keep working.
_TERMINAL_REFUSALS = {Format.xlsx: "error.xlsx_terminal", Format.html: "error.html_terminal"}


def refuse_on_terminal(fmt: Format, output: str | None) -> None:
    """Raise UsageError (exit 2) when `fmt` would pour a file's bytes onto a terminal."""
    key = _TERMINAL_REFUSALS.get(fmt)
    if key is not None and output is None and stdout_is_terminal():
        from ledger.errors import UsageError

        raise UsageError(key)


def stdout_is_terminal() -> bool:
    isatty = getattr(sys.stdout, "isatty", None)
    return isatty is not None and isatty()


def _named(column: Column, places: Any) -> Column:
    """`column` showing its places by name, for the tables people read."""
    if column.place is None:
        return column
    names = places.villages if column.place == "village" else places.townships
    show = column.show

    def named(value: Any, lang: str) -> str:
        if isinstance(value, str) and value in names:
            return names[value]
        return show(value, lang) if show is not None else cell(value, lang)

    from dataclasses import replace

    return replace(column, show=named)


def _table_page(
    rows: Sequence[dict[str, Any]], columns: Sequence[Column], lang: str, title: str | None
) -> str:
    from ledger.pages.reports import table_page

    headers = [t(c.header, lang) for c in columns]
    body = [[cell(row.get(c.key), lang, c.show) for c in columns] for row in rows]
    return table_page(title or "", headers, body, lang=lang)


def rich_table(
    headers: Sequence[str],
    aligns: Sequence[str],
    body: Sequence[Sequence[str]],
    title: str | None,
    widths: Sequence[int] | None = None,
    **console: Any,
) -> None:
    """The table as rich prints it: styles on a terminal, long cells folded to the width.

    Wider than the console, its columns get the widths `fit_widths` chooses (or `widths`):
    short values (dates, codes, categories, headers) keep theirs, long text gives way."""
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table

    out = Console(soft_wrap=False, **console)
    if widths is None:
        natural = [
            max(cell_len(line) for text in column for line in (text.splitlines() or [""]))
            for column in zip(headers, *body, strict=True)
        ]
        widths = fit_widths(natural, out.width)
    table = Table(title=title, show_lines=False, header_style="bold")
    for index, (header, align) in enumerate(zip(headers, aligns, strict=True)):
        width = None if widths is None else widths[index]
        table.add_column(header, justify=align, overflow="fold", width=width)  # type: ignore[arg-type]
    for line in body:
        table.add_row(*(_escape(v) for v in line))
    out.print(table)


COMFORT = 12  # long text reads well in a column this wide (six Chinese characters)
_BRACKETS = set("（）()[]【】《》“”")


_CELLS: dict[str, int] = {}


def cells_of(text: str) -> int:
    """`rich.cells.cell_len(text)`, remembered: a 20,000-row table measures each cell several
    times (which columns fit, then their widths), and rich keeps only the last 4,096."""
    if text.isascii() and text.isprintable():
        return len(text)  # one cell a character, as rich counts printable ASCII
    found = _CELLS.get(text)
    if found is None:
        if "\u200d" in text or "\ufe0f" in text:  # joiners: rich's own count
            from rich.cells import cell_len

            found = cell_len(text)
        else:  # rich's count without joiners: the sum of each character's cells
            try:  # every character already measured: no set of the text's characters made
                found = sum(map(_CHAR_CELLS.__getitem__, text))
            except KeyError:
                found = sum(map(_char_cells(text).__getitem__, text))
        _CELLS[text] = found
    return found


def _char_cells(text: str) -> dict[str, int]:
    """`_CHAR_CELLS`, holding every character of `text` (`rich.cells.get_character_cell_size`)."""
    sizes = _CHAR_CELLS
    missing = set(text) - sizes.keys()
    if missing:
        from rich.cells import get_character_cell_size

        for ch in missing:
            sizes[ch] = size = get_character_cell_size(ch)
            if not 1 <= size <= 2:
                _ODD_CHARS.add(ch)
    return sizes


def widest_line(text: str) -> int:
    """The cells of the widest line of `text` (what a table column needs for it)."""
    if text.isprintable():  # no line break of any kind in it
        return cells_of(text)
    return max(map(cells_of, text.splitlines() or [""]))


def widest_of(texts: Collection[str]) -> int:
    """The widest line among `texts` (0 for none): a column of numbers, dates or codes, all
    printable ASCII (one cell a character), measured by their lengths."""
    joined = "".join(texts)
    if joined.isascii() and joined.isprintable():
        return max(map(len, texts), default=0)
    return max(map(widest_line, texts), default=0)


def screen_columns(
    columns: Sequence[Column], headers: Sequence[str], body: Sequence[Sequence[str]], width: int
) -> tuple[list[int], list[int] | None]:
    """Which columns a terminal table `width` wide shows, and their widths (`fit_widths`): all
    of them when its long text reads well (COMFORT), else without its optional columns, the
    last first, until it does."""
    widest = [widest_of(set(column)) for column in zip(*body, strict=True)]
    if not body:
        widest = [0] * len(columns)
    keep = list(range(len(columns)))
    optional = [i for i, column in enumerate(columns) if column.optional]
    while True:
        natural, least = [], []
        for i in keep:
            values = widest[i]
            natural.append(max(values, widest_line(headers[i])))
            least.append(max(values, _header_least(headers[i])))
        whole = [j for j, i in enumerate(keep) if columns[i].whole or columns[i].kind != "text"]
        widths = fit_widths(natural, width, least, whole)
        if widths is None:
            fits = sum(natural) + 3 * len(natural) + 1 <= width
        else:
            fits = all(w >= min(n, COMFORT) for w, n in zip(widths, natural, strict=True) if n > SHORT)
        if fits or not optional:
            return keep, widths
        keep.remove(optional.pop())


def _header_least(header: str) -> int:
    """The narrowest a header folds to: two lines of Chinese (not where brackets would break),
    English at its spaces."""
    from rich.cells import cell_len

    if " " in header:
        return max(cell_len(word) for word in header.split())
    if header.isascii() or "\n" in header or _BRACKETS & set(header) or cell_len(header) < 8:
        return cell_len(header)  # a bracket or a two- or three-character word stays whole
    half = (cell_len(header) + 1) // 2
    return half + half % 2


SHORT = 12  # a column whose values are all this wide or less (dates, codes, levels) never wraps
NARROWEST = 6  # nor is long text given fewer columns than this (three Chinese characters)


def fit_widths(
    natural: Sequence[int], width: int, least: Sequence[int] | None = None, whole: Sequence[int] = ()
) -> list[int] | None:
    """Column widths (inside the padding) for a table whose columns want `natural` widths in a
    console `width` wide, or None when it fits as it is or cannot fit this way.

    Short columns keep their width; the long ones give way, the widest first, down to a common
    width (water-filling), so a title wraps before a date, a code or a category does. When that
    leaves long text too little room, short columns may shrink to `least` (their values' width,
    the header folded onto two lines), and get back whole what is left over. The `whole`
    columns count as short whatever their width."""
    budget = width - 3 * len(natural) - 1  # borders and a space either side of each cell
    if sum(natural) <= budget:
        return None
    long = {i for i, size in enumerate(natural) if size > SHORT and i not in whole}
    for shorts in (natural, least):
        if shorts is None:
            continue
        widths = [natural[i] if i in long else shorts[i] for i in range(len(natural))]
        room = budget - sum(w for i, w in enumerate(widths) if i not in long)
        if room < NARROWEST * len(long) or (not long and room < 0):
            continue
        spare = room - sum(natural[i] for i in long)
        for i, size in enumerate(natural):  # headers folded only as far as needed, left first
            if i not in long and 0 < size - widths[i] <= spare:
                spare -= size - widths[i]
                room -= size - widths[i]
                widths[i] = size
        _share(widths, natural, sorted(long), room)
        return widths
    return None  # even short values cannot keep their width: rich's own squeeze


def _share(widths: list[int], natural: Sequence[int], long: Sequence[int], room: int) -> None:
    """Give the `long` columns `room` columns between them: each its natural width or a common
    cap (the widest give way first); what the cap leaves over goes to the capped, left first."""
    if not long:
        return
    cap = room // len(long)
    while True:  # raise the cap while columns narrower than it leave room unused
        used = sum(min(natural[i], cap) for i in long)
        wider = [i for i in long if natural[i] > cap]
        if not wider or used + len(wider) > room:
            break
        cap += (room - used) // len(wider)
    for i in long:
        widths[i] = min(natural[i], cap)
    spare = room - sum(widths[i] for i in long)
    for i in long:
        if spare and widths[i] < natural[i]:
            widths[i] += 1
            spare -= 1


# -- the same table without rich ---------------------------------------------------------------
# Importing rich's console and table costs ~35 ms, a tenth of `issue show`. When rich would
# print no styles (not a terminal) and nothing needs folding, its table is plain box drawing
# and padding, written here byte for byte; anything else goes to rich (tests/test_output.py
# compares the two).

_EMOJI_CODE_RE = None


def _plain_console() -> bool:
    """Whether rich's Console would write to stdout without styles (as it decides that)."""
    import builtins
    import os

    if os.name == "nt" or hasattr(builtins, "get_ipython"):
        return False
    encoding = (getattr(sys.stdout, "encoding", "utf-8") or "utf-8").lower()
    if not encoding.startswith("utf"):
        return False  # rich would swap in an ASCII box
    tty_compatible = os.environ.get("TTY_COMPATIBLE", "")
    if tty_compatible in ("0", "1"):
        return tty_compatible == "0"
    force_color = os.environ.get("FORCE_COLOR")
    if force_color is not None:
        return force_color == ""
    if (getattr(sys.stdin, "__module__", None) or "").startswith("idlelib"):
        return False
    isatty = getattr(sys.stdout, "isatty", None)
    try:
        return isatty is None or not isatty()
    except ValueError:  # a closed file: let rich deal with it
        return False


def _console_width() -> int:
    """rich's Console width for stdout: $COLUMNS, else the first terminal among 0/1/2, else 80."""
    import os

    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns)
    width = None
    for fd in (0, 1, 2):
        try:
            width, _ = os.get_terminal_size(fd)
        except (AttributeError, ValueError, OSError):
            continue
        break
    return width or 80


def _plain_cells(texts: Collection[str]) -> bool:
    """Whether rich would print each of `texts` as it is: printable, unpadded, no markup or
    emoji code in it. Checked all at once: printable text has no whitespace but the space and
    no line break, so joined by line breaks a padded text shows as a space beside a break, and
    an emoji code (`:name:`, no whitespace in it) cannot span two texts."""
    if not all(map(str.isprintable, texts)):
        return False
    joined = "\n" + "\n".join(texts) + "\n"
    if " \n" in joined or "\n " in joined or "[" in joined or "\\" in joined:
        return False
    if ":" in joined:
        import re

        global _EMOJI_CODE_RE
        if _EMOJI_CODE_RE is None:
            _EMOJI_CODE_RE = re.compile(r"(:(\S*?)(?:(?:\-)(emoji|text))?:)")  # rich's emoji code
        names = [m.group(2).lower() for m in _EMOJI_CODE_RE.finditer(joined)]
        if names:
            from rich._emoji_codes import EMOJI

            return not any(name in EMOJI for name in names)
    return True


def plain_table(
    headers: Sequence[str],
    aligns: Sequence[str],
    body: Sequence[Sequence[str]],
    title: str | None,
    width: int,
    widths: Sequence[int] | None = None,
) -> str | None:
    """What `rich_table` prints when it is not a terminal and `width` wide (its columns `widths`
    wide when given, else as `fit_widths` chooses), or None when rich
    would do more than box, pad, fold and center (style, emoji, markup …).

    A table wider than `width` has its column widths chosen by rich itself, from a stand-in
    table of three rows that measures the same (rich sizes a column by its widest cell and its
    longest word); cells that do not fit are folded by rich's own `Text.wrap`. At 20,000 rows
    this takes ~0.5 s where rich's table takes ~30 s.
    """
    if not body or not headers:
        return None  # rich draws a table of no columns as an empty line
    # A column's cells recur row after row (villages, dates, owners): each distinct one is
    # checked, measured and laid out once.
    distinct = [set(column) for column in zip(*body, strict=True)]
    texts = {*headers, *chain.from_iterable(distinct)}
    if title is not None:
        texts.add(title)
    if not _plain_cells(texts):
        return None
    from rich.cells import cell_len

    if widths is not None:  # chosen by the caller, which measured the cells
        fitted: list[int] | None = list(widths)
        widths = [size + 2 for size in fitted]
    else:
        natural = [
            max(cells_of(header), *map(cells_of, cells))
            for header, cells in zip(headers, distinct, strict=True)
        ]
        fitted = fit_widths(natural, width)
        widths = [size + 2 for size in (fitted or natural)]
    total = sum(widths) + len(widths) + 1
    lines: list[str] = []
    if total > width or (title and cell_len(title) > total):  # rich folds cells or the title
        lengths = [list(map(cells_of, row)) for row in (headers, *body)]
        layout = _rich_layout(headers, aligns, (headers, *body), lengths, title, width, fitted)
        if layout is None:
            return None
        lines, widths = layout
    elif title:
        title_len = cell_len(title)
        left = (total - title_len) // 2
        lines.append(" " * left + title + " " * (total - title_len - left))

    laid: list[dict[str, tuple[str, ...]]] = [{} for _ in widths]

    def lay(cell: str, col_width: int, align: str) -> tuple[str, ...]:
        """The cell's lines, padded to its column."""
        inner = col_width - 2
        size = cells_of(cell)
        if size <= inner:
            gap = " " * (inner - size)
            return (f" {gap}{cell} " if align == "right" else f" {cell}{gap} ",)
        return tuple([f" {part} " for part in _fold(cell, inner, align)])

    blanks = [(" " * col_width,) for col_width in widths]

    def rows_of(table_rows: Sequence[Sequence[str]], edge: str) -> list[str]:
        """The lines of these rows: laid out a column at a time (each distinct cell once), a
        short cell topped up with blank lines (rich sets header cells at the bottom, others at
        the top), then joined line by line across the columns."""
        bottom = edge == "┃"
        laid_columns = []
        for cells, memo, col_width, align in zip(
            zip(*table_rows, strict=True), laid, widths, aligns, strict=True
        ):
            for cell in set(cells).difference(memo):
                memo[cell] = lay(cell, col_width, align)
            laid_columns.append(list(map(memo.__getitem__, cells)))
        counts = [list(map(len, column)) for column in laid_columns]
        heights = list(map(max, zip(*counts, strict=True)))
        line_columns = []
        for column, count, blank in zip(laid_columns, counts, blanks, strict=True):
            if count != heights:  # a short cell in some row: blank lines make up its height
                rows = zip(column, count, heights, strict=True)
                if bottom:
                    column = [parts if n == h else blank * (h - n) + parts for parts, n, h in rows]
                else:
                    column = [parts if n == h else parts + blank * (h - n) for parts, n, h in rows]
            line_columns.append(chain.from_iterable(column))
        # ("", a, b, "") joined by the edge is "│a│b│": one C call a line
        return list(map(edge.join, zip(repeat(""), *line_columns, repeat(""))))

    lines.append("┏" + "┳".join("━" * w for w in widths) + "┓")
    lines.extend(rows_of([headers], "┃"))
    lines.append("┡" + "╇".join("━" * w for w in widths) + "┩")
    lines.extend(rows_of(body, "│"))
    lines.append("└" + "┴".join("─" * w for w in widths) + "┘")
    return "\n".join(lines) + "\n"


def _rich_layout(
    headers: Sequence[str],
    aligns: Sequence[str],
    rows: Sequence[Sequence[str]],
    lengths: Sequence[Sequence[int]],
    title: str | None,
    width: int,
    fitted: Sequence[int] | None = None,
) -> tuple[list[str], list[int]] | None:
    """(title lines, column widths) as rich lays out the table at `width`, or None."""
    import io

    from rich.cells import cell_len

    widest: list[str] = []  # per column, the cell with the longest line
    wordiest: list[str] = []  # and the one with the longest word
    for i in range(len(headers)):
        pairs = list(zip((size[i] for size in lengths), (r[i] for r in rows), strict=True))
        widest.append(max(pairs, key=_first)[1])
        words = [(max((cell_len(w) for w in cell.split()), default=size), cell) for size, cell in pairs]
        wordiest.append(max(words, key=_first)[1])
    buffer = io.StringIO()
    rich_table(
        headers, aligns, [widest, wordiest], title, fitted, file=buffer, width=width, force_terminal=False
    )
    rendered = buffer.getvalue().split("\n")
    top = next((n for n, line in enumerate(rendered) if line and set(line) <= set("┏━┳┓")), None)
    if top is None:
        return None
    widths = [len(part) for part in rendered[top][1:-1].split("┳")]
    if min(widths) < 3:
        return None  # columns squeezed to (almost) nothing: leave such a table to rich
    return rendered[:top], widths


def _first(pair: tuple[int, str]) -> int:
    return pair[0]


def _fold(cell: str, width: int, align: str) -> tuple[str, ...]:
    """The lines rich makes of a cell too wide for its column (`overflow="fold"`)."""
    quick = _fold_word(cell, width, align)
    if quick is not None:
        return quick
    from rich.text import Text

    # Text.wrap uses its console only to justify "full" (tables justify left, right or
    # center): no Console made, nor rich.console imported (~15 ms).
    lines = Text(cell).wrap(None, width, justify=align, overflow="fold")  # type: ignore[arg-type]
    return tuple(line.plain for line in lines)


_CHAR_CELLS: dict[str, int] = {}
_ODD_CHARS: set[str] = {"\ufe0f"}  # measured characters not 1 or 2 cells wide, and the emoji selector


def _fold_word(cell: str, width: int, align: str) -> tuple[str, ...] | None:
    """`_fold` of one word of plain characters (a title such as 村道路灯损坏（274号）), as rich
    folds it, without rich's machinery (~60 µs a cell; a 20,000-row report folds every title);
    None for anything else (spaces, line breaks, joiners, zero-width or combining marks).

    Rich cuts such a word into lines of as many characters as fit `width` cells, then pads
    each line with spaces to `width`: on the right when aligned left, else on the left."""
    # Printable text has no whitespace but the space (the others are control or separator
    # characters): no space, one word.
    if width < 2 or align not in ("left", "right") or not cell.isprintable() or " " in cell or not cell:
        return None
    try:  # cells used up to each character (all of them measured before, as a rule)
        ends = list(accumulate(map(_CHAR_CELLS.__getitem__, cell)))
    except KeyError:
        ends = list(accumulate(map(_char_cells(cell).__getitem__, cell)))
    if not _ODD_CHARS.isdisjoint(cell):
        return None  # zero-width, combining or wider: rich joins such a character to the one before it
    lines: list[str] = []
    left = align == "left"
    start = used = 0
    size = len(cell)
    while start < size:
        stop = bisect_right(ends, used + width, start)  # as many characters as fit
        end = ends[stop - 1]
        gap = " " * (width - end + used)
        lines.append(cell[start:stop] + gap if left else gap + cell[start:stop])
        start, used = stop, end
    return tuple(lines)


def emit_record(
    fmt: Format,
    pairs: Sequence[tuple[str, Any]],
    lang: str,
    *,
    json_data: Any,
    title: str | None = None,
    output: str | None = None,
) -> None:
    """A single record as a two-column field/value table (or its JSON)."""
    rows = [{"field": t(label, lang), "value": value} for label, value in pairs]
    emit(fmt, rows, [Column("field", "col.field"), Column("value", "col.value")], lang,
         json_data=json_data, title=title, output=output)  # fmt: skip


# -- files and workbooks ------------------------------------------------------------------------


@contextlib.contextmanager
def to_file(output: str | None) -> Iterator[None]:
    """Everything printed on stdout inside the block goes to `output` instead, written
    atomically once the block has finished without error (nothing is written otherwise).
    With `output` None, stdout stays as it is."""
    if output is None:
        yield
        return
    import io
    from pathlib import Path

    from ledger.yamlio import atomic_write

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        yield
    atomic_write(Path(output), buffer.getvalue())


def write_xlsx(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    lang: str,
    *,
    title: str | None = None,
    total: bool = False,
    output: str | None = None,
) -> None:
    """The table as a workbook, into `output`, or onto stdout (`emit` refused a terminal)."""
    from ledger.workbook import TEXT, workbook_bytes

    headers = [t(c.header, lang) for c in columns]
    body = [
        [cell(row.get(c.key), lang, c.show) if c.kind == TEXT else row.get(c.key) for c in columns]
        for row in rows
    ]
    data = workbook_bytes(headers, [c.kind for c in columns], body, total_last=total, title=title)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from pathlib import Path

    from ledger.yamlio import atomic_write

    atomic_write(Path(output), data)


def machine_rows(rows: Sequence[dict[str, Any]], keys: Sequence[str]) -> list[Sequence[Any]]:
    """The `keys` of each row as csv/tsv cells: `_machine`'s text, or a value the csv module
    writes as that text.

    At 20,000 rows a call per cell took ~0.3 s. The csv module writes None as "" and other
    values as str() gives them, as `_machine` does for the types below; so a column holding
    only those goes through untouched, and only the others (yes/no, lists, enums) are
    converted, a column at a time."""
    if not keys or not rows:
        return [[] for _ in rows]
    from datetime import date, datetime
    from decimal import Decimal

    as_is = {str, int, float, type(None), date, datetime, Decimal}
    get = itemgetter(*keys) if len(keys) > 1 else (lambda row: (row[keys[0]],))
    try:
        values = list(map(get, rows))
    except KeyError:  # a row without some key: an empty cell, as row.get gives
        values = [tuple(row.get(key) for key in keys) for row in rows]
    by_column = list(zip(*values, strict=True))
    odd = [i for i, column in enumerate(by_column) if not set(map(type, column)) <= as_is]
    if not odd:
        return values
    for i in odd:
        by_column[i] = tuple(map(_machine, by_column[i]))
    return list(zip(*by_column, strict=True))


def _machine(value: Any) -> str:
    if type(value) is str:  # the usual cell, first
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if isinstance(value, StrEnum):
        return value.value
    return str(value)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)

"""Writing a table as an xlsx workbook (SPEC §10): one sheet, header row frozen and filterable,
columns as wide as their text, typed cells, a bold total row.

openpyxl is imported here only, and only when a workbook is asked for (start-up time). Its
write-only mode streams rows to the file, so 100,000 rows never sit in memory as cell objects.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

# What a column holds, so its cells get the right type (SPEC §10).
TEXT, DATE, COUNT, RATE, AMOUNT = "text", "date", "count", "rate", "amount"
KINDS = (TEXT, DATE, COUNT, RATE, AMOUNT)

DATE_FORMAT = "yyyy-mm-dd"
RATE_FORMAT = "0.0%"
AMOUNT_FORMAT = "0.00"
MAX_WIDTH = 60  # wider text wraps in Excel rather than making one column a screen wide
_SHEET_NAME_RE = re.compile(r"[\[\]:*?/\\]")
# What XML 1.0 cannot hold; openpyxl refuses such text instead of writing it.
_ILLEGAL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_CELL_TEXT = 32_767  # Excel's limit for one cell


@lru_cache(maxsize=8192)
def text_width(text: str) -> int:
    """How many columns `text` takes on screen: a wide (CJK) character counts two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def typed_value(value: Any, kind: str) -> Any:
    """A row's value as the cell should hold it: a date, an int, a fraction, a Decimal, or text
    (None for an empty cell). Text is returned for a value the kind cannot read."""
    if value is None or value == "":
        return None
    if kind == DATE:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip()[:10])
        except ValueError:
            return str(value)
    if kind == COUNT:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = str(value).strip()
        return int(text) if text.lstrip("-").isdigit() else text
    if kind in (RATE, AMOUNT):
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return value
        try:
            return Decimal(str(value).strip())
        except InvalidOperation:
            return str(value)
    return str(value)


def shown(value: Any, kind: str) -> str:
    """The text Excel shows for a typed value, to size the column by."""
    if value is None:
        return ""
    if isinstance(value, date) and kind == DATE:
        return value.isoformat()
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        if kind == RATE:
            return f"{float(value) * 100:.1f}%"
        if kind == AMOUNT:
            return f"{Decimal(str(value)):.2f}"
    return str(value)


def clean_text(text: str) -> str:
    """Text a cell can hold: no characters XML forbids, at most Excel's cell length."""
    if _ILLEGAL_RE.search(text):
        text = _ILLEGAL_RE.sub("\ufffd", text)
    return text[:MAX_CELL_TEXT]


def sheet_name(title: str | None) -> str:
    """A legal sheet name (≤ 31 characters, none of []:*?/\\) from the table's title."""
    name = _SHEET_NAME_RE.sub(" ", clean_text(title or "")).strip().strip("'")
    for bracket in ("（", "("):  # "… 月底梳理汇总（截至 …）": the part before the aside
        if len(name) > 31 and bracket in name:
            name = name.split(bracket, 1)[0].strip()
    return name[:31].strip() or "Sheet1"


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def workbook_bytes(
    headers: Sequence[str],
    kinds: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    total_last: bool = False,
    title: str | None = None,
) -> bytes:
    """The xlsx file of a table. `rows` hold values as `typed_value` takes them; `total_last`
    makes the last row bold (a report's total)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    unknown = [k for k in kinds if k not in KINDS]
    if unknown or len(kinds) != len(headers):
        raise ValueError(f"column kinds {list(kinds)} do not fit headers {list(headers)}")
    typed = [[typed_value(v, k) for v, k in zip(row, kinds, strict=True)] for row in rows]
    widths = [text_width(h) for h in headers]
    for row in typed:
        for i, value in enumerate(row):
            if value is not None:
                size = text_width(shown(value, kinds[i]))
                if size > widths[i]:
                    widths[i] = size

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_name(title))
    if title:
        book.properties.title = clean_text(title)
    for i, size in enumerate(widths, start=1):
        sheet.column_dimensions[column_letter(i)].width = min(size + 2, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    last_column = column_letter(len(headers))
    sheet.auto_filter.ref = f"A1:{last_column}{len(typed) + 1}"

    bold = Font(bold=True)

    def text_cell(text: str, font: Any = None) -> Any:
        # Always a string cell: user text starting with `=` (or reading `#N/A`) is never a formula.
        cell = WriteOnlyCell(sheet, value=clean_text(text))
        cell.data_type = "s"
        if font is not None:
            cell.font = font
        return cell

    formats = {DATE: DATE_FORMAT, RATE: RATE_FORMAT, AMOUNT: AMOUNT_FORMAT}

    def cells(row: Sequence[Any], font: Any = None) -> list[Any]:
        out: list[Any] = []
        for value, kind in zip(row, kinds, strict=True):
            if value is None:
                out.append(text_cell("", font) if font is not None else None)
            elif isinstance(value, str):
                out.append(text_cell(value, font))
            elif kind in formats or font is not None:
                cell = WriteOnlyCell(sheet, value=value)
                if kind in formats:
                    cell.number_format = formats[kind]
                if font is not None:
                    cell.font = font
                out.append(cell)
            else:
                out.append(value)  # a plain number: the fastest path through openpyxl
        return out

    sheet.append([text_cell(h, bold) for h in headers])
    body = typed[:-1] if total_last and typed else typed
    for row in body:
        sheet.append(cells(row))
    if total_last and typed:
        sheet.append(cells(typed[-1], bold))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

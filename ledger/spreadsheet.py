"""Reading a spreadsheet a clerk hands us (.xlsx, or .csv in UTF-8, UTF-8 with BOM or GB18030)
into plain rows, refusing what cannot be read safely (SPEC §10).

A spreadsheet is data: formulas are never evaluated (a formula cell gives the value Excel saved
with it, or is marked as having none), macros are never looked at, and reading stops after
`MAX_ROWS` rows, so a sheet claiming 1,048,576 rows costs no more than one of `MAX_ROWS`.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ledger.errors import Invalid

MAX_ROWS = 200_000  # data rows; a county's whole ledger is about 100,000 issues
MAX_COLUMNS = 200
MAX_CSV_BYTES = 200 * 1024 * 1024
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE files: old .xls, or an encrypted .xlsx


class NoCachedValue:
    """A formula cell saved without its value (so we cannot know what it shows)."""

    def __init__(self, formula: str) -> None:
        self.formula = formula

    def __repr__(self) -> str:
        return f"NoCachedValue({self.formula!r})"


@dataclass
class Sheet:
    """The header (row 1) and the data rows, each with the spreadsheet's own row number."""

    name: str
    header: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)


def read_sheet(path: Path, sheet: str | None = None, display: str | None = None) -> Sheet:
    """The sheet (the first one unless named) of an .xlsx or .csv file."""
    where = display or str(path)
    suffix = path.suffix.lower()
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise Invalid("error.import.missing", file=where) from None
    except IsADirectoryError:
        raise Invalid("error.import.not_sheet", file=where) from None
    if head.startswith(_CFB_MAGIC):
        raise Invalid("error.import.encrypted", file=where)
    if suffix == ".csv":
        if sheet is not None:
            raise Invalid("error.import.csv_sheet", file=where)
        return _read_csv(path, where)
    if suffix in (".xlsx", ".xlsm") or head.startswith(b"PK"):
        return _read_xlsx(path, sheet, where)
    raise Invalid("error.import.not_sheet", file=where)


# -- csv --------------------------------------------------------------------------------------


def decode_csv(data: bytes, where: str) -> str:
    """UTF-8 (with or without a BOM), else GB18030 as Excel and WPS save it on Chinese Windows."""
    if b"\x00" in data[:65536]:
        raise Invalid("error.import.not_sheet", file=where)  # a binary file, or UTF-16
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise Invalid("error.import.encoding", file=where) from None


def _read_csv(path: Path, where: str) -> Sheet:
    import csv
    import io

    if path.stat().st_size > MAX_CSV_BYTES:
        raise Invalid("error.import.too_many_rows", file=where, limit=MAX_ROWS)
    text = decode_csv(path.read_bytes(), where)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, list[Any]]] = []
    header: list[str] | None = None
    try:
        for values in reader:
            if header is None:
                header = values
                continue
            if len(rows) >= MAX_ROWS:
                raise Invalid("error.import.too_many_rows", file=where, limit=MAX_ROWS)
            rows.append((reader.line_num, [v if v.strip() else None for v in values]))
    except csv.Error as exc:
        raise Invalid("error.import.corrupt", file=where, detail=str(exc)) from None
    if not header or not any(h.strip() for h in header):
        raise Invalid("error.import.empty", file=where)
    return Sheet(path.stem, [h.strip() for h in header], rows)


# -- xlsx -------------------------------------------------------------------------------------


def _read_xlsx(path: Path, sheet: str | None, where: str) -> Sheet:
    import warnings
    import zlib
    from xml.etree.ElementTree import ParseError

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    broken = (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        ValueError,
        ParseError,
        EOFError,
        zlib.error,
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
            values_book = load_workbook(path, read_only=True, data_only=True, keep_links=False)
            formula_book = None
            try:
                name = sheet if sheet is not None else values_book.sheetnames[0]
                if name not in values_book.sheetnames:
                    raise Invalid(
                        "error.import.no_sheet",
                        file=where,
                        sheet=name,
                        sheets="、".join(values_book.sheetnames),
                    )
                merged, formulas = _scan_sheet(path, values_book, name, where)
                if formulas:  # read a second time only to tell a formula without a value from an empty cell
                    formula_book = load_workbook(path, read_only=True, data_only=False, keep_links=False)
                header, rows = _xlsx_rows(
                    values_book[name], formula_book[name] if formula_book is not None else None, where
                )
            finally:
                values_book.close()
                if formula_book is not None:
                    formula_book.close()
    except broken as exc:
        raise Invalid("error.import.corrupt", file=where, detail=type(exc).__name__) from None
    if merged:
        raise Invalid("error.import.merged", file=where, cells=", ".join(merged[:5]))
    return Sheet(name, header, rows)


def _xlsx_rows(
    values: Any, formulas: Any | None, where: str
) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    import itertools
    from datetime import datetime

    header: list[str] | None = None
    rows: list[tuple[int, list[Any]]] = []
    # The sheet's own <dimension> is not trusted: a writer that got it wrong would otherwise
    # lose the rows past it without a word. (_scan_sheet has bounded the rows already.)
    values.reset_dimensions()
    if formulas is not None:
        formulas.reset_dimensions()
    width = _header_width(values)
    if width == 0:
        raise Invalid("error.import.empty", file=where)
    no_formulas = itertools.repeat(())
    pairs = zip(
        values.iter_rows(max_col=width),
        formulas.iter_rows(max_col=width, values_only=True) if formulas is not None else no_formulas,
        strict=False,
    )
    for position, (cells, raw) in enumerate(pairs, start=1):
        if position > MAX_ROWS + 1:  # empty rows too: a sheet may claim a million of them
            raise Invalid("error.import.too_many_rows", file=where, limit=MAX_ROWS)
        if not cells:
            continue
        number = getattr(cells[0], "row", None) or position
        line: list[Any] = []
        for i, cell in enumerate(cells):
            value = getattr(cell, "value", None)
            formula = raw[i] if i < len(raw) else None
            if isinstance(formula, str) and formula.startswith("=") and value is None:
                value = NoCachedValue(formula)
            elif isinstance(value, str) and not value.strip():
                value = None
            if isinstance(value, datetime) and value.time() == datetime.min.time():
                value = value.date()
            line.append(value)
        if header is None:
            if number != 1:
                raise Invalid("error.import.empty", file=where)
            header = ["" if v is None else str(v).strip() for v in line]
            continue
        if any(v is not None for v in line):
            rows.append((number, line))
    if header is None or not any(header):
        raise Invalid("error.import.empty", file=where)
    return header, rows


def _header_width(sheet: Any) -> int:
    """Columns up to the last heading of row 1 (cells right of it have no heading to go by)."""
    for row in sheet.iter_rows(min_row=1, max_row=1, max_col=MAX_COLUMNS, values_only=True):
        filled = [i for i, v in enumerate(row) if v is not None and str(v).strip()]
        return filled[-1] + 1 if filled else 0
    return 0


_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')
_ROW_RE = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_ROW_NUMBER_RE = re.compile(rb'\br="([0-9]+)"')
_FORMULA_RE = re.compile(rb"<(?:\w+:)?f[\s/>]")


def _scan_sheet(path: Path, book: Any, name: str, where: str) -> tuple[list[str], bool]:
    """The merged ranges of the sheet (read-only mode keeps none) and whether it holds any
    formula (most sheets hold none: then the cells are read once, not twice), read from its
    XML as a stream before any cell is. A sheet whose rows reach past `MAX_ROWS` is refused
    here, at the first row beyond it, whatever the sheet's size (a row holding nothing counts
    too: a sheet that claims 1,048,576 rows is refused however many are empty)."""
    index = book.sheetnames.index(name)
    member = _sheet_member(path, index)
    if member is None:
        return [], True
    found: list[str] = []
    tail = b""
    last_row = 0
    formulas = False
    with zipfile.ZipFile(path) as archive, archive.open(member) as stream:
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            cut = data.rfind(b"<")  # a tag cut by the chunk's end is read with the next chunk
            whole, tail = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
            for match in _ROW_RE.finditer(whole):
                number = _ROW_NUMBER_RE.search(match.group(1))
                last_row = int(number.group(1)) if number else last_row + 1
                if last_row > MAX_ROWS + 1:
                    raise Invalid("error.import.too_many_rows", file=where, limit=MAX_ROWS)
            if len(found) <= 50:
                found.extend(m.group(1).decode() for m in _MERGE_RE.finditer(whole))
            formulas = formulas or _FORMULA_RE.search(whole) is not None
        found.extend(m.group(1).decode() for m in _MERGE_RE.finditer(tail))
        formulas = formulas or _FORMULA_RE.search(tail) is not None
    return list(dict.fromkeys(found)), formulas


def _sheet_member(path: Path, index: int) -> str | None:
    """The zip member holding the index-th sheet, as the workbook's relationships say."""
    from xml.etree import ElementTree

    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        try:
            book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        except KeyError:
            return None
    ns_r = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    sheets = [s for s in book.iter() if s.tag.endswith("}sheet")]
    if index >= len(sheets):
        return None
    rid = sheets[index].get(ns_r)
    for rel in rels:
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            return member if member in names else None
    return None

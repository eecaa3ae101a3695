"""The one output layer: every read command hands rows and columns to `emit`.

table (rich), json, csv, tsv, markdown and plain. Chinese text lines up: rich and tabulate (with
wcwidth) both measure East Asian wide characters as two columns.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ledger.i18n import t


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"
    plain = "plain"


@dataclass(frozen=True)
class Column:
    """One column: `key` in the row dicts (and the csv/tsv header), `header` a catalog key."""

    key: str
    header: str
    show: Callable[[Any, str], str] | None = None  # how a table cell shows the value
    align: str = "left"


def cell(value: Any, lang: str, show: Callable[[Any, str], str] | None = None) -> str:
    if show is not None:
        return show(value, lang)
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("yes" if value else "no") if lang != "zh" else ("是" if value else "否")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if hasattr(value, "label") and callable(value.label):
        return value.label(lang)
    return str(value)


def to_jsonable(value: Any) -> Any:
    from datetime import date, datetime

    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    return value


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(to_jsonable(data), ensure_ascii=False, indent=2) + "\n")


def emit(
    fmt: Format,
    rows: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    lang: str,
    *,
    json_data: Any = None,
    title: str | None = None,
) -> None:
    """Print `rows` in `fmt`. `json_data` replaces the rows for json (records keep every key)."""
    if fmt is Format.json:
        print_json(json_data if json_data is not None else list(rows))
        return
    if fmt in (Format.csv, Format.tsv):
        import csv

        writer = csv.writer(sys.stdout, delimiter="," if fmt is Format.csv else "\t", lineterminator="\n")
        writer.writerow([c.key for c in columns])
        for row in rows:
            writer.writerow([_machine(row.get(c.key)) for c in columns])
        return
    headers = [t(c.header, lang) for c in columns]
    body = [[cell(row.get(c.key), lang, c.show) for c in columns] for row in rows]
    if fmt in (Format.markdown, Format.plain):
        from tabulate import tabulate

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
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for column, header in zip(columns, headers, strict=True):
        table.add_column(header, justify=column.align, overflow="fold")  # type: ignore[arg-type]
    for line in body:
        table.add_row(*(_escape(v) for v in line))
    Console(soft_wrap=False).print(table)


def emit_record(
    fmt: Format,
    pairs: Sequence[tuple[str, Any]],
    lang: str,
    *,
    json_data: Any,
    title: str | None = None,
) -> None:
    """A single record as a two-column field/value table (or its JSON)."""
    rows = [{"field": t(label, lang), "value": value} for label, value in pairs]
    emit(fmt, rows, [Column("field", "col.field"), Column("value", "col.value")], lang,
         json_data=json_data, title=title)  # fmt: skip


def _machine(value: Any) -> str:
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

"""`--help` pages, written here instead of by Typer's rich panels.

Typer's panels print click's English chrome (`Usage:`, `Options`, `[required]`, `Show this
message and exit.`) whatever the language, cut option help short with `…` in an 80-column
terminal (Chinese is two columns a character), and show a flag as `<bool>` and an option that
takes a word as `<str>`. Here every word comes from the catalog, text is wrapped (never cut)
with Chinese counted two columns, and nothing heavier than `unicodedata` is imported, so
`--help` stays fast.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any

from ledger.i18n import t

MAX_WIDTH = 100  # lines of prose longer than this read badly, however wide the terminal
INDENT = 2
NAME_COLUMN = 26  # an option's names and placeholder; longer ones put the help on the next line

# Placeholders of options, by the option's name (else by what the option takes).
_PLACEHOLDERS = {
    "date": "help.meta.date",
    "deadline": "help.meta.date",
    "since": "help.meta.date",
    "until": "help.meta.date",
    "as_of": "help.meta.date",
    "active_on": "help.meta.date",
    "village": "help.meta.code",
    "township": "help.meta.code",
    "office": "help.meta.code",
    "of": "help.meta.number",
    "output": "help.meta.file",
    "root": "help.meta.dir",
    "format": "help.meta.format",
    "lang": "help.meta.lang",
    "actor": "help.meta.name",
    "owner": "help.meta.name",
    "reporter": "help.meta.name",
    "party": "help.meta.party",
    "name": "help.meta.title_name",
    "cadre": "help.meta.cadre",
    "phone": "help.meta.phone",
    "category": "help.meta.category",
    "source": "help.meta.source",
    "disposition": "help.meta.disposition",
    "satisfaction": "help.meta.satisfaction",
    "level": "help.meta.level",
    "to": "help.meta.level",
    "rank": "help.meta.rank",
    "status": "help.meta.status",
    "kind": "help.meta.kind",
    "title": "help.meta.title",
    "reason": "help.meta.reason",
    "note": "help.meta.note",
}
_WORD_BY_TYPE = {int: "help.meta.count"}


def width() -> int:
    """The terminal's width ($COLUMNS first, as rich and click read it), at most MAX_WIDTH."""
    columns = os.environ.get("COLUMNS", "")
    size = int(columns) if columns.isdigit() and int(columns) > 0 else shutil.get_terminal_size().columns
    return max(40, min(size, MAX_WIDTH))


def render(command: Any, ctx: Any, lang: str, columns: int | None = None) -> str:
    """The whole help page of `command`: usage, its help text, arguments, options, commands."""
    columns = columns or width()
    out: list[str] = []
    lead = t("help.chrome.usage", lang)
    out += _hanging(lead if lead.endswith("：") else lead + " ", _usage(command, ctx, lang), columns)
    text = (command.help or "").partition("\f")[0].strip()
    for paragraph in _paragraphs(text):
        out.append("")
        out += wrap(paragraph, columns - INDENT, " " * INDENT)
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    arguments = [p for p in params if p.param_type_name == "argument"]
    options = [p for p in params if p.param_type_name == "option"]
    if arguments:
        rows = [(argument_name(p, lang), _param_help(p, ctx, lang)) for p in arguments]
        out += ["", t("help.chrome.arguments", lang), *_table(rows, columns)]
    if options:
        rows = [(_option_names(p, lang), _param_help(p, ctx, lang)) for p in options]
        out += ["", t("help.chrome.options", lang), *_table(rows, columns)]
    subcommands = getattr(command, "commands", None)
    if subcommands:
        rows = []
        for name in command.list_commands(ctx):
            # As listed, not built: a command this run did not build lists its help all the same.
            sub = command.commands.get(name)
            if sub is not None and not sub.hidden:
                rows.append((name, first_sentence(sub.help or "")))
        out += ["", t("help.chrome.commands", lang), *_table(rows, columns)]
    return "\n".join(out) + "\n"


def _usage(command: Any, ctx: Any, lang: str) -> str:
    pieces = [ctx.command_path]
    if command.options_metavar:
        pieces.append("[" + t("help.chrome.options_metavar", lang) + "]")
    for param in command.get_params(ctx):
        if param.param_type_name == "argument":
            name = argument_name(param, lang)
            pieces.append(name if param.required else f"[{name}]")
    if getattr(command, "commands", None):
        pieces.append(t("help.chrome.command_metavar", lang))
    return " ".join(pieces)


def argument_name(param: Any, lang: str) -> str:
    """NUMBER, CODE, … as the catalog says them (编号, 代码 in Chinese); YYYY-MM as it is."""
    name = param.metavar or (param.name or "").upper()
    key = f"help.meta.{name.lower()}"
    word = t(key, lang)
    return name if word == key else word


def _option_names(param: Any, lang: str) -> str:
    """`-f, --format 格式`, `--private / --public`, `--overdue`."""
    names = sorted(param.opts, key=lambda o: (o.startswith("--"), o))
    text = ", ".join(names)
    if param.secondary_opts:
        text += " / " + ", ".join(param.secondary_opts)
    if not getattr(param, "is_flag", False) and not getattr(param, "count", False):
        text += " " + _placeholder(param, lang)
    return text


def _placeholder(param: Any, lang: str) -> str:
    long = next((o for o in param.opts if o.startswith("--")), "")
    key = _PLACEHOLDERS.get(long[2:].replace("-", "_"))
    if key is None and param.metavar:
        key = f"help.meta.{param.metavar.lower()}"
        word = t(key, lang)
        return param.metavar if word == key else word
    if key is None:
        descriptor = getattr(param, "type_descriptor", None)
        annotation = getattr(descriptor, "annotation", str)
        key = _WORD_BY_TYPE.get(annotation, "help.meta.text")
    return t(key, lang)


def _param_help(param: Any, ctx: Any, lang: str) -> str:
    if param.param_type_name == "option" and param.name == "help":
        text = t("help.chrome.help", lang)  # click's own option, in English
    else:
        text = " ".join((getattr(param, "help", None) or "").split())
    notes = []
    default = _default(param, ctx)
    if default is not None:
        notes.append(t("help.chrome.default", lang, value=default))
    if param.required:
        notes.append(t("help.chrome.required", lang))
    return " ".join([text, *notes]).strip()


def _default(param: Any, ctx: Any) -> str | None:
    """The default worth saying: a value, not None, False or an empty list."""
    if param.param_type_name != "option" or getattr(param, "is_flag", False) or param.name == "help":
        return None
    if getattr(param, "show_default", None) is False:
        return None
    value = param.default
    if callable(value) or value is None or value == [] or value == ():
        return None
    return str(getattr(value, "value", value))


def _table(rows: Sequence[tuple[str, str]], columns: int) -> list[str]:
    """Two columns: names, then help wrapped beside them (below them when the names are long)."""
    if not rows:
        return []
    names_width = min(max(text_width(name) for name, _ in rows), NAME_COLUMN)
    start = INDENT + names_width + 2
    lines: list[str] = []
    for name, text in rows:
        head = " " * INDENT + name
        body = wrap(text, columns - start, " " * start) if text else []
        if text_width(name) > names_width:
            lines.append(head)
            lines += body
        elif body:
            lines.append(head + " " * (start - text_width(head)) + body[0][start:])
            lines += body[1:]
        else:
            lines.append(head)
    return lines


def _hanging(lead: str, text: str, columns: int) -> list[str]:
    """`lead` then `text` wrapped, continued under the text's start."""
    indent = " " * min(text_width(lead), columns // 3)
    lines = wrap(text, columns - len(indent), indent)
    return [lead + lines[0][len(indent) :], *lines[1:]] if lines else [lead]


def first_sentence(text: str) -> str:
    """What a command's listing says of it: its help's first sentence."""
    first = next(_paragraphs(text), "")
    match = _SENTENCE_END.search(first)
    return first[: match.end()].strip() if match else first


_SENTENCE_END = re.compile(r"。|(?<!e\.g)(?<!i\.e)\.(?=\s|$)")


def _paragraphs(text: str) -> Iterator[str]:
    for paragraph in text.split("\n\n"):
        joined = " ".join(paragraph.replace("\b", "").split())
        if joined:
            yield joined


# -- wrapping with Chinese two columns wide ------------------------------------------------------

# Never at the start of a line (closing marks), never at the end of one (opening marks).
_NO_START = set("，。、；：！？）》」』】〉”’,.;:!?)]}%")
_NO_END = set("（《「『【〈“‘([{")


def char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def _atoms(text: str) -> list[str]:
    """Pieces a line may break between: words, single wide characters, runs of spaces; closing
    marks kept with what they close, opening marks with what they open."""
    atoms: list[str] = []
    for char in text:
        wide = char_width(char) == 2
        last = atoms[-1] if atoms else ""
        if char == " ":
            if last.isspace():
                atoms[-1] += char
            else:
                atoms.append(char)
        elif last and not last.isspace() and (char in _NO_START or last[-1] in _NO_END):
            atoms[-1] += char
        elif last and not last.isspace() and not wide and char_width(last[-1]) == 1:
            atoms[-1] += char  # the rest of a word
        else:
            atoms.append(char)
    return atoms


def wrap(text: str, columns: int, indent: str = "") -> list[str]:
    """`text` in lines of at most `columns` columns (Chinese two a character), each after
    `indent`. Breaks at spaces or between Chinese characters; a word longer than a line is
    split (nothing is ever cut off)."""
    columns = max(columns, 8)
    lines: list[str] = []
    line, used = "", 0
    for atom in _atoms(text):
        size = text_width(atom)
        if atom.isspace():
            if line:
                line, used = line + atom, used + size
            continue
        if used + size > columns and line.strip():
            lines.append(line.rstrip())
            line, used = "", 0
        while size > columns:  # a path or a long word: split it, never cut it
            part, part_width = "", 0
            for char in atom:
                if part_width + char_width(char) > columns - used:
                    break
                part, part_width = part + char, part_width + char_width(char)
            lines.append((line + part).rstrip())
            atom = atom[len(part) :]
            size, line, used = text_width(atom), "", 0
        line, used = line + atom, used + size
    if line.strip():
        lines.append(line.rstrip())
    return [indent + line for line in lines]

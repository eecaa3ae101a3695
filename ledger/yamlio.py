"""Reading and writing record files: safe, bounded, comment-preserving and atomic.

Two loaders, one purpose each. `load_plain` uses ruamel's C-backed safe loader and returns plain
dicts: it is for reading many files fast (listing, reports, the index). `load_roundtrip` keeps
comments, key order and line numbers: it is for rewriting one file and for pointing at lines.
Both refuse what a hand-edited or hostile file can throw at us before building anything.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from ledger.errors import Invalid, NotFound

# A record file is a few KB; 1 MiB leaves room for a long history and refuses 100 MB at once.
MAX_FILE_BYTES = 1 << 20
# Anchors and aliases have no use in a record, and aliases are how a "billion laughs" file
# blows up memory; tags are how a file asks for object construction. We refuse all three.
_SUSPECT = ("&", "*", "!")


class YamlProblem(Invalid):
    """A file that cannot be read as a record: carries the 1-based `line` where known."""

    def __init__(self, key: str, path: Path | str, line: int = 1, **params: Any) -> None:
        super().__init__(key, path=str(path), line=line, **params)
        self.path = str(path)
        self.line = line


def read_text(path: Path) -> str:
    """The file's text: size-checked, UTF-8 (a BOM is dropped), line endings made `\\n`.

    Only a regular file is read: the name is opened without following a symbolic link and
    without blocking (a FIFO or a link to /dev/stdin would hang every reader), then checked.
    """
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise NotFound("error.file_missing", path=str(path)) from None
    except OSError:
        if os.path.islink(path):  # ELOOP: the name is a symbolic link
            raise YamlProblem("error.not_regular.symlink", path) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise YamlProblem(f"error.not_regular.{entry_kind(info.st_mode)}", path)
        if info.st_size > MAX_FILE_BYTES:
            raise YamlProblem("error.yaml.too_big", path, size=info.st_size, limit=MAX_FILE_BYTES)
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            data = handle.read(MAX_FILE_BYTES + 1)
    finally:
        if fd >= 0:
            os.close(fd)
    return decode(data, path)


def entry_kind(mode: int) -> str:
    """What a non-regular directory entry is, as the catalog names it (`error.not_regular.*`)."""
    import stat

    if stat.S_ISLNK(mode):
        return "symlink"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISDIR(mode):
        return "folder"
    return "special"


def decode(data: bytes, path: Path | str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise YamlProblem("error.yaml.too_big", path, size=len(data), limit=MAX_FILE_BYTES)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise YamlProblem("error.yaml.not_utf8", path, line=line) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise YamlProblem("error.yaml.control", path, line=text[: text.index("\x00")].count("\n") + 1)
    return text


# Flow collections nested deeper than this are refused before parsing: 5,000 levels of `[`
# exhaust the recursion of the loaders and of everything that walks the result.
MAX_NESTING = 64
_BRACKETS = re.compile(r"[\[\]{}]")


def _nesting(text: str, path: Path | str) -> None:
    if "[" not in text and "{" not in text:
        return
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_NESTING:
            line = text[: match.start()].count("\n") + 1
            raise YamlProblem("error.yaml.too_deep", path, line=line, limit=MAX_NESTING)


def _guard(text: str, path: Path | str) -> None:
    """Refuse anchors, aliases and explicit tags, reading only parser events (no construction),
    and flow collections nested too deep."""
    _nesting(text, path)
    if not any(mark in text for mark in _SUSPECT):
        return
    from ruamel.yaml import YAML
    from ruamel.yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent

    yaml = YAML(typ="safe", pure=False)
    try:
        for event in yaml.parse(io.StringIO(text)):
            line = (event.start_mark.line + 1) if event.start_mark is not None else 1
            if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
                raise YamlProblem("error.yaml.alias", path, line=line)
            if isinstance(event, ScalarEvent | CollectionStartEvent) and event.tag is not None:
                implicit = getattr(event, "implicit", (True, True))
                if isinstance(event, ScalarEvent):
                    explicit = not (implicit[0] or implicit[1])
                else:
                    explicit = not implicit
                if explicit:
                    raise YamlProblem("error.yaml.tag", path, line=line, tag=str(event.tag))
    except YamlProblem:
        raise
    except Exception as exc:  # a syntax error: let the real loader report it with its line
        _raise_syntax(exc, path, text)


def _raise_syntax(exc: Exception, path: Path | str, text: str = "") -> None:
    if isinstance(exc, _BadDate):
        raise YamlProblem("error.yaml.bad_date", path, line=exc.line, value=exc.value) from None
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    key_mark = getattr(exc, "context_mark", None)
    if problem.startswith("could not find expected ':'") and key_mark is not None:
        # The scanner notices the missing ':' a line late; the key is where it began. Typed
        # with a Chinese input method, its colon is the full-width '：' (the commonest slip).
        mark = key_mark
        lines = text.splitlines()
        if key_mark.line < len(lines) and "：" in lines[key_mark.line]:
            raise YamlProblem("error.yaml.chinese_colon", path, line=key_mark.line + 1) from None
    line = (mark.line + 1) if mark is not None else 1
    if "duplicate key" in str(exc).lower() or type(exc).__name__ == "DuplicateKeyError":
        raise YamlProblem("error.yaml.duplicate_key", path, line=line) from None
    raise YamlProblem(
        "error.yaml.syntax", path, line=line, problem=problem, **_parser_words(problem)
    ) from None


# The YAML parsers' commonest complaints, by the start of their text → the catalog key that says
# them in the clerk's language (`problem_key`, see ledger.i18n.t); others are shown as they are.
_PARSER_PROBLEMS = (
    ("did not find expected node content", "yaml.problem.no_value"),
    ("could not find expected ':'", "yaml.problem.no_colon"),
    ("mapping values are not allowed", "yaml.problem.colon"),
    ("found character '\\t'", "yaml.problem.tab"),
    ("found character '\t'", "yaml.problem.tab"),
    ("found a tab character", "yaml.problem.tab"),
    ("found unexpected end of stream", "yaml.problem.unclosed"),
    ("did not find expected key", "yaml.problem.indent"),
    ("expected <block end>", "yaml.problem.indent"),
    ("did not find expected ',' or ']'", "yaml.problem.list"),
    ("did not find expected ',' or '}'", "yaml.problem.mapping"),
    ("found unknown escape character", "yaml.problem.escape"),
    ("found character that cannot start any token", "yaml.problem.start"),
    ("found character '@' that cannot start", "yaml.problem.start"),
    ("found character '`' that cannot start", "yaml.problem.start"),
    ("but found another document", "yaml.problem.documents"),
    ("expected a single document", "yaml.problem.documents"),
    ("did not find expected '-' indicator", "yaml.problem.indent"),
    ("found unacceptable character", "yaml.problem.character"),
)


def _parser_words(problem: str) -> dict[str, str]:
    for start, key in _PARSER_PROBLEMS:
        if problem.startswith(start):
            return {"problem_key": key}
    return {}


def load_plain(text: str, path: Path | str = "<text>") -> Any:
    """Parse with the C safe loader (falls back to pure Python when the C part is missing).

    A YAML float (`12000.50`) is read from its text as a `Decimal`, never through a float, so
    money stays exact (SPEC §9); `.inf`/`.nan` stay floats, which no record field accepts.
    """
    _guard(text, path)
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = _decimal_constructor()
    try:
        return yaml.load(text)
    except Exception as exc:
        _raise_syntax(exc, path, text)


_DECIMAL_CONSTRUCTOR: Any = None


def _decimal_constructor() -> Any:
    """ruamel's SafeConstructor with floats read as decimals (a subclass: the original is untouched)."""
    global _DECIMAL_CONSTRUCTOR
    if _DECIMAL_CONSTRUCTOR is None:
        from decimal import Decimal, InvalidOperation

        from ruamel.yaml.constructor import SafeConstructor

        class DecimalConstructor(_RealDates, SafeConstructor):
            def construct_yaml_float(self, node: Any) -> Any:
                text = str(self.construct_scalar(node)).replace("_", "")
                try:
                    return Decimal(text)
                except InvalidOperation:  # .inf, .nan
                    return super().construct_yaml_float(node)

        DecimalConstructor.add_constructor("tag:yaml.org,2002:float", DecimalConstructor.construct_yaml_float)
        _RealDates.register(DecimalConstructor)
        _DECIMAL_CONSTRUCTOR = DecimalConstructor
    return _DECIMAL_CONSTRUCTOR


class _RealDates:
    """Mixed into a ruamel constructor: a bare date that is no day of the calendar (`received:
    2026-13-01`) is a problem on its own line, said as a date problem; the loader alone says
    "month must be in 1..12" on line 1."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)  # type: ignore[misc]
        except ValueError:
            raise _BadDate(node.start_mark.line + 1, str(node.value)) from None

    @staticmethod
    def register(constructor: Any) -> None:
        constructor.add_constructor("tag:yaml.org,2002:timestamp", constructor.construct_yaml_timestamp)


class _BadDate(ValueError):
    """Raised inside the loader, made a `YamlProblem` with the file's path by `_raise_syntax`."""

    def __init__(self, line: int, value: str) -> None:
        super().__init__(value)
        self.line = line
        self.value = value


_RT_CONSTRUCTOR: Any = None


def _roundtrip_constructor() -> Any:
    """ruamel's RoundTripConstructor with impossible dates reported on their line."""
    global _RT_CONSTRUCTOR
    if _RT_CONSTRUCTOR is None:
        from ruamel.yaml.constructor import RoundTripConstructor

        class CheckedConstructor(_RealDates, RoundTripConstructor):
            pass

        _RealDates.register(CheckedConstructor)
        _RT_CONSTRUCTOR = CheckedConstructor
    return _RT_CONSTRUCTOR


def load_roundtrip(text: str, path: Path | str = "<text>") -> Any:
    """Parse keeping comments, key order, quoting and line numbers (`.lc`)."""
    _guard(text, path)
    yaml = _rt()
    try:
        return yaml.load(text)
    except Exception as exc:
        _raise_syntax(exc, path, text)


def _rt() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.Constructor = _roundtrip_constructor()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never fold a long title onto several lines
    yaml.allow_unicode = True
    yaml.preserve_quotes = True
    # A record that holds one date object twice (an issue's deadline and its event's) must not
    # be written as an anchor and an alias: the safe loader refuses those (SPEC §2).
    yaml.representer.ignore_aliases = lambda *args: True
    yaml.representer.add_representer(Decimal, _represent_decimal)
    return yaml


def _represent_decimal(representer: Any, value: Decimal) -> Any:
    # A plain number (`12000.50`), read back as this decimal by `load_plain` and `fast_load`.
    return representer.represent_scalar("tag:yaml.org,2002:float", f"{value:f}")


def dump(data: Any) -> str:
    """Serialize a plain or round-trip structure the way every record file is written."""
    if type(data) is dict:  # a new record: the same text, written without ruamel's slow emitter
        from ledger.yamlemit import fast_dump

        text = fast_dump(data)
        if text is not None:
            return text
    stream = io.StringIO()
    _rt().dump(data, stream)
    return stream.getvalue()


def merge(target: Any, new: Mapping[str, Any]) -> Any:
    """Bring the round-trip map `target` to the content of `new`, touching only what changed.

    Keys keep their hand-written order and comments; a new key goes between its neighbours in
    `new` when the file has them side by side (`owner_cadre` between `owner` and `level`), else at
    the end; keys absent from `new` are dropped. Lists are merged item by item, so appending to
    `history` leaves the earlier events (and comments between them) as they were.
    """
    for key in [k for k in target if k not in new]:
        del target[key]
    order = list(new)
    for position, (key, value) in enumerate(new.items()):
        if key in target:
            target[key] = _merge_value(target[key], value)
            continue
        at = _between(target, order, position)
        if at is None:
            target[key] = _fresh(value)
        else:
            target.insert(at, key, _fresh(value))
    return target


def _between(target: Any, order: list[str], position: int) -> int | None:
    """Where the new key `order[position]` goes: right after its nearest earlier neighbour in
    `order` when its nearest later one follows that in `target`; None (the end) otherwise."""
    if not hasattr(target, "insert"):
        return None
    keys = list(target)
    before = next((k for k in reversed(order[:position]) if k in target), None)
    after = next((k for k in order[position + 1 :] if k in target), None)
    if before is None or after is None or keys.index(after) != keys.index(before) + 1:
        return None
    return keys.index(before) + 1


def _merge_value(old: Any, new: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(old, CommentedMap) and isinstance(new, Mapping):
        return merge(old, new)
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        while len(old) > len(new):
            old.pop()
        for index, item in enumerate(new):
            if index < len(old):
                old[index] = _merge_value(old[index], item)
            else:
                old.append(_fresh(item))
        return old
    if _same(old, new):
        return old
    if isinstance(old, str) and isinstance(new, str):
        if old.strip() == new:
            # The model trims text; a hand-written `detail: |` block ends in a newline. Same
            # value: keep the file's text, so `|` is not rewritten as `|-`.
            return old
        from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

        if isinstance(old, LiteralScalarString | FoldedScalarString):  # a changed block keeps its style
            tail = "\n" if old.endswith("\n") and not new.endswith("\n") else ""
            return type(old)(new + tail)
    return _fresh(new)


def _same(old: Any, new: Any) -> bool:
    if type(old) is bool or type(new) is bool:
        return type(old) is type(new) and old == new
    try:
        return bool(old == new) and (str(old) == str(new) or not isinstance(old, str))
    except Exception:
        return False


def _fresh(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, Mapping):
        cm = CommentedMap()
        for key, item in value.items():
            cm[key] = _fresh(item)
        return cm
    if isinstance(value, list):
        if all(not isinstance(v, Mapping | list) for v in value):
            seq = CommentedSeq(_fresh(v) for v in value)
            seq.fa.set_flow_style()  # short lists such as topics stay on one line
            return seq
        return CommentedSeq(_fresh(v) for v in value)
    return value


def atomic_write(path: Path, text: str | bytes, *, exclusive: bool = False, sync_folder: bool = True) -> None:
    """Write `text` (str as UTF-8, bytes as they are) so that `path` is always either the old
    file or the new one, never torn.

    Temp file in the same folder, flush, fsync, then rename (or hard-link when `exclusive`, so
    that two writers can never both create the same new file), then fsync the folder.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _file_mode(path))  # mkstemp makes 0600; records are shared files
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        _put_in_place(tmp, path, exclusive)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    if sync_folder:  # else the caller fsyncs the folder once for many files (`sync_folders`)
        _fsync_dir(path.parent)


SYNC_THREADS = 16  # fsyncs in flight at once when writing many files


def write_many(files: Sequence[tuple[Path, str | bytes, bool]], done: Callable[[int], None]) -> None:
    """`atomic_write` for many files at once (an import), each still synced before it is
    renamed (or linked, when its flag says exclusive) into place; `done(i)` after file i is.

    The files are written to temp files first, then fsynced many at a time, then put in
    place: the disk gathers concurrent fsyncs into a few journal commits (2,000 files took
    8 s one after another, 0.2 s sixteen at a time, on the shared machine). Temp files not
    put in place are removed; the caller fsyncs the folders (`sync_folders`) and undoes the
    files already done when anything fails.
    """
    from concurrent.futures import ThreadPoolExecutor

    temps: list[str] = []
    try:
        for path, text, _ in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            temps.append(tmp)
            os.fchmod(fd, _file_mode(path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(text.encode("utf-8") if isinstance(text, str) else text)
        with ThreadPoolExecutor(max_workers=SYNC_THREADS) as pool:
            list(pool.map(_fsync_file, temps))
        for i, ((path, _, exclusive), tmp) in enumerate(zip(files, temps, strict=True)):
            _put_in_place(tmp, path, exclusive)
            done(i)
    finally:
        for tmp in temps:
            if os.path.lexists(tmp):
                os.unlink(tmp)


def _put_in_place(tmp: str, path: Path, exclusive: bool) -> None:
    """Rename the synced temp file to `path`, or hard-link it when `exclusive`, so that two
    writers can never both create the same new file."""
    if exclusive:
        try:
            os.link(tmp, path)
        except FileExistsError:
            from ledger.errors import Refused

            raise Refused("error.file_exists", path=str(path)) from None
        os.unlink(tmp)
    else:
        os.replace(tmp, path)


def _fsync_file(name: str) -> None:
    fd = os.open(name, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folders(paths: list[Path]) -> None:
    """fsync each folder holding one of `paths` once: the renames into them become durable."""
    for folder in dict.fromkeys(p.parent for p in paths):
        _fsync_dir(folder)


def _file_mode(path: Path) -> int:
    """The old file's permissions, else what a plain `open()` would give under the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def line_of(node: Any, key: str | int) -> int | None:
    """1-based line of `key` (a map key or a list index) in a round-trip node, if known."""
    try:
        line, _col = node.lc.key(key) if isinstance(key, str) else node.lc.item(key)
    except Exception:
        return None
    return line + 1

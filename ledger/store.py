"""The ledger on disk: where each record lives, how it is read, written and locked.

Layout (SPEC §2)::

    ledger.yaml                      shared settings (tracked)
    ledger.local.yaml                this copy's office prefix (ignored by git)
    townships/<code>.yaml, villages/<code>.yaml
    pairings/, cadres/, visits/, issues/   bucketed by id: see ledger.kinds
    .caseledger/                     derived data (ignored by git, deletable at any time)

A bucket holds at most 1,000 records, so no folder grows past about 1,000 files, and a record's
path follows from its id alone: finding one never scans. Where each kind lives is declared
once, in `ledger.kinds`; this module only follows those declarations.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ledger.errors import Busy, Invalid, LedgerError, NotFound, Refused
from ledger.kinds import BUCKET_SIZE as BUCKET_SIZE
from ledger.kinds import KINDS, find, kind_files
from ledger.kinds import safe_key as safe_key
from ledger.yamlio import YamlProblem, atomic_write, dump, load_plain, load_roundtrip, merge
from ledger.yamlio import read_text as read_file_text

if TYPE_CHECKING:
    from datetime import date

    from ledger.pairing import Pairing
    from ledger.record import Record
    from ledger.settings import LocalSettings, Settings
    from ledger.township import Township
    from ledger.village import Village

SETTINGS_FILE = "ledger.yaml"
LOCAL_FILE = "ledger.local.yaml"
DERIVED_DIR = ".caseledger"
# The folders `init` makes (the others appear with their first record).
KIND_DIRS = {name: KINDS[name].folder for name in ("township", "village", "pairing")}
ISSUES_DIR = KINDS["issue"].folder

R = TypeVar("R", bound="Record")


def issue_rel(number: str) -> str:
    """`issues/[PREFIX/]<n // 1000>/<number>.yaml`: where issue `number` lives, relative to the
    ledger root (a plain string: `check` compares it for every issue, and Paths cost ~20 µs)."""
    return KINDS["issue"].rel(number)


@dataclass
class Problem:
    """One thing wrong with one file, for `check` and for loaders that collect instead of raise."""

    file: str
    line: int
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        from ledger.i18n import t

        return t(self.key, lang, **self.params)

    def render(self, lang: str = "en") -> str:
        return f"{self.file}:{self.line}: {self.message(lang)}"


def find_root(start: Path | None = None, explicit: str | None = None) -> Path:
    """`--root`, else `$CASELEDGER_ROOT`, else the nearest folder upward holding ledger.yaml."""
    from ledger.environment import root as env_root
    from ledger.errors import UsageError

    chosen = explicit or env_root()
    if chosen:
        root = Path(chosen).expanduser()
        if not (root / SETTINGS_FILE).is_file():
            if not explicit:  # the variable, not the command line, is wrong: say which
                raise UsageError("env.no_ledger", path=str(root))
            raise NotFound("error.no_ledger_at", path=str(root))
        return root.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    raise NotFound("error.no_ledger", path=str(here))


def validation_problem(exc: Any, path: Path | str, node: Any = None, model: Any = None) -> Invalid:
    """Turn a pydantic ValidationError into one `Invalid` naming the first bad field and line
    (`model`: the record's, whose keys an unknown key may have been meant as)."""
    return _field_problem(exc.errors()[0], path, node, model)


def validation_problems(exc: Any, path: Path | str, node: Any = None, model: Any = None) -> list[YamlProblem]:
    """Every bad field of a pydantic ValidationError, each with its line (`check` names them
    all, SPEC §4), one problem per line and field."""
    seen: set[tuple[int, str]] = set()
    problems = []
    for error in exc.errors():
        problem = _field_problem(error, path, node, model)
        if (problem.line, problem.params["field"]) not in seen:  # a union's tries, said once
            seen.add((problem.line, problem.params["field"]))
            problems.append(problem)
    return problems


def _field_problem(first: Any, path: Path | str, node: Any, model: Any = None) -> YamlProblem:
    from ledger.yamlio import line_of

    loc = [str(p) for p in first.get("loc", ())]
    line = 1
    if node is not None:
        target = node
        for part in loc:
            found = line_of(target, int(part) if part.isdigit() else part)
            if found is not None:
                line = found
            try:
                target = target[int(part) if part.isdigit() else part]
            except Exception:
                break
    from ledger.validation import describe

    keys = getattr(model, "model_fields", {})
    return YamlProblem("error.field", path, line=line, **describe(first, keys))


class Ledger:
    """One ledger folder. Cheap to create: nothing is read until asked for."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._settings: Settings | None = None
        self._local: LocalSettings | None = None
        # What this run repaired of a unit an interrupted command left: (catalog key, params).
        self.repairs: list[tuple[str, dict[str, Any]]] = []
        # True while a write holds the lock (`transaction.writing`): what a write reads is parsed
        # by ruamel, the parser that also rewrites the file, never by the fast reader.
        self.writing = False

    # -- settings ---------------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from ledger.settings import Settings

            self._settings = self.read_record(Settings, self.root / SETTINGS_FILE)
        return self._settings

    @property
    def local(self) -> LocalSettings:
        if self._local is None:
            from ledger.settings import LocalSettings

            path = self.root / LOCAL_FILE
            self._local = self.read_record(LocalSettings, path) if path.exists() else LocalSettings()
        return self._local

    def today(self) -> date:
        """Today in the ledger's `timezone` (SPEC §3), whatever the machine's own: the one
        "today" every default day, future-date check and as-of uses."""
        from ledger.dates import today

        return today(self.settings.zone)

    @property
    def office(self) -> str | None:
        """This copy's number prefix: `$CASELEDGER_OFFICE`, else ledger.local.yaml.

        Read without pydantic when the file is missing or holds just `office: <prefix>`, so
        that commands building no model (`issue show`) never import it; any other content is
        read as the `LocalSettings` record, which names what is wrong with it.
        """
        from ledger.environment import office as env_office
        from ledger.patterns import office_code

        env = env_office()  # a bad value is a usage error naming it
        if env is not None:
            return env
        if self._local is None:
            path = self.root / LOCAL_FILE
            if not path.exists():
                return None
            data = self._mapping(self.read_text(path), path)
            value = data.get("office")
            if set(data) <= {"office"}:
                if value is None:
                    return None
                if type(value) is str:
                    with contextlib.suppress(ValueError):
                        return office_code(value)
        return self.local.office

    # -- paths ------------------------------------------------------------------------------

    @property
    def derived(self) -> Path:
        return self.root / DERIVED_DIR

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def record_path(self, kind: str, key: str) -> Path:
        """The file of record `key` of `kind`: where it is, or where a new one is written
        (an older flat `pairings/P3.yaml` is found and kept where it is)."""
        return find(self.root, KINDS[kind], key)

    def issue_path(self, number: str) -> Path:
        """The one place issue `number` (already normalized, e.g. `QL-42`) lives."""
        return self.root / issue_rel(number)

    def issue_files(self) -> Iterator[Path]:
        """Every issue file, in no particular order (walks the bucket folders)."""
        return kind_files(self.root, KINDS["issue"])

    def record_files(self, kind: str) -> list[Path]:
        """Every record file of `kind`, sorted by path."""
        return sorted(kind_files(self.root, KINDS[kind]))

    # -- reading ----------------------------------------------------------------------------

    def read_record(self, model: type[R], path: Path) -> R:
        """Read and validate one record file; errors name the file and line."""
        from pydantic import ValidationError

        from ledger.record import Origin

        text = self.read_text(path)
        data = self._mapping(text, path)
        try:
            record = model.model_validate(data)
        except ValidationError as exc:
            node = load_roundtrip(text, self.rel(path))
            raise validation_problem(exc, self.rel(path), node, model) from None
        return record.located(Origin(self.rel(path)))

    def record_problems(self, model: type[Any], path: Path) -> list[Problem]:
        """Every problem of one record file (`read_record` stops at the first bad field):
        none when it reads and validates."""
        from pydantic import ValidationError

        try:
            text = self.read_text(path)
            data = load_plain(text, self.rel(path))
            if not isinstance(data, dict):
                return [problem_from(Invalid("error.yaml.not_mapping"), self.rel(path))]
            model.model_validate(data)
        except LedgerError as exc:
            return [problem_from(exc, self.rel(path))]
        except ValidationError as exc:
            node = load_roundtrip(text, self.rel(path))
            return [
                problem_from(p, self.rel(path)) for p in validation_problems(exc, self.rel(path), node, model)
            ]
        return []

    def read_text(self, path: Path) -> str:
        """The file's text; a file that is not UTF-8 (or too big) is named by its relative path.

        Only a regular file reached through real folders of the ledger is read: a record folder
        that is a symbolic link (to anywhere) is refused, as is a link or a FIFO in place of the
        file."""
        self.check_folders(path)
        try:
            return read_file_text(path)
        except YamlProblem as exc:
            params = {k: v for k, v in exc.params.items() if k not in ("path", "line")}
            raise YamlProblem(exc.key, self.rel(path), line=exc.line, **params) from None

    def read_raw(self, path: Path) -> dict[str, Any]:
        """The file's mapping without validation: for quick displays such as `issue show`."""
        return self._mapping(self.read_text(path), path)

    def _mapping(self, text: str, path: Path) -> dict[str, Any]:
        """The file's top-level mapping: the strict fast reader when it knows the text, else the
        safe loader, which gives every refusal and its line (empty file, not a mapping, syntax).

        The fast reader serves read-only paths only: a write validates what ruamel parses, the
        same parser whose round-trip load the new text is merged into."""
        if not self.writing:
            from ledger.fastyaml import fast_load

            data = fast_load(text)  # a dict or None; None also for empty text and non-mappings
            if data is not None:
                return data
        data = load_plain(text, self.rel(path))
        if data is None:  # empty, or only comments
            raise YamlProblem("error.yaml.empty", self.rel(path))
        if not isinstance(data, dict):
            raise YamlProblem("error.yaml.not_mapping", self.rel(path))
        return data

    def load_all(self, kind: str, progress: Any = None) -> tuple[list[Any], list[Problem]]:
        """Every record of `kind`: (records, problems); bad files become problems.
        `progress(done, total)` is called as files are read (`ledger.recordscan` reads the
        bucketed kinds through the index)."""
        model = record_model(kind)
        records: list[Any] = []
        problems: list[Problem] = []
        files = self.record_files(kind)
        for done, path in enumerate(files, 1):
            try:
                records.append(self.read_record(model, path))
            except LedgerError as exc:
                problems.append(problem_from(exc, self.rel(path)))
            if progress is not None:
                progress(done, len(files))
        return records, problems

    def township(self, code: str) -> Township:
        """The township `code` names: its code, or its exact name (SPEC §4); use the record's
        `.code` afterwards, never the text typed."""
        from ledger.placenames import code_of
        from ledger.township import Township

        return self._one(Township, "township", code_of(self, "township", code))

    def village(self, code: str) -> Village:
        """The village `code` names: its code, or its exact name (大坡村, SPEC §4); use the
        record's `.code` afterwards, never the text typed."""
        from ledger.placenames import code_of
        from ledger.village import Village

        return self._one(Village, "village", code_of(self, "village", code))

    def pairing(self, pid: str) -> Pairing:
        from ledger.pairing import Pairing

        return self._one(Pairing, "pairing", pid)

    def _one(self, model: type[R], kind: str, key: str) -> R:
        path = self.record_path(kind, safe_key(key, kind))
        if not path.is_file():
            raise NotFound(f"error.no_{kind}", code=key)
        return self.read_record(model, path)

    def check_folders(self, path: Path) -> None:
        """Refuse `path` unless every folder between the ledger root and it is a real folder
        (not a symbolic link, which could lead outside the ledger). Missing folders are fine:
        a write makes them."""
        import stat

        try:
            parts = path.parent.relative_to(self.root).parts
        except ValueError:
            return  # not inside the ledger: the caller named it on purpose
        folder = self.root
        for part in parts:
            folder = folder / part
            try:
                mode = os.lstat(folder).st_mode
            except FileNotFoundError:
                return
            if not stat.S_ISDIR(mode):
                from ledger.yamlio import entry_kind

                raise YamlProblem(f"error.not_regular.{entry_kind(mode)}", self.rel(folder))

    def render_new(self, path: Path, record: Record, header: str = "") -> str:
        """The text a new record file gets (checked to be writable inside the ledger)."""
        self.check_folders(path)
        if os.path.lexists(path):
            if os.path.islink(path):
                raise YamlProblem("error.not_regular.symlink", self.rel(path))
            raise Refused("error.file_exists", path=self.rel(path))
        return header + dump(record.to_yaml())

    def render_update(self, path: Path, record: Record) -> str:
        """The new text of a record file, keeping hand comments and key order."""
        text = self.read_text(path)  # a regular file inside the ledger, or refused
        node = load_roundtrip(text, self.rel(path))
        return dump(merge(node, record.to_yaml()))

    def render_plain(self, path: Path, data: dict[str, Any]) -> str:
        """The new text of a small settings file (ledger.yaml, ledger.local.yaml), keeping comments."""
        if os.path.lexists(path):
            node = load_roundtrip(self.read_text(path), self.rel(path))
            return dump(merge(node, data))
        return dump(data)

    def create(self, path: Path, record: Record, header: str = "") -> None:
        """Write a new record file; refuses if the file already exists (never overwrites)."""
        atomic_write(path, self.render_new(path, record, header), exclusive=True)

    def update(self, path: Path, record: Record) -> None:
        """Rewrite a record file with the new content, keeping hand comments and key order."""
        atomic_write(path, self.render_update(path, record))

    def write_plain(self, path: Path, data: dict[str, Any]) -> None:
        """Write a small settings file (ledger.yaml, ledger.local.yaml) keeping comments."""
        atomic_write(path, self.render_plain(path, data))

    @contextlib.contextmanager
    def lock(self, timeout: float | None = None) -> Iterator[None]:
        """The ledger-wide write lock: one writing command at a time.

        An OS file lock (flock) on the ledger folder itself, the folder that holds
        `ledger.yaml`: `.caseledger/` may be deleted at any moment (it is derived data), and a
        lock on a file in it would let a second writer in beside the first after an
        `rm -rf .caseledger`. A command killed with SIGKILL releases the lock at once.
        """
        import fcntl

        from ledger.environment import lock_timeout

        limit = lock_timeout() if timeout is None else timeout
        fd = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY)
        try:
            deadline = time.monotonic() + limit
            delay = 0.005
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise Busy("error.busy", seconds=int(limit)) from None
                    time.sleep(delay)
                    delay = min(delay * 2, 0.1)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def record_model(kind: str) -> type[Any]:
    return KINDS[kind].model()


def problem_from(exc: LedgerError, file: str) -> Problem:
    if isinstance(exc, YamlProblem):
        params = {k: v for k, v in exc.params.items() if k not in ("path", "line")}
        return Problem(exc.path, exc.line, exc.key, params)
    return Problem(file, 1, exc.key, dict(exc.params))


def ensure_new(path: Path, kind: str, key: str) -> None:
    if path.exists():
        raise Refused(f"error.{kind}_exists", code=key)

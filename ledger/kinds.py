"""Record kinds: one declaration each (folder, key, id shape, bucketing, model, references).

Storage (`ledger.store`), id allocation (`next_id`), `check` and the schemas read these
declarations; adding a kind is one `Kind(...)` in `KINDS` plus its model and rules.

Layouts::

    townships/<code>.yaml                                 flat (codes chosen by the clerk)
    villages/<code>.yaml
    pairings/<bucket>/<id>.yaml                           bucketed: bucket = n // 1000, 3 digits
    pairings/<PREFIX>/<bucket>/<PREFIX>-P<n>.yaml         with this copy's office prefix
    pairings/<id>.yaml                                    the older flat layout, still read
    cadres/…/C<n>.yaml, visits/…/V<n>.yaml, aid/…/A<n>.yaml   bucketed as pairings
    issues/<bucket>/<n>.yaml, issues/<PREFIX>/<bucket>/<PREFIX>-<n>.yaml

Importable without pydantic (`issue show` builds no model): models are named as
"module:Class" and imported on first use.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger.patterns import CODE_PATTERN

if TYPE_CHECKING:
    from ledger.store import Ledger

BUCKET_SIZE = 1000  # records per bucket folder
_PREFIX = r"[A-Z][A-Z0-9]{0,9}"

# (target kind, value, key path in the record): a reference `check` holds to an existing record.
Reference = tuple[str, str, tuple[str | int, ...]]


def id_pattern(letter: str) -> str:
    """`P3`, `QL-P3` for letter P; `42`, `QL-42` for issues (letter "")."""
    return rf"^(?:{_PREFIX}-)?{letter}[1-9][0-9]{{0,8}}$"


@dataclass(frozen=True)
class Kind:
    """How one record kind is stored.

    `letter` is None for kinds whose key the clerk chooses (codes); otherwise ids are allocated
    as `[PREFIX-]<letter><n>` counting only this copy's prefix. `flat_too`: files of the older
    flat layout (`pairings/P3.yaml`) are records of the kind as well, read and updated in place.
    """

    name: str
    folder: str
    key: str
    model_ref: str
    letter: str | None = None
    bucketed: bool = False
    flat_too: bool = False
    # The references of one record (to other kinds' keys), for `check`.
    references: Callable[[Any], list[Reference]] = field(default=lambda record: [], compare=False)

    @property
    def pattern(self) -> str:
        return CODE_PATTERN if self.letter is None else id_pattern(self.letter)

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)

    def model(self) -> type[Any]:
        module, _, name = self.model_ref.partition(":")
        return getattr(import_module(module), name)  # type: ignore[no-any-return]

    def split(self, key: str) -> tuple[str, int]:
        """`QL-C12` → ("QL", 12); `C12` → ("", 12). Only for kinds with allocated ids."""
        prefix, _, rest = key.rpartition("-")
        return prefix, int(rest[len(self.letter or "") :])

    def rel(self, key: str) -> str:
        """Where the record with `key` is written, relative to the ledger root (`/`)."""
        if not self.bucketed:
            return f"{self.folder}/{key}.yaml"
        prefix, n = self.split(key)
        bucket = f"{n // BUCKET_SIZE:03d}"
        if prefix:
            return f"{self.folder}/{prefix}/{bucket}/{key}.yaml"
        return f"{self.folder}/{bucket}/{key}.yaml"

    def flat_rel(self, key: str) -> str:
        return f"{self.folder}/{key}.yaml"

    def accepted_rels(self, key: str) -> tuple[str, ...]:
        """The files the record may live in: its own, and for `flat_too` kinds the flat one."""
        return (self.rel(key), self.flat_rel(key)) if self.flat_too else (self.rel(key),)


def _pairing_refs(record: Any) -> list[Reference]:
    refs: list[Reference] = [("village", record.village, ("village",))]
    cadre = getattr(record, "cadre", None)
    if cadre is not None:
        refs.append(("cadre", cadre, ("cadre",)))
    return refs


def _cadre_refs(record: Any) -> list[Reference]:
    return [("township", record.township, ("township",))] if record.township is not None else []


def _visit_refs(record: Any) -> list[Reference]:
    refs: list[Reference] = [("village", record.village, ("village",))]
    refs += [("cadre", cadre, ("cadres", i)) for i, cadre in enumerate(record.cadres)]
    refs += [("issue", number, ("issues", i)) for i, number in enumerate(record.issues)]
    return refs


def _aid_refs(record: Any) -> list[Reference]:
    refs: list[Reference] = [("village", record.village, ("village",))]
    if record.pairing is not None:
        refs.append(("pairing", record.pairing, ("pairing",)))
    refs += [("cadre", cadre, ("cadres", i)) for i, cadre in enumerate(record.cadres)]
    if record.issue is not None:
        refs.append(("issue", record.issue, ("issue",)))
    return refs


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("township", "townships", "code", "ledger.township:Township"),
        Kind(
            "village",
            "villages",
            "code",
            "ledger.village:Village",
            references=lambda v: [("township", v.township, ("township",))],
        ),
        Kind(
            "pairing",
            "pairings",
            "id",
            "ledger.pairing:Pairing",
            letter="P",
            bucketed=True,
            flat_too=True,
            references=_pairing_refs,
        ),
        Kind(
            "cadre", "cadres", "id", "ledger.cadre:Cadre", letter="C", bucketed=True, references=_cadre_refs
        ),
        Kind(
            "visit", "visits", "id", "ledger.visit:Visit", letter="V", bucketed=True, references=_visit_refs
        ),
        Kind("aid", "aid", "id", "ledger.aid:Aid", letter="A", bucketed=True, references=_aid_refs),
        Kind("issue", "issues", "number", "ledger.issue:Issue", letter="", bucketed=True),
    )
}
# Kinds whose records `check` and `Ledger.load_all` read as models; issues go through the
# index (ledger.scan) because there are 100,000 of them.
RECORD_KINDS = [name for name in KINDS if name != "issue"]


def kind(name: str) -> Kind:
    return KINDS[name]


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    found = _PATTERNS.get(pattern)
    if found is None:
        found = _PATTERNS[pattern] = re.compile(pattern)
    return found


def kind_files(root: Path, k: Kind) -> Iterator[Path]:
    """Every `*.yaml` file of the kind's folder (all of them are records, SPEC §4), in no order.

    Flat kinds: the folder's own files. Bucketed kinds: every file below the folder (buckets,
    prefix folders and, for `flat_too` kinds, the flat files); hidden names are skipped.
    """
    base = root / k.folder
    if not base.is_dir():
        return
    if not k.bucketed:
        for entry in os.scandir(base):
            if entry.name.endswith(".yaml") and not entry.name.startswith(".") and entry.is_file():
                yield Path(entry.path)
        return
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.endswith(".yaml") and not name.startswith("."):
                yield Path(dirpath) / name


def find(root: Path, k: Kind, key: str) -> Path:
    """The file holding record `key`: its own path, else (flat_too kinds) the flat one when
    only that exists. Two stats at most: never a scan."""
    own = root / k.rel(key)
    if k.flat_too and not own.exists():
        flat = root / k.flat_rel(key)
        if flat.exists():
            return flat
    return own


def next_id(ledger: Ledger, k: Kind, prefix: str | None) -> str:
    """The next free id of kind `k` for this copy's `prefix`. Call under the ledger lock.

    Reads only the highest bucket folder of that prefix (≤ 1,000 names), never the files, so it
    costs the same at 10 records and at 100,000; `flat_too` kinds also look at the flat folder.
    """
    assert k.letter is not None and k.bucketed, k.name
    head = f"{prefix}-{k.letter}" if prefix else k.letter
    name_re = re.compile(rf"^{re.escape(head)}([1-9][0-9]*)\.yaml$")
    base = ledger.root / k.folder / prefix if prefix else ledger.root / k.folder

    def highest_in(folder: Path) -> int:
        best = 0
        for name in _listdir(folder):
            match = name_re.match(name)
            if match:
                best = max(best, int(match.group(1)))
        return best

    highest = highest_in(ledger.root / k.folder) if k.flat_too else 0
    buckets = sorted((int(n) for n in _listdir(base) if n.isdigit() and len(n) >= 3), reverse=True)
    for bucket in buckets:
        found = highest_in(base / f"{bucket:03d}")
        if found:
            highest = max(highest, found)
            break
    return f"{head}{highest + 1}"


def id_order(k: Kind, key: str) -> tuple[str, int]:
    """Sort key for allocated ids: by prefix, then numerically (C2 before C10)."""
    return k.split(key)


def _listdir(path: Path) -> list[str]:
    try:
        return os.listdir(path)
    except (FileNotFoundError, NotADirectoryError):
        return []


def safe_key(key: str, kind: str) -> str:
    """Refuse a code or id that could leave its folder (`../x`, `/etc/passwd`, empty)."""
    from ledger.errors import Invalid

    if not isinstance(key, str) or not KINDS[kind].regex.fullmatch(key):
        raise Invalid(f"error.bad_{kind}_code", code=key)
    return key


MISPLACED = ("check.file_name", "check.file_copy")  # the problems of a record in another's file


def misplaced(root: Path, file: str, expected: str) -> tuple[str, dict[str, str]]:
    """The problem (catalog key, params) of a record in `file` that belongs in `expected`: a
    copy of that file says so (`V1 - 副本.yaml`, `V1 (2).yaml`: named after it, which exists),
    so that nobody moves it over the original; any other file is in the wrong place."""
    stem, expected_stem = Path(file).stem, Path(expected).stem
    rest = stem[len(expected_stem) :] if stem.startswith(expected_stem) else ""
    if rest and not rest[0].isalnum() and (root / expected).is_file():
        return "check.file_copy", {"expected": expected}
    return "check.file_name", {"expected": expected}

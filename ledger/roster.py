"""The cadre roster (干部名册): adding, listing, showing and ending cadres, and reading a CADRE
argument (an id or the exact name of one cadre, SPEC §8)."""

from __future__ import annotations

import os
import unicodedata
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ledger.errors import Invalid, NotFound, Refused
from ledger.kinds import KINDS, id_order, next_id
from ledger.store import Ledger
from ledger.transaction import writing

if TYPE_CHECKING:
    from ledger.badfiles import Rows
    from ledger.cadre import Cadre
    from ledger.recordscan import Progress

CADRE = KINDS["cadre"]
MAX_CANDIDATES = 5


def typed_id(text: str) -> tuple[str | None, int] | None:
    """`C3`, `c3`, `ＱＬ－Ｃ３`, `QL-C3`, `C3号` → (prefix or None, 3); None when `text` is not
    id-shaped (`ledger.typed`)."""
    from ledger.typed import record_id

    return record_id(text, "C")


def id_candidates(text: str, office: str | None) -> list[str] | None:
    """The ids a typed id can mean, most likely first: in a QL copy `C3` is QL-C3, else C3."""
    from ledger.typed import id_candidates as candidates

    return candidates(text, "C", office)


class Named(NamedTuple):
    """A cadre as the name lookup sees it: id, name and file (no model is built)."""

    id: str
    name: str
    file: str


# A name lookup must not read every cadre file each time: at 5,000 cadres that took seconds in
# every `issue open --owner 县水务局` (free text is known to be free only once no cadre has that
# name). So (id, name) are kept per file under .caseledger/, trusted only while the file's
# (mtime, size, inode) are unchanged and it was not changed in the last RACY_NS (an edit within
# the clock's granularity keeps mtime and perhaps size).
NAMES_FILE = "roster-names.marshal"
NAMES_VERSION = 1
RACY_NS = 2_000_000_000

Cached = tuple[int, int, int, str | None, str | None]  # mtime_ns, size, inode, id, name


def roster_names(ledger: Ledger) -> list[Named]:
    """(id, name) of every cadre file that has them, read without validation (a name lookup
    must not cost a model per cadre). Files without both are left to `check`.

    At 5,000 cadres this is one `lstat` per file and nothing more: the walk works on plain
    strings (building, relativizing and sorting a `Path` per file cost more than the stats)."""
    import time

    cached = _load_names(ledger)
    kept: dict[str, Cached] = {}
    changed = False  # an entry kept that the file did not have: `kept` is then saved
    found: list[Named] = []
    now = time.time_ns()
    root = str(ledger.root)
    cut = len(root) + 1
    for full in _cadre_files(root):
        rel = full[cut:]
        try:
            info = os.lstat(full)
        except OSError:
            continue
        hit = cached.get(rel)
        stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
        fresh = hit is not None and hit[:3] == stamp
        entry = hit if fresh else (*stamp, *_id_and_name(ledger, Path(full)))
        if now - info.st_mtime_ns > RACY_NS:
            kept[rel] = entry
            changed = changed or entry is not hit
        cid, name = entry[3], entry[4]
        if cid is not None and name is not None:
            found.append(Named(cid, name.strip(), rel))
    # Only kept entries equal to the file's: the same number of them means the same dict.
    if changed or len(kept) != len(cached):
        _save_names(ledger, kept)
    found.sort(key=lambda n: n.file)
    return found


def _cadre_files(root: str) -> list[str]:
    """Every cadre file's full path as a string (the files `kinds.kind_files` yields)."""
    files: list[str] = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, CADRE.folder)):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        files.extend(f"{dirpath}/{name}" for name in filenames if name.endswith(".yaml") and name[0] != ".")
    return files


def _id_and_name(ledger: Ledger, path: Path) -> tuple[str | None, str | None]:
    from ledger.fastyaml import fast_load

    try:
        text = ledger.read_text(path)
        # Only the top-level `id:` and `name:` lines are wanted, so only they go through the
        # fast reader (a phone such as 0873-5011001 elsewhere makes it decline a whole file);
        # anything it does not take (quotes it does not know, a block scalar, a key twice) is
        # read whole by the safe loader.
        lines = [line for line in text.split("\n") if line.startswith(("id:", "name:"))]
        data = fast_load("\n".join(lines) + "\n") if len(lines) == 2 else None
        if data is None or set(data) != {"id", "name"}:
            data = ledger.read_raw(path)
    except (Invalid, OSError):
        return None, None
    cid, name = data.get("id"), data.get("name")
    return (cid if isinstance(cid, str) else None), (name if isinstance(name, str) else None)


def _load_names(ledger: Ledger) -> dict[str, Cached]:
    """The kept (id, name) per cadre file; {} when missing, damaged or of another version."""
    import hashlib
    import marshal

    try:
        blob = (ledger.derived / NAMES_FILE).read_bytes()
        digest, body = blob[:32], blob[32:]
        if hashlib.sha256(body).digest() != digest:
            return {}
        version, names = marshal.loads(body)
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if version != NAMES_VERSION or not isinstance(names, dict):
        return {}
    return {k: v for k, v in names.items() if isinstance(v, tuple) and len(v) == 5}


def _save_names(ledger: Ledger, names: dict[str, Cached]) -> None:
    """Keep `names` (atomically; a reader may race a writer: each sees a whole file). A failure
    only costs the next lookup a read of the files."""
    import hashlib
    import marshal
    import tempfile

    body = marshal.dumps((NAMES_VERSION, names))
    try:
        ledger.derived.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".names-", dir=ledger.derived)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(hashlib.sha256(body).digest() + body)
            os.replace(tmp, ledger.derived / NAMES_FILE)
        except OSError:
            os.unlink(tmp)
            raise
    except OSError:
        pass


def find_cadre(ledger: Ledger, text: str) -> Cadre | None:
    """The cadre `text` names (id or exact name), None when it names none and is not id-shaped.

    Refused: an id that names no cadre (NotFound), a name two roster entries share (Refused);
    both name the candidates.
    """
    ids = id_candidates(text, ledger.office)
    if ids is not None:
        for cid in ids:
            path = ledger.root / CADRE.rel(cid)
            if path.is_file():
                return ledger.read_record(CADRE.model(), path)
        raise NotFound("error.no_cadre_named", text=text.strip(), candidates=_near(ledger, text))
    wanted = unicodedata.normalize("NFKC", text).strip()
    named = [n for n in roster_names(ledger) if unicodedata.normalize("NFKC", n.name) == wanted]
    if len(named) > 1:
        named.sort(key=lambda n: id_order(CADRE, n.id))
        listed = ", ".join(f"{n.id} {n.name} ({n.file})" for n in named)
        raise Refused("error.cadre_ambiguous", text=wanted, candidates=listed)
    if not named:
        return None
    return ledger.read_record(CADRE.model(), ledger.root / named[0].file)


def ensure_active(cadre: Cadre, day: date) -> None:
    """Refused when `cadre` is not active on `day` (before `since`, after `until`)."""
    if not cadre.active_on(day):
        raise Refused(
            "error.cadre_not_active",
            id=cadre.id,
            name=cadre.name,
            day=day.isoformat(),
            since=cadre.since.isoformat(),
            until=cadre.until.isoformat() if cadre.until else "—",
        )


def resolve_cadre(ledger: Ledger, text: str) -> Cadre:
    """The cadre a CADRE argument names; unknown or ambiguous is refused (exit 1) naming the
    candidates."""
    cadre = find_cadre(ledger, text)
    if cadre is None:
        raise NotFound("error.no_cadre_named", text=text.strip(), candidates=_near(ledger, text))
    return cadre


def resolve_owner(ledger: Ledger, text: str) -> tuple[str, str | None]:
    """`--owner`/`--lead`: a CADRE gives (its name, its id); other text is kept as written
    (a unit, a department) with no id. An id-shaped text naming no cadre is refused."""
    cadre = find_cadre(ledger, text)
    if cadre is None:
        return text.strip(), None
    return cadre.name, cadre.id


def _near(ledger: Ledger, text: str) -> str:
    """Up to five roster entries close to `text` (by name or id), as `C3 张伟(水务局), …`."""
    import difflib

    wanted = unicodedata.normalize("NFKC", text).strip()
    roster = roster_names(ledger)
    scored: list[tuple[float, Named]] = []
    for entry in roster:
        score = max(
            difflib.SequenceMatcher(None, wanted, entry.name).ratio(),
            difflib.SequenceMatcher(None, wanted.upper(), entry.id).ratio(),
            1.0 if wanted and (wanted in entry.name or entry.name in wanted) else 0.0,
        )
        if score >= 0.5:
            scored.append((score, entry))
    scored.sort(key=lambda pair: (-pair[0], id_order(CADRE, pair[1].id)))
    chosen = [entry for _, entry in scored[:MAX_CANDIDATES]]
    return ", ".join(f"{e.id} {e.name}" for e in chosen) or "—"


# -- the roster's operations -----------------------------------------------------------------


def add_cadre(
    ledger: Ledger,
    *,
    name: str,
    rank: str,
    unit: str | None = None,
    post: str | None = None,
    phone: str | None = None,
    township: str | None = None,
    since: date,
    actor: str,
    commit: bool = False,
) -> Cadre:
    """Put a cadre on the roster; a name already on it is refused (SPEC §8)."""
    from ledger.cadre import Cadre
    from ledger.enums import Rank
    from ledger.typed import parse_phone
    from ledger.validation import build

    member = Rank.parse(rank)
    phone = parse_phone(phone) if phone is not None else None
    with writing(ledger, actor, commit=commit) as write:
        if township is not None:
            township = ledger.township(township).code  # a code or its name (SPEC §4)
        cid = next_id(ledger, CADRE, ledger.office)
        cadre = build(
            Cadre,
            id=cid,
            name=name,
            rank=member,
            unit=unit,
            post=post,
            phone=phone,
            township=township,
            since=since,
        )
        taken = [n for n in roster_names(ledger) if n.name == cadre.name]
        if taken:
            raise Refused("error.cadre_name_taken", name=cadre.name, id=taken[0].id)
        write.create(ledger.root / CADRE.rel(cid), cadre)
        write.say("commit.cadre.add", id=cid, name=cadre.name, rank=member)
    return cadre


def list_cadres(
    ledger: Ledger,
    *,
    rank: str | None = None,
    township: str | None = None,
    active_on: date | None = None,
    skip_bad: bool = False,
) -> Rows[Cadre]:
    """`cadre list`: the cadres matching every filter given, by id (`.skipped`: bad files left
    out with `skip_bad`)."""
    from ledger.badfiles import Rows
    from ledger.enums import Rank

    member = Rank.parse(rank) if rank is not None else None
    if township is not None:
        township = ledger.township(township).code
    records = load_cadres(ledger, skip_bad=skip_bad)
    chosen = [
        c
        for c in records
        if (member is None or c.rank == member)
        and (township is None or c.township == township)
        and (active_on is None or c.active_on(active_on))
    ]
    return Rows(chosen, records.skipped)


def load_cadres(ledger: Ledger, progress: Progress | None = None, *, skip_bad: bool = False) -> Rows[Cadre]:
    """Every usable cadre, by id; bad files are refused naming them, or with `skip_bad` left
    out and listed in `.skipped` (SPEC §4, `badfiles.usable_records`)."""
    from ledger.badfiles import usable_records

    return usable_records(ledger, "cadre", skip_bad=skip_bad, progress=progress)


def end_cadre(ledger: Ledger, text: str, day: date, *, actor: str, commit: bool = False) -> Cadre:
    """Set `until`, the cadre's last active day."""
    with writing(ledger, actor, commit=commit) as write:
        cadre = resolve_cadre(ledger, text)
        if cadre.until is not None:
            raise Refused("error.cadre_ended", id=cadre.id, day=cadre.until.isoformat())
        if day < cadre.since:
            raise Refused("error.cadre_end_before_start", id=cadre.id, since=cadre.since.isoformat())
        cadre.until = day
        write.update(ledger.root / CADRE.rel(cadre.id), cadre)
        write.say("commit.cadre.end", id=cadre.id, day=day.isoformat())
    return cadre


def cadre_view(ledger: Ledger, text: str) -> dict[str, Any]:
    """`cadre show`: the record plus its yearly targets in force (the ledger's by rank, then
    its own key by key)."""
    cadre = resolve_cadre(ledger, text)
    data = cadre.to_json()
    data["targets_in_force"] = ledger.settings.targets_of(cadre.rank, cadre.targets).to_json()
    return data

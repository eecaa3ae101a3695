"""Places as clerks name them (SPEC §4): wherever a village or township CODE is taken, its exact
name (大坡村) is taken too when one place has it, and a code that names nothing is refused
naming the nearest codes and names. Used by `Ledger.village` and `Ledger.township`, so every
command that takes a place gets it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ledger.errors import Invalid, NotFound, Refused
from ledger.kinds import KINDS, safe_key
from ledger.typed import fold

if TYPE_CHECKING:
    from ledger.store import Ledger

MAX_NEAR = 5


@dataclass(frozen=True)
class Place:
    """A place as the name lookup sees it, read without validation."""

    code: str
    name: str


def places(ledger: Ledger, kind: str) -> list[Place]:
    """(code, name) of every `kind` file that has both; others are left to `check`."""
    found: list[Place] = []
    for path in ledger.record_files(kind):
        try:
            data = ledger.read_raw(path)
        except Invalid:
            continue
        code, name = data.get("code"), data.get("name")
        if isinstance(code, str) and isinstance(name, str):
            found.append(Place(code, name.strip()))
    return found


def code_of(ledger: Ledger, kind: str, text: str) -> str:
    """The code of the `kind` place (village or township) `text` names: its code (any case,
    full-width too) or its exact name. Two places of that name: `Refused` naming both; none:
    `NotFound` naming the nearest codes and names."""
    value = fold(text) if isinstance(text, str) else ""
    code = value.lower()
    if KINDS[kind].regex.fullmatch(code) and ledger.record_path(kind, code).is_file():
        return code
    known = places(ledger, kind)
    named = [p for p in known if fold(p.name) == value]
    if len(named) == 1:
        return named[0].code
    if len(named) > 1:
        listed = ", ".join(f"{p.code} {p.name}" for p in sorted(named, key=lambda p: p.code))
        raise Refused(f"place.{kind}_ambiguous", text=value, candidates=listed)
    near = nearest(known, value)
    if not near:
        raise NotFound(f"error.no_{kind}", code=text)
    raise NotFound(f"place.no_{kind}_near", code=text, near=near)


def nearest(known: list[Place], typed: str) -> str:
    """Up to MAX_NEAR places close to `typed` by code or name, as `dapo 大坡村, …`."""
    low = typed.lower()
    scored: list[tuple[float, Place]] = []
    for place in known:
        score = max(
            difflib.SequenceMatcher(None, low, place.code).ratio(),
            difflib.SequenceMatcher(None, typed, place.name).ratio(),
            0.9 if typed and (typed in place.name or place.name in typed) else 0.0,
        )
        if score >= 0.6:
            scored.append((score, place))
    scored.sort(key=lambda pair: (-pair[0], pair[1].code))
    return ", ".join(f"{p.code} {p.name}" for _, p in scored[:MAX_NEAR])


def township_of(ledger: Ledger, village: Any) -> str | None:
    """The village's township, read from the raw village file (no validation: `issue show`
    starts without pydantic, nor with `ledger.places`); None when the village or its file is
    not there or bad."""
    return _raw_key(ledger, "village", village, "township")


def name_of(ledger: Ledger, kind: str, code: Any) -> str | None:
    """A village's or township's name from its raw file, as `township_of` reads; None when
    there is none to read."""
    return _raw_key(ledger, kind, code, "name")


def _raw_key(ledger: Ledger, kind: str, code: Any, key: str) -> str | None:
    from ledger.errors import LedgerError

    if code is None:
        return None
    try:
        data = ledger.read_raw(ledger.record_path(kind, safe_key(str(code), kind)))
    except (LedgerError, OSError):
        return None
    value = data.get(key)
    return None if value is None else str(value)


def with_name(code: Any, name: str | None) -> str:
    """A place as an error line names it: `大坡村 (dapo)`, or the code alone without a name."""
    return f"{name} ({code})" if name and name != code else str(code)


def named(ledger: Ledger, kind: str, code: Any) -> str:
    """`with_name` of the village or township `code`, its name read from its file."""
    return with_name(code, name_of(ledger, kind, code))

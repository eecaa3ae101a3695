"""Issue facts packed into plain tuples for `marshal`, and unpacked again quickly.

`pack(facts)` turns `IssueFacts` into a tuple of str/int/None (dates as ordinals); `unpack`
is its exact inverse. Decoding JSON rows took ~17 µs per issue; marshal plus these tuples
takes ~2 µs, which matters when the index hands back 100,000 issues.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ledger.facts import IssueFacts


def pack(facts: IssueFacts) -> tuple[Any, ...]:
    """IssueFacts → a marshal-ready tuple (dates as ordinals); `unpack` is its inverse."""
    closed = facts.closed.toordinal() if facts.closed else None
    events = tuple(
        (e.at, e.day.toordinal(), e.action, e.by, e.to, e.deadline.toordinal() if e.deadline else None,
         e.disposition, e.of, e.satisfaction, e.owner, e.level, e.owner_cadre, e.lead, e.lead_cadre)
        for e in facts.events
    )  # fmt: skip
    return (
        facts.number, facts.file, facts.title, facts.village, facts.category, facts.source,
        facts.received.toordinal(), facts.owner, facts.level, facts.status,
        facts.deadline.toordinal(), facts.private, facts.disposition, facts.duplicate_of, closed,
        facts.satisfaction, facts.reporter_name, tuple(facts.topics), events,
        facts.owner_cadre, facts.supervised, facts.lead, facts.lead_cadre, facts.visit,
        _pack_declared(facts.declared),
    )  # fmt: skip


def _pack_declared(declared: tuple[Any, ...] | None) -> tuple[Any, ...] | None:
    """The file's own summary words (`IssueFacts.declared`), dates as ("d", ordinal): marshal
    keeps no dates, and only a hand-edited file has them, so they are rare and small."""
    if declared is None:
        return None
    return tuple(("d", v.toordinal()) if isinstance(v, date) else v for v in declared)


def _unpack_declared(packed: tuple[Any, ...] | None) -> tuple[Any, ...] | None:
    if packed is None:
        return None
    return tuple(date.fromordinal(v[1]) if isinstance(v, tuple) else v for v in packed)


# Fields kept in the packed tuple exactly as in the facts (plain strings), by position: the
# index can compare them without unpacking (`ledger.scan.scan_issues(where=…)`).
PLAIN_FIELDS = {"village": 3, "category": 4, "source": 5, "owner": 7, "level": 8, "status": 9}


def shell_of(cls: type) -> type | None:
    """A plain class with `cls`'s slot layout and a fast positional __init__.

    The facts classes are frozen dataclasses, whose __init__ goes through object.__setattr__
    for every field (~3 µs an issue). We build a shell with plain slot stores and then switch
    its __class__, which Python allows because the layouts are identical. Checked at import;
    when the layout ever changes, `None` makes `unpack` use the real constructor.
    """
    slots = getattr(cls, "__slots__", None)
    if not slots or cls.__bases__ != (object,):
        return None
    args = ", ".join(slots)
    body = "".join(f"    self.{s} = {s}\n" for s in slots)
    namespace: dict[str, Any] = {}
    exec(f"def __init__(self, {args}):\n{body}", namespace)
    shell = type(f"_{cls.__name__}Shell", (), {"__slots__": tuple(slots), "__init__": namespace["__init__"]})
    try:
        probe = shell(*([None] * len(slots)))
        probe.__class__ = cls
    except TypeError:
        return None
    return shell


class Days(dict[int | None, date | None]):
    """Ordinal → date, made once per distinct day (a ledger has a few thousand); None → None."""

    def __missing__(self, ordinal: int | None) -> date | None:
        value = None if ordinal is None else date.fromordinal(ordinal)
        self[ordinal] = value
        return value


def _make_unpack() -> Callable[[tuple[Any, ...]], IssueFacts]:
    from ledger.facts import EventFacts, IssueFacts

    issue_shell, event_shell = shell_of(IssueFacts), shell_of(EventFacts)
    day = date.fromordinal
    if issue_shell is None or event_shell is None:

        def unpack_slow(row: tuple[Any, ...]) -> IssueFacts:
            r = row
            events = tuple(
                EventFacts(e[0], day(e[1]), e[2], e[3], e[4], day(e[5]) if e[5] else None, *e[6:])
                for e in r[18]
            )
            return IssueFacts(
                *r[:6], day(r[6]), r[7], r[8], r[9], day(r[10]), r[11], r[12], r[13],
                day(r[14]) if r[14] else None, r[15], r[16], r[17], events, *r[19:24],
                _unpack_declared(r[24]),
            )  # fmt: skip

        return unpack_slow

    d = Days()
    event_class, issue_class = EventFacts, IssueFacts

    def unpack(r: tuple[Any, ...]) -> IssueFacts:
        events = []
        for e in r[18]:
            ev = event_shell(
                e[0], d[e[1]], e[2], e[3], e[4], d[e[5]], e[6], e[7], e[8], e[9], e[10], e[11], e[12], e[13]
            )
            ev.__class__ = event_class
            events.append(ev)
        f = issue_shell(
            r[0], r[1], r[2], r[3], r[4], r[5], d[r[6]], r[7], r[8], r[9], d[r[10]], r[11], r[12], r[13],
            d[r[14]], r[15], r[16], r[17], tuple(events), r[19], r[20], r[21], r[22], r[23],
            _unpack_declared(r[24]),
        )  # fmt: skip
        f.__class__ = issue_class
        return f

    return unpack


_unpack: Callable[[tuple[Any, ...]], IssueFacts] | None = None


def unpacker() -> Callable[[tuple[Any, ...]], IssueFacts]:
    """`unpack` itself, for loops over many rows (made once per process)."""
    global _unpack
    if _unpack is None:
        _unpack = _make_unpack()
    return _unpack


def unpack(row: tuple[Any, ...]) -> IssueFacts:
    return unpacker()(row)

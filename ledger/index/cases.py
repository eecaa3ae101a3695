"""The issues that may need attention, kept per folder with their states: what makes a warm
`report overdue` and `report alerts` read no history, as of any day.

An issue's state at the end of a day (`ledger.state.at`) changes only on the issue's own days
(received, or an event's): from one of them to the next it is constant. So when the index
reads an issue file it asks `ledger.state` for the state on each of those days and keeps, as
spans (first day, day after the last), the states on which `alerts.may_alert` holds (open, or
closed with an unsatisfied follow-up in force), with the few fields the lists show
(`facts.Case`). The last span of an issue lasts for ever (`NEVER`). On any day, the spans that
day falls in give exactly the (issue, state) pairs a plain read finds by asking `state.at`
for every issue and keeping those `may_alert` accepts: the default day (today) and an
`--as-of` in the past alike.

A folder's cases blob: ({village: issues}, claims, last, lasting spans, bounded spans) as
`fold_cases` lays it out, claims as `claims_of` gives them (the month counts keep them too),
so a reader refuses or skips bad files without the entries. A day after every bounded span
(today, usually) reads the lasting spans alone; the bounded ones stay compressed bytes until a
day in the past asks for them, and then only the spans it falls in are unmarshalled.
"""

from __future__ import annotations

import marshal
from array import array
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.facts import number_key
from ledger.index.packing import Days
from ledger.store import issue_rel

if TYPE_CHECKING:
    from ledger.facts import Case, IssueFacts
    from ledger.index.summary import Entry
    from ledger.state import State

NEVER = date.max.toordinal() + 1  # the end of a span that lasts after the issue's last day
_DAYS = Days()  # ordinal → date, each made once


def _day(d: date | None) -> int | None:
    return d.toordinal() if d is not None else None


def pack_state(s: State) -> tuple[Any, ...]:
    """A `State` as a marshal-ready tuple (dates as ordinals); `unpack_state` is its inverse."""
    close = s.last_close
    closed = None if close is None else (close.day.toordinal(), close.disposition, close.level,
                                          _day(close.deadline), close.of)  # fmt: skip
    last = s.last_followup
    now = s.followup
    return (
        s.exists, s.closed_now, s.level, _day(s.deadline), s.owner, s.owner_cadre, s.supervised, s.lead,
        s.lead_cadre, closed, None if last is None else (last.day.toordinal(), last.satisfaction),
        None if now is None else (now.day.toordinal(), now.satisfaction),
    )  # fmt: skip


def _make_unpack_state() -> Any:
    """`unpack_state`, building the states without their dataclass __init__ when the layout
    allows it (`packing.shell_of`: ~3x faster at 25,000 states), else through it."""
    from ledger.index.packing import shell_of
    from ledger.state import Close, FollowUp, State

    day = _DAYS.__getitem__
    shells = (shell_of(State), shell_of(Close), shell_of(FollowUp))
    if None in shells:

        def unpack_slow(p: tuple[Any, ...]) -> State:
            closed, last, now = p[9], p[10], p[11]
            return State(
                p[0], p[1], p[2], day(p[3]) if p[3] is not None else None, p[4], p[5], p[6], p[7], p[8],
                None if closed is None else Close(
                    day(closed[0]), closed[1], closed[2], day(closed[3]) if closed[3] is not None else None,
                    closed[4]),
                None if last is None else FollowUp(day(last[0]), last[1]),
                None if now is None else FollowUp(day(now[0]), now[1]),
            )  # fmt: skip

        return unpack_slow
    state_shell, close_shell, followup_shell = shells

    def make(shell: Any, cls: type, *args: Any) -> Any:
        made = shell(*args)
        made.__class__ = cls
        return made

    def unpack(p: tuple[Any, ...]) -> State:
        closed, last, now = p[9], p[10], p[11]
        close = None if closed is None else make(
            close_shell, Close, day(closed[0]), closed[1], closed[2],
            day(closed[3]) if closed[3] is not None else None, closed[4],
        )  # fmt: skip
        last_followup = None if last is None else make(followup_shell, FollowUp, day(last[0]), last[1])
        followup = None if now is None else make(followup_shell, FollowUp, day(now[0]), now[1])
        return make(
            state_shell, State, p[0], p[1], p[2], day(p[3]) if p[3] is not None else None, p[4], p[5], p[6],
            p[7], p[8], close, last_followup, followup,
        )  # fmt: skip

    return unpack


_unpack_state: Any = None


def unpack_state(p: tuple[Any, ...]) -> State:
    """The `State` `pack_state` packed."""
    global _unpack_state
    if _unpack_state is None:
        _unpack_state = _make_unpack_state()
    return _unpack_state(p)


def derive_case(facts: IssueFacts) -> bytes | None:
    """The issue's alert spans, for its index entry: None when it can raise no alert on any
    day, else marshal bytes of (head, ((first day, day after the last, packed state), …)),
    head being (number, title, village, category, received ordinal).

    An issue's state at the end of a day depends only on the events dated on or before it and
    on whether it was received by then, so it is constant from one of its days (received, or
    an event's) to the next: `state.at` on each of those days gives every state it can be in.
    The spans keep those on which `alerts.may_alert` holds, with the days they last."""
    from ledger.alerts import may_alert
    from ledger.state import at

    days = sorted({facts.received, *(e.day for e in facts.events)})
    spans: list[list[Any]] = []
    for i, day in enumerate(days):
        now = at(facts, day)
        if not may_alert(now):
            continue
        packed = pack_state(now)
        start = day.toordinal()
        end = days[i + 1].toordinal() if i + 1 < len(days) else NEVER
        if spans and spans[-1][1] == start and spans[-1][2] == packed:
            spans[-1][1] = end  # the same state on: one span (a note changes nothing shown)
        else:
            spans.append([start, end, packed])
    if not spans:
        return None
    head = (facts.number, facts.title, facts.village, facts.category, facts.received.toordinal())
    return marshal.dumps((head, tuple(tuple(span) for span in spans)))


def claims_of(entries: Iterable[Entry]) -> tuple[list[Any], list[tuple[str, str]], list[str]]:
    """(problem tuples of unreadable files, (file name, number) of files not named
    `<number>.yaml`, the folders their numbers say they belong in)."""
    unreadable: list[Any] = []
    misnamed: list[tuple[str, str]] = []
    homes: set[str] = set()
    for name, kind, payload, *_parts in entries:
        if kind != "f":
            unreadable.extend(payload)
            continue
        number = payload[0]
        if name != f"{number}.yaml":
            misnamed.append((name, number))
        homes.add(issue_rel(number).rpartition("/")[0])
    return unreadable, misnamed, sorted(homes)


def fold_cases(entries: Iterable[Entry]) -> tuple[dict[str, int], Any, int, list[Any], bytes]:
    """A folder's cases blob: (villages, claims, last, lasting, bounded).

    Every span of the folder's issues gives an item (number, file name, title, village,
    category, received ordinal, packed state, `number_key`). `lasting` lists (first day, item)
    of the spans that last for ever: on a day after every bounded span (`last`, the latest
    day after one), the day a report usually asks about, they are all a reader needs. The
    bounded spans, for a day in the past, are zlib-compressed marshal bytes of (starts, ends,
    offsets, items): their first day and the day after their last (`array("i")` bytes), where
    each item begins (`array("I")`), and the items' marshal bytes end to end, so a day
    unmarshals only the items it falls in (`spans_at`); b"" when there are none."""
    import zlib

    entries = list(entries)
    villages: dict[str, int] = {}
    lasting: list[Any] = []
    last = 0
    starts, ends, offsets = array("i"), array("i"), array("I", [0])
    items = bytearray()
    for name, kind, payload, _months, _checks, case, *_parts in entries:
        if kind != "f":
            continue
        village = payload[3]
        villages[village] = villages.get(village, 0) + 1
        if case is None:
            continue
        (number, *head), spans = marshal.loads(case)
        key = number_key(number)
        for start, end, packed in spans:
            item = (number, name, *head, packed, key)
            if end == NEVER:
                lasting.append((start, item))
                continue
            last = max(last, end)
            starts.append(start)
            ends.append(end)
            items += marshal.dumps(item)
            offsets.append(len(items))
    bounded = b""
    if starts:
        packed_spans = (starts.tobytes(), ends.tobytes(), offsets.tobytes(), bytes(items))
        bounded = zlib.compress(marshal.dumps(packed_spans), 1)
    return villages, claims_of(entries), last, lasting, bounded


def spans_at(folded: tuple[Any, ...], day: int) -> list[tuple[Any, ...]]:
    """The items (see `fold_cases`) of a folder's spans that `day` (an ordinal) falls in."""
    _villages, _claims, last, lasting, bounded = folded
    found = [item for start, item in lasting if start <= day]
    if day >= last or not bounded:
        return found
    import zlib

    start_bytes, end_bytes, offset_bytes, items = marshal.loads(zlib.decompress(bounded))
    starts, ends, offsets = array("i"), array("i"), array("I")
    starts.frombytes(start_bytes)
    ends.frombytes(end_bytes)
    offsets.frombytes(offset_bytes)
    loads = marshal.loads
    found += [
        loads(items[offsets[i] : offsets[i + 1]])
        for i, (start, end) in enumerate(zip(starts, ends, strict=True))
        if start <= day < end
    ]
    return found


def cases_of(rel: str, rows: list[Any]) -> list[tuple[Case, State]]:
    """The (case, state) pairs of a folder's items (`spans_at`)."""
    global _make_case
    if _make_case is None:
        _make_case = _case_maker()
    make = _make_case
    day = _DAYS
    return [
        (make(number, f"{rel}/{name}", title, village, category, day[received], key), unpack_state(state))
        for number, name, title, village, category, received, state, key in rows
    ]


def _case_maker() -> Any:
    """`facts.Case(…)`, made without its dataclass __init__ when the layout allows it."""
    from ledger.facts import Case
    from ledger.index.packing import shell_of

    shell = shell_of(Case)
    if shell is None:
        return Case
    cls = Case

    def make(*args: Any) -> Case:
        made = shell(*args)
        made.__class__ = cls
        return made

    return make


_make_case: Any = None

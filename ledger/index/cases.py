"""The issues that may need attention, kept per folder with their state: what makes a warm
`report overdue` and `report alerts` read no history.

When the index reads an issue file it asks `ledger.state` for the issue's state after its
whole history (`state.at`) and keeps it, with the few fields the lists show (`facts.Case`),
when `alerts.may_alert` says the issue can raise an alert on some day (open, or closed with
an unsatisfied follow-up in force); every list of that kind is a subset. It also keeps the
issue's latest day (received or any event's). On a day on or after every latest day of a
folder, each kept state *is* the state at that day; a folder with a later day (a report
`--as-of` in the past) is worked out from its issues' facts instead, exactly as without the
index (`query.attention`).

A folder's cases blob: (latest day ordinal, [case row], {village: issues}, claims), a case row
being (number, file name, title, village, category, received ordinal, packed state); claims
as `claims_of` gives them (the month counts keep them too), so a reader refuses or skips bad
files without the entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.store import issue_rel

if TYPE_CHECKING:
    from ledger.facts import Case, IssueFacts
    from ledger.index.summary import Entry
    from ledger.state import State


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

    day = date.fromordinal
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


def latest_day(facts: IssueFacts) -> int:
    """The issue's last day with anything in it (received, or an event's day), as an ordinal."""
    return max([facts.received, *(e.day for e in facts.events)]).toordinal()


def derive_case(facts: IssueFacts) -> tuple[int, Any]:
    """(latest day, case row without the file name or None) of one issue, for its index entry."""
    from ledger.alerts import may_alert
    from ledger.state import at

    row = None
    if facts.status == "open" or facts.satisfaction is not None:  # else may_alert says no: skip the work
        final = at(facts)
        if may_alert(final):
            row = (facts.number, facts.title, facts.village, facts.category, facts.received.toordinal(),
                   pack_state(final))  # fmt: skip
    return latest_day(facts), row


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


def fold_cases(entries: Iterable[Entry]) -> tuple[int, list[Any], dict[str, int], Any]:
    entries = list(entries)
    latest = 0
    rows: list[Any] = []
    villages: dict[str, int] = {}
    for name, kind, payload, _months, _checks, case, *_parts in entries:
        if kind != "f":
            continue
        village = payload[3]
        villages[village] = villages.get(village, 0) + 1
        last, row = case
        latest = max(latest, last)
        if row is not None:
            rows.append((row[0], name, *row[1:]))
    return latest, rows, villages, claims_of(entries)


def cases_of(rel: str, rows: list[Any]) -> list[tuple[Case, State]]:
    """The (case, state) pairs of a folder's case rows."""
    from ledger.facts import Case

    day = date.fromordinal
    return [
        (Case(number, f"{rel}/{name}", title, village, category, day(received)), unpack_state(state))
        for number, name, title, village, category, received, state in rows
    ]

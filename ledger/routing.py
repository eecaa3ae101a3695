"""The rules of an issue's life (SPEC §4), as pure functions: no files, no clock, no git.

Which actions an issue's status allows, where an escalation goes, and how deadlines are
computed. `ledger.lifecycle` applies them to files; tests call them directly.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ledger.enums import Action, Disposition, Level, Status
from ledger.errors import Refused

if TYPE_CHECKING:
    from ledger.settings import Deadlines

# What each status allows. Opening is not here: it makes a new issue, it acts on none.
ALLOWED: dict[Status, frozenset[Action]] = {
    Status.open: frozenset(
        {Action.escalated, Action.assigned, Action.extended, Action.noted, Action.closed, Action.supervised}
    ),
    Status.closed: frozenset({Action.reopened, Action.followed_up}),
}

# The refusal for each (status, action) pair that is not allowed.
_REFUSAL: dict[tuple[Status, Action], str] = {
    (Status.open, Action.reopened): "error.reopen_open",
    (Status.open, Action.followed_up): "error.followup_open",
    (Status.closed, Action.supervised): "error.supervise_closed",
}


def check_action(status: Status | str, action: Action, number: str) -> None:
    """Refuse `action` on an issue whose status is `status` (closing a closed issue, …)."""
    status = Status(status)
    if action in ALLOWED[status]:
        return
    key = _REFUSAL.get((status, action), "error.issue_closed")
    raise Refused(key, number=number, action=action.value)


def next_level(level: Level | str) -> Level | None:
    """The level above `level`, or None at the county."""
    return Level(level).next_up()


def escalation_target(current: Level | str, to: Level | None, number: str) -> Level:
    """Where an escalation goes: one level up, or `to`, which must be higher than `current`."""
    current = Level(current)
    above = current.next_up()
    if above is None:
        raise Refused("error.escalate_county", number=number)
    if to is None:
        return above
    if Level(to).rank() <= current.rank():
        raise Refused("error.escalate_not_higher", number=number, level=current, to=Level(to))
    return Level(to)


def deadline_for(level: Level | str, day: date, deadlines: Deadlines) -> date:
    """The deadline of an issue arriving at `level` on `day`: day + that level's days."""
    try:
        return day + timedelta(days=deadlines.days(Level(level)))
    except OverflowError:  # a clock (or $CASELEDGER_NOW) at the end of year 9999
        from ledger.errors import Refused

        raise Refused("error.date_off_calendar", day=day.isoformat()) from None


# A deadline (办结时限) counts days or months; one set years ahead is a slip of the keyboard.
MAX_DEADLINE_YEARS = 5


def check_deadline(deadline: date, day: date) -> None:
    """A deadline given by the clerk may not fall before the day of the event that sets it, nor
    more than MAX_DEADLINE_YEARS after it."""
    if deadline < day:
        raise Refused("error.deadline_before_event", deadline=deadline.isoformat(), day=day.isoformat())
    _not_too_far(deadline, day)


def check_extension(current: date, new: date, day: date | None = None) -> None:
    """`extend` only moves a deadline later, and not more than MAX_DEADLINE_YEARS after the day
    of the extension."""
    if new <= current:
        raise Refused("error.extend_not_later", deadline=new.isoformat(), current=current.isoformat())
    if day is not None:
        _not_too_far(new, day)


def _not_too_far(deadline: date, day: date) -> None:
    if (deadline - day).days > 366 * MAX_DEADLINE_YEARS:
        from ledger.errors import Invalid

        raise Invalid(
            "input.deadline_too_far",
            deadline=deadline.isoformat(),
            day=day.isoformat(),
            years=MAX_DEADLINE_YEARS,
        )


def check_duplicate(disposition: Disposition, of: str | None, number: str) -> None:
    """`duplicate` needs the number it repeats (another issue); `--of` fits nothing else."""
    if disposition is Disposition.duplicate:
        if of is None:
            raise Refused("error.duplicate_needs_of")
        if of == number:
            raise Refused("error.duplicate_of_self", number=number)
    elif of is not None:
        raise Refused("error.of_needs_duplicate", disposition=disposition)

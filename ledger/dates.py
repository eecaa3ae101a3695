"""Reading dates typed by clerks and placing back-dated events in time (SPEC §4 `--date`)."""

from __future__ import annotations

import os
import re
from datetime import date, datetime, time, timedelta

from ledger.errors import Refused, UsageError

_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# When a clerk gives a day alone for a past day, the event is put at noon of that day: a
# readable time that still leaves room for earlier and later events on the same day.
BACKDATE_TIME = time(12, 0)


def now() -> datetime:
    """The current time with the machine's offset. `$CASELEDGER_NOW` pins it (tests, demos)."""
    pinned = os.environ.get("CASELEDGER_NOW")
    if pinned:
        moment = datetime.fromisoformat(pinned)
        return moment if moment.tzinfo else moment.astimezone()
    return datetime.now().astimezone()


def today() -> date:
    return now().date()


def parse_day(text: str, what: str = "date") -> date:
    """`2026-03-01` → a date; anything else (2026-02-30, tomorrow, 3/1) is a usage error."""
    value = text.strip() if isinstance(text, str) else ""
    if _DAY_RE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise UsageError("error.bad_date", what=what, value=text)


def parse_month(text: str) -> tuple[date, date]:
    """`2026-03` → (first day, last day)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    # Years 1 and 9999 are refused too: the day before the month, or after it, is off the calendar.
    if not match or not 1 <= int(match.group(2)) <= 12 or not 2 <= int(match.group(1)) <= 9998:
        raise UsageError("error.bad_month", value=text)
    first = date(int(match.group(1)), int(match.group(2)), 1)
    following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def parse_moment(text: str) -> datetime | date:
    """A `--date` value: a day alone, or an ISO datetime (a naive one gets the local offset)."""
    value = text.strip()
    if _DAY_RE.match(value):
        return parse_day(value)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise UsageError("error.bad_date", what="--date", value=text) from None
    if "T" not in value.upper() and " " not in value:
        raise UsageError("error.bad_date", what="--date", value=text)
    return moment if moment.tzinfo else moment.astimezone()


def event_time(given: str | None, last: datetime | None, current: datetime | None = None) -> datetime:
    """When a new event happens: now, or the clerk's `--date`, checked against the history.

    A day alone stands for that day at a time that keeps the history in order: now when it
    is today, else noon, moved just after the last event when that one is later the same
    day. Refused when in the future or earlier than the issue's last event.
    """
    current = current or now()
    if given is None:
        moment = current
        if last is not None and moment < last:
            # The clock says earlier than the last event (a clock change): keep history ordered.
            moment = last
    else:
        parsed = parse_moment(given)
        if isinstance(parsed, datetime):
            moment = parsed
        elif parsed == current.date():
            moment = current
        else:
            moment = datetime.combine(parsed, BACKDATE_TIME, tzinfo=current.tzinfo)
            if moment > current:
                raise Refused("error.future_date", value=given)
        day_alone = not isinstance(parsed, datetime)
        if day_alone and last is not None and last.date() == parsed and moment < last:
            moment = last + timedelta(seconds=1)
            if moment.date() != parsed:
                moment = last
    if moment > current + timedelta(seconds=1):
        raise Refused("error.future_date", value=given)
    if last is not None and moment < last:
        raise Refused("error.before_last_event", value=given or moment.isoformat(), last=last.isoformat())
    return moment.replace(microsecond=0)

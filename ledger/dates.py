"""Reading dates typed by clerks and placing back-dated events in time (SPEC §4 `--date`)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from ledger.errors import Refused

# A ledger's `timezone` (SPEC §3): a UTC offset, +08:00. Whole quarter hours up to ±14:00 are
# the offsets clocks use.
_OFFSET_RE = re.compile(r"^([+-])(\d{2}):(00|15|30|45)$")
# When a clerk gives a day alone for a past day, the event is put at noon of that day: a
# readable time that still leaves room for earlier and later events on the same day.
BACKDATE_TIME = time(12, 0)


def parse_offset(text: str) -> tzinfo:
    """`+08:00` → a fixed offset; anything else (`UTC+8`, `Asia/Shanghai`, `+8`) is refused by
    the caller (`offset_text` says which)."""
    match = _OFFSET_RE.match(text)
    if not match or int(match.group(2)) > 14 or (int(match.group(2)) == 14 and match.group(3) != "00"):
        raise ValueError(f"a UTC offset such as +08:00, not '{text}'")
    minutes = int(match.group(2)) * 60 + int(match.group(3))
    return timezone(timedelta(minutes=-minutes if match.group(1) == "-" else minutes))


def offset_text(moment: datetime) -> str:
    """The offset `moment` carries, as SPEC §3 writes it: `+08:00`."""
    offset = moment.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def now(zone: tzinfo | None = None) -> datetime:
    """The current time in `zone` (the ledger's `timezone`), else with the machine's offset.
    `$CASELEDGER_NOW` pins it (tests, demos)."""
    from ledger.environment import now as pinned

    moment = pinned() or datetime.now().astimezone()  # a bad $CASELEDGER_NOW: a usage error naming it
    return moment.astimezone(zone) if zone is not None else moment


def today(zone: tzinfo | None = None) -> date:
    return now(zone).date()


def parse_day(text: str, what: str = "date") -> date:
    """A date as clerks type it (`2026-03-01`, `2026/3/1`, `2026年3月1日`, full-width too) → a
    date; unreadable (2026-02-30, tomorrow, 3/1) is a usage error, implausible refused
    (`ledger.typed`)."""
    from ledger.typed import parse_day as typed_day

    return typed_day(text, what)


def parse_month(text: str) -> tuple[date, date]:
    """`2026-03` (or `2026-3`, `2026/3`, `2026年3月`) → (first day, last day)."""
    from ledger.typed import parse_month as typed_month

    year, month = typed_month(text)
    first = date(year, month, 1)
    following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def parse_moment(text: str, zone: tzinfo | None = None) -> datetime | date:
    """A `--date` value: a day alone, or a day and a time (a naive one is read in `zone`, else
    with the machine's offset)."""
    from ledger.typed import parse_moment as typed_moment

    return typed_moment(text, "--date", zone)


def event_time(
    given: str | None, last: datetime | None, current: datetime | None = None, zone: tzinfo | None = None
) -> datetime:
    """When a new event happens: now, or the clerk's `--date`, checked against the history.

    With `zone` (the ledger's `timezone`) the event is written in it, whatever the machine's
    own offset, so that offices on machines set to different zones agree on its date.
    A day alone stands for that day at a time that keeps the history in order: now when it
    is today, else noon, moved just after the last event when that one is later the same
    day. Refused when in the future or earlier than the issue's last event.
    """
    current = current or now(zone)
    if zone is not None:
        current = current.astimezone(zone)
        last = last.astimezone(zone) if last is not None else None
    if given is None:
        moment = current
        if last is not None and moment < last:
            # The clock says earlier than the last event (a clock change): keep history ordered.
            moment = last
    else:
        parsed = parse_moment(given, zone)
        if isinstance(parsed, datetime):
            moment = parsed.astimezone(zone) if zone is not None else parsed
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

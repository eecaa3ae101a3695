"""The state of an issue at a moment, from its history: the one place this is computed.

Every reader asks this module (SPEC §3, §4, §6, §8, §9): listings, `report month`/`overdue`/
`notice`, the index's stored month counts, the lifecycle before it acts, and `check`, which
holds every summary key of a file (`status`, `level`, `deadline`, `owner`, `closed`, …) to what
`at(…)` says at the end of the history.

The rules, as SPEC words them:
- An event's date is the calendar date in the offset its `at` carries (`event.day`).
- "Open at t": received on or before t, and the last `closed`/`reopened` event dated on or
  before t is not `closed`.
- Level: `village`, or the level the `opened` event names; each `escalated` moves it to `to`.
- Deadline in force: set by `opened`, `escalated`, `extended`, `reopened` (the lifecycle writes
  the reopen date + the level's days into the event), and by `supervised` when it carries one
  (earlier or later: a fixed time limit).
- Owner in force: the `owner` (and `owner_cadre`) of the last `opened`/`escalated`/`assigned`
  event that set an owner; an escalation without an owner keeps the owner in force.
- `supervised` events make the issue supervised and set `lead`/`lead_cadre` (repeating one
  changes the lead).
- Satisfaction in force: the latest follow-up's, unless the issue was reopened after it.

Pure: no files, no clock, no pydantic. Events are anything with the attributes of
`ledger.facts.EventFacts` (`day`, `action`, `level`, `to`, `deadline`, `owner`, …), so a
validated `ledger.issue.Event` works too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

DEADLINE_ACTIONS = frozenset({"opened", "escalated", "extended", "reopened", "supervised"})
OWNER_ACTIONS = frozenset({"opened", "escalated", "assigned"})
INITIAL_LEVEL = "village"
# The keys of an issue file that say what its history says (SPEC §4's `check` bullet), in the
# order `check` reports them.
SUMMARY_KEYS = (
    "status", "level", "deadline", "owner", "owner_cadre", "closed", "disposition", "duplicate_of",
    "satisfaction", "supervised", "lead", "lead_cadre",
)  # fmt: skip


class EventLike(Protocol):
    day: date
    action: Any
    level: Any
    to: Any
    deadline: date | None
    owner: str | None
    owner_cadre: str | None
    lead: str | None
    lead_cadre: str | None
    disposition: Any
    of: str | None
    satisfaction: Any


@dataclass(frozen=True, slots=True)
class Close:
    """A close event, with what was in force when it happened."""

    day: date
    disposition: str | None
    level: str  # level at closing
    deadline: date | None  # deadline in force at closing
    of: str | None = None  # the issue a duplicate repeats


@dataclass(frozen=True, slots=True)
class FollowUp:
    day: date
    satisfaction: str | None


@dataclass(frozen=True, slots=True)
class State:
    """An issue as it stood at the end of a day (or after its whole history)."""

    exists: bool  # received on or before the day
    closed_now: bool  # the last closed/reopened event by then is `closed`
    level: str
    deadline: date | None  # None only for a history without any deadline (`check` names it)
    owner: str | None
    owner_cadre: str | None
    supervised: bool
    lead: str | None
    lead_cadre: str | None
    last_close: Close | None  # the last close on or before the day, even when reopened since
    last_followup: FollowUp | None  # the last follow-up on or before the day
    followup: FollowUp | None  # the follow-up in force: the last one, unless reopened since

    @property
    def open(self) -> bool:
        """SPEC §6's "open at t"."""
        return self.exists and not self.closed_now

    @property
    def status(self) -> str:
        return "closed" if self.closed_now else "open"

    @property
    def close(self) -> Close | None:
        """The close in force (None when open)."""
        return self.last_close if self.closed_now else None

    @property
    def closed(self) -> date | None:
        close = self.close
        return close.day if close is not None else None

    @property
    def disposition(self) -> str | None:
        close = self.close
        return close.disposition if close is not None else None

    @property
    def duplicate_of(self) -> str | None:
        close = self.close
        return close.of if close is not None else None

    @property
    def satisfaction(self) -> str | None:
        return self.followup.satisfaction if self.followup is not None else None

    def summary(self) -> dict[str, Any]:
        """The file's summary keys (`SUMMARY_KEYS`) as this state says they should read."""
        return {key: getattr(self, key) for key in SUMMARY_KEYS}


def _key(value: Any) -> Any:
    """An enum member's key (a StrEnum already is one); anything else as it is."""
    return getattr(value, "value", value)


def state_at(
    events: Iterable[EventLike], received: date, t: date | None = None, fallback_deadline: date | None = None
) -> State:
    """The state at the end of day `t` (None: after the whole history).

    `fallback_deadline` stands for the deadline when no event set one (a history `check`
    refuses; readers pass the file's `deadline` so that they can still show something)."""
    level = INITIAL_LEVEL
    deadline: date | None = None
    owner: str | None = None
    owner_cadre: str | None = None
    supervised = False
    lead: str | None = None
    lead_cadre: str | None = None
    closed_now = False
    last_close: Close | None = None
    last_followup: FollowUp | None = None
    followup: FollowUp | None = None
    for event in events:
        if t is not None and event.day > t:
            continue
        action = _key(event.action)
        if action == "opened" and event.level is not None:
            level = _key(event.level)
        elif action == "escalated" and event.to is not None:
            level = _key(event.to)
        if action in DEADLINE_ACTIONS and event.deadline is not None:
            deadline = event.deadline
        if action in OWNER_ACTIONS and event.owner is not None:
            owner, owner_cadre = event.owner, event.owner_cadre
        if action == "closed":
            closed_now = True
            last_close = Close(
                event.day, _key(event.disposition), level, deadline or fallback_deadline, event.of
            )
        elif action == "reopened":
            closed_now = False
            followup = None
        elif action == "followed-up":
            last_followup = followup = FollowUp(event.day, _key(event.satisfaction))
        elif action == "supervised":
            supervised = True
            lead, lead_cadre = event.lead, event.lead_cadre
    return State(
        exists=t is None or received <= t,
        closed_now=closed_now,
        level=level,
        deadline=deadline or fallback_deadline,
        owner=owner,
        owner_cadre=owner_cadre,
        supervised=supervised,
        lead=lead,
        lead_cadre=lead_cadre,
        last_close=last_close,
        last_followup=last_followup,
        followup=followup,
    )


def at(issue: Any, t: date | None = None) -> State:
    """`state_at` of an issue's facts (`ledger.facts.IssueFacts`: `.events`, `.received`)."""
    return state_at(issue.events, issue.received, t, issue.deadline)


def of_record(issue: Any, t: date | None = None) -> State:
    """`state_at` of a validated `ledger.issue.Issue` (`.history`)."""
    return state_at(issue.history, issue.received, t, issue.deadline)

"""The slim, read-only view of an issue that listings, reports and cross-record checks use.

Validating a full pydantic `Issue` costs tens of microseconds; a county ledger has 100,000 of
them. So every whole-ledger reader works on `IssueFacts`: made once from a validated `Issue`,
stored in the index (`ledger.scan`), and turned back into the same facts without pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ledger.issue import Issue


@dataclass(frozen=True, slots=True)
class EventFacts:
    """One history event: its calendar day (in its own offset) and what it changed."""

    at: str  # ISO 8601 with offset, as written in the file
    day: date
    action: str
    by: str
    to: str | None = None  # escalated: the new level
    deadline: date | None = None  # opened/escalated/extended/reopened/supervised: the deadline it set
    disposition: str | None = None  # closed
    of: str | None = None  # closed as duplicate: the issue it repeats
    satisfaction: str | None = None  # followed-up
    owner: str | None = None  # opened/escalated/assigned: the owner it set
    level: str | None = None  # opened: the level it was entered at (village when None)
    owner_cadre: str | None = None  # with owner: the owner's cadre id
    lead: str | None = None  # supervised: the lead
    lead_cadre: str | None = None  # supervised: the lead's cadre id


@dataclass(frozen=True, slots=True)
class IssueFacts:
    """An issue file's facts. The summary keys (`status`, `level`, `deadline`, `owner`, …) are
    what `ledger.state` says at the end of the history, never the file's own words: `declared`
    holds those (in `state.SUMMARY_KEYS` order) when any of them differs, for `check`."""

    number: str
    file: str  # path relative to the ledger root
    title: str
    village: str
    category: str
    source: str
    received: date
    owner: str | None
    level: str
    status: str
    deadline: date
    private: bool
    disposition: str | None
    duplicate_of: str | None
    closed: date | None
    satisfaction: str | None
    reporter_name: str | None
    topics: tuple[str, ...]
    events: tuple[EventFacts, ...]
    owner_cadre: str | None = None
    supervised: bool = False
    lead: str | None = None
    lead_cadre: str | None = None
    visit: str | None = None
    declared: tuple[Any, ...] | None = None  # the file's summary keys, when they differ

    @property
    def sort_key(self) -> tuple[str, int]:
        return number_key(self.number)


@dataclass(frozen=True, slots=True)
class Case:
    """What the attention lists (`report overdue`, `report alerts`) show of an issue beside its
    state at the day: the index keeps these for the issues that may need attention, so a warm
    list unpacks no history. `IssueFacts` has the same attributes and serves as well."""

    number: str
    file: str
    title: str
    village: str
    category: str
    received: date
    sort_key: tuple[str, int]  # `number_key(number)`, worked out when the index keeps the case


def number_key(number: str) -> tuple[str, int]:
    """A normalized issue number (`42`, `QL-42`) as (prefix, n): the order issues are listed in."""
    prefix, _, digits = number.rpartition("-")
    return prefix, int(digits)


def facts_of(issue: Issue, file: str) -> IssueFacts:
    from ledger.state import SUMMARY_KEYS, of_record

    events = tuple(
        EventFacts(
            at=e.at.isoformat(),
            day=e.day,
            action=str(e.action.value if hasattr(e.action, "value") else e.action),
            by=e.by,
            to=_key(e.to),
            deadline=e.deadline,
            disposition=_key(e.disposition),
            of=e.of,
            satisfaction=_key(e.satisfaction),
            owner=e.owner,
            level=_key(e.level),
            owner_cadre=e.owner_cadre,
            lead=e.lead,
            lead_cadre=e.lead_cadre,
        )
        for e in issue.history
    )
    now = of_record(issue)
    derived = now.summary()
    written = tuple(getattr(value, "value", value) for value in (getattr(issue, k) for k in SUMMARY_KEYS))
    declared = None if written == tuple(derived.values()) else written
    return IssueFacts(
        number=issue.number,
        file=file,
        title=issue.title,
        village=issue.village,
        category=_key(issue.category) or "",
        source=_key(issue.source) or "",
        received=issue.received,
        owner=derived["owner"],
        level=derived["level"],
        status=derived["status"],
        deadline=derived["deadline"],
        private=bool(issue.private),
        disposition=derived["disposition"],
        duplicate_of=derived["duplicate_of"],
        closed=derived["closed"],
        satisfaction=derived["satisfaction"],
        reporter_name=issue.reporter.name if issue.reporter else None,
        topics=tuple(issue.topics),
        events=events,
        owner_cadre=derived["owner_cadre"],
        supervised=derived["supervised"],
        lead=derived["lead"],
        lead_cadre=derived["lead_cadre"],
        visit=issue.visit,
        declared=declared,
    )


def _key(value: Any) -> str | None:
    if value is None:
        return None
    return str(getattr(value, "value", value))

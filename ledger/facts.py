"""The slim, read-only view of an issue that listings, reports and cross-record checks use.

Validating a full pydantic `Issue` costs tens of microseconds; a county ledger has 100,000 of
them. So every whole-ledger reader works on `IssueFacts`: made once from a validated `Issue`,
stored in the index (`ledger.scan`), and turned back into the same facts without pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
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
    deadline: date | None = None  # opened/escalated/extended/reopened: the deadline it set
    disposition: str | None = None  # closed
    of: str | None = None  # closed as duplicate: the issue it repeats
    satisfaction: str | None = None  # followed-up
    owner: str | None = None  # opened/escalated/assigned: the owner it set


@dataclass(frozen=True, slots=True)
class IssueFacts:
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

    @property
    def sort_key(self) -> tuple[str, int]:
        return number_key(self.number)


def number_key(number: str) -> tuple[str, int]:
    """A normalized issue number (`42`, `QL-42`) as (prefix, n): the order issues are listed in."""
    prefix, _, digits = number.rpartition("-")
    return prefix, int(digits)


def facts_of(issue: Issue, file: str) -> IssueFacts:
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
        )
        for e in issue.history
    )
    return IssueFacts(
        number=issue.number,
        file=file,
        title=issue.title,
        village=issue.village,
        category=_key(issue.category) or "",
        source=_key(issue.source) or "",
        received=issue.received,
        owner=issue.owner,
        level=_key(issue.level) or "",
        status=_key(issue.status) or "",
        deadline=issue.deadline,
        private=bool(issue.private),
        disposition=_key(issue.disposition),
        duplicate_of=issue.duplicate_of,
        closed=issue.closed,
        satisfaction=_key(issue.satisfaction),
        reporter_name=issue.reporter.name if issue.reporter else None,
        topics=tuple(issue.topics),
        events=events,
    )


def _key(value: Any) -> str | None:
    if value is None:
        return None
    return str(getattr(value, "value", value))


def to_row(facts: IssueFacts) -> list[Any]:
    """A JSON-ready list (for the index); `from_row` is its exact inverse."""
    return [
        facts.number, facts.file, facts.title, facts.village, facts.category, facts.source,
        facts.received.isoformat(), facts.owner, facts.level, facts.status,
        facts.deadline.isoformat(), facts.private, facts.disposition, facts.duplicate_of,
        facts.closed.isoformat() if facts.closed else None, facts.satisfaction,
        facts.reporter_name, list(facts.topics),
        [
            [e.at, e.action, e.by, e.to, e.deadline.isoformat() if e.deadline else None,
             e.disposition, e.of, e.satisfaction, e.owner]
            for e in facts.events
        ],
    ]  # fmt: skip


def from_row(row: list[Any]) -> IssueFacts:
    number, file, title, village, category, source, received, owner, level, status = row[:10]
    deadline, private, disposition, duplicate_of, closed, satisfaction = row[10:16]
    reporter_name, topics, events = row[16:]
    d = date.fromisoformat
    return IssueFacts(
        number, file, title, village, category, source, d(received), owner, level, status,
        d(deadline), private, disposition, duplicate_of, d(closed) if closed else None,
        satisfaction, reporter_name, tuple(topics),
        tuple(
            EventFacts(at, datetime.fromisoformat(at).date(), action, by, to,
                       d(dl) if dl else None, disp, of, sat, own)
            for at, action, by, to, dl, disp, of, sat, own in events
        ),
    )  # fmt: skip

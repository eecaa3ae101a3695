"""What `issue show` and `issue log` print of one issue: one library call each.

Read from the raw file without pydantic (these two commands start fast, tests/test_startup.py),
but with the same values every listing gives for the same file: vocabulary keys for what the
file may spell as a Chinese label (`category: 实际困难` → `hardship`), trimmed text, and the
summary keys (`status`, `level`, `deadline`, `owner`, `closed`, …) as `ledger.state` reads the
history, never the file's own words (`check` names a file whose words differ).
"""

from __future__ import annotations

import datetime as _dt
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ledger.store import Ledger

JSON_KEYS = (
    "number", "title", "detail", "category", "topics", "village", "township", "source", "received",
    "reporter", "owner", "owner_cadre", "visit", "level", "status", "deadline", "private", "disposition",
    "duplicate_of",
    "closed", "satisfaction", "supervised", "lead", "lead_cadre", "history",
)  # fmt: skip

# Event keys that hold a vocabulary, and the vocabulary (by name in ledger.enums).
_EVENT_ENUMS = {
    "action": "Action", "to": "Level", "from": "Level", "level": "Level",
    "disposition": "Disposition", "satisfaction": "Satisfaction",
}  # fmt: skip


def issue_view(ledger: Ledger, typed: str, *, names: bool = False) -> dict[str, Any]:
    """The issue `typed` (`42`, `#42`, `QL-42`) as `issue show` prints it, in the shape of
    `Issue.to_json` (SPEC keys, township from its village). With `names`, for a table, also
    `village_name` and `township_name` (大坡村, 青龙镇; None when unreadable)."""
    data = _raw(ledger, typed)
    from ledger.enums import Category, Disposition, Level, Satisfaction, Source, Status

    record: dict[str, Any] = {key: data.get(key) for key in JSON_KEYS}
    record["number"] = None if data.get("number") is None else str(data["number"])
    for key in ("title", "detail"):
        if isinstance(record[key], str):
            record[key] = record[key].strip()  # as the model reads it (a `detail: |` block)
    record["category"] = _key(data.get("category"), Category)
    record["source"] = _key(data.get("source"), Source) or "visit"
    from ledger.placenames import township_of

    record["township"] = township_of(ledger, data.get("village"))
    record["topics"] = list(data.get("topics") or [])
    reporter = data.get("reporter") if isinstance(data.get("reporter"), dict) else {}
    record["reporter"] = {k: reporter.get(k) for k in ("name", "phone", "household")}
    if record["private"] is None:
        record["private"] = record["category"] == Category.conduct.value
    record["history"] = _events(data)
    now = _state(data, record["history"])
    if now is not None:
        for key in ("status", "level", "deadline", "owner", "owner_cadre", "closed", "disposition",
                    "duplicate_of", "satisfaction", "supervised", "lead", "lead_cadre"):  # fmt: skip
            record[key] = getattr(now, key)
    record["supervised"] = bool(record["supervised"])
    record["status"] = _key(record["status"], Status)
    record["level"] = _key(record["level"], Level)
    record["disposition"] = _key(record["disposition"], Disposition)
    record["satisfaction"] = _key(record["satisfaction"], Satisfaction)
    if record["duplicate_of"] is not None:
        record["duplicate_of"] = str(record["duplicate_of"])
    if names:
        from ledger.placenames import name_of

        record["village_name"] = name_of(ledger, "village", record["village"])
        record["township_name"] = name_of(ledger, "township", record["township"])
    return record


def issue_history(ledger: Ledger, typed: str) -> list[dict[str, Any]]:
    """The history of issue `typed` as `issue log` prints it: each event's keys as written,
    vocabularies as their keys."""
    return _events(_raw(ledger, typed))


def _raw(ledger: Ledger, typed: str) -> dict[str, Any]:
    from ledger.numbers import find_path

    path, _ = find_path(ledger, typed)
    return ledger.read_raw(path)


def _key(value: Any, enum: Any) -> Any:
    """A vocabulary value as its key (a Chinese label too); anything unknown as it is."""
    if value is None:
        return None
    member = enum.lookup(value)
    return member.value if member is not None else value


def _events(data: dict[str, Any]) -> list[dict[str, Any]]:
    from ledger import enums

    events = []
    for event in data.get("history") or []:
        if not isinstance(event, dict):
            continue
        shown = dict(event)
        for key, enum in _EVENT_ENUMS.items():
            if key in shown:
                shown[key] = _key(shown[key], getattr(enums, enum))
        events.append(shown)
    return events


def _state(data: dict[str, Any], events: list[dict[str, Any]]) -> Any:
    """What `ledger.state` says after the whole history; None for a history it cannot read
    (a hand edit `check` names), when the file's own words are shown."""
    from ledger.state import state_at

    received = data.get("received")
    if not isinstance(received, _dt.date) or not events:
        return None
    read = []
    for event in events:
        day = _day(event.get("at"))
        deadline = event.get("deadline")
        if day is None or (deadline is not None and not isinstance(deadline, _dt.date)):
            return None
        of = event.get("of")
        read.append(
            SimpleNamespace(  # a raw event with the attributes `ledger.state` reads (EventLike)
                day=day,
                action=event.get("action"),
                level=event.get("level"),
                to=event.get("to"),
                deadline=deadline,
                owner=_text(event.get("owner")),
                owner_cadre=_text(event.get("owner_cadre")),
                lead=_text(event.get("lead")),
                lead_cadre=_text(event.get("lead_cadre")),
                disposition=event.get("disposition"),
                of=None if of is None else str(of),
                satisfaction=event.get("satisfaction"),
            )
        )
    fallback = data.get("deadline") if isinstance(data.get("deadline"), _dt.date) else None
    return state_at(read, received, None, fallback)


def _day(at: Any) -> _dt.date | None:
    """An event's calendar day in the offset its `at` carries (SPEC §4)."""
    if isinstance(at, _dt.datetime):
        return at.date()
    if isinstance(at, str):
        try:
            return _dt.date.fromisoformat(at.strip()[:10])
        except ValueError:
            return None
    return None


def _text(value: Any) -> str | None:
    return None if value is None else str(value).strip()

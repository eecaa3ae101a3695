"""Issues (问题/诉求): one resident's need, from the visit that recorded it to the follow-up."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Self

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, ConfigDict, Field, model_validator

from ledger.enums import (
    Action,
    Category,
    Disposition,
    Level,
    Satisfaction,
    Source,
    Status,
)
from ledger.errors import FieldProblem
from ledger.record import (
    CadreId,
    Code,
    LongText,
    Part,
    Record,
    ShortText,
    _stringify,
    as_date,
    enum_field,
    record_id,
    schema_keywords,
)

NUMBER_PATTERN = r"^([A-Z][A-Z0-9]{0,9}-)?[1-9][0-9]{0,8}$"
_NUMBER_RE = re.compile(NUMBER_PATTERN)


VisitId = Annotated[str, record_id("visit", "V12 or QL-V12")]


def _number(value: str) -> str:
    if not _NUMBER_RE.fullmatch(value):
        raise FieldProblem("value.number_such_as")
    return value


schema_keywords(_number, pattern=NUMBER_PATTERN)
IssueNumber = Annotated[str, BeforeValidator(_stringify), AfterValidator(_number)]
Day = Annotated[date, BeforeValidator(as_date)]
Topic = Annotated[
    str,
    AfterValidator(
        schema_keywords(
            lambda v: _topic(v), minLength=1, maxLength=40, pattern=r"^[^\x00-\x1f]*\S[^\x00-\x1f]*$"
        )
    ),
]


def _topic(value: str) -> str:
    value = value.strip()
    if not value or len(value) > 40 or any(ch < " " for ch in value):
        raise FieldProblem("value.topic")
    return value


def _aware(value: Any) -> Any:
    # ruamel reads an unquoted timestamp as a datetime; quoted ones arrive as strings.
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            return value
    return value


# A time with its offset (`+08:00`, `Z`): a time without one is refused.
schema_keywords(
    _aware, pattern=r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}(:?\d{2})?)$"
)
When = Annotated[AwareDatetime, BeforeValidator(_aware)]

# Which fields each kind of event must carry, and which it may carry.
_REQUIRED: dict[Action, tuple[str, ...]] = {
    Action.opened: ("deadline",),
    Action.escalated: ("from_", "to", "reason", "deadline"),
    Action.assigned: ("owner",),
    Action.extended: ("deadline", "reason"),
    Action.noted: ("note",),
    Action.closed: ("disposition", "note"),
    Action.reopened: ("reason", "deadline"),
    Action.followed_up: ("satisfaction",),
    Action.supervised: ("lead", "reason"),
}
_ALLOWED: dict[Action, tuple[str, ...]] = {
    Action.opened: ("deadline", "owner", "owner_cadre", "level"),
    Action.escalated: ("from_", "to", "reason", "deadline", "owner", "owner_cadre"),
    Action.assigned: ("owner", "owner_cadre"),
    Action.extended: ("deadline", "reason"),
    Action.noted: ("note",),
    Action.closed: ("disposition", "note", "of"),
    Action.reopened: ("reason", "deadline"),
    Action.followed_up: ("satisfaction", "note"),
    Action.supervised: ("lead", "lead_cadre", "reason", "deadline"),
}
_OPTIONAL_FIELDS = (
    "level", "from_", "to", "reason", "owner", "owner_cadre", "deadline", "disposition", "of", "note",
    "satisfaction", "lead", "lead_cadre",
)  # fmt: skip
# Issue keys added with SPEC §8–§10: written to a file only when set, so files without them
# (every file made before) read and write back unchanged.
_ADDED_KEYS = ("owner_cadre", "visit", "supervised", "lead", "lead_cadre", "ref")


def _per_action(schema: dict[str, Any]) -> None:
    """The event's schema says, action by action, the fields it needs and may carry, as
    `_fields_fit_action` checks them (an action may be written as its Chinese label)."""
    rules = []
    for action in Action:
        required = [f.rstrip("_") for f in _REQUIRED[action]]
        barred = [f.rstrip("_") for f in _OPTIONAL_FIELDS if f not in _ALLOWED[action]]
        then: dict[str, Any] = {"required": required}
        present = {f: {"not": {"type": "null"}} for f in required}
        then["properties"] = present | {f: {"type": "null"} for f in barred}  # null: as if absent
        names = [action.value, *Action.labels()[action.value]]
        when = {"properties": {"action": {"enum": names}}, "required": ["action"]}
        rules.append({"if": when, "then": then})
    schema["allOf"] = rules


class Reporter(Part):
    """Who raised the issue. All optional: many residents prefer not to give a name."""

    name: ShortText | None = None
    phone: ShortText | None = None
    household: ShortText | None = Field(default=None, description="Household or address.")


class Event(Part):
    """One line of an issue's history: who did what, when, and why. Append-only."""

    at: When = Field(description="When it happened, ISO 8601 with offset.")
    by: ShortText = Field(description="Who recorded it (the actor).")
    action: enum_field(Action)  # type: ignore[valid-type]
    level: enum_field(Level) | None = None  # type: ignore[valid-type]
    from_: enum_field(Level) | None = Field(default=None, alias="from")  # type: ignore[valid-type]
    to: enum_field(Level) | None = None  # type: ignore[valid-type]
    reason: LongText | None = None
    owner: ShortText | None = None
    owner_cadre: CadreId | None = Field(default=None, description="The owner's cadre id, when a cadre.")
    deadline: Day | None = None
    disposition: enum_field(Disposition) | None = None  # type: ignore[valid-type]
    of: IssueNumber | None = Field(default=None, description="The issue a duplicate repeats.")
    note: LongText | None = None
    satisfaction: enum_field(Satisfaction) | None = None  # type: ignore[valid-type]
    lead: ShortText | None = Field(default=None, description="Supervised: the lead (包案领导).")
    lead_cadre: CadreId | None = Field(default=None, description="The lead's cadre id, when a cadre.")

    model_config = ConfigDict(**Record.model_config, populate_by_name=True, json_schema_extra=_per_action)

    @model_validator(mode="after")
    def _fields_fit_action(self) -> Self:
        action = Action(self.action)
        missing = [f for f in _REQUIRED[action] if getattr(self, f) is None]
        if missing:
            names = ", ".join(m.rstrip("_") for m in missing)
            raise FieldProblem("value.event_needs", action=action.value, names=names)
        extra = [f for f in _OPTIONAL_FIELDS if getattr(self, f) is not None and f not in _ALLOWED[action]]
        if extra:
            names = ", ".join(m.rstrip("_") for m in extra)
            raise FieldProblem("value.event_extra", action=action.value, names=names)
        if self.owner_cadre is not None and self.owner is None:
            raise FieldProblem("value.owner_cadre")
        if self.lead_cadre is not None and self.lead is None:
            raise FieldProblem("value.lead_cadre")
        if action is Action.closed and (self.disposition == Disposition.duplicate) != (self.of is not None):
            raise FieldProblem("value.duplicate_of")
        return self

    @property
    def day(self) -> date:
        """The event's calendar date in the offset it carries (SPEC §4)."""
        return self.at.date()

    def to_yaml(self) -> dict[str, Any]:
        return {k: v for k, v in super().to_yaml().items() if v is not None}

    def to_json(self) -> dict[str, Any]:
        data = self.model_dump(mode="json", by_alias=True, exclude_none=True)
        return data | {"at": self.at.isoformat()}


class Issue(Record):
    """One entry of the ledger (民情台账)."""

    number: IssueNumber = Field(description="Its number, never reused (42 or QL-42).")
    title: ShortText = Field(description="One line saying what the resident needs.")
    detail: LongText | None = Field(default=None, description="The longer account.")
    category: enum_field(Category)  # type: ignore[valid-type]
    topics: list[Topic] = Field(default_factory=list, description="Free tags: water, roads, …")
    village: Code = Field(description="Code of the village where it was raised.")
    source: enum_field(Source) = Source.visit  # type: ignore[valid-type]
    received: Day = Field(description="The day it was received.")
    reporter: Reporter | None = None
    owner: ShortText | None = Field(default=None, description="Responsible person (首访负责制).")
    owner_cadre: CadreId | None = Field(default=None, description="The owner's cadre id, when a cadre.")
    visit: VisitId | None = Field(default=None, description="The visit it was raised on.")
    level: enum_field(Level) = Level.village  # type: ignore[valid-type]
    status: enum_field(Status) = Status.open  # type: ignore[valid-type]
    deadline: Day = Field(description="The day by which it must be closed (办结时限).")
    private: bool | None = Field(
        default=None, description="Kept off the public board; default true for conduct."
    )
    disposition: enum_field(Disposition) | None = None  # type: ignore[valid-type]
    duplicate_of: IssueNumber | None = Field(default=None, description="When a duplicate.")
    closed: Day | None = Field(default=None, description="The day it was closed out (销号).")
    satisfaction: enum_field(Satisfaction) | None = None  # type: ignore[valid-type]
    supervised: bool = Field(default=False, description="A supervised case (挂牌督办).")
    lead: ShortText | None = Field(default=None, description="Its lead (包案领导), when supervised.")
    lead_cadre: CadreId | None = Field(default=None, description="The lead's cadre id, when a cadre.")
    ref: ShortText | None = Field(default=None, description="Its number in an imported 台账 (序号).")
    history: list[Event] = Field(default_factory=list, description="Events, oldest first.")

    @model_validator(mode="after")
    def _default_private(self) -> Self:
        if self.private is None:
            # Bypass validate_assignment: this is part of construction, not a later change.
            object.__setattr__(self, "private", Category(self.category) is Category.conduct)
        return self

    @property
    def last_event(self) -> Event | None:
        return self.history[-1] if self.history else None

    def to_yaml(self) -> dict[str, Any]:
        data = super().to_yaml()
        data["history"] = [event.to_yaml() for event in self.history]
        for key in _ADDED_KEYS:
            if data.get(key) in (None, False):
                del data[key]
        if self.reporter is None:
            del data["reporter"]
        else:
            data["reporter"] = {k: v for k, v in data["reporter"].items() if v is not None}
        return data

    def to_json(self, township: str | None = None) -> dict[str, Any]:
        """SPEC §3 keys; `township` is derived from the village by the caller."""
        data = self.model_dump(mode="json", by_alias=True)
        data["history"] = [event.to_json() for event in self.history]
        data["reporter"] = (self.reporter or Reporter()).model_dump(mode="json")
        ordered: dict[str, Any] = {}
        for key, value in data.items():
            ordered[key] = value
            if key == "village":
                ordered["township"] = township
        return ordered

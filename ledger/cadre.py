"""Cadres (干部): the roster of people who visit, own issues and live in the villages."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Self

from pydantic import BeforeValidator, Field, model_validator

from ledger.enums import Rank
from ledger.errors import FieldProblem
from ledger.record import CadreId, Code, Record, ShortText, as_date, enum_field

Day = Annotated[date, BeforeValidator(as_date)]


class Targets(Record):
    """Yearly targets (年度目标): days lived in villages, households visited, deeds done."""

    days: int | None = Field(default=None, ge=0, le=366, description="住村天数 a year.")
    households: int | None = Field(default=None, ge=0, le=1_000_000, description="走访户数 a year.")
    deeds: int | None = Field(default=None, ge=0, le=100_000, description="实事 a year.")


class Cadre(Record):
    """One cadre on the roster."""

    id: CadreId = Field(description="C1, C2, … (with the office prefix: QL-C1).")
    name: ShortText = Field(description="Unique on the roster: 张伟(水务局) tells two 张伟 apart.")
    rank: enum_field(Rank) = Field(  # type: ignore[valid-type]
        description="province, prefecture, county, township, village."
    )
    unit: ShortText | None = Field(default=None, description="工作单位.")
    post: ShortText | None = Field(default=None, description="职务.")
    phone: ShortText | None = Field(default=None, description="A work phone (printed on cards).")
    township: Code | None = Field(default=None, description="Home township code.")
    since: Day = Field(description="First active day.")
    until: Day | None = Field(default=None, description="Last active day, when the cadre has left.")
    targets: Targets | None = Field(default=None, description="Overrides the ledger's, key by key.")

    @model_validator(mode="after")
    def _until_after_since(self) -> Self:
        if self.until is not None and self.until < self.since:
            raise FieldProblem("value.until_before_since")
        return self

    def active_on(self, day: date) -> bool:
        return self.since <= day and (self.until is None or day <= self.until)

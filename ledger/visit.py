"""Visits (走访记录, the 民情日记): who went to which village on which day, and what came of it."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Self

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from ledger.enums import VisitKind
from ledger.errors import FieldProblem
from ledger.kinds import KINDS
from ledger.record import (
    CadreId,
    Code,
    LongText,
    Record,
    ShortText,
    _stringify,
    as_date,
    enum_field,
    record_id,
    schema_keywords,
)

_NUMBER_RE = re.compile(KINDS["issue"].pattern)


def _issue_number(value: str) -> str:
    if not _NUMBER_RE.fullmatch(value):
        raise FieldProblem("value.issue_number")
    return value


schema_keywords(_issue_number, pattern=_NUMBER_RE.pattern)
VisitId = Annotated[str, record_id("visit", "V3 or QL-V3")]
IssueNumber = Annotated[str, BeforeValidator(_stringify), AfterValidator(_issue_number)]
Day = Annotated[date, BeforeValidator(as_date)]


class Visit(Record):
    """One visit by a team of one or more cadres to one village on one day."""

    id: VisitId = Field(description="V1, V2, … (with the office prefix: QL-V1).")
    date: Day = Field(description="The day of the visit.")
    village: Code = Field(description="Code of the village visited.")
    cadres: list[CadreId] = Field(min_length=1, description="Cadre ids, first visitor first.")
    kind: enum_field(VisitKind) = Field(  # type: ignore[valid-type]
        default=VisitKind.home, description="home, duty-day, meeting, night."
    )
    households: list[ShortText] = Field(default_factory=list, description="Household labels.")
    people: int = Field(default=0, ge=0, le=1_000_000, description="People met (人次).")
    stayed: bool = Field(default=False, description="The team lived in the village that day (住村).")
    note: LongText | None = None
    answered: list[ShortText] = Field(default_factory=list, description="Answered on the spot.")
    issues: list[IssueNumber] = Field(default_factory=list, description="Issues opened from it.")
    ref: ShortText | None = Field(default=None, description="Reference in an imported sheet.")

    @model_validator(mode="before")
    @classmethod
    def _people_default(cls, data: Any) -> Any:
        # `people` defaults to the number of households visited.
        if isinstance(data, dict) and data.get("people") is None and isinstance(data.get("households"), list):
            data = {**data, "people": len(data["households"])}
        return data

    @model_validator(mode="after")
    def _distinct_cadres(self) -> Self:
        if len(set(self.cadres)) != len(self.cadres):
            raise FieldProblem("value.cadre_twice")
        return self

    def household_keys(self) -> set[tuple[str, str]]:
        """(village, label) of each household visited; labels compared after trimming spaces."""
        return {(self.village, label.strip()) for label in self.households}

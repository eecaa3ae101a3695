"""Pairings (结对): which official or unit answers for which village or households."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Self

from pydantic import BeforeValidator, Field, model_validator

from ledger.enums import PairingKind
from ledger.errors import FieldProblem
from ledger.record import CadreId, Code, Record, ShortText, as_date, enum_field, record_id

PairingId = Annotated[str, record_id("pairing", "P3 or QL-P3")]
Day = Annotated[date, BeforeValidator(as_date)]


class Pairing(Record):
    """One pairing of an official or unit with a village (and maybe some of its households)."""

    id: PairingId = Field(description="P1, P2, … (with the office prefix: QL-P1).")
    kind: enum_field(PairingKind) = Field(  # type: ignore[valid-type]
        description="unit-village, leader-village, cadre-household, first-secretary, work-team."
    )
    party: ShortText = Field(description="The official or the unit (县水务局, 王书记).")
    village: Code = Field(description="Code of the paired village.")
    households: list[ShortText] = Field(default_factory=list, description="Paired households by name.")
    since: Day = Field(description="First day of the pairing.")
    until: Day | None = Field(default=None, description="Last day, when it has ended.")
    visits_per_year: int | None = Field(default=None, ge=0, le=366)
    cadre: CadreId | None = Field(default=None, description="The cadre's id, when the party is one.")

    @model_validator(mode="after")
    def _until_after_since(self) -> Self:
        if self.until is not None and self.until < self.since:
            raise FieldProblem("value.until_before_since")
        return self

    def active_on(self, day: date) -> bool:
        return self.since <= day and (self.until is None or day <= self.until)

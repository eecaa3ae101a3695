"""Pairings (结对): which official or unit answers for which village or households."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Self

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from ledger.enums import PairingKind
from ledger.errors import FieldProblem
from ledger.kinds import id_pattern
from ledger.patterns import PAIRING_ID_PATTERN
from ledger.record import Code, Record, ShortText, as_date, enum_field, schema_keywords

_ID_RE = re.compile(PAIRING_ID_PATTERN)
_CADRE_RE = re.compile(id_pattern("C"))


def _pairing_id(value: str) -> str:
    if not _ID_RE.fullmatch(value):
        raise FieldProblem("value.looks_like", example="P3 or QL-P3")
    return value


def _cadre_id(value: str) -> str:
    if not _CADRE_RE.fullmatch(value):
        raise FieldProblem("value.looks_like", example="C3 or QL-C3")
    return value


schema_keywords(_pairing_id, pattern=_ID_RE.pattern)
schema_keywords(_cadre_id, pattern=_CADRE_RE.pattern)
PairingId = Annotated[str, AfterValidator(_pairing_id)]
CadreRef = Annotated[str, AfterValidator(_cadre_id)]
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
    cadre: CadreRef | None = Field(default=None, description="The cadre's id, when the party is one.")

    @model_validator(mode="after")
    def _until_after_since(self) -> Self:
        if self.until is not None and self.until < self.since:
            raise FieldProblem("value.until_before_since")
        return self

    def active_on(self, day: date) -> bool:
        return self.since <= day and (self.until is None or day <= self.until)

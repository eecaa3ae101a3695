"""`ledger.yaml` (shared by every office, tracked in git) and `ledger.local.yaml` (this copy)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from ledger.enums import Level
from ledger.patterns import office_code
from ledger.record import Record, ShortText

OfficeCode = Annotated[str, AfterValidator(office_code)]


class Deadlines(Record):
    """Days allowed to close an issue at each level (办结时限)."""

    village: int = Field(default=7, ge=1, le=3650)
    township: int = Field(default=15, ge=1, le=3650)
    county: int = Field(default=30, ge=1, le=3650)

    def days(self, level: Level) -> int:
        return int(getattr(self, level.value))


class Settings(Record):
    """The ledger's shared settings, `ledger.yaml`."""

    name: ShortText = Field(description="The ledger's name, e.g. 华宁县民情台账.")
    deadlines: Deadlines = Field(default_factory=Deadlines)
    autocommit: bool = Field(default=False, description="Commit every write to git.")
    lang: Literal["en", "zh"] | None = Field(default=None, description="Language of output.")


class LocalSettings(Record):
    """This working copy's own settings, `ledger.local.yaml` (ignored by git)."""

    office: OfficeCode | None = Field(default=None, description="Number prefix of this copy.")

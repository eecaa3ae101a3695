"""Villages and communities (村/社区): where issues are raised and first handled."""

from __future__ import annotations

from pydantic import Field

from ledger.enums import VillageKind
from ledger.record import Code, Record, ShortText, enum_field


class Village(Record):
    """An administrative village or an urban community."""

    code: Code = Field(description="Short slug, unique across the whole ledger.")
    name: ShortText = Field(description="The village's name (大坡村).")
    township: Code = Field(description="Code of the township it belongs to.")
    kind: enum_field(VillageKind) = Field(  # type: ignore[valid-type]
        default=VillageKind.village, description="village 村 or community 社区."
    )
    households: int | None = Field(default=None, ge=0, description="Number of households (户数).")

"""Townships (乡/镇/街道): the middle level of routing."""

from __future__ import annotations

from pydantic import Field

from ledger.record import Code, Record, ShortText


class Township(Record):
    """A township, town or street office."""

    code: Code = Field(description="Short unique slug, used in file names and commands (qinglong).")
    name: ShortText = Field(description="The township's name as residents know it (青龙镇).")

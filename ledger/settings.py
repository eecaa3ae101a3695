"""`ledger.yaml` (shared by every office, tracked in git) and `ledger.local.yaml` (this copy)."""

from __future__ import annotations

from datetime import tzinfo
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field

from ledger.cadre import Targets
from ledger.enums import Level, Rank
from ledger.patterns import office_code
from ledger.record import Record, ShortText, enum_field

OfficeCode = Annotated[str, AfterValidator(office_code)]


def _offset(text: str) -> str:
    from ledger.dates import parse_offset
    from ledger.errors import FieldProblem

    try:
        parse_offset(text)
    except ValueError:
        raise FieldProblem("value.utc_offset", value=text) from None
    return text


Offset = Annotated[str, AfterValidator(_offset)]


class Deadlines(Record):
    """Days allowed to close an issue at each level (办结时限)."""

    village: int = Field(default=7, ge=1, le=3650)
    township: int = Field(default=15, ge=1, le=3650)
    county: int = Field(default=30, ge=1, le=3650)

    def days(self, level: Level) -> int:
        return int(getattr(self, level.value))


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _default_targets() -> dict[Rank, Targets]:
    """The seeds' yearly targets by rank (SPEC §8)."""
    return {
        Rank.province: Targets(days=3, deeds=2),
        Rank.prefecture: Targets(days=7, deeds=2),
        Rank.county: Targets(days=10, deeds=2),
        Rank.township: Targets(days=60, households=120, deeds=2),
        Rank.village: Targets(households=200, deeds=2),
    }


class Settings(Record):
    """The ledger's shared settings, `ledger.yaml`."""

    name: ShortText = Field(description="The ledger's name, e.g. 华宁县民情台账.")
    deadlines: Deadlines = Field(default_factory=Deadlines)
    autocommit: bool = Field(default=False, description="Commit every write to git.")
    lang: Literal["en", "zh"] | None = Field(default=None, description="Language of output.")
    timezone: Offset | None = Field(
        default=None,
        description="The UTC offset every new event is written in (+08:00), whatever the machine's own; "
        "set by init. Without it, each machine writes its own offset.",
    )
    targets: dict[enum_field(Rank), Targets] = Field(  # type: ignore[valid-type]
        default_factory=_default_targets,
        description="Yearly targets by rank; a rank or key left out has no target.",
    )
    duty_days: list[Weekday] = Field(
        default_factory=lambda: ["tuesday", "thursday"], description="一线工作日 (weekdays)."
    )

    def to_yaml(self) -> dict[str, Any]:
        # `targets` and `duty_days` are written only when set: a ledger.yaml without them
        # follows the defaults, also when a later version changes those.
        data = super().to_yaml()
        if self.timezone is None:
            data.pop("timezone", None)  # an older ledger.yaml stays as it was
        else:
            # Quoted: a YAML 1.1 reader (yamllint, many editors) takes a bare +08:00 for the
            # sexagesimal number 28800, and caseledger's fast reader declines such text.
            from ruamel.yaml.scalarstring import SingleQuotedScalarString

            data["timezone"] = SingleQuotedScalarString(data["timezone"])
        for key in ("targets", "duty_days"):
            if key not in self.model_fields_set:
                data.pop(key, None)
        if "targets" in data:
            data["targets"] = {
                rank: {k: v for k, v in keys.items() if v is not None}
                for rank, keys in data["targets"].items()
            }
        return data

    @property
    def zone(self) -> tzinfo | None:
        """`timezone` as a tzinfo, or None (the machine's offset, for ledgers made before it)."""
        from ledger.dates import parse_offset

        return parse_offset(self.timezone) if self.timezone is not None else None

    def targets_of(self, rank: Rank, own: Targets | None = None) -> Targets:
        """The yearly targets of a cadre of `rank`: the ledger's, overridden key by key by the
        cadre's `own`."""
        base = self.targets.get(rank) or Targets()
        if own is None:
            return base
        merged = base.model_dump()
        merged.update({k: getattr(own, k) for k in own.model_fields_set})
        return Targets(**merged)


class LocalSettings(Record):
    """This working copy's own settings, `ledger.local.yaml` (ignored by git)."""

    office: OfficeCode | None = Field(default=None, description="Number prefix of this copy.")

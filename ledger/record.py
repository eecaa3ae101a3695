"""What every record kind shares: strict pydantic models, checked text and code types, and the
file and line a loaded record came from (kept outside the validated fields)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Annotated, Any, Self

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, PrivateAttr

from ledger.enums import LabeledEnum
from ledger.errors import FieldProblem
from ledger.kinds import KINDS
from ledger.patterns import CODE_PATTERN

_CODE_RE = re.compile(CODE_PATTERN)
# Control characters break terminals, tables and git diffs; tab and newline are fine in details.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_LINE_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

MAX_SHORT_TEXT = 200  # names, titles, reasons shown in one table cell
MAX_LONG_TEXT = 20_000  # details and notes


def schema_keywords(func: Any, **keywords: Any) -> Any:
    """Say what the validator `func` enforces as JSON Schema keywords (`pattern`, `maxLength` …),
    which `ledger/schemas.py` adds to the generated schemas; returns `func`."""
    func.json_schema = keywords
    return func


def record_id(kind: str, example: str) -> Any:
    """The validator of an id of record kind `kind`, a record's own or a reference to one
    (`id: C3`, `cadre: QL-C3`, `owner_cadre`, `cadres: [C1]`): the kind's id pattern
    (`ledger.kinds`, the one rule), else `must look like {example}`; the schema gets the pattern."""
    regex = KINDS[kind].regex

    def check(value: str) -> str:
        if not regex.fullmatch(value):
            raise FieldProblem("value.looks_like", example=example)
        return value

    return AfterValidator(schema_keywords(check, pattern=regex.pattern))


def _text(limit: int, *, multiline: bool) -> Any:
    pattern = _CONTROL_RE if multiline else _LINE_CONTROL_RE

    def check(value: str) -> str:
        value = value.strip()
        if not value:
            raise FieldProblem("value.empty")
        if len(value) > limit:
            raise FieldProblem("value.too_long_text", length=len(value), limit=limit)
        if pattern.search(value):
            raise FieldProblem("value.control")
        return value

    # Not blank, at most `limit` characters (the trimmed text: a close bound for an editor).
    return AfterValidator(schema_keywords(check, minLength=1, maxLength=limit, pattern=r"\S"))


def _code(value: str) -> str:
    if not _CODE_RE.fullmatch(value):
        raise FieldProblem("value.code")
    return value


def _stringify(value: Any) -> Any:
    # A hand-written `code: 7` or `number: 42` is meant as text.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


schema_keywords(_code, pattern=CODE_PATTERN)
_BARE_NUMBER = {"type": "integer", "minimum": 1, "maximum": 999_999_999}  # `number: 42`
schema_keywords(_stringify, anyOf=[{"type": "string"}, _BARE_NUMBER])


def _code_text(value: Any) -> Any:
    # YAML reads an unquoted `017` as 17 and `0x1F` as 31: another village's code. The text as
    # written cannot be recovered from the number, so a number is refused, never converted.
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise FieldProblem("value.code_number", number=value)
    return value


Code = Annotated[str, BeforeValidator(_code_text), AfterValidator(_code)]
ShortText = Annotated[str, _text(MAX_SHORT_TEXT, multiline=False)]
LongText = Annotated[str, _text(MAX_LONG_TEXT, multiline=True)]


def enum_field(enum: type[LabeledEnum]) -> Any:
    """A field of `enum` that also accepts the Chinese labels (written back as the key)."""
    return Annotated[enum, BeforeValidator(enum.coerce)]


@dataclass(frozen=True)
class Origin:
    """Where a loaded record came from, so later errors can say `path:line:`."""

    file: str
    line: int = 1


class Part(BaseModel):
    """Base of every record and of the parts of one (an issue's events, its reporter): unknown
    keys are an error, values are validated on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False)

    def to_yaml(self) -> dict[str, Any]:
        """The record as it is written to its file: plain types, keys in the model's order.

        Dates stay dates so YAML writes them bare (`2026-03-01`); enums become their keys;
        datetimes become ISO strings, which keep their offset exactly.
        """
        data = self.model_dump(mode="python", by_alias=True, exclude=self.yaml_exclude())
        return _plain(data)

    def to_json(self) -> dict[str, Any]:
        """The record as `--format json` prints it (SPEC §3 keys)."""
        return self.model_dump(mode="json", by_alias=True)

    @classmethod
    def yaml_exclude(cls) -> set[str]:
        return set()


class Record(Part):
    """A record kept in its own file, which remembers where it was read from (`origin`).

    A part (`Part`) has no origin: pydantic initialises private attributes on every instance,
    and an issue's events, made ~30,000 times a second on a cold index build, were measured
    spending ~9% of the build there."""

    _origin: Origin | None = PrivateAttr(default=None)

    @property
    def origin(self) -> Origin | None:
        return self._origin

    def located(self, origin: Origin) -> Self:
        self._origin = origin
        return self


def as_date(value: Any) -> Any:
    """Accept `2026-03-01` as a date or a string; pydantic checks the rest."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return value
    return value


# A day as YAML writes it (`2026-03-01`; `20260301` is also ISO 8601), not `2026/3/1`.
schema_keywords(as_date, pattern=r"^\s*\d{4}(-\d{2}-\d{2}|\d{4})\s*$")


def _plain(value: Any) -> Any:
    # Imports at module level and a plain tuple for isinstance: this runs once per node of
    # every record written (an import statement in it made importing 10,000 rows 7x slower).
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    return value


# A cadre's id, on the roster and wherever a record names a cadre (pairings, issues, visits, aid).
CadreId = Annotated[str, record_id("cadre", "C3 or QL-C3")]

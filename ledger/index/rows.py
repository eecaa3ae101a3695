"""A record of a bucketed kind (visit, cadre, aid, pairing) as a marshal tuple, and back.

What the index keeps of a record is what validating its file gave (`Ledger.read_record`), field
by field in the model's order, so that nothing is worked out twice:

- `encode(kind, record)`: the validated record as a tuple of plain values (dates as ordinals,
  enums as their keys, money as the exact decimal string, a nested record as the fields its
  file set), then a bit mask of the fields the file set (`model_fields_set`);
- `decoder(kind)(values, file)`: a light, read-only `Row` with the same attributes, the types
  the model has (dates, enum members, `Decimal`, nested models), and `origin`: what the
  report functions (`people_report`, `aid_report`, `aids.deeds_of`, `bulletin`) read;
- `model_of(kind, row)`: the record model itself again, built without validating (it was
  validated when its file was read), for listings and anything else that wants the model.

How each field is kept follows from the model's annotations (`layout`); a field of a type not
known here is a TypeError when the layout is made, never a silent change.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import cache, partial
from operator import itemgetter
from typing import Any

from ledger.record import Origin  # pydantic: every reader of rows builds models' layouts anyway

PLAIN, DAY, MEMBER, MONEY, NESTED = "plain", "date", "enum", "decimal", "record"
PLAIN_TYPES = (str, int, bool)


def _peel(annotation: Any) -> tuple[Any, bool]:
    """(the type inside `X | None` / `Optional[Annotated[X, …]]`, whether None is allowed)."""
    optional = False
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        if len(args) != 1:
            raise TypeError(f"the index keeps no union {annotation!r}")
        annotation = args[0]
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation, optional


def _codec(annotation: Any) -> tuple[str, Any]:
    inner, _optional = _peel(annotation)
    from pydantic import BaseModel

    if typing.get_origin(inner) is list:
        (item,) = typing.get_args(inner)
        item, item_optional = _peel(item)
        if item in PLAIN_TYPES and not item_optional:
            return PLAIN, None
        raise TypeError(f"the index keeps no list of {item!r}")
    if inner is date:
        return DAY, None
    if inner is Decimal:
        return MONEY, None
    if isinstance(inner, type) and issubclass(inner, Enum):
        return MEMBER, inner
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        for field in inner.model_fields.values():
            if _codec(field.annotation)[0] != PLAIN:
                raise TypeError(f"the index keeps nested records of plain fields only: {inner!r}")
        return NESTED, inner
    if inner in PLAIN_TYPES:
        return PLAIN, None
    raise TypeError(f"the index keeps no field of type {inner!r}")


@cache
def layout(kind: str) -> tuple[type[Any], tuple[tuple[str, str, Any], ...]]:
    """(model, ((field name, codec, enum or nested model), …)) of `kind`, in the model's order."""
    from ledger.kinds import KINDS

    model = KINDS[kind].model()
    return model, tuple((name, *_codec(field.annotation)) for name, field in model.model_fields.items())


def encode(kind: str, record: Any) -> tuple[Any, ...]:
    """The validated `record` of `kind` as a marshal-ready tuple (see the module's doc)."""
    _model, fields = layout(kind)
    out: list[Any] = []
    given = record.model_fields_set
    mask = 0
    for i, (name, codec, _cls) in enumerate(fields):
        value = getattr(record, name)
        if name in given:
            mask |= 1 << i
        if value is None or codec == PLAIN:
            out.append(value)
        elif codec == DAY:
            out.append(value.toordinal())
        elif codec == MEMBER:
            out.append(value.value)
        elif codec == MONEY:
            out.append(str(value))  # exact: Decimal(str(d)) is d, digits and exponent alike
        else:
            out.append({key: getattr(value, key) for key in value.model_fields_set})
    out.append(mask)
    return tuple(out)


class Row(tuple):  # type: ignore[type-arg]
    """A record as the reports read it: its fields by name, `file` and `origin`; read-only."""

    __slots__ = ()
    _kind: str = ""  # the record kind (a field may be called `kind`; none starts with `_`)

    @property
    def file(self) -> str:
        return self[-2]  # type: ignore[no-any-return]

    @property
    def origin(self) -> Any:
        return Origin(self[-2])

    def model(self) -> Any:
        """The record model (not validated again: its file was validated when read)."""
        return model_of(self)

    def __repr__(self) -> str:
        _model, fields = layout(self._kind)
        shown = ", ".join(f"{name}={value!r}" for (name, _c, _x), value in zip(fields, self, strict=False))
        return f"{type(self).__name__}({shown}, file={self.file!r})"


@cache
def row_class(kind: str) -> type[Row]:
    model, fields = layout(kind)
    namespace: dict[str, Any] = {"__slots__": (), "_kind": kind}
    for i, (name, _codec, _cls) in enumerate(fields):
        namespace[name] = property(itemgetter(i), doc=f"{model.__name__}.{name}")
    return type(f"{model.__name__}Row", (Row,), namespace)


class _Days(dict[Any, Any]):
    """Ordinal → date, each made once; None → None."""

    def __missing__(self, ordinal: int | None) -> date | None:
        value = None if ordinal is None else date.fromordinal(ordinal)
        self[ordinal] = value
        return value


@cache
def decoder(kind: str) -> Callable[[tuple[Any, ...], str], Row]:
    """A function (stored tuple, file) → `Row` of `kind`.

    Made from the layout as one tuple expression (`s[0], days[s[1]], …`): a loop over the
    fields cost ~1.2 µs a row, 0.12 s of a warm `report visits` at 100,000 visits."""
    _model, fields = layout(kind)
    names: dict[str, Any] = {
        "new": tuple.__new__,
        "cls": row_class(kind),
        "days": _Days(),
        "Decimal": Decimal,
    }
    parts = []
    for i, (_name, codec, cls) in enumerate(fields):
        if codec == PLAIN:
            parts.append(f"s[{i}]")
        elif codec == DAY:
            parts.append(f"days[s[{i}]]")  # None → None
        elif codec == MEMBER:
            names[f"m{i}"] = cls._value2member_map_
            parts.append(f"(None if s[{i}] is None else m{i}[s[{i}]])")
        elif codec == MONEY:
            parts.append(f"(None if s[{i}] is None else Decimal(s[{i}]))")
        else:
            names[f"n{i}"] = partial(_nested, cls)
            parts.append(f"(None if s[{i}] is None else n{i}(s[{i}]))")
    source = f"def decode(s, file):\n    return new(cls, ({', '.join(parts)}, file, s[{len(fields)}]))\n"
    exec(source, names)
    return names["decode"]  # type: ignore[no-any-return]


def _nested(model: type[Any], given: dict[str, Any]) -> Any:
    """A nested record (the cadre's own `targets`) with exactly the fields its file set."""
    return model.model_construct(_fields_set=set(given), **given)


def model_of(row: Row) -> Any:
    """The record model a `Row` holds, located at its file (`Record.origin`)."""
    return _builder(row._kind)(row, Origin(row.file))


@cache
def _builder(kind: str) -> Callable[[Row, Any], Any]:
    """(row, origin) → the model, as `model_construct(...).located(origin)` makes it.

    `model_construct` costs ~20 µs a record (defaults looked up, private attributes set up
    twice): 2 s of a `visit list` of 100,000. When the model's instance state is the four
    attributes pydantic gives every model, and the private ones are just `_origin`, they are
    set directly, after checking once that the result is the same; otherwise (a pydantic that
    does it differently) `model_construct` is used."""
    model, fields = layout(kind)
    names = tuple(name for name, _c, _x in fields)
    new, put = model.__new__, object.__setattr__
    masks: dict[int, frozenset[str]] = {}

    def given(mask: int) -> set[str]:
        found = masks.get(mask)
        if found is None:
            found = masks[mask] = frozenset(name for i, name in enumerate(names) if mask >> i & 1)
        return set(found)

    def construct(row: Row, origin: Any) -> Any:
        values = dict(zip(names, row, strict=False))
        return model.model_construct(_fields_set=given(row[-1]), **values).located(origin)

    def direct(row: Row, origin: Any) -> Any:
        made = new(model)
        put(made, "__dict__", dict(zip(names, row, strict=False)))  # the fields: not file, mask
        put(made, "__pydantic_fields_set__", given(row[-1]))
        put(made, "__pydantic_extra__", None)
        put(made, "__pydantic_private__", {"_origin": origin})
        return made

    probe = tuple.__new__(row_class(kind), (*([None] * len(names)), "probe.yaml", 1))
    slow, fast = construct(probe, Origin("probe.yaml")), direct(probe, Origin("probe.yaml"))
    state = ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
    if all(getattr(slow, name, None) == getattr(fast, name, None) for name in state) and slow == fast:
        return direct
    return construct


def row_of(kind: str, record: Any, file: str) -> Row:
    """The `Row` of a record just validated (the plain read: the very encoding the index keeps)."""
    return decoder(kind)(encode(kind, record), file)

"""Pydantic's validation errors as the ledger says them: the field, pydantic's English text, and
the catalog key (`value.…`) that says the same in Chinese, with its parameters.

Every converter of a `ValidationError` (reading a record, building one from a command's
options) goes through `describe`, so one bad value reads the same everywhere. The parameters
are plain strings and numbers: problems are kept in the index.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# pydantic error type → catalog key; the parameters are pydantic's own (`ctx`) plus `value`.
_KEYS = {
    "missing": "value.missing",
    "extra_forbidden": "value.extra",
    "enum": "value.enum",
    "literal_error": "value.enum",
    "string_type": "value.text",
    "string_too_long": "value.too_long",
    "string_too_short": "value.empty",
    "int_type": "value.whole_number",
    "int_parsing": "value.whole_number",
    "int_from_float": "value.whole_number",
    "float_type": "value.number",
    "float_parsing": "value.number",
    "decimal_type": "value.number",
    "decimal_parsing": "value.number",
    "greater_than_equal": "value.at_least",
    "greater_than": "value.more_than",
    "less_than_equal": "value.at_most",
    "less_than": "value.less_than",
    "bool_type": "value.bool",
    "bool_parsing": "value.bool",
    "date_type": "value.date",
    "date_parsing": "value.date",
    "date_from_datetime_parsing": "value.date",
    "date_from_datetime_inexact": "value.date",
    "datetime_type": "value.datetime",
    "datetime_parsing": "value.datetime",
    "datetime_from_date_parsing": "value.datetime",
    "timezone_aware": "value.datetime",
    "list_type": "value.list",
    "dict_type": "value.mapping",
    "model_type": "value.mapping",
    "model_attributes_type": "value.mapping",
    "too_long": "value.too_many",
}
_SHOWN = 40  # characters of a bad value quoted in a message


def describe(error: Any, keys: Iterable[str] = ()) -> dict[str, Any]:
    """`field`, `problem` (pydantic's English) and `problem_key` with its parameters, for one
    entry of `ValidationError.errors()`; `ledger.i18n.t` says `problem` by `problem_key` in
    Chinese. `keys`: the record's own keys, to name the one an unknown key was meant to be."""
    from ledger.errors import FieldProblem

    loc = [str(part) for part in error.get("loc", ())]
    params: dict[str, Any] = {
        "field": ".".join(loc).replace("from_", "from") or "record",
        "problem": str(error.get("msg", "invalid")).removeprefix("Value error, "),
    }
    context = error.get("ctx") or {}
    cause = context.get("error")
    if isinstance(cause, FieldProblem):
        params["problem_key"] = cause.key
        params.update({k: _plain(v) for k, v in cause.params.items() if k not in params})
        return params
    params["problem_key"] = _KEYS.get(str(error.get("type")), "value.invalid")
    meant = _meant(loc, keys) if params["problem_key"] == "value.extra" else None
    if meant is not None:
        from ledger.i18n import t

        params["problem_key"], params["suggestion"] = "value.extra_like", meant
        params["problem"] = t("value.extra_like", "en", suggestion=meant)
    for name, value in context.items():
        if name != "error":
            params[name] = _plain(value)
    if "expected" in params:
        params["expected"] = _labelled(_choices(str(params["expected"])))
    params["value"] = _shown(error.get("input"))
    return params


def _meant(loc: list[str], keys: Iterable[str]) -> str | None:
    """The record key an unknown top-level key stands for: one written as its label (电话 for
    `phone`), or misspelt (`villag` for `village`); None when there is no single such key."""
    import difflib

    from ledger.i18n import label

    if len(loc) != 1:
        return None
    typed, known = loc[0].strip(), list(keys)
    by_label = [key for key in known if typed in (label(key), key.replace("_", " "))]
    if len(by_label) == 1:
        return by_label[0]
    close = difflib.get_close_matches(typed.lower(), known, n=2, cutoff=0.8)
    return close[0] if len(close) == 1 else None


def _plain(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _labelled(choices: str) -> str:
    """`_choices`' codes each with its Chinese label (`village（村级）`), when they are the
    members of one labelled vocabulary (`ledger.enums`), which takes either."""
    from ledger import enums

    codes = choices.split("、")
    for vocabulary in enums.LabeledEnum.__subclasses__():
        if {member.value for member in vocabulary} == set(codes):
            return "、".join(f"{code}（{vocabulary(code).zh}）" for code in codes)
    return choices


def _choices(expected: str) -> str:
    """pydantic's `'village' or 'community'` as `village、community`."""
    parts = expected.replace(" or ", ", ").split(", ")
    return "、".join(part.strip().strip("'\"") for part in parts if part.strip())


def build(model: type[Any], **fields: Any) -> Any:
    """Validate user input into a record; the first problem becomes one `Invalid`."""
    from pydantic import ValidationError

    from ledger.errors import Invalid

    try:
        return model(**fields)
    except ValidationError as exc:
        raise Invalid("error.field_value", **describe(exc.errors()[0])) from None

"""Answers typed at a prompt, checked one at a time (SPEC §4): when `issue open` asks a clerk at
a terminal for what the command line left out, each answer is checked as the command will check
it, so a bad one is said at once and asked again, and nothing typed before it is lost."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ledger.errors import Invalid

if TYPE_CHECKING:
    from ledger.store import Ledger

# What `issue open` asks for when it is missing, in the order asked.
OPEN_PROMPTS = ("--village", "--title", "--category")


def open_answer(ledger: Ledger, option: str, text: str) -> str:
    """The value `issue open` takes for `option` from the answer `text`: a village's code (its
    code or its exact name typed), a title as it will be stored, a category's key. A bad answer
    raises the `LedgerError` the command itself would raise."""
    from ledger.typed import check_utf8

    check_utf8([text], "answer")  # said, and asked again
    if option == "--village":
        return ledger.village(text).code
    if option == "--category":
        from ledger.enums import Category

        return Category.parse(text).value
    if option == "--title":
        return _field("Issue", "title", text)
    raise ValueError(option)


def _field(model_name: str, field: str, value: Any) -> Any:
    """`value` checked by the rules of one field of a record model (no other field needed)."""
    from typing import Annotated

    from pydantic import TypeAdapter, ValidationError

    from ledger.kinds import KINDS
    from ledger.validation import describe

    model = KINDS[model_name.lower()].model()
    info = model.model_fields[field]
    adapter: TypeAdapter[Any] = TypeAdapter(Annotated[info.annotation, *info.metadata])  # type: ignore[name-defined]
    try:
        return adapter.validate_python(value)
    except ValidationError as exc:
        error = dict(exc.errors()[0])
        error["loc"] = (field, *error.get("loc", ()))
        raise Invalid("error.field_value", **describe(error)) from None

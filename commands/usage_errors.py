"""click's usage errors (a malformed command line), said in the clerk's language.

click words them in English only (`Missing option '--note'.`, `No such option: -z`, …). In
English they are printed as click says them; in Chinese each kind is said from the catalog,
with the option, argument, command or value it names.
"""

from __future__ import annotations

import re
from typing import Any

from ledger.i18n import t

_EXTRA = re.compile(r"^Got unexpected extra argument\(s\) \((?P<args>.*)\)$", re.DOTALL)
_NO_COMMAND = re.compile(r"^No such command '(?P<name>.*?)'\.(?: Did you mean (?P<like>.*)\?)?$", re.DOTALL)
_NOT_ONE_OF = re.compile(r"'(?P<value>.*)' is not one of ")


def message(exc: Any, lang: str) -> str:
    """The one-line text of click's exception `exc` in `lang`."""
    if lang != "zh":
        return str(exc.format_message())
    from typer._click import exceptions as click

    if isinstance(exc, click.MissingParameter):
        return _missing(exc)
    if isinstance(exc, click.NoSuchOption):
        like = _names(exc.possibilities or ())
        said = t("error.usage.no_option", lang, name=exc.option_name)
        return said + (t("error.usage.did_you_mean", lang, names=like) if like else "")
    if isinstance(exc, click.BadParameter):
        return _bad_value(exc, lang)
    if isinstance(exc, click.BadOptionUsage):
        key = "error.usage.takes_no_value" if "does not take" in exc.message else "error.usage.needs_value"
        return t(key, lang, name=exc.option_name)
    text = str(getattr(exc, "message", "") or exc.format_message())
    if found := _EXTRA.match(text):
        return t("error.usage.extra", lang, args=found["args"])
    if found := _NO_COMMAND.match(text):
        like = found["like"] or ""
        said = t("error.usage.no_command", lang, name=found["name"])
        return said + (t("error.usage.did_you_mean", lang, names=like.replace("'", "")) if like else "")
    if text == "Missing command.":
        return t("error.usage.missing_command", lang)
    return str(exc.format_message())


def _missing(exc: Any) -> str:
    param = exc.param
    if param is not None and param.param_type_name == "argument":
        from caseledger.commands.helptext import argument_name

        return t("error.usage.missing_argument", "zh", name=argument_name(param, "zh"))
    name = next((o for o in getattr(param, "opts", ()) if o.startswith("--")), None) if param else None
    return t("error.usage.missing_option", "zh", name=name or getattr(param, "name", ""))


def _bad_value(exc: Any, lang: str) -> str:
    param = exc.param
    name = "" if param is None else next(iter(sorted(param.opts, key=len, reverse=True)), param.name)
    descriptor = getattr(param, "type_descriptor", None)
    choices = getattr(descriptor, "choices", None) if descriptor is not None else None
    if choices:
        found = _NOT_ONE_OF.search(str(exc.message))
        value = found["value"] if found else ""
        accepted = "、".join(str(getattr(c, "value", c)) for c in choices)
        return t("error.usage.bad_choice", lang, name=name, value=value, accepted=accepted)
    errors = getattr(exc.__cause__, "errors", None)  # Typer's pydantic adapter said why
    if callable(errors):
        from ledger.validation import describe

        said = describe(errors()[0])
        return t("error.usage.value", lang, name=name, problem=t(said["problem_key"], lang, **said))
    return t("error.usage.bad_value", lang, name=name)


def _names(names: Any) -> str:
    return "、".join(sorted(str(n) for n in names))

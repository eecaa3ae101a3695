"""Option values that need no conversion skip Typer's pydantic adapters (start-up, SPEC §7).

Typer 0.29 converts every parameter value through a pydantic `TypeAdapter`, built on first use,
so even `caseledger issue show 7` imports pydantic (~90 ms of a ~280 ms run), if only to learn
that a flag that was not given is None. Most values need no work: the text of a `str` option is
already its value, a flag is already a bool, and a `--format` given as `json`, or left at its
default, is one member lookup away. `install(command)` gives such parameters a
runtime converter that returns exactly what Typer's adapter would for those values and hands
every other value (and every error) to Typer's own converter, built only then.

This reaches into Typer internals (`typer._coercion`, `_TyperParameter._runtime_param`); the
project pins typer < 0.30. When they are not there, `install` does nothing and Typer converts
as it always did, only slower.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from enum import Enum
from types import SimpleNamespace
from typing import Any

try:
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer._param_types import coerce_cli_choice
except ImportError:  # a Typer without these internals: keep its own conversion
    RuntimeParam = None  # type: ignore[assignment,misc]


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class PlainParam(RuntimeParam):  # type: ignore[misc,valid-type]
        """A `str`, `bool` or enum parameter: plain values converted here, the rest by Typer."""

        descriptor: Any = None
        _typer: list[Any] = field(default_factory=list, compare=False, repr=False)

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            annotation = self.annotation
            if annotation is str or annotation is bool:
                if type(value) is annotation:
                    return value  # what Typer's adapter gives back for a str or a bool
            elif type(value) is annotation or (type(value) is str and ctx.token_normalize_func is None):
                try:
                    return coerce_cli_choice(
                        value,
                        choices=list(annotation),
                        case_sensitive=self.parameter_info.case_sensitive,
                        ctx=ctx,
                    )
                except ValueError:
                    pass  # not a choice: Typer's adapter raises its own usage error
            return self.typer()._coerce_value(value, param=param, ctx=ctx)

        def typer(self) -> Any:
            if not self._typer:
                self._typer.append(build_runtime_param(self.descriptor))
            return self._typer[0]


def install(command: Any, help_names: list[str] | None = None) -> None:
    """Give every `str`, `bool` and enum parameter of `command` and its subcommands, their
    `--help` options included, a `PlainParam`."""
    if RuntimeParam is None:
        return
    # The names a context for `command` gets, as click's Context works them out; the help
    # option is made (and cached by click) now rather than while parsing.
    names = getattr(command, "context_settings", {}).get("help_option_names") or help_names or ["--help"]
    from caseledger.commands.context import Placeholder

    if isinstance(command, Placeholder):
        return  # not built in this run: nothing to convert
    params = list(getattr(command, "params", ()))
    with contextlib.suppress(Exception):
        params.append(command.get_help_option(SimpleNamespace(help_option_names=names)))
    for param in params:
        if getattr(param, "_runtime_param", False) is None and _plain(param):
            descriptor = param.type_descriptor
            param._runtime_param = PlainParam(
                parameter_info=descriptor.parameter_info,
                annotation=descriptor.annotation,
                descriptor=descriptor,
            )
    for sub in getattr(command, "commands", {}).values():
        install(sub, names)


def _plain(param: Any) -> bool:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or descriptor.file_annotation is not None:
        return False
    if getattr(descriptor.parameter_info, "parser", None) is not None:
        return False
    if param.multiple or param.nargs != 1:
        return False
    annotation = descriptor.annotation
    return annotation in (str, bool) or (isinstance(annotation, type) and issubclass(annotation, Enum))

"""The one error hierarchy of the library.

Every error carries a catalog key and its parameters, so the command line can say it in the
clerk's language; ``str(error)`` gives the English text for scripts and logs.
"""

from __future__ import annotations

from typing import Any


class LedgerError(Exception):
    """Base of every error the library raises on purpose. Exit code 1 unless said otherwise."""

    exit_code = 1

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def message(self, lang: str = "en") -> str:
        from ledger.i18n import t

        return t(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message("en")


class NotFound(LedgerError):
    """A ledger, record or file that the command names does not exist."""


class Refused(LedgerError):
    """The action is not allowed in the record's present state (closing a closed issue, …)."""


class Invalid(LedgerError):
    """A value or a file breaks the rules of the records (bad enum, bad YAML, unknown village)."""


class UsageError(LedgerError):
    """The command line itself is malformed (a date or number that cannot be read). Exit 2."""

    exit_code = 2


class Busy(LedgerError):
    """Another command held the ledger's lock for longer than we are willing to wait."""


class Interrupted(LedgerError):
    """A Ctrl-C arrived while a write was being made: it was finished first (exit 130)."""

    exit_code = 130


class BadFiles(LedgerError):
    """A whole-ledger reader met record files it cannot use (SPEC §4): unreadable, invalid,
    two claiming one number or id, or named other than by their id. Carries the problems
    (`ledger.store.Problem`); the message names at most `SHOWN` of them."""

    SHOWN = 10

    def __init__(self, problems: list[Any]) -> None:
        self.problems = list(problems)
        super().__init__("error.bad_files", count=len({p.file for p in self.problems}))

    def message(self, lang: str = "en") -> str:
        from ledger.i18n import t

        lines = [t("error.bad_files", lang, count=len({p.file for p in self.problems}))]
        lines += [p.render(lang) for p in self.problems[: self.SHOWN]]
        if len(self.problems) > self.SHOWN:
            lines.append(t("error.bad_files_more", lang, count=len(self.problems) - self.SHOWN))
        lines.append(t("error.bad_files_hint", lang))
        return "\n".join(lines)


class FieldProblem(ValueError):
    """What a model's validator finds wrong with one value: a catalog key (`value.…`) and its
    parameters, so the clerk reads it in their language. Pydantic reports it as a `value_error`
    whose message is the English text (`str(problem)`)."""

    def __init__(self, key: str, **params: Any) -> None:
        from ledger.i18n import t

        self.key = key
        self.params = params
        super().__init__(t(key, "en", **params))


class Explained(Refused):
    """A refusal that needs more than one line: the first says what happened, each further line
    (a catalog key and its params) one thing it concerns: a file, a record, what to do next.
    A param with a `label(lang)` (an enum, a `Word`) is said in the chosen language."""

    def __init__(self, key: str, lines: list[tuple[str, dict[str, Any]]], **params: Any) -> None:
        self.lines = list(lines)
        super().__init__(key, **params)

    def message(self, lang: str = "en") -> str:
        from ledger.i18n import t

        said = [t(self.key, lang, **_said(self.params, lang))]
        said += [t(key, lang, **_said(params, lang)) for key, params in self.lines]
        return "\n".join(said)


class Word:
    """A catalog word as a message param, said in the language the message is said in."""

    def __init__(self, key: str) -> None:
        self.key = key

    def label(self, lang: str) -> str:
        from ledger.i18n import t

        return t(self.key, lang)


def _said(params: dict[str, Any], lang: str) -> dict[str, Any]:
    return {k: v.label(lang) if hasattr(v, "label") else v for k, v in params.items()}

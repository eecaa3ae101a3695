"""What every command shares: the chosen language, the global options and error rendering."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from typer.core import TyperGroup

from ledger.i18n import lang_from_environment, lang_from_locale, normalize_lang, t

if TYPE_CHECKING:
    from ledger.store import Ledger


def _argv_value(argv: list[str], *names: str) -> str | None:
    for index, arg in enumerate(argv):
        for name in names:
            if arg == name and index + 1 < len(argv):
                return argv[index + 1]
            if arg.startswith(name + "="):
                return arg.split("=", 1)[1]
    return None


def _ledger_lang(root_hint: str | None) -> str | None:
    """The `lang:` of the ledger in use, read with a regex so help stays fast."""
    start = Path(root_hint or os.environ.get("CASELEDGER_ROOT") or Path.cwd())
    try:
        start = start.resolve()
        for folder in (start, *start.parents):
            settings = folder / "ledger.yaml"
            if settings.is_file():
                text = settings.read_text(encoding="utf-8", errors="replace")[:4096]
                match = re.search(r"^lang:\s*['\"]?(\w+)", text, re.MULTILINE)
                return normalize_lang(match.group(1)) if match else None
    except OSError:
        return None
    return None


def detect_lang(argv: list[str] | None = None) -> str:
    """--lang, else $CASELEDGER_LANG, else the ledger's lang, else the locale (SPEC §4).

    Decided before the app is built, so that `--help` itself can speak Chinese.
    """
    argv = sys.argv[1:] if argv is None else argv
    return (
        normalize_lang(_argv_value(argv, "--lang"))
        or lang_from_environment()
        or _ledger_lang(_argv_value(argv, "--root", "-C"))
        or lang_from_locale()
    )


LANG = detect_lang()


def h(key: str) -> str:
    """Help text in the language chosen at start-up."""
    return t(key, LANG)


@dataclass
class State:
    """The global options, as resolved for this run."""

    root: str | None = None
    actor_option: str | None = None
    lang: str = LANG
    commit: bool = False
    _ledger: Any = field(default=None, repr=False)
    _said: int = field(default=0, repr=False)

    def ledger(self) -> Ledger:
        if self._ledger is None:
            from ledger.store import Ledger, find_root

            self._ledger = Ledger(find_root(explicit=self.root))
            from ledger.transaction import repair_pending

            repair_pending(self._ledger)  # a unit an interrupted command left half done
            self.say_repairs()
        return self._ledger

    def say_repairs(self) -> None:
        """Tell the clerk (stderr) what this run repaired, each repair once."""
        if self._ledger is None:
            return
        from ledger.safetext import neutral

        for key, params in self._ledger.repairs[self._said :]:
            typer.echo(neutral(t(key, self.lang, **params)), err=True)
        self._said = len(self._ledger.repairs)

    @property
    def actor(self) -> str:
        if self.actor_option and self.actor_option.strip():
            return self.actor_option.strip()
        from ledger.gitops import default_actor

        root = self._ledger.root if self._ledger is not None else None
        return default_actor(root)


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if not isinstance(obj, State):
        obj = State()
        ctx.find_root().obj = obj
    return obj


def fail(message: str, code: int, lang: str) -> typer.Exit:
    """Print `error: …` (one line) on stderr; return the Exit to raise."""
    from ledger.safetext import neutral

    line = neutral(" ".join(message.split("\n")))
    typer.echo(f"{t('error.prefix', lang)}: {line}", err=True)
    return typer.Exit(code)


class LedgerGroup(TyperGroup):
    """The top-level group: the one place where library errors become `error: …` + exit code."""

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        from caseledger.commands import helptext, usage_errors
        from caseledger.commands.coercion import install

        if parent is None:
            install(self)  # plain option values skip Typer's pydantic adapters (start-up time)
            helptext.install(self, LANG)  # help pages in the clerk's language, at any width
        # Bad global options fail here, before invoke: same one-line error as below.
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except NoArgsIsHelpError as exc:
            raise _help_instead(exc) from None
        except ClickException as exc:
            raise fail(usage_errors.message(exc, LANG), exc.exit_code, LANG) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return self._invoke(ctx)
        finally:
            obj = ctx.find_root().obj
            if isinstance(obj, State):
                obj.say_repairs()

    def _invoke(self, ctx: Any) -> Any:
        from ledger.errors import BadFiles, LedgerError

        try:
            return super().invoke(ctx)
        except NoArgsIsHelpError as exc:
            raise _help_instead(exc) from None
        except ClickException as exc:  # a malformed command line: one line, not a rich box
            from caseledger.commands import usage_errors

            raise fail(usage_errors.message(exc, _lang_of(ctx)), exc.exit_code, _lang_of(ctx)) from None
        except LedgerError as exc:
            lang = _lang_of(ctx)
            message = exc.message(lang)
            if isinstance(exc, BadFiles):  # one file a line, `path:line: message` (SPEC §4)
                first, _, rest = message.partition("\n")
                typer.echo(f"{t('error.prefix', lang)}: {first}", err=True)
                typer.echo(rest, err=True)
                raise typer.Exit(exc.exit_code) from None
            where = getattr(exc, "path", None)  # a file that cannot be read names itself
            if where and where not in message:
                message = f"{where}:{getattr(exc, 'line', 1)}: {message}"
            raise fail(message, exc.exit_code, lang) from None
        except KeyboardInterrupt:
            raise fail(t("error.interrupted", _lang_of(ctx)), 130, _lang_of(ctx)) from None
        except OSError as exc:
            detail = f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc)
            raise fail(t("error.os", _lang_of(ctx), detail=detail), 1, _lang_of(ctx)) from None

    def list_commands(self, ctx: Any) -> list[str]:
        # Keep the order commands were added in (setup first, reports last), as the README does.
        return list(self.commands)


def _help_instead(exc: NoArgsIsHelpError) -> typer.Exit:
    """A group run without a command prints its help on stdout (exit 2), as it always did."""
    typer.echo(exc.format_message())
    return typer.Exit(2)


def _lang_of(ctx: Any) -> str:
    obj = ctx.find_root().obj
    return obj.lang if isinstance(obj, State) else LANG

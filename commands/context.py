"""What every command shares: the chosen language, the global options and error rendering."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import MethodType
from typing import TYPE_CHECKING, Any

import typer
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from typer.core import TyperCommand, TyperGroup

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
            from ledger.repairs import repair_pending

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
        from caseledger.commands.coercion import install

        if parent is None:
            self.full_args = [a for a in args or () if isinstance(a, str)]
            _refuse_undecodable(args)  # a GBK terminal's text: refused before anything is read
            accept_global_options_late(self)  # `issue list --lang zh` (SPEC §4)
            install(self)  # plain option values skip Typer's pydantic adapters (start-up time)
            install_help(self)  # help pages in the clerk's language, at any width
        # Bad global options fail here, before invoke: same one-line error as below.
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except NoArgsIsHelpError as exc:
            raise _help_instead(exc) from None
        except ClickException as exc:
            from caseledger.commands import usage_errors

            raise fail(usage_errors.message(exc, LANG), exc.exit_code, LANG) from None

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The command `cmd_name`; one this run had not built (a `Placeholder`) is built now,
        with what `make_context` gave the others."""
        command = self.commands.get(cmd_name)
        if isinstance(command, Placeholder):
            from caseledger.commands.coercion import install

            command = self.commands[cmd_name] = command.load()
            late_options_below([command])
            install(command, self.context_settings.get("help_option_names"))
            install_help(command)
        return command

    def _main_shell_completion(self, ctx_args: Any, prog_name: str, complete_var: str | None = None) -> None:
        # The shell asks for completions through `_CASELEDGER_COMPLETE` (the scripts that
        # `--show-completion` prints), however the program was started (`python -m caseledger`).
        complete_var = "_CASELEDGER_COMPLETE"
        if os.environ.get(complete_var):
            from typer._completion_classes import completion_init

            from caseledger.commands.completion import complete_values

            completion_init()  # Typer's bash/zsh/fish answers, registered only when asked
            complete_values(self)  # village and township codes, vocabularies
        super()._main_shell_completion(ctx_args, "caseledger", complete_var)

    def invoke(self, ctx: Any) -> Any:
        try:
            return self._invoke(ctx)
        finally:
            obj = ctx.find_root().obj
            if isinstance(obj, State):
                obj.say_repairs()

    def _invoke(self, ctx: Any) -> Any:
        from ledger.errors import BadFiles, Explained, LedgerError

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
            # one file (or record) a line, `path:line: message` (SPEC §4), after the error line
            if isinstance(exc, BadFiles | Explained):
                from ledger.safetext import neutral

                first, _, rest = message.partition("\n")
                typer.echo(f"{t('error.prefix', lang)}: {neutral(first)}", err=True)
                for line in rest.splitlines():
                    typer.echo(neutral(line), err=True)
                raise typer.Exit(exc.exit_code) from None
            where = getattr(exc, "path", None)  # a file that cannot be read names itself
            if where and where not in message:
                message = f"{where}:{getattr(exc, 'line', 1)}: {message}"
            raise fail(message, exc.exit_code, lang) from None
        except (KeyboardInterrupt, typer.Abort):  # Ctrl-C, at a prompt too: not click's "Aborted!"
            raise fail(t("error.interrupted", _lang_of(ctx)), 130, _lang_of(ctx)) from None
        except BrokenPipeError:  # `caseledger … | head`: the reader has what it wanted
            quiet_closed_pipe()
            raise typer.Exit(0) from None
        except OSError as exc:
            detail = f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc)
            raise fail(t("error.os", _lang_of(ctx), detail=detail), 1, _lang_of(ctx)) from None

    def list_commands(self, ctx: Any) -> list[str]:
        # Keep the order commands were added in (setup first, reports last), as the README does.
        return list(self.commands)


class Placeholder(TyperCommand):
    """A top-level command this run did not build: its name and help, enough for the listing
    of `caseledger --help` and for suggesting a misspelt command. `LedgerGroup.get_command`
    builds the real one with `load` if the run asks for it after all."""

    def __init__(self, name: str, help: str, load: Callable[[], Any]) -> None:
        super().__init__(name, help=help)
        self.load = load


def install_help(command: Any) -> None:
    """Make `command` and its subcommands print their help with `commands.helptext` in the
    language chosen at start-up; helptext is imported only when a help page is printed."""

    def format_help(self: Any, ctx: Any, formatter: Any) -> None:
        from caseledger.commands.helptext import render

        formatter.write(render(self, ctx, LANG))

    stack = [command]
    while stack:
        one = stack.pop()
        one.format_help = MethodType(format_help, one)
        stack.extend(getattr(one, "commands", {}).values())


def _help_instead(exc: NoArgsIsHelpError) -> typer.Exit:
    """A group run without a command prints its help on stdout (exit 2), as it always did."""
    typer.echo(exc.format_message())
    return typer.Exit(2)


def _lang_of(ctx: Any) -> str:
    obj = ctx.find_root().obj
    return obj.lang if isinstance(obj, State) else LANG


def quiet_closed_pipe() -> None:
    """Point stdout at /dev/null once its reader has gone (`| head`), so that nothing more is
    written into the closed pipe, not even Python's flush at exit (which would print `Broken
    pipe` and exit 120)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real stdout (a test runner's buffer)
        pass


def _refuse_undecodable(args: Any) -> None:
    """Text typed on a terminal set to GBK reaches us as lone surrogates: refuse it (exit 2),
    saying so, before anything is read or written (SPEC §4)."""
    from ledger.errors import LedgerError
    from ledger.typed import check_utf8, undecodable

    args = [a for a in args or () if isinstance(a, str)]
    try:
        check_utf8(args, "argv")
    except LedgerError as exc:
        lang = detect_lang([a for a in args if not undecodable(a)])
        raise fail(exc.message(lang), exc.exit_code, lang) from None


# -- global options after the command ----------------------------------------------------------


def _set_late(ctx: Any, param: Any, value: Any) -> Any:
    """A global option met after the command: it sets what it would have set before it."""
    if value is None or value is False or getattr(ctx, "resilient_parsing", False):
        return value
    st = state(ctx)
    if param.name == "late_lang":
        chosen = normalize_lang(value) if value.strip().lower() in ("en", "zh") else None
        if chosen is None:
            raise fail(t("error.usage.lang", st.lang, value=value), 2, st.lang)
        st.lang = chosen
    elif param.name == "late_root":
        st.root = value
    elif param.name == "late_actor":
        st.actor_option = value
    elif param.name == "late_commit":
        st.commit = True
    return value


def _late_placeholder(
    late_root: str | None = typer.Option(
        None, "--root", "-C", hidden=True, expose_value=False, is_eager=True, callback=_set_late
    ),
    late_actor: str | None = typer.Option(
        None, "--actor", hidden=True, expose_value=False, is_eager=True, callback=_set_late
    ),
    late_lang: str | None = typer.Option(
        None, "--lang", hidden=True, expose_value=False, is_eager=True, callback=_set_late
    ),
    late_commit: bool = typer.Option(
        False, "--commit", hidden=True, expose_value=False, is_eager=True, callback=_set_late
    ),
) -> None:
    """Declares the hidden copies of the global options (never called)."""


def _late_params() -> list[Any]:
    """Hidden, eager copies of the global options, made by Typer as it makes every option."""
    from typer.main import _get_param
    from typer.utils import get_params_from_function

    return [_get_param(meta) for meta in get_params_from_function(_late_placeholder).values()]


def accept_global_options_late(group: Any) -> None:
    """Let `--root/-C`, `--actor`, `--lang` and `--commit` also come after the command
    (`issue list --lang zh`, SPEC §4): each command and group below the top gets hidden copies
    that set the same global state. Only the commands of this run's (trimmed) app are touched,
    not the placeholders of those it did not build."""
    late_options_below([c for c in getattr(group, "commands", {}).values() if not isinstance(c, Placeholder)])


def late_options_below(commands: list[Any]) -> None:
    """`commands` and their subcommands get the hidden copies of the global options."""
    late: list[Any] | None = None
    stack = list(commands)
    while stack:
        command = stack.pop()
        taken = {opt for p in command.params for opt in getattr(p, "opts", ())}
        if "--lang" not in taken:
            late = late or _late_params()
            command.params.extend(p for p in late if not taken & set(p.opts))
        stack.extend(getattr(command, "commands", {}).values())

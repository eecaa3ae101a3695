"""Shell completion for bash, zsh and fish (SPEC §4): `--show-completion` prints the script,
`--install-completion` installs it where the shell looks. The scripts and the answers to the
shell's questions are Typer's (`typer._completion_shared`, `typer.completion`), imported only on
these two options or when the shell asks (`_CASELEDGER_COMPLETE` set), so start-up stays fast."""

from __future__ import annotations

import os
from typing import Any

import typer

from caseledger.commands.context import LANG, fail
from ledger.i18n import t

PROG = "caseledger"
COMPLETE_VAR = "_CASELEDGER_COMPLETE"
SHELLS = ("bash", "zsh", "fish")


def current_shell() -> str:
    """The clerk's shell: `$SHELL` when it names bash, zsh or fish, else the shell running us."""
    name = os.path.basename(os.environ.get("SHELL", "")).lower()
    if name in SHELLS:
        return name
    import shellingham

    try:
        detected = shellingham.detect_shell()[0].lower()
    except (shellingham.ShellDetectionFailure, RuntimeError, OSError):
        detected = ""
    if detected in SHELLS:
        return detected
    raise fail(t("completion.unknown_shell", LANG, shells=", ".join(SHELLS)), 2, LANG)


def show_completion() -> None:
    from typer._completion_shared import get_completion_script

    typer.echo(get_completion_script(prog_name=PROG, complete_var=COMPLETE_VAR, shell=current_shell()))


def install_completion() -> None:
    from typer._completion_shared import install

    shell, path = install(shell=current_shell(), prog_name=PROG, complete_var=COMPLETE_VAR)
    typer.echo(t("completion.installed", LANG, shell=shell, path=str(path)))


# -- values, when the shell asks ------------------------------------------------------------------

# Options whose values are a vocabulary, by option name and, where one name means different
# things, by command (`--kind` of a village, a pairing, a visit, aid).
_VOCABULARY = {
    "--category": "Category",
    "--source": "Source",
    "--disposition": "Disposition",
    "--satisfaction": "Satisfaction",
    "--level": "Level",
    "--to": "Level",
    "--rank": "Rank",
}
_KIND_OF = {"village": "VillageKind", "pairing": "PairingKind", "visit": "VisitKind", "aid": "AidKind"}
_PLACES = {"--village": "village", "--township": "township"}


def complete_values(group: Any) -> None:
    """Give the options that take a place or a vocabulary their values as completions (codes
    with the place's name, keys with their Chinese label). Only done when the shell asks, so
    an ordinary run builds none of it."""
    stack: list[tuple[str, Any]] = [(name, cmd) for name, cmd in getattr(group, "commands", {}).items()]
    while stack:
        path, command = stack.pop()
        for param in getattr(command, "params", ()):
            opts = set(getattr(param, "opts", ()))
            place = next((_PLACES[o] for o in opts if o in _PLACES), None)
            vocabulary = next((_VOCABULARY[o] for o in opts if o in _VOCABULARY), None)
            if "--kind" in opts:
                vocabulary = _KIND_OF.get(path.split()[0])
            if place is not None:
                param._custom_shell_complete = _place_completer(place)
            elif vocabulary is not None:
                param._custom_shell_complete = _vocabulary_completer(vocabulary)
        stack += [(f"{path} {name}", sub) for name, sub in getattr(command, "commands", {}).items()]


def _place_completer(kind: str) -> Any:
    def complete(ctx: Any, param: Any, incomplete: str) -> list[Any]:
        from typer._click.shell_completion import CompletionItem

        from ledger.errors import LedgerError
        from ledger.placenames import places
        from ledger.store import Ledger, find_root

        try:
            ledger = Ledger(find_root(explicit=ctx.find_root().params.get("root")))
            known = places(ledger, kind)
        except (LedgerError, OSError):  # no ledger here: nothing to offer
            return []
        return [CompletionItem(p.code, help=p.name) for p in known if p.code.startswith(incomplete)]

    return complete


def _vocabulary_completer(enum_name: str) -> Any:
    def complete(ctx: Any, param: Any, incomplete: str) -> list[Any]:
        from typer._click.shell_completion import CompletionItem

        from ledger import enums

        members = list(getattr(enums, enum_name))
        return [CompletionItem(m.value, help=m.zh) for m in members if m.value.startswith(incomplete)]

    return complete

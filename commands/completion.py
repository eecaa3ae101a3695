"""Shell completion for bash, zsh and fish (SPEC §4): `--show-completion` prints the script,
`--install-completion` installs it where the shell looks. The scripts and the answers to the
shell's questions are Typer's (`typer._completion_shared`, `typer.completion`), imported only on
these two options or when the shell asks (`_CASELEDGER_COMPLETE` set), so start-up stays fast."""

from __future__ import annotations

import os

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

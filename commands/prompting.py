"""Asking a clerk at a terminal for what the command line left out (SPEC §4).

Each answer is handed to a library check as soon as it is typed; a bad one is said on one line
and asked again, so nothing typed before it is lost. Prompts go to stderr (stdout keeps only
the result: `n=$(caseledger issue open …)` still gets the number alone). Ctrl-C or Ctrl-D at a
prompt ends the command with exit 130, nothing written, said in the clerk's language.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import typer

from ledger.i18n import t


def interactive() -> bool:
    """Whether a clerk is at a terminal (then missing options are asked for)."""
    return sys.stdin.isatty()


def read_answer(question: str) -> str:
    """One line typed after `question: `; Ctrl-D (end of input) counts as Ctrl-C. Bytes that
    are not UTF-8 are kept as surrogates, for the check to refuse with its message."""
    sys.stderr.write(f"{question}: ")
    sys.stderr.flush()
    line = sys.stdin.buffer.readline()
    if not line:
        raise KeyboardInterrupt
    return line.rstrip(b"\r\n").decode("utf-8", "surrogateescape")


def ask(question: str, check: Callable[[str], Any], lang: str) -> Any:
    """Ask until `check` takes the answer; each refusal is one `error:` line, then ask again."""
    from ledger.errors import LedgerError
    from ledger.safetext import neutral

    while True:
        try:
            answer = read_answer(question)
        except KeyboardInterrupt:
            sys.stderr.write("\n")
            raise
        try:
            return check(answer)
        except LedgerError as exc:
            message = " ".join(exc.message(lang).split("\n"))
            typer.echo(f"{t('error.prefix', lang)}: {neutral(message)}", err=True)

"""Docs checked by tests (as sqlite-utils does): every command has help and is in the README,
and the README's two set-up commands are what CI runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer

from caseledger import cli

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def commands() -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []

    def walk(prefix: str, group: Any) -> None:
        for name, command in getattr(group, "commands", {}).items():
            path = f"{prefix} {name}".strip()
            found.append((path, command))
            walk(path, command)

    walk("", typer.main.get_command(cli.app))
    return found


def test_there_are_commands_to_check() -> None:
    names = [name for name, _ in commands()]
    assert {"init", "office", "township add", "village show", "pairing end"} <= set(names)


@pytest.mark.parametrize(("name", "command"), commands(), ids=[name for name, _ in commands()])
def test_every_command_has_help(name: str, command: Any) -> None:
    assert (command.help or "").strip(), f"caseledger {name} has no help"


@pytest.mark.parametrize(("name", "command"), commands(), ids=[name for name, _ in commands()])
def test_every_command_is_in_the_readme(name: str, command: Any) -> None:
    assert f"caseledger {name}" in README, f"`caseledger {name}` is not documented in README.md"


def readme_commands() -> list[str]:
    """The lines of the README's first code block."""
    start = README.index("```sh\n") + len("```sh\n")
    block = README[start : README.index("```", start)]
    return [line.strip() for line in block.splitlines() if line.strip()]


def test_readme_opens_with_the_two_setup_commands() -> None:
    first, second = readme_commands()[:2]
    assert "pip install" in first and "caseledger -C data" in first
    assert "pip install" in second and "pytest" in second


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci_lines = [
        line for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    test_command = readme_commands()[1]
    assert ci_lines[-1].strip() == test_command
    # both README commands make the same kind of environment
    assert readme_commands()[0].split(" && ")[:2] == test_command.split(" && ")[:2]

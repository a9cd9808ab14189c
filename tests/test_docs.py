"""Every command and option of the command line is documented under docs/."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from factdiff.cli import cli

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _commands(group: click.Group, prefix: str = "factdiff") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found += _commands(command, path)
    return found


@pytest.fixture(scope="module")
def docs() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md")))


@pytest.mark.parametrize(("path", "command"), _commands(cli), ids=lambda x: x if isinstance(x, str) else "")
def test_command_and_options_documented(docs: str, path: str, command: click.Command) -> None:
    assert path in docs, f"`{path}` is not documented"
    for param in command.params:
        if isinstance(param, click.Option):
            longest = max(param.opts, key=len)
            if longest in ("--help",):
                continue
            assert longest in docs, f"`{path} {longest}` is not documented"

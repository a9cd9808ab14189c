"""Options and helpers shared by the commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from factdiff.errors import FactdiffError

FC = Callable[..., Any]


_FIELDS = (
    ("id", "the row's own id (kept and shown as source_id)"),
    ("title", "the title (may be empty)"),
    ("text", "the article text"),
    ("url", "the article's address"),
    ("published", "the publication date"),
    ("source", "the outlet's name or domain"),
)


def dataset_options(func: FC) -> FC:
    """Options naming the fields of JSON Lines and CSV datasets."""
    for name, what in reversed(_FIELDS):
        func = click.option(
            f"--{name}-field",
            default=name,
            show_default=True,
            help=f"Dataset field that holds {what}.",
        )(func)
    return func


def fail(exc: FactdiffError, debug: bool, code: int = 3) -> None:
    """Report a library error as one line (traceback with --debug) and exit."""
    if debug:
        raise exc
    click.echo(f"factdiff: {exc}", err=True)
    raise SystemExit(code)

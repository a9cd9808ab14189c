"""Options and helpers shared by the commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from factdiff.errors import FactdiffError

FC = Callable[..., Any]


def dataset_options(func: FC) -> FC:
    """Options naming the fields of JSON Lines and CSV datasets."""
    for name in ("source", "published", "url", "text", "title", "id"):
        func = click.option(
            f"--{name}-field",
            default=name,
            show_default=True,
            help=f"Dataset field that holds the article's {name}.",
        )(func)
    return func


def fail(exc: FactdiffError, debug: bool, code: int = 3) -> None:
    """Report a library error as one line (traceback with --debug) and exit."""
    if debug:
        raise exc
    click.echo(f"factdiff: {exc}", err=True)
    raise SystemExit(code)

"""The ``factdiff`` command: a thin layer over the library.

Each command lives in its own module and is registered here. Library errors become one plain
line on standard error and a non-zero exit; a traceback only with ``--debug``.

Exit codes (documented in docs/cli.md):

- 0: every input was processed (duplicates and already-stored articles are not failures)
- 1: some inputs were skipped as unreadable or invalid; the others were processed
- 2: usage error (unknown option, missing argument, options that do not fit)
- 3: nothing could be processed, or the run failed (store unavailable, internal error)
"""

from __future__ import annotations

import sys

import click

from factdiff import __version__

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_FAILED = 3


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factdiff")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """factdiff: check news reports fact by fact against each other and their primary source."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _register() -> None:
    import importlib

    for name in ("check", "store", "compare", "stories", "serve", "spark"):
        try:
            module = importlib.import_module(f"factdiff.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"factdiff.cli.{name}":
                raise
            continue
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    try:
        cli.main(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("factdiff: interrupted", err=True)
        sys.exit(130)

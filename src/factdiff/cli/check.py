"""``factdiff check``: analyse articles without storing them, one result per article."""

from __future__ import annotations

import json
import sys

import click

from factdiff.analyse import analyse
from factdiff.cli.common import dataset_options
from factdiff.errors import FactdiffError, Skipped
from factdiff.report.check_json import check_document
from factdiff.report.check_text import render_check


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@click.option("--json", "as_json", is_flag=True, help="One factdiff.check/1 JSON document per article, one per line.")
@dataset_options
@click.pass_context
def check(ctx: click.Context, inputs: tuple[str, ...], as_json: bool, **field_options: str) -> None:
    """Show the checkable facts of each article and where it disagrees with itself.

    PATH is a text or HTML file, a folder, a JSON Lines or CSV dataset, or - for standard input.
    Datasets are streamed: one result per row.
    """
    from factdiff.read import Fields, read_inputs

    fields = Fields(**{name.removesuffix("_field"): value for name, value in field_options.items()})
    debug = bool(ctx.obj and ctx.obj.get("debug"))
    color = sys.stdout.isatty()
    done = failed = 0
    try:
        for item in read_inputs(list(inputs), fields):
            if isinstance(item, Skipped):
                click.echo(item.line(), err=True)
                failed += item.error
                continue
            try:
                analysis = analyse(item)
            except Exception as exc:  # one bad article must not stop the batch
                if debug:
                    raise
                click.echo(f"{item.file or item.source_id or item.id}: skipped, analysis failed: {exc}", err=True)
                failed += 1
                continue
            done += 1
            if as_json:
                click.echo(json.dumps(check_document(analysis), ensure_ascii=False))
            else:
                if done > 1:
                    click.echo("\n" + "─" * 72 + "\n")
                click.echo(render_check(analysis, color=color))
    except FactdiffError as exc:
        if debug:
            raise
        click.echo(f"factdiff: {exc}", err=True)
        raise SystemExit(3) from exc
    if done == 0:
        raise SystemExit(3)
    if failed:
        raise SystemExit(1)


COMMANDS = [check]

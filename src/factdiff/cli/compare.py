"""``factdiff compare``: the reports of one story fact by fact against their primary source."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import click

from factdiff.cli.common import dataset_options
from factdiff.errors import FactdiffError, Skipped, UsageError
from factdiff.model import Article


@click.command()
@click.argument("inputs", nargs=-1, required=False, metavar="PATH...")
@click.option("--json", "as_json", is_flag=True, help="Print the factdiff.compare/1 JSON document.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False), help="Write a self-contained HTML report.")
@click.option("--db", type=click.Path(dir_okay=False), help="Store to read article ids from.")
@click.option(
    "--story", "story_id", help="Compare a stored story (an id from factdiff stories; --db, default factdiff.db)."
)
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Show every divergence with its confidence, not only those at or above the threshold.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Show divergences at or above this confidence (default chosen for precision: see docs/compare.md).",
)
@dataset_options
@click.pass_context
def compare(
    ctx: click.Context,
    inputs: tuple[str, ...],
    as_json: bool,
    html_file: str | None,
    db: str | None,
    story_id: str | None,
    show_all: bool,
    threshold: float | None,
    **field_options: str,
) -> None:
    """Line up the facts of every report of a story, find the primary source, label divergences.

    PATH is a report file, a folder of reports, a JSON Lines or CSV dataset, or a stored article id
    (with --db), or none with --story ID. Exit 1 when some inputs were skipped, 3 when nothing could
    be compared.
    """
    from factdiff.compare import compare_paths
    from factdiff.read import Fields, read_inputs
    from factdiff.reference import DEFAULT_THRESHOLD

    debug = bool(ctx.obj and ctx.obj.get("debug"))
    fields = Fields(**{name.removesuffix("_field"): value for name, value in field_options.items()})

    def fetch(given: Sequence[str]) -> Iterator[Article | Skipped]:
        paths = [g for g in given if g == "-" or os.path.exists(g) or db is None]
        ids = [g for g in given if g not in paths]
        yield from read_inputs(paths, fields)
        if ids and db is not None:
            yield from _stored(ids, db)

    try:
        if story_id is not None:
            db = db or "factdiff.db"
            inputs = (*inputs, *_story_members(story_id, db))
        if not inputs:
            raise UsageError("give the reports to compare (files, folders, datasets, stored ids) or --story ID")
        if show_all and threshold is not None:
            raise UsageError("give --all or --threshold, not both")
        chosen = 0.0 if show_all else (DEFAULT_THRESHOLD if threshold is None else threshold)
        comparison = compare_paths(list(inputs), fetch=fetch, threshold=chosen)
    except FactdiffError as exc:
        if debug:
            raise
        click.echo(f"factdiff: {exc}", err=True)
        raise SystemExit(2 if isinstance(exc, UsageError) else 3) from exc
    if html_file:
        from factdiff.report.compare_html import render_html

        Path(html_file).write_text(render_html(comparison), encoding="utf-8")
    if as_json:
        click.echo(json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2))
    else:
        from factdiff.report.compare_text import render_compare

        width = max(100, min(220, click.get_terminal_size()[0])) if sys.stdout.isatty() else 200
        click.echo(render_compare(comparison, color=sys.stdout.isatty(), width=width), nl=False)
    for skipped in comparison.skipped:
        click.echo(skipped.line(), err=True)
    if not comparison.analyses:
        raise SystemExit(3)
    if any(s.error for s in comparison.skipped):
        raise SystemExit(1)


def _story_members(story_id: str, db: str) -> list[str]:
    """The ids of the articles of a stored story, in the order they arrived."""
    from factdiff.group_store import story_article_ids
    from factdiff.store import Store

    if not os.path.exists(db):
        raise UsageError(f"no store at {db}")
    with Store(db) as store:
        return story_article_ids(store, story_id)


def _stored(ids: Sequence[str], db: str) -> Iterator[Article | Skipped]:
    """Articles from the store by id; each id not stored is skipped and named."""
    from factdiff.store import Store

    if not os.path.exists(db):
        raise UsageError(f"no store at {db}")
    with Store(db) as store:
        for given in ids:
            article = store.get_article(given)
            yield article if article is not None else Skipped(given, "not found", "no such file or stored article")


COMMANDS = [compare]

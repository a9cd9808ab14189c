"""``factdiff add`` and ``factdiff ls``: fill the store and see what is in it."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from factdiff.cli.common import dataset_options, fail
from factdiff.errors import FactdiffError, Skipped
from factdiff.model import Article

#: A progress display appears only once a run has lasted this long: a short run is over before a
#: bar would help, and a bar that flashes up and vanishes is noise.
PROGRESS_AFTER_SECONDS = 2.0


def _db_option(help: str) -> Any:
    return click.option("--db", default="factdiff.db", show_default=True, type=click.Path(dir_okay=False), help=help)


@click.command()
@click.argument("inputs", nargs=-1, required=False, metavar="PATH|URL...")
@_db_option("The store: an SQLite file, created when missing.")
@click.option(
    "--feed",
    "feeds",
    multiple=True,
    metavar="URL",
    help="An RSS or Atom feed: each item's page is fetched and stored (its title and summary when the page "
    "cannot be had). Repeatable.",
)
@click.option(
    "--batch-size",
    default=500,
    show_default=True,
    type=click.IntRange(min=1),
    help="Articles written per transaction.",
)
@dataset_options
@click.pass_context
def add(
    ctx: click.Context,
    inputs: tuple[str, ...],
    db: str,
    feeds: tuple[str, ...],
    batch_size: int,
    **field_options: str,
) -> None:
    """Read, analyse and store articles; those already stored are not added twice.

    PATH is a text or HTML file, a folder, a JSON Lines or CSV dataset (gzipped or not), a WARC
    web archive, or - for standard input; URL is a web page (http or https), fetched under the
    rules of docs/serve.md. Ends with one summary line; each input that could not be read is
    named on standard error.
    """
    from factdiff.ingest import ingest_items
    from factdiff.read import Fields, read_inputs
    from factdiff.read.web import is_url
    from factdiff.store import Store

    debug = bool(ctx.obj and ctx.obj.get("debug"))
    if not inputs and not feeds:
        raise click.UsageError("give at least one PATH, URL or --feed URL")
    paths = [given for given in inputs if not is_url(given)]
    urls = [given for given in inputs if is_url(given)]
    fields = Fields(**{name.removesuffix("_field"): value for name, value in field_options.items()})
    progress = _Progress()

    def on_skip(outcome: Skipped) -> None:
        if outcome.error:
            progress.echo(outcome.line())

    try:
        with Store(db) as store:
            result = ingest_items(
                _items(read_inputs(paths, fields), urls, feeds),
                store,
                batch_size=batch_size,
                on_skip=on_skip,
                on_progress=lambda r: progress.update(r.read, r.added, r.skipped),
            )
    except FactdiffError as exc:
        progress.stop()
        fail(exc, debug)
        return
    finally:
        progress.stop()
    click.echo(result.summary())
    if result.read == 0:
        raise SystemExit(3)
    if result.failed:
        raise SystemExit(1)


def _items(local: Iterator[Article | Skipped], urls: list[str], feeds: tuple[str, ...]) -> Iterator[Article | Skipped]:
    """Files first, then pages, then feed items: everything the command was given, in that order."""
    yield from local
    if not urls and not feeds:
        return
    from factdiff.fetch import Fetcher
    from factdiff.read.web import read_feed, read_url

    fetcher = Fetcher()  # one per run: robots.txt is read once per site
    for url in urls:
        yield read_url(url, fetcher)
    for feed in feeds:
        yield from read_feed(feed, fetcher)


@click.command(name="ls")
@_db_option("The store to list.")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of the articles' metadata.")
@click.option(
    "--limit",
    default=100,
    show_default=True,
    type=click.IntRange(min=0),
    help="Show at most this many articles (0 for all).",
)
@click.pass_context
def ls(ctx: click.Context, db: str, as_json: bool, limit: int) -> None:
    """List the stored articles: id, dataset id, publication date, outlet and title."""
    from factdiff.errors import StoreError
    from factdiff.store import Store

    debug = bool(ctx.obj and ctx.obj.get("debug"))
    if not Path(db).exists():
        fail(StoreError(f"no store at {db} (create one with: factdiff add PATH --db {db})"), debug)
    try:
        with Store(db) as store:
            total = store.count()
            rows = store.list_articles(limit or None)
    except FactdiffError as exc:
        fail(exc, debug)
        return
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        click.echo(_table(rows))
    if len(rows) < total:
        click.echo(f"showing {len(rows)} of {total} articles (--limit 0 for all)", err=True)


_COLUMNS = (("id", 16), ("source_id", 12), ("published", 10), ("outlet", 24), ("title", 0))


def _table(rows: list[dict[str, Any]]) -> str:
    lines = ["  ".join(name.ljust(width) if width else name for name, width in _COLUMNS)]
    for row in rows:
        cells = []
        for name, width in _COLUMNS:
            value = _one_line(row.get(name))
            if name == "published":
                value = value[:10]
            cells.append(_fit(value, width).ljust(width) if width else value)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _one_line(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else "-"


def _fit(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"


class _Progress:
    """A counter on standard error, shown only on a terminal and only once the run is long."""

    def __init__(self) -> None:
        self._enabled = sys.stderr.isatty()
        self._started = time.monotonic()
        self._progress: Any = None
        self._task: Any = None

    def update(self, read: int, added: int, skipped: int) -> None:
        if not self._enabled:
            return
        if self._progress is None:
            if time.monotonic() - self._started < PROGRESS_AFTER_SECONDS:
                return
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("")
        self._progress.update(self._task, description=f"read {read:,}  added {added:,}  skipped {skipped:,}")

    def echo(self, line: str) -> None:
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False)
        else:
            click.echo(line, err=True)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
            self._enabled = False


COMMANDS = [add, ls]

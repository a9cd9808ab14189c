"""``factdiff spark run`` and ``factdiff load``: the pipeline on a Spark cluster, and its output in the store.

Both need the ``spark`` extra (``pip install 'factdiff[spark]'``); without it they say so in one
line and exit 3, and every other command works as before.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from factdiff.cli.common import dataset_options, fail
from factdiff.errors import FactdiffError

#: Failure lines printed by ``spark run``; the rest are in the ``skipped`` table.
SHOWN_FAILURES = 20


@click.group()
def spark() -> None:
    """Run the pipeline as a Spark job (needs the spark extra)."""


@spark.command(name="run")
@click.option(
    "--input",
    "inputs",
    multiple=True,
    required=True,
    metavar="PATH",
    help="A file, folder or address to read (repeat for several): WARC, JSON Lines, CSV, Parquet, reports.",
)
@click.option("--output", required=True, metavar="DIR", help="Folder (or address) for the Parquet tables.")
@click.option(
    "--master",
    default="local[*]",
    show_default=True,
    help="Spark master: local[N], local[N,RETRIES], spark://HOST:PORT, yarn ...",
)
@click.option(
    "--partitions",
    type=click.IntRange(min=1),
    default=None,
    help="Partitions of the analysis and grouping stages (default: 4 per core).",
)
@click.option("--no-compare", is_flag=True, help="Group into stories but do not compare them.")
@click.option("--conf", "conf", multiple=True, metavar="KEY=VALUE", help="A Spark setting (repeatable).")
@dataset_options
@click.pass_context
def run_command(
    ctx: click.Context,
    inputs: tuple[str, ...],
    output: str,
    master: str,
    partitions: int | None,
    no_compare: bool,
    conf: tuple[str, ...],
    **field_options: str,
) -> None:
    """Read, analyse, group and compare a corpus on Spark; write Parquet tables and summary.json.

    Ends with one summary line, as factdiff add does. Exit 1 when some inputs were skipped as
    unreadable or invalid, 3 when nothing was read or the job failed.
    """  # fmt: skip
    from factdiff.read import Fields
    from factdiff.spark import require

    debug = bool(ctx.obj and ctx.obj.get("debug"))
    settings: dict[str, str] = {}
    for item in conf:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--conf")
        settings[key.strip()] = value.strip()
    try:
        require("pyspark", "pyarrow", "pandas")
        from factdiff.spark.job import RunOptions, run

        fields = Fields(**{name.removesuffix("_field"): value for name, value in field_options.items()})
        options = RunOptions(list(inputs), output, master, fields, partitions=partitions, compare=not no_compare,
                             conf=settings)  # fmt: skip
        summary = run(options)
    except FactdiffError as exc:
        fail(exc, debug)
        return
    except Exception as exc:  # a failed Spark job: one line, the Java trace only with --debug
        if debug:
            raise
        click.echo(f"factdiff: the Spark job failed: {_first_line(exc)}", err=True)
        raise SystemExit(3) from exc
    _show_failures(output)
    click.echo(summary.line())
    if summary.read == 0:
        raise SystemExit(3)
    if summary.failed:
        raise SystemExit(1)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _show_failures(output: str) -> None:
    """Name the first failed inputs on standard error, as factdiff add names each."""
    import pyarrow.dataset as ds

    from factdiff.spark.plan import is_remote

    if is_remote(output):
        return
    table = ds.dataset(str(Path(output) / "skipped"), format="parquet").to_table(filter=ds.field("error"))
    rows = sorted(table.to_pylist(), key=lambda r: (r["order"] is None, r["order"] or 0))
    for row in rows[:SHOWN_FAILURES]:
        detail = f": {row['detail']}" if row["detail"] else ""
        click.echo(f"{row['input']}: skipped, {row['reason']}{detail}", err=True)
    if len(rows) > SHOWN_FAILURES:
        click.echo(f"... and {len(rows) - SHOWN_FAILURES} more in {Path(output) / 'skipped'}", err=True)


@click.command(name="load")
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False))
@click.option(
    "--db",
    default="factdiff.db",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The store: an SQLite file, created when missing.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.pass_context
def load(ctx: click.Context, directory: str, db: str, as_json: bool) -> None:
    """Bring the output of factdiff spark run into the store (idempotent).

    Afterwards factdiff stories, stories show and compare --story work on it, and factdiff add
    goes on grouping from the loaded stories.
    """
    from factdiff.spark import require
    from factdiff.store import Store

    debug = bool(ctx.obj and ctx.obj.get("debug"))
    try:
        require("pyarrow", java=False)
        from factdiff.spark.load import load as load_run

        if not Path(directory).is_dir():
            raise FactdiffError(f"{directory}: no such folder")
        with Store(db) as store:
            result = load_run(directory, store)
    except FactdiffError as exc:
        fail(exc, debug)
        return
    if as_json:
        click.echo(json.dumps({"added": result.added, "present": result.present, "claims": result.claims,
                               "stories": result.stories}))  # fmt: skip
    else:
        click.echo(result.line())
    sys.stdout.flush()


COMMANDS = [spark, load]

"""``factdiff stories`` and ``factdiff regroup``: the stories of a store.

``factdiff add`` assigns each new article to a story as it is stored; these commands show the
stories and rebuild them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from factdiff.cli.common import fail
from factdiff.errors import FactdiffError, StoreError

#: Version of the JSON that ``factdiff stories --json`` writes.
SCHEMA = "factdiff.stories/1"

_DB_OPTION = click.option(
    "--db",
    default="factdiff.db",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The store: an SQLite file made by factdiff add.",
)


def _open(db: str, debug: bool) -> Any:
    from factdiff.store import Store

    if not Path(db).exists():
        fail(StoreError(f"no store at {db} (create one with: factdiff add PATH --db {db})"), debug)
    return Store(db)


def stories_data(store: Any, limit: int | None = None, min_size: int = 1) -> dict[str, Any]:
    """The JSON of ``factdiff stories --json``: every story with its articles' ids."""
    from factdiff.group_store import count_stories, list_stories, story_articles

    rows = list_stories(store, limit=limit, min_size=min_size)
    stories = []
    for row in rows:
        data = row.to_dict()
        data["articles"] = [
            {
                "id": a["id"],
                "source_id": a["source_id"],
                "published": a["published"],
                "outlet": a["outlet"] or a["domain"],
            }
            for a in story_articles(store, row.id)
        ]
        stories.append(data)
    return {"schema": SCHEMA, "total": count_stories(store), "stories": stories}


@click.group(invoke_without_command=True)
@_DB_OPTION
@click.option("--json", "as_json", is_flag=True, help=f"JSON ({SCHEMA}) with every story's articles.")
@click.option(
    "--limit", default=50, show_default=True, type=click.IntRange(min=0), help="Show at most this many (0 for all)."
)
@click.option("--min-size", default=1, show_default=True, type=click.IntRange(min=1), help="Only stories this large.")
@click.pass_context
def stories(ctx: click.Context, db: str, as_json: bool, limit: int, min_size: int) -> None:
    """List the stories of the store, largest first: size, first and last date, outlets, label."""
    ctx.ensure_object(dict)
    ctx.obj["stories_db"] = db
    if ctx.invoked_subcommand is not None:
        return
    debug = bool(ctx.obj.get("debug"))
    try:
        with _open(db, debug) as store:
            data = stories_data(store, limit or None, min_size)
    except FactdiffError as exc:
        fail(exc, debug)
        return
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    click.echo(_table(data["stories"]))
    if len(data["stories"]) < data["total"]:
        click.echo(f"showing {len(data['stories'])} of {data['total']} stories (--limit 0 for all)", err=True)


@stories.command()
@click.argument("story_id", metavar="ID")
@click.option("--db", default=None, type=click.Path(dir_okay=False), help="The store (default: that of stories).")
@click.option("--json", "as_json", is_flag=True, help="The story and its articles as JSON.")
@click.pass_context
def show(ctx: click.Context, story_id: str, db: str | None, as_json: bool) -> None:
    """One story: its shared facts and its articles (ID may be a unique prefix, or an article's id)."""
    from factdiff.group_store import get_story, resolve_story_id, story_articles

    debug = bool(ctx.obj and ctx.obj.get("debug"))
    db = db or (ctx.obj or {}).get("stories_db") or "factdiff.db"
    try:
        with _open(db, debug) as store:
            full = resolve_story_id(store, story_id)
            row = get_story(store, full)
            articles = story_articles(store, full)
    except FactdiffError as exc:
        fail(exc, debug)
        return
    if row is None:
        fail(FactdiffError(f"no story {story_id} in the store"), debug)
        return
    if as_json:
        data = row.to_dict()
        data["articles"] = articles
        click.echo(json.dumps({"schema": SCHEMA, "story": data}, ensure_ascii=False, indent=1))
        return
    click.echo(f"story {row.id}: {row.label or '(no shared facts)'}")
    click.echo(f"{row.size} articles, {_span(row.first_date, row.last_date)}, outlets: {', '.join(row.outlets) or '-'}")
    if row.facts:
        click.echo("shared facts: " + ", ".join(f.split(":", 1)[1] for f in row.facts))
    for a in articles:
        when = (a["published"] or "-")[:10]
        who = a["outlet"] or a["domain"] or "-"
        click.echo(f"  {a['id']}  {when:<10}  {_fit(who, 24):<24}  {_one_line(a['title'] or a['file'] or '')}")


@click.command()
@_DB_OPTION
@click.pass_context
def regroup(ctx: click.Context, db: str) -> None:
    """Rebuild every story from scratch, in the order the articles were grouped.

    Gives the stories that incremental assignment gives in that order; articles stored before
    stories existed are grouped too.
    """
    from factdiff.group_store import regroup as rebuild

    debug = bool(ctx.obj and ctx.obj.get("debug"))
    try:
        with _open(db, debug) as store:
            n = rebuild(store)
            articles = store.count()
    except FactdiffError as exc:
        fail(exc, debug)
        return
    click.echo(f"regrouped {articles} articles into {n} stories")


def _span(first: str | None, last: str | None) -> str:
    if not first:
        return "no dates"
    return first if first == last else f"{first} to {last}"


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _fit(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"


def _table(rows: list[dict[str, Any]]) -> str:
    lines = [f"{'id':<16}  {'size':>5}  {'first':<10}  {'last':<10}  {'outlets':<28}  label"]
    for row in rows:
        outlets = ", ".join(row["outlets"][:3]) + (f" +{len(row['outlets']) - 3}" if len(row["outlets"]) > 3 else "")
        lines.append(
            f"{row['id']:<16}  {row['size']:>5}  {row['first_date'] or '-':<10}  {row['last_date'] or '-':<10}  "
            f"{_fit(outlets or '-', 28):<28}  {row['label']}".rstrip()
        )
    return "\n".join(lines)


COMMANDS = [stories, regroup]

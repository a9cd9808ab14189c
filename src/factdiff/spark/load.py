"""``factdiff load``: a run's Parquet tables into the SQLite store, idempotently.

The rows go where ``factdiff add`` would have put them: ``articles``, ``analyses`` and
``story_members`` (with the run's decisions, so a later ``factdiff add`` replays them and goes on
grouping from there), then ``claims``, then ``story_summaries``. Only pyarrow is needed, not Spark.

Loading is idempotent: an article already stored is left as it is (with its claims and story),
so loading the same run twice, or again after an interrupted load, adds only what is missing.
Articles go in publication order (the run's ``story_seq``), after whatever the store held.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from factdiff.errors import FactdiffError, StoreError
from factdiff.story_search import index_pending

__all__ = ["LoadResult", "load"]

#: Articles per transaction: as ``factdiff add`` writes (a killed load loses at most one batch).
BATCH = 2000
_ARTICLE_COLUMNS = (
    "id", "source_id", "file", "url", "title", "title_end", "body_start", "outlet", "domain", "published",
    "language", "kind", "text", "posts",
)  # fmt: skip


@dataclass(slots=True)
class LoadResult:
    added: int = 0
    present: int = 0  # already in the store
    claims: int = 0
    stories: int = 0

    def line(self) -> str:
        present = f" ({self.present} already stored)" if self.present else ""
        return f"loaded {self.added} articles{present}, {self.claims} claims, {self.stories} stories"


def load(directory: str, store: Any) -> LoadResult:
    """Bring the run written under ``directory`` into ``store``."""
    import pyarrow.dataset as ds

    tables = {}
    for name in ("articles", "claims", "stories"):
        path = os.path.join(directory, name)
        if not os.path.isdir(path):
            raise FactdiffError(f"{directory}: not the output of factdiff spark run (no {name} table)")
        tables[name] = ds.dataset(path, format="parquet")
    db = store.connection
    result = LoadResult()
    base = _base_seq(db, tables["articles"])
    try:
        for batch in _sorted_batches(tables["articles"]):
            added, present = _articles(db, batch, base)
            result.added += added
            result.present += present
        for batch in tables["claims"].to_batches(columns=["article_id", "n", "kind", "start", "end", "data"]):
            result.claims += _claims(db, batch.to_pylist())
        result.stories = _stories(db, tables["stories"])
    except Exception as exc:
        import sqlite3

        if db.in_transaction:
            db.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"cannot write to the store {store.path}: {exc}") from exc
        raise
    return result


def _base_seq(db: Any, articles: Any) -> int:
    """The highest ``seq`` of the store's own decisions (those not of this run): the run's follow it."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS run_ids (id TEXT PRIMARY KEY)")
    db.execute("DELETE FROM run_ids")
    for batch in articles.to_batches(columns=["id"]):
        db.executemany("INSERT OR IGNORE INTO run_ids VALUES (?)", ((i,) for i in batch.column(0).to_pylist()))
    row = db.execute("SELECT max(seq) FROM story_members WHERE article_id NOT IN (SELECT id FROM run_ids)").fetchone()
    db.execute("DROP TABLE run_ids")
    return int(row[0] or 0)


def _sorted_batches(articles: Any) -> Iterator[list[dict[str, Any]]]:
    """The articles in ``story_seq`` order, BATCH at a time (the ordering column is read first)."""
    import pyarrow.dataset as ds

    ordered = sorted(articles.to_table(columns=["story_seq"]).column(0).to_pylist())
    if not ordered:
        return
    # The job writes the table sorted by story_seq, so each range reads only its own row groups.
    edges = [ordered[i] for i in range(0, len(ordered), BATCH)] + [ordered[-1] + 1]

    for low, high in itertools.pairwise(edges):
        table = articles.to_table(filter=(ds.field("story_seq") >= low) & (ds.field("story_seq") < high))
        yield sorted(table.to_pylist(), key=lambda r: r["story_seq"])


def _articles(db: Any, rows: list[dict[str, Any]], base: int) -> tuple[int, int]:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    added = present = 0
    db.execute("BEGIN IMMEDIATE")
    for row in rows:
        cursor = db.execute(
            f"INSERT OR IGNORE INTO articles ({', '.join(_ARTICLE_COLUMNS)}, added_at) "
            f"VALUES ({', '.join('?' * (len(_ARTICLE_COLUMNS) + 1))})",
            (*(row[c] for c in _ARTICLE_COLUMNS), now),
        )
        if cursor.rowcount == 0:
            present += 1
            continue
        added += 1
        db.execute(
            "INSERT INTO analyses (article_id, version, sentences, findings, analysed_at) VALUES (?, ?, ?, ?, ?)",
            (row["id"], row["version"], row["sentences"], row["findings"], now),
        )
        db.execute(
            "INSERT OR IGNORE INTO story_members (article_id, seq, joined, story_id, fingerprint) "
            "VALUES (?, ?, ?, ?, ?)",
            (row["id"], base + int(row["story_seq"]), row["story_joined"], row["story_id"], row["fingerprint"]),
        )
    index_pending(db)  # the story search index follows the loaded memberships
    db.execute("COMMIT")
    return added, present


def _claims(db: Any, rows: list[dict[str, Any]]) -> int:
    db.execute("BEGIN IMMEDIATE")
    before = db.total_changes
    db.executemany(
        'INSERT OR IGNORE INTO claims (article_id, n, kind, start, "end", data) '
        "SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)",
        ((r["article_id"], r["n"], r["kind"], r["start"], r["end"], r["data"], r["article_id"]) for r in rows),
    )
    added = db.total_changes - before
    db.execute("COMMIT")
    return int(added)


def _stories(db: Any, stories: Any) -> int:
    columns = ["id", "label", "size", "first_date", "last_date", "outlets", "facts"]
    count = 0
    db.execute("BEGIN IMMEDIATE")
    for batch in stories.to_batches(columns=columns):
        rows = [
            (r["id"], r["label"], r["size"], r["first_date"], r["last_date"],
             json.dumps(r["outlets"] or [], ensure_ascii=False), json.dumps(r["facts"] or [], ensure_ascii=False))
            for r in batch.to_pylist()
        ]  # fmt: skip
        db.executemany(
            "INSERT OR REPLACE INTO story_summaries (id, label, size, first_date, last_date, outlets, facts) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        count += len(rows)
    db.execute("COMMIT")
    return count

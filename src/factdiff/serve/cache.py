"""Comparisons of stored stories, cached in the store so a story page costs a read, not a compare.

Tables (created by the ``0006_story_comparisons`` step of :data:`factdiff.store.MIGRATIONS`):

``story_comparisons``
    One row per compared story: the hash of its member set (``members``), the factdiff version
    that compared it, and the comparison document (``factdiff.compare/1`` with the evidence spans
    of :func:`factdiff.report.compare_html.page_data`, the article texts left out). A row is
    stale when the story gained or lost members, or factdiff changed; it is recomputed when read.
``story_verdicts``
    One row per cell of the cached comparison (outlet, verdict, slot, evidence span), replaced
    with it (``divergence`` marks the verdicts counted against an outlet). Triggers keep
    ``outlet_verdicts`` (per outlet, month and verdict, the number of such rows) in step, and drop
    the rows of an article that leaves its story (``0007_story_indexes``).

The comparison is consumed through its dictionary form only, so fields added to
``factdiff.compare/1`` (a slot's ``reference``, a cell's ``confidence``) are kept and shown.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import UTC, datetime
from typing import Any

from factdiff import __version__
from factdiff.errors import StoreError
from factdiff.model import DIVERGENCES
from factdiff.store import Store

__all__ = ["Refresher", "compare_stale", "members_key", "story_comparison", "story_members"]

#: Milliseconds a cache write waits for another writer before giving up (the page is still
#: served; the comparison is saved by a later view). A reader must never queue behind a long ingest.
CACHE_WRITE_WAIT_MS = 250
#: The same wait for the :class:`Refresher`, which serves no request and can wait for a batch.
REFRESH_WRITE_WAIT_MS = 10_000


def story_members(store: Store, story_id: str) -> list[str]:
    """The article ids of a story, in the order they joined it."""
    return [
        str(r[0])
        for r in store.connection.execute(
            "SELECT article_id FROM story_members WHERE story_id = ? ORDER BY seq", (story_id,)
        )
    ]


def members_key(members: list[str]) -> str:
    """The cache key of a member set: order-free, so a story that only reordered stays cached."""
    return hashlib.sha256("\n".join(sorted(members)).encode()).hexdigest()[:32]


def story_comparison(
    store: Store,
    story_id: str,
    members: list[str] | None = None,
    *,
    on_stale: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """The comparison document of a story, from the cache when fresh, else computed and saved.

    ``on_stale``: when given and the cached comparison is of an earlier member set (reports were
    added to the story since) but of this factdiff version, that comparison is returned as it is
    and ``on_stale(story_id)`` is called to have it recomputed elsewhere: a page then costs a read
    while a writer keeps adding, not a comparison of the whole story inside the request. A story
    never compared, or compared by another version, is always computed here.
    """
    members = story_members(store, story_id) if members is None else members
    key = members_key(members)
    row = store.connection.execute(
        "SELECT members, version, data FROM story_comparisons WHERE story_id = ?", (story_id,)
    ).fetchone()
    if row is not None and row[1] == __version__ and (row[0] == key or on_stale is not None):
        if row[0] != key and on_stale is not None:
            on_stale(story_id)
        return dict(json.loads(row[2]))
    data = _compute(store, members)
    _save(store, story_id, key, data)
    return data


def _compute(store: Store, members: list[str]) -> dict[str, Any]:
    from factdiff.compare import compare_articles
    from factdiff.report.compare_html import page_data

    analyses = {}
    for article_id in members:
        analysis = store.get_analysis(article_id)
        if analysis is not None:
            analyses[article_id] = analysis
    if not analyses:
        raise StoreError("the story has no stored articles")
    comparison = compare_articles([a.article for a in analyses.values()], analyse=lambda article: analyses[article.id])
    data = page_data(comparison)
    for article in data["articles"]:
        article.pop("text", None)  # the store has the texts; the cache keeps only what it adds
    data["outlier_articles"] = [a.meta() for a in comparison.outliers]
    return data


def _save(store: Store, story_id: str, key: str, data: dict[str, Any], wait_ms: int = CACHE_WRITE_WAIT_MS) -> None:
    """Write the comparison and its verdict rows; skipped (not failed) when the store is busy."""
    db = store.connection
    rows = list(_verdict_rows(story_id, data))
    db.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:  # a long write holds the store: serve uncached this time
        return
    finally:
        db.execute(f"PRAGMA busy_timeout = {30_000}")
    try:
        db.execute(
            "INSERT OR REPLACE INTO story_comparisons (story_id, members, version, data, computed_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (story_id, key, __version__, json.dumps(data, ensure_ascii=False), datetime.now(UTC).isoformat()),
        )
        db.execute("DELETE FROM story_verdicts WHERE story_id = ?", (story_id,))
        db.executemany(
            "INSERT INTO story_verdicts (story_id, article_id, outlet, published, slot, slot_index, label, verdict, "
            'divergence, in_post, start, "end", found, expected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            rows,
        )
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def outlet_name(article: dict[str, Any]) -> str:
    """The name an article's outlet is recorded under: its outlet, else its domain."""
    return str(article.get("outlet") or article.get("domain") or "unknown")


def _verdict_rows(story_id: str, data: dict[str, Any]) -> Any:
    articles = {a["id"]: a for a in data.get("articles", [])}
    for index, slot in enumerate(data.get("slots", [])):
        for cell in slot.get("cells", []):
            article = articles.get(cell.get("article"), {})
            yield (
                story_id,
                cell.get("article"),
                outlet_name(article),
                article.get("published"),
                slot.get("id", ""),
                index,
                slot.get("label") or "",
                cell.get("verdict", ""),
                1 if cell.get("verdict") in DIVERGENCES else 0,
                1 if cell.get("in_post") else 0,
                cell.get("start"),
                cell.get("end"),
                cell.get("value"),
                slot.get("source_value"),
            )


def compare_stale(store: Store, limit: int | None = None, min_size: int = 2) -> int:
    """Compare stories whose cached comparison is missing or stale, largest first; how many were.

    ``factdiff serve --warm`` runs this in the background so outlet records and the divergence
    filter cover the whole store, not only the stories someone has opened.
    """
    done = 0
    rows = store.connection.execute(
        "SELECT s.id, c.members, c.version FROM story_summaries s LEFT JOIN story_comparisons c ON c.story_id = s.id "
        "WHERE s.size >= ? ORDER BY s.size DESC, s.id",
        (min_size,),
    ).fetchall()
    for story_id, key, version in rows:
        if limit is not None and done >= limit:
            break
        members = story_members(store, story_id)
        if key == members_key(members) and version == __version__:
            continue
        story_comparison(store, story_id, members)
        done += 1
    return done


class Refresher:
    """Recomputes stale story comparisons in one separate process, one story at a time.

    A comparison is pure Python and takes from tens of milliseconds to seconds for a large story;
    run in a thread of the server it would hold the interpreter lock against every request. The
    process runs at a lower CPU priority (:data:`REFRESH_NICENESS`), so on a busy machine it takes
    the time the readers leave rather than slowing them. The
    process has its own connection and saves through :func:`story_comparison`, so the next view
    reads the fresh comparison. A story already waiting is not queued twice; at most ``limit``
    wait, later ones are dropped (a later view asks again).
    """

    def __init__(self, db: str, limit: int = 1000) -> None:
        self._db = db
        self._limit = limit
        self._pending: set[str] = set()
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def __call__(self, story_id: str) -> None:
        with self._lock:
            if story_id in self._pending or len(self._pending) >= self._limit:
                return
            if self._pool is None:  # started on first need: a store that is not written never pays for it
                self._pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_lower_priority
                )
            self._pending.add(story_id)
            future = self._pool.submit(_refresh, self._db, story_id)
        future.add_done_callback(lambda _f, sid=story_id: self._done(sid, _f))

    def _done(self, story_id: str, future: Future[None]) -> None:
        with self._lock:
            self._pending.discard(story_id)

    def pending(self) -> int:
        """Stories waiting for (or in) a recomputation."""
        with self._lock:
            return len(self._pending)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


#: How much lower than the server's the refresher process's CPU priority is (``nice``): it does
#: background work whose result a page can wait for, and should take only the CPU the readers leave.
REFRESH_NICENESS = 10


def _lower_priority() -> None:
    """In the refresher's process, at its start: yield the CPU to the server's readers."""
    import os

    if hasattr(os, "nice"):  # POSIX
        os.nice(REFRESH_NICENESS)


_REFRESH_STORES: dict[str, Store] = {}


def _refresh(db: str, story_id: str) -> None:
    """In the refresher's process: recompute one story's comparison if still stale, and save it."""
    store = _REFRESH_STORES.get(db)
    if store is None:
        store = _REFRESH_STORES[db] = Store(db)
    members = story_members(store, story_id)
    key = members_key(members)
    row = store.connection.execute(
        "SELECT members, version FROM story_comparisons WHERE story_id = ?", (story_id,)
    ).fetchone()
    if row is not None and row[0] == key and row[1] == __version__:
        return  # another view or process refreshed it already
    try:
        data = _compute(store, members)
    except StoreError:  # the story lost its reports meanwhile: nothing to compare
        return
    _save(store, story_id, key, data, wait_ms=REFRESH_WRITE_WAIT_MS)

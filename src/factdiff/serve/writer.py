"""Adding pages from the web server: one writer thread with its own connection.

The grouper that assigns new articles to stories lives with the connection that writes them, so
adds run one after another in that thread, while readers use their own connections (WAL mode).
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from factdiff.errors import Skipped
from factdiff.fetch import Fetcher
from factdiff.model import Article
from factdiff.store import Store
from factdiff.story_search import index_backlog

__all__ = ["Writer"]


class Writer:
    """One thread that owns the writing connection; adds run there one after another."""

    def __init__(self, db: str, fetcher_factory: Callable[[], Fetcher]) -> None:
        self._db = db
        self._fetcher_factory = fetcher_factory
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factdiff-writer")
        self._store: Store | None = None

    def index_backlog(self) -> Future[int]:
        """Fold the story search index's backlog in, in this thread, without waiting for it.

        After the migration of an existing store every member waits to be indexed; until then
        searches read the article index (exact, slower). Done here, adds queue behind it.
        """
        return self._pool.submit(self._index_backlog)

    def _index_backlog(self) -> int:
        if self._store is None:
            self._store = Store(self._db)
        try:
            return index_backlog(self._store.connection)
        except sqlite3.Error as exc:  # searches stay exact through the article index; the next add retries
            print(f"factdiff serve: the story search index was not brought up to date: {exc}", file=sys.stderr)
            return 0

    def add(self, urls: list[str], feeds: list[str]) -> dict[str, Any]:
        return self._pool.submit(self._add, urls, feeds).result()

    def _add(self, urls: list[str], feeds: list[str]) -> dict[str, Any]:
        from factdiff.ingest import ingest_items

        if self._store is None:
            self._store = Store(self._db)
        skipped: list[Skipped] = []
        result = ingest_items(web_items(urls, feeds, self._fetcher_factory()), self._store, on_skip=skipped.append)
        return {
            "summary": result.summary(),
            "read": result.read,
            "added": result.added,
            "skipped": [{"input": s.input, "reason": s.reason, "detail": s.detail} for s in skipped],
        }

    def close(self) -> None:
        def shut() -> None:
            if self._store is not None:
                self._store.close()
                self._store = None

        self._pool.submit(shut).result()
        self._pool.shutdown()


def web_items(urls: list[str], feeds: list[str], fetcher: Fetcher) -> Iterator[Article | Skipped]:
    from factdiff.read.web import is_url, read_feed, read_url

    for url in urls:
        yield read_url(url, fetcher) if is_url(url) else Skipped(url, "refused", "not an http or https address")
    for feed in feeds:
        if is_url(feed):
            yield from read_feed(feed, fetcher)
        else:
            yield Skipped(feed, "refused", "not an http or https address")

"""The embedded store: articles and their analyses in one SQLite file.

Layout (``MIGRATIONS`` creates it; each step is recorded by name in ``migrations``):

``articles``
    One row per normalised article, keyed by its content hash (``Article.id``), so the same
    report read twice, from any file or format, is stored once. ``posts`` holds the embedded
    posts as a JSON list of ``Post.to_dict()``; ``title_end`` and ``body_start`` keep the spans of
    title and body, so :meth:`Store.get_article` gives back exactly the article that was added.
``analyses``
    One row per analysed article: the factdiff version that analysed it, the sentence spans and
    the findings (JSON lists of ``[start, end]`` and ``Finding.to_dict()``). Later stages read it
    instead of analysing again; a newer analyser can tell stale rows by ``version``.
``claims``
    One row per claim, in the order of the analysis: ``kind``, ``start``, ``end`` as columns to
    query on, and ``data``, the claim's ``to_dict()`` with ``sentence_start``/``sentence_end``
    added, from which :meth:`Store.get_analysis` rebuilds the typed claim.

``articles_fts``
    A full-text index (SQLite FTS5) of every article's title and text, kept up to date by triggers
    on ``articles``; the stories page of ``factdiff serve`` searches it for articles holding every
    word asked for. It keeps no word positions (``detail='none'``): half the size and twice the
    speed of a full index, and searches of single words need none.
``story_comparisons``, ``story_verdicts``, ``outlet_verdicts``
    The comparison of a story cached by :mod:`factdiff.serve.cache`, keyed by the story and the
    set of its members, one row per cell of it, and per outlet, month and verdict the count of
    those rows (kept by triggers), from which the outlet records are read.
``search_stories``
    The story of each article by the article's row number (the FTS index's key), kept by triggers
    on ``story_members``, so a search finds its stories without a lookup by text id per hit.
    Triggers on ``story_members`` also drop the verdict rows (and the cached comparison) of an
    article that leaves its story, so ``story_verdicts`` only ever counts current members.
``story_outlets``
    (outlet, story) pairs, kept from ``story_summaries.outlets`` by triggers, so "the stories of
    this outlet" is read from an index.
``article_count``
    One row: the number of stored articles, kept by triggers, so a page that shows it does not
    count a hundred thousand rows each time.
``story_keys``, ``story_terms``, ``story_terms_queue``
    The story-level search index of :mod:`factdiff.story_search`: which stories have a report
    holding a word. Triggers on ``story_members`` queue each membership change, and
    :meth:`Store.add_batch` folds the queue in within the transaction that stores the batch.

An article, its analysis and its claims are written in one transaction, with the rest of their
batch: after a crash each article is stored whole or not at all, and a rerun adds what is missing.

Another stage adds its tables by appending a ``(name, sql)`` step to ``MIGRATIONS``; a step once
released is never edited, since stores that already ran it will not run it again.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from factdiff.errors import Skipped, StoreError
from factdiff.model import (
    Analysis,
    Article,
    Attribution,
    Claim,
    DateClaim,
    Duration,
    Finding,
    Person,
    Post,
    Quantity,
    Quote,
)
from factdiff.story_search import MIGRATION as STORY_SEARCH_MIGRATION
from factdiff.story_search import index_pending

__all__ = ["DEFAULT_DB", "MIGRATIONS", "BatchResult", "Store"]

DEFAULT_DB = "factdiff.db"

#: Schema steps in the order they run. Append only: never edit or reorder a released step.
MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_articles",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            source_id TEXT,
            file TEXT,
            url TEXT,
            title TEXT NOT NULL DEFAULT '',
            title_end INTEGER NOT NULL DEFAULT 0,
            body_start INTEGER NOT NULL DEFAULT 0,
            outlet TEXT,
            domain TEXT,
            published TEXT,
            language TEXT,
            kind TEXT NOT NULL DEFAULT 'news',
            text TEXT NOT NULL,
            posts TEXT NOT NULL DEFAULT '[]',
            added_at TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles (published);
        CREATE INDEX articles_domain ON articles (domain);
        """,
    ),
    (
        "0002_analyses_and_claims",
        """
        CREATE TABLE analyses (
            article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            version TEXT NOT NULL,
            sentences TEXT NOT NULL,
            findings TEXT NOT NULL,
            analysed_at TEXT NOT NULL
        );
        CREATE TABLE claims (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            n INTEGER NOT NULL,
            kind TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (article_id, n)
        ) WITHOUT ROWID;
        CREATE INDEX claims_kind ON claims (kind);
        """,
    ),
    (
        "0003_stories",  # written by factdiff.group_store (see its docstring)
        """
        CREATE TABLE story_members (
            article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL UNIQUE,
            joined TEXT NOT NULL,
            story_id TEXT NOT NULL,
            fingerprint TEXT NOT NULL
        );
        CREATE INDEX story_members_story ON story_members (story_id);
        CREATE TABLE story_summaries (
            id TEXT PRIMARY KEY,
            label TEXT NOT NULL DEFAULT '',
            size INTEGER NOT NULL,
            first_date TEXT,
            last_date TEXT,
            outlets TEXT NOT NULL DEFAULT '[]',
            facts TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX story_summaries_last_date ON story_summaries (last_date);
        """,
    ),
    (
        "0004_story_snapshots",  # written by factdiff.group_store
        "CREATE TABLE story_snapshots (seq INTEGER PRIMARY KEY, article_id TEXT NOT NULL, state BLOB NOT NULL);",
    ),
    (
        "0005_search",  # read by factdiff.serve: full-text search over titles and text, kept by triggers
        """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2',
            detail='none'
        );
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
        CREATE INDEX articles_outlet ON articles (outlet);
        """,
    ),
    (
        "0006_story_comparisons",  # written by factdiff.serve.cache (see its docstring)
        """
        CREATE TABLE story_comparisons (
            story_id TEXT PRIMARY KEY,
            members TEXT NOT NULL,
            version TEXT NOT NULL,
            data TEXT NOT NULL,
            computed_at TEXT NOT NULL
        );
        CREATE TABLE story_verdicts (
            story_id TEXT NOT NULL,
            article_id TEXT NOT NULL,
            outlet TEXT NOT NULL,
            published TEXT,
            slot TEXT NOT NULL,
            slot_index INTEGER NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            verdict TEXT NOT NULL,
            divergence INTEGER NOT NULL DEFAULT 0,
            in_post INTEGER NOT NULL DEFAULT 0,
            start INTEGER,
            "end" INTEGER,
            found TEXT,
            expected TEXT
        );
        CREATE INDEX story_verdicts_story ON story_verdicts (story_id);
        CREATE INDEX story_verdicts_article ON story_verdicts (article_id);
        CREATE INDEX story_verdicts_verdict ON story_verdicts (verdict, story_id);
        CREATE INDEX story_verdicts_evidence ON story_verdicts (outlet, divergence, in_post, published);
        CREATE TABLE outlet_verdicts (
            outlet TEXT NOT NULL,
            month TEXT NOT NULL,
            verdict TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (outlet, month, verdict)
        ) WITHOUT ROWID;
        CREATE TRIGGER story_verdicts_count_insert AFTER INSERT ON story_verdicts WHEN new.in_post = 0 BEGIN
            INSERT INTO outlet_verdicts (outlet, month, verdict, n)
            VALUES (new.outlet, substr(coalesce(new.published, ''), 1, 7), new.verdict, 1)
            ON CONFLICT (outlet, month, verdict) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER story_verdicts_count_delete AFTER DELETE ON story_verdicts WHEN old.in_post = 0 BEGIN
            UPDATE outlet_verdicts SET n = n - 1
            WHERE outlet = old.outlet AND month = substr(coalesce(old.published, ''), 1, 7) AND verdict = old.verdict;
        END;
        """,
    ),
    (
        "0007_story_indexes",  # read by factdiff.serve: stories by search hit and by outlet, kept by triggers
        """
        CREATE TABLE search_stories (article_rowid INTEGER PRIMARY KEY, story_id TEXT NOT NULL);
        CREATE TRIGGER story_members_search_insert AFTER INSERT ON story_members BEGIN
            INSERT OR REPLACE INTO search_stories (article_rowid, story_id)
            SELECT rowid, new.story_id FROM articles WHERE id = new.article_id;
        END;
        CREATE TRIGGER story_members_search_update AFTER UPDATE OF story_id ON story_members BEGIN
            UPDATE search_stories SET story_id = new.story_id
            WHERE article_rowid = (SELECT rowid FROM articles WHERE id = new.article_id);
        END;
        CREATE TRIGGER story_members_search_delete AFTER DELETE ON story_members BEGIN
            DELETE FROM search_stories WHERE article_rowid = (SELECT rowid FROM articles WHERE id = old.article_id);
        END;
        INSERT INTO search_stories (article_rowid, story_id)
        SELECT a.rowid, m.story_id FROM story_members m JOIN articles a ON a.id = m.article_id;
        CREATE TRIGGER story_members_verdicts_update AFTER UPDATE OF story_id ON story_members BEGIN
            DELETE FROM story_verdicts WHERE article_id = old.article_id AND story_id = old.story_id;
            DELETE FROM story_comparisons WHERE story_id IN (old.story_id, new.story_id);
        END;
        CREATE TRIGGER story_members_verdicts_delete AFTER DELETE ON story_members BEGIN
            DELETE FROM story_verdicts WHERE article_id = old.article_id AND story_id = old.story_id;
            DELETE FROM story_comparisons WHERE story_id = old.story_id;
        END;
        CREATE TABLE story_outlets (outlet TEXT NOT NULL, story_id TEXT NOT NULL, PRIMARY KEY (outlet, story_id))
            WITHOUT ROWID;
        CREATE INDEX story_outlets_story ON story_outlets (story_id);
        CREATE TRIGGER story_summaries_outlets_insert AFTER INSERT ON story_summaries BEGIN
            DELETE FROM story_outlets WHERE story_id = new.id;
            INSERT OR IGNORE INTO story_outlets (outlet, story_id) SELECT value, new.id FROM json_each(new.outlets);
        END;
        CREATE TRIGGER story_summaries_outlets_update AFTER UPDATE ON story_summaries BEGIN
            DELETE FROM story_outlets WHERE story_id = old.id;
            INSERT OR IGNORE INTO story_outlets (outlet, story_id) SELECT value, new.id FROM json_each(new.outlets);
        END;
        CREATE TRIGGER story_summaries_outlets_delete AFTER DELETE ON story_summaries BEGIN
            DELETE FROM story_outlets WHERE story_id = old.id;
        END;
        INSERT OR IGNORE INTO story_outlets (outlet, story_id)
        SELECT j.value, s.id FROM story_summaries s, json_each(s.outlets) j;
        """,
    ),
    (
        "0008_serve_counts",  # read by factdiff.serve: the article count and the largest-first order
        """
        CREATE TABLE article_count (one INTEGER PRIMARY KEY CHECK (one = 1), n INTEGER NOT NULL);
        INSERT INTO article_count (one, n) SELECT 1, count(*) FROM articles;
        CREATE TRIGGER article_count_insert AFTER INSERT ON articles BEGIN
            UPDATE article_count SET n = n + 1 WHERE one = 1;
        END;
        CREATE TRIGGER article_count_delete AFTER DELETE ON articles BEGIN
            UPDATE article_count SET n = n - 1 WHERE one = 1;
        END;
        CREATE INDEX story_summaries_size ON story_summaries (size DESC, last_date DESC, id);
        """,
    ),
    ("0009_story_search", STORY_SEARCH_MIGRATION),  # the story-level search index (factdiff.story_search)
]

#: Seconds a writer waits for another process's write to finish before giving up.
BUSY_TIMEOUT_SECONDS = 30.0

_CLAIM_TYPES: dict[str, type[Claim]] = {
    "quantity": Quantity,
    "date": DateClaim,
    "duration": Duration,
    "person": Person,
    "quote": Quote,
    "attribution": Attribution,
}
_ARTICLE_NAMES = (
    "id source_id file url title title_end body_start outlet domain published language kind text posts"
).split()
_ARTICLE_COLUMNS = ", ".join(_ARTICLE_NAMES)


@dataclass(slots=True)
class BatchResult:
    """What one write did: how many articles it added and which it did not, with why."""

    added: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    added_ids: list[str] = field(default_factory=list)


class Store:
    """An open factdiff store. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path = DEFAULT_DB) -> None:
        self.path = str(path)
        try:
            self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from exc
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA synchronous=NORMAL")  # with WAL: safe against a killed process
            self._migrate()
        except sqlite3.Error as exc:
            self._db.close()
            raise StoreError(f"cannot open the store {self.path}: {exc}") from exc

    @property
    def connection(self) -> sqlite3.Connection:
        """The open connection, for stages that keep tables of their own (added by a migration).

        It is in autocommit mode: wrap writes in ``BEGIN IMMEDIATE`` ... ``COMMIT``.
        """
        return self._db

    # --- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _migrate(self) -> None:
        self._db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        if self._missing_migrations():
            self._db.execute("BEGIN IMMEDIATE")  # one process migrates; the others wait, then see it done
            try:
                for name, sql in self._missing_migrations():
                    for statement in _statements(sql):
                        self._db.execute(statement)
                    self._db.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, _now()))
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    def _missing_migrations(self) -> list[tuple[str, str]]:
        applied = {row[0] for row in self._db.execute("SELECT name FROM migrations")}
        return [(name, sql) for name, sql in MIGRATIONS if name not in applied]

    def migrations(self) -> list[str]:
        """Names of the applied migrations, in the order they ran."""
        return [row[0] for row in self._db.execute("SELECT name FROM migrations ORDER BY rowid")]

    # --- writing -----------------------------------------------------------------------------

    def add_batch(self, items: Iterable[Analysis | Article]) -> BatchResult:
        """Store articles with their analyses in one transaction; skip those already stored.

        An :class:`Article` without an analysis is analysed here. A stored article is reported as
        ``Skipped(reason="duplicate", error=False)``. On any error nothing of the batch is kept.
        """
        analyses = [item if isinstance(item, Analysis) else _analyse(item) for item in items]
        result = BatchResult()
        now = _now()
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for analysis in analyses:
                    if self._insert(analysis, now):
                        result.added += 1
                        result.added_ids.append(analysis.article.id)
                    else:
                        article = analysis.article
                        result.skipped.append(
                            Skipped(_label(article), "duplicate", f"already stored as {article.id}", error=False)
                        )
                if result.added_ids:  # new articles join their stories in the same transaction
                    from factdiff.group_store import assign_new

                    added = set(result.added_ids)
                    assign_new(self, [a for a in analyses if a.article.id in added])
                index_pending(self._db)  # the story search index follows the new memberships
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to the store {self.path}: {exc}") from exc
        return result

    def _insert(self, analysis: Analysis, now: str) -> bool:
        a = analysis.article
        cursor = self._db.execute(
            f"INSERT OR IGNORE INTO articles ({_ARTICLE_COLUMNS}, added_at) VALUES ({', '.join('?' * 15)})",
            (
                a.id,
                a.source_id,
                a.file,
                a.url,
                a.title,
                a.title_end,
                a.body_start,
                a.outlet,
                a.domain,
                a.published,
                a.language,
                a.kind,
                a.text,
                json.dumps([p.to_dict() for p in a.posts], ensure_ascii=False),
                now,
            ),
        )
        if cursor.rowcount == 0:
            return False
        from factdiff import __version__

        self._db.execute(
            "INSERT INTO analyses (article_id, version, sentences, findings, analysed_at) VALUES (?, ?, ?, ?, ?)",
            (
                a.id,
                __version__,
                json.dumps([list(s) for s in analysis.sentences]),
                json.dumps([f.to_dict() for f in analysis.findings], ensure_ascii=False),
                now,
            ),
        )
        self._db.executemany(
            'INSERT INTO claims (article_id, n, kind, start, "end", data) VALUES (?, ?, ?, ?, ?, ?)',
            [
                (a.id, n, c.kind, c.start, c.end, json.dumps(_claim_data(c), ensure_ascii=False))
                for n, c in enumerate(analysis.claims)
            ],
        )
        return True

    # --- reading -----------------------------------------------------------------------------

    def count(self) -> int:
        """How many articles are stored (kept by triggers in ``article_count``)."""
        return int(self._db.execute("SELECT n FROM article_count WHERE one = 1").fetchone()[0])

    def has(self, article_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def get_article(self, article_id: str) -> Article | None:
        row = self._db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _article(row) if row else None

    def iter_articles(self) -> Iterator[Article]:
        """Every stored article, in the order they were added, read a page at a time."""
        last = 0
        while True:
            rows = self._db.execute(
                f"SELECT rowid, {_ARTICLE_COLUMNS} FROM articles WHERE rowid > ? ORDER BY rowid LIMIT 500", (last,)
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield _article(row[1:])
            last = rows[-1][0]

    def list_articles(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Metadata of stored articles (no text), in the order they were added."""
        sql = (
            "SELECT id, source_id, file, url, title, outlet, domain, published, language, kind, added_at "
            "FROM articles ORDER BY rowid"
        )
        cursor = self._db.execute(sql + " LIMIT ?", (limit,)) if limit is not None else self._db.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def get_analysis_dict(self, article_id: str) -> dict[str, Any] | None:
        """The stored analysis as JSON-ready data: version, sentences, claims, findings."""
        row = self._db.execute(
            "SELECT version, sentences, findings FROM analyses WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return None
        claims = [
            json.loads(data)
            for (data,) in self._db.execute("SELECT data FROM claims WHERE article_id = ? ORDER BY n", (article_id,))
        ]
        return {
            "article_id": article_id,
            "version": row[0],
            "sentences": json.loads(row[1]),
            "claims": claims,
            "findings": json.loads(row[2]),
        }

    def get_analysis(self, article_id: str) -> Analysis | None:
        """The stored analysis rebuilt as an :class:`Analysis` with typed claims and its article."""
        article = self.get_article(article_id)
        data = self.get_analysis_dict(article_id)
        if article is None or data is None:
            return None
        return Analysis(
            article=article,
            claims=[_claim(c) for c in data["claims"]],
            findings=[_finding(f) for f in data["findings"]],
            sentences=[(int(s), int(e)) for s, e in data["sentences"]],
        )


def _analyse(article: Article) -> Analysis:
    from factdiff.analyse import analyse

    return analyse(article)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _label(article: Article) -> str:
    if article.file and article.source_id:
        return f"{article.file}#{article.source_id}"
    return article.file or article.source_id or article.id


def _statements(script: str) -> Iterator[str]:
    """The statements of a SQL script, one at a time (triggers with inner semicolons kept whole)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip():
                yield pending.strip()
            pending = ""
    if pending.strip():
        yield pending.strip()


def _claim_data(claim: Claim) -> dict[str, Any]:
    data = claim.to_dict()
    data["sentence_start"] = claim.sentence_start
    data["sentence_end"] = claim.sentence_end
    return data


def _claim(data: dict[str, Any]) -> Claim:
    cls = _CLAIM_TYPES.get(data.get("kind", ""), Claim)
    names = {f.name for f in dataclasses.fields(cls) if f.init}
    return cls(**{k: v for k, v in data.items() if k in names})


def _finding(data: dict[str, Any]) -> Finding:
    names = {f.name for f in dataclasses.fields(Finding)}
    values = {k: v for k, v in data.items() if k in names}
    values["related"] = [tuple(span) for span in values.get("related", [])]
    return Finding(**values)


def _article(row: tuple[Any, ...]) -> Article:
    values = dict(zip(_ARTICLE_NAMES, row, strict=True))
    values["posts"] = [Post(**p) for p in json.loads(values["posts"])]
    return Article(**values)

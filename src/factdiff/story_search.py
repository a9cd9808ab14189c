"""The story-level search index: which stories have a report holding a word.

The stories page searches stories, not articles. Searching the article index (``articles_fts``)
and joining every hit to its story costs time in proportion to the number of *reports* holding
the words (tens of thousands for a common word in a large store); this index answers with the
*stories* directly, one row per (word, story).

Tables (created by the ``0009_story_search`` step of :data:`factdiff.store.MIGRATIONS`):

``story_keys``
    A small, stable number per story id (``n``, never reused) with the columns the stories page
    filters and sorts on (size, first and last date), kept from ``story_summaries`` by triggers;
    a story that is no longer summarised keeps its number with size 0.
``story_terms``
    (term, story number, members): how many member reports of the story hold the term, as the
    FTS5 tokenizer of ``articles_fts`` writes it (lower case, accents removed). Counting members
    rather than marking presence keeps the index exact when reports move between stories (a split):
    a term leaves a story when its count falls to zero.
``story_terms_rebuild``
    Stories to index again from their members: those of a deleted article (whose text is gone by
    the time the queue is folded in, so its terms cannot be counted out one by one).
``story_terms_queue``
    Membership changes not folded in yet: (article row, story number, +1 or -1), written by
    triggers on ``story_members``, so every writer of story members (``factdiff add``, a regroup,
    ``factdiff load``, an older factdiff) records them. :func:`index_pending` tokenizes the queued
    articles with the same tokenizer and folds the counts into ``story_terms``; ``factdiff add``
    calls it in the transaction that stores a batch, so readers never see a queue its writes left.

While the queue holds anything (right after the migration of an existing store, until the first
write or the server's start folds it in), :func:`search_clause` falls back to the article index,
which is exact but slower: a search never misses a story.

A search asks for every word somewhere in the story's reports, not necessarily in one report.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import threading
from collections.abc import Hashable, MutableMapping
from typing import Any

__all__ = [
    "MAX_SEARCH_TERMS",
    "MIGRATION",
    "TOKENIZE",
    "has_words",
    "index_backlog",
    "index_pending",
    "pending",
    "search_clause",
    "search_terms",
]

#: The tokenizer of ``articles_fts`` (see ``0005_search``); the story index must split the same way.
TOKENIZE = "unicode61 remove_diacritics 2"
#: Terms of a search used at most (each must appear in a report of the story).
MAX_SEARCH_TERMS = 12
_WORD = re.compile(r"\w+", re.UNICODE)

MIGRATION = """
CREATE TABLE story_keys (
    n INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL DEFAULT 0,
    first_date TEXT,
    last_date TEXT
);
CREATE TABLE story_terms (
    term TEXT NOT NULL,
    n INTEGER NOT NULL,
    members INTEGER NOT NULL,
    PRIMARY KEY (term, n)
) WITHOUT ROWID;
CREATE TABLE story_terms_queue (
    seq INTEGER PRIMARY KEY,
    article_rowid INTEGER NOT NULL,
    n INTEGER NOT NULL,
    delta INTEGER NOT NULL
);
CREATE INDEX story_terms_queue_article ON story_terms_queue (article_rowid);
CREATE TABLE story_terms_rebuild (n INTEGER PRIMARY KEY);
CREATE TRIGGER story_summaries_keys_insert AFTER INSERT ON story_summaries BEGIN
    INSERT INTO story_keys (id, size, first_date, last_date) VALUES (new.id, new.size, new.first_date, new.last_date)
    ON CONFLICT (id) DO UPDATE SET size = excluded.size, first_date = excluded.first_date,
        last_date = excluded.last_date;
END;
CREATE TRIGGER story_summaries_keys_update AFTER UPDATE ON story_summaries BEGIN
    UPDATE story_keys SET size = 0, first_date = NULL, last_date = NULL WHERE id = old.id AND old.id != new.id;
    INSERT INTO story_keys (id, size, first_date, last_date) VALUES (new.id, new.size, new.first_date, new.last_date)
    ON CONFLICT (id) DO UPDATE SET size = excluded.size, first_date = excluded.first_date,
        last_date = excluded.last_date;
END;
CREATE TRIGGER story_summaries_keys_delete AFTER DELETE ON story_summaries BEGIN
    UPDATE story_keys SET size = 0, first_date = NULL, last_date = NULL WHERE id = old.id;
END;
CREATE TRIGGER story_members_terms_insert AFTER INSERT ON story_members BEGIN
    INSERT OR IGNORE INTO story_keys (id) VALUES (new.story_id);
    INSERT INTO story_terms_queue (article_rowid, n, delta)
    SELECT a.rowid, k.n, 1 FROM articles a, story_keys k WHERE a.id = new.article_id AND k.id = new.story_id;
END;
CREATE TRIGGER story_members_terms_update AFTER UPDATE OF story_id ON story_members
WHEN old.story_id != new.story_id BEGIN
    INSERT OR IGNORE INTO story_keys (id) VALUES (new.story_id);
    INSERT INTO story_terms_queue (article_rowid, n, delta)
    SELECT a.rowid, k.n, -1 FROM articles a, story_keys k WHERE a.id = old.article_id AND k.id = old.story_id;
    INSERT INTO story_terms_queue (article_rowid, n, delta)
    SELECT a.rowid, k.n, 1 FROM articles a, story_keys k WHERE a.id = new.article_id AND k.id = new.story_id;
END;
CREATE TRIGGER articles_terms_delete BEFORE DELETE ON articles BEGIN
    INSERT OR IGNORE INTO story_terms_rebuild (n)
    SELECT k.n FROM story_members m JOIN story_keys k ON k.id = m.story_id WHERE m.article_id = old.id
    UNION SELECT n FROM story_terms_queue WHERE article_rowid = old.rowid;
    DELETE FROM story_terms_queue WHERE article_rowid = old.rowid;
END;
CREATE TRIGGER story_members_terms_delete AFTER DELETE ON story_members BEGIN
    INSERT INTO story_terms_queue (article_rowid, n, delta)
    SELECT a.rowid, k.n, -1 FROM articles a, story_keys k WHERE a.id = old.article_id AND k.id = old.story_id;
END;
INSERT OR IGNORE INTO story_keys (id, size, first_date, last_date)
SELECT id, size, first_date, last_date FROM story_summaries ORDER BY id;
INSERT OR IGNORE INTO story_keys (id) SELECT DISTINCT story_id FROM story_members ORDER BY story_id;
INSERT INTO story_terms_queue (article_rowid, n, delta)
SELECT a.rowid, k.n, 1 FROM story_members m JOIN articles a ON a.id = m.article_id
JOIN story_keys k ON k.id = m.story_id
ORDER BY a.rowid;
"""

# The articles being folded in are tokenized by a contentless FTS5 table in the connection's
# temporary schema, and read back through fts5vocab: one row per (term, article), split exactly
# as articles_fts splits them.
_TOKENS = "factdiff_story_tokens"
_TOKEN_ROWS = "factdiff_story_token_rows"


def _tokenizer(db: sqlite3.Connection) -> None:
    db.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{_TOKENS} USING fts5("
        f"title, text, content='', detail='none', tokenize='{TOKENIZE}')"
    )
    db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{_TOKEN_ROWS} USING fts5vocab(temp, {_TOKENS}, instance)")


def pending(db: sqlite3.Connection) -> bool:
    """Whether membership changes wait to be folded into the index (searches then use articles_fts)."""
    row = db.execute(
        "SELECT EXISTS (SELECT 1 FROM story_terms_queue) OR EXISTS (SELECT 1 FROM story_terms_rebuild)"
    ).fetchone()
    return bool(row[0])


def _rebuild(db: sqlite3.Connection) -> None:
    """Stories marked for a rebuild lose their rows and have every current member queued anew.

    Their queued changes go: the rebuild counts the members as they are now. Rare (an article
    deleted by hand), so the rows are found by a scan of the index rather than kept indexed by story.
    """
    if db.execute("SELECT EXISTS (SELECT 1 FROM story_terms_rebuild)").fetchone()[0] == 0:
        return
    db.execute("DELETE FROM story_terms WHERE n IN (SELECT n FROM story_terms_rebuild)")
    db.execute("DELETE FROM story_terms_queue WHERE n IN (SELECT n FROM story_terms_rebuild)")
    db.execute(
        "INSERT INTO story_terms_queue (article_rowid, n, delta) "
        "SELECT a.rowid, k.n, 1 FROM story_terms_rebuild r JOIN story_keys k ON k.n = r.n "
        "JOIN story_members m ON m.story_id = k.id JOIN articles a ON a.id = m.article_id"
    )
    db.execute("DELETE FROM story_terms_rebuild")


def index_pending(db: sqlite3.Connection, limit: int | None = None) -> int:
    """Fold queued membership changes into ``story_terms``; the number of queue rows folded.

    Call inside a write transaction (``BEGIN IMMEDIATE``), so the index and the memberships it
    reflects commit together. ``limit`` folds at most that many queue rows (oldest first), so a
    long backlog (a migrated store) can be worked through in short transactions.
    """
    _rebuild(db)
    upto = db.execute(
        "SELECT max(seq), count(*) FROM (SELECT seq FROM story_terms_queue ORDER BY seq LIMIT ?)",
        (-1 if limit is None else limit,),
    ).fetchone()
    if upto[0] is None:
        return 0
    last, count = int(upto[0]), int(upto[1])
    _tokenizer(db)
    db.execute(
        f"INSERT INTO temp.{_TOKENS} (rowid, title, text) SELECT a.rowid, a.title, a.text FROM articles a "
        "WHERE a.rowid IN (SELECT article_rowid FROM story_terms_queue WHERE seq <= ?)",
        (last,),
    )
    db.execute(
        f"INSERT INTO story_terms (term, n, members) "
        f"SELECT v.term, q.n, sum(q.delta) FROM temp.{_TOKEN_ROWS} v "
        "JOIN story_terms_queue q ON q.article_rowid = v.doc WHERE q.seq <= ? "
        "GROUP BY v.term, q.n HAVING sum(q.delta) != 0 "
        "ON CONFLICT (term, n) DO UPDATE SET members = members + excluded.members",
        (last,),
    )
    db.execute(
        "DELETE FROM story_terms WHERE members <= 0 AND (term, n) IN "
        f"(SELECT v.term, q.n FROM temp.{_TOKEN_ROWS} v JOIN story_terms_queue q ON q.article_rowid = v.doc "
        "WHERE q.seq <= ? AND q.delta < 0)",
        (last,),
    )
    db.execute(f"INSERT INTO temp.{_TOKENS} ({_TOKENS}) VALUES ('delete-all')")
    db.execute("DELETE FROM story_terms_queue WHERE seq <= ?", (last,))
    return count


def index_backlog(db: sqlite3.Connection, chunk: int = 5_000) -> int:
    """Fold the whole queue in, ``chunk`` rows per write transaction; the number of rows folded.

    For a store whose queue was filled at once (the migration of an existing store queues every
    member): short transactions, so a writer in another process waits at most one chunk.
    """
    done = 0
    while True:
        db.execute("BEGIN IMMEDIATE")
        try:
            folded = index_pending(db, chunk)
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        done += folded
        if folded < chunk:
            return done


class _QueryTokenizer:
    """The terms of a search, split by the index's tokenizer (a private in-memory database)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    def terms(self, text: str) -> list[str]:
        with self._lock:
            if self._db is None:
                self._db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
                _tokenizer(self._db)
            db = self._db
            db.execute(f"INSERT INTO temp.{_TOKENS} (rowid, title, text) VALUES (1, '', ?)", (text,))
            try:
                return [row[0] for row in db.execute(f"SELECT term FROM temp.{_TOKEN_ROWS}")]
            finally:
                db.execute(f"INSERT INTO temp.{_TOKENS} ({_TOKENS}) VALUES ('delete-all')")


_QUERY_TOKENIZER = _QueryTokenizer()


def has_words(text: str) -> bool:
    """Whether ``text`` holds a word at all (a search of punctuation alone is no search)."""
    return _WORD.search(text) is not None


@functools.lru_cache(maxsize=4096)
def _word_terms(word: str) -> tuple[str, ...]:
    return tuple(_QUERY_TOKENIZER.terms(word))


def search_terms(text: str) -> list[str]:
    """The distinct terms of a search as the index holds them, in the order asked (the first
    :data:`MAX_SEARCH_TERMS`).

    Only the words of ``text`` are read (no FTS syntax gets through), each split by the index's
    tokenizer: ``Café`` is ``cafe``, ``a_b`` is ``a`` and ``b``.
    """
    terms: list[str] = []
    for word in _WORD.findall(text)[:MAX_SEARCH_TERMS]:
        for term in _word_terms(word):
            if term not in terms:
                terms.append(term)
        if len(terms) >= MAX_SEARCH_TERMS:
            break
    return terms[:MAX_SEARCH_TERMS]


def search_clause(
    db: sqlite3.Connection, terms: list[str], memo: MutableMapping[Hashable, Any] | None = None
) -> tuple[str, str, list[Any]]:
    """How the stories page finds the stories holding every term: (FROM, WHERE, parameters).

    The FROM clause names the story's sort and filter columns ``s`` (``id``, ``size``,
    ``first_date``, ``last_date``). From the story index when it is up to date (one row per story
    and term, driven by the rarest term); else from ``story_summaries`` and the article index.
    No terms (a search of no indexable word) matches no story.
    ``memo``: values that hold until the store is next written (see ``factdiff.serve.generation``):
    whether the index is up to date, and the number of stories of each term, are kept there.
    """
    if not terms:
        return "story_summaries s", "0", []
    memo = {} if memo is None else memo
    up_to_date = memo.get(("search-index-up-to-date",))
    if up_to_date is None:
        up_to_date = memo[("search-index-up-to-date",)] = not pending(db)
    if up_to_date:
        if len(terms) > 1:  # the rarest term drives; the others are probed per story
            counts = {}
            for t in terms:
                count = memo.get(("search-term-stories", t))
                if count is None:
                    count = memo[("search-term-stories", t)] = db.execute(
                        "SELECT count(*) FROM story_terms WHERE term = ?", (t,)
                    ).fetchone()[0]
                counts[t] = count
            terms = sorted(terms, key=lambda t: counts[t])
        where = ["t0.term = ?", "t0.members > 0"]
        for i in range(1, len(terms)):
            where.append(
                f"EXISTS (SELECT 1 FROM story_terms t{i} WHERE t{i}.term = ? AND t{i}.n = t0.n AND t{i}.members > 0)"
            )
        return "story_terms t0 JOIN story_keys s ON s.n = t0.n", " AND ".join(where), list(terms)
    where = [
        "s.id IN (SELECT ss.story_id FROM articles_fts f JOIN search_stories ss ON ss.article_rowid = f.rowid "
        "WHERE articles_fts MATCH ?)"
    ] * len(terms)
    return "story_summaries s", " AND ".join(where), [f'"{t}"' for t in terms]

"""Stories in the store: the write half of the ``group`` stage.

Tables (created by the ``0003_stories`` and ``0004_story_snapshots`` steps of ``MIGRATIONS`` in
:mod:`factdiff.store`):

``story_members``
    One row per grouped article, in the order it was grouped (``seq``): the story it joined when
    it arrived (``joined``), the story it belongs to now (``story_id``; differs after a split) and
    its fingerprint with the deciding score (JSON). Replaying these rows in ``seq`` order through :class:`Grouper`
    rebuilds the grouper exactly, so a new process continues where the last one stopped.
``story_snapshots``
    The newest snapshot of the grouper (every :data:`SNAPSHOT_EVERY` decisions), so a new process
    restores it and replays only the decisions after it.
``story_summaries``
    One row per story: size, first and last publication date, outlets and the facts most of its
    reports share (JSON), and a label built from them.

:func:`assign_new` runs inside the transaction that stores a batch of articles, so after a crash
an article is either stored and in exactly one story, or not stored at all.
"""

from __future__ import annotations

import json
import sqlite3
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from factdiff.errors import FactdiffError
from factdiff.group import Fingerprint, Grouper, StoryState, fingerprint, story_label
from factdiff.model import Analysis
from factdiff.story_search import index_pending

__all__ = [
    "StoryRow",
    "assign_new",
    "get_story",
    "list_stories",
    "regroup",
    "story_article_ids",
]

#: Decisions between two snapshots of the grouper: a new process restores the newest snapshot
#: and replays at most this many decisions (replay runs at about 2,400 a second).
SNAPSHOT_EVERY = 20_000
#: Shared facts kept per story in the ``story_summaries`` table (the heaviest first).
STORED_FACTS = 12
_EPOCH = date(1970, 1, 1)


@dataclass(slots=True)
class _Live:
    """A grouper kept for one open connection, and the last ``seq`` it has seen."""

    grouper: Grouper
    seq: int = 0
    last: str = ""  # the article of ``seq``


#: One grouper per open store, dropped with the store.
_LIVE: weakref.WeakKeyDictionary[Any, _Live] = weakref.WeakKeyDictionary()


@dataclass(slots=True)
class StoryRow:
    id: str
    label: str
    size: int
    first_date: str | None
    last_date: str | None
    outlets: list[str]
    facts: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "size": self.size,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "outlets": self.outlets,
            "facts": self.facts,
        }


def _live(store: Any) -> _Live:
    """The grouper for this store, caught up with every row written by any process."""
    db: sqlite3.Connection = store.connection
    live = _LIVE.get(store)
    if live is not None and live.seq:
        # A write that this grouper saw but the store lost (a failed commit) means start over.
        known = db.execute("SELECT article_id FROM story_members WHERE seq = ?", (live.seq,)).fetchone()
        if known is None or known[0] != live.last:
            live = None
    if live is None:
        live = _LIVE[store] = _from_snapshot(db)
    rows = db.execute("SELECT seq, joined, fingerprint FROM story_members WHERE seq > ? ORDER BY seq", (live.seq,))
    for seq, joined, data in rows:  # streamed: a large store is never held in memory
        values = json.loads(data)
        fp = Fingerprint.from_dict(values)
        live.grouper.replay(fp, None if joined == fp.article_id else joined, float(values.get("score", 0.0)))
        live.seq, live.last = seq, fp.article_id
    return live


def _from_snapshot(db: sqlite3.Connection) -> _Live:
    """A grouper from the newest snapshot that matches the stored decisions, else an empty one."""
    row = db.execute(
        "SELECT s.seq, s.article_id, s.state FROM story_snapshots s "
        "JOIN story_members m ON m.seq = s.seq AND m.article_id = s.article_id ORDER BY s.seq DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return _Live(Grouper())
    return _Live(Grouper.restore(row[2]), seq=row[0], last=row[1])


def _maybe_snapshot(db: sqlite3.Connection, live: _Live) -> None:
    """Every SNAPSHOT_EVERY decisions, save the grouper so a new process need not replay them all."""
    if live.seq % SNAPSHOT_EVERY == 0:
        db.execute("DELETE FROM story_snapshots")
        db.execute(
            "INSERT INTO story_snapshots (seq, article_id, state) VALUES (?, ?, ?)",
            (live.seq, live.last, live.grouper.snapshot()),
        )


def forget(store: Any) -> None:
    """Drop the cached grouper of a store (after a rollback)."""
    _LIVE.pop(store, None)


def assign_new(store: Any, analyses: Iterable[Analysis]) -> int:
    """Group the newly stored articles of ``analyses``; call inside the transaction that stored them.

    Returns how many articles were grouped. Articles already grouped are left alone, so a call
    repeated after a crash or with the same batch changes nothing.
    """
    try:
        return _assign(store, analyses)
    except BaseException:
        forget(store)  # the transaction will roll back: the in-memory grouper is ahead of the store
        raise


def _assign(store: Any, analyses: Iterable[Analysis]) -> int:
    db: sqlite3.Connection = store.connection
    live = _live(store)
    done = 0
    for analysis in analyses:
        article_id = analysis.article.id
        if db.execute("SELECT 1 FROM story_members WHERE article_id = ?", (article_id,)).fetchone():
            continue
        _record(db, live, article_id, fingerprint(analysis.article, analysis))
        done += 1
    return done


def _record(db: sqlite3.Connection, live: _Live, article_id: str, fp: Fingerprint) -> None:
    """Assign one article and write the decision and the summaries of the stories it changed."""
    assignment = live.grouper.assign(fp)
    live.seq += 1
    live.last = article_id
    joined = assignment.split_from or assignment.story_id
    db.execute(
        "INSERT INTO story_members (article_id, seq, joined, story_id, fingerprint) VALUES (?, ?, ?, ?, ?)",
        (article_id, live.seq, joined, assignment.story_id, _decision(fp, assignment.score)),
    )
    if assignment.moved:
        db.executemany(
            "UPDATE story_members SET story_id = ? WHERE article_id = ?",
            [(assignment.split_to, moved) for moved in assignment.moved],
        )
    # written at once: a story may close (leave memory) before the batch ends
    _write_stories(db, live.grouper, {assignment.story_id, joined, assignment.split_to or ""})
    _maybe_snapshot(db, live)


def _decision(fp: Fingerprint, score: float) -> str:
    """The stored fingerprint, with the score that decided (a replay needs it to split the same)."""
    return json.dumps({**fp.to_dict(), "score": score}, ensure_ascii=False)


def _write_stories(db: sqlite3.Connection, grouper: Grouper, ids: Iterable[str]) -> None:
    for story_id in sorted(i for i in ids if i):
        story = grouper.stories.get(story_id)
        if story is None:
            continue
        db.execute(
            "INSERT OR REPLACE INTO story_summaries (id, label, size, first_date, last_date, outlets, facts) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            _story_values(story),
        )


def _story_values(story: StoryState) -> tuple[Any, ...]:
    shared = [f for f, n in story.facts.most_common() if n >= max(2, story.members / 2)][:STORED_FACTS]
    outlets = [name for name, _ in story.outlets.most_common()]
    return (
        story.id,
        story_label(story.facts, story.members, names=story.names),
        story.members,
        _iso(story.first_day),
        _iso(story.last_day),
        json.dumps(outlets, ensure_ascii=False),
        json.dumps(shared, ensure_ascii=False),
    )


def _iso(day: int | None) -> str | None:
    return None if day is None else (_EPOCH + timedelta(days=day)).isoformat()


def regroup(store: Any) -> int:
    """Rebuild every story from scratch, in the order the articles were grouped (then added).

    Gives the same stories as incremental assignment in that order: the same grouper sees the
    same fingerprints. Articles stored before grouping existed are grouped too, from their
    stored analysis. Returns the number of stories.
    """
    db: sqlite3.Connection = store.connection
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("DROP TABLE IF EXISTS temp.previous_members")
        db.execute("CREATE TEMP TABLE previous_members AS SELECT article_id, seq, fingerprint FROM story_members")
        db.execute("DELETE FROM story_members")
        db.execute("DELETE FROM story_summaries")
        db.execute("DELETE FROM story_snapshots")
        forget(store)
        live = _LIVE[store] = _Live(Grouper())
        # streamed, so a large store is never held in memory
        for article_id, data in db.execute("SELECT article_id, fingerprint FROM temp.previous_members ORDER BY seq"):
            _record(db, live, article_id, Fingerprint.from_dict(json.loads(data)))
        ungrouped = db.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM temp.previous_members) ORDER BY rowid"
        ).fetchall()
        for (article_id,) in ungrouped:
            analysis = store.get_analysis(article_id)
            if analysis is not None:
                _record(db, live, article_id, fingerprint(analysis.article, analysis))
        db.execute("DROP TABLE temp.previous_members")
        index_pending(db)  # the story search index follows the rebuilt memberships
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        forget(store)
        raise
    return int(db.execute("SELECT count(*) FROM story_summaries").fetchone()[0])


# --- reading ---------------------------------------------------------------------------------


def _row(values: tuple[Any, ...]) -> StoryRow:
    sid, label, size, first, last, outlets, facts = values
    return StoryRow(sid, label, size, first, last, json.loads(outlets), json.loads(facts))


def list_stories(store: Any, limit: int | None = None, min_size: int = 1) -> list[StoryRow]:
    """Stories, largest first (then most recent)."""
    sql = (
        "SELECT id, label, size, first_date, last_date, outlets, facts FROM story_summaries WHERE size >= ? "
        "ORDER BY size DESC, last_date DESC, id"
    )
    params: tuple[Any, ...] = (min_size,)
    if limit:
        sql += " LIMIT ?"
        params += (limit,)
    return [_row(r) for r in store.connection.execute(sql, params)]


def count_stories(store: Any) -> int:
    return int(store.connection.execute("SELECT count(*) FROM story_summaries").fetchone()[0])


def resolve_story_id(store: Any, prefix: str) -> str:
    """The full id of the story whose id starts with ``prefix`` (an article id of it also works)."""
    db: sqlite3.Connection = store.connection
    rows = db.execute("SELECT id FROM story_summaries WHERE id LIKE ? || '%' LIMIT 2", (prefix,)).fetchall()
    if len(rows) == 1:
        return str(rows[0][0])
    if not rows:
        member = db.execute(
            "SELECT story_id FROM story_members WHERE article_id LIKE ? || '%' LIMIT 2", (prefix,)
        ).fetchall()
        if len(member) == 1:
            return str(member[0][0])
        raise FactdiffError(f"no story {prefix} in the store (see: factdiff stories)")
    raise FactdiffError(f"story id {prefix} is ambiguous: give more characters")


def get_story(store: Any, story_id: str) -> StoryRow | None:
    row = store.connection.execute(
        "SELECT id, label, size, first_date, last_date, outlets, facts FROM story_summaries WHERE id = ?", (story_id,)
    ).fetchone()
    return _row(row) if row else None


def story_article_ids(store: Any, story_id: str) -> list[str]:
    """The ids of the articles of a story (a unique id prefix is enough), in the order they arrived."""
    full = resolve_story_id(store, story_id)
    return [
        str(r[0])
        for r in store.connection.execute(
            "SELECT article_id FROM story_members WHERE story_id = ? ORDER BY seq", (full,)
        )
    ]


def story_articles(store: Any, story_id: str) -> list[dict[str, Any]]:
    """Metadata (no text) of the articles of a story, in the order they arrived."""
    cursor = store.connection.execute(
        "SELECT a.id, a.source_id, a.file, a.url, a.title, a.outlet, a.domain, a.published "
        "FROM story_members m JOIN articles a ON a.id = m.article_id WHERE m.story_id = ? ORDER BY m.seq",
        (story_id,),
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def iter_story_members(store: Any) -> Iterator[tuple[str, str]]:
    """(article id, story id) of every grouped article, in the order they were grouped."""
    yield from store.connection.execute("SELECT article_id, story_id FROM story_members ORDER BY seq")

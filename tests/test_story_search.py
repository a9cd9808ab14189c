"""The story-level search index stays equal to what the article index says, through every change.

The reference is derived independently of the story index: the article index (``articles_fts``)
read through fts5vocab, one row per (term, article), each article counted in its current story.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from factdiff import store as store_module
from factdiff.group_store import regroup
from factdiff.serve.data import StoryFilters, stories_data
from factdiff.store import Store
from factdiff.story_search import (
    MAX_SEARCH_TERMS,
    has_words,
    index_backlog,
    index_pending,
    pending,
    search_terms,
)

PLACES = ["Harlow", "Denholm", "Ostby", "Velmar", "Arden", "Crestwick", "Lorne", "Brayford"]
EVENTS = [
    ("fire", "destroyed {a} homes and damaged {b} shops"),
    ("flood", "forced {a} residents from their homes and closed {b} roads"),
    ("layoffs", "will cut {a} jobs at the plant and move {b} positions"),
    ("strike", "kept {a} buses in the depot and {b} drivers off the roads"),
]
OUTLETS = ["Harlow Gazette", "Valley Wire", "Channel 9", "Metro Roundup", "Café Crème Daily"]


def reports(n: int, seed: int, tag: str = "") -> list[dict[str, str]]:
    """Generated reports of several events, each told by several outlets (one word per event unique)."""
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    event = 0
    while len(rows) < n:
        event += 1
        kind, template = rng.choice(EVENTS)
        place = rng.choice(PLACES)
        a, b = rng.randint(12, 900), rng.randint(3, 90)
        for k in range(rng.randint(2, 5)):
            outlet = rng.choice(OUTLETS)
            rows.append(
                {
                    "id": f"{tag}e{event}-r{k}",
                    "title": f"{place} {kind}: {a} affected",
                    "text": f"Officials in {place} said the {kind} {template.format(a=a, b=b)}. "
                    f"Marker{tag}x{event} is this event's own word; report {k} came from {outlet}.",
                    "source": outlet,
                    "published": f"2024-03-{1 + event % 27:02d}",
                }
            )
    return rows[:n]


def add(db: Path, rows: list[dict[str, str]]) -> None:
    from click.testing import CliRunner

    from factdiff.cli import cli

    source = db.parent / f"batch-{len(list(db.parent.glob('batch-*')))}.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = CliRunner().invoke(cli, ["add", str(source), "--db", str(db), "--batch-size", "7"])
    assert result.exit_code == 0, result.output


def indexed(store: Store) -> dict[tuple[str, str], int]:
    """(term, story id) -> members holding it, as the story index has it."""
    rows = store.connection.execute(
        "SELECT t.term, k.id, t.members FROM story_terms t JOIN story_keys k ON k.n = t.n WHERE t.members != 0"
    )
    return {(term, story): n for term, story, n in rows}


def reference(store: Store) -> dict[tuple[str, str], int]:
    """The same, counted from the article index and the current memberships."""
    db = store.connection
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.article_terms USING fts5vocab(main, articles_fts, instance)")
    rows = db.execute(
        "SELECT v.term, m.story_id, count(*) FROM temp.article_terms v JOIN articles a ON a.rowid = v.doc "
        "JOIN story_members m ON m.article_id = a.id GROUP BY v.term, m.story_id"
    )
    return {(term, story): n for term, story, n in rows}


def keys_match_summaries(store: Store) -> None:
    db = store.connection
    summaries = set(db.execute("SELECT id, size, first_date, last_date FROM story_summaries"))
    keys = set(db.execute("SELECT id, size, first_date, last_date FROM story_keys WHERE size > 0"))
    assert keys == summaries


def article_level(store: Store, word: str) -> set[str]:
    """Stories with a report holding ``word``, through the article index (what the page read before)."""
    rows = store.connection.execute(
        "SELECT DISTINCT ss.story_id FROM articles_fts f JOIN search_stories ss ON ss.article_rowid = f.rowid "
        "WHERE articles_fts MATCH ?",
        (f'"{word}"',),
    )
    return {r[0] for r in rows}


def found(store: Store, q: str, **filters: object) -> set[str]:
    page = stories_data(store, StoryFilters(q=q, per_page=200, **filters))  # type: ignore[arg-type]
    ids = {s["id"] for s in page["stories"]}
    assert page["total"] == len(ids)  # every test store fits one page of 200
    return ids


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("search") / "store.db"
    add(db, reports(60, seed=3))
    add(db, reports(40, seed=4, tag="b"))  # a second run: stories grow, new ones open
    return db


def test_index_equals_the_article_index_after_adds(grown: Path) -> None:
    with Store(grown) as store:
        assert not pending(store.connection)
        assert indexed(store) == reference(store)
        keys_match_summaries(store)


def test_every_story_whose_report_holds_the_word_is_found(grown: Path) -> None:
    with Store(grown) as store:
        for word in ["fire", "Harlow", "homes", "café", "Cafe", "CRÈME", "Marker", "markerbx3", "9", "plant"]:
            expected = set().union(*(article_level(store, t) for t in search_terms(word)))
            assert found(store, word) == expected, word
        assert found(store, "fire")  # the words above are not all absent
        # several words: every word in the story's reports, each somewhere (not necessarily together)
        both = article_level(store, "fire") & article_level(store, "harlow")
        assert found(store, "fire Harlow") == both
        together = {r[0] for r in store.connection.execute(
            "SELECT DISTINCT ss.story_id FROM articles_fts f JOIN search_stories ss ON ss.article_rowid = f.rowid "
            "WHERE articles_fts MATCH '\"fire\" \"harlow\"'"
        )}  # fmt: skip
        assert together <= both
        assert found(store, "fire Harlow", outlet="Valley Wire", min_size=2) <= both


def test_the_article_index_fallback_gives_the_same_stories(grown: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factdiff import story_search

    with Store(grown) as store:
        queries = ["fire", "Harlow homes", "café", "nothing-such", "a_b", "Velmar flood roads"]
        direct = {q: found(store, q) for q in queries}
        monkeypatch.setattr(story_search, "pending", lambda db: True)
        assert {q: found(store, q) for q in queries} == direct


def test_results_are_fresh_after_a_write(tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    add(db, reports(20, seed=5))
    with Store(db) as reader:  # a reader open across the write, as the server's are
        assert found(reader, "Zanzibarquay") == set()
        add(db, [{"id": "new-1", "title": "Zanzibarquay ferry strike", "text": "The Zanzibarquay ferry stopped.",
                  "source": "Valley Wire", "published": "2024-03-30"}])  # fmt: skip
        story = reader.connection.execute(
            "SELECT story_id FROM story_members WHERE article_id = (SELECT id FROM articles WHERE title LIKE ?)",
            ("Zanzibarquay%",),
        ).fetchone()[0]
        assert found(reader, "zanzibarquay ferry") == {story}
        assert not pending(reader.connection)


def test_a_move_between_stories_and_a_regroup_keep_the_index_exact(tmp_path: Path) -> None:
    db = tmp_path / "moves.db"
    add(db, reports(50, seed=6))
    with Store(db) as store:
        conn = store.connection
        story, size = conn.execute("SELECT id, size FROM story_summaries ORDER BY size DESC, id LIMIT 1").fetchone()
        members = [r[0] for r in conn.execute("SELECT article_id FROM story_members WHERE story_id = ?", (story,))]
        moved = [m for m in members if m != story][: size // 2]  # the first of them names the new story
        # a split as group_store writes it: the moved reports' rows point at the new story
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("UPDATE story_members SET story_id = ? WHERE article_id = ?", [(moved[0], m) for m in moved])
        conn.execute(
            "INSERT OR REPLACE INTO story_summaries (id, label, size, first_date, last_date) "
            "VALUES (?, '', ?, NULL, NULL)",
            (moved[0], len(moved)),
        )
        conn.execute("UPDATE story_summaries SET size = ? WHERE id = ?", (size - len(moved), story))
        assert pending(conn)
        index_pending(conn)
        conn.execute("COMMIT")
        assert indexed(store) == reference(store)
        keys_match_summaries(store)
        text = conn.execute("SELECT text FROM articles WHERE id = ?", (moved[0],)).fetchone()[0]
        marker = re.search(r"Marker\w+", text).group()  # type: ignore[union-attr]
        assert moved[0] in found(store, marker) == article_level(store, marker)

        regroup(store)  # every membership deleted and written again
        assert not pending(conn)
        assert indexed(store) == reference(store)
        keys_match_summaries(store)


def test_a_deleted_article_leaves_its_story_and_its_row_number_may_be_reused(tmp_path: Path) -> None:
    db = tmp_path / "deleted.db"
    add(db, reports(30, seed=8))
    with Store(db) as store:
        conn = store.connection
        last, text = conn.execute("SELECT id, text FROM articles ORDER BY rowid DESC LIMIT 1").fetchone()
        marker = re.search(r"Marker\w+", text).group()  # type: ignore[union-attr]
        conn.execute("DELETE FROM articles WHERE id = ?", (last,))  # by hand: factdiff itself never deletes
        assert pending(conn)  # until folded in, searches read the article index: already exact
        assert found(store, marker) == article_level(store, marker)
    # the next write folds it in; its first article takes the deleted one's row number
    add(db, [{"id": "after-delete", "title": "Quillmarsh ferry", "text": "The Quillmarsh ferry sailed late.",
              "source": "Valley Wire", "published": "2024-03-29"}])  # fmt: skip
    with Store(db) as store:
        assert not pending(store.connection)
        assert indexed(store) == reference(store)
        assert found(store, marker) == article_level(store, marker)
        assert len(found(store, "quillmarsh")) == 1


def test_an_older_store_is_migrated_searchable_at_once_then_indexed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "old.db"
    with monkeypatch.context() as patch:  # the schema and the writer before the story index
        patch.setattr(store_module, "MIGRATIONS", [m for m in store_module.MIGRATIONS if m[0] < "0009"])
        patch.setattr(store_module, "index_pending", lambda db: 0)
        add(db, reports(30, seed=7))
        with Store(db) as old:
            assert "0009_story_search" not in old.migrations()
            before = {w: article_level(old, w) for w in ["fire", "harlow", "roads"]}
    with Store(db) as store:  # migrated: every member queued, searches go through the article index
        assert pending(store.connection)
        assert {w: found(store, w) for w in before} == before
        assert index_backlog(store.connection, chunk=13) > 0  # in several short transactions
        assert not pending(store.connection)
        assert indexed(store) == reference(store)
        keys_match_summaries(store)
        assert {w: found(store, w) for w in before} == before
    add(db, reports(30, seed=7))  # a rerun of the same reports: all duplicates, nothing changes
    with Store(db) as store:
        assert indexed(store) == reference(store)


def test_search_terms_are_the_index_tokens_of_the_words() -> None:
    assert search_terms("Café CRÈME a_b") == ["cafe", "creme", "a", "b"]
    assert search_terms('"fire" OR home* NEAR(x)') == ["fire", "or", "home", "near", "x"]
    assert search_terms("fire FIRE Fire") == ["fire"]
    assert len(search_terms(" ".join(f"w{i}" for i in range(40)))) == MAX_SEARCH_TERMS
    assert not has_words("-- !! ()") and has_words("_")
    assert search_terms("_") == []


def test_a_search_of_no_indexable_word_finds_nothing_and_punctuation_is_no_search(grown: Path) -> None:
    with Store(grown) as store:
        everything = stories_data(store, StoryFilters(per_page=1))["total"]
        assert stories_data(store, StoryFilters(q="!!", per_page=1))["total"] == everything
        assert stories_data(store, StoryFilters(q="_", per_page=1))["total"] == 0

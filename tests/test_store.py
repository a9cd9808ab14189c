"""The SQLite store: migrations, atomic idempotent batches, faithful round trips."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from factdiff import store as store_module
from factdiff.analyse import analyse
from factdiff.errors import StoreError
from factdiff.model import Analysis, Article, Finding, Post, Quantity, Quote
from factdiff.normalise import Draft, normalise
from factdiff.store import MIGRATIONS, Store

BODY = (
    "Federal officers arrested 212 people in a five-day operation, the agency said on Friday.\n\n"
    "Of those arrested, 140 had criminal convictions, said Dana Whitfield, the agency's acting director."
)


def make_article(title: str = "Officers arrest 212", body: str = BODY, **meta: str) -> Article:
    result = normalise(Draft(body=body, input="x", title=title, **meta))  # type: ignore[arg-type]
    assert isinstance(result, Article)
    return result


def hand_analysis(article: Article) -> Analysis:
    """An analysis built by hand, so the round trip is tested whatever the analysers find."""
    start = article.text.index("212", article.body_start)
    quote_start = article.text.index("Of those")
    return Analysis(
        article=article,
        claims=[
            Quantity(start=start, end=start + 3, text="212", value=212, concept="people arrested", places=["US"]),
            Quantity(start=start, end=start + 3, text="212", low=200, high=220, approx="range"),
            Quote(start=quote_start, end=quote_start + 20, text="Of those arrested", quote="Of those", direct=False),
        ],
        findings=[Finding("parts_exceed_total", "140 of 212", start, start + 3, "212", related=[(0, 3)])],
        sentences=[(0, article.title_end), (article.body_start, len(article.text))],
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "test.db") as opened:
        yield opened


def test_new_store_is_migrated_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Store(path) as store:
        assert store.migrations() == [name for name, _ in MIGRATIONS]
        assert store.connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {row[0] for row in check.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"migrations", "articles", "analyses", "claims"} <= tables
    check.close()


def test_appended_migration_runs_once_on_next_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.db"
    Store(path).close()
    step = (
        "9999_stories",
        "CREATE TABLE stories (id INTEGER PRIMARY KEY, label TEXT);\nCREATE INDEX s ON stories (label);",
    )
    monkeypatch.setattr(store_module, "MIGRATIONS", [*MIGRATIONS, step])
    with Store(path) as store:
        assert store.migrations()[-1] == "9999_stories"
        store.connection.execute("INSERT INTO stories (label) VALUES ('x')")
    with Store(path) as store:  # not run again: the table and its row are still there
        assert store.migrations().count("9999_stories") == 1
        assert store.connection.execute("SELECT count(*) FROM stories").fetchone()[0] == 1


def test_failed_migration_leaves_nothing_half_done(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bad.db"
    Store(path).close()
    broken = ("9999_broken", "CREATE TABLE half (id INTEGER);\nCREATE TABLE half (id INTEGER);")
    monkeypatch.setattr(store_module, "MIGRATIONS", [*MIGRATIONS, broken])
    with pytest.raises(StoreError):
        Store(path)
    check = sqlite3.connect(path)
    assert check.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half'").fetchone()[0] == 0
    assert check.execute("SELECT count(*) FROM migrations WHERE name = '9999_broken'").fetchone()[0] == 0
    check.close()


def test_round_trip_of_article_and_analysis(store: Store) -> None:
    article = make_article(url="https://www.example.com/a", source_id="r-7", published="2021-10-01")
    article.posts.append(Post("twitter", "A Fan", "@fan", "2021-10-02", "212!", 5, 9, 10, 20))
    analysis = hand_analysis(article)
    result = store.add_batch([analysis])
    assert (result.added, result.skipped, result.added_ids) == (1, [], [article.id])
    assert store.get_article(article.id) == article
    back = store.get_analysis(article.id)
    assert back is not None
    assert back.article == article
    assert [type(c) for c in back.claims] == [Quantity, Quantity, Quote]
    assert [c.to_dict() for c in back.claims] == [c.to_dict() for c in analysis.claims]
    assert [(c.sentence_start, c.sentence_end) for c in back.claims] == [
        (c.sentence_start, c.sentence_end) for c in analysis.claims
    ]
    assert back.findings == analysis.findings
    assert back.sentences == analysis.sentences
    data = store.get_analysis_dict(article.id)
    assert data is not None and data["claims"][0]["value"] == 212 and data["claims"][1]["low"] == 200


def test_real_analysis_round_trip(store: Store) -> None:
    article = make_article()
    analysis = analyse(article)
    store.add_batch([article])  # analysed by the store
    back = store.get_analysis(article.id)
    assert back is not None
    assert [c.to_dict() for c in back.claims] == [c.to_dict() for c in analysis.claims]
    assert [f.to_dict() for f in back.findings] == [f.to_dict() for f in analysis.findings]


def test_duplicates_are_skipped_not_failed(store: Store) -> None:
    one = make_article()
    copy = make_article()  # same text from elsewhere: same content hash
    other = make_article(title="Another title")
    result = store.add_batch([hand_analysis(one), hand_analysis(copy), hand_analysis(other)])
    assert result.added == 2
    (dup,) = result.skipped
    assert (dup.reason, dup.error) == ("duplicate", False)
    again = store.add_batch([hand_analysis(one)])
    assert again.added == 0 and again.skipped[0].reason == "duplicate"
    assert store.count() == 2
    claims = store.connection.execute("SELECT count(*) FROM claims WHERE article_id = ?", (one.id,)).fetchone()[0]
    assert claims == 3  # the duplicate's claims were not written a second time


def test_a_batch_is_all_or_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    good = hand_analysis(make_article(title="First"))
    bad = hand_analysis(make_article(title="Second"))
    bad.claims[0].text = object()  # type: ignore[assignment]  # cannot be written as JSON
    with pytest.raises(TypeError):
        store.add_batch([good, bad])
    assert store.count() == 0
    assert store.connection.execute("SELECT count(*) FROM claims").fetchone()[0] == 0
    assert not store.connection.in_transaction
    assert store.add_batch([good]).added == 1


def test_deleting_an_article_deletes_its_analysis(store: Store) -> None:
    article = make_article()
    store.add_batch([hand_analysis(article)])
    store.connection.execute("DELETE FROM articles WHERE id = ?", (article.id,))
    assert store.connection.execute("SELECT count(*) FROM claims").fetchone()[0] == 0
    assert store.get_analysis(article.id) is None


def test_iter_articles_pages_in_insertion_order(store: Store) -> None:
    articles = [make_article(title=f"Report number {n}") for n in range(1203)]
    store.add_batch([Analysis(article=a) for a in articles])
    assert [a.id for a in store.iter_articles()] == [a.id for a in articles]
    assert store.count() == 1203
    listed = store.list_articles(limit=2)
    assert [row["title"] for row in listed] == ["Report number 0", "Report number 1"]
    assert "text" not in listed[0]


def test_unknown_ids(store: Store) -> None:
    assert store.get_article("0" * 16) is None
    assert store.get_analysis("0" * 16) is None
    assert store.get_analysis_dict("0" * 16) is None
    assert not store.has("0" * 16)


def test_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not an SQLite file at all" * 100)
    with pytest.raises(StoreError, match=r"junk\.db"):
        Store(path)


def test_unopenable_path_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        Store(tmp_path / "no" / "such" / "folder" / "x.db")


def test_ingest_counts_and_summarises(tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from factdiff import ingest as ingest_module

    monkeypatch.setattr(ingest_module, "MAX_KEPT_FAILURES", 2)
    monkeypatch.setattr(ingest_module, "analyse", lambda article: Analysis(article=article))
    for n in range(3):
        (tmp_path / f"short{n}.txt").write_text("T\n\nshort\n")
    (tmp_path / "good.txt").write_text(f"Officers arrest 212\n\n{BODY}\n")
    inputs = [str(tmp_path / "good.txt"), str(tmp_path), str(tmp_path / "missing.txt")]
    result = ingest_module.ingest(inputs, store, batch_size=1)
    assert (result.added, result.read, result.failed, result.skipped) == (1, 2, 4, 5)
    assert result.summary() == "added 1, skipped 5: 3 too short, 1 duplicate, 1 not found"
    assert len(result.failures) == 2  # kept up to the cap; the rest only counted
    assert ingest_module.ingest([str(tmp_path / "good.txt")], store).summary() == "added 0, skipped 1: 1 duplicate"


def test_ingest_survives_an_analyser_error(tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from factdiff import ingest as ingest_module

    def broken(article: Article) -> Analysis:
        if "212" in article.title:
            raise ValueError("cannot read this one")
        return Analysis(article=article)

    monkeypatch.setattr(ingest_module, "analyse", broken)
    (tmp_path / "a.txt").write_text(f"Officers arrest 212\n\n{BODY}\n")
    (tmp_path / "b.txt").write_text(f"Another report\n\n{BODY}\n")
    result = ingest_module.ingest([str(tmp_path)], store)
    assert result.added == 1 and result.failed == 1
    assert result.failures[0].reason == "analysis failed" and "cannot read this one" in result.failures[0].detail


def test_two_writers_at_once_store_each_article_once(tmp_path: Path) -> None:
    import threading

    path = tmp_path / "shared.db"
    Store(path).close()
    shared = [make_article(title=f"Shared {n}") for n in range(100)]
    own = {w: [make_article(title=f"Writer {w} report {n}") for n in range(100)] for w in (1, 2)}
    errors: list[BaseException] = []

    def write(w: int) -> None:
        try:
            with Store(path) as store:
                for start in range(0, 100, 10):
                    batch = shared[start : start + 10] + own[w][start : start + 10]
                    store.add_batch([Analysis(article=a) for a in batch])
        except BaseException as exc:  # reported to the test below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Store(path) as store:
        assert store.count() == 300

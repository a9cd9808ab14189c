"""The Spark job in ``local[2]`` on a small mixed corpus: the same articles, claims, skips and
stories as ``factdiff add``, comparisons per story, and ``factdiff load`` into the store."""

from __future__ import annotations

import gzip
import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from factdiff.cli import cli
from tests.shared_data import EXAMPLES

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
pytest.importorskip("pandas")
if shutil.which("java") is None:
    pytest.skip("no Java runtime (Spark needs one; .ci/run installs openjdk-17-jre-headless)", allow_module_level=True)

import pyarrow.dataset as ds

from factdiff.ingest import ingest
from factdiff.serve.data import StoryFilters, stories_data
from factdiff.store import Store
from factdiff.story_search import pending

OTHER = (
    "Harbour workers in Eastport unloaded 1,240 containers on Tuesday, the port authority said, "
    "a record for a single day. Port director Mara Lind said 86 ships are expected this month."
)


def _warc_record(kind: str, uri: str, block: bytes, content_type: str) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\n"
        f"WARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def _page(title: str, body: str) -> bytes:
    html = (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    )
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html.encode()


def _corpus(folder: Path) -> list[str]:
    """Report files, a JSON Lines file with a broken line and a copy, a CSV, a Parquet file and a
    WARC with a page, an image and a record cut short."""
    rows = [
        {"id": "p1", "title": "Record day at Eastport harbour", "text": OTHER, "published": "2024-05-07"},
        "{broken",
        {"id": "p2", "title": "No body here"},
        {"id": "p1-again", "title": "Record day at Eastport harbour", "text": OTHER, "published": "2024-05-07"},
    ]
    lines = [r if isinstance(r, str) else json.dumps(r) for r in rows]
    (folder / "rows.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "rows.csv").write_text(
        "id,title,text\nc1,Bridge closes,The Carrow bridge will close for 18 months from June 3, "
        "the county said on Friday.\n"
    )
    import pyarrow as pa
    import pyarrow.parquet as pq

    text = "The Millrace library reopened on Saturday after a 9-month refit costing $2.4 million."
    library = [{"id": "q1", "title": "Library reopens", "text": text}]
    pq.write_table(pa.Table.from_pylist(library), folder / "rows.parquet")
    http = "application/http; msgtype=response"
    body = "Flood waters reached 31.4 feet in Denholm on Sunday, the highest level since 1987, officials said."
    warc = b"".join([
        _warc_record("response", "https://news.example/flood", _page("Denholm flood peaks", body), http),
        _warc_record("response", "https://news.example/logo.png",
                     b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG", http),
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5000\r\n\r\ncut short",
    ])  # fmt: skip
    (folder / "crawl.warc.gz").write_bytes(gzip.compress(warc))
    return [str(EXAMPLES / "story"), str(folder / "rows.jsonl"), str(folder / "rows.csv"), str(folder / "rows.parquet"),
            str(folder / "crawl.warc.gz")]  # fmt: skip


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from factdiff.spark.job import RunOptions, run, session

    folder = tmp_path_factory.mktemp("spark")
    inputs = _corpus(folder)
    spark = session("local[2]")
    try:
        summary = run(RunOptions(inputs, str(folder / "out"), master=None), spark=spark)
    finally:
        spark.stop()
    with Store(folder / "embedded.db") as store:  # factdiff add reads no Parquet: the rest only
        embedded = ingest([i for i in inputs if not i.endswith(".parquet")], store)
    return {"folder": folder, "inputs": inputs, "summary": summary, "embedded": embedded, "out": folder / "out"}


def _table(out: Path, name: str) -> list[dict[str, Any]]:
    return ds.dataset(out / name, format="parquet").to_table().to_pylist()


def test_counts_and_skip_reasons_are_those_of_factdiff_add(run: dict[str, Any]) -> None:
    summary, embedded = run["summary"], run["embedded"]
    assert summary.read == embedded.read + 1  # the Parquet row
    assert summary.added == embedded.added + 1 == 10
    assert summary.skipped == embedded.reasons
    assert summary.skipped["invalid JSON"] == 1 and summary.skipped["duplicate"] == 1
    assert summary.skipped["invalid WARC"] == 1 and summary.skipped["no text"] == 1
    written = json.loads((run["out"] / "summary.json").read_text())
    assert written["added"] == 10 and written["skipped_by_reason"] == dict(summary.skipped.most_common())
    skipped = _table(run["out"], "skipped")
    assert {r["reason"] for r in skipped} == set(summary.skipped) - {"duplicate"}
    assert any(r["input"].endswith("rows.jsonl:2") for r in skipped)


def test_articles_and_claims_are_those_of_factdiff_add(run: dict[str, Any]) -> None:
    articles = _table(run["out"], "articles")
    claims = _table(run["out"], "claims")
    with Store(run["folder"] / "embedded.db") as store:
        stored = {a["id"]: a for a in store.list_articles()}
        from_parquet = [a for a in articles if a["file"].endswith(".parquet")]
        assert len(from_parquet) == 1 and from_parquet[0]["source_id"] == "q1"
        assert {a["id"] for a in articles} == set(stored) | {from_parquet[0]["id"]}
        for article in articles:
            if article in from_parquet:
                continue
            assert article["file"] == stored[article["id"]]["file"]
            assert article["source_id"] == stored[article["id"]]["source_id"]
            expected = store.get_analysis_dict(article["id"])
            assert expected is not None
            got = sorted((c for c in claims if c["article_id"] == article["id"]), key=lambda c: c["n"])
            assert [json.loads(c["data"]) for c in got] == expected["claims"]
            assert json.loads(article["findings"]) == expected["findings"]
    assert len({(c["article_id"], c["n"]) for c in claims}) == len(claims)


def test_stories_match_incremental_assignment(run: dict[str, Any]) -> None:
    articles = _table(run["out"], "articles")
    stories = {s["id"]: s for s in _table(run["out"], "stories")}
    with Store(run["folder"] / "embedded.db") as store:
        embedded = dict(store.connection.execute("SELECT article_id, story_id FROM story_members"))
    spark = {a["id"]: a["story_id"] for a in articles if not a["file"].endswith(".parquet")}
    # the same partition of the articles into stories (ids may differ only by order effects)
    assert sorted(Counter(spark.values()).values()) == sorted(Counter(embedded.values()).values())
    assert sum(s["size"] for s in stories.values()) == len(articles)
    for story_id, story in stories.items():
        assert [a["id"] for a in story["articles"]] == sorted(
            (a["id"] for a in articles if a["story_id"] == story_id), key=lambda i: next(
                a["story_seq"] for a in articles if a["id"] == i))  # fmt: skip
    seqs = [a["story_seq"] for a in articles]
    assert sorted(seqs) == list(range(1, len(articles) + 1))


def test_each_story_of_several_reports_is_compared_as_compare_story_does(run: dict[str, Any]) -> None:
    from factdiff.compare import compare_articles

    stories = [s for s in _table(run["out"], "stories") if s["size"] >= 2]
    assert stories and all(s["primary_sources"] for s in stories)
    slots = _table(run["out"], "slots")
    verdicts = _table(run["out"], "verdicts")
    with Store(run["folder"] / "embedded.db") as store:
        for story in (s for s in stories if all(store.has(a["id"]) for a in s["articles"])):
            expected = compare_articles([store.get_article(a["id"]) for a in story["articles"]]).to_dict()
            assert story["primary_sources"] == expected["primary_sources"]
            assert [s["id"] for s in slots if s["story_id"] == story["id"]] == [s["id"] for s in expected["slots"]]
            cells = Counter((v["slot"], v["article"], v["verdict"]) for v in verdicts if v["story_id"] == story["id"])
            assert cells == Counter(
                (s["id"], c["article"], c["verdict"]) for s in expected["slots"] for c in s["cells"]
            )
    assert any(v["divergence"] for v in verdicts)


def test_load_brings_the_run_into_the_store_once(run: dict[str, Any], tmp_path: Path) -> None:
    db = str(tmp_path / "loaded.db")
    runner = CliRunner()
    first = runner.invoke(cli, ["load", str(run["out"]), "--db", db, "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["added"] == 10
    again = runner.invoke(cli, ["load", str(run["out"]), "--db", db, "--json"])
    assert json.loads(again.output) | {"stories": 0} == {"added": 0, "present": 10, "claims": 0, "stories": 0}
    listed = json.loads(runner.invoke(cli, ["stories", "--db", db, "--json", "--limit", "0"]).output)
    spark_stories = {s["id"]: s["size"] for s in _table(run["out"], "stories")}
    assert {s["id"]: s["size"] for s in listed["stories"]} == spark_stories
    largest = max(spark_stories, key=lambda s: spark_stories[s])
    with Store(db) as store:  # the story search index follows the loaded memberships at once
        assert not pending(store.connection)
        word = store.connection.execute(
            "SELECT t.term FROM story_terms t JOIN story_keys k ON k.n = t.n WHERE k.id = ? AND t.members = ?",
            (largest, spark_stories[largest]),
        ).fetchone()[0]
        assert largest in {s["id"] for s in stories_data(store, StoryFilters(q=word, per_page=200))["stories"]}
    compared = runner.invoke(cli, ["compare", "--story", largest, "--db", db, "--json"])
    assert compared.exit_code == 0, compared.output
    assert len(json.loads(compared.output)["articles"]) == spark_stories[largest]
    # factdiff add goes on from the loaded stories: a new report of the largest story joins it
    story_file = sorted((EXAMPLES / "story").iterdir())[1]
    extra = tmp_path / "extra.txt"
    extra.write_text(story_file.read_text(encoding="utf-8").replace("\n\n", "\n\nUpdated on Friday.\n\n", 1))
    added = runner.invoke(cli, ["add", str(extra), "--db", db])
    assert added.exit_code == 0, added.output
    with Store(db) as store:
        sizes = dict(store.connection.execute("SELECT id, size FROM story_summaries"))
    assert sizes[largest] == spark_stories[largest] + 1


def test_bad_output_and_missing_input_are_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["load", str(tmp_path / "nothing"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 3
    assert "no such folder" in result.output
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(cli, ["load", str(tmp_path / "empty"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 3 and "not the output of factdiff spark run" in result.output


def test_publication_order_keeps_an_undated_report_beside_the_dated_one_before_it() -> None:
    from factdiff.spark.job import _ranks, session
    from factdiff.spark.plan import publication_order

    # input order 0..6; days: two undated before any dated one, then dated ones out of order with
    # undated reports among them
    days = [None, None, 20, None, 18, None, 20]
    spark = session("local[1]")
    try:
        frame = spark.createDataFrame(list(enumerate(days)), "order long, day long")
        ranks = dict(_ranks(frame, undated=True).collect())
        # an undated report takes the day of the dated one before it in input order
        assert sorted(ranks, key=ranks.get) == [0, 1, 4, 5, 2, 3, 6] == publication_order(days)
        # an input already in publication order is ranked in input order
        ordered = spark.createDataFrame(list(enumerate([None, 3, None, 5, None])), "order long, day long")
        assert dict(_ranks(ordered, undated=True).collect()) == {i: i for i in range(5)}
    finally:
        spark.stop()

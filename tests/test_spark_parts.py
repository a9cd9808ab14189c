"""The Spark job's parts that run without Spark: planning, blocking, block assignment, the guard."""

from __future__ import annotations

import json
import zlib
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from factdiff.cli import cli
from factdiff.errors import Skipped
from factdiff.group import DF_BUCKETS, Fingerprint, Grouper, fingerprint
from factdiff.read import read_inputs
from factdiff.spark import MissingExtra, require
from factdiff.spark.assign import Arrival, assign_block
from factdiff.spark.blocking import UnionFind, date_buckets, link_members, signature
from factdiff.spark.plan import ORDER_SHIFT, plan_units, publication_order
from factdiff.spark.tasks import read_unit
from tests.shared_data import EXAMPLES


def test_two_articles_within_the_window_always_share_a_date_bucket() -> None:
    for a in range(0, 60):
        for b in range(a, a + 15):
            assert set(date_buckets(a)) & set(date_buckets(b)), (a, b)
    assert not set(date_buckets(0)) & set(date_buckets(28))
    assert date_buckets(None) == ["u"]


def test_alike_articles_are_linked_and_unlike_ones_are_not() -> None:
    words = {f"w:word{i}": 1.0 for i in range(40)}
    a = Fingerprint("a", {**words, "n:498": 2.0})
    b = Fingerprint("b", {**words, "n:317": 2.0})
    c = Fingerprint("c", {f"w:other{i}": 1.0 for i in range(40)})
    members = [(0, signature(a)), (1, signature(b)), (2, signature(c))]
    assert list(link_members(members)) == [(1, 0)]
    assert list(link_members(members, limit=2)) == []  # a key held by too many articles links nothing


def test_union_find_names_each_component_by_its_smallest_id() -> None:
    union = UnionFind()
    union.add_all([(5, 3), (3, 9), (7, 8)])
    assert union.roots() == {5: 3, 3: 3, 9: 3, 7: 7, 8: 7}


def _prefix_arrivals(fps: list[Fingerprint]) -> list[Arrival]:
    """Arrivals with the counts one process would have had: the job's window, done by hand."""
    counts: Counter[int] = Counter()
    arrivals = []
    for rank, fp in enumerate(fps):
        buckets = [zlib.crc32(f.encode()) & (DF_BUCKETS - 1) for f in fp.features]
        counts.update(buckets)
        arrivals.append(Arrival(rank, fp, {h: counts[h] for h in buckets}))
    return arrivals


def test_a_block_assigned_with_corpus_counts_matches_one_process() -> None:
    """With the counts each article saw, a block of the whole corpus gives exactly the stories of
    incremental assignment: same story, same joined story, same scores."""
    articles = [a for a in read_inputs([str(EXAMPLES / "story"), str(EXAMPLES / "article.txt")])
                if not isinstance(a, Skipped)]  # fmt: skip
    fps = [fingerprint(a) for a in articles]
    reference = list(Grouper().run(fps))
    members, stories = assign_block(reversed(_prefix_arrivals(fps)))  # any order in, rank order used
    by_id = {m.article_id: m for m in members}
    final = {a.article_id: a.story_id for a in reference}
    for a in reference:
        for moved in a.moved:
            final[moved] = a.split_to or final[moved]
    assert {m: by_id[m].story_id for m in by_id} == final
    for a in reference:
        assert json.loads(by_id[a.article_id].decision)["score"] == a.score
    assert sorted(row[0] for row in stories) == sorted(set(final.values()))
    assert sum(row[2] for row in stories) == len(fps)


def test_streaming_a_block_gives_the_same_stories_as_assigning_it_whole() -> None:
    from factdiff.spark.assign import Member, Move, assign_stream

    articles = [a for a in read_inputs([str(EXAMPLES / "story"), str(EXAMPLES / "article.txt")])
                if not isinstance(a, Skipped)]  # fmt: skip
    arrivals = _prefix_arrivals([fingerprint(a) for a in articles])
    whole, stories = assign_block(arrivals)
    final: dict[str, str] = {}
    rows = []
    for item in assign_stream(arrivals):
        if isinstance(item, Member | Move):
            final[item.article_id] = item.story_id
        else:
            rows.append(item)
    assert final == {m.article_id: m.story_id for m in whole}
    assert sorted(rows) == sorted(stories)
    with pytest.raises(ValueError, match="out of rank order"):
        list(assign_stream(reversed(arrivals)))


def test_units_follow_the_order_factdiff_add_reads_in(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second\n\nThe council approved 14 new homes on Monday evening.\n")
    (tmp_path / "a.txt").write_text("First\n\nThe council approved 12 new homes on Monday evening.\n")
    (tmp_path / "notes.md").write_text("not read in a folder")
    units = plan_units([str(tmp_path), str(tmp_path / "missing.jsonl")])
    assert [Path(u.path).name for u in units] == ["a.txt", "2.txt", "missing.jsonl"]
    assert units[-1].skipped is not None and units[-1].skipped.reason == "not found"
    read = [item for u in units for _, item in read_unit(u, _fields(), 1 << 20)]
    embedded = list(read_inputs([str(tmp_path), str(tmp_path / "missing.jsonl")]))
    assert [getattr(i, "id", None) or i.reason for i in read] == [getattr(i, "id", None) or i.reason for i in embedded]
    orders = [order for u in units for order, _ in read_unit(u, _fields(), 1 << 20)]
    assert orders == sorted(orders) and orders[1] >> ORDER_SHIFT == 1


def test_parquet_rows_are_read_like_json_lines_rows(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    text = "The council approved 12 new homes on Monday evening after a long debate."
    rows = [{"id": "r1", "title": "Homes", "text": text, "published": "2024-03-04"}, {"id": "r2", "text": ""}]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "rows.parquet")
    (tmp_path / "rows.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    units = plan_units([str(tmp_path / "rows.parquet")])
    got = [item for u in units for _, item in read_unit(u, _fields(), 1 << 20)]
    expected = list(read_inputs([str(tmp_path / "rows.jsonl")]))
    assert got[0].id == expected[0].id and got[0].published == expected[0].published
    assert isinstance(got[1], Skipped) and got[1].reason == expected[1].reason == "empty"
    assert got[1].input.endswith("rows.parquet#r2")


def test_without_the_extra_the_commands_say_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyspark" else real(name, *a))
    with pytest.raises(MissingExtra, match=r"factdiff\[spark\]"):
        require("pyspark")
    result = CliRunner().invoke(cli, ["spark", "run", "--input", str(EXAMPLES), "--output", "out"])
    assert result.exit_code == 3
    assert "pip install 'factdiff[spark]'" in result.output


def _fields():
    from factdiff.read import Fields

    return Fields()


def test_publication_order_sorts_by_day_and_keeps_undated_reports_beside_their_neighbours() -> None:
    # undated reports before any dated one come first; later ones follow the dated one before them
    assert publication_order([None, 5, None, 3, None, 5]) == [0, 3, 4, 1, 2, 5]
    # an input already in day order keeps its input order, undated reports included
    assert publication_order([None, 1, None, 2, 2, None]) == list(range(6))
    assert publication_order([]) == []


def test_a_failed_background_write_is_raised_when_waited_for() -> None:
    from factdiff.spark.job import _Background

    written: list[str] = []

    class _Writer:
        def __init__(self, fail: bool) -> None:
            self.fail = fail

        def mode(self, _: str) -> _Writer:
            return self

        def parquet(self, path: str) -> None:
            if self.fail:
                raise OSError(f"cannot write {path}")
            written.append(path)

    class _Frame:
        def __init__(self, fail: bool) -> None:
            self.write = _Writer(fail)

    background = _Background()
    background.write(_Frame(False), "out/claims")
    background.write(_Frame(True), "out/articles")
    with pytest.raises(OSError, match="out/articles"):
        background.wait()
    background.close()
    assert written == ["out/claims"]

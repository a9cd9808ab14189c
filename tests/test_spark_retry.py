"""A Spark task that fails, or whose worker process dies, mid-run: the retried run's output is
complete and holds every article, claim and verdict exactly once."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.shared_data import EXAMPLES, STORIES, need

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
if shutil.which("java") is None:
    pytest.skip("no Java runtime (Spark needs one; .ci/run installs openjdk-17-jre-headless)", allow_module_level=True)

import pyarrow.dataset as ds

pytestmark = pytest.mark.slow

#: Two cores, and up to four attempts per task: the master syntax of local mode for retries.
MASTER = "local[2,4]"


@pytest.fixture(scope="module")
def spark() -> Any:
    from factdiff.spark.job import session

    spark = session(MASTER)
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def clean(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Path, int]:
    """The run without failures that the struck runs must reproduce."""
    from factdiff.spark.job import RunOptions, run

    inputs = [str(EXAMPLES / "story"), str(need(STORIES / "safe-city"))]
    out = tmp_path_factory.mktemp("clean") / "out"
    summary = run(RunOptions(inputs, str(out), master=None, partitions=4), spark=spark)
    return inputs, out, summary.added


def _keys(out: Path) -> dict[str, list[tuple[Any, ...]]]:
    def rows(name: str, columns: list[str]) -> list[tuple[Any, ...]]:
        table = ds.dataset(out / name, format="parquet").to_table(columns=columns).to_pylist()
        return sorted(tuple(r[c] for c in columns) for r in table)

    return {
        "articles": rows("articles", ["id", "story_id", "story_seq"]),
        "claims": rows("claims", ["article_id", "n", "data"]),
        "stories": rows("stories", ["id", "size"]),
        "verdicts": rows("verdicts", ["story_id", "slot", "article", "verdict"]),
    }


@pytest.mark.parametrize("mode", ["raise", "exit"])
def test_a_failed_task_is_retried_without_loss_or_duplicates(
    spark: Any, clean: tuple[list[str], Path, int], tmp_path: Path, mode: str
) -> None:
    from factdiff.spark.job import RunOptions, run
    from factdiff.spark.tasks import Chaos

    inputs, clean_out, clean_added = clean
    witness = tmp_path / "witness"
    witness.mkdir()
    chaos = Chaos(1, mode, str(witness))
    struck = run(RunOptions(inputs, str(tmp_path / "struck"), master=None, partitions=4, chaos=chaos), spark=spark)
    assert [p.name for p in witness.iterdir()] == ["struck-1-0"]  # the first attempt did fail
    assert struck.added == clean_added == 16
    expected, got = _keys(clean_out), _keys(tmp_path / "struck")
    for name, rows in got.items():
        assert len(rows) == len(set(rows)), f"duplicate rows in {name}"
        assert rows == expected[name], name
    assert not (tmp_path / "struck" / "_work").exists()

"""The Spark job against ``factdiff add`` on the shared data: same articles, same claims, same stories?

For each corpus (ECB+ dev, the constructed stories, the real story folders) the same inputs go
through ``factdiff add`` (one process, input order) and through ``factdiff spark run`` in
``local[2]``; the table compares the two: articles and claims (identical ids and claim data),
and the groupings, as BCubed F1 of the Spark stories against the embedded ones (agreement; goal
0.99), and each grouping's BCubed F1 against the gold events (ECB+ ``event``; for story folders,
the folder). Incremental assignment in publication order (the order the Spark job assigns in) is
the third grouping: the gap between it and ``add`` is the order effect, the gap between it and
Spark the effect of blocking.

    python bench/spark_agreement.py [--data ../shared/data] [--master local[2]]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ecbplus import bcubed  # noqa: E402


def embedded(inputs: list[str], db: Path) -> tuple[dict[str, str], dict[str, str], float]:
    """``factdiff add``: story of each article, claims JSON of each article, seconds."""
    from factdiff.ingest import ingest
    from factdiff.store import Store

    started = time.perf_counter()
    with Store(db) as store:
        ingest(inputs, store)
        db_ = store.connection
        stories = dict(db_.execute("SELECT article_id, story_id FROM story_members"))
        claims: dict[str, list[str]] = {}
        for article_id, data in db_.execute("SELECT article_id, data FROM claims ORDER BY article_id, n"):
            claims.setdefault(article_id, []).append(data)
    return stories, {k: json.dumps(v) for k, v in claims.items()}, time.perf_counter() - started


def publication_order(db: Path) -> dict[str, str]:
    """Incremental assignment of the stored fingerprints in publication order (the Spark order)."""
    import sqlite3

    from factdiff.group import Fingerprint, Grouper
    from factdiff.spark.plan import publication_order

    connection = sqlite3.connect(db)
    rows = connection.execute("SELECT article_id, seq, fingerprint FROM story_members ORDER BY seq").fetchall()
    connection.close()
    fps = [Fingerprint.from_dict(json.loads(data)) for _, _, data in rows]
    grouper = Grouper()
    story: dict[str, str] = {}
    for fp in (fps[i] for i in publication_order(fp.day for fp in fps)):
        assignment = grouper.assign(fp)
        story[fp.article_id] = assignment.story_id
        for moved in assignment.moved:
            story[moved] = assignment.split_to or story[moved]
    return story


def spark_run(spark: object, inputs: list[str], out: Path) -> tuple[dict[str, str], dict[str, str], float, dict]:
    import pyarrow.dataset as ds

    from factdiff.spark.job import RunOptions, run

    started = time.perf_counter()
    summary = run(RunOptions(inputs, str(out), master=None, compare=False), spark=spark)
    seconds = time.perf_counter() - started
    articles = ds.dataset(out / "articles", format="parquet").to_table(columns=["id", "story_id"]).to_pylist()
    claims: dict[str, list[tuple[int, str]]] = {}
    for row in ds.dataset(out / "claims", format="parquet").to_table(columns=["article_id", "n", "data"]).to_pylist():
        claims.setdefault(row["article_id"], []).append((row["n"], row["data"]))
    claim_json = {k: json.dumps([d for _, d in sorted(v)]) for k, v in claims.items()}
    return {r["id"]: r["story_id"] for r in articles}, claim_json, seconds, summary.to_dict()


def gold_of(name: str, data: Path, ids: dict[str, str], db: Path) -> dict[str, str]:
    """The gold event of each stored article: ECB+ ``event``, or the story folder it came from."""
    import sqlite3

    connection = sqlite3.connect(db)
    rows = connection.execute("SELECT id, file, source_id FROM articles").fetchall()
    connection.close()
    gold: dict[str, str] = {}
    if name == "ecbplus":
        events = {}
        with (data / "ecbplus" / "dev.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    row = json.loads(line)
                    events[str(row["id"])] = str(row["event"])
        for article_id, _, source_id in rows:
            gold[article_id] = events.get(str(source_id), "?")
    else:
        for article_id, file, _ in rows:
            gold[article_id] = Path(file).parent.name if file else "?"
    return gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--master", default="local[2]")
    args = parser.parse_args()
    corpora = {
        "ecbplus": [str(args.data / "ecbplus" / "dev.jsonl")],
        "stories": [str(args.data / "stories")],
        "real": [str(args.data / "real")],
    }
    from factdiff.spark.job import session

    spark = session(args.master)
    header = (
        f"{'corpus':<8} {'articles':>8} {'same ids':>8} {'same claims':>11} {'stories add/pub/spark':>22} "
        f"{'agree add':>9} {'agree pub':>9} {'F1 add':>7} {'F1 pub':>7} {'F1 spark':>8} {'add s':>6} {'spark s':>7}"
    )
    lines = [header, "-" * len(header)]
    with tempfile.TemporaryDirectory() as tmp:
        for name, inputs in corpora.items():
            if not Path(inputs[0]).exists():
                lines.append(f"{name:<8} (not present: {inputs[0]})")
                continue
            db = Path(tmp) / f"{name}.db"
            add_story, add_claims, add_s = embedded(inputs, db)
            pub_story = publication_order(db)
            spark_story, spark_claims, spark_s, _ = spark_run(spark, inputs, Path(tmp) / name)
            same_ids = set(add_story) == set(spark_story)
            common = sorted(set(add_story) & set(spark_story))
            same_claims = sum(add_claims.get(i, "[]") == spark_claims.get(i, "[]") for i in common)
            gold = gold_of(name, args.data, add_story, db)
            a = [add_story[i] for i in common]
            p = [pub_story[i] for i in common]
            s = [spark_story[i] for i in common]
            g = [gold.get(i, "?") for i in common]
            lines.append(
                f"{name:<8} {len(common):>8} {'yes' if same_ids else 'NO':>8} {same_claims:>5}/{len(common):<5} "
                f"{len(set(a)):>6}/{len(set(p))}/{len(set(s)):<8} {bcubed(s, a)[2]:>9.3f} {bcubed(s, p)[2]:>9.3f} "
                f"{bcubed(a, g)[2]:>7.3f} {bcubed(p, g)[2]:>7.3f} {bcubed(s, g)[2]:>8.3f} {add_s:>6.1f} {spark_s:>7.1f}"
            )
    spark.stop()
    print("\n".join(lines))


if __name__ == "__main__":
    main()

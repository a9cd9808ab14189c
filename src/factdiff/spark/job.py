"""The Spark job: inputs in, Parquet tables and a run summary out.

Stages (each a Spark stage or two; every task runs the pipeline's pure functions unchanged):

1. **read** one task per unit (file or Parquet row group), normalised articles and skip outcomes;
2. **analyse** the distinct articles (the first copy in input order is kept), repartitioned evenly,
   with their fingerprints, MinHash signatures and block keys; written to a work table;
3. **order** every article by publication day, then input order (its *rank*; an undated article
   takes the day of the dated article before it in input order), and give it the corpus counts
   (df) that one process would have had when it arrived: a window over the features' hashed
   buckets;
4. **block**: articles sharing a key and alike by signature are linked; the links' connected
   components (union-find on the driver: the links are few) are the blocks;
5. **assign** each block in rank order with :class:`~factdiff.spark.assign.BlockGrouper`;
6. **compare** each story of two or more reports (``applyInPandas``), as ``compare --story`` does;
7. **write** ``articles``, ``claims``, ``stories``, ``slots``, ``verdicts`` and ``skipped`` as Parquet,
   and ``summary.json``; a table nothing later reads is written from a driver thread while the
   next stages run.

Output is written through Spark's commit protocol: a task that fails and is retried, or an executor
that is lost, leaves no partial or doubled rows.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from factdiff.read import DEFAULT_MAX_BYTES, Fields
from factdiff.spark.blocking import UNDATED
from factdiff.spark.plan import Unit, plan_units
from factdiff.spark.tasks import ANALYSED_FIELDS, Chaos

__all__ = ["TABLES", "RunOptions", "RunSummary", "run"]

#: The output tables, each a Parquet folder under the output directory.
TABLES = ("articles", "claims", "stories", "slots", "verdicts", "skipped")
#: Work tables, removed at the end of a successful run.
WORK = "_work"
#: Partitions per core for the analysis and assignment stages: a few per core keep the cores busy
#: when articles differ in cost, without making tasks so small that scheduling dominates.
PARTITIONS_PER_CORE = 4


@dataclass(slots=True)
class RunOptions:
    inputs: Sequence[str]
    output: str
    master: str | None = "local[*]"
    fields: Fields = field(default_factory=Fields)
    max_bytes: int = DEFAULT_MAX_BYTES
    partitions: int | None = None  # default: PARTITIONS_PER_CORE per core of the cluster
    compare: bool = True
    chaos: Chaos | None = None
    conf: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class RunSummary:
    """Counts of a run, as ``factdiff add`` reports them, plus the job's own."""

    read: int = 0
    added: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    failed: int = 0
    stories: int = 0
    compared: int = 0
    blocks: int = 0
    largest_block: int = 0
    links: int = 0
    units: int = 0
    partitions: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def line(self) -> str:
        """'added 41, skipped 3: 2 too short, 1 duplicate', as ``factdiff add`` ends."""
        total = sum(self.skipped.values())
        if not total:
            return f"added {self.added}"
        parts = ", ".join(f"{n} {reason}" for reason, n in self.skipped.most_common())
        return f"added {self.added}, skipped {total}: {parts}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "factdiff.spark-run/1",
            "read": self.read,
            "added": self.added,
            "skipped": sum(self.skipped.values()),
            "skipped_by_reason": dict(self.skipped.most_common()),
            "failed": self.failed,
            "stories": self.stories,
            "compared_stories": self.compared,
            "blocks": self.blocks,
            "largest_block": self.largest_block,
            "links": self.links,
            "units": self.units,
            "partitions": self.partitions,
            "seconds": {k: round(v, 2) for k, v in self.seconds.items()},
        }


def session(master: str | None, conf: dict[str, str] | None = None) -> Any:
    """A Spark session for a run (the active one when ``master`` is None)."""
    import sys

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("factdiff")
    if master:
        builder = builder.master(master)
    settings = {
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.execution.arrow.pyspark.enabled": "true",
    }
    if master and master.startswith("local"):
        # the workers of local mode run this interpreter; a cluster's nodes have their own
        settings["spark.pyspark.python"] = sys.executable
    settings.update(conf or {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def run(options: RunOptions, spark: Any = None) -> RunSummary:
    """Run the whole job; the tables and ``summary.json`` are written under ``options.output``."""
    from factdiff.spark.output import Output

    own = spark is None
    if own:
        spark = session(options.master, options.conf)
    try:
        return _run(spark, options, Output(options.output))
    finally:
        if own:
            spark.stop()


def _run(spark: Any, options: RunOptions, out: Any) -> RunSummary:
    partitions = options.partitions or max(2, spark.sparkContext.defaultParallelism * PARTITIONS_PER_CORE)
    settings = {
        # the SQL stages' shuffles too get the job's partition count, instead of Spark's default of 200
        "spark.sql.shuffle.partitions": str(partitions),
        # and adaptive execution keeps them: it merges shuffle partitions that are small in bytes,
        # but here a partition's cost is the Python work per row (a story's comparison), not its
        # bytes. Merged, the story sizes' shuffle put every comparison into one task, and with it
        # the story-level repartition, which the planner then drops as already satisfied.
        "spark.sql.adaptive.coalescePartitions.enabled": "false",
    }
    previous = {key: spark.conf.get(key, None) for key in settings}
    for key, value in settings.items():
        spark.conf.set(key, options.conf.get(key, value))
    background = _Background()
    try:
        return _stages(spark, options, out, background, partitions)
    finally:
        background.close()
        for key, value in previous.items():
            if value is None:
                spark.conf.unset(key)
            else:
                spark.conf.set(key, value)


def _stages(spark: Any, options: RunOptions, out: Any, background: _Background, partitions: int) -> RunSummary:
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from factdiff.spark import schema

    sc = spark.sparkContext
    summary = RunSummary()
    clock = _Clock(summary.seconds)
    summary.partitions = partitions

    # 1-2. read, keep the first copy of each article, analyse
    units = plan_units(options.inputs)
    summary.units = len(units)
    fields, max_bytes, chaos = options.fields, options.max_bytes, options.chaos
    read = (
        sc.parallelize([u.to_row() for u in units], max(1, len(units)))
        .flatMap(lambda row: _read(row, fields, max_bytes))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    skipped = read.filter(lambda kv: kv[0] == "s").map(lambda kv: kv[1])
    spark.createDataFrame(skipped, schema.SKIPPED).write.mode("overwrite").parquet(out.work("read_skipped"))
    distinct = (
        read.filter(lambda kv: kv[0] == "a")
        .map(lambda kv: (kv[1][1].id, (kv[1][0], kv[1][1], 1)))
        .reduceByKey(_first_copy, numPartitions=partitions)
    )
    analysed_rdd = distinct.mapPartitionsWithIndex(lambda i, rows: _analyse(i, rows, chaos))
    spark.createDataFrame(analysed_rdd, schema.ANALYSED).write.mode("overwrite").parquet(out.work("analysed"))
    read.unpersist()
    clock.lap("read and analyse")

    analysed = spark.read.parquet(out.work("analysed"))
    counts = analysed.agg(
        F.sum("copies"),
        F.count("*"),
        F.sum(F.when(F.col("error").isNull(), 1).otherwise(0)),
        F.sum(F.when(F.col("error").isNull() & F.col("day").isNull(), 1).otherwise(0)),
    ).first()
    summary.read = int(counts[0] or 0)
    summary.added = int(counts[2] or 0)
    duplicates = summary.read - int(counts[1] or 0)
    if duplicates:
        summary.skipped["duplicate"] += duplicates
    failures = analysed.filter(F.col("error").isNotNull()).select(
        F.lit(None).cast("long").alias("order"),
        F.col("file").alias("input"),
        F.lit("analysis failed").alias("reason"),
        F.col("error").alias("detail"),
        F.lit(True).alias("error"),
    )
    all_skipped = spark.read.parquet(out.work("read_skipped")).unionByName(failures)
    all_skipped.write.mode("overwrite").parquet(out.table("skipped"))
    for row in spark.read.parquet(out.table("skipped")).groupBy("reason", "error").count().collect():
        summary.skipped[row["reason"]] += int(row["count"])
        if row["error"]:
            summary.failed += int(row["count"])
    ok = analysed.filter(F.col("error").isNull())

    # 3. publication order and the corpus counts each article saw; only what grouping reads is
    # written again (the texts and analyses stay in the analysed table)
    ranks = _ranks(ok, undated=bool(counts[3]))
    grouping = ok.select("id", "order", "day", "fingerprint", "signature", "keys", "buckets")
    grouping.join(ranks, "order").write.mode("overwrite").parquet(out.work("ranked"))
    ranked = spark.read.parquet(out.work("ranked"))
    df_rows = _prefix_counts(ranked, partitions)
    # the claims table needs nothing of grouping: written meanwhile, on cores grouping leaves idle
    claims = ok.select("id", "claims").rdd.flatMap(lambda r: _claims(r[0], r[1]))
    background.write(spark.createDataFrame(claims, schema.CLAIMS), out.table("claims"))
    clock.lap("order and count")

    # 4. blocks
    keyed = ranked.select("rank", "signature", F.explode("keys").alias("key"))
    if counts[3]:
        # The grouper puts an undated article into any story and a dated one into an undated
        # story: with undated articles about, dated ones file their keys in the undated bucket too.
        undated_keys = F.array_distinct(
            F.transform("keys", lambda k: F.concat(F.lit(f"{UNDATED}|"), F.substring_index(k, "|", -1)))
        )
        keyed = keyed.unionByName(
            ranked.filter(F.col("day").isNotNull()).select("rank", "signature", F.explode(undated_keys).alias("key"))
        )
    links = (
        keyed.rdd.map(lambda r: (r[2], (int(r[0]), bytes(r[1]))))
        .groupByKey(numPartitions=partitions)
        .flatMap(lambda kv: _links(kv[0], kv[1]))
        .distinct()
        .collect()
    )
    from factdiff.spark.blocking import UnionFind

    union = UnionFind()
    union.add_all(links)
    roots = union.roots()
    summary.links = len(links)
    blocks = spark.createDataFrame(list(roots.items()) or [(-1, -1)], schema.BLOCKS)
    sizes = Counter(roots.values())
    summary.largest_block = max(sizes.values(), default=1)
    summary.blocks = len(sizes) + summary.added - len(roots)
    clock.lap("block")

    # 5. assign stories block by block
    arrivals = (
        ranked.select("rank", "fingerprint")
        .join(df_rows, "rank")
        .join(blocks, "rank", "left")
        .select(F.coalesce("block", "rank").alias("block"), "rank", "fingerprint", "df")
    )
    # sorted by (block, rank) within partitions of whole blocks: each block streams through its
    # grouper in rank order, however large it is. The JVM sorts (and spills, if it must): an RDD
    # sort (repartitionAndSortWithinPartitions) sorts in the Python worker, unpickling, spilling and
    # merging a large block there before the first article can be assigned.
    assigned = (
        arrivals.repartition(partitions, "block").sortWithinPartitions("block", "rank").rdd.mapPartitions(_assign)
    )
    spark.createDataFrame(assigned, schema.ASSIGNED).write.mode("overwrite").parquet(out.work("assigned"))
    assigned_df = spark.read.parquet(out.work("assigned"))
    moves = assigned_df.filter(F.col("kind") == "v").groupBy("id").agg(F.max_by("story_id", "rank").alias("moved_to"))
    members = (
        assigned_df.filter(F.col("kind") == "m")
        .join(moves, "id", "left")
        .select("id", "rank", "joined", F.coalesce("moved_to", "story_id").alias("story_id"), "decision")
    )
    clock.lap("assign")

    # 6-7. tables
    texts = ok.drop("fingerprint", "day", "signature", "keys", "buckets")
    articles = texts.join(members, "id").select(
        "id", "source_id", "file", "url", "title", "outlet", "domain", "published", "language", "kind",
        "text", "title_end", "body_start", "posts", "version", "sentences", "findings",
        "story_id", F.col("joined").alias("story_joined"), (F.col("rank") + 1).alias("story_seq"),
        F.col("decision").alias("fingerprint"),
    )  # fmt: skip
    # sorted, so that a reader (factdiff load) can take the articles in publication order by ranges;
    # written while the stories are compared (neither reads the other)
    background.write(articles.orderBy("story_seq"), out.table("articles"))

    story_rows = assigned_df.filter(F.col("kind") == "s").select(
        F.col("story_id").alias("id"), "label", "size", "first_date", "last_date", "outlets", "facts"
    )
    meta = ok.select("id", "source_id", "published", F.coalesce("outlet", "domain").alias("outlet"))
    listed = (
        members.join(meta, "id")
        .groupBy("story_id")
        .agg(F.sort_array(F.collect_list(F.struct("rank", "id", "source_id", "published", "outlet"))).alias("a"))
        .select(F.col("story_id").alias("id"), F.transform("a", lambda s: s.dropFields("rank")).alias("articles"))
    )
    stories = story_rows.join(listed, "id")

    if options.compare:
        documents = _compare(spark, ok, members, out, partitions)
        compared = spark.read.parquet(out.work("compared"))
        slots = compared.rdd.flatMap(lambda r: _slots(r[0], r[1]))
        background.write(spark.createDataFrame(slots, schema.SLOTS), out.table("slots"))
        verdicts = compared.rdd.flatMap(lambda r: _verdicts(r[0], r[1]))
        background.write(spark.createDataFrame(verdicts, schema.VERDICTS), out.table("verdicts"))
        heads = spark.createDataFrame(compared.rdd.map(lambda r: _head(r[0], r[1])), schema.STORY_HEADS)
        stories = stories.join(heads, "id", "left")
        summary.compared = documents
    else:
        for name, table_schema in (("slots", schema.SLOTS), ("verdicts", schema.VERDICTS)):
            spark.createDataFrame([], table_schema).write.mode("overwrite").parquet(out.table(name))
        stories = stories.join(spark.createDataFrame([], schema.STORY_HEADS), "id", "left")
    stories.write.mode("overwrite").parquet(out.table("stories"))
    summary.stories = spark.read.parquet(out.table("stories")).count()
    background.wait()
    clock.lap("compare and write")
    out.write_summary(summary.to_dict())
    out.clean_work()
    return summary


class _Background:
    """Spark jobs that need nothing of what follows, run from driver threads meanwhile.

    A job that leaves cores idle (assigning one large block, one story's comparison) leaves
    them to these; :meth:`wait` raises the first failure, :meth:`close` waits for the rest.
    """

    def __init__(self) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self._pool = ThreadPoolExecutor(max_workers=3, thread_name_prefix="factdiff-job")
        self._futures: list[Any] = []

    def write(self, frame: Any, path: str) -> None:
        """Write ``frame`` as Parquet at ``path`` (replacing it) in a driver thread."""
        self._futures.append(self._pool.submit(lambda: frame.write.mode("overwrite").parquet(path)))

    def wait(self) -> None:
        futures, self._futures = self._futures, []
        for future in futures:
            future.result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class _Clock:
    def __init__(self, seconds: dict[str, float]) -> None:
        self.seconds = seconds
        self.started = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = now - self.started
        self.started = now


# --- functions shipped to tasks (module level, so Spark pickles them by reference) --------------


def _read(row: Any, fields: Fields, max_bytes: int) -> Iterator[tuple[str, Any]]:
    from factdiff.errors import Skipped
    from factdiff.spark.tasks import read_unit

    for order, item in read_unit(Unit.from_row(row), fields, max_bytes):
        if isinstance(item, Skipped):
            yield "s", (order, item.input, item.reason, item.detail, item.error)
        else:
            yield "a", (order, item)


def _first_copy(a: tuple[int, Any, int], b: tuple[int, Any, int]) -> tuple[int, Any, int]:
    """Of two copies of one article, the first in input order, counting the copies read."""
    first = a if a[0] <= b[0] else b
    return first[0], first[1], a[2] + b[2]


def _analyse(partition: int, rows: Iterator[tuple[str, tuple[int, Any, int]]], chaos: Chaos | None) -> Iterator[Any]:
    from factdiff.spark.tasks import analyse_rows

    if chaos is not None:
        from pyspark import TaskContext

        context = TaskContext.get()
        chaos.strike(partition, context.attemptNumber() if context else 0)
    return analyse_rows(value for _, value in rows)


def _ranks(ok: Any, undated: bool) -> Any:
    """(order, rank): each article's 0-based place in publication order.

    Publication order is by day, then input order. An undated article takes the day of the
    nearest dated article before it in input order (articles before any dated one come first):
    feeds, crawls and folders list reports roughly as they appeared, so an undated report stays
    beside its neighbours, and an input already in publication order is assigned exactly in input
    order, as ``factdiff add`` assigns it. Two sorts of (order, day) pairs, 16 bytes an article,
    in one task each (a window without partitions): cheaper than a distributed sort's sampling
    and counting jobs up to tens of millions of articles.
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    pairs = ok.select("order", "day")
    if undated:
        before = Window.orderBy("order").rowsBetween(Window.unboundedPreceding, Window.currentRow)
        pairs = pairs.withColumn("day", F.last("day", ignorenulls=True).over(before))
    publication = Window.orderBy(F.col("day").asc_nulls_first(), F.col("order"))
    return pairs.select("order", (F.row_number().over(publication) - 1).alias("rank"))


def _prefix_counts(ranked: Any, partitions: int) -> Any:
    """(rank, [(bucket, df)]): for each article, in how many articles up to and including it (in
    rank order) each of its features' df buckets occurs, counted as one process counts."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    exploded = ranked.select("rank", F.explode("buckets").alias("h")).groupBy("h", "rank").count()
    window = Window.partitionBy("h").orderBy("rank").rowsBetween(Window.unboundedPreceding, Window.currentRow)
    counted = exploded.withColumn("df", F.sum("count").over(window))
    return (
        counted.repartition(partitions, "rank")
        .groupBy("rank")
        .agg(F.collect_list(F.struct(F.col("h"), F.col("df"))).alias("df"))
    )


def _links(key: str, members: Any) -> Iterator[tuple[int, int]]:
    from factdiff.spark.blocking import link_members, threshold_of

    return link_members(list(members), threshold_of(key))


def _assign(rows: Iterator[Any]) -> Iterator[tuple[Any, ...]]:
    """Member, move and story rows of the blocks of one partition.

    ``rows`` are (block, rank, fingerprint, df) rows sorted by block, then rank.
    """
    import itertools

    from factdiff.spark.assign import Member, Move, arrivals_of, assign_stream

    for _, block in itertools.groupby(rows, key=lambda r: r[0]):
        arrivals = arrivals_of((int(r[1]), r[2], [(int(h), int(c)) for h, c in r[3]]) for r in block)
        for item in assign_stream(arrivals):
            if isinstance(item, Member):
                yield ("m", item.article_id, item.rank, item.joined, item.story_id, item.decision,
                       None, None, None, None, None, None)  # fmt: skip
            elif isinstance(item, Move):
                yield ("v", item.article_id, item.rank, None, item.story_id, None, None, None, None, None, None, None)
            else:
                sid, label, size, first, last, outlets, facts = item
                yield ("s", None, None, None, sid, None, label, size, first, last, json.loads(outlets),
                       json.loads(facts))  # fmt: skip


def _claims(article_id: str, claims: str) -> Iterator[tuple[Any, ...]]:
    for n, c in enumerate(json.loads(claims)):
        yield (
            article_id, n, c["kind"], c.get("text"), int(c["start"]), int(c["end"]), bool(c.get("in_post")),
            bool(c.get("in_title")), c.get("sentence_start"), c.get("sentence_end"),
            json.dumps(c, ensure_ascii=False),
        )  # fmt: skip


def _compare(spark: Any, texts: Any, members: Any, out: Any, partitions: int) -> int:
    """Compare every story of two or more reports, one ``applyInPandas`` group per story."""
    from pyspark.sql import functions as F

    from factdiff.spark import schema

    sizes = members.groupBy("story_id").count().filter(F.col("count") >= 2).select("story_id")
    columns = [c for c in ANALYSED_FIELDS if c in ("id", "source_id", "file", "url", "title", "outlet", "domain",
               "published", "language", "kind", "text", "title_end", "body_start", "posts", "sentences", "findings",
               "claims")]  # fmt: skip
    # An explicit partition count, kept since the run turns off adaptive coalescing (see _run):
    # otherwise a small shuffle is merged into one partition, and every story compared in one task.
    grouped = (
        members.join(sizes, "story_id")
        .select("story_id", "id", "rank")
        .join(texts.select(*columns), "id")
        .repartition(partitions, "story_id")
        .groupBy("story_id")
    )
    grouped.applyInPandas(_compare_group, schema.COMPARED_DDL).write.mode("overwrite").parquet(out.work("compared"))
    return int(spark.read.parquet(out.work("compared")).count())


def _compare_group(frame: Any) -> Any:
    import pandas as pd

    from factdiff.spark.tasks import compare_story

    frame = frame.sort_values("rank")
    story_id = str(frame["story_id"].iloc[0])
    rows = frame.to_dict("records")
    document = compare_story(rows)
    return pd.DataFrame({"story_id": [story_id], "document": [json.dumps(document, ensure_ascii=False)]})


def _slots(story_id: str, document: str) -> Iterator[tuple[Any, ...]]:
    for slot in json.loads(document)["slots"]:
        yield (story_id, slot["id"], slot["label"], slot["kind"], _text(slot["source_value"]),
               _text(slot["consensus"]), len(slot["cells"]))  # fmt: skip


def _verdicts(story_id: str, document: str) -> Iterator[tuple[Any, ...]]:
    from factdiff.model import DIVERGENCES

    data = json.loads(document)
    for slot in data["slots"]:
        for cell in slot["cells"]:
            yield (
                story_id, slot["id"], cell["article"], cell["verdict"], cell["verdict"] in DIVERGENCES,
                _text(cell["value"]), _text(slot["source_value"]), cell["text"], cell["start"], cell["end"],
                bool(cell["in_post"]),
            )  # fmt: skip


def _head(story_id: str, document: str) -> tuple[Any, ...]:
    data = json.loads(document)
    return (
        story_id, data["story"], data["primary_sources"], data["primary_rule"], data["primary_reason"],
        data["outliers"], json.dumps(data["copies"], ensure_ascii=False),
    )  # fmt: skip


def _text(value: Any) -> str | None:
    return None if value is None else str(value)

"""What runs inside Spark tasks: reading units, analysing articles, comparing stories.

Each function takes and yields plain Python values, so it runs (and is tested) without Spark; the
job (:mod:`factdiff.spark.job`) wires them into partitions. The pipeline's own stages run here
unchanged: :func:`factdiff.read.read_inputs` (which normalises), :func:`factdiff.analyse.analyse`,
:func:`factdiff.group.fingerprint` and :func:`factdiff.compare.compare_articles`.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from factdiff.errors import Skipped
from factdiff.model import Analysis, Article, Post
from factdiff.spark.plan import Unit, is_parquet, is_remote, order_key

__all__ = [
    "ANALYSED_FIELDS",
    "Chaos",
    "analyse_rows",
    "compare_story",
    "read_unit",
]

#: Columns of an analysed article, in order (the job's ``analysed`` table).
ANALYSED_FIELDS = (
    "id", "order", "source_id", "file", "url", "title", "outlet", "domain", "published", "language", "kind",
    "text", "title_end", "body_start", "posts", "version", "sentences", "findings", "claims", "fingerprint",
    "day", "signature", "keys", "buckets", "copies", "error",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Chaos:
    """A deliberate failure, for testing that a failed task leaves no trace in the output.

    The first attempt of task ``partition`` of the analysis stage fails: by raising (a failed
    task) or by ending its Python worker process (a lost executor process).
    """

    partition: int = 0
    mode: str = "raise"  # "raise" or "exit"
    witness: str | None = None  # a folder where each strike leaves a file, so a test can tell it happened

    def strike(self, partition: int, attempt: int) -> None:
        if partition != self.partition or attempt != 0:
            return
        if self.witness:
            with open(os.path.join(self.witness, f"struck-{partition}-{attempt}"), "w", encoding="utf-8"):
                pass
        if self.mode == "exit":
            os._exit(17)
        raise RuntimeError(f"deliberate failure of task {partition}, attempt {attempt}")


# --- reading ---------------------------------------------------------------------------------


def read_unit(unit: Unit, fields: Any, max_bytes: int) -> Iterator[tuple[int, Article | Skipped]]:
    """(input order, article or skip outcome) for every row of one unit."""
    if unit.skipped is not None:
        yield order_key(unit.index, 0), unit.skipped
        return
    if is_parquet(unit.path):
        items: Iterable[Article | Skipped] = _read_parquet(unit, fields, max_bytes)
    elif is_remote(unit.path):
        items = _read_remote(unit.path, fields, max_bytes)
    else:
        from factdiff.read import read_inputs

        items = read_inputs([unit.path], fields, max_bytes=max_bytes)
    for position, item in enumerate(items):
        yield order_key(unit.index, position), item


def _read_remote(address: str, fields: Any, max_bytes: int) -> Iterator[Article | Skipped]:
    """A file on another filesystem: copied to local disk in a stream, read as a local file."""
    from pyarrow import fs

    from factdiff.read import read_inputs

    name = address.rstrip("/").rsplit("/", 1)[-1]
    with tempfile.TemporaryDirectory(prefix="factdiff-") as folder:
        local = os.path.join(folder, name)
        try:
            filesystem, path = fs.FileSystem.from_uri(address)
            with filesystem.open_input_stream(path) as source, open(local, "wb") as target:
                shutil.copyfileobj(source, target, 1 << 20)
        except (OSError, ValueError) as exc:
            yield Skipped(address, "unreadable", str(exc))
            return
        for item in read_inputs([local], fields, max_bytes=max_bytes):
            if isinstance(item, Skipped):
                yield replace(item, input=item.input.replace(local, address, 1))
            else:
                if item.file:
                    item.file = item.file.replace(local, address, 1)
                yield item


def _read_parquet(unit: Unit, fields: Any, max_bytes: int) -> Iterator[Article | Skipped]:
    """One row group of a Parquet dataset: rows with the dataset fields, as JSON Lines rows are read."""
    import pyarrow.parquet as pq

    from factdiff.normalise import normalise
    from factdiff.read.tables import row_draft

    try:
        if is_remote(unit.path):
            from pyarrow import fs

            filesystem, inner = fs.FileSystem.from_uri(unit.path)
            handle: Any = filesystem.open_input_file(inner)
        else:
            handle = unit.path
        parquet = pq.ParquetFile(handle)
        first = sum(parquet.metadata.row_group(g).num_rows for g in range(unit.row_group or 0))
        if fields.text not in parquet.schema_arrow.names:
            if not unit.row_group:
                names = ", ".join(parquet.schema_arrow.names)
                yield Skipped(unit.path, f"no {fields.text!r} column", f"columns are: {names}")
            return
        wanted = [
            c
            for c in {fields.id, fields.title, fields.text, fields.url, fields.published, fields.source}
            if c in parquet.schema_arrow.names
        ]
        table = parquet.read_row_group(unit.row_group or 0, columns=wanted) if parquet.num_row_groups else None
    except (OSError, ValueError) as exc:
        yield Skipped(unit.path, "unreadable", f"not a Parquet file: {exc}")
        return
    if table is None:
        return
    for number, row in enumerate(table.to_pylist(), start=first + 1):
        text = row.get(fields.text)
        row_id = row.get(fields.id)
        label = f"{unit.path}#{row_id}" if row_id not in (None, "") else f"{unit.path}:{number}"
        if isinstance(text, str) and len(text.encode("utf-8", errors="replace")) > max_bytes:
            yield Skipped(label, "too large", f"a row longer than {max_bytes:,} bytes")
            continue
        draft = row_draft(row, fields, label, unit.path)
        yield draft if isinstance(draft, Skipped) else normalise(draft)


# --- analysing -------------------------------------------------------------------------------


def analyse_rows(articles: Iterable[tuple[int, Article, int]]) -> Iterator[tuple[Any, ...]]:
    """One ``analysed`` row per (input order, article, copies read); an analysis that fails gives a
    row with only ``id``, ``order``, ``file``, ``copies`` and ``error`` set, as ``factdiff add``
    skips it."""
    from factdiff import __version__
    from factdiff.analyse import analyse
    from factdiff.group import DF_BUCKETS, fingerprint
    from factdiff.spark.blocking import block_keys, signature

    for order, article, copies in articles:
        try:
            analysis = analyse(article)
        except Exception as exc:  # an analyser bug must not lose the rest of the corpus
            yield _failed(article, order, copies, f"{type(exc).__name__}: {exc}")
            continue
        fp = fingerprint(article, analysis)
        sig = signature(fp)
        buckets = [zlib.crc32(f.encode()) & (DF_BUCKETS - 1) for f in fp.features]
        yield (
            article.id, order, article.source_id, article.file, article.url, article.title, article.outlet,
            article.domain, article.published, article.language, article.kind, article.text, article.title_end,
            article.body_start, json.dumps([p.to_dict() for p in article.posts], ensure_ascii=False), __version__,
            json.dumps([list(s) for s in analysis.sentences]),
            json.dumps([f.to_dict() for f in analysis.findings], ensure_ascii=False),
            json.dumps([_claim_data(c) for c in analysis.claims], ensure_ascii=False),
            json.dumps(fp.to_dict(), ensure_ascii=False), fp.day, sig, block_keys(fp, sig), buckets, copies, None,
        )  # fmt: skip


def _failed(article: Article, order: int, copies: int, detail: str) -> tuple[Any, ...]:
    row: list[Any] = [None] * len(ANALYSED_FIELDS)
    row[0], row[1], row[3], row[-2], row[-1] = article.id, order, _label(article), copies, detail
    return tuple(row)


def _label(article: Article) -> str:
    if article.file and article.source_id:
        return f"{article.file}#{article.source_id}"
    return article.file or article.source_id or article.id


def _claim_data(claim: Any) -> dict[str, Any]:
    data = claim.to_dict()
    data["sentence_start"] = claim.sentence_start
    data["sentence_end"] = claim.sentence_end
    return data


# --- comparing -------------------------------------------------------------------------------


def analysis_of(row: dict[str, Any]) -> Analysis:
    """The analysis of an ``analysed`` row, rebuilt as the store rebuilds a stored one."""
    from factdiff.store import _claim, _finding  # the store's own JSON-to-claim mapping

    article = Article(
        text=row["text"], title=row["title"] or "", title_end=int(row["title_end"]),
        body_start=int(row["body_start"]), url=row["url"], file=row["file"], source_id=row["source_id"],
        outlet=row["outlet"], domain=row["domain"], published=row["published"], language=row["language"],
        kind=row["kind"] or "news", posts=[Post(**p) for p in json.loads(row["posts"])], id=row["id"],
    )  # fmt: skip
    return Analysis(
        article=article,
        claims=[_claim(c) for c in json.loads(row["claims"])],
        findings=[_finding(f) for f in json.loads(row["findings"])],
        sentences=[(int(s), int(e)) for s, e in json.loads(row["sentences"])],
    )


def compare_story(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The ``factdiff.compare/1`` document of one story's reports (rows in arrival order).

    The same steps as ``factdiff compare --story``: reports of another event set aside, then the
    comparison of the rest, with the analyses already made instead of analysing again.
    """
    from factdiff.compare import compare_articles

    analyses = {row["id"]: analysis_of(row) for row in rows}
    comparison = compare_articles([a.article for a in analyses.values()], analyse=lambda art: analyses[art.id])
    return comparison.to_dict()

"""Spark schemas of the job's work tables and output tables.

Output fields carry the names of the JSON documents: an ``articles`` row holds the
``factdiff.check/1`` article fields (with the text, its spans and the analysis as JSON), a
``claims`` row the fields every claim has (the kind's own fields are in ``data``), a ``stories``
row the ``factdiff.stories/1`` story with the story-level fields of ``factdiff.compare/1``, a
``slots`` row a compare slot, and a ``verdicts`` row one cell of a slot.
"""

from __future__ import annotations

from pyspark.sql.types import (
    ArrayType,
    BinaryType,
    BooleanType,
    IntegerType,
    LongType,
    StringType,
    StructField,
    StructType,
)

__all__ = ["ANALYSED", "ASSIGNED", "BLOCKS", "CLAIMS", "SKIPPED", "SLOTS", "STORY_HEADS", "VERDICTS"]


def _struct(*fields: tuple[str, object, bool]) -> StructType:
    return StructType([StructField(name, kind, nullable) for name, kind, nullable in fields])  # type: ignore[arg-type]


S, L, N, B = StringType(), LongType(), IntegerType(), BooleanType()

SKIPPED = _struct(("order", L, True), ("input", S, False), ("reason", S, False), ("detail", S, True),
                  ("error", B, False))  # fmt: skip

ANALYSED = _struct(
    ("id", S, False), ("order", L, False), ("source_id", S, True), ("file", S, True), ("url", S, True),
    ("title", S, True), ("outlet", S, True), ("domain", S, True), ("published", S, True), ("language", S, True),
    ("kind", S, True), ("text", S, True), ("title_end", N, True), ("body_start", N, True), ("posts", S, True),
    ("version", S, True), ("sentences", S, True), ("findings", S, True), ("claims", S, True),
    ("fingerprint", S, True), ("day", N, True), ("signature", BinaryType(), True), ("keys", ArrayType(S), True),
    ("buckets", ArrayType(N), True), ("copies", N, False), ("error", S, True),
)  # fmt: skip

BLOCKS = _struct(("rank", L, False), ("block", L, False))

ASSIGNED = _struct(
    ("kind", S, False), ("id", S, True), ("rank", L, True), ("joined", S, True), ("story_id", S, False),
    ("decision", S, True), ("label", S, True), ("size", N, True), ("first_date", S, True), ("last_date", S, True),
    ("outlets", ArrayType(S), True), ("facts", ArrayType(S), True),
)  # fmt: skip

CLAIMS = _struct(
    ("article_id", S, False), ("n", N, False), ("kind", S, False), ("text", S, True), ("start", N, False),
    ("end", N, False), ("in_post", B, False), ("in_title", B, False), ("sentence_start", N, True),
    ("sentence_end", N, True), ("data", S, False),
)  # fmt: skip

COMPARED_DDL = "story_id string, document string"

STORY_HEADS = _struct(
    ("id", S, False), ("story", S, True), ("primary_sources", ArrayType(S), True), ("primary_rule", S, True),
    ("primary_reason", S, True), ("outliers", ArrayType(S), True), ("copies", S, True),
)  # fmt: skip

SLOTS = _struct(
    ("story_id", S, False), ("id", S, False), ("label", S, True), ("kind", S, True), ("source_value", S, True),
    ("consensus", S, True), ("cells", N, False),
)  # fmt: skip

VERDICTS = _struct(
    ("story_id", S, False), ("slot", S, False), ("article", S, False), ("verdict", S, False),
    ("divergence", B, False), ("value", S, True), ("expected", S, True), ("text", S, True), ("start", N, True),
    ("end", N, True), ("in_post", B, False),
)  # fmt: skip

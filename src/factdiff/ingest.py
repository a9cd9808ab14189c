"""Ingest: read inputs, analyse each new article, and store it, a batch at a time.

The pure stages (read, normalise, analyse) run outside the store's transactions; only the write
of a batch holds the write lock. An article already stored (by content hash) is neither analysed
nor written again, so rerunning an interrupted ingest costs little more than reading.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from factdiff.analyse import analyse
from factdiff.errors import Skipped
from factdiff.model import Analysis, Article
from factdiff.read import DEFAULT_MAX_BYTES, Fields, read_inputs
from factdiff.store import Store

__all__ = ["DEFAULT_BATCH_SIZE", "IngestResult", "ingest"]

#: Articles written per transaction. 500 keeps a transaction well under a second on this kind of
#: machine while making the per-commit cost negligible; a killed run loses at most one batch.
DEFAULT_BATCH_SIZE = 500


@dataclass(slots=True)
class IngestResult:
    """The outcome of one ingest run."""

    added: int = 0
    read: int = 0  # articles read and normalised, duplicates included
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def failed(self) -> list[Skipped]:
        """The skips that are failures (not duplicates)."""
        return [s for s in self.skipped if s.error]


def ingest(
    inputs: Sequence[str],
    store: Store,
    fields: Fields = Fields(),  # noqa: B008 - frozen, so one shared default is safe
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_skip: Callable[[Skipped], None] | None = None,
    on_progress: Callable[[IngestResult], None] | None = None,
) -> IngestResult:
    """Read ``inputs``, analyse new articles and add them to ``store``; report every skip."""
    result = IngestResult()
    batch: list[Analysis] = []
    in_batch: set[str] = set()

    def skip(outcome: Skipped) -> None:
        result.skipped.append(outcome)
        if on_skip is not None:
            on_skip(outcome)

    def flush() -> None:
        if batch:
            written = store.add_batch(batch)
            result.added += written.added
            for outcome in written.skipped:
                skip(outcome)
            batch.clear()
            in_batch.clear()

    for item in read_inputs(inputs, fields, max_bytes=max_bytes):
        if isinstance(item, Skipped):
            skip(item)
        else:
            result.read += 1
            if item.id in in_batch or store.has(item.id):
                skip(_duplicate(item))
            else:
                try:
                    batch.append(analyse(item))
                    in_batch.add(item.id)
                except Exception as exc:  # an analyser bug must not lose the rest of the corpus
                    skip(Skipped(_label(item), "analysis failed", f"{type(exc).__name__}: {exc}"))
            if len(batch) >= batch_size:
                flush()
        if on_progress is not None:
            on_progress(result)
    flush()
    if on_progress is not None:
        on_progress(result)
    return result


def _label(article: Article) -> str:
    if article.file and article.source_id:
        return f"{article.file}#{article.source_id}"
    return article.file or article.source_id or article.id


def _duplicate(article: Article) -> Skipped:
    return Skipped(_label(article), "duplicate", f"already stored as {article.id}", error=False)

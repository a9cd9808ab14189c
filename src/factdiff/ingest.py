"""Ingest: read inputs, analyse each new article, and store it, a batch at a time.

The pure stages (read, normalise, analyse) run outside the store's transactions; only the write
of a batch holds the write lock. An article already stored (by content hash) is neither analysed
nor written again, so rerunning an interrupted ingest costs little more than reading.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from factdiff.analyse import analyse
from factdiff.errors import Skipped, summarise_skips
from factdiff.model import Analysis, Article
from factdiff.read import DEFAULT_MAX_BYTES, Fields, read_inputs
from factdiff.store import Store

__all__ = ["DEFAULT_BATCH_SIZE", "MAX_KEPT_FAILURES", "IngestResult", "ingest", "ingest_items"]

#: Articles written per transaction. 500 keeps a transaction well under a second on this kind of
#: machine while making the per-commit cost negligible; a killed run loses at most one batch.
DEFAULT_BATCH_SIZE = 500


#: Failures an :class:`IngestResult` keeps for its caller; past this they are only counted, so
#: a run over a million bad rows does not hold a million outcomes (each is reported as it happens).
MAX_KEPT_FAILURES = 10_000


@dataclass(slots=True)
class IngestResult:
    """The outcome of one ingest run: counts, and the failures (up to MAX_KEPT_FAILURES)."""

    added: int = 0
    read: int = 0  # articles read and normalised, duplicates included
    failed: int = 0  # skips that are failures (not duplicates)
    reasons: Counter[str] = field(default_factory=Counter)  # skips by reason, in the order first seen
    failures: list[Skipped] = field(default_factory=list)
    _samples: dict[str, Skipped] = field(default_factory=dict)

    @property
    def skipped(self) -> int:
        return sum(self.reasons.values())

    def count(self, outcome: Skipped) -> None:
        self.reasons[outcome.reason] += 1
        self._samples.setdefault(outcome.reason, outcome)
        if outcome.error:
            self.failed += 1
            if len(self.failures) < MAX_KEPT_FAILURES:
                self.failures.append(outcome)

    def summary(self) -> str:
        """'added 41, skipped 3: 2 too short, 1 duplicate'."""
        every = [self._samples[reason] for reason, n in self.reasons.items() for _ in range(n)]
        skips = summarise_skips(every)
        return f"added {self.added}, skipped {skips}" if skips else f"added {self.added}"


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
    return ingest_items(
        read_inputs(inputs, fields, max_bytes=max_bytes),
        store,
        batch_size=batch_size,
        on_skip=on_skip,
        on_progress=on_progress,
    )


def ingest_items(
    items: Iterable[Article | Skipped],
    store: Store,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_skip: Callable[[Skipped], None] | None = None,
    on_progress: Callable[[IngestResult], None] | None = None,
) -> IngestResult:
    """Analyse and store articles read elsewhere (fetched pages, feed items); count every skip."""
    result = IngestResult()
    batch: list[Analysis] = []
    in_batch: set[str] = set()

    def skip(outcome: Skipped) -> None:
        result.count(outcome)
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

    for item in items:
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

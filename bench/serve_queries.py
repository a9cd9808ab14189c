"""The stories page's data call on its own: generated filtered searches over a large store.

Times :func:`factdiff.serve.data.stories_data` (the search, the filters, the page and the total,
the divergence counts) for QUERIES generated filtered searches, the same kind `bench/serve.py`
requests (one or two words, with an outlet, size and date filter half the time each, a later page
now and then), one process, no server, each call repeated and its fastest time kept, so the figure
is the call's own cost and moves little with the machine's load.

The peer, in the same run: the same call with the story-level index bypassed, so the search goes
through the article index (FTS5 over every report, each hit joined to its story), as the page did
before the story index. Both must find the same stories: the bench fails if any total differs.

Usage: python bench/serve_queries.py [--store PATH] [--queries 200] [--repeat 3] [--seed 42]
The store is the one `bench/serve.py` builds (bench/.bench/serve/store.db by default); it is
migrated and its search index brought up to date first (the time is printed).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.serve import DEFAULT_STORE, _filters, _sample


def _story_filters(params: dict[str, Any]) -> Any:
    from factdiff.serve.data import StoryFilters

    return StoryFilters(**{k: int(v) if k in ("min_size", "page") else v for k, v in params.items()})


def timed(store: Any, queries: list[Any], repeat: int) -> tuple[list[float], list[int]]:
    """Each query's fastest time in ms (after one warm-up call) and its total."""
    from factdiff.serve.data import stories_data

    times, totals = [], []
    for filters in queries:
        totals.append(stories_data(store, filters)["total"])
        best = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            stories_data(store, filters)
            best = min(best, time.perf_counter() - started)
        times.append(best * 1000)
    return times, totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    if not args.store.exists():
        raise SystemExit(f"{args.store}: no such store (python bench/serve.py builds it)")

    from factdiff import story_search
    from factdiff.serve.app import READ_CACHE_KIB
    from factdiff.store import Store

    _, outlets = _sample(args.store, 1, random.Random(5))
    rng = random.Random(args.seed)
    queries = [_story_filters(_filters(rng, outlets)) for _ in range(args.queries)]
    with Store(args.store) as store:
        started = time.perf_counter()
        folded = story_search.index_backlog(store.connection)
        indexing = time.perf_counter() - started
        store.connection.execute(f"PRAGMA cache_size = -{READ_CACHE_KIB}")  # as the server's readers
        articles, stories = (
            store.count(),
            store.connection.execute("SELECT count(*) FROM story_summaries").fetchone()[0],
        )
        ours, our_totals = timed(store, queries, args.repeat)
        real_pending = story_search.pending
        story_search.pending = lambda db: True  # the page's fallback: the article index
        try:
            peer, peer_totals = timed(store, queries, args.repeat)
        finally:
            story_search.pending = real_pending

    print(
        f"store: {articles:,} articles, {stories:,} stories"
        f"{f'; {folded:,} memberships indexed for search in {indexing:.0f} s' if folded else ''}; "
        f"{len(queries)} generated filtered searches (seed {args.seed}), fastest of {args.repeat} calls each"
    )
    print()
    print("| search through | queries | mean ms | p50 ms | p95 ms | max ms | stories found |")
    print("|---|---|---|---|---|---|---|")
    for name, values, totals in (
        ("story index (`stories_data`)", ours, our_totals),
        ("peer: article index (FTS5 hits joined to stories)", peer, peer_totals),
    ):
        ordered = sorted(values)
        p95 = statistics.quantiles(ordered, n=100, method="inclusive")[94] if len(ordered) > 1 else ordered[0]
        print(
            f"| {name} | {len(values)} | {statistics.mean(values):.2f} | {statistics.median(values):.2f} | "
            f"{p95:.2f} | {ordered[-1]:.2f} | {sum(totals):,} |"
        )
    differ = sum(a != b for a, b in zip(our_totals, peer_totals, strict=True))
    print()
    print(
        f"speed-up of the mean: {statistics.mean(peer) / statistics.mean(ours):.1f}x; "
        f"queries whose totals differ: {differ}"
    )
    if differ:
        raise SystemExit(1)


if __name__ == "__main__":
    main()

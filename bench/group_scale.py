"""Story assignment at scale: time per 100,000 articles and memory as a generated corpus grows.

    python bench/group_scale.py --n 1000000

Fingerprints come from bench/gen_corpus.py (generated directly, no text analysis). For each
block of ``--step`` articles the table gives the seconds the block took (generation excluded),
articles per second, the resident memory after it, the open stories in the index and BCubed F1
against the generated events. The peer, in the same run on the first ``--peer-n`` articles, is
the same one-pass assignment without the inverted index (every open story is scored); a second
row measures rebuilding the index from stored decisions (``Grouper.replay``), and with
``--store-n`` more rows time writing decisions to SQLite, rebuilding a grouper from them, and
snapshotting and restoring the grouper (the "articles/s" of those rows is the stored articles
divided by the seconds).
Times are CPU seconds of this process (``time.process_time``), so other work on the machine does
not inflate them.
"""

from __future__ import annotations

import argparse
import gc
import os
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from factdiff.group import Fingerprint, Grouper
from gen_corpus import generate


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def bcubed_f1(predicted: list[str], gold: list[int]) -> float:
    pairs = Counter(zip(predicted, gold, strict=True))
    size_p, size_g = Counter(predicted), Counter(gold)
    precision = sum(c * c / size_p[p] for (p, _), c in pairs.items()) / len(gold)
    recall = sum(c * c / size_g[g] for (_, g), c in pairs.items()) / len(gold)
    return 2 * precision * recall / (precision + recall)


class ScanAll(Grouper):
    """The peer: one-pass assignment that scores every open story (no inverted index)."""

    def best(self, fp: Fingerprint) -> tuple[str | None, float]:
        saved = self.postings
        self.postings = {next(iter(fp.features)): set(self.stories)}
        try:
            return super().best(fp)
        finally:
            self.postings = saved


def run_blocks(n: int, step: int, seed: int) -> list[tuple[int, float, float, int, float]]:
    grouper = Grouper()
    rows = []
    predicted: dict[str, str] = {}
    gold: dict[str, int] = {}
    block_ids: list[str] = []
    busy = 0.0
    for i, (fp, event) in enumerate(generate(n, seed), start=1):
        start = time.process_time()
        a = grouper.assign(fp)
        busy += time.process_time() - start
        predicted[fp.article_id] = a.story_id
        for moved in a.moved:
            if moved in predicted:
                predicted[moved] = a.split_to or ""
        gold[fp.article_id] = event
        block_ids.append(fp.article_id)
        if i % step == 0 or i == n:
            ids = block_ids[-20_000:]  # F1 on the block's last 20,000 (events finished within the window)
            f1 = bcubed_f1([predicted[x] for x in ids], [gold[x] for x in ids])
            rows.append((i, busy, rss_mb(), len(grouper.stories), f1))
            print(f"  {i:>9,}  {busy:7.1f}s  {rss_mb():7.0f} MB  open {len(grouper.stories):,}", file=sys.stderr)
            busy = 0.0
            predicted.clear()
            gold.clear()
            block_ids.clear()
            gc.collect()
    return rows


def peer(n: int, seed: int) -> list[tuple[str, float, float]]:
    out = []
    data = list(generate(n, seed))
    for name, cls in (("inverted index (factdiff)", Grouper), ("scan every open story (peer)", ScanAll)):
        grouper = cls(max_candidates=10**9) if cls is ScanAll else cls()
        predicted: dict[str, str] = {}
        start = time.process_time()
        decisions = []
        for fp, _ in data:
            a = grouper.assign(fp)
            predicted[fp.article_id] = a.story_id
            joined = a.split_from or a.story_id
            decisions.append((fp, None if joined == fp.article_id else joined, a.score))
            for moved in a.moved:
                predicted[moved] = a.split_to or ""
        seconds = time.process_time() - start
        f1 = bcubed_f1([predicted[fp.article_id] for fp, _ in data], [e for _, e in data])
        out.append((name, n / seconds, f1))
        if cls is Grouper:
            rebuilt = Grouper()
            start = time.process_time()
            for fp, joined, score in decisions:
                rebuilt.replay(fp, joined, score)
            seconds = time.process_time() - start
            out.append(("rebuild from stored decisions (replay)", n / seconds, float("nan")))
    return out


class _Bare:
    """Just enough of a store for the grouping tables: an SQLite connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection


def store_rebuild(n: int, seed: int) -> tuple[float, float, float, float, int]:
    """Seconds to write ``n`` decisions to SQLite, to rebuild a grouper from them (a new process),
    to snapshot the grouper and to restore the snapshot, and the snapshot's size in bytes."""
    from factdiff.group_store import _decision, _live

    with tempfile.TemporaryDirectory() as folder:
        db = sqlite3.connect(Path(folder) / "rebuild.db", isolation_level=None)
        db.execute(
            "CREATE TABLE story_members (article_id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, "
            "joined TEXT NOT NULL, story_id TEXT NOT NULL, fingerprint TEXT NOT NULL)"
        )
        db.execute("CREATE TABLE story_snapshots (seq INTEGER PRIMARY KEY, article_id TEXT, state BLOB)")  # empty
        grouper = Grouper()
        rows = []
        for seq, (fp, _) in enumerate(generate(n, seed), start=1):
            a = grouper.assign(fp)
            rows.append((fp.article_id, seq, a.split_from or a.story_id, a.story_id, _decision(fp, a.score)))
        start = time.process_time()
        db.execute("BEGIN")
        db.executemany("INSERT INTO story_members VALUES (?, ?, ?, ?, ?)", rows)
        db.execute("COMMIT")
        written = time.process_time() - start
        del rows
        start = time.process_time()
        live = _live(_Bare(db))
        rebuilt = time.process_time() - start
        assert live.grouper.articles == n
        db.close()
    start = time.process_time()
    blob = grouper.snapshot()
    snapped = time.process_time() - start
    start = time.process_time()
    Grouper.restore(blob)
    restored = time.process_time() - start
    return written, rebuilt, snapped, restored, len(blob)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="articles to generate and assign")
    parser.add_argument("--step", type=int, default=100_000, help="articles per row of the table")
    parser.add_argument("--peer-n", type=int, default=20_000, help="articles for the peer comparison")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--store-n", type=int, default=0, help="also time a rebuild from SQLite of this many")
    args = parser.parse_args()

    comparison = peer(args.peer_n, args.seed)
    if args.store_n:
        written, rebuilt, snapped, restored, size = store_rebuild(args.store_n, args.seed)
        comparison.append(("write decisions to SQLite", args.store_n / written, float("nan")))
        comparison.append(("rebuild grouper from SQLite (new process)", args.store_n / rebuilt, float("nan")))
        comparison.append((f"snapshot the grouper ({size / 1e6:.1f} MB)", args.store_n / snapped, float("nan")))
        comparison.append(("restore the snapshot", args.store_n / restored, float("nan")))
    rows = run_blocks(args.n, args.step, args.seed)
    print(f"story assignment, generated corpus, one core (first {args.peer_n:,} articles for the peer rows)")
    print(f"{'method / articles so far':<40} {'sec':>7} {'art/s':>8} {'RSS MB':>7} {'open':>7} {'F1':>6}")
    for name, rate, f1 in comparison:
        f1_text = f"{f1:6.3f}" if f1 == f1 else "     -"
        count = args.store_n if "SQLite" in name or "snapshot" in name else args.peer_n
        print(f"{name:<40} {count / rate:>7.1f} {rate:>8.0f} {'':>7} {'':>7} {f1_text}")
    for i, seconds, rss, open_stories, f1 in rows:
        label = f"assign, articles {i - args.step + 1 if i % args.step == 0 else i - i % args.step + 1:,}-{i:,}"
        print(f"{label:<40} {seconds:>7.1f} {args.step / seconds:>8.0f} {rss:>7.0f} {open_stories:>7,} {f1:6.3f}")


if __name__ == "__main__":
    main()

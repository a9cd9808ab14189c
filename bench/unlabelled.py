"""What ``factdiff compare`` accuses on real coverage that nobody has labelled: a false-alarm watch.

Usage: python bench/unlabelled.py [--data FILE] [--exclude DIR] [--show]

``FILE`` is the ECB+ development half as JSON Lines (one document per line with ``event``,
``title`` and ``text``). Every event of five reports or more that has no labelled folder in
``--exclude`` (the events of ``bench/real.py``) is compared as one story, as a user would compare
it, at the default confidence threshold. There is no key, so nothing here is scored: the table
counts the divergences reported, by type, and how many events take their reference from an
official statement (a report chosen as the truth for every fact). On these events both are mostly
false alarms when they are high (people who hold two posts, years of a biography, a page's own
publication line, a report that relays a quote whose marks were lost), so the figures are a
ceiling for the false alarms an unseen ECB+ topic would show; ``--show`` lists each divergence to
read by eye. In the same run, the naive baseline (the first report is the reference, every other
number a ``number_changed``) gives the scale.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.real import naive_baseline  # noqa: E402
from factdiff.compare import compare_articles  # noqa: E402
from factdiff.model import Article  # noqa: E402
from factdiff.normalise import normalise  # noqa: E402
from factdiff.read.text import read_text  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "ecbplus" / "dev.jsonl"
EXCLUDE = ROOT.parent / "shared" / "data" / "real"
MIN_REPORTS = 5


def events(path: Path, exclude: Path | None) -> dict[str, list[dict]]:
    """The unlabelled events of ``path`` with at least :data:`MIN_REPORTS` documents."""
    labelled = {p.name for p in exclude.iterdir() if p.is_dir()} if exclude and exclude.is_dir() else set()
    found: dict[str, list[dict]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            found[doc["event"]].append(doc)
    return {e: docs for e, docs in sorted(found.items()) if e not in labelled and len(docs) >= MIN_REPORTS}


def articles_of(docs: list[dict]) -> list[Article]:
    """The documents read as ``factdiff compare`` reads a file: title, blank line, body."""
    out = []
    for doc in docs:
        text = f"{doc.get('title') or ''}\n\n{doc['text']}"
        article = normalise(read_text(text, doc["id"], doc["id"]))
        if isinstance(article, Article):
            out.append(article)
    return out


@dataclass
class Watch:
    """What compare accused on the unlabelled events."""

    events: int = 0
    reports: int = 0
    official: int = 0
    naive: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    shown: list[str] = field(default_factory=list)

    @property
    def reported(self) -> int:
        return sum(self.by_type.values())


def measure(data: Path, exclude: Path | None, show: bool = False) -> Watch:
    """Compare every unlabelled event of ``data`` and count what is accused."""
    watch = Watch()
    chosen = events(data, exclude)
    watch.events = len(chosen)
    for event, docs in chosen.items():
        articles = articles_of(docs)
        watch.reports += len(articles)
        comparison = compare_articles(articles)
        if comparison.primary is not None and comparison.primary.official:
            watch.official += 1
        names = {a.id: a.file or a.id for a in comparison.articles}
        for d in comparison.divergences:
            watch.by_type[d.type] += 1
            if show:
                watch.shown.append(
                    f"{event:8} {names.get(d.article, d.article)[:22]:22} {d.type:17} {d.found[:60]!s:60} "
                    f"| {d.expected[:40]!s} [{d.confidence:.2f}]"
                )
        watch.naive += len(naive_baseline({a.file or a.id: a.text for a in articles}))
    return watch


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT, help="ECB+ development half as JSON Lines")
    parser.add_argument("--exclude", type=Path, default=EXCLUDE, help="folder of labelled event folders")
    parser.add_argument("--show", action="store_true", help="list every divergence reported")
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"{args.data}: no such file", file=sys.stderr)
        return 2
    started = time.perf_counter()
    watch = measure(args.data, args.exclude, show=args.show)
    elapsed = time.perf_counter() - started
    for line in watch.shown:
        print(line)
    print(f"{'events':>8} {'reports':>8} {'official':>9} {'reported':>9} {'naive':>8}")
    print(f"{watch.events:>8} {watch.reports:>8} {watch.official:>9} {watch.reported:>9} {watch.naive:>8}")
    print()
    print(f"{'type':<18} {'reported':>9}")
    for kind, n in watch.by_type.most_common():
        print(f"{kind:<18} {n:>9}")
    print(f"\n{elapsed:.1f} s; unlabelled_reported={watch.reported} official_events={watch.official}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

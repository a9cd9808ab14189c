"""Throughput of factdiff's analysis against quantulum3, on the same texts in the same run.

The texts are the seed article and every report of the shared stories (plus the bundled example).
Both tools run on one core (factdiff in this process, quantulum3 in its own interpreter, see
bench/peers.py); CPU time is measured, so the figures are articles per CPU-second and the ratio
is what to read on a shared, noisy machine.

Then the memory check: the analysis runs over ``--articles`` generated variants of those texts
(numbers, names and paragraph order changed, so nothing is a repeat) and the resident memory is
sampled every tenth of the way; it must stay flat.

Usage: python bench/speed.py [--data ../shared] [--seconds 3] [--articles 100000]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

from factdiff.analyse import analyse
from factdiff.model import Article
from factdiff.read import read_inputs

try:
    from bench.peers import quantulum_timing
except ImportError:  # run as a script: bench/ itself is on the path
    from peers import quantulum_timing  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"


def load_articles(shared: Path) -> list[Article]:
    paths = [shared / "seed" / "safe-city-seed.txt", *sorted((shared / "data" / "stories").glob("*/*.txt"))]
    paths.append(ROOT / "examples" / "article.txt")
    articles = [a for a in read_inputs([str(p) for p in paths if p.exists()]) if isinstance(a, Article)]
    if not articles:
        raise SystemExit("no texts to measure")
    return articles


def time_factdiff(articles: list[Article], seconds: float) -> tuple[int, float]:
    for article in articles:  # warm up: regex compilation, lazy imports
        analyse(article)
    done, start = 0, time.process_time()
    while time.process_time() - start < seconds:
        for article in articles:
            analyse(article)
        done += len(articles)
    return done, time.process_time() - start


def time_pipeline(paths: list[str], seconds: float) -> tuple[int, float]:
    """Read, normalise and analyse from the files, as `factdiff check` does (without printing)."""
    done, start = 0, time.process_time()
    while time.process_time() - start < seconds:
        for item in read_inputs(paths):
            if isinstance(item, Article):
                analyse(item)
                done += 1
    return done, time.process_time() - start


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def variant(article: Article, rng: random.Random) -> Article:
    """A new article like ``article``: other numbers, shuffled paragraphs, a new id."""

    def renumber(match: re.Match[str]) -> str:
        return str(rng.randint(2, 9999))

    paragraphs = article.body.split("\n\n")
    rng.shuffle(paragraphs)
    body = re.sub(r"\b\d{2,3}\b", renumber, "\n\n".join(paragraphs))
    title = article.title
    text = f"{title}\n\n{body}"
    return Article(text=text, title=title, title_end=len(title), body_start=len(title) + 2, published=article.published)


def memory_run(articles: list[Article], total: int) -> list[tuple[int, float]]:
    rng = random.Random(7)
    samples = [(0, rss_mb())]
    step = max(1, total // 10)
    for i in range(1, total + 1):
        analyse(variant(articles[i % len(articles)], rng))
        if i % step == 0:
            samples.append((i, rss_mb()))
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_SHARED, help="the shared folder (seed/, data/stories/)")
    parser.add_argument("--seconds", type=float, default=3.0, help="CPU seconds per measurement")
    parser.add_argument("--articles", type=int, default=100_000, help="articles for the memory check (0: skip)")
    parser.add_argument("--quantulum-python", default=None, help="interpreter with quantulum3 (made when absent)")
    args = parser.parse_args(argv)

    articles = load_articles(args.data)
    paths = [a.file for a in articles if a.file]
    words = sum(len(a.text.split()) for a in articles) / len(articles)
    n, secs = time_factdiff(articles, args.seconds)
    fd_rate = n / secs
    pn, psecs = time_pipeline(paths, args.seconds)
    texts = [a.text for a in articles]
    try:
        q = quantulum_timing(
            texts, repeat=max(1, int(args.seconds * 25 / len(texts)) or 1), python=args.quantulum_python
        )
        q_rate: float | None = q["articles"] / q["seconds"]
        q_note = f"{q['articles']} articles"
    except Exception as exc:  # the peer is optional: say why it is missing
        q_rate, q_note = None, f"not available: {exc}"

    print(f"{len(articles)} texts, {words:.0f} words on average; CPU time on one core")
    print(f"{'tool':<34}{'articles/s':>12}{'ms/article':>12}{'vs quantulum3':>15}")
    print("-" * 73)
    rows = [("factdiff analyse", fd_rate), ("factdiff check (read+analyse)", pn / psecs), ("quantulum3 0.10.0", q_rate)]
    for name, rate in rows:
        if rate is None:
            print(f"{name:<34}{'-':>12}{'-':>12}{'-':>15}  {q_note}")
            continue
        ratio = f"{rate / q_rate:.1f}x" if q_rate else "-"
        print(f"{name:<34}{rate:>12.1f}{1000 / rate:>12.2f}{ratio:>15}")
    if args.articles:
        samples = memory_run(articles, args.articles)
        print(f"memory over {args.articles:,} generated articles (resident MB at each tenth):")
        print("  " + "  ".join(f"{i:,}:{mb:.0f}" for i, mb in samples))
        growth = samples[-1][1] - samples[1][1]
        print(f"  growth after the first tenth: {growth:+.1f} MB")
    print(f"articles_per_s={fd_rate:.1f} ratio_vs_quantulum3={(fd_rate / q_rate) if q_rate else float('nan'):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Story grouping quality on ECB+: BCubed F1 at the event and topic level, against a TF-IDF baseline.

Each document is assigned once, in file order (and, as a check on order sensitivity, in a few
shuffled orders), by :class:`factdiff.group.Grouper`. The peer is scikit-learn: TF-IDF vectors and
average-link agglomerative clustering on cosine distance, cut at a fixed distance. No labels are
used by either method; the labels only score the result.

    python bench/ecbplus.py --data ../shared/data/ecbplus/dev.jsonl

The last line is ``bcubed_f1=<event-level F1 of factdiff in file order>``.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from factdiff.group import Grouper, fingerprint
from factdiff.model import Article

#: Cut distance of the baseline's dendrogram; the best of 0.6-0.95 on the dev topics (see --sweep).
BASELINE_DISTANCE = 0.85


def load(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def article(row: dict[str, str]) -> Article:
    title = row.get("title") or ""
    text = f"{title}\n\n{row['text']}" if title else row["text"]
    return Article(text=text, title=title, title_end=len(title), body_start=len(title) + 2 if title else 0)


def bcubed(predicted: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 of a clustering against gold classes (one label per item)."""
    pairs = Counter(zip(predicted, gold, strict=True))
    size_p, size_g = Counter(predicted), Counter(gold)
    n = len(gold)
    precision = sum(c * c / size_p[p] for (p, _), c in pairs.items()) / n
    recall = sum(c * c / size_g[g] for (_, g), c in pairs.items()) / n
    return precision, recall, 2 * precision * recall / (precision + recall)


def run_factdiff(
    rows: list[dict[str, str]], order: list[int], threshold: float | None, analysed: bool = False
) -> tuple[list[str], float]:
    if analysed:
        from factdiff.analyse import analyse

        fps = [fingerprint(a, analyse(a)) for a in map(article, rows)]
    else:
        fps = [fingerprint(article(row)) for row in rows]
    for i, fp in enumerate(fps):  # ECB+ holds a few identical texts: keep one id per row
        fp.article_id = f"{i}:{fp.article_id}"
    grouper = Grouper() if threshold is None else Grouper(threshold=threshold)
    predicted = [""] * len(rows)
    start = time.perf_counter()
    index = {fp.article_id: i for i, fp in enumerate(fps)}
    for i in order:
        assignment = grouper.assign(fps[i])
        predicted[i] = assignment.story_id
        for moved in assignment.moved:  # a split moved earlier articles to a new story
            predicted[index[moved]] = assignment.split_to or ""
    return predicted, time.perf_counter() - start


def run_baseline(rows: list[dict[str, str]], distance: float) -> list[str]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{row.get('title') or ''}\n{row['text']}" for row in rows]
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1).fit_transform(texts)
    model = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=distance
    ).fit(matrix.toarray())
    return [str(label) for label in model.labels_]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="ECB+ JSON Lines (id, topic, event, title, text)")
    parser.add_argument("--threshold", type=float, default=None, help="join threshold (default: the library's)")
    parser.add_argument("--shuffles", type=int, default=3, help="shuffled orders to report besides file order")
    parser.add_argument("--analyse", action="store_true", help="also run with the analysis' facts in the fingerprints")
    parser.add_argument("--sweep", action="store_true", help="also print F1 over a range of thresholds")
    args = parser.parse_args()
    rows = load(args.data)
    events = [str(row["event"]) for row in rows]
    topics = [str(row["topic"]) for row in rows]

    results: list[tuple[str, list[str], float | None]] = []
    predicted, seconds = run_factdiff(rows, list(range(len(rows))), args.threshold)
    results.append(("factdiff group, file order", predicted, seconds))
    for seed in range(args.shuffles):
        order = list(range(len(rows)))
        random.Random(seed).shuffle(order)
        shuffled, secs = run_factdiff(rows, order, args.threshold)
        results.append((f"factdiff group, shuffle {seed}", shuffled, secs))
    if args.analyse:
        labels, secs = run_factdiff(rows, list(range(len(rows))), args.threshold, analysed=True)
        results.append(("factdiff group + analysis facts, file order", labels, secs))
    start = time.perf_counter()
    baseline = run_baseline(rows, BASELINE_DISTANCE)
    results.append(
        (f"tf-idf + agglomerative (average, cut {BASELINE_DISTANCE})", baseline, time.perf_counter() - start)
    )

    print(f"ECB+ {args.data.name}: {len(rows)} documents, {len(set(events))} events, {len(set(topics))} topics")
    header = f"{'method':<48} {'stories':>7} {'event P':>8} {'event R':>8} {'event F1':>8} {'topic F1':>8} {'sec':>6}"
    print(header)
    print("-" * len(header))
    for name, labels, secs in results:
        p, r, f = bcubed(labels, events)
        _, _, ft = bcubed(labels, topics)
        print(f"{name:<48} {len(set(labels)):>7} {p:>8.3f} {r:>8.3f} {f:>8.3f} {ft:>8.3f} {secs or 0:>6.2f}")
    # Stability: each half of the topics on its own (a stand-in for held-out topics).
    for name, parity in (("odd", 1), ("even", 0)):
        subset = [row for row in rows if int(row["topic"]) % 2 == parity]
        labels, _ = run_factdiff(subset, list(range(len(subset))), args.threshold)
        f1 = bcubed(labels, [str(row["event"]) for row in subset])[2]
        print(f"  {name} topics only ({len(subset)} documents): event F1 {f1:.3f}")
    if args.sweep:
        for t in (0.12, 0.14, 0.16, 0.18, 0.20, 0.22, 0.24, 0.28):
            labels, _ = run_factdiff(rows, list(range(len(rows))), t)
            print(f"  threshold {t:.2f}: event F1 {bcubed(labels, events)[2]:.3f}")
        for d in (0.6, 0.7, 0.8, 0.85, 0.9, 0.95):
            print(f"  baseline cut {d:.2f}: event F1 {bcubed(run_baseline(rows, d), events)[2]:.3f}")
    print(f"bcubed_f1={bcubed(predicted, events)[2]:.3f}")


if __name__ == "__main__":
    main()

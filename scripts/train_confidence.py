"""Train the confidence of ``factdiff compare``'s divergences from labelled stories.

Usage: python scripts/train_confidence.py [--out src/factdiff/data/confidence_model.json]
                                          [--precision 0.9] [--check]

Every divergence ``factdiff compare --all`` reports on the labelled story sets is a training
example: right (the answer key has it) or wrong (a false alarm); divergences a key excuses (its
``other``, benign or conflict entries) are left out. The sets are the constructed stories (the
shared ones and the three sets in ``bench/``) and the ``tune`` part of the real coverage in
``../shared/data/real`` (``bench/real.py`` defines the split); the ``check`` part is never trained
on, and ``--check`` prints the model's precision and recall there.

The model is a logistic regression over :func:`factdiff.reference.features` (scikit-learn), stored
as plain weights so that loading it costs nothing. Its operating point (``threshold``) is the lowest
confidence at which precision on the training examples stays at or above ``--precision``: an
accusation of error costs an outlet trust, so the default report favours precision.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from bench import real as real_bench  # noqa: E402
from bench import stories as stories_bench  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
STORY_SETS = [SHARED / "stories", ROOT / "bench" / "stories_extra", ROOT / "bench" / "stories_unseen"]
STORY_SETS += [ROOT / "bench" / "stories_holdout"]


def _story_examples(folder: Path) -> list[tuple[dict[str, float], int]]:
    from factdiff.compare import compare_paths

    answers = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
    comparison = compare_paths([str(folder)], threshold=0.0)
    name_of = {a.id: Path(a.file or "").name for a in comparison.articles}
    texts = {name_of[a.id]: a.text for a in comparison.articles}
    reported = [
        {"file": name_of[d.article], "type": d.type, "start": d.start, "end": d.end, "d": d}
        for d in comparison.all_divergences
    ]
    hits = stories_bench.score(reported, stories_bench.key_divergences(answers), texts)["hits"]
    right = {id(r["d"]) for r, _k in hits}
    return [(d.features, int(id(d) in right)) for d in comparison.all_divergences if d.features]


def _real_examples(folder: Path) -> list[tuple[dict[str, float], int]]:
    from factdiff.compare import compare_paths

    answers = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
    key = real_bench.load_key(answers)
    comparison = compare_paths([str(folder)], threshold=0.0)
    name_of = {a.id: Path(a.file or "").name for a in comparison.articles}
    wanted = dict.fromkeys(key.typed, 0)
    for item in key.typed:
        wanted[item] += 1
    excuses = dict(key.excuses)
    out: list[tuple[dict[str, float], int]] = []
    for d in sorted(comparison.all_divergences, key=lambda d: -d.features.get("prior", 0.0)):
        if d.in_post or not d.features:
            continue
        item = (name_of[d.article], d.type)
        if wanted.get(item, 0) > 0:
            wanted[item] -= 1
            out.append((d.features, 1))
        elif excuses.get(item[0], 0) > 0:
            excuses[item[0]] -= 1  # excused: neither right nor wrong, so not an example
        else:
            out.append((d.features, 0))
    return out


def _events(part: str) -> list[Path]:
    top = SHARED / "real"
    return [f for f in sorted(top.iterdir()) if (f / "answers.json").exists() and real_bench.part_of(f.name) == part]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "src" / "factdiff" / "data" / "confidence_model.json"))
    parser.add_argument("--precision", type=float, default=0.9, help="precision the operating point keeps")
    parser.add_argument("--check", action="store_true", help="score the real check part with the new model")
    args = parser.parse_args(argv)

    import numpy as np
    from sklearn.linear_model import LogisticRegression

    examples: list[tuple[dict[str, float], int]] = []
    sources: list[str] = []
    for top in STORY_SETS:
        for folder in sorted(p for p in top.iterdir() if (p / "answers.json").exists()):
            examples += _story_examples(folder)
            sources.append(f"{top.name}/{folder.name}")
    for folder in _events("tune"):
        examples += _real_examples(folder)
        sources.append(f"real/{folder.name}")
    names = sorted(examples[0][0])
    x = np.array([[f.get(n, 0.0) for n in names] for f, _ in examples])
    y = np.array([label for _, label in examples])
    model = LogisticRegression(C=0.5, max_iter=2000, class_weight="balanced")
    model.fit(x, y)
    scores = model.predict_proba(x)[:, 1]
    threshold = 1.0
    for t in sorted(set(np.round(scores, 3))):
        chosen = scores >= t
        if chosen.sum() and y[chosen].mean() >= args.precision:
            threshold = float(t)
            break
    document: dict[str, Any] = {
        "model": "logistic regression over factdiff.reference.features (scikit-learn, C=0.5, balanced)",
        "trained": dt.date.today().isoformat(),
        "trained_on": sources,
        "examples": len(y),
        "right": int(y.sum()),
        "intercept": float(model.intercept_[0]),
        "weights": {n: round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True)},
        "threshold": round(threshold, 3),
        "threshold_rule": f"lowest confidence keeping training precision >= {args.precision}",
    }
    Path(args.out).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    kept = scores >= threshold
    print(f"{len(y)} examples ({int(y.sum())} right) from {len(sources)} stories")
    print(f"threshold {threshold:.3f}: training precision {y[kept].mean():.2f}, recall {y[kept].sum() / y.sum():.2f}")
    if args.check:
        from factdiff import reference

        reference._model.cache_clear()
        total = real_bench.Score()
        for folder in _events("check"):
            row = real_bench.run_event(folder)
            shown = [(f, t) for f, t, c, _ in row["every"] if c >= threshold]
            total.add(real_bench.score(shown, row["key"]))
        print(f"real check part at {threshold:.3f}: P {total.p:.2f} R {total.r:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

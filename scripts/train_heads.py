"""Train factdiff's dependency arc scorer (:mod:`factdiff.analyse.heads`) from GUM and write its weights.

Reads the CoNLL-U files of ``--data`` (default: ``../shared/data/gum`` from the repository root),
holds out the same documents as the tagger (every ninth by sorted file name), tags every sentence
with the shipped part-of-speech tagger (so training sees the tags the analysis will see), trains the
arc scorer as an averaged perceptron for ``--epochs`` passes in an order fixed by ``--seed``, and
writes ``src/factdiff/data/heads_gum.json.gz``. Then it prints the held-out unlabelled attachment
score (punctuation left out) and the speed of finding every head of a sentence.

The output is byte-for-byte reproducible: same data, epochs and seed give the same file.

Usage: python scripts/train_heads.py [--data DIR] [--epochs 5] [--seed 7] [--out FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from train_tagger import CREDIT, HOLD_OUT_EVERY, LICENCE, split_documents  # the tagger's held-out documents and credit

from factdiff.analyse import heads as model_module
from factdiff.analyse.heads import FORMAT, Heads, _sizes, arc_indices, arc_scores, encode
from factdiff.analyse.tagger import tag

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "gum"
DEFAULT_OUT = ROOT / "src" / "factdiff" / "data" / model_module.WEIGHTS_FILE

#: Words seen at least this often in training get features of their own; the others share one.
MIN_WORD_COUNT = 3
#: Weights are stored as integers: the averaged weight times SCALE, rounded; zeros are dropped.
SCALE = 100


@dataclass
class Sentence:
    words: list[str]
    heads: list[int]  # -1 for the root
    punct: list[bool]  # the token is punctuation (left out of the attachment score)
    upos: list[str]  # filled with the shipped tagger's tags


def read_conllu(path: Path) -> list[Sentence]:
    """The sentences of one CoNLL-U file: syntactic words, heads (0-based, -1 root), punctuation."""
    out: list[Sentence] = []
    words: list[str] = []
    heads: list[int] = []
    rels: list[bool] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line:
            if words:
                out.append(Sentence(words, heads, rels, []))
            words, heads, rels = [], [], []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                words.append(cols[1])
                heads.append(int(cols[6]) - 1)
                rels.append(cols[7] == "punct")
    return out


def train(sents: list[Sentence], vocab: dict[str, int], epochs: int, seed: int) -> np.ndarray:
    """Averaged arc weights (Collins 2002, with the usual running-sum trick)."""
    v = len(vocab)
    arcs, arcs_sum = np.zeros(sum(_sizes(v))), np.zeros(sum(_sizes(v)))
    encoded = [(*encode(s.words, s.upos, vocab), np.array(s.heads)) for s in sents]
    order = list(range(len(encoded)))
    rng = random.Random(seed)
    c = 1
    for epoch in range(epochs):
        rng.shuffle(order)
        wrong = total = 0
        for k in order:
            tags, ids, gold = encoded[k]
            n = len(tags)
            gold_col = np.where(gold < 0, n, gold)
            idx = arc_indices(tags, ids, v)
            pred = arc_scores(arcs, idx).argmax(axis=1)
            rows = np.nonzero(pred != gold_col)[0]
            total += n
            wrong += len(rows)
            for index in idx:
                good, bad = index[rows, gold_col[rows]], index[rows, pred[rows]]
                np.add.at(arcs, good, 1.0)
                np.add.at(arcs, bad, -1.0)
                np.add.at(arcs_sum, good, c)
                np.add.at(arcs_sum, bad, -c)
            c += 1
        print(f"epoch {epoch + 1}: training arcs wrong {100 * wrong / total:.1f}%", file=sys.stderr)
    return arcs - arcs_sum / c


def sparse(weights: np.ndarray) -> list[int]:
    """Index gaps and scaled integer values of the non-zero weights, interleaved."""
    scaled = np.rint(weights * SCALE).astype(np.int64)
    where = np.nonzero(scaled)[0]
    gaps = np.diff(np.concatenate([[0], where]))
    out = np.empty(2 * len(where), dtype=np.int64)
    out[::2], out[1::2] = gaps, scaled[where]
    return out.tolist()


def evaluate(sents: list[Sentence], model: model_module._Model) -> dict[str, float]:
    """Unlabelled attachment score, punctuation left out."""
    right = total = 0
    for s in sents:
        heads = Heads(s.words, s.upos, model).heads(range(len(s.words)))
        for k, h in enumerate(heads):
            if not s.punct[k]:
                total += 1
                right += h == s.heads[k]
    return {"uas": round(100 * right / total, 2), "tokens": total}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of GUM .conllu files")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)

    train_files, held_files = split_documents(args.data)
    train_sents = [s for f in train_files for s in read_conllu(f)]
    held_sents = [s for f in held_files for s in read_conllu(f)]
    for s in [*train_sents, *held_sents]:
        s.upos = tag(s.words)
    counts = Counter(w.lower() for s in train_sents for w in s.words)
    vocab_words = sorted(w for w, n in counts.items() if n >= MIN_WORD_COUNT)
    vocab = {w: k for k, w in enumerate(vocab_words)}
    n_train = sum(len(s.words) for s in train_sents)
    print(
        f"training on {len(train_files)} documents ({n_train} tokens), holding out {len(held_files)}", file=sys.stderr
    )

    started = time.process_time()
    arcs = train(train_sents, vocab, args.epochs, args.seed)
    print(f"trained in {time.process_time() - started:.0f} s", file=sys.stderr)
    data: dict[str, object] = {
        "format": FORMAT,
        "credit": CREDIT,
        "licence": LICENCE,
        "training": {
            "documents": len(train_files),
            "tokens": n_train,
            "held_out": [f.stem for f in held_files],
            "held_out_rule": f"every {HOLD_OUT_EVERY}th document by sorted file name",
            "epochs": args.epochs,
            "seed": args.seed,
            "tags": "the shipped part-of-speech tagger's",
        },
        "scale": SCALE,
        "vocab": vocab_words,
        "arcs": sparse(arcs),
    }
    model = model_module._Model(data)
    scores = evaluate(held_sents, model)
    data["held_out"] = scores
    args.out.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    args.out.write_bytes(gzip.compress(raw, 9, mtime=0))

    started = time.process_time()
    for s in held_sents:
        Heads(s.words, s.upos, model).heads(range(len(s.words)))
    elapsed = time.process_time() - started
    tokens = sum(len(s.words) for s in held_sents)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")
    print(f"held-out UAS {scores['uas']:.2f} on {scores['tokens']} tokens (no punctuation)")
    print(
        f"speed: {tokens / elapsed:,.0f} tokens/s, {1000 * elapsed / len(held_sents):.3f} ms a sentence "
        "(every head, one core, CPU time)"
    )


if __name__ == "__main__":
    main()

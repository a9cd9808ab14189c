"""Train factdiff's part-of-speech tagger from the GUM corpus and write the shipped weights.

Reads the CoNLL-U files of ``--data`` (default: ``../shared/data/gum`` from the repository root),
holds out every ninth document by sorted file name (the 9th, 18th, ...: 12 of GUM's 108), trains an
averaged perceptron on the rest for ``--epochs`` passes in an order fixed by ``--seed``, prunes
small weights and writes ``src/factdiff/data/tagger_gum.json.gz``. Then it prints the accuracy on
the held-out documents (all tokens, tokens seen in training, unseen tokens), the agreement of
:func:`factdiff.analyse.tagger.tokenize` with GUM's own tokens there, and the tagging speed.

Unless ``--no-entities`` is given, it also trains the (experimental) entity tagger on GUM's named
person, place and organization mentions, BIO-encoded, with the part-of-speech tagger's predicted
tags as features, stores it in the same file and prints its exact-span precision, recall and F1 on
the held-out documents.

The output is byte-for-byte reproducible: same data, epochs and seed give the same file.

The labels are UPOS tags. Joined UPOS and XPOS labels ("NOUN NNS") were tried: held-out UPOS accuracy
was the same (94.85 against 94.81) and tagging 40% slower, so the XPOS is not learnt.

Usage: python scripts/train_tagger.py [--data DIR] [--epochs 10] [--seed 7] [--out FILE] [--no-entities]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from factdiff.analyse import tagger
from factdiff.analyse.tagger import (
    FORMAT,
    context_features,
    entity_features,
    padded_context,
    tag_features,
    word_features,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "gum"
DEFAULT_OUT = ROOT / "src" / "factdiff" / "data" / tagger.WEIGHTS_FILE

#: Every HOLD_OUT_EVERY-th document (by sorted file name) is held out for evaluation.
HOLD_OUT_EVERY = 9
#: Parts of speech that never occur inside a name (GUM's mentions include "Smith, who ...").
NAME_BREAKERS = frozenset({"VERB", "AUX", "PRON", "SCONJ", "ADV", "INTJ"})
#: Quotation marks that news text uses and GUM does not have (a machine-translated report quotes
#: with guillemets): tagged PUNCT from the dictionary, like GUM's own quotation marks.
EXTRA_QUOTE_MARKS = "«»‹›„‟"
#: Weights are stored as integers: the averaged weight times SCALE, rounded.
SCALE = 100
#: Averaged weights whose absolute value is below this (before scaling) are dropped: measured on the
#: held-out documents, pruning at this level costs under 0.1 points of accuracy and halves the file.
PRUNE_BELOW = 0.5
#: A word is tagged from the dictionary, without scoring, when it was seen at least TAGDICT_MIN_COUNT
#: times in training and with one label at least TAGDICT_MIN_SHARE of the time.
TAGDICT_MIN_COUNT = 20
TAGDICT_MIN_SHARE = 0.97

CREDIT = (
    "Trained on the GUM corpus (Georgetown University Multilayer corpus): Zeldes, Amir (2017) "
    '"The GUM Corpus: Creating Multilayer Resources in the Classroom". Language Resources and '
    "Evaluation 51(3), 581-612. https://gucorpling.org/gum/"
)
LICENCE = (
    "GUM annotations are licensed under Creative Commons Attribution 4.0 (CC BY 4.0); the full notice, "
    "with the licences of the underlying texts and the list of annotators, is in GUM-LICENSE.txt."
)


@dataclass
class Sentence:
    words: list[str]
    labels: list[str]  # UPOS, or BIO entity labels for the entity tagger
    text: str = ""  # the sentence text as GUM gives it (# text = ...)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # GUM entity mentions: first, after last, type
    extra: list[list[str]] | None = None  # more features per token (the entity tagger's part-of-speech features)


def read_conllu(path: Path) -> list[Sentence]:
    """The sentences of one CoNLL-U file: the syntactic words (GUM splits "don't" into "do" and "n't"),
    their labels and the sentence text."""
    sentences: list[Sentence] = []
    current = Sentence([], [])
    opened: dict[str, list[tuple[int, str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line:
            if current.words:
                sentences.append(current)
            current, opened = Sentence([], []), {}
        elif line.startswith("# text = "):
            current.text = line[len("# text = ") :]
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():  # not a multi-word token ("1-2") or an empty node ("8.1")
                _read_mentions(cols[9], len(current.words), opened, current.mentions)
                current.words.append(cols[1])
                current.labels.append(cols[3])
    if current.words:
        sentences.append(current)
    return sentences


def _read_mentions(
    misc: str, k: int, opened: dict[str, list[tuple[int, str]]], out: list[tuple[int, int, str]]
) -> None:
    """Entity brackets of token ``k``'s MISC column: "Entity=(4-organization-...(5-place-...)" opens
    mention 4 and opens and closes mention 5 here; "Entity=4)1)" closes mentions 4 and 1."""
    value = next((part[len("Entity=") :] for part in misc.split("|") if part.startswith("Entity=")), "")
    i = 0
    while i < len(value):
        if value[i] == "(":
            j = i + 1
            while j < len(value) and value[j] not in "()":
                j += 1
            mention_id, kind = value[i + 1 : j].split("-")[:2]
            if j < len(value) and value[j] == ")":  # opens and closes on this token
                out.append((k, k + 1, kind))
                j += 1
            else:
                opened.setdefault(mention_id, []).append((k, kind))
            i = j
        else:
            j = i
            while j < len(value) and value[j].isdigit():
                j += 1
            first, kind = opened[value[i:j]].pop()
            out.append((first, k + 1, kind))
            i = j + 1


def named_mentions(sent: Sentence) -> list[tuple[int, int, str]]:
    """The person, place and organization mentions written as names, outermost first, not nested.

    GUM marks every mention ("he", "the school"); a name is a mention that, after a leading "the",
    starts with a proper noun, ends with a proper noun or a number, and holds no lower-case noun or
    adjective ("Aberdeen Grammar School", "University of Chicago", "the United States" without "the").
    """
    upos, words = sent.labels, sent.words
    names = []
    for first, end, kind in sent.mentions:
        if kind not in tagger.ENTITY_TYPES:
            continue
        while first < end and upos[first] == "DET":
            first += 1
        if first >= end or upos[first] != "PROPN" or upos[end - 1] not in ("PROPN", "NUM"):
            continue
        if any(
            u in NAME_BREAKERS or (u in ("NOUN", "ADJ") and words[k][:1].islower())
            for k, u in enumerate(upos[first:end], first)
        ):
            continue
        names.append((first, end, kind))
    names.sort(key=lambda m: (m[0], m[0] - m[1]))
    flat: list[tuple[int, int, str]] = []
    for mention in names:
        if not flat or mention[0] >= flat[-1][1]:
            flat.append(mention)
    return flat


def bio_labels(n: int, mentions: list[tuple[int, int, str]]) -> list[str]:
    labels = ["O"] * n
    for first, end, kind in mentions:
        labels[first] = "B-" + kind
        for k in range(first + 1, end):
            labels[k] = "I-" + kind
    return labels


def split_documents(data: Path) -> tuple[list[Path], list[Path]]:
    files = sorted(data.glob("*.conllu"))
    if not files:
        raise SystemExit(f"no .conllu files in {data}")
    held = [f for k, f in enumerate(files) if k % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1]
    train = [f for f in files if f not in held]
    return train, held


class Perceptron:
    """An averaged perceptron over string features and integer classes (training only)."""

    def __init__(self, classes: list[str]) -> None:
        self.classes = classes
        self.index = {c: k for k, c in enumerate(classes)}
        self.weights: dict[str, dict[int, float]] = {}
        self._totals: defaultdict[tuple[str, int], float] = defaultdict(float)
        self._stamps: defaultdict[tuple[str, int], int] = defaultdict(int)
        self.steps = 0

    def scores(self, features: list[str]) -> list[float]:
        scores = [0.0] * len(self.classes)
        for f in features:
            row = self.weights.get(f)
            if row:
                for c, w in row.items():
                    scores[c] += w
        return scores

    def update(self, truth: int, guess: int, features: list[str]) -> None:
        self.steps += 1
        if truth == guess:
            return
        for f in features:
            row = self.weights.setdefault(f, {})
            for c, delta in ((truth, 1.0), (guess, -1.0)):
                key = (f, c)
                w = row.get(c, 0.0)
                self._totals[key] += (self.steps - self._stamps[key]) * w
                self._stamps[key] = self.steps
                row[c] = w + delta

    def averaged(self) -> dict[str, dict[int, float]]:
        out: dict[str, dict[int, float]] = {}
        for f, row in self.weights.items():
            new = {}
            for c, w in row.items():
                key = (f, c)
                total = self._totals[key] + (self.steps - self._stamps[key]) * w
                avg = total / self.steps
                if avg:
                    new[c] = avg
            if new:
                out[f] = new
        return out


def make_tagdict(sentences: list[Sentence]) -> dict[str, str]:
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for sent in sentences:
        for word, label in zip(sent.words, sent.labels, strict=True):
            counts[word][label] += 1
    tagdict = {}
    for word, labels in counts.items():
        label, n = labels.most_common(1)[0]
        total = sum(labels.values())
        if total >= TAGDICT_MIN_COUNT and n / total >= TAGDICT_MIN_SHARE:
            tagdict[word] = label
    for mark in EXTRA_QUOTE_MARKS:
        tagdict.setdefault(mark, "PUNCT")
    return tagdict


def train(
    sentences: list[Sentence], epochs: int, seed: int, use_tagdict: bool = True
) -> tuple[Perceptron, dict[str, str]]:
    classes = sorted({label for s in sentences for label in s.labels})
    model = Perceptron(classes)
    tagdict = make_tagdict(sentences) if use_tagdict else {}
    intrinsic = {w: word_features(w) for s in sentences for w in s.words}
    order = list(sentences)
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(order)
        right = total = 0
        for sent in order:
            lowers, suffixes, shapes = padded_context(sent.words)
            prev, prev2 = "<s>", "<s2>"
            for i, (word, label) in enumerate(zip(sent.words, sent.labels, strict=True)):
                guess_label = tagdict.get(word)
                if guess_label is None:
                    features = (
                        intrinsic[word]
                        + context_features(lowers, suffixes, shapes, i)
                        + tag_features(prev, prev2, lowers[i + 2])
                        + (sent.extra[i] if sent.extra is not None else [])
                    )
                    scores = model.scores(features)
                    guess = scores.index(max(scores))
                    model.update(model.index[label], guess, features)
                    guess_label = classes[guess]
                right += guess_label == label
                total += 1
                prev2, prev = prev, guess_label
        print(f"epoch {epoch + 1}/{epochs}: training accuracy {100 * right / total:.2f}", file=sys.stderr)
    return model, tagdict


def export(model: Perceptron, tagdict: dict[str, str], meta: dict[str, object]) -> dict[str, object]:
    weights: dict[str, list[int]] = {}
    for f, row in model.averaged().items():
        flat: list[int] = []
        for c in sorted(row):
            w = row[c]
            if abs(w) >= PRUNE_BELOW:
                flat += [c, round(w * SCALE)]
        if flat:
            weights[f] = flat
    index = model.index
    return {
        "format": FORMAT,
        **meta,
        "classes": model.classes,
        "tagdict": {w: index[label] for w, label in sorted(tagdict.items())},
        "weights": weights,
    }


def evaluate(sentences: list[Sentence], known: set[str], model: tagger._Model) -> dict[str, float]:
    """UPOS accuracy over all tokens, over tokens seen in training and over unseen ones."""
    right = total = kright = ktotal = 0
    for sent in sentences:
        got = [model.classes[c] for c in model.predict(sent.words)]
        for word, label, guess in zip(sent.words, sent.labels, got, strict=True):
            ok = guess == label
            right += ok
            total += 1
            if word in known:
                kright += ok
                ktotal += 1
    return {
        "tokens": total,
        "upos": round(100 * right / total, 2),
        "upos_known": round(100 * kright / ktotal, 2),
        "upos_unknown": round(100 * (right - kright) / (total - ktotal), 2),
        "unknown_share": round(100 * (total - ktotal) / total, 2),
    }


def entity_sentences(sentences: list[Sentence], pos_model: tagger._Model) -> list[Sentence]:
    """The sentences labelled for the entity tagger: BIO labels of the named mentions, and the
    part-of-speech features from the tagger's own predictions (as at run time, not GUM's tags)."""
    out = []
    for sent in sentences:
        upos = [pos_model.classes[c] for c in pos_model.predict(sent.words)]
        labels = bio_labels(len(sent.words), named_mentions(sent))
        extra = [entity_features(sent.words, upos, i, pos_model.index) for i in range(len(upos))]
        out.append(Sentence(sent.words, labels, sent.text, extra=extra))
    return out


def evaluate_entities(sentences: list[Sentence], model: tagger._Model) -> dict[str, dict[str, float]]:
    """Exact-span precision, recall and F1 of the entity tagger, overall and per type."""
    found: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for sent in sentences:
        want = set(tagger.bio_spans(sent.labels))
        got = set(tagger.bio_spans([model.classes[c] for c in model.predict(sent.words, sent.extra)]))
        for kind in ("all", *tagger.ENTITY_TYPES):
            w = {m for m in want if kind in ("all", m[2])}
            g = {m for m in got if kind in ("all", m[2])}
            gold[kind] += len(w)
            found[kind] += len(g)
            right[kind] += len(w & g)
    scores: dict[str, dict[str, float]] = {}
    for kind in ("all", *tagger.ENTITY_TYPES):
        p = right[kind] / found[kind] if found[kind] else 0.0
        r = right[kind] / gold[kind] if gold[kind] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        scores[kind] = {"precision": round(100 * p, 1), "recall": round(100 * r, 1), "f1": round(100 * f, 1)}
        scores[kind]["mentions"] = gold[kind]
    return scores


def tokenizer_agreement(sentences: list[Sentence]) -> dict[str, float]:
    """Precision and recall of tokenize() against GUM's words, sentence by sentence."""
    tp = n_gold = n_ours = 0
    for sent in sentences:
        if not sent.text:
            continue
        ours = Counter(t for _, _, t in tagger.tokenize(sent.text))
        gold = Counter(sent.words)
        tp += sum((ours & gold).values())
        n_gold += sum(gold.values())
        n_ours += sum(ours.values())
    return {"precision": round(100 * tp / n_ours, 2), "recall": round(100 * tp / n_gold, 2)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of GUM .conllu files")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--no-entities", dest="entities", action="store_false", help="skip the entity tagger")
    args = parser.parse_args(argv)

    train_files, held_files = split_documents(args.data)
    train_sents = [s for f in train_files for s in read_conllu(f)]
    held_sents = [s for f in held_files for s in read_conllu(f)]
    n_train = sum(len(s.words) for s in train_sents)
    print(
        f"training on {len(train_files)} documents ({n_train} tokens), holding out {len(held_files)}", file=sys.stderr
    )

    started = time.process_time()
    model, tagdict = train(train_sents, args.epochs, args.seed)
    print(f"trained in {time.process_time() - started:.0f} s", file=sys.stderr)

    meta: dict[str, object] = {
        "credit": CREDIT,
        "licence": LICENCE,
        "training": {
            "documents": len(train_files),
            "tokens": n_train,
            "held_out": [f.stem for f in held_files],
            "held_out_rule": f"every {HOLD_OUT_EVERY}th document by sorted file name",
            "epochs": args.epochs,
            "seed": args.seed,
        },
    }
    data = export(model, tagdict, meta)
    known = {w for s in train_sents for w in s.words}
    pos_model = tagger._Model(data)
    accuracy = evaluate(held_sents, known, pos_model)
    data["held_out_accuracy"] = accuracy

    entity_scores: dict[str, dict[str, float]] = {}
    if args.entities:
        started = time.process_time()
        ner, _ = train(entity_sentences(train_sents, pos_model), args.epochs, args.seed, use_tagdict=False)
        print(f"entity tagger trained in {time.process_time() - started:.0f} s", file=sys.stderr)
        entity_data = {k: v for k, v in export(ner, {}, {}).items() if k != "format"}
        entity_scores = evaluate_entities(entity_sentences(held_sents, pos_model), tagger._Model(export(ner, {}, {})))
        data["entities"] = entity_data
        data["entities_held_out"] = entity_scores
    args.out.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode("utf-8")
    args.out.write_bytes(gzip.compress(raw, 9, mtime=0))

    words = [w for s in held_sents for w in s.words]
    fresh = tagger._Model(data)
    started = time.process_time()
    for sent in held_sents:
        fresh.predict(sent.words)
    speed = len(words) / (time.process_time() - started)

    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, {len(data['weights'])} features)")  # type: ignore[arg-type]
    print(f"held-out documents: {', '.join(f.stem for f in held_files)}")
    print(
        f"held-out UPOS accuracy {accuracy['upos']:.2f} (known words {accuracy['upos_known']:.2f}, "
        f"unknown {accuracy['upos_unknown']:.2f}, {accuracy['unknown_share']:.1f}% unknown), "
        f"on {accuracy['tokens']} tokens"
    )
    agreement = tokenizer_agreement(held_sents)
    print(f"tokenizer against GUM tokens: precision {agreement['precision']:.2f}, recall {agreement['recall']:.2f}")
    print(f"speed: {speed:,.0f} tokens/s (one core, CPU time, cold word cache)")
    for kind, score in entity_scores.items():
        print(
            f"held-out entities, {kind}: precision {score['precision']:.1f}, recall {score['recall']:.1f}, "
            f"F1 {score['f1']:.1f} ({score['mentions']:.0f} names)"
        )


if __name__ == "__main__":
    main()

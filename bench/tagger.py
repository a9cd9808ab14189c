"""Accuracy and speed of factdiff's part-of-speech tagger on GUM's held-out documents.

The held-out documents are the ones named in the shipped weights (every ninth GUM document by
sorted file name; the tagger never saw them in training). Accuracy is UPOS token accuracy over
GUM's own tokens, overall and on words seen or not seen in training. Speed is CPU time on one core,
three ways: tagging GUM's tokens, tokenizing plus tagging the sentence texts (``tag_spans``), and
``noun_phrase_after`` called just after every number of those texts (the way the quantity extractor
asks what a number counts: a short window is tokenized and tagged per call).

The peer is a spaCy pipeline trained on GUM. When spaCy and a pipeline (``--spacy-model``) are
installed it runs here on the same tokens; otherwise its row is the figure measured for this
project on the same 12 held-out documents (tag accuracy 95.2, about 8,400 words/s), labelled
"published, not run here".

Usage: python bench/tagger.py [--data ../shared/data/gum] [--seconds 2] [--spacy-model NAME]
"""

from __future__ import annotations

import argparse
import importlib.util
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.table import Table

from factdiff.analyse import tagger

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "gum"
#: The spaCy GUM figures measured for the project (shared data README): tag accuracy, words/s.
PUBLISHED_SPACY = (95.2, 8_400)

Sentence = tuple[str, list[str], list[str]]  # text, words, UPOS tags


def read_conllu(path: Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    text, words, tags = "", [], []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line:
            if words:
                sentences.append((text, words, tags))
            text, words, tags = "", [], []
        elif line.startswith("# text = "):
            text = line[len("# text = ") :]
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                words.append(cols[1])
                tags.append(cols[3])
    return sentences


def accuracy(
    sentences: list[Sentence], known: set[str] | None, tag_fn: Callable[[list[str]], list[str]]
) -> list[float]:
    """[overall, known words, unknown words] UPOS accuracy in percent (known/unknown only with ``known``)."""
    right = total = kright = ktotal = 0
    for _, words, gold in sentences:
        for word, g, t in zip(words, gold, tag_fn(words), strict=True):
            right += g == t
            total += 1
            if known is not None and word in known:
                kright += g == t
                ktotal += 1
    if known is None:
        return [100 * right / total]
    return [100 * right / total, 100 * kright / ktotal, 100 * (right - kright) / (total - ktotal)]


def tokens_per_second(items: list, run: Callable, n_tokens: int, seconds: float) -> float:  # type: ignore[type-arg]
    """Tokens per CPU-second of ``run`` over ``items``, repeated for about ``seconds``."""
    for item in items:  # warm up: weights loaded, word caches filled
        run(item)
    done, start = 0, time.process_time()
    while True:
        for item in items:
            run(item)
        done += n_tokens
        elapsed = time.process_time() - start
        if elapsed >= seconds:
            return done / elapsed


def known_words(data: Path, held_out: list[str]) -> set[str]:
    return {
        w
        for path in sorted(data.glob("*.conllu"))
        if path.stem not in held_out
        for _, words, _ in read_conllu(path)
        for w in words
    }


def spacy_row(model: str, sentences: list[Sentence], seconds: float) -> list[str] | None:
    """Accuracy and speed of an installed spaCy pipeline on GUM's tokens, or None when it is absent."""
    if importlib.util.find_spec("spacy") is None:
        return None
    import spacy  # type: ignore[import-not-found]
    from spacy.tokens import Doc  # type: ignore[import-not-found]

    try:
        nlp = spacy.load(model, exclude=["parser", "ner", "lemmatizer"])
    except OSError:
        return None

    def tag_fn(words: list[str]) -> list[str]:
        return [t.pos_ for t in nlp(Doc(nlp.vocab, words=words))]

    n = sum(len(w) for _, w, _ in sentences)
    acc = accuracy(sentences, None, tag_fn)[0]
    speed = tokens_per_second([s[1] for s in sentences], tag_fn, n, seconds)
    return [f"spaCy {model}", "run here", f"{acc:.2f}", "", "", f"{speed:,.0f}", "", ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of GUM .conllu files")
    parser.add_argument("--seconds", type=float, default=2.0, help="CPU seconds per speed measurement")
    parser.add_argument("--spacy-model", default="en_core_web_sm", help="spaCy pipeline to compare, if installed")
    args = parser.parse_args()

    info = tagger.model_info()
    held_out: list[str] = info["training"]["held_out"]
    paths = [args.data / f"{name}.conllu" for name in held_out]
    missing = [p.name for p in paths if not p.exists()]
    if missing:
        raise SystemExit(f"GUM documents not found in {args.data}: {', '.join(missing)}")
    sentences = [s for p in paths for s in read_conllu(p)]
    n_tokens = sum(len(words) for _, words, _ in sentences)
    known = known_words(args.data, held_out)

    overall, on_known, on_unknown = accuracy(sentences, known, tagger.tag)
    tag_speed = tokens_per_second([s[1] for s in sentences], tagger.tag, n_tokens, args.seconds)
    texts = [s[0] for s in sentences if s[0]]
    n_text_tokens = sum(len(tagger.tokenize(t)) for t in texts)
    span_speed = tokens_per_second(texts, tagger.tag_spans, n_text_tokens, args.seconds)
    numbers = [(t, e) for t in texts for s, e, _, upos in tagger.tag_spans(t) if upos == "NUM"]
    np_speed = tokens_per_second(numbers, lambda call: tagger.noun_phrase_after(*call), len(numbers), args.seconds)
    size = resources.files("factdiff").joinpath("data", tagger.WEIGHTS_FILE).read_bytes()

    table = Table(
        title=f"UPOS tagging, {len(held_out)} held-out GUM documents ({n_tokens:,} tokens), one core",
        caption="CPU time; tag = GUM's tokens; tokenize+tag = tag_spans on the sentence texts; "
        "NP calls/s = noun_phrase_after after each number",
    )
    columns = (
        "tagger",
        "measured",
        "UPOS acc.",
        "known",
        "unknown",
        "tag tokens/s",
        "tokenize+tag tokens/s",
        "NP calls/s",
    )
    for column in columns:
        table.add_column(column, justify="left" if column in ("tagger", "measured") else "right")
    table.add_row(
        f"factdiff perceptron, {len(size) / 1e6:.1f} MB file",
        "run here",
        f"{overall:.2f}",
        f"{on_known:.2f}",
        f"{on_unknown:.2f}",
        f"{tag_speed:,.0f}",
        f"{span_speed:,.0f}",
        f"{np_speed:,.0f}",
    )
    peer = spacy_row(args.spacy_model, sentences, args.seconds)
    if peer is None:
        acc, speed = PUBLISHED_SPACY
        peer = [
            "spaCy tagger+parser trained on GUM",
            "published, not run here",
            f"{acc:.1f}",
            "",
            "",
            f"~{speed:,}",
            "",
            "",
        ]
    table.add_row(*peer)
    Console(width=150).print(table)


if __name__ == "__main__":
    main()

"""The dependency arc scorer (factdiff.analyse.heads), with the shipped weights."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from factdiff.analyse import heads
from factdiff.analyse.heads import Heads, arc_indices, arc_scores, encode, heads_of
from factdiff.analyse.tagger import tag_spans
from tests.shared_data import SHARED, need

GUM = SHARED / "data" / "gum"
#: The attachment floor on GUM's held-out documents (the model scored 75.52 when it was trained).
MIN_HELD_OUT_UAS = 75.0


def _tree(text: str) -> tuple[list[str], list[int]]:
    spans = tag_spans(text)
    tree = heads_of(tuple(spans))
    return [s[2] for s in spans], tree.heads(range(len(spans)))


def test_weights_load_and_credit_gum() -> None:
    info = heads.model_info()
    assert info["format"] == heads.FORMAT
    assert "GUM" in info["credit"] and "Zeldes" in info["credit"]
    assert "CC BY 4.0" in info["licence"]
    assert info["held_out"]["uas"] >= MIN_HELD_OUT_UAS
    assert info["training"]["held_out"], "the held-out documents are named"


def test_weights_of_another_format_are_refused() -> None:
    with pytest.raises(ValueError, match="format"):
        heads._Model({"format": "something-else/9", "vocab": [], "arcs": [], "scale": 100})


def test_a_simple_clause() -> None:
    words, found = _tree("The new bridge will carry 9,000 cars a day.")
    at = {w: k for k, w in enumerate(words)}
    assert found[at["bridge"]] == at["carry"]  # the subject
    assert found[at["cars"]] == at["carry"]  # the object
    assert found[at["9,000"]] == at["cars"]  # the count of the object
    assert found[at["carry"]] == -1  # the root


def test_a_prepositional_phrase_on_a_noun() -> None:
    words, found = _tree("Investors backed new capacity above 40 gigawatts.")
    at = {w: k for k, w in enumerate(words)}
    assert found[at["gigawatts"]] == at["capacity"]
    assert found[at["above"]] == at["gigawatts"]


def test_every_token_gets_one_head_and_none_its_own() -> None:
    words, found = _tree("Revenue at the mill, which employs 900 people, rose 4% in May.")
    assert len(found) == len(words)
    assert all(h != k and -1 <= h < len(words) for k, h in enumerate(found))


def test_heads_asked_for_lazily_are_the_heads_of_the_whole_sentence() -> None:
    spans = tag_spans("The council said the new line would carry 12,000 riders a day by 2030.")
    words, upos = [s[2] for s in spans], [s[3] for s in spans]
    whole = Heads(words, upos).heads(range(len(words)))
    lazy = Heads(words, upos)
    assert [lazy.head(k) for k in reversed(range(len(words)))] == list(reversed(whole))


def test_fast_scores_are_the_training_scores() -> None:
    """The analysis sums the tables on each side first; training looks every feature up on its own."""
    spans = tag_spans("Shares of the retailer fell 3.5% to $41.20 after the company cut its forecast.")
    words, upos = [s[2] for s in spans], [s[3] for s in spans]
    model = heads._model()
    tags, ids = encode(words, upos, model.vocab)
    flat = np.concatenate(
        [
            table.ravel()
            for table in (
                model.w_dist,
                model.w_head_before,
                model.w_head_after,
                model.w_dep_before,
                model.w_dep_after,
                model.w_between,
                model.w_head_word,
                model.w_dep_word,
                model.w_dist_after,
            )
        ]
    )
    slow = arc_scores(flat, arc_indices(tags, ids, len(model.vocab)))
    fast = Heads(words, upos).scores(np.arange(len(words)))
    assert np.array_equal(np.isfinite(slow), np.isfinite(fast))
    assert np.allclose(slow[np.isfinite(slow)], fast[np.isfinite(fast)], atol=1e-4)


def test_an_empty_or_one_word_sentence() -> None:
    assert Heads([], []).heads([]) == []
    assert Heads(["Yes"], ["INTJ"]).heads([0]) == [-1]


def _read_gum(path: Path) -> list[tuple[list[str], list[int], list[bool]]]:
    """(words, heads, is punctuation) of each sentence of a CoNLL-U file."""
    sentences: list[tuple[list[str], list[int], list[bool]]] = []
    words: list[str] = []
    gold: list[int] = []
    punct: list[bool] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line:
            if words:
                sentences.append((words, gold, punct))
            words, gold, punct = [], [], []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                words.append(cols[1])
                gold.append(int(cols[6]) - 1)
                punct.append(cols[7] == "punct")
    return sentences


def test_attachment_on_held_out_gum_documents() -> None:
    need(GUM)
    from factdiff.analyse.tagger import tag

    right = total = 0
    for name in heads.model_info()["training"]["held_out"]:
        for words, gold, punct in _read_gum(need(GUM / f"{name}.conllu")):
            found = Heads(words, tag(words)).heads(range(len(words)))
            for k, h in enumerate(found):
                if not punct[k]:
                    total += 1
                    right += h == gold[k]
    assert total > 5000
    assert 100 * right / total >= MIN_HELD_OUT_UAS

"""Dependency heads for one tagged sentence: a small arc scorer trained on GUM.

Each token takes the head that scores best among the other tokens and the root: an edge-factored
first-order model (McDonald et al. 2005) decoded greedily per token rather than as a spanning tree
(trained and decoded the same way: a Chu-Liu-Edmonds tree scored 0.6 points of attachment better
on GUM but cost up to 3 ms a sentence in Python). The scorer is an averaged perceptron (Collins
2002) whose features are a few tables indexed by the UPOS tags of the two tokens and their
neighbours, the direction and distance of the arc, how many verbs, punctuation marks and nominals
stand between them, and the two words themselves. Heads are computed lazily, for the tokens a
caller asks about, with numpy: the analysis asks only in the sentences of quantities whose
phrase the part-of-speech rules cannot settle (:mod:`.concepts`).

No relation labels: where the analysis needs one it reads it from the tags and the tree (a
nominal left of its verb with no preposition of its own is its subject).

The weights (``factdiff/data/heads_gum.json.gz``) are trained by ``scripts/train_heads.py`` from the
GUM corpus (Zeldes 2017, https://gucorpling.org/gum/; annotations CC BY 4.0): see
``factdiff/data/GUM-LICENSE.txt``. Held-out attachment score on 12 GUM documents the model never
saw, with the tags of the shipped tagger: ``model_info()["held_out"]``.
"""

from __future__ import annotations

import functools
import gzip
import json
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

__all__ = ["FORMAT", "MAX_TOKENS", "UPOS", "Heads", "arc_indices", "arc_scores", "encode", "heads_of", "model_info"]

#: The longest sentence (in tokens) the analysis parses: the arcs of a sentence grow with the square
#: of its length, and a longer "sentence" is a list or a run-on that the tree would not read well
#: (GUM's longest sentences are about 100 tokens).
MAX_TOKENS = 150

#: The version of the weights file this module reads; the training script writes it.
FORMAT = "factdiff-heads/1"
WEIGHTS_FILE = "heads_gum.json.gz"

UPOS = "ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X".split()
_TAG = {t: k for k, t in enumerate(UPOS)}
_ROOT = len(UPOS)  # the root's tag
_PAD = _ROOT + 1  # beyond either end of the sentence
N_TAGS = _PAD + 1

# distance bins of |head - dependent|: 1, 2, 3, 4, 5-6, 7-10, 11+ (times two directions), and the root
_BIN = np.array([0, 0, 1, 2, 3, 4, 4, 5, 5, 5, 5] + [6] * 500, dtype=np.int64)
N_DIST = 15
_ROOT_DIST = 14
_VERBAL = np.zeros(N_TAGS, dtype=np.int64)
_VERBAL[[_TAG["VERB"], _TAG["AUX"]]] = 1
_PUNCT = np.zeros(N_TAGS, dtype=np.int64)
_PUNCT[_TAG["PUNCT"]] = 1
_NOMINAL = np.zeros(N_TAGS, dtype=np.int64)
_NOMINAL[[_TAG["NOUN"], _TAG["PROPN"], _TAG["PRON"], _TAG["NUM"]]] = 1
_BETWEEN = np.stack([_VERBAL, _PUNCT, _NOMINAL], axis=1)  # [tag, kind]


def _sizes(vocab: int) -> list[int]:
    """The size of each arc feature table (see :func:`arc_indices`)."""
    t = N_TAGS
    return [
        N_DIST * t * t,  # distance, head tag, dependent tag
        3 * t * t * t,  # direction, head tag, dependent tag, tag before the head
        3 * t * t * t,  # ... tag after the head
        3 * t * t * t,  # ... tag before the dependent
        3 * t * t * t,  # ... tag after the dependent
        3 * t * t * 27,  # direction, head tag, dependent tag, verbs/punctuation/nominals between (0, 1, 2+)
        3 * (vocab + 1) * t,  # direction, head word, dependent tag
        3 * (vocab + 1) * t,  # direction, dependent word, head tag
        N_DIST * t * t * t,  # distance, head tag, dependent tag, tag after the dependent
    ]


def _offsets(sizes: list[int]) -> list[int]:
    out, total = [], 0
    for size in sizes:
        out.append(total)
        total += size
    return out


def arc_indices(tags: np.ndarray, words: np.ndarray, vocab: int) -> list[np.ndarray]:
    """The weight indices of every feature of every arc: one (n, n + 1) integer array per table,
    row = dependent, column = head (column n is the root). ``tags`` are tag indices, ``words``
    vocabulary indices (``vocab`` for a word outside it)."""
    n = len(tags)
    t = N_TAGS
    offsets = _offsets(_sizes(vocab))
    ext = np.concatenate([tags, [_ROOT]])
    padded = np.concatenate([[_PAD], tags, [_PAD, _PAD]])  # padded[i + 1] is token i
    d = np.arange(n)[:, None]
    h = np.arange(n + 1)[None, :]
    diff = h - d
    right = diff > 0
    direction = np.where(h == n, 2, right.astype(np.int64))
    dist = np.where(h == n, _ROOT_DIST, _BIN[np.abs(diff)] + 7 * right)
    th = np.broadcast_to(ext[None, :], (n, n + 1))
    td = np.broadcast_to(tags[:, None], (n, n + 1))
    th_before = np.where(h == n, _PAD, padded[np.minimum(h, n + 1)])
    th_after = np.where(h == n, _PAD, padded[np.minimum(h + 2, n + 2)])
    td_before = np.broadcast_to(padded[d], (n, n + 1))
    td_after = np.broadcast_to(padded[d + 2], (n, n + 1))
    between = []
    for table in (_VERBAL, _PUNCT, _NOMINAL):
        cum = np.concatenate([[0], np.cumsum(table[tags])])  # cum[i]: count among tokens before i
        lo = np.minimum(d, h) + 1
        hi = np.maximum(d, h)
        count = np.where(h == n, 0, cum[np.minimum(hi, n)] - cum[np.minimum(lo, n)])
        between.append(np.minimum(np.maximum(count, 0), 2))
    mid = between[0] * 9 + between[1] * 3 + between[2]
    wh = np.concatenate([words, [vocab]])[None, :]
    wd = words[:, None]
    base = (direction * t + th) * t + td
    return [
        offsets[0] + (dist * t + th) * t + td,
        offsets[1] + base * t + th_before,
        offsets[2] + base * t + th_after,
        offsets[3] + base * t + td_before,
        offsets[4] + base * t + td_after,
        offsets[5] + base * 27 + mid,
        offsets[6] + (direction * (vocab + 1) + wh) * t + td,
        offsets[7] + (direction * (vocab + 1) + wd) * t + th,
        offsets[8] + ((dist * t + th) * t + td) * t + td_after,
    ]


def arc_scores(weights: np.ndarray, indices: list[np.ndarray]) -> np.ndarray:
    """The (n, n + 1) score of every arc; an arc from a token to itself scores minus infinity."""
    scores = weights[indices[0]].astype(np.float64)
    for index in indices[1:]:
        scores += weights[index]
    n = scores.shape[0]
    scores[np.arange(n), np.arange(n)] = -np.inf
    return scores


def encode(words: list[str], upos: list[str], vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Tag and word indices of a sentence (words lower-cased; ``len(vocab)`` for an unknown word)."""
    unknown = len(vocab)
    tags = np.fromiter((_TAG.get(u, _TAG["X"]) for u in upos), dtype=np.int64, count=len(upos))
    ids = np.fromiter((vocab.get(w.lower(), unknown) for w in words), dtype=np.int64, count=len(words))
    return tags, ids


class _Model:
    """The shipped weights, as the tables of :func:`_sizes` shaped for look-ups."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != FORMAT:
            raise ValueError(f"head weights have format {data.get('format')!r}, expected {FORMAT!r}")
        self.info: dict[str, Any] = {k: v for k, v in data.items() if k not in ("vocab", "arcs")}
        self.vocab: dict[str, int] = {w: k for k, w in enumerate(data["vocab"])}
        t, v = N_TAGS, len(self.vocab) + 1
        w = _dense(data["arcs"], sum(_sizes(len(self.vocab))), float(data["scale"]))
        o = [*_offsets(_sizes(len(self.vocab))), len(w)]
        self.w_dist = w[o[0] : o[1]].reshape(N_DIST, t, t)
        self.w_head_before = w[o[1] : o[2]].reshape(3, t, t, t)
        self.w_head_after = w[o[2] : o[3]].reshape(3, t, t, t)
        self.w_dep_before = w[o[3] : o[4]].reshape(3, t, t, t)
        self.w_dep_after = w[o[4] : o[5]].reshape(3, t, t, t)
        self.w_between = w[o[5] : o[6]].reshape(3, t, t, 27)
        self.w_head_word = w[o[6] : o[7]].reshape(3, v, t)
        self.w_dep_word = w[o[7] : o[8]].reshape(3, v, t)
        self.w_dist_after = w[o[8] : o[9]].reshape(N_DIST, t, t, t)
        # tables that are always summed together, summed once: one look-up instead of two
        # [direction, head tag, dependent tag, tag before the head, tag after the head]
        self.w_head_context = self.w_head_before[..., :, None] + self.w_head_after[..., None, :]
        # [direction, head tag, dependent tag, tag before the dependent, tag after the dependent]
        self.w_dep_context = self.w_dep_before[..., :, None] + self.w_dep_after[..., None, :]
        # [distance, head tag, dependent tag, tag after the dependent]
        self.w_near = self.w_dist[..., None] + self.w_dist_after


class Heads:
    """The heads of one tagged sentence, computed for the tokens asked about and remembered.

    The scores are those of :func:`arc_scores` over :func:`arc_indices` (what training uses), summed
    table by table on the head's and on the dependent's side first: a few small gathers for the
    sentence, then four look-ups over the arcs of the rows asked for.
    """

    def __init__(self, words: list[str], upos: list[str], model: _Model | None = None) -> None:
        self.model = m = model or _model()
        self.n = n = len(words)
        self.tags, self.ids = tags, ids = encode(words, upos, m.vocab)
        self.ext = ext = np.append(tags, _ROOT)
        self.padded = padded = np.concatenate([[_PAD], tags, [_PAD, _PAD]])  # padded[i + 1] is token i
        head_before = np.append(padded[:n], _PAD)
        head_after = np.append(padded[2 : n + 2], _PAD)
        # [head, direction, dependent tag] (advanced indices apart put their axis first)
        head_side = m.w_head_context[:, ext, :, head_before, head_after]
        self.head_side = head_side + m.w_head_word[:, np.append(ids, len(m.vocab)), :].transpose(1, 0, 2)
        self.cum = np.zeros((n + 1, 3), dtype=np.int64)  # verbs, punctuation, nominals before each token
        np.cumsum(_BETWEEN[tags], axis=0, out=self.cum[1:])
        self._heads = np.full(n, -2, dtype=np.int64)  # -2: not computed yet

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """The (len(rows), n + 1) scores of the arcs of the tokens ``rows``; column n is the root."""
        m, n = self.model, self.n
        r = len(rows)
        grid = _grid(n)[rows]
        direction, dist = grid[..., 0], grid[..., 1]
        counts = self.cum[grid[..., 3]] - self.cum[grid[..., 2]]
        np.minimum(counts, 2, out=counts)
        between = counts[..., 0] * 9 + counts[..., 1] * 3 + counts[..., 2]
        td = self.tags[rows]
        before, after = self.padded[rows], self.padded[rows + 2]
        # the dependent's side, for these rows: [direction, head tag, row] and [distance, head tag, row]
        dep_side = m.w_dep_context[:, :, td, before, after] + m.w_dep_word[:, self.ids[rows], :].transpose(0, 2, 1)
        near = m.w_near[:, :, td, after]
        k = np.arange(r)[:, None]
        th = self.ext[None, :]
        cols = np.arange(n + 1)[None, :]
        out = self.head_side[cols, direction, td[:, None]].astype(np.float64)
        out += dep_side[direction, th, k]
        out += near[dist, th, k]
        out += m.w_between[direction, th, td[:, None], between]
        out[np.arange(r), rows] = -np.inf
        return out

    def heads(self, rows: list[int] | range) -> list[int]:
        """The heads of the tokens ``rows`` (-1: the root)."""
        wanted = [k for k in rows if self._heads[k] == -2]
        if wanted:
            found = self.scores(np.array(wanted, dtype=np.int64)).argmax(axis=1)
            self._heads[wanted] = np.where(found == self.n, -1, found)
        return [int(self._heads[k]) for k in rows]

    def head(self, k: int) -> int:
        """The head of token ``k`` (-1: the root)."""
        return self.heads([k])[0]


@functools.lru_cache(maxsize=128)
def _grid(n: int) -> np.ndarray:
    """For every arc of a sentence of ``n`` tokens, [dependent, head, k]: k = 0 the direction (0 left,
    1 right, 2 the root), 1 the distance bin, 2 and 3 the bounds of the tokens between (from
    ``lo`` to before ``hi``; none for the root)."""
    d = np.arange(n)[:, None]
    h = np.arange(n + 1)[None, :]
    diff = h - d
    right = diff > 0
    root = h == n
    direction = np.where(root, 2, right.astype(np.int64))
    dist = np.where(root, _ROOT_DIST, _BIN[np.abs(diff)] + 7 * right)
    lo = np.broadcast_to(np.minimum(np.minimum(d, h) + 1, n), dist.shape)
    hi = np.where(root, lo, np.minimum(np.maximum(d, h), n))
    return np.stack([direction, dist, lo, hi], axis=-1).astype(np.int16)  # small: the grids are cached


def _dense(sparse: list[int], size: int, scale: float) -> np.ndarray:
    """A weight vector from its stored form: index gaps and scaled values, interleaved."""
    out = np.zeros(size, dtype=np.float32)
    gaps = np.array(sparse[::2], dtype=np.int64)
    out[np.cumsum(gaps)] = np.array(sparse[1::2], dtype=np.float32) / scale
    return out


@cache
def _model() -> _Model:
    raw = resources.files("factdiff").joinpath("data", WEIGHTS_FILE).read_bytes()
    return _Model(json.loads(gzip.decompress(raw)))


def model_info() -> dict[str, Any]:
    """What the shipped weights say about themselves: credit, licence, training data, scores."""
    return dict(_model().info)


@functools.lru_cache(maxsize=64)
def heads_of(tokens: tuple[tuple[int, int, str, str], ...]) -> Heads:
    """The (lazy) heads of tagged tokens (start, end, word, UPOS); one object per sentence, so
    the heads a sentence's earlier quantities asked about are not computed again."""
    return Heads([t[2] for t in tokens], [t[3] for t in tokens])

"""Part-of-speech tags and noun phrases for short windows of text.

A greedy averaged-perceptron tagger (Collins 2002; the feature set follows Honnibal's "A good
part-of-speech tagger in about 200 lines of Python"), hand-written so that it needs nothing but the
standard library and runs at well over 100,000 tokens a second on one core. The extractors call it
only on short windows around numbers and quote cues, where rules alone cannot tell what a number
counts ("498 *people*", "1,140 *homes* damaged").

The weights (``factdiff/data/tagger_gum.json.gz``) are trained by ``scripts/train_tagger.py`` from
the GUM corpus (Zeldes 2017, https://gucorpling.org/gum/; annotations CC BY 4.0): see
``factdiff/data/GUM-LICENSE.txt``. The tags are Universal Dependencies UPOS tags; the Penn Treebank
XPOS tag comes with each one at no extra cost (:func:`tag_xpos`).

:func:`tokenize` splits text the way GUM is tokenized, which is what the tagger was trained on:
punctuation split off, "1,140" and "U.S." kept whole, "$86" as "$" + "86", "don't" as "do" + "n't",
hyphenated words split at the hyphen except after a few prefixes ("re-elected").

Everything returns character offsets into the caller's text, never copies of it.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "FORMAT",
    "context_features",
    "model_info",
    "noun_phrase_after",
    "noun_phrases",
    "tag",
    "tag_spans",
    "tag_xpos",
    "tokenize",
    "word_features",
]

#: The version of the weights file this module reads; the training script writes it.
FORMAT = "factdiff-tagger/1"
WEIGHTS_FILE = "tagger_gum.json.gz"

# Abbreviations GUM keeps as one token with their full stop (case as written). Initials ("J.") and
# dotted letter runs ("U.S.", "e.g.", "Ph.D.") are matched by pattern instead.
_ABBREVIATIONS = (
    "Mr Mrs Ms Mssrs Dr Prof Sr Jr St Mt Ft Gen Col Lt Sgt Capt Cmdr Adm Gov Sen Rep Rev Hon Pres Supt Insp "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun "
    "Inc Corp Co Ltd Llc Bros Dept No Nos Vol Fig Op Ed Eds "
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky Md Mass Mich Minn Miss Mo Mont Neb Nev "
    "Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo "
    "etc vs al approx ca cf esp div eds pp ed vol"
).split()
# Prefixes that GUM keeps attached to the rest of a hyphenated word; other hyphens are split off.
_HYPHEN_PREFIXES = "non pro anti re co cross semi post pre pan mini multi e mid inter".split()

_TOKEN = re.compile(
    r"""
      https?://[^\s<>"'”’]*[^\s<>"'”’.,;:!?)\]]              # URL
    | www\.[^\s<>"'”’]*[^\s<>"'”’.,;:!?)\]]                  # bare web address
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                            # e-mail address
    | (?<![\w.])(?:ABBR)\.(?![\w])                            # known abbreviation
    | (?<![\w.])(?:[^\W\d_]{1,2}\.){2,}(?![\w])               # U.S., e.g., Ph.D.
    | (?<![\w.])[A-Z]\.(?=\s+[A-Z])                           # an initial: J. Smith
    | (?<![\w.])(?i:can(?=not\b)|gon(?=na\b)|wan(?=na\b))     # cannot, gonna, wanna
    | [^\W_]+?(?=[nN]['’][tT](?!\w))                          # do|n't, ca|n't, wo|n't
    | [nN]['’][tT](?!\w)                                      # n't
    | (?<=\w)['’](?:[sSdDmM]|re|RE|ve|VE|ll|LL)(?!\w)         # 's 're 've 'll 'd 'm
    | (?<![\w.])\d+(?:[.,:/-]\d+)*(?:st|nd|rd|th|s)?(?![^\W_])  # 1,140  3.5  08:00  9/11  19th  1990s
    | (?<![\w.])\.\d+(?![^\W_])                               # .432
    | (?i:\b(?:PREFIXES)-)[^\W_]+                             # re-elected, non-profit
    | [^\W_]+(?:['’](?!(?:[sSdDmM]|re|RE|ve|VE|ll|LL)(?!\w))[^\W_]+)*  # a word, O'Brien
    | \.{2,}|-{2,}|\S                                         # ... -- and any other character
    """.replace("ABBR", "|".join(_ABBREVIATIONS)).replace("PREFIXES", "|".join(_HYPHEN_PREFIXES)),
    re.VERBOSE,
)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """The tokens of ``text[start:end]`` as (start, end, token) with offsets into ``text``."""
    end = len(text) if end is None else end
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


# --- features (shared with scripts/train_tagger.py, so training and tagging cannot drift apart) ---

_SHAPE_TABLE = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "X" * 26 + "x" * 26 + "d" * 10,
)


def word_shape(word: str) -> str:
    """Letters as X/x, digits as d, other characters kept, runs of more than four cut to four.

    "Portland" -> "Xxxxx", "1,140" -> "d,ddd", "2017" -> "dddd", "U.S." -> "X.X.".
    """
    if word.isascii():
        shape = word.translate(_SHAPE_TABLE)
    else:
        shape = "".join("d" if c.isdigit() else "X" if c.isupper() else "x" if c.isalpha() else c for c in word)
    return re.sub(r"(.)\1{4,}", r"\1\1\1\1", shape)


def word_features(word: str) -> list[str]:
    """Features of a token on its own: the same wherever it occurs, so their scores are cached."""
    lower = word.lower()
    shape = word_shape(word)
    features = [
        "b",
        "w " + word,
        "l " + lower,
        "s1 " + lower[-1:],
        "s2 " + lower[-2:],
        "s3 " + lower[-3:],
        "s4 " + lower[-4:],
        "p1 " + lower[:1],
        "p2 " + lower[:2],
        "p3 " + lower[:3],
        "sh " + shape,
        "ss " + re.sub(r"(.)\1+", r"\1", shape),
    ]
    if "-" in word and len(word) > 1:
        features.append("hy")
    return features


def context_features(
    lowers: list[str], suffixes: list[str], shapes: list[str], i: int, prev: str, prev2: str
) -> list[str]:
    """Features of token ``i`` in context. The lists are padded with two boundary entries at each end,
    so token ``i`` of the sentence sits at index ``i + 2``; ``prev`` and ``prev2`` are the labels just
    given to the two tokens before it."""
    j = i + 2
    lower = lowers[j]
    return [
        "t1 " + prev,
        "t2 " + prev2 + " " + prev,
        "t1w " + prev + " " + lower,
        "w-1 " + lowers[j - 1],
        "w-2 " + lowers[j - 2],
        "w+1 " + lowers[j + 1],
        "w+2 " + lowers[j + 2],
        "s-1 " + suffixes[j - 1],
        "s+1 " + suffixes[j + 1],
        "h-1 " + shapes[j - 1] + " " + shapes[j],
        "h+1 " + shapes[j] + " " + shapes[j + 1],
        "w-1w " + lowers[j - 1] + " " + lower,
        "ww+1 " + lower + " " + lowers[j + 1],
    ]


def padded_context(words: list[str]) -> tuple[list[str], list[str], list[str]]:
    """The lower-cased words, their last three letters and their coarse shapes, padded for
    :func:`context_features`."""
    lowers = ["<s2>", "<s>", *(w.lower() for w in words), "</s>", "</s2>"]
    suffixes = ["<s2>", "<s>", *(w[-3:] for w in lowers[2:-2]), "</s>", "</s2>"]
    shapes = ["<s2>", "<s>", *(_coarse_shape(w) for w in words), "</s>", "</s2>"]
    return lowers, suffixes, shapes


def _coarse_shape(word: str) -> str:
    """Capitalisation and digits only: "X" (Capitalised), "XX" (all capitals), "d" (has a digit),
    "x" (lower case), "p" (no letter or digit)."""
    if word[:1].isupper():
        return "XX" if word.isupper() and len(word) > 1 else "X"
    if any(c.isdigit() for c in word):
        return "d"
    if any(c.isalpha() for c in word):
        return "x"
    return "p"


# --- the model ---


class _Model:
    """The trained weights, arranged for fast scoring."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != FORMAT:
            raise ValueError(f"tagger weights have format {data.get('format')!r}, expected {FORMAT!r}")
        self.info: dict[str, Any] = {k: v for k, v in data.items() if k not in ("weights", "tagdict")}
        self.classes: list[str] = data["classes"]
        self.upos = [c.split(" ")[0] for c in self.classes]
        self.xpos = [c.split(" ")[-1] for c in self.classes]
        self.n = len(self.classes)
        # feature -> ((class, weight), ...); weights are integers (scaled), so scoring is exact
        self.weights: dict[str, tuple[tuple[int, int], ...]] = {
            f: tuple(zip(flat[::2], flat[1::2], strict=True)) for f, flat in data["weights"].items()
        }
        self.tagdict: dict[str, int] = data["tagdict"]
        self._intrinsic: dict[str, list[int]] = {}

    def intrinsic(self, word: str) -> list[int]:
        """Scores from the word's own features (cached: most words in a text recur)."""
        scores = self._intrinsic.get(word)
        if scores is None:
            scores = [0] * self.n
            weights = self.weights
            for feature in word_features(word):
                for c, w in weights.get(feature, ()):
                    scores[c] += w
            if len(self._intrinsic) > 200_000:  # bound the memory of a long run over many texts
                self._intrinsic.clear()
            self._intrinsic[word] = scores
        return scores

    def predict(self, words: list[str]) -> list[int]:
        """Class indices for ``words``, greedily left to right."""
        if not words:
            return []
        lowers, suffixes, shapes = padded_context(words)
        weights, tagdict, classes = self.weights, self.tagdict, self.classes
        out: list[int] = []
        prev, prev2 = "<s>", "<s2>"
        for i, word in enumerate(words):
            c = tagdict.get(word)
            if c is None:
                scores = self.intrinsic(word).copy()
                for feature in context_features(lowers, suffixes, shapes, i, prev, prev2):
                    for k, w in weights.get(feature, ()):
                        scores[k] += w
                c = scores.index(max(scores))
            out.append(c)
            prev2, prev = prev, classes[c]
        return out


@cache
def _model() -> _Model:
    """The shipped weights, read once per process on first use."""
    raw = resources.files("factdiff").joinpath("data", WEIGHTS_FILE).read_bytes()
    return _Model(json.loads(gzip.decompress(raw)))


def model_info() -> dict[str, Any]:
    """What the shipped weights say about themselves: credit, licence, training data, accuracy."""
    return dict(_model().info)


def tag(tokens: list[str]) -> list[str]:
    """UPOS tags for a list of tokens (as :func:`tokenize` splits them)."""
    model = _model()
    upos = model.upos
    return [upos[c] for c in model.predict(tokens)]


def tag_xpos(tokens: list[str]) -> list[tuple[str, str]]:
    """(UPOS, Penn Treebank XPOS) for each token: ("NUM", "CD"), ("NOUN", "NNS")."""
    model = _model()
    return [(model.upos[c], model.xpos[c]) for c in model.predict(tokens)]


def tag_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, token, UPOS) for every token of ``text[start:end]``, offsets into ``text``."""
    spans = tokenize(text, start, end)
    tags = tag([t for _, _, t in spans])
    return [(s, e, t, u) for (s, e, t), u in zip(spans, tags, strict=True)]


# --- noun phrases ---

#: Determiners and possessives that may open a noun phrase ("the", "his", "some").
_NP_OPENERS = frozenset(
    "a an the this that these those some any no each every all both another other such "
    "my your his her its our their whose".split()
)
_NP_BODY = frozenset({"ADJ", "NOUN", "PROPN", "NUM"})
_NP_HEADS = frozenset({"NOUN", "PROPN", "NUM"})
#: How far around a position :func:`noun_phrase_after` tags: enough left context for the tags of
#: the first words to be right, enough right context for a long noun phrase.
_LEFT_CONTEXT = 40
_RIGHT_CONTEXT = 160


def noun_phrases(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the simple noun phrases of ``text[start:end]``: an optional determiner or possessive,
    then adjectives, nouns, proper nouns and numbers, ending in a noun, proper noun or number.

    Hyphenated compounds written without spaces ("four-day operation") and possessive "'s" between
    nouns ("the agency's officers") stay inside one phrase. No clauses, no coordination: "criminal
    convictions and pending charges" is two phrases.
    """
    return [(s, e) for s, e, _ in _chunks(tag_spans(text, start, end))]


def noun_phrase_after(text: str, pos: int) -> tuple[int, int] | None:
    """The noun phrase that begins at the first token at or after ``pos``, or None when that token
    cannot begin one (a verb, a preposition, the end of the text).

    With ``pos`` just after "498" in "ICE arrested 498 people from 42 countries" this is the span of
    "people": what the number counts.
    """
    window_start = max(0, pos - _LEFT_CONTEXT)
    if window_start:  # start the window at a token boundary
        space = text.rfind(" ", window_start, pos)
        window_start = space + 1 if space >= 0 else pos
    window_end = min(len(text), pos + _RIGHT_CONTEXT)
    spans = tag_spans(text, window_start, window_end)
    first = next((k for k, (s, _, _, _) in enumerate(spans) if s >= pos), None)
    if first is None:
        return None
    for s, e, k in _chunks(spans[first:]):
        return (s, e) if k == 0 else None
    return None


def _chunks(spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, int]]:
    """(start, end, index of the first token) of each noun phrase in a tagged token list."""
    found: list[tuple[int, int, int]] = []
    i, n = 0, len(spans)
    while i < n:
        first = i
        if spans[i][2].lower() in _NP_OPENERS and spans[i][3] in ("DET", "PRON"):
            i += 1
        last_head = -1
        while i < n:
            upos = spans[i][3]
            if upos in _NP_BODY:
                if upos in _NP_HEADS:
                    last_head = i
                i += 1
            elif _joins(spans, i, first, last_head):
                i += 1
            else:
                break
        if last_head >= 0:
            found.append((spans[first][0], spans[last_head][1], first))
            i = last_head + 1
        else:
            i = max(i, first + 1)
    return found


def _joins(spans: list[tuple[int, int, str, str]], i: int, first: int, last_head: int) -> bool:
    """True when token ``i`` links two parts of one noun phrase: a hyphen inside a word ("four-day"),
    or a possessive between nominals ("the agency's officers")."""
    s, e, token, upos = spans[i]
    if i + 1 >= len(spans) or spans[i + 1][3] not in _NP_BODY:
        return False
    if token in ("-", "–"):
        return i > first and spans[i - 1][1] == s and spans[i + 1][0] == e
    return token in ("'s", "’s", "'", "’") and upos == "PART" and last_head == i - 1

"""Part-of-speech tags, noun phrases and (experimental) named entities for short windows of text.

A greedy averaged-perceptron tagger (Collins 2002; the feature set follows Honnibal's "A good
part-of-speech tagger in about 200 lines of Python"), hand-written in Python with numpy for the
sums, so it needs no model library and tags well over 100,000 tokens a second on one core. The
extractors call it only on short windows around numbers and quote cues, where rules alone cannot
tell what a number counts ("498 *people*", "1,140 *homes* damaged"): :func:`noun_phrase_after`
answers that in about 0.1 ms a call.

The weights (``factdiff/data/tagger_gum.json.gz``) are trained by ``scripts/train_tagger.py`` from
the GUM corpus (Zeldes 2017, https://gucorpling.org/gum/; annotations CC BY 4.0): see
``factdiff/data/GUM-LICENSE.txt``. The tags are Universal Dependencies UPOS tags (Penn Treebank
XPOS tags were tried as labels: no more accurate, and 40% slower). Held-out accuracy, measured on
12 GUM documents the tagger never saw: 94.9% of tokens (``model_info()["held_out_accuracy"]``).

:func:`tokenize` splits text the way GUM is tokenized, which is what the tagger was trained on:
punctuation split off, "1,140" and "U.S." kept whole, "$86" as "$" + "86", "don't" as "do" + "n't",
hyphenated words split at the hyphen except after a few prefixes ("re-elected").

Everything returns character offsets into the caller's text, never copies of it.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from collections.abc import Container
from functools import cache, lru_cache
from importlib import resources
from itertools import repeat
from operator import add
from typing import Any

import numpy as np

__all__ = [
    "ENTITY_TYPES",
    "FORMAT",
    "bio_spans",
    "context_features",
    "entities",
    "entity_features",
    "entity_labels",
    "model_info",
    "noun_phrase_after",
    "noun_phrases",
    "padded_context",
    "tag",
    "tag_features",
    "tag_spans",
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
    "etc vs al approx ca cf esp div eds pp ed vol c v"
).split()
# Prefixes that GUM keeps attached to the rest of a hyphenated word; other hyphens are split off.
_HYPHEN_PREFIXES = "non pro anti re co cross semi post pre mini multi e mid inter sub counter ex".split()

_TOKEN = re.compile(
    r"""
      https?://[^\s<>"'”’]*[^\s<>"'”’.,;:!?)\]]              # URL
    | www\.[^\s<>"'”’]*[^\s<>"'”’.,;:!?)\]]                  # bare web address
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                            # e-mail address
    | (?<![\w.@])[^\W_]+(?:[.-][^\W_]+)*\.(?:com|org|net|gov|edu|int|info|io)(?![\w.])  # bare domain
    | (?<![\w@#])[#@][^\W_]\w*                                 # hashtag, handle
    | (?m:^)\d{1,2}(?:\.\d{1,2})*\.(?=[ \t]+[A-Z])              # a numbered list item: "2. Methods"
    | (?<![\w.])(?:ABBR)\.(?![\w])                            # known abbreviation
    | (?<![\w.])(?:[^\W\d_]{1,2}\.){2,}(?![\w])               # U.S., e.g., Ph.D.
    | (?<![\w.])[A-Z]\.(?=\s+[A-Z])                           # an initial: J. Smith
    | (?<![\w.])(?i:can(?=not\b)|gon(?=na\b)|wan(?=na\b))     # cannot, gonna, wanna
    | [^\W_]+?(?=[nN]['’][tT](?!\w))                          # do|n't, ca|n't, wo|n't
    | [nN]['’][tT](?!\w)                                      # n't
    | (?<=\w)['’](?:[sSdDmM]|re|RE|ve|VE|ll|LL)(?!\w)         # 's 're 've 'll 'd 'm
    | (?<![\w.])\d+(?:,\d{3}(?!\d))*(?:[.:/-]\d+)*(?:st|nd|rd|th|s)?(?![^\W_])  # 1,140 3.5 08:00 9/11 19th 1990s
    | (?<![\w.])\.\d+(?![^\W_])                               # .432
    | (?i:\b(?:PREFIXES)-)[^\W_]+                             # re-elected, non-profit
    | [^\W_]+(?:['’](?!(?:[sSdDmM]|re|RE|ve|VE|ll|LL)(?!\w))[^\W_]+)*  # a word, O'Brien
    | \.{2,}|-{2,}|\S                                         # ... -- and any other character
    """.replace("ABBR", "|".join(_ABBREVIATIONS)).replace("PREFIXES", "|".join(_HYPHEN_PREFIXES)),
    re.VERBOSE,
)


_CHUNK = re.compile(r"\S+")
#: Letters-only words that GUM still splits ("can not", "gon na").
_SPLIT_WORDS = frozenset({"cannot", "gonna", "wanna"})


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """The tokens of ``text[start:end]`` as (start, end, token) with offsets into ``text``."""
    end = len(text) if end is None else end
    tokens: list[tuple[int, int, str]] = []
    match = _TOKEN.match
    for chunk in _CHUNK.finditer(text, start, end):
        word = chunk.group()
        pos, stop = chunk.span()
        if word.isalnum() and word.lower() not in _SPLIT_WORDS:  # most words: no pattern can split them
            tokens.append((pos, stop, word))
            continue
        while pos < stop:  # no token pattern crosses white space, so the tokens of a chunk stay in it
            found = match(text, pos, end)
            assert found is not None  # the last alternative matches any character that is not a space
            tokens.append((pos, found.end(), found.group()))
            pos = found.end()
    return tokens


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


def context_features(lowers: list[str], suffixes: list[str], shapes: list[str], i: int) -> list[str]:
    """Features of token ``i`` from the words around it. The lists are padded with two boundary
    entries at each end (:func:`padded_context`), so token ``i`` sits at index ``i + 2``."""
    j = i + 2
    lower = lowers[j]
    return [
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


def tag_features(prev: str, prev2: str, lower: str) -> list[str]:
    """Features from the tags just given to the two tokens before this one (the only features that
    must wait for the left-to-right pass)."""
    return ["t1 " + prev, "t2 " + prev2 + " " + prev, "t1w " + prev + " " + lower]


def entity_features(words: list[str], upos: list[str], i: int, known: Container[str]) -> list[str]:
    """Features of token ``i`` for the entity tagger: the part-of-speech tags around it, and whether a
    capitalised word is also a known word in lower case ("School", "Man": less likely a name).
    ``known`` holds the part-of-speech model's word features ("w school")."""
    before = upos[i - 1] if i else "<s>"
    after = upos[i + 1] if i + 1 < len(upos) else "</s>"
    here = upos[i]
    features = [
        "u " + here,
        "u-1 " + before,
        "u+1 " + after,
        "u-2 " + (upos[i - 2] if i > 1 else "<s>"),
        "u+2 " + (upos[i + 2] if i + 2 < len(upos) else "</s>"),
        "u-1u " + before + " " + here,
        "uu+1 " + here + " " + after,
    ]
    word = words[i]
    if word[:1].isupper() and "w " + word.lower() in known:
        features += ["lcw", "lcw " + here]
    return features


def padded_context(words: list[str]) -> tuple[list[str], list[str], list[str]]:
    """The lower-cased words, their last three letters and their coarse shapes, padded for
    :func:`context_features`."""
    lowers = ["<s2>", "<s>"]
    suffixes = ["<s2>", "<s>"]
    shapes = ["<s2>", "<s>"]
    for word in words:
        lower, suffix, shape = _word_context(word)
        lowers.append(lower)
        suffixes.append(suffix)
        shapes.append(shape)
    lowers += ("</s>", "</s2>")
    suffixes += ("</s>", "</s2>")
    shapes += ("</s>", "</s2>")
    return lowers, suffixes, shapes


@lru_cache(maxsize=1 << 16)
def _word_context(word: str) -> tuple[str, str, str]:
    lower = word.lower()
    return lower, lower[-3:], _coarse_shape(word)


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
    """The trained weights, arranged for fast scoring.

    The features that do not depend on earlier tags (most of them) are scored for the whole token
    list at once, as rows of an integer matrix summed with numpy. Of the previous-tag features, the
    two that depend on tags alone are summed in advance for every pair of previous tags, so the
    greedy pass adds one precomputed row and a rare word-and-tag weight per token.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != FORMAT:
            raise ValueError(f"tagger weights have format {data.get('format')!r}, expected {FORMAT!r}")
        self.info: dict[str, Any] = {k: v for k, v in data.items() if k not in ("weights", "tagdict", "entities")}
        self.classes: list[str] = data["classes"]
        self.n = n = len(self.classes)
        self.tagdict: dict[str, int] = data["tagdict"]
        tag_weights: dict[str, list[int]] = {}
        # row 0: the bias, present in every sum; row 1: zeros, for features the weights do not have
        self.index: dict[str, int] = {"b": 0}
        rows: list[list[int]] = [[0] * n, [0] * n]
        for feature, flat in data["weights"].items():
            row = [0] * n
            for c, w in zip(flat[::2], flat[1::2], strict=True):
                row[c] = w
            if feature.startswith(_TAG_FEATURE_PREFIXES):
                tag_weights[feature] = row
            elif feature == "b":
                rows[0] = row
            else:
                self.index[feature] = len(rows)
                rows.append(row)
        self.matrix = np.array(rows, dtype=np.int32)
        # previous tags as indices: the classes, then the two sentence-start markers
        names = [*self.classes, "<s>", "<s2>"]
        self.start, self.start2, self.m = n, n + 1, len(names)
        zero = [0] * n
        self.pairs: list[list[int]] = []
        for name2 in names:
            for name1 in names:
                t1, t2, _ = tag_features(name1, name2, "")
                self.pairs.append(list(map(add, tag_weights.get(t1, zero), tag_weights.get(t2, zero))))
        position = {name: k for k, name in enumerate(names)}
        self.tag_word: dict[tuple[int, str], tuple[tuple[int, int], ...]] = {}
        for feature, row in tag_weights.items():
            if not feature.startswith(_TAG_WORD_PREFIX):
                continue
            _, name1, lower = feature.split(" ", 2)
            if name1 in position:
                self.tag_word[position[name1], lower] = tuple((c, w) for c, w in enumerate(row) if w)
        self._word_rows: dict[str, list[int]] = {}

    def word_rows(self, word: str) -> list[int]:
        """Matrix rows of the word's own features (cached: most words in a text recur)."""
        found = self._word_rows.get(word)
        if found is None:
            index = self.index
            found = [k for k in map(index.get, word_features(word)) if k is not None]
            if len(self._word_rows) > 200_000:  # bound the memory of a long run over many texts
                self._word_rows.clear()
            self._word_rows[word] = found
        return found

    def predict(self, words: list[str], extra: list[list[str]] | None = None) -> list[int]:
        """Class indices for ``words``, greedily left to right; ``extra`` holds more features per token."""
        if not words:
            return []
        lowers, suffixes, shapes = padded_context(words)
        tagdict, index = self.tagdict, self.index
        rows: list[int] = []
        offsets: list[int] = []
        for i, word in enumerate(words):
            if word not in tagdict:
                offsets.append(len(rows))
                rows += self.word_rows(word)
                rows += map(index.get, context_features(lowers, suffixes, shapes, i), _ZERO_ROW)
                if extra is not None:
                    rows += map(index.get, extra[i], _ZERO_ROW)
        base = np.add.reduceat(self.matrix.take(rows, axis=0), offsets).tolist() if offsets else []
        pairs, tag_word, m = self.pairs, self.tag_word, self.m
        out: list[int] = []
        prev, prev2 = self.start, self.start2
        scored = 0
        for i, word in enumerate(words):
            c = tagdict.get(word)
            if c is None:
                scores = list(map(add, base[scored], pairs[prev2 * m + prev]))
                scored += 1
                for k, w in tag_word.get((prev, lowers[i + 2]), ()):
                    scores[k] += w
                c = scores.index(max(scores))
            out.append(c)
            prev2, prev = prev, c
        return out


_ZERO_ROW = repeat(1)
_TAG_FEATURE_PREFIXES = tuple(f.split(" ")[0] + " " for f in tag_features("", "", ""))
_TAG_WORD_PREFIX = _TAG_FEATURE_PREFIXES[2]


@cache
def _weights() -> dict[str, Any]:
    raw = resources.files("factdiff").joinpath("data", WEIGHTS_FILE).read_bytes()
    data: dict[str, Any] = json.loads(gzip.decompress(raw))
    return data


@cache
def _model() -> _Model:
    """The shipped part-of-speech weights, read once per process on first use."""
    return _Model(_weights())


@cache
def _entity_model() -> _Model:
    """The shipped entity weights (in the same file), read once per process on first use."""
    data = _weights()
    if "entities" not in data:
        raise ValueError("the shipped tagger weights have no entity model")
    return _Model({"format": data["format"], **data["entities"]})


def model_info() -> dict[str, Any]:
    """What the shipped weights say about themselves: credit, licence, training data, accuracy."""
    return dict(_model().info)


def tag(tokens: list[str]) -> list[str]:
    """UPOS tags for a list of tokens (as :func:`tokenize` splits them)."""
    model = _model()
    classes = model.classes
    return [classes[c] for c in model.predict(tokens)]


def tag_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, token, UPOS) for every token of ``text[start:end]``, offsets into ``text``."""
    return list(_tag_spans(text, start, end))


@functools.lru_cache(maxsize=512)
def _tag_spans(text: str, start: int, end: int | None) -> tuple[tuple[int, int, str, str], ...]:
    """Cached: a sentence with several quantities, names or cues is tagged once."""
    spans = tokenize(text, start, end)
    tags = tag([t for _, _, t in spans])
    return tuple((s, e, t, u) for (s, e, t), u in zip(spans, tags, strict=True))


#: The entity types the entity tagger knows, as GUM names them.
ENTITY_TYPES = ("person", "place", "organization")


def entities(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Named people, places and organizations in ``text[start:end]``: (start, end, type) with offsets
    into ``text`` and type one of :data:`ENTITY_TYPES`.

    A second perceptron over the same features plus the part-of-speech tags, trained on GUM's named
    mentions (those written with proper nouns: "Tom Homan", "the United States" without "the"), BIO-
    encoded. It finds names; it does not resolve them ("ICE" and "Immigration and Customs
    Enforcement" are two mentions).

    Experimental and weak: on GUM's held-out documents it finds 40% of the names with the right span
    and type, and a third of what it finds is wrong (F1 37; persons 46, places 28, organizations 25;
    ``model_info()["entities_held_out"]``). About 3,100 training names are too few to tell a person
    from a place by the name alone. Use it as a hint next to rules, not as a decision.
    """
    spans = tag_spans(text, start, end)
    if not spans:
        return []
    labels = entity_labels([s[2] for s in spans], [s[3] for s in spans])
    return [(spans[i][0], spans[j - 1][1], kind) for i, j, kind in bio_spans(labels)]


def entity_labels(words: list[str], upos: list[str]) -> list[str]:
    """BIO labels ("B-person", "I-person", "O", ...) for tokens and their UPOS tags."""
    model, known = _entity_model(), _model().index
    extra = [entity_features(words, upos, i, known) for i in range(len(words))]
    return [model.classes[c] for c in model.predict(words, extra)]


def bio_spans(labels: list[str]) -> list[tuple[int, int, str]]:
    """(first, after last, type) of each entity in a BIO label list; a stray "I-" opens an entity."""
    found: list[tuple[int, int, str]] = []
    first, kind = -1, ""
    for i, label in enumerate([*labels, "O"]):
        prefix, _, name = label.partition("-")
        if first >= 0 and (prefix != "I" or name != kind):
            found.append((first, i, kind))
            first = -1
        if prefix == "B" or (prefix == "I" and first < 0):
            first, kind = i, name
    return found


# --- noun phrases ---

#: Determiners and possessives that may open a noun phrase ("the", "his", "some").
_NP_OPENERS = frozenset(
    "a an the this that these those some any no each every all both another other such "
    "my your his her its our their whose".split()
)
_NP_BODY = frozenset({"ADJ", "NOUN", "PROPN", "NUM"})
_NP_HEADS = frozenset({"NOUN", "PROPN", "NUM"})
#: How much :func:`noun_phrase_after` tags around a position. The tags of the first words depend on
#: the two tags before them and the features look two words either way, so three tokens of left
#: context are enough; eight tokens to the right hold a simple noun phrase. The character windows
#: only bound the tokenizing and are generous for those token counts.
_LEFT_TOKENS = 3
_RIGHT_TOKENS = 8
_LEFT_CHARS = 24
_RIGHT_CHARS = 64


def noun_phrases(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the simple noun phrases of ``text[start:end]``: an optional determiner or possessive,
    then adjectives, nouns, proper nouns and numbers, ending in a noun, proper noun or number.

    Hyphenated compounds written without spaces ("four-day operation"), possessive "'s" between
    nouns ("the agency's officers") and capitalised words before a proper noun ("the United
    States", where GUM tags "United" as a verb) stay inside one phrase. No clauses, no coordination: "criminal
    convictions and pending charges" is two phrases.
    """
    return [(s, e) for s, e, _ in _chunks(tag_spans(text, start, end))]


def noun_phrase_after(text: str, pos: int) -> tuple[int, int] | None:
    """The noun phrase that begins at the first token at or after ``pos``, or None when that token
    cannot begin one (a verb, a preposition, the end of the text).

    With ``pos`` just after "498" in "ICE arrested 498 people from 42 countries" this is the span of
    "people": what the number counts.
    """
    window_start = max(0, pos - _LEFT_CHARS)
    if window_start:  # start the window at a token boundary
        space = text.rfind(" ", window_start, pos)
        window_start = space + 1 if space >= 0 else pos
    tokens = tokenize(text, window_start, min(len(text), pos + _RIGHT_CHARS))
    first = next((k for k, (s, _, _) in enumerate(tokens) if s >= pos), None)
    if first is None:
        return None
    tokens = tokens[max(0, first - _LEFT_TOKENS) : first + _RIGHT_TOKENS]
    tags = tag([t for _, _, t in tokens])
    spans = [(s, e, t, u) for (s, e, t), u in zip(tokens, tags, strict=True) if s >= pos]
    for s, e, k in _chunks(spans):
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
            elif _joins(spans, i, first, last_head) or _inside_name(spans, i):
                i += 1
            else:
                break
        if last_head >= 0:
            found.append((spans[first][0], spans[last_head][1], first))
            i = last_head + 1
        else:
            i = max(i, first + 1)
    return found


def _inside_name(spans: list[tuple[int, int, str, str]], i: int) -> bool:
    """True for a capitalised word that GUM tags by its word class inside a name: "United" (VERB) in
    "the United States", "Associated" in "the Associated Press"."""
    return i + 1 < len(spans) and spans[i + 1][3] == "PROPN" and spans[i][2][:1].isupper() and spans[i][2].isalpha()


def _joins(spans: list[tuple[int, int, str, str]], i: int, first: int, last_head: int) -> bool:
    """True when token ``i`` links two parts of one noun phrase: a hyphen inside a word ("four-day"),
    an ampersand or slash inside a name written without spaces ("S&P", "ASX/S&P"), or a possessive
    between nominals ("the agency's officers")."""
    s, e, token, upos = spans[i]
    if i + 1 >= len(spans) or spans[i + 1][3] not in _NP_BODY:
        return False
    if token in ("-", "–"):
        return i > first and spans[i - 1][1] == s and spans[i + 1][0] == e
    if token in ("&", "/"):
        return (
            i > first
            and spans[i - 1][1] == s
            and spans[i + 1][0] == e
            and spans[i - 1][2][:1].isupper()
            and spans[i + 1][2][:1].isupper()
        )
    return token in ("'s", "’s", "'", "’") and upos == "PART" and last_head == i - 1

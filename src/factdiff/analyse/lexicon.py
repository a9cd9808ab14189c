"""Whether a capitalised word is a common English word, capitalised only because it opens a sentence.

"Floodwater reached 40 homes" and "Dunmore reached 40 homes" open alike; only the first word differs.
Two general signals tell them apart, with no list of words seen in texts:

- the word, lower-cased or without a plural or comparative ending, is a one-word lemma that Open
  English WordNet writes in lower case (``data/common_words.txt.gz``, built by
  ``scripts/build_common_words.py``; credit in ``data/OEWN-LICENSE.txt``). A word that stands alone
  before lower-case words ("Closer to the river, ...", "Residents said") is then a common word;
- a run of capitalised words is a name ("New York", "Salt Lake City") unless every word of it is a
  common word and the part-of-speech tagger (:mod:`.tagger`, trained on GUM) reads none of them as a
  proper noun. The tagger alone is not enough: it calls most unknown capitalised words proper
  nouns, and at the start of a line it reads some names as nouns ("Denver: 63").

A town named by a single common word that opens a sentence ("Reading recorded 40 cases") is taken
for the common word: the price of reading capitals without a gazetteer.
"""

from __future__ import annotations

import functools
import gzip
import re
from importlib import resources

from factdiff.analyse.tagger import tag_spans

WORDS_FILE = "common_words.txt.gz"
_NAME_TAGS = frozenset({"PROPN"})
# Endings a common word may carry in running text: plurals, comparatives, past and -ing forms.
_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""), ("er", ""), ("r", ""), ("est", ""), ("ed", ""), ("d", ""), ("ing", ""))


@functools.cache
def _words() -> frozenset[str]:
    data = resources.files("factdiff").joinpath("data", WORDS_FILE).read_bytes()
    return frozenset(gzip.decompress(data).decode("utf-8").split())


def is_common_word(word: str) -> bool:
    """True when ``word`` (any case) is an English word WordNet writes in lower case, itself or
    without a regular ending ("Residents", "Closer"). Compounds WordNet lacks ("Floodwater") are
    not split: too many place names are built that way ("Dunmore", "Westmarch")."""
    return _known(word.lower())


def _known(lower: str) -> bool:
    words = _words()
    if lower in words:
        return True
    return any(lower.endswith(end) and lower[: len(lower) - len(end)] + add in words for end, add in _ENDINGS)


def opens_with_common_word(text: str, start: int, end: int) -> bool:
    """True when the capitalised word at ``text[start:]`` that opens a sentence is a common word there.

    Standing alone before lower-case words or punctuation, it is one when :func:`is_common_word` says
    so ("Closer to the river", "Residents said"). Followed by more capitalised words it starts a name
    ("New York", "Salt Lake City") unless every word of the run is a common word and the tagger reads
    none of them as a proper noun ("Flood Damage Totals"). ``end`` bounds the context read.
    """
    run = _CAPITALISED_RUN.match(text, start, min(end, start + 80))
    if run is None:
        return False
    words = run.group().split()
    if not all(is_common_word(word) for word in words):
        return False
    if len(words) == 1:
        return True
    # Only a run of common words asks the tagger (and loads it): "Flood Damage" against "New Haven".
    tokens = tag_spans(text, start, run.end())
    return all(upos not in _NAME_TAGS for _, _, _, upos in tokens)


_CAPITALISED_RUN = re.compile(r"[A-Z][A-Za-z'’-]*(?:[ \t]+[A-Z][A-Za-z'’-]*)*")

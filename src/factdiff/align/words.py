"""The lexical layer: stop words, lemmas, content words and the counted nouns of a sentence.

Everything above compares words through :func:`lemma` and :func:`concept_tokens`, and counted
nouns through the Open English WordNet lexicon (:mod:`factdiff.lexicon`): :func:`same_noun` and
:func:`covered` say when two nouns count one kind of thing, :func:`_people` when a noun names
people. The closed word classes (determiners, prepositions, auxiliaries) used by the fact and
label readers live here too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from factdiff import lexicon

#: Words that carry no content for concept and context comparison.
STOPWORDS = frozenset(
    """
    a an the of in on at to for from by with and or but as is are was were be been being has have had
    that this these those it its their there they them he she his her we our you your i me my
    who whom which what when where while than then so such not no nor into onto over under about
    after before during since until up down out off also more most less least some any all each
    other another both either neither one ones said says say according told per just only very
    will would could should may might can do does did there's it's s
    """.split()
)


#: Two spellings of one unit word ("5 per cent"): not a synonym, the same word written apart.
_SPELLINGS = {"per": "percent", "cent": "percent"}


_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


#: Counted nouns too general to tell two facts apart ("498 people", "86 cases").
GENERIC_CONCEPTS = frozenset("person one case count total number figure incident those time".split())


_PERSON = "person"


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The lexicon's base form of ``word``, lower case: inflections undone against Open English
    WordNet (countries -> country, arrested -> arrest, people -> person); a word the lexicon does
    not know comes back lower-cased."""
    acronym = 2 <= len(word) <= 5 and word.isupper()  # "DUI", "ICE": not an inflected word
    word = word.lower().strip("'’-")
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if word in _SPELLINGS:
        return _SPELLINGS[word]
    return word if acronym else lexicon.lemma(word)


def content_words(text: str | None) -> list[str]:
    """Lemmas of the content words of ``text`` (no stop words, no numbers)."""
    if not text:
        return []
    return list(_content_words(text))


#: A compass direction written in two words or with a hyphen ("south west", "north-east"): one word.
_COMPASS = re.compile(r"\b(north|south)[\s-]+(east|west)(ern|erly|ward)?\b", re.IGNORECASE)


@lru_cache(maxsize=16384)
def _content_words(text: str) -> tuple[str, ...]:
    text = _COMPASS.sub(lambda m: "".join(g for g in m.groups() if g), text) if "th" in text else text
    return tuple(lemma(w) for w in _WORD.findall(text) if w.lower() not in STOPWORDS and len(w) > 1)


def concept_tokens(text: str | None) -> frozenset[str]:
    return frozenset(content_words(text))


_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


#: Lexicon relations under which two counted nouns count one kind of thing: one word, or a
#: derivation (injuries / injured).
SAME_NOUN = frozenset({"same", "derived"})
#: Hypernym links within which one noun is a near kind of another and counts the same things
#: ("houses" / "homes", "positions" / "jobs"); further up the counts are other sets: 148 of 212
#: "structures" destroyed were "homes".
NEAR_KIND_STEPS = 1


@lru_cache(maxsize=262144)
def same_noun(a: str, b: str) -> bool:
    """Whether two lemmas name one kind of counted thing, by the lexicon: one word, a derivation,
    or a near kind (:data:`NEAR_KIND_STEPS`)."""
    if a == b:
        return True
    relation = lexicon.relation(a, b)
    if relation in SAME_NOUN:
        return True
    if relation == "hyponym":
        return lexicon.is_kind_of(a, b, NEAR_KIND_STEPS)
    if relation == "hypernym":
        return lexicon.is_kind_of(b, a, NEAR_KIND_STEPS)
    return False


@lru_cache(maxsize=262144)
def same_form(a: str, b: str) -> bool:
    """One word in two forms: the same lemma or a derivation ("injuries" / "injured"), no synonym.
    Among all the words of a sentence a synonym by some sense is too easy to find ("operation" is
    a sense of "business")."""
    return a == b or lexicon.relation(a, b) == "derived"


def covered(words: frozenset[str], pool: frozenset[str], *, strict: bool = False) -> bool:
    """Whether every word of ``words`` names what a word of ``pool`` names: the lexical ``<=``.
    ``strict``: only by another form of the word (:func:`same_form`), for a pool that is all the
    words around a number rather than a counted noun."""
    related = same_form if strict else same_noun
    return all(w in pool or any(related(w, p) for p in pool) for w in words)


def shared(a: frozenset[str], b: frozenset[str]) -> frozenset[str]:
    """The words of ``a`` that name what a word of ``b`` names: the lexical ``&``."""
    return frozenset(w for w in a if w in b or any(same_noun(w, p) for p in b))


#: Noun classes of what people do or undergo: counted, such things count the people involved.
_HAPPENINGS = frozenset({"act", "event", "state"})
#: Noun classes of concrete things, places, groups, sums and messages: never a count of people.
_THINGS = frozenset(
    {"artifact", "location", "object", "group", "possession", "quantity", "communication", "substance", "food"}
)


@lru_cache(maxsize=65536)
def _person_word(word: str) -> bool:
    """A person noun ("residents", "Americans", "pirates"). A body of people is one only where
    a number counts its members (:func:`counts_members`)."""
    return word == _PERSON or lexicon.is_person_noun(word)


@lru_cache(maxsize=65536)
def counts_members(written: str) -> bool:
    """Whether a word as written after a number counts the members of a body of people: a group
    noun left in the singular ("26 crew", "300 staff"), where the plural counts the bodies
    ("498 households", "42 businesses"). Not a country or county, which are places too."""
    word = written.lower()
    if lexicon.lemma(word) != word or lexicon.primary_class(word) != "group":
        return False
    return "location" not in lexicon.noun_classes(word) and lexicon.relation(word, "social group") == "hyponym"


@lru_cache(maxsize=65536)
def _kind_of_word(word: str) -> str:
    """'thing' for a noun whose most frequent sense is a concrete thing, place, group, sum or
    message; 'happening' for one that is something done or undergone (an act, event or state)
    in any sense; '' otherwise (and for words the lexicon does not know as nouns)."""
    first = lexicon.primary_class(word) if lexicon.lemma(word) == word else None
    if first is None:
        return ""  # unknown, or another word's form ("dui", an acronym, is not a form of "duo")
    if first in _THINGS:
        return "thing"
    return "happening" if _HAPPENINGS & lexicon.noun_classes(word) else ""


def _people(concept: frozenset[str]) -> bool:
    """Whether a counted noun names people: a person noun or a body of people."""
    return any(_person_word(w) for w in concept)


def _of_people(concept: frozenset[str]) -> bool:
    """Whether a counted noun names people or only what happened to them: a person noun, or an
    act, event or state with no thing beside it ("arrests", "deaths", "convictions"; not
    "buildings damaged", whose count is of buildings)."""
    if _people(concept):
        return True
    kinds = {_kind_of_word(w) for w in concept}
    return "happening" in kinds and "thing" not in kinds


_DETERMINERS = frozenset("a an the this that these those its their his her our your my some any each every all".split())


_PREPOSITIONS = frozenset(
    "of in on at to for from by with into onto over under about after before during since until against among "
    "between through across around near than via per as like within without toward towards worth plus minus "
    "including behind beyond above below inside outside despite amid along ahead".split()
)


_AUXILIARIES = frozenset(
    "is are was were be been being am has have had do does did will would shall should can could may might must "
    "to not".split()
)


_CLOSED = (
    _DETERMINERS
    | _PREPOSITIONS
    | _AUXILIARIES
    | frozenset(
        "and or but nor so yet if then that which who whom whose what when where while because although though "
        "it they them he she we you i us him there here also only just even still more most less least fewer "
        "nearly almost about around roughly some up down out off said says say last past next previous recent "
        "first".split()
    )
)


#: Verbs that report or change a figure, in the forms news writes them without "-ed".
_IRREGULAR_VERBS = frozenset(
    "rose fell grew stood reached topped totaled totalled came went made took got saw paid spent left lost won "
    "kept brought gave sold struck found told rises grows stands reaches tops totals comes goes makes takes gets "
    "sees spends loses keeps brings gives sells finds tells".split()
)

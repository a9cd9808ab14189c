"""The lexical layer: stop words, lemmas, content words and the counted nouns of a sentence.

Everything above compares words through :func:`lemma` and :func:`concept_tokens`, so that
"detained" meets "arrested" and "homes" meets "home". The closed word classes (determiners,
prepositions, auxiliaries) used by the fact and label readers live here too.
"""

from __future__ import annotations

import re
from functools import lru_cache

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


#: Synonyms of counted nouns and verbs, reduced to one lemma, so "detained" meets "arrested".
SYNONYMS: dict[str, str] = {
    "detained": "arrest",
    "detain": "arrest",
    "detention": "arrest",
    "custody": "arrest",
    "apprehended": "arrest",
    "apprehend": "arrest",
    "picked": "arrest",
    "rounded": "arrest",
    "arrested": "arrest",
    "arrests": "arrest",
    "arresting": "arrest",
    "persons": "person",
    "people": "person",
    "individuals": "person",
    "individual": "person",
    "immigrants": "person",
    "immigrant": "person",
    "aliens": "person",
    "alien": "person",
    "residents": "person",
    "resident": "person",
    "nations": "country",
    "nation": "country",
    "countries": "country",
    "positions": "job",
    "position": "job",
    "jobs": "job",
    "workers": "job",
    "worker": "job",
    "employees": "job",
    "employee": "job",
    "posts": "job",
    "roles": "job",
    "killed": "death",
    "dead": "death",
    "died": "death",
    "deaths": "death",
    "fatalities": "death",
    "lives": "death",
    "houses": "home",
    "homes": "home",
    "residences": "home",
    "dwellings": "home",
    "structures": "building",
    "buildings": "building",
    "profits": "profit",
    "earnings": "profit",
    "income": "profit",
    "revenues": "revenue",
    "sales": "revenue",
    "turnover": "revenue",
    "injured": "injury",
    "wounded": "injury",
    "injuries": "injury",
    "hurt": "injury",
    "staff": "job",
    "cuts": "job",  # "the remaining 500 cuts" of a workforce: the positions cut
    "layoffs": "job",
    "layoff": "job",
    "redundancies": "job",
    "pupils": "student",
    "students": "student",
    "children": "child",
    "kids": "child",
    # A target by any name ("its 2 percent goal", "its 2 percent target").
    "goal": "target",
    "goals": "target",
    "targets": "target",
    "objective": "target",
    "objectives": "target",
    "aim": "target",
    # What is paid ("a fee of", "the price", "the sum").
    "fees": "fee",
    "price": "fee",
    "prices": "fee",
    "sum": "fee",
    "sums": "fee",
    "percent": "percent",
    "per": "percent",
    "cent": "percent",
}


_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


#: Counted nouns too general to tell two facts apart ("498 people", "86 cases").
GENERIC_CONCEPTS = frozenset("person one case count total number figure incident those time".split())


_PERSON = "person"


#: Counted nouns that are people, or things only people have, so "people" may stand for them.
PERSON_NOUNS = frozenset(
    "arrest death job member fugitive victim worker student patient voter child adult family case conviction "
    "employee officer soldier passenger injury injured evacuat deport alien immigrant resident homeowner "
    "migrant refugee prisoner inmate suspect affiliate pirat hostage crew sailor tourist fan national citizen "
    "official agent".split()
)


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """A crude lemma: lower case, synonyms folded, regular plurals and past tenses cut."""
    word = word.lower().strip("'’-")
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if word in SYNONYMS:
        return SYNONYMS[word]
    for suffix, keep in (
        ("ies", "y"),
        ("sses", "ss"),
        ("ions", ""),
        ("ion", ""),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ing", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            stem = word[: len(word) - len(suffix)] + keep
            return SYNONYMS.get(stem, stem)
    return word


def content_words(text: str | None) -> list[str]:
    """Lemmas of the content words of ``text`` (no stop words, no numbers)."""
    if not text:
        return []
    return list(_content_words(text))


@lru_cache(maxsize=16384)
def _content_words(text: str) -> tuple[str, ...]:
    return tuple(lemma(w) for w in _WORD.findall(text) if w.lower() not in STOPWORDS and len(w) > 1)


def concept_tokens(text: str | None) -> frozenset[str]:
    return frozenset(content_words(text))


_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ee", "ese", "at")


def _people(concept: frozenset[str]) -> bool:
    """Whether a counted noun names people: "person", a known people noun, or an agent noun."""
    return any(w == _PERSON or w in PERSON_NOUNS or (len(w) > 4 and w.endswith(_AGENT_SUFFIXES)) for w in concept)


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

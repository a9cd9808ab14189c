"""Person names: one canonical form per person, so reports that write "Tom Homan", "Thomas Homan",
"Homan" and "Mr. Homan" line up as one speaker.

Rules rather than a model: a name as reports write it is honorifics + given names + surname +
suffix, and the only knowledge needed is which given names are the same name (Tom/Thomas), a
closed table in ``data/people_nicknames.txt``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

__all__ = ["canonical_name", "gender_of", "given_name_key", "given_names", "name_parts", "same_person", "surname"]

#: Words before a name that are not part of it (lower-cased, without the dot).
HONORIFICS = frozenset(
    """
    mr mrs ms miss mx dr prof sir dame lord lady madam madame rev fr father sister brother
    gov sen rep rev hon pres gen col lt sgt capt cmdr adm maj cpl pvt supt insp det
    governor senator representative congressman congresswoman president judge justice mayor
    """.split()
)
#: Words after a surname that are not the surname.
SUFFIXES = frozenset("jr sr ii iii iv v phd md esq".split())
#: Lower-case particles that belong to a surname ("Ludwig van Beethoven", "Charles de Gaulle").
PARTICLES = frozenset("van von der den de del della di da du la le bin ibn al el st".split())

_WORD = re.compile(r"[^\W\d_][\w'’\-.]*", re.UNICODE)


@cache
def _nicknames() -> dict[str, frozenset[str]]:
    """Given name (lower-case) -> the formal names it is a form of, from the shipped table."""
    table: dict[str, set[str]] = {}
    text = resources.files("factdiff").joinpath("data/people_nicknames.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        formal, _, forms = line.partition(":")
        formal = formal.strip().lower()
        table.setdefault(formal, set()).add(formal)
        for form in forms.split(","):
            form = form.strip().lower()
            if form:
                table.setdefault(form, set()).add(formal)
    return {form: frozenset(formals) for form, formals in table.items()}


@lru_cache(maxsize=8192)
def _fold(word: str) -> str:
    """Lower-case without accents or dots: "José" and "Jose", "J." and "J" compare equal."""
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.lower().replace(".", "").replace("’", "'")


def name_parts(name: str) -> tuple[list[str], str]:
    """(given names, surname) of a name as written, honorifics and suffixes dropped.

    "Mr. Homan" -> ([], "Homan"); "Thomas D. Homan Jr." -> (["Thomas", "D."], "Homan");
    "Charles de Gaulle" -> (["Charles"], "de Gaulle").
    """
    given, last = _name_parts(name)
    return list(given), last


@lru_cache(maxsize=8192)
def _name_parts(name: str) -> tuple[tuple[str, ...], str]:
    words = _WORD.findall(name.replace("’s", "").replace("'s ", " "))
    while words and _fold(words[0]) in HONORIFICS and len(words) > 1:
        words.pop(0)
    while len(words) > 1 and _fold(words[-1]) in SUFFIXES:
        words.pop()
    if not words:
        return (), ""
    last = len(words) - 1
    first_of_surname = last
    while first_of_surname > 1 and _fold(words[first_of_surname - 1]) in PARTICLES:
        first_of_surname -= 1
    return tuple(words[:first_of_surname]), " ".join(words[first_of_surname:])


def surname(name: str) -> str:
    """The surname as written ("Homan" for "ICE's Tom Homan Jr.")."""
    return name_parts(name)[1]


def given_name_key(given: str) -> str:
    """The formal form of a given name, folded: "Tom" -> "thomas", "Bill" -> "william".

    A form of several names ("Pat": Patricia, Patrick) gives the first in alphabetical order.
    """
    folded = _fold(given)
    return min(_nicknames().get(folded, (folded,)))


def canonical_name(name: str, known: list[str] | tuple[str, ...] = ()) -> str:
    """The canonical written form of ``name``.

    With ``known`` full names (the people of the article or the story), a short or variant
    reference resolves to the fullest known name of the same person: "Homan" and "Mr. Homan"
    -> "Tom Homan". Without a match, the name itself, honorifics and suffixes removed.
    """
    return _canonical_name(name, tuple(known))


@lru_cache(maxsize=8192)
def _canonical_name(name: str, known: tuple[str, ...]) -> str:
    given, last = _name_parts(name)
    own = " ".join([*given, last]).strip()
    best, best_size = "", 0
    for candidate in known:
        size = len(_WORD.findall(candidate))
        if size > best_size and same_person(name, candidate):
            best, best_size = candidate, size
    if best:
        best_given, best_last = _name_parts(best)
        if len(best_given) >= len(given):
            return " ".join(w for w in (*best_given, best_last) if w)
    return own


@lru_cache(maxsize=16384)
def same_person(a: str, b: str) -> bool:
    """True when two names as written can be one person.

    Surnames must agree (accents and case aside). Given names then must not conflict: a missing
    given name ("Homan", "Mr. Homan") agrees with any; "Tom" and "Thomas" agree through the
    nickname table; an initial agrees with any name it starts ("T. Homan").
    """
    given_a, last_a = _name_parts(a)
    given_b, last_b = _name_parts(b)
    if not last_a or not last_b or _fold(last_a) != _fold(last_b):
        return False
    if not given_a or not given_b:
        return True
    return _given_agree(given_a[0], given_b[0])


def _given_agree(a: str, b: str) -> bool:
    fa, fb = _fold(a), _fold(b)
    if fa == fb:
        return True
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    table = _nicknames()
    return bool(table.get(fa, frozenset((fa,))) & table.get(fb, frozenset((fb,))))


@cache
def _genders() -> dict[str, str]:
    table: dict[str, str] = {}
    text = resources.files("factdiff").joinpath("data/people_given_names.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        gender, _, names = line.partition(":")
        for name in names.split():
            table[name] = gender.strip()
    return table


def given_names() -> frozenset[str]:
    """The common given names the package knows (lower-case), with the short forms of the nickname table."""
    return frozenset(_genders()) | frozenset(_nicknames())


_FEMALE_HONORIFICS = frozenset({"mrs", "ms", "miss", "madam", "madame", "dame", "lady", "sister"})
_MALE_HONORIFICS = frozenset({"mr", "sir", "lord", "father", "brother"})


def gender_of(name: str) -> str | None:
    """ "female", "male" or None (unknown): from an honorific ("Mrs. Clinton") or a common given name."""
    words = _WORD.findall(name)
    if words:
        first = _fold(words[0])
        if first in _FEMALE_HONORIFICS:
            return "female"
        if first in _MALE_HONORIFICS:
            return "male"
    given = name_parts(name)[0]
    return _genders().get(_fold(given[0])) if given else None

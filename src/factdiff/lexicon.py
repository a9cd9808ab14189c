"""Lexical knowledge from Open English WordNet: lemmas, noun classes and how two counted nouns relate.

The table ``factdiff/data/lexicon_oewn.txt.gz`` is derived from Open English WordNet (OEWN) by
``scripts/build_lexicon.py`` (see ``docs/lexicon.md``; credits in ``data/OEWN-LICENSE.txt``). It is
read once per process, on the first call, and every public function is a pure, cached look-up, safe
to call from several threads.

What the aligner asks, and the answers:

* :func:`lemma` -- the base form: OEWN's irregular forms (children -> child), then regular English
  inflection checked against the lexicon (countries -> country, arrested -> arrest). A word the
  lexicon cannot confirm comes back lower-cased and otherwise untouched.
* :func:`noun_classes` / :func:`ranked_classes` / :func:`primary_class` -- the lexicographer
  classes of a noun's senses (``person``, ``location``, ``time``, ``act``, ...).
* :func:`relation` / :func:`similarity` -- whether two counted nouns ("arrests", "detained",
  "U.S. customers") count the same kind of thing; the rules are in :func:`relation`.
* :func:`is_person_noun`, :func:`is_time_unit`, :func:`is_unit`, :func:`is_place_name` (place
  names come from GeoNames, :mod:`factdiff.gazetteer`: the OEWN source has almost no proper nouns).
* :func:`synonyms`, :func:`derived`, :func:`pertainyms` -- the lemmas OEWN links to a word.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
import time
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from factdiff import gazetteer

TABLE_FILE = "lexicon_oewn.txt.gz"
TABLE_PATH = Path(__file__).resolve().parent / "data" / TABLE_FILE
FORMAT = 3
_SEPARATOR = "\x1d"

#: Relations :func:`relation` returns, from the closest to the farthest.
RELATIONS = ("same", "derived", "hyponym", "hypernym", "kin", "different")

#: The matching feature each relation gives (:func:`similarity`).
SIMILARITY = {"same": 1.0, "derived": 0.9, "hyponym": 0.7, "hypernym": 0.7, "kin": 0.5, "different": 0.0}

#: How many of a word's senses, most frequent first, take part in matching. Rare senses make
#: everything related to everything ("position" has 17 noun senses, one of them "spot").
MATCH_SENSES = 3

#: How many hypernym steps one counted noun may be below another and still be its hyponym
#: (immigrant -> migrant -> traveler -> person is three).
HYPONYM_STEPS = 4

#: English plurals whose singular is another word and which OEWN does not list as a form.
_SUPPLETIVE = {"people": "person"}

#: Regular noun plural endings: (ending, replacement), tried in order.
_NOUN_RULES = (
    ("men", "man"),  # women, firemen: OEWN lists "men" as a form of "man" but not every compound
    ("ies", "y"),
    ("ves", "f"),
    ("ves", "fe"),
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("oes", "o"),
    ("s", ""),
)
#: Regular verb endings: (ending, replacement), tried in order; doubled consonants are undone apart.
_VERB_RULES = (
    ("ied", "y"),
    ("ies", "y"),
    ("ying", "ie"),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("es", ""),
    ("es", "e"),
    ("s", ""),
)

_POSSESSIVE = re.compile(r"['’]s?$")
_PARENTHESIS = re.compile(r"\([^)]*\)")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Table:
    """The loaded table: sorted lemmas and their lines, decoded one at a time when looked up."""

    commit: str
    stamp: str
    classes: tuple[str, ...]
    word_list: list[str]  # sorted, so a word is found by bisection (no index to build on load)
    entries: list[str]
    synsets: list[str]
    forms: dict[str, str]  # irregular form -> tab-separated lemmas, each prefixed by its part of speech
    load_seconds: float

    def word_id(self, word: str) -> int | None:
        """The position of ``word`` in :attr:`word_list`, or None when it is not a lemma."""
        i = bisect_left(self.word_list, word)
        return i if i < len(self.word_list) and self.word_list[i] == word else None


_LOCK = threading.Lock()
_TABLE: Table | None = None


def table() -> Table:
    """The lexical table, read from the package on the first call and kept for the process."""
    global _TABLE
    if _TABLE is None:
        with _LOCK:
            if _TABLE is None:
                _TABLE = read_table(TABLE_PATH)
    return _TABLE


def read_table(path: Path) -> Table:
    """Read a table written by ``scripts/build_lexicon.py``; a bad file raises one clear RuntimeError."""
    started = time.perf_counter()
    try:
        header_text, words, entries, synsets, forms = (
            gzip.decompress(path.read_bytes()).decode("utf-8").split(_SEPARATOR)
        )
        header = json.loads(header_text)
    except (OSError, ValueError, EOFError) as exc:
        raise RuntimeError(
            f"{path}: not a readable lexicon table ({exc}); rebuild it with scripts/build_lexicon.py"
        ) from exc
    if header.get("format") != FORMAT:
        raise RuntimeError(f"{path}: table format {header.get('format')!r}, this factdiff reads {FORMAT}")
    word_list = words.split("\n")
    entry_list = entries.split("\n")
    if len(entry_list) != len(word_list):
        raise RuntimeError(f"{path}: {len(word_list)} lemmas but {len(entry_list)} entries")
    return Table(
        commit=header["commit"],
        stamp=header["stamp"],
        classes=tuple(header["classes"]),
        word_list=word_list,
        entries=entry_list,
        synsets=synsets.split("\n"),
        forms=dict(line.split("\t", 1) for line in forms.split("\n") if line),
        load_seconds=time.perf_counter() - started,
    )


# --- decoding one word or synset ---------------------------------------------------------------


def _ints(field: str) -> tuple[int, ...]:
    return tuple(map(int, field.split())) if field else ()


@dataclass(frozen=True)
class Entry:
    """One lemma's line: its synsets (most frequent first) and the lemmas linked to it."""

    nouns: tuple[int, ...]  # senses of the lower-case lemma, then those of a capitalised one
    verbs: tuple[int, ...]
    derived: tuple[int, ...]  # word ids
    pertainyms: tuple[int, ...]  # word ids
    proper: int  # how many of ``nouns``, at the end, are senses of a capitalised lemma
    doing: tuple[int, ...] = ()  # verb synsets the most frequent noun sense is derived from

    @property
    def common_nouns(self) -> tuple[int, ...]:
        """The lower-case lemma's noun senses, or the capitalised one's when it has no other."""
        if self.proper and self.proper < len(self.nouns):
            return self.nouns[: len(self.nouns) - self.proper]
        return self.nouns


@lru_cache(maxsize=65536)
def _entry(word: str) -> Entry | None:
    """The decoded line of a lemma, or None when the lexicon does not have it."""
    t = table()
    i = t.word_id(word)
    if i is None:
        return None
    fields = t.entries[i].split("|")
    fields += [""] * (6 - len(fields))
    return Entry(
        _ints(fields[0]), _ints(fields[1]), _ints(fields[2]), _ints(fields[3]), int(fields[4] or 0), _ints(fields[5])
    )


@lru_cache(maxsize=131072)
def _synset(index: int) -> tuple[int, tuple[int, ...]]:
    """(lexicographer class id, hypernyms and instance hypernyms) of a synset."""
    fields = table().synsets[index].split("|")
    ups = _ints(fields[1]) if len(fields) > 1 else ()
    if len(fields) > 2:
        ups += _ints(fields[2])
    return int(fields[0]), ups


def _senses(word: str, pos: str) -> tuple[int, ...]:
    """The common (not proper-name) noun senses, or the verb senses, of a lemma."""
    entry = _entry(word)
    if entry is None:
        return ()
    return entry.common_nouns if pos == "n" else entry.verbs


def _has(word: str, pos: str | None) -> bool:
    entry = _entry(word)
    if entry is None:
        return False
    if pos == "n":
        return bool(entry.nouns)
    if pos == "v":
        return bool(entry.verbs)
    return True


def _class_name(synset: int) -> str:
    return table().classes[_synset(synset)[0]]


# --- lemmas ----------------------------------------------------------------------------------------


def _clean(word: str) -> str:
    word = _SPACES.sub(" ", word.strip().lower())
    return _POSSESSIVE.sub("", word) if word.endswith(("'s", "’s", "s'", "s’")) else word


def _undouble(stem: str) -> str | None:
    """'stopp' -> 'stop': the doubled final consonant of stopped/stopping."""
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
        return stem[:-1]
    return None


def _noun_base(word: str) -> str | None:
    """The singular of a regular plural, if the lexicon has it as a noun."""
    for ending, replacement in _NOUN_RULES:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            base = word[: len(word) - len(ending)] + replacement
            if base != word and not base.endswith("ss" if ending == "s" else "\0") and _has(base, "n"):
                return base
    return None


def _verb_base(word: str) -> str | None:
    """The infinitive of a regular verb form, if the lexicon has it as a verb."""
    for ending, replacement in _VERB_RULES:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            stem = word[: len(word) - len(ending)]
            for base in (stem + replacement, _undouble(stem) if not replacement else None):
                if base and base != word and _has(base, "v"):
                    return base
    return None


def _irregular(word: str, pos: str | None) -> str | None:
    lemmas = table().forms.get(word)
    if not lemmas:
        return None
    for candidate in lemmas.split("\t"):
        if pos is None or candidate[0] == pos:
            return candidate[1:]
    return None


def _keeps_plural(word: str, base: str) -> bool:
    """True when a plural that OEWN lists as a noun of its own is another thing than its singular.

    "species" is not "specie" and "means" is not "mean": no sense class in common. "troops" and
    "arms" share a class with "troop" and "arm", so they are folded; so is a plural that OEWN has
    only as a capitalised name ("Jobs": jobs -> job).
    """
    entry = _entry(word)
    if entry is None or entry.proper >= len(entry.nouns):
        return False
    own = {_class_name(s) for s in entry.common_nouns[:MATCH_SENSES]}
    return own.isdisjoint(_class_name(s) for s in _senses(base, "n"))


@lru_cache(maxsize=65536)
def _lemma_word(word: str, pos: str | None) -> str:
    if pos in (None, "n"):
        if word in _SUPPLETIVE:
            return _SUPPLETIVE[word]
        irregular = _irregular(word, "n")
        if irregular:
            return irregular
        base = _noun_base(word)
        if base and (not _has(word, "n") or not _keeps_plural(word, base)):
            return base
        if _has(word, "n"):
            return word  # "shot", "wounded": a noun as written comes before a verb's form
    if pos is not None and pos != "n":
        irregular = _irregular(word, pos)
        if irregular:
            return irregular
    if pos in (None, "v"):
        irregular = _irregular(word, "v") if pos is None else None
        if irregular:
            return irregular
        if _has(word, "v"):
            return word
        base = _verb_base(word)
        if base:
            return base
    return word


def lemma(word: str, pos: str | None = None) -> str:
    """The base form of ``word`` (lower-cased); for a phrase, of its last word.

    ``pos`` is ``"n"``, ``"v"``, ``"a"`` or None (any). OEWN's irregular forms come first
    (children -> child, men -> man), then regular endings whose result OEWN has with that part of
    speech: nouns before verbs (countries -> country, injuries -> injury, arrested -> arrest,
    died -> die). A plural that OEWN lists as a noun of its own is kept when it means another
    thing than its singular (species, means). A possessive ending is dropped; any word the
    lexicon cannot confirm is returned lower-cased and otherwise unchanged.
    """
    cleaned = _clean(word)
    if not cleaned:
        return cleaned
    head, _, last = cleaned.rpartition(" ")
    base = _lemma_word(last, pos)
    return f"{head} {base}" if head else base


def known(word: str, pos: str | None = None) -> bool:
    """True when ``word`` (or its lemma) is an OEWN lemma with part of speech ``pos`` (any if None)."""
    cleaned = _clean(word)
    return _has(cleaned, pos) or _has(lemma(cleaned, pos), pos)


# --- counted nouns -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counted:
    """A counted noun (or verb form) resolved against the lexicon.

    ``senses`` are the synsets in matching order: when the word as written is a noun lemma of
    its own besides its singular ("troops": military personnel; "people": a group of human
    beings), its senses come first, then the singular's. ``own`` are the first
    :data:`MATCH_SENSES` senses of the lemma; ``match`` adds the most frequent sense of the word
    as written; ``firsts`` are the most frequent sense of each. ``verbs`` are the frequent senses
    of the verb a noun as written is also a form of ("the wounded": wound, "injure, wound").
    """

    lemma: str
    pos: str
    senses: tuple[int, ...]
    own: tuple[int, ...]
    match: tuple[int, ...]
    firsts: tuple[int, ...]
    verbs: tuple[int, ...] = ()


_UNKNOWN = Counted("", "", (), (), (), ())


@lru_cache(maxsize=65536)
def _counted(text: str) -> Counted:
    """Resolve a counted noun or short phrase; :data:`_UNKNOWN` when the lexicon has none of it.

    A trailing participle is dropped ("people arrested" -> people) and so is a parenthesis. The
    whole phrase is tried first ("police officers" -> "police officer"), then ever shorter tails
    of it down to the head noun, the last word ("U.S. customers" -> "customer"). A word that OEWN
    has only as a verb ("arrested", "detained") resolves with part of speech ``"v"``.
    """
    words = _PARENTHESIS.sub(" ", _clean(text)).split()
    while len(words) > 1 and _is_participle(words[-1]):
        words.pop()  # "people arrested", "homes damaged": the head noun is before the participle
    for pos, start in ((pos, start) for pos in ("n", "v") for start in range(len(words))):
        phrase = " ".join(words[start:])
        base = lemma(phrase, pos)
        if _has(base, pos):
            own = _senses(base, pos)
            entry = _entry(phrase) if pos == "n" and phrase != base else None
            written = entry.common_nouns if entry is not None and entry.proper < len(entry.nouns) else ()
            return Counted(
                lemma=base,
                pos=pos,
                senses=tuple(dict.fromkeys(written + own)),
                own=own[:MATCH_SENSES],
                match=tuple(dict.fromkeys(written[:1] + own[:MATCH_SENSES])),
                firsts=tuple(dict.fromkeys(written[:1] + own[:1])),
                verbs=_senses(lemma(words[-1], "v"), "v")[:MATCH_SENSES] if pos == "n" else (),
            )
    return _UNKNOWN


def counted_lemma(text: str) -> str:
    """The lemma the lexicon reads a counted noun phrase as: the longest tail of it that OEWN
    knows ("three other machine guns" -> "machine gun", "suspicious boats" -> "boat"), "" when
    none."""
    return _counted(text).lemma


def _is_participle(word: str) -> bool:
    """True for a verb form that OEWN does not have as a noun ("arrested", "damaged", "killed")."""
    return word.endswith(("ed", "en", "t")) and not _has(lemma(word, "n"), "n") and _has(lemma(word, "v"), "v")


@lru_cache(maxsize=65536)
def _ancestors(synset: int, steps: int) -> frozenset[int]:
    """The synsets up to ``steps`` hypernym or instance-hypernym links above ``synset``."""
    found: set[int] = set()
    layer = {synset}
    for _ in range(steps):
        layer = {up for s in layer for up in _synset(s)[1]} - found
        if not layer:
            break
        found |= layer
    return frozenset(found)


def _is_below(lower: Iterable[int], upper: Iterable[int], steps: int = HYPONYM_STEPS) -> bool:
    uppers = set(upper)
    return any(_ancestors(s, steps) & uppers for s in lower)


def _derived_words(word: str) -> tuple[str, ...]:
    entry = _entry(word)
    if entry is None:
        return ()
    t = table()
    return tuple(t.word_list[i] for i in entry.derived)


@lru_cache(maxsize=1)
def _person_roots() -> frozenset[int]:
    """The synsets whose hyponyms denote persons or groups counted by their persons.

    "person" (noun.Tops), the senses of "people" (a group of human beings, the citizenry, ...:
    population, public, electorate) and "personnel" in its first sense ("force, personnel: group
    of people willing to obey orders": troops, police, staff, workforce). Families, companies and
    crews are groups too, but a count of them is not a count of persons.
    """
    roots = set(_senses("person", "n")[:1])
    roots.update(_senses("people", "n"))
    roots.update(_senses("personnel", "n")[:1])
    return frozenset(roots)


@lru_cache(maxsize=65536)
def _person_sense(synset: int) -> bool:
    if _class_name(synset) == "person" or synset in _person_roots():
        return True
    return bool(_ancestors(synset, 16) & _person_roots())


#: Hypernym links read when two persons' roles are compared (:func:`same_domain_roles`).
ROLE_STEPS = 6


@lru_cache(maxsize=1)
def _generic_person_kinds() -> frozenset[int]:
    """ "person" and what is above it, and its kinds that say nothing of a role: a doer ("actor"),
    an adult, a male, a female, a worker, an associate."""
    person = _senses("person", "n")[:1]
    kinds = set(person)
    for sense in person:
        kinds.update(_ancestors(sense, 16))
    for word in ("actor", "doer", "adult", "male", "female", "worker", "associate", "individual"):
        kinds.update(_senses(word, "n")[:1])
    return frozenset(kinds)


@lru_cache(maxsize=4096)
def same_domain_roles(a: str, b: str) -> bool | None:
    """Whether two persons' roles compete in one domain, so that one given for the other is an
    error ("Senator" for "President": both leaders; "Physician" for "Surgeon General": both
    medical practitioners), rather than two roles one person holds at once ("Fellow" of a
    foundation, "Trustee" of an association, and "Surgeon General"). True when frequent senses
    of both reach a common kind below the generic person within :data:`ROLE_STEPS` links. None
    when either is not in the lexicon."""
    ka, kb = _counted(a), _counted(b)
    if not ka.lemma or not kb.lemma:
        return None
    return bool((_kinds_up(ka, ROLE_STEPS) & _kinds_up(kb, ROLE_STEPS)) - _generic_person_kinds())


@lru_cache(maxsize=65536)
def is_person_noun(word: str) -> bool:
    """True when the most frequent noun sense of ``word`` (or of its head noun) denotes persons.

    Persons are OEWN's ``noun.person`` class and the hyponyms of "person", of "people" and of
    "personnel" (see :func:`_person_roots`), so "people", "residents", "Americans", "victims",
    "troops" and "police" are; "Tuesday", "families" and "companies" are not. For a plural that
    OEWN has as a noun of its own ("troops"), the first sense of either counts.
    """
    counted = _counted(word)
    if counted.pos != "n":
        return False
    if any(_person_sense(s) for s in counted.firsts):
        return True
    return _people_of_a_language(word, counted)


def _people_of_a_language(word: str, counted: Counted) -> bool:
    """A plural whose lemma is first a language and also a person ("Greeks", "Latins"): a
    language takes no plural, so the plural counts the people who speak it."""
    last = _clean(word).split()[-1] if _clean(word) else ""
    if not last or last == counted.lemma or lemma(last, "n") != counted.lemma:
        return False  # not written in the plural
    first = counted.firsts[0] if counted.firsts else None
    if first is None or _class_name(first) != "communication":
        return False
    return any(_person_sense(s) for s in counted.senses)


@lru_cache(maxsize=65536)
def noun_classes(word: str) -> frozenset[str]:
    """The lexicographer classes of all noun senses of ``word`` (or of its head noun).

    Class names are OEWN's without the ``noun.`` prefix: ``person``, ``location``, ``time``,
    ``artifact``, ``act``, ``event``, ``group``, ``quantity``, ``Tops`` (where "person" itself
    is), ... Empty for an unknown word or one that is only a verb.
    """
    counted = _counted(word)
    return frozenset(_class_name(s) for s in counted.senses) if counted.pos == "n" else frozenset()


def ranked_classes(word: str) -> tuple[str, ...]:
    """The lexicographer classes of the noun senses of ``word``, most frequent sense's first."""
    counted = _counted(word)
    return tuple(dict.fromkeys(_class_name(s) for s in counted.senses)) if counted.pos == "n" else ()


def primary_class(word: str) -> str | None:
    """The lexicographer class of the most frequent noun sense of ``word``, or None if not a noun."""
    counted = _counted(word)
    return _class_name(counted.senses[0]) if counted.pos == "n" and counted.senses else None


@lru_cache(maxsize=1)
def _time_roots() -> tuple[frozenset[int], frozenset[int]]:
    """OEWN's "time unit" (day, hour, minute...) and "time period" (week, year, decade...)."""
    return frozenset(_senses("time unit", "n")[:1]), frozenset(_senses("time period", "n")[:1])


@lru_cache(maxsize=65536)
def is_time_unit(word: str) -> bool:
    """True when one of the two most frequent senses of the common noun ``word`` is a unit of time.

    A unit is a hyponym of OEWN's "time unit" within three links (day, hour, minute, second,
    month) or a direct hyponym of "time period" (week, year, decade, century). Names of days and
    months ("Tuesday") are proper nouns and not units.
    """
    counted = _counted(word)
    entry = _entry(counted.lemma) if counted.pos == "n" else None
    if entry is None or entry.proper == len(entry.nouns):
        return False
    units, periods = _time_roots()
    senses = entry.common_nouns[:2]
    return _is_below(senses, units, steps=3) or _is_below(senses, periods, steps=1)


@lru_cache(maxsize=1)
def _unit_roots() -> frozenset[int]:
    """OEWN's "unit of measurement" (mile, tonne, dollar, acre...)."""
    return frozenset(_senses("unit of measurement", "n")[:1])


def _unit_sense(counted: Counted) -> int | None:
    """The first frequent sense of a noun that is a unit of measurement or of time, if any."""
    if counted.pos != "n":
        return None
    units, _ = _time_roots()
    # A plural OEWN keeps as a noun of its own ("acres": a large tract of land) is still a count
    # of its singular's unit.
    singular = _plain_base(counted.lemma)
    extra = _senses(singular, "n")[:MATCH_SENSES] if singular != counted.lemma else ()
    for sense in counted.match + extra:
        if _ancestors(sense, 10) & _unit_roots() or _ancestors(sense, 3) & units:
            return sense
    return None


@lru_cache(maxsize=1)
def _money_roots() -> frozenset[int]:
    """OEWN's "monetary unit" (dollar, yen, kobo, sen...)."""
    return frozenset(_senses("monetary unit", "n")[:1])


@lru_cache(maxsize=4096)
def is_monetary_unit(word: str) -> bool:
    """True when the first (most frequent) noun sense of ``word`` as written is a monetary unit ("sen",
    "kobo", "taka"), not only a rare one ("yen" is first a yearning, "cup" a vessel)."""
    senses = _senses(_clean(word), "n")
    return bool(senses) and bool(_ancestors(senses[0], 10) & _money_roots())


@lru_cache(maxsize=65536)
def is_unit(word: str) -> bool:
    """True when a frequent sense of ``word`` is a unit of measurement or time (mile, acre, dollar, second)."""
    return _unit_sense(_counted(word)) is not None or is_time_unit(word)


@lru_cache(maxsize=65536)
def is_place_name(name: str) -> bool:
    """True when ``name`` is the name of a place: a city, US state, country or continent.

    A capitalised OEWN lemma whose sense is in the ``location`` class counts ("Greece"), but the
    OEWN commit the table is built from has few proper nouns, so the names of places come mostly
    from GeoNames (:func:`factdiff.gazetteer.place_kind`: "Portland", "Oregon", "Somalia").
    A name that is not capitalised is not a name ("portland").
    """
    name = _SPACES.sub(" ", name.strip())
    if not name or not name[0].isupper():
        return False
    entry = _entry(name.lower())
    if entry and entry.proper and any(_class_name(s) == "location" for s in entry.nouns[-entry.proper :]):
        return True
    return gazetteer.place_kind(name) is not None


@lru_cache(maxsize=131072)
def relation(a: str, b: str) -> str:
    """How two counted nouns (words or short noun phrases) relate, from the closest relation on.

    Each side is resolved by :func:`_counted` (whole phrase, then its tails down to the head noun;
    a verb form such as "arrested" when no noun fits). Then, the first rule that holds wins:

    * ``"different"`` first when both are units (:func:`is_unit`) and their first unit senses
      differ: "seconds" / "minutes" share the sense "a short time", "miles" / "nautical miles"
      the nautical mile, but a count of one is never a count of the other.
    * ``"same"``: the same lemma with the same part of speech ("arrests" / "arrest", "acres" /
      "acre"), or a shared synset between the first :data:`MATCH_SENSES` senses of one lemma and
      the frequent senses of the other ("stores" / "shops", "votes" / "ballots").
    * ``"derived"``: one lemma as noun and verb (arrests / arrested), or lemmas OEWN links by
      derivation (deaths / died, detentions / detained, detainees / detained), also through a
      synonym of one of them; but not two nouns of which only one names persons (voters / votes:
      the doer and the act are counted apart).
    * ``"hyponym"`` / ``"hypernym"``: ``a`` is a kind of ``b`` (or ``b`` of ``a``) within
      :data:`HYPONYM_STEPS` hypernym or instance-hypernym links (see :func:`_is_kind_of`:
      immigrants / people, fatalities / deaths, positions / jobs).
    * ``"derived"`` also for two person nouns named for one doing (:func:`_one_doing`:
      population / residents / inhabitants, all from verbs of living in a place).
    * ``"kin"``: both denote persons (:func:`is_person_noun`): counting treats "Americans",
      "consumers", "residents", "troops" and "people" as counts of one kind of referent. No other
      class is kin: countries and counties, or cities and towns, are different things to count.
    * ``"different"``: anything else, and any pair with a word the lexicon does not know (unless
      the two are the same word).
    """
    ka, kb = _counted(a), _counted(b)
    if not ka.lemma or not kb.lemma:
        return "same" if _clean(a) and lemma(a) == lemma(b) else "different"
    if ka.lemma == kb.lemma or _plain_base(ka.lemma) == _plain_base(kb.lemma):
        return "same" if ka.pos == kb.pos else "derived"
    unit_a, unit_b = _unit_sense(ka), _unit_sense(kb)
    if unit_a is not None and unit_b is not None and unit_a != unit_b:
        return "different"  # seconds and minutes, miles and nautical miles: never one count
    if set(ka.own) & set(kb.match) or set(ka.match) & set(kb.own):
        return "same"
    if (_derived(ka, kb) or _derived(kb, ka)) and not _agent_pair(ka, kb):
        return "derived"
    if ka.pos == kb.pos:
        down, up = _is_kind_of(ka, kb), _is_kind_of(kb, ka)
        if down and up:
            # Each is a kind of the other through different senses: the first senses decide,
            # and if they cannot, the two are as good as one ("courtesy" / "civility").
            down, up = _is_below(ka.firsts, kb.match), _is_below(kb.firsts, ka.match)
            if down == up:
                return "same"
        if down:
            return "hyponym"
        if up:
            return "hypernym"
    if is_person_noun(a) and is_person_noun(b):
        return "derived" if _one_doing(ka, kb) else "kin"
    return "different"


def _one_doing(ka: Counted, kb: Counted) -> bool:
    """Two person nouns named for one doing: the most frequent senses of both are derived (by
    OEWN's sense-level links) from verb senses that are one synset or one a hypernym of the other
    ("population" from populate, "residents" from reside, "inhabitants" from inhabit: to live in
    a place). Two nouns of one verb are not: the doer and the undergoer of one act ("employers",
    "employees") are counted apart."""
    ea, eb = _entry(ka.lemma), _entry(kb.lemma)
    if ea is None or eb is None or not ea.doing or not eb.doing:
        return False
    if set(ea.derived) & set(eb.derived):
        return False  # derived from one verb: its doer and its undergoer
    return any(x == y or y in _ancestors(x, 1) or x in _ancestors(y, 1) for x in ea.doing for y in eb.doing)


def _is_kind_of(specific: Counted, general: Counted) -> bool:
    """True when ``specific`` is a kind of ``general`` within :data:`HYPONYM_STEPS` links.

    The most frequent sense of the specific word may reach any frequent sense of the general one.
    Another sense may reach only the general word's most frequent sense, and only if it does not
    denote persons: "position" as "a job in an organization" (its sixth sense) is a kind of job
    (the first), but "person" as a grammatical category does not make people a kind of "family"
    (as in a family of languages), nor "family" as "kinsperson" families a kind of people:
    whether a word counts persons is its first sense's to say.
    """
    if _is_below(specific.firsts, general.match):
        return True
    firsts = set(specific.firsts)
    others = [s for s in specific.senses if s not in firsts and not _person_sense(s)]
    return _is_below(others, general.firsts)


def _agent_pair(ka: Counted, kb: Counted) -> bool:
    """True for two nouns of which one names persons and the other not: voters / votes.

    Such a derivation ties a doer (or undergoer) to the act, and the counts are of different
    things. A verb with a person noun stays derived: "5 detained" counts detainees.
    """
    return ka.pos == kb.pos == "n" and is_person_noun(ka.lemma) != is_person_noun(kb.lemma)


def _plain_base(word: str) -> str:
    """The singular by the regular rules even where OEWN keeps a plural lemma ("acres" -> "acre")."""
    return _noun_base(word) or word


def _derived(counted: Counted, other: Counted) -> bool:
    """True when ``counted``'s lemma or one derived from it is ``other``'s lemma, or shares one of
    its frequent senses in ``other``'s part of speech (arrests / apprehended: the noun arrest, as a
    verb, is "apprehend, arrest, collar, nab"), or a verb sense with the verb ``other`` is a form
    of; or when ``counted`` is also a form of a verb that shares a sense with the verb ``other``."""
    targets, other_verbs = set(other.match), set(other.verbs)
    if other.pos == "v" and targets & set(counted.verbs):
        return True  # "wounded" (the wounded) / "injured": wound and injure share a verb sense
    # The lemma itself in the other part of speech counts as derived from it (arrest -> arrest).
    for word in (counted.lemma, *_derived_words(counted.lemma)):
        if word == other.lemma:
            return True
        if targets & set(_senses(word, other.pos)[:MATCH_SENSES]):
            return True
        if other_verbs & set(_senses(word, "v")[:MATCH_SENSES]):
            return True
    return False


def similarity(a: str, b: str) -> float:
    """A matching feature in [0, 1] from :func:`relation` (see :data:`SIMILARITY`)."""
    return SIMILARITY[relation(a, b)]


def synonyms(word: str) -> frozenset[str]:
    """Lemmas that share one of the frequent senses of ``word`` (its own lemma excluded).

    Built from the word index on first use, so it costs a scan of the table once per process.
    """
    counted = _counted(word)
    members = _members() if counted.match else {}
    return frozenset(w for s in counted.match for w in members.get(s, ()) if w != counted.lemma)


@lru_cache(maxsize=1)
def _members() -> dict[int, tuple[str, ...]]:
    t = table()
    found: dict[int, list[str]] = {}
    for word, line in zip(t.word_list, t.entries, strict=True):
        fields = line.split("|")
        for field in fields[:2]:
            for s in _ints(field):
                found.setdefault(s, []).append(word)
    return {s: tuple(ws) for s, ws in found.items()}


def derived(word: str) -> frozenset[str]:
    """Lemmas OEWN links to the lemma of ``word`` by derivation (arrest -> arrest, arrester...)."""
    counted = _counted(word)
    return frozenset(_derived_words(counted.lemma)) if counted.lemma else frozenset()


def pertainyms(adjective: str) -> frozenset[str]:
    """The nouns an adjective pertains to in OEWN ("economic" -> economy, "presidential" -> president)."""
    entry = _entry(_clean(adjective))
    if entry is None:
        return frozenset()
    t = table()
    return frozenset(t.word_list[i] for i in entry.pertainyms)


def source() -> str:
    """Where the table comes from: 'Open English WordNet <commit>'."""
    return f"Open English WordNet ({table().commit})"


def is_kind_of(specific: str, general: str, steps: int = HYPONYM_STEPS) -> bool:
    """:func:`_is_kind_of` within ``steps`` hypernym links, both words read with the same part of
    speech.

    One step is a near kind ("houses" of "homes", "positions" of "jobs"); more steps reach
    wider classes whose counts are other sets ("homes" of "structures").
    """
    ka, kb = _counted(specific), _counted(general)
    if not ka.lemma or not kb.lemma or ka.pos != kb.pos:
        return False
    if _is_below(ka.firsts, kb.match, steps):
        return True
    firsts = set(ka.firsts)
    others = [s for s in ka.senses if s not in firsts and not _person_sense(s)]
    return _is_below(others, kb.firsts, steps)


#: Hypernym links within which two counted nouns of different things still share a kind.
KIND_STEPS = 3


def comparable_kinds(a: str, b: str, steps: int = KIND_STEPS) -> bool | None:
    """Whether two different counted nouns are things of one kind, so that putting one for the
    other is a unit swap an editor would call an error ("42 cities" for "42 countries", "homes
    damaged" for "homes destroyed", "machine guns" for "automatic rifles"), rather than two
    facts that happen to share a number ("2 countries" and "2 fishing boats", "3 days" and
    "3 executives"). Two nouns are of one kind when a frequent sense of each reaches a common
    synset within ``steps`` hypernym links, or when both name persons. None when either noun is
    not in the lexicon."""
    ka, kb = _counted(a), _counted(b)
    if not ka.lemma or not kb.lemma:
        return None
    if is_person_noun(a) and is_person_noun(b):
        return True
    return bool(_kinds_up(ka, steps) & _kinds_up(kb, steps))


def _kinds_up(counted: Counted, steps: int) -> set[int]:
    """A word's own senses and their hypernyms within ``steps`` links."""
    return {s for sense in counted.own for s in (sense, *_ancestors(sense, steps))}

"""Lexical knowledge from Open English WordNet: lemmas, noun classes and how two counted nouns relate.

The table ``factdiff/data/lexicon_oewn.json.gz`` is derived from Open English WordNet (OEWN) by
``scripts/build_lexicon.py`` (see ``docs/lexicon.md``; credits in ``data/OEWN-LICENSE.txt``). It is
read once per process, on the first call, and every public function is a pure, cached look-up, safe
to call from several threads.

What the aligner asks, and the answers:

* :func:`lemma` -- the base form: OEWN's irregular forms (children -> child), then regular English
  inflection checked against the lexicon (countries -> country, arrested -> arrest). A word the
  lexicon cannot confirm comes back lower-cased and otherwise untouched.
* :func:`noun_classes` / :func:`primary_class` -- the lexicographer classes of a noun's senses
  (``person``, ``location``, ``time``, ``act``, ...).
* :func:`relation` / :func:`similarity` -- whether two counted nouns ("arrests", "detained",
  "U.S. customers") count the same kind of thing; the rules are in :func:`relation`.
* :func:`is_person_noun`, :func:`is_time_unit`, :func:`is_place_name`.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

TABLE_FILE = "lexicon_oewn.json.gz"
FORMAT = 1

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
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Table:
    """The loaded table: word and synset lines, decoded one at a time when looked up."""

    commit: str
    stamp: str
    classes: tuple[str, ...]
    words: dict[str, int]
    word_list: tuple[str, ...]
    entries: tuple[str, ...]
    synsets: tuple[str, ...]
    forms: dict[str, str]  # irregular form -> tab-separated lemmas, each prefixed by its part of speech
    load_seconds: float


_LOCK = threading.Lock()
_TABLE: Table | None = None


def table() -> Table:
    """The lexical table, read from the package on the first call and kept for the process."""
    global _TABLE
    if _TABLE is None:
        with _LOCK:
            if _TABLE is None:
                _TABLE = _read_table()
    return _TABLE


def _read_table() -> Table:
    started = time.perf_counter()
    raw = resources.files("factdiff").joinpath("data", TABLE_FILE).read_bytes()
    data = json.loads(gzip.decompress(raw))
    if data.get("format") != FORMAT:
        raise RuntimeError(f"{TABLE_FILE}: table format {data.get('format')!r}, this factdiff reads {FORMAT}")
    word_list = tuple(data["words"].split("\n"))
    forms = dict(line.split("\t", 1) for line in data["forms"].split("\n") if line)
    return Table(
        commit=data["commit"],
        stamp=data["stamp"],
        classes=tuple(data["classes"]),
        words=dict(zip(word_list, range(len(word_list)), strict=True)),
        word_list=word_list,
        entries=tuple(data["entries"].split("\n")),
        synsets=tuple(data["synsets"].split("\n")),
        forms=forms,
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
    i = t.words.get(word)
    if i is None:
        return None
    fields = t.entries[i].split("|")
    fields += [""] * (5 - len(fields))
    return Entry(_ints(fields[0]), _ints(fields[1]), _ints(fields[2]), _ints(fields[3]), int(fields[4] or 0))


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
    "arms" share a class with "troop" and "arm", so they are folded.
    """
    own = {_class_name(s) for s in _senses(word, "n")[:MATCH_SENSES]}
    return own.isdisjoint(_class_name(s) for s in _senses(base, "n"))


@lru_cache(maxsize=65536)
def _lemma_word(word: str, pos: str | None) -> str:
    if pos in (None, "n") and word in _SUPPLETIVE:
        return _SUPPLETIVE[word]
    irregular = _irregular(word, pos)
    if irregular:
        return irregular
    if pos in (None, "n"):
        base = _noun_base(word)
        if base and (not _has(word, "n") or not _keeps_plural(word, base)):
            return base
        if _has(word, "n"):
            return word
    if pos in (None, "v"):
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


@lru_cache(maxsize=65536)
def _noun_key(text: str) -> tuple[str, str]:
    """(lexicon lemma, part of speech) for a counted noun or short phrase; ("", "") if unknown.

    The whole phrase is tried first ("police officers" -> "police officer"), then ever shorter
    tails of it down to the head noun, the last word ("U.S. customers" -> "customer"). A word that
    OEWN has only as a verb ("arrested", "detained") is returned with ``"v"``.
    """
    words = _clean(text).split(" ")
    for start in range(len(words)):
        phrase = " ".join(words[start:])
        for pos in ("n", "v"):
            base = lemma(phrase, pos)
            if _has(base, pos):
                return base, pos
    return "", ""


def _match_senses(key: tuple[str, str]) -> tuple[int, ...]:
    word, pos = key
    return _senses(word, pos)[:MATCH_SENSES] if word else ()


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
    """The synsets whose hyponyms denote persons: person (Tops) and people (a group of persons)."""
    roots = {s for s in _senses("person", "n")[:1]}
    roots.update(_senses("people", "n")[:1])
    return frozenset(roots)


@lru_cache(maxsize=65536)
def _person_sense(synset: int) -> bool:
    if _class_name(synset) == "person" or synset in _person_roots():
        return True
    return bool(_ancestors(synset, 16) & _person_roots())


@lru_cache(maxsize=65536)
def is_person_noun(word: str) -> bool:
    """True when the most frequent noun sense of ``word`` (or of its head noun) denotes persons.

    Persons are OEWN's ``noun.person`` class and the hyponyms of "person" and of "people" (a group
    of human beings), so "people", "residents", "Americans" and "victims" are; "Tuesday" is not.
    """
    key = _noun_key(word)
    if key[1] != "n":
        return False
    senses = _senses(key[0], "n")
    return bool(senses) and _person_sense(senses[0])


@lru_cache(maxsize=65536)
def noun_classes(word: str) -> frozenset[str]:
    """The lexicographer classes of all noun senses of ``word`` (or of its head noun).

    Class names are OEWN's without the ``noun.`` prefix: ``person``, ``location``, ``time``,
    ``artifact``, ``act``, ``event``, ``group``, ``quantity``, ... Empty for an unknown word.
    """
    key = _noun_key(word)
    if key[1] != "n":
        return frozenset()
    return frozenset(_class_name(s) for s in _senses(key[0], "n"))


def primary_class(word: str) -> str | None:
    """The lexicographer class of the most frequent noun sense of ``word``, or None if not a noun."""
    key = _noun_key(word)
    senses = _senses(key[0], "n") if key[1] == "n" else ()
    return _class_name(senses[0]) if senses else None


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
    key = _noun_key(word)
    entry = _entry(key[0]) if key[1] == "n" else None
    if entry is None or entry.proper == len(entry.nouns):
        return False
    units, periods = _time_roots()
    senses = entry.common_nouns[:2]
    return _is_below(senses, units, steps=3) or _is_below(senses, periods, steps=1)


@lru_cache(maxsize=65536)
def is_place_name(name: str) -> bool:
    """True when OEWN has ``name`` as a proper noun that is an instance of a place (city, country...).

    Only capitalised names count, and only when an instance-hypernym chain of one of their senses
    reaches a ``location`` class synset.
    """
    name = _SPACES.sub(" ", name.strip())
    if not name or not name[0].isupper():
        return False
    entry = _entry(name.lower())
    senses = entry.nouns[len(entry.nouns) - entry.proper :] if entry else ()
    return any(_class_name(s) == "location" and _synset(s)[1] and _is_instance(s) for s in senses)


def _is_instance(synset: int) -> bool:
    fields = table().synsets[synset].split("|")
    return len(fields) > 2 and bool(fields[2])


@lru_cache(maxsize=131072)
def relation(a: str, b: str) -> str:
    """How two counted nouns (words or short noun phrases) relate, from the closest relation on.

    * ``"same"``: the same lemma and part of speech ("arrests" / "arrest"), or a shared synset among the first
      :data:`MATCH_SENSES` senses of each ("deaths" / "fatalities" if OEWN puts them together).
    * ``"derived"``: one lemma as noun and verb (arrests / arrested), derivationally related
      lemmas (deaths / died, detain / detention,
      detainees / detained), also through a synonym of one of them; but not two nouns of which
      only one names persons (voters / votes: the doer and the act are counted apart).
    * ``"hyponym"`` / ``"hypernym"``: ``a`` is a kind of ``b`` (or ``b`` of ``a``) within
      :data:`HYPONYM_STEPS` hypernym or instance-hypernym links, from any sense of the specific
      word to one of the first :data:`MATCH_SENSES` of the general one (immigrants / people,
      positions / jobs).
    * ``"kin"``: both denote persons (:func:`is_person_noun`): counting treats "Americans",
      "consumers", "residents" and "people" as counts of one kind of referent. No other class is
      kin: countries and counties, or cities and towns, are different things to count.
    * ``"different"``: anything else, and any pair with a word the lexicon does not know (unless
      the two are the same word).
    """
    ka, kb = _noun_key(a), _noun_key(b)
    if not ka[0] or not kb[0]:
        return "same" if _clean(a) and lemma(a) == lemma(b) else "different"
    if ka[0] == kb[0] or _plain_base(ka[0]) == _plain_base(kb[0]):
        return "same" if ka[1] == kb[1] else "derived"
    sa, sb = _match_senses(ka), _match_senses(kb)
    if set(sa) & set(sb):
        return "same"
    if (_derived(ka, kb, sb) or _derived(kb, ka, sa)) and not _agent_pair(ka, kb):
        return "derived"
    if ka[1] == kb[1]:
        # The specific word may be in any of its senses ("position" as "a job in an organization"
        # is its sixth), the general one only in its frequent ones.
        if _is_below(_senses(*ka), sb):
            return "hyponym"
        if _is_below(_senses(*kb), sa):
            return "hypernym"
    if is_person_noun(ka[0]) and is_person_noun(kb[0]):
        return "kin"
    return "different"


def _agent_pair(ka: tuple[str, str], kb: tuple[str, str]) -> bool:
    """True for two nouns of which one names persons and the other not: voters / votes.

    Such a derivation ties a doer (or undergoer) to the act, and the counts are of different
    things. A verb with a person noun stays derived: "5 detained" counts detainees.
    """
    return ka[1] == kb[1] == "n" and is_person_noun(ka[0]) != is_person_noun(kb[0])


def _plain_base(word: str) -> str:
    """The singular by the regular rules even where OEWN keeps a plural lemma ("acres" -> "acre")."""
    return _noun_base(word) or word


def _derived(key: tuple[str, str], other: tuple[str, str], other_senses: tuple[int, ...]) -> bool:
    """True when a lemma derived from ``key`` is ``other`` or shares one of ``other_senses``."""
    targets = set(other_senses)
    for word in _derived_words(key[0]):
        if word == other[0]:
            return True
        if targets and targets & set(_senses(word, other[1])[:MATCH_SENSES]):
            return True
    return False


def similarity(a: str, b: str) -> float:
    """A matching feature in [0, 1] from :func:`relation` (see :data:`SIMILARITY`)."""
    return SIMILARITY[relation(a, b)]


def synonyms(word: str) -> frozenset[str]:
    """Lemmas that share one of the first :data:`MATCH_SENSES` senses of ``word`` (itself excluded).

    Built from the word index on first use, so it costs a scan of the table once per process.
    """
    key = _noun_key(word)
    senses = set(_match_senses(key))
    if not senses:
        return frozenset()
    members = _members()
    return frozenset(w for s in senses for w in members.get(s, ()) if w != key[0])


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
    key = _noun_key(word)
    return frozenset(_derived_words(key[0])) if key[0] else frozenset()


def source() -> str:
    """Where the table comes from: 'Open English WordNet <commit>'."""
    return f"Open English WordNet ({table().commit})"


def is_kind_of(specific: str, general: str, steps: int = HYPONYM_STEPS) -> bool:
    """True when a sense of ``specific`` lies within ``steps`` hypernym links below one of the
    first :data:`MATCH_SENSES` senses of ``general``, both read with the same part of speech.

    One step is a near kind ("houses" of "homes", "positions" of "jobs"); more steps reach
    wider classes whose counts are other sets ("homes" of "structures").
    """
    ka, kb = _noun_key(specific), _noun_key(general)
    if not ka[0] or not kb[0] or ka[1] != kb[1]:
        return False
    return _is_below(_senses(*ka), _match_senses(kb), steps)

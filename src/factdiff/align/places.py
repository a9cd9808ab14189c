"""Places and people's names: when two place names or two person names are one.

"Portland, Ore." and "Portland, Oregon" are one place, "Portland, Maine" is another; "New" cut
short from "New York" is still New York; "Salonika" is Thessaloniki and "Bombay" is Mumbai (other
names of large cities, from GeoNames). US state abbreviations are expanded here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from factdiff.gazetteer import same_place_name

_US_STATES = {
    "ore": "oregon",
    "calif": "california",
    "ill": "illinois",
    "wash": "washington",
    "mass": "massachusetts",
    "pa": "pennsylvania",
    "colo": "colorado",
    "md": "maryland",
    "n.y": "new york",
    "ny": "new york",
    "tex": "texas",
    "fla": "florida",
    "ga": "georgia",
}


@lru_cache(maxsize=16384)
def place_key(place: str) -> str:
    """'Portland, Ore.' and 'Portland, Oregon' -> 'portland|oregon'; 'the Greyfield plant' -> 'greyfield'."""
    parts = [p.strip().lower().rstrip(".") for p in place.split(",")]
    head = re.sub(r"^(the|a)\s+", "", parts[0])
    head = re.sub(r"\s+(plant|facility|area|region|metro|site)$", "", head)
    rest = [_US_STATES.get(p, p) for p in parts[1:] if p]
    return "|".join([head, *rest])


#: First words that make a new place of a name ("New York" is not "York").
_PLACE_PREFIXES = frozenset(
    "new old north south east west upper lower great little port fort mount lake saint st san santa los las el la "
    "le des du del de".split()
)


@lru_cache(maxsize=65536)
def same_place(a: str, b: str) -> bool:
    ka, kb = place_key(a).split("|"), place_key(b).split("|")
    if ka[0] != kb[0] and same_place_name(ka[0], kb[0]):
        ka[0] = kb[0]  # "Salonika" and "Thessaloniki", "Kiev" and "Kyiv": one place's names (GeoNames)
    if ka[0] != kb[0]:
        # A place cut short by the extractor ("New" for "New York") is still the place.
        wa, wb = ka[0].split(), kb[0].split()
        short, long = (wa, wb) if len(wa) < len(wb) else (wb, wa)
        if (
            len(short) == 1
            and len(long) == 2
            and long[1] == short[0]
            and len(short[0]) >= 4
            and long[0] not in _PLACE_PREFIXES
            and len(ka) + len(kb) == 2
        ):
            return True  # "Okoye" for "Rosalind Okoye": a candidate's figure under the surname
        return bool(short) and long[: len(short)] == short and (len(ka) < 2 or len(kb) < 2)
    # "Portland, Oregon" vs "Portland, Maine": a second part given on both sides must agree.
    return len(ka) < 2 or len(kb) < 2 or ka[1] == kb[1]


def same_person(a: str, b: str) -> bool:
    """Two names of one person: the shared name matcher when present, else surname and initial."""
    try:
        from factdiff.analyse.names import same_person as shared
    except ImportError:  # pragma: no cover - the shared matcher ships with the package
        shared = None
    if shared is not None:
        return shared(a, b)
    wa, wb = a.lower().split(), b.lower().split()
    if not wa or not wb or wa[-1] != wb[-1]:
        return False
    return len(wa) == 1 or len(wb) == 1 or wa[0][0] == wb[0][0]


def place_relation(a: Iterable[str], b: Iterable[str]) -> str:
    a, b = list(a), list(b)
    if not a or not b:
        return "unknown" if (a or b) else "none"
    if any(same_place(x, y) for x in a for y in b):
        return "same"
    return "conflict"


#: Words that name a kind of place, not a place ("County damage teams have counted ...").
GENERIC_PLACES = frozenset(
    "county city state province region district country nation town village area capital state's county's "
    "city's".split()
)

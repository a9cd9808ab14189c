"""Build ``src/factdiff/data/common_words.txt.gz``: English words that are written in lower case.

Reads the lemma index of Open English WordNet (``entries-*.yaml.gz`` under ``--data``, default
``../shared/data/oewn`` from the repository root) and keeps every one-word lemma (letters, with
inner hyphens or apostrophes) that WordNet lists in lower case: "flood", "resident", "still",
"drunk", "volunteer" (also listed capitalised, as a Tennessean). The index this reads has no
instance names of places, so a town named by a common word ("Reading", "Bath") is in the table too:
the extractors ask the tagger about the word's context as well.

The extractors use the table to tell a capitalised word at the start of a sentence ("Floodwater
reached 40 homes") from a name ("Dunmore reached 40 homes") without lists of words seen in texts.

The output is sorted, one word a line, gzipped with a fixed timestamp: the same WordNet gives the
same bytes. Credit and licence: ``src/factdiff/data/OEWN-LICENSE.txt``.

Usage: python scripts/build_common_words.py [--data DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "oewn"
DEFAULT_OUT = ROOT / "src" / "factdiff" / "data" / "common_words.txt.gz"

# A lemma line of the index: the lemma at the start of the line, then a colon ("flood:", "'s Gravenhage:").
_LEMMA_LINE = re.compile(r"^(?P<quote>['\"]?)(?P<lemma>[^ \n].*?)(?P=quote):\s*$")
_ONE_WORD = re.compile(r"[A-Za-z]+(?:[-'][A-Za-z]+)*")


def read_lemmas(data: Path) -> list[str]:
    """Every lemma of the WordNet index files under ``data``."""
    files = sorted(data.glob("entries-*.yaml.gz"))
    if not files:
        raise SystemExit(f"no Open English WordNet index files (entries-*.yaml.gz) under {data}")
    lemmas: list[str] = []
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                if line[:1] in (" ", "\n", "#"):
                    continue
                match = _LEMMA_LINE.match(line)
                if match is not None:
                    lemmas.append(match.group("lemma"))
    return lemmas


def common_words(lemmas: list[str]) -> list[str]:
    """One-word lemmas that WordNet writes in lower case, sorted."""
    return sorted({lemma for lemma in lemmas if lemma.islower() and _ONE_WORD.fullmatch(lemma)})


def write(words: list[str], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    data = ("\n".join(words) + "\n").encode("utf-8")
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
        handle.write(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="Open English WordNet folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    words = common_words(read_lemmas(args.data))
    write(words, args.out)
    print(f"{len(words)} lower-case words -> {args.out} ({args.out.stat().st_size:,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

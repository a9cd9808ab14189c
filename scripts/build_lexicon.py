"""Build factdiff's lexical table from the Open English WordNet YAML source.

Reads the OEWN source folder ``--data`` (default: ``../shared/data/oewn`` from the repository root:
one gzipped YAML file per lexicographer class, ``noun.person.yaml.gz`` ..., and the lemma index
``entries-*.yaml.gz``) and writes ``src/factdiff/data/lexicon_oewn.txt.gz``, the table that
:mod:`factdiff.lexicon` reads, and beside it ``OEWN-LICENSE.txt`` (the credit and the source's
licence texts). It keeps only what matching counted nouns needs:

* every noun, verb and adjective lemma, lower-cased (multi-word lemmas keep their spaces);
* per lemma its noun and verb synsets in OEWN's sense order (most frequent sense first), the
  senses of capitalised lemmas ("Jobs") after those of lower-case ones ("jobs"), with their count;
* per noun or verb synset its lexicographer class and its hypernym and instance-hypernym links;
* per lemma the lemmas it is derivationally related to (``derivation`` and the morphosemantic
  links ``event``, ``agent``, ``result``, ``undergoer``, ... of any of its senses, both ways) and
  the nouns its adjective senses are pertainyms of (``American`` -> ``America`` where OEWN has it);
* per noun lemma the verb synsets its most frequent sense is derived from ("population" from
  populate "be an inhabitant of", "resident" from reside "live in a certain place");
* the irregular forms OEWN records (``children`` -> ``child``, ``men`` -> ``man``).

Glosses, examples, pronunciations and adverbs are left out. The file is gzipped UTF-8 text: a
JSON header, then newline-joined sections, so that loading is a decode and a few splits, and a
line is decoded only when it is looked up.

The output is byte-for-byte reproducible (sorted keys, fixed gzip header). Its ``stamp`` is the
SHA-256 of the source files and of this script, so a test can tell whether the shipped table is the
one this script makes from the source at hand.

Usage: python scripts/build_lexicon.py [--data DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "oewn"
DEFAULT_OUT = ROOT / "src" / "factdiff" / "data" / "lexicon_oewn.txt.gz"
FORMAT = 3
#: The sections of the table, in file order, after its JSON header line; each is newline-joined.
SECTIONS = ("words", "entries", "synsets", "forms")
#: What separates the header and the sections (ASCII group separator: in no lemma).
SEPARATOR = "\x1d"

#: Sense-level links that tie a lemma to a derivationally related one (OEWN's derivation and its
#: morphosemantic links, which are all verb <-> noun derivations: detain -> detention, detainee).
DERIVATION_KEYS = (
    "derivation",
    "agent",
    "body_part",
    "by_means_of",
    "destination",
    "event",
    "instrument",
    "location",
    "material",
    "participle",
    "property",
    "result",
    "state",
    "undergoer",
    "uses",
    "vehicle",
)
KEPT_POS = {"n": "n", "v": "v", "a": "a", "s": "a"}


def source_files(data: Path) -> list[Path]:
    """The OEWN files the table is made from, in a fixed order."""
    files = sorted(data.glob("entries-*.yaml.gz")) + sorted(data.glob("noun.*.yaml.gz"))
    files += sorted(data.glob("verb.*.yaml.gz"))
    if not any(f.name.startswith("entries-") for f in files) or not any(f.name.startswith("noun.") for f in files):
        raise SystemExit(f"{data}: no OEWN YAML source here (expected entries-*.yaml.gz and noun.*.yaml.gz)")
    return files


def source_stamp(data: Path) -> str:
    """SHA-256 over the source files' names and bytes, the COMMIT file and this script."""
    digest = hashlib.sha256()
    paths = source_files(data)
    commit = data / "COMMIT"
    if commit.exists():
        paths.append(commit)
    for path in paths:
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def _load(path: Path) -> dict:
    import yaml  # only building needs PyYAML; the stamp check does not

    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def sense_word(sense_id: str) -> str:
    """'arrest%2:35:00::' -> 'arrest'; 'take_into_custody%2:...' -> 'take into custody'."""
    return sense_id.split("%", 1)[0].replace("_", " ").lower()


def build(data: Path) -> dict:
    """Read the OEWN source at ``data`` and return the table as a JSON-ready dict."""
    files = source_files(data)
    classes: list[str] = []
    synset_class: dict[str, int] = {}
    synset_up: dict[str, list[str]] = {}
    synset_inst: dict[str, list[str]] = {}
    for path in files:
        if path.name.startswith("entries-"):
            continue
        lexfile = path.name.removesuffix(".yaml.gz")
        classes.append(lexfile)
        for sid, body in _load(path).items():
            synset_class[sid] = len(classes) - 1
            synset_up[sid] = list(body.get("hypernym", ()))
            synset_inst[sid] = list(body.get("instance_hypernym", ()))

    # Senses of lower-case lemmas ("job") and of capitalised ones ("Jobs", "Job") share a word;
    # the capitalised ones go last, and the entry says how many of its noun senses they are.
    senses: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"n": [], "v": []})
    proper_senses: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"n": [], "v": []})
    derived: dict[str, set[str]] = defaultdict(set)
    pertains: dict[str, set[str]] = defaultdict(set)
    forms: dict[str, set[str]] = defaultdict(set)
    words: set[str] = set()
    sense_synset: dict[str, str] = {}
    first_doing: dict[str, list[str]] = {}  # lemma -> verb senses its first noun sense derives from
    for path in files:
        if not path.name.startswith("entries-"):
            continue
        for lemma, by_pos in _load(path).items():
            word = str(lemma).lower()
            for pos, entry in by_pos.items():
                kept = KEPT_POS.get(pos)
                if kept is None:
                    continue
                words.add(word)
                for form in entry.get("form", ()):
                    form = str(form).lower()
                    if form != word:
                        forms[form].add(kept + word)
                proper = str(lemma) != word
                if kept == "n" and not proper and entry.get("sense"):
                    first = entry["sense"][0]
                    first_doing[word] = [t for key in DERIVATION_KEYS for t in first.get(key, ()) if "%2:" in t]
                for sense in entry.get("sense", ()):
                    sense_synset[sense["id"]] = sense["synset"]
                    if kept in ("n", "v") and sense["synset"] in synset_class:
                        (proper_senses if proper else senses)[word][kept].append(sense["synset"])
                    for key in DERIVATION_KEYS:
                        for target in sense.get(key, ()):
                            other = sense_word(target)
                            if other != word:
                                derived[word].add(other)
                                derived[other].add(word)
                    for target in sense.get("pertainym", ()):
                        other = sense_word(target)
                        if other != word:
                            pertains[word].add(other)

    synset_ids = sorted(synset_class)
    index = {sid: i for i, sid in enumerate(synset_ids)}
    word_list = sorted(words | set(derived) | set(pertains))
    word_index = {w: i for i, w in enumerate(word_list)}

    def ids(items: list[str] | set[str], table: dict[str, int]) -> str:
        found = [table[x] for x in items if x in table]
        if isinstance(items, set):
            found.sort()
        return " ".join(map(str, found))

    def ordered(word: str, pos: str) -> list[str]:
        found: list[str] = []
        for table in (senses, proper_senses):
            if word in table:
                found += [s for s in table[word][pos] if s not in found]
        return found

    entry_lines = []
    for word in word_list:
        nouns = ordered(word, "n")
        common = len(dict.fromkeys(senses[word]["n"])) if word in senses else 0
        entry_lines.append(
            "|".join(
                (
                    ids(nouns, index),
                    ids(ordered(word, "v"), index),
                    ids(derived.get(word, set()), word_index),
                    ids(pertains.get(word, set()), word_index),
                    str(len(nouns) - common) if common < len(nouns) else "",
                    ids({sense_synset[t] for t in first_doing.get(word, ()) if t in sense_synset}, index),
                )
            ).rstrip("|")
        )
    synset_lines = []
    for sid in synset_ids:
        fields = [str(synset_class[sid]), ids(synset_up[sid], index), ids(synset_inst[sid], index)]
        synset_lines.append("|".join(fields).rstrip("|"))
    # "leaves\tnleaf": each lemma after a tab, prefixed with its part of speech.
    form_lines = ["\t".join([form, *sorted(lemmas)]) for form, lemmas in sorted(forms.items())]
    commit = (data / "COMMIT").read_text(encoding="utf-8").strip() if (data / "COMMIT").exists() else ""
    return {
        "format": FORMAT,
        "source": "Open English WordNet",
        "commit": commit,
        "stamp": source_stamp(data),
        "classes": [c.split(".", 1)[1] if c.startswith("noun.") else c for c in classes],
        "synsets": "\n".join(synset_lines),
        "words": "\n".join(word_list),
        "entries": "\n".join(entry_lines),
        "forms": "\n".join(form_lines),
    }


def encode(table: dict) -> bytes:
    """The table as UTF-8 text: a JSON header line, then the sections, apart by :data:`SEPARATOR`.

    Plain text rather than JSON strings: loading is a decode and a few splits, with no unescaping.
    """
    header = {k: v for k, v in table.items() if k not in SECTIONS}
    for section in SECTIONS:
        if SEPARATOR in table[section]:
            raise SystemExit(f"the {section} section holds the separator character; cannot encode")
    parts = [json.dumps(header, ensure_ascii=False, sort_keys=True), *(table[s] for s in SECTIONS)]
    return SEPARATOR.join(parts).encode("utf-8")


def write(table: dict, out: Path) -> int:
    """Write ``table`` gzipped with a fixed header (reproducible bytes); return the file's size."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as handle:
        handle.write(encode(table))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(buffer.getvalue())
    return len(buffer.getvalue())


LICENSE_HEADER = """\
factdiff's lexical table (lexicon_oewn.txt.gz) is derived from Open English WordNet
(John P. McCrae, Alexandre Rademaker, Francis Bond, Ewa Rudnicka and Christiane Fellbaum,
"English WordNet 2019 - An Open-Source WordNet for English", GWC 2019; the Open English WordNet
team, https://en-word.net/), source commit {commit}, which is based on Princeton WordNet 3.1
(WordNet 3.1 Copyright 2011 by Princeton University).
It is licensed under Creative Commons Attribution 4.0 (https://creativecommons.org/licenses/by/4.0/).
Changes: glosses, examples, pronunciations and adverbs were left out; lemmas were lower-cased;
synsets were renumbered; only lexicographer classes, hypernym and instance-hypernym links,
derivational and pertainym links between lemmas and irregular forms were kept, re-encoded by
scripts/build_lexicon.py.
factdiff's table of common words (common_words.txt.gz, built by scripts/build_common_words.py) is
derived from the same source: the one-word lemmas it lists only in lower case.

Open English WordNet's licence notice and the Princeton WordNet licence follow unchanged.

----------------------------------------------------------------------------------------------------

"""


def write_licence(data: Path, out: Path, commit: str) -> None:
    """Write the credit and both licence texts of the source next to the table."""
    texts = [LICENSE_HEADER.format(commit=commit or "unknown")]
    for name in ("LICENSE.md", "WNDB_License.txt"):
        path = data / name
        if not path.exists():
            raise SystemExit(f"{path}: missing; the table cannot ship without the source's licence")
        texts.append(f"==== {name} ====\n\n{path.read_text(encoding='utf-8').rstrip()}\n\n")
    out.write_text("".join(texts).rstrip() + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="OEWN YAML source folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="table to write")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"{args.data}: not a folder (the OEWN YAML source is needed to build the lexicon)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    table = build(args.data)
    size = write(table, args.out)
    write_licence(args.data, args.out.parent / "OEWN-LICENSE.txt", table["commit"])
    words = table["words"].count("\n") + 1
    synsets = table["synsets"].count("\n") + 1
    print(
        f"{args.out}: {size / 1e6:.2f} MB, {words} lemmas, {synsets} noun and verb synsets, "
        f"{table['forms'].count(chr(10)) + 1} irregular forms, built in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

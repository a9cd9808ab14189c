"""Quote, speaker and indirect-speech extraction on PolNeAR (brat .ann: Source, Cue, Content).

Gold units, derived from each annotated attribution:

- **direct quote**: every stretch of a paragraph between paired quotation marks ("...", “...”,
  «...», ‘...’, ''...'', and the mixed "...” that some copy has; an opening mark left unclosed
  runs to the paragraph's end), clipped to the Content fragments of an attribution it overlaps.
  Its words are the clipped parts without marks and edge punctuation: one unit per stretch and
  attribution, however many fragments the annotator cut it into.
- **indirect attribution**: a Content whose words outside quotation marks number 3 or more;
  its words are those outside the quotes (token set over all its fragments).

Matching (the same for both): word tokens (``\\w+``) of a predicted and a gold unit; a pair
matches when the shared tokens are at least half of the larger of the two
(``|P ∩ G| >= 0.5 * max(|P|, |G|)``); pairs are taken one-to-one, best overlap first.

Speaker accuracy is over matched units whose gold attribution has a Source, and is strict: a
quote whose speaker factdiff did not resolve (no speaker, or a bare pronoun) is wrong. Otherwise, by
the kind of gold Source:

- a **name** (its head word, before any comma, "of" or bracket, is capitalised: "Jason Miller", "The
  Post", "Sen. Ann Lee (D-Ore.)"):
  right when the predicted speaker's mention overlaps the Source span, or the predicted speaker is
  the same person by name (factdiff.analyse.names.same_person, or the predicted surname occurs in
  the Source);
- a **pronoun** ("he", "she", "they", "who", ...): right only when the predicted speaker is, by
  name, the nearest *named* Source annotated before it in the same document (the annotation's own
  antecedent; for "he" and "she" not one that names a group by a plural common noun, such as
  "Republicans"). Where the annotation names no one before it, the predicted mention must overlap the
  Source and be resolved to a capitalised name; the bench prints how many quotes were so decided;
- a **description** ("the president", "a source", "the report"): right when the predicted speaker
  is, by name, the nearest named Source before it, or its mention overlaps the Source span.

Rows: factdiff; a naive baseline run here on the same texts (every quoted stretch, speaker = the
nearest name after or before it in its sentence); and the Gender Gap Tracker's published figures
on its own data (quote F1 83.7, speaker accuracy 86.5; not rerun here: its pipeline needs spaCy
models and coreference this machine does not have). The last line is machine-readable.

Documents annotated by several annotators use the annotation with the most Content spans.

Usage: python bench/quotes.py [--data ../shared/data/polnear/dev] [--errors N]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devsplit import PARTS, SUBPARTS, part_of, subpart_of
from factdiff.analyse.lexicon import is_common_word
from factdiff.analyse.names import name_parts, same_person
from factdiff.analyse.people import find_people
from factdiff.analyse.quotes import match_quotes
from factdiff.analyse.text import split_sentences
from factdiff.model import Article

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear" / "dev"

#: Overlap needed for a predicted unit to match a gold one (shared tokens / larger unit).
MATCH_OVERLAP = 0.5
#: Published by the Gender Gap Tracker (Asr et al., PLOS ONE 2021) on its own annotated set.
GGT_QUOTE_F1 = 83.7
GGT_SPEAKER_ACC = 86.5

_TOKEN = re.compile(r"\w+")
_QUOTED = re.compile(
    r"''[^\n]*?''|``[^\n]*?''|\"[^\"“”\n]*”|“[^“”\"\n]*\"|\"[^\"\n]*\"|“[^”\n]*”|«[^»\n]*»|‘[^’\n]*’(?![\w])"
)
_OPENING = re.compile(r"[\"“«]|''|``")
_EDGE = " \t\n\"“”«»‘’',.;:…"


@dataclass
class Unit:
    tokens: frozenset[int]  # start offsets of the unit's word tokens
    span: tuple[int, int]
    sources: list[tuple[int, int]] = field(default_factory=list)  # gold Source spans
    speaker: str | None = None  # predicted: resolved speaker
    speaker_span: tuple[int, int] | None = None  # predicted: speaker mention


@dataclass
class Doc:
    name: str
    text: str
    direct: list[Unit]
    indirect: list[Unit]
    sources: list[tuple[int, int]] = field(default_factory=list)  # every gold Source span of the document


def _tokens(text: str, start: int, end: int) -> frozenset[int]:
    return frozenset(m.start() for m in _TOKEN.finditer(text, start, end))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _quoted_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quoted stretches inside [start, end) (with their marks); an unclosed one runs to ``end``."""
    out: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        m = _QUOTED.search(text, pos, end)
        opening = _OPENING.search(text, pos, end)
        if m and (opening is None or m.start() <= opening.start()):
            out.append((m.start(), m.end()))
            pos = m.end()
        elif opening:
            out.append((opening.start(), end))
            break
        else:
            break
    return out


def _paragraph_quotes(text: str) -> list[tuple[int, int]]:
    out = []
    for line in re.finditer(r"[^\n]+", text):
        out.extend(_quoted_in(text, line.start(), line.end()))
    return out


def load_ann(path: Path, text: str) -> tuple[list[Unit], list[Unit]]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, ranges = parts[1].partition(" ")
            frags = [tuple(int(x) for x in r.split()) for r in ranges.split(";")]
            spans[parts[0]] = (label, [(a, b) for a, b in frags])
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(item.split(":", 1) for item in parts[1].split() if ":" in item)
            relations.append({role: ref for role, ref in roles.items()})
    direct: list[Unit] = []
    indirect: list[Unit] = []
    stretches = _paragraph_quotes(text)
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if not content:
            continue
        sources = spans[rel["Source"]][1] if rel.get("Source") in spans else []
        quoted_tokens: set[int] = set()
        all_tokens: set[int] = set()
        pieces: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)  # stretch -> clipped parts
        for a, b in content[1]:
            all_tokens |= _tokens(text, a, b)
            for q_start, q_end in stretches:
                if q_end <= a or b <= q_start:
                    continue
                clipped = _strip(text, max(q_start, a), min(q_end, b))
                if _tokens(text, *clipped):
                    pieces[(q_start, q_end)].append(clipped)
                    quoted_tokens |= _tokens(text, max(q_start, a), min(q_end, b))
        for parts in pieces.values():
            # One quoted stretch is one unit, however many Content fragments the annotator cut it into.
            toks = frozenset().union(*(_tokens(text, s, e) for s, e in parts))
            direct.append(Unit(tokens=toks, span=(parts[0][0], parts[-1][1]), sources=sources))
        rest = frozenset(all_tokens - quoted_tokens)
        if len(rest) >= 3:
            frags = content[1]
            indirect.append(Unit(tokens=rest, span=(frags[0][0], frags[-1][1]), sources=sources))
    return direct, indirect


def load(data: Path) -> list[Doc]:
    docs = []
    anns: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((data / "attributions").glob("*.ann")):
        anns[ann.stem.rsplit("_", 1)[0]].append(ann)
    for txt in sorted((data / "text").glob("*.txt")):
        candidates = anns.get(txt.stem)
        if not candidates:
            continue
        text = txt.read_text(encoding="utf-8")
        best = max(candidates, key=lambda p: p.read_text(encoding="utf-8").count("\tContent "))
        direct, indirect = load_ann(best, text)
        sources = sorted({span for unit in (*direct, *indirect) for span in unit.sources})
        docs.append(Doc(txt.stem, text, direct, indirect, sources))
    return docs


# --- systems --------------------------------------------------------------------------------------


def factdiff_units(text: str) -> tuple[list[Unit], list[Unit]]:
    article = Article(text=text)
    sentences = split_sentences(text)
    people = find_people(article, sentences)
    direct, indirect = [], []
    for m in match_quotes(article, sentences, people):
        if m.end <= m.start:
            continue
        speaker_span = (m.speaker_start, m.speaker_end) if m.speaker_start >= 0 else None
        unit = Unit(
            tokens=_tokens(text, m.start, m.end), span=(m.start, m.end), speaker=m.speaker, speaker_span=speaker_span
        )
        (direct if m.direct else indirect).append(unit)
    quoted = [_tokens(text, u.span[0], u.span[1]) for u in direct]
    for unit in indirect:
        for q in quoted:
            if q <= unit.tokens:
                unit.tokens = frozenset(unit.tokens - q)
    return direct, indirect


_NAIVE_NAME = re.compile(r"\b(?:[A-Z][a-z]+ )*[A-Z][a-z]+\b|\b(?:he|she)\b")


def naive_units(text: str) -> tuple[list[Unit], list[Unit]]:
    """The baseline: every quoted stretch; speaker = nearest name after it, else before it, in 80 chars."""
    out = []
    for line in re.finditer(r"[^\n]+", text):
        for q_start, q_end in _quoted_in(text, line.start(), line.end()):
            s, e = _strip(text, q_start, q_end)
            toks = _tokens(text, s, e)
            if not toks:
                continue
            after = _NAIVE_NAME.search(text, q_end, min(line.end(), q_end + 80))
            before = list(_NAIVE_NAME.finditer(text, max(line.start(), q_start - 80), q_start))
            hit = after or (before[-1] if before else None)
            unit = Unit(tokens=toks, span=(s, e))
            if hit:
                unit.speaker, unit.speaker_span = hit.group(), (hit.start(), hit.end())
            out.append(unit)
    return out, []


# --- scoring --------------------------------------------------------------------------------------


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    spk_ok: int = 0
    spk_n: int = 0
    undecided: list[int] = field(default_factory=list)  # pronoun Sources with no named antecedent
    errors: list[str] = field(default_factory=list)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return 100 * p, 100 * r, (200 * p * r / (p + r) if p + r else 0.0)

    def speaker_acc(self) -> float:
        return 100 * self.spk_ok / self.spk_n if self.spk_n else 0.0


_PRONOUNS = frozenset("he she they i we you it who which that him her them his their its one".split())
_HEAD_END = re.compile(r",| of\b| who\b| which\b")
_BRACKETED = re.compile(r"\s*\([^()]*\)")  # "Sen. Ann Lee (D-Ore.)": the head is before the brackets


def source_kind(source: str) -> str:
    """``"pronoun"``, ``"name"`` or ``"description"``: how a gold Source names its speaker."""
    words = source.split()
    if not words:
        return "description"
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return "pronoun"
    head = _HEAD_END.split(_BRACKETED.sub("", source), maxsplit=1)[0].split()
    return "name" if head and head[-1][:1].isupper() and len(head[-1]) > 1 else "description"


def _same_by_name(speaker: str, source: str) -> bool:
    if same_person(speaker, source):
        return True
    last = name_parts(speaker)[1]
    return bool(last) and re.search(rf"\b{re.escape(last)}\b", source) is not None


def _group(source: str) -> bool:
    """A Source that names a group by a plural common noun ("Republicans", "Senate Democrats")."""
    head = _HEAD_END.split(_BRACKETED.sub("", source), maxsplit=1)[0].split()[-1]
    return head.endswith("s") and not head.endswith("ss") and is_common_word(head[:-1])


def _antecedent(doc: Doc, start: int, pronoun: str = "") -> str | None:
    """The nearest Source before ``start`` in the document's annotation that is a name; for "he" and
    "she", one that does not name a group."""
    best: tuple[int, int] | None = None
    for a, b in doc.sources:
        source = doc.text[a:b]
        if b > start or source_kind(source) != "name" or (best is not None and a <= best[0]):
            continue
        if pronoun in ("he", "she") and _group(source):
            continue
        best = (a, b)
    return doc.text[best[0] : best[1]] if best else None


def speaker_right(doc: Doc, pred: Unit, gold: Unit, undecided: list[int] | None = None) -> bool:
    """Whether ``pred`` names the speaker of ``gold`` (strict; see the module doc)."""
    speaker = (pred.speaker or "").strip()
    if not speaker or speaker.lower() in _PRONOUNS:
        return False
    overlaps = pred.speaker_span is not None and any(
        a < pred.speaker_span[1] and pred.speaker_span[0] < b for a, b in gold.sources
    )
    for a, b in gold.sources:
        source = doc.text[a:b]
        kind = source_kind(source)
        if kind == "name":
            if overlaps or _same_by_name(speaker, source):
                return True
            continue
        antecedent = _antecedent(doc, a, source.strip().lower())
        if antecedent is not None and _same_by_name(speaker, antecedent):
            return True
        if kind == "description" and overlaps:
            return True
        if kind == "pronoun" and antecedent is None:
            if undecided is not None:
                undecided.append(1)
            if overlaps and speaker[:1].isupper():
                return True
    return False


def score(doc: Doc, pred: list[Unit], gold: list[Unit], into: Score, label: str) -> None:
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            shared = len(p.tokens & g.tokens)
            if shared and shared >= MATCH_OVERLAP * max(len(p.tokens), len(g.tokens)):
                pairs.append((shared / max(len(p.tokens), len(g.tokens)), i, j))
    used_p, used_g = set(), set()
    for _, i, j in sorted(pairs, reverse=True):
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        into.tp += 1
        if gold[j].sources:
            into.spk_n += 1
            if speaker_right(doc, pred[i], gold[j], into.undecided):
                into.spk_ok += 1
            else:
                src = "; ".join(doc.text[a:b] for a, b in gold[j].sources)
                into.errors.append(
                    f"{label} SPEAKER {doc.name}: got {pred[i].speaker!r}, gold {src!r}: "
                    f"{doc.text[pred[i].span[0] : pred[i].span[1]][:80]!r}"
                )
    into.fp += len(pred) - len(used_p)
    into.fn += len(gold) - len(used_g)
    for i, p in enumerate(pred):
        if i not in used_p:
            into.errors.append(f"{label} FP {doc.name}: {doc.text[p.span[0] : p.span[1]][:100]!r}")
    for j, g in enumerate(gold):
        if j not in used_g:
            into.errors.append(f"{label} FN {doc.name}: {doc.text[g.span[0] : g.span[1]][:100]!r}")


def run(docs: list[Doc]) -> tuple[Score, Score, Score, float]:
    """factdiff (direct, indirect) and the naive baseline scored on ``docs``, and factdiff's CPU seconds."""
    ours_d, ours_i, naive_d = Score(), Score(), Score()
    cpu = 0.0
    for doc in docs:
        t0 = time.process_time()
        direct, indirect = factdiff_units(doc.text)
        cpu += time.process_time() - t0
        score(doc, direct, doc.direct, ours_d, "direct")
        score(doc, indirect, doc.indirect, ours_i, "indirect")
        score(doc, naive_units(doc.text)[0], doc.direct, naive_d, "naive")
    return ours_d, ours_i, naive_d, cpu


def split_docs(docs: list[Doc]) -> dict[str, list[Doc]]:
    """The documents of each part of the development half (``bench/devsplit.py``), and all of them."""
    parts: dict[str, list[Doc]] = {name: [] for name in (*PARTS, *SUBPARTS)}
    for doc in docs:
        parts[part_of(doc.name)].append(doc)
        sub = subpart_of(doc.name)
        if sub is not None:
            parts[sub].append(doc)
    return {**parts, "all": docs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR folder with text/ and attributions/")
    parser.add_argument(
        "--part", choices=[*PARTS, *SUBPARTS, "all"], default=None, help="score one part only (default: each)"
    )
    parser.add_argument("--errors", type=int, default=0, help="print this many errors of each kind (first part)")
    args = parser.parse_args()
    docs = load(args.data)
    if not docs:
        raise SystemExit(f"no PolNeAR documents under {args.data}")
    parts = split_docs(docs)
    names = [args.part] if args.part else [*PARTS, "all"]
    results = {name: run(parts[name]) for name in names}
    if args.errors:
        for s in results[names[0]][:2]:
            by_kind: dict[str, list[str]] = defaultdict(list)
            for e in s.errors:
                by_kind[e.split(" ", 2)[1]].append(e)
            for kind, errs in by_kind.items():
                print(f"{kind} ({len(errs)}):")
                for e in errs[: args.errors]:
                    print("  " + e)
        print()
    everything = results[names[-1]]
    chosen = parts[names[-1]]
    words = sum(len(_TOKEN.findall(d.text)) for d in chosen)
    print(
        f"PolNeAR {args.data.name}: {len(docs)} articles ({', '.join(f'{n} {len(parts[n])}' for n in PARTS)} "
        f"by bench/devsplit.py); a match shares >= {MATCH_OVERLAP:.0%} of the larger unit's tokens; strict speakers; "
        f"factdiff people+quotes ran at {len(chosen) / everything[3]:.0f} articles/s on one core ({words} words)"
    )
    header = f"{'part':<7} {'system':<27} {'units':<9} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8} {'n':>5}"
    print(header)
    print("-" * len(header))
    for name in names:
        ours_d, ours_i, naive_d, _ = results[name]
        n_direct = sum(len(d.direct) for d in parts[name])
        n_indirect = sum(len(d.indirect) for d in parts[name])
        for system, kind, s, n in (
            ("factdiff", "direct", ours_d, n_direct),
            ("factdiff", "indirect", ours_i, n_indirect),
            ("naive baseline (same run)", "direct", naive_d, n_direct),
        ):
            p, r, f = s.prf()
            cells = f"{p:6.1f} {r:6.1f} {f:6.1f} {s.speaker_acc():7.1f}% {s.spk_n:>5}"
            print(f"{name:<7} {system:<27} {kind:<9} {n:>5} {cells}")
    ggt = "Gender Gap Tracker (published, own data)"
    print(f"{ggt:<51} {'':>5} {'':>6} {'':>6} {GGT_QUOTE_F1:6.1f} {GGT_SPEAKER_ACC:7.1f}%")
    print(f"pronoun Sources with no named antecedent in the annotation: {len(everything[0].undecided)}")
    print(f"quote_f1={everything[0].prf()[2]:.1f} speaker_acc={everything[0].speaker_acc():.1f}")


if __name__ == "__main__":
    main()

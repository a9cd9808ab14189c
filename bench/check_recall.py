"""Recall of `factdiff check` on the answer keys of the shared stories.

For every report of every story, each quantity, date and speaker-title fact of ``answers.json``
(the report's own facts and those of its embedded posts) is looked for among the claims that
``factdiff check`` finds:

- a quantity fact is found when a quantity (or, for a length of time, a duration) with the same
  value overlaps the fact's words in the article text;
- a date fact (a year counts as one) when a date claim with the same ISO value overlaps them (or, failing that, anywhere
  in the article: weekday-only facts such as "said Thursday" have short surfaces);
- a speaker-title fact when a person (or a quote's speaker) that is the same person carries the
  same title, compared without case and with title acronyms spelled out ("CEO").

Usage: python bench/check_recall.py [--data ../shared/data/stories] [--misses]
Prints one table (story, facts by kind, found, recall) and a last line ``recall=..``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from factdiff.analyse import analyse
from factdiff.model import Analysis, DateClaim, Duration, Person, Quantity, Quote
from factdiff.read import read_inputs

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "stories"
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")
_TIME_UNITS = {
    "day": "D",
    "days": "D",
    "week": "W",
    "weeks": "W",
    "month": "M",
    "months": "M",
    "year": "Y",
    "years": "Y",
}


@dataclass
class Outcome:
    story: str
    file: str
    kind: str
    fact: dict
    found: bool


def fact_kind(fact: dict) -> str | None:
    """quantity, date or speaker_title for the facts this measure covers; None for the others."""
    if fact.get("slot") == "speaker_title":
        return "speaker_title"
    value = fact.get("value")
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        return "date" if _ISO_DATE.match(value) else None
    if isinstance(value, int | float):
        # A year ("opened in 1987") is a date to factdiff, never a count.
        return "date" if fact.get("unit") == "year" else "quantity"
    return None


def _spans(text: str, surface: str) -> list[tuple[int, int]]:
    spans = []
    start = text.find(surface)
    while start >= 0:
        spans.append((start, start + len(surface)))
        start = text.find(surface, start + 1)
    return spans


def _overlaps(claim_start: int, claim_end: int, spans: list[tuple[int, int]]) -> bool:
    return any(claim_start < e and s < claim_end for s, e in spans)


def _same_value(a: float | None, b: float) -> bool:
    return a is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))


def found_quantity(analysis: Analysis, fact: dict, spans: list[tuple[int, int]]) -> bool:
    value = float(fact["value"])
    high = fact.get("high")
    unit = str(fact.get("unit") or "").lower()
    for claim in analysis.claims:
        if not _overlaps(claim.start, claim.end, spans):
            continue
        if isinstance(claim, Quantity):
            if _same_value(claim.value, value) or _same_value(claim.low, value) or _same_value(claim.high, value):
                return True
            if high is not None and _same_value(claim.high, float(high)):
                return True
        if isinstance(claim, Duration) and unit in _TIME_UNITS and _same_value(claim.amount, value):
            return True
    return False


def found_date(analysis: Analysis, fact: dict, spans: list[tuple[int, int]]) -> bool:
    want = str(fact["value"])
    dates = [c for c in analysis.claims if isinstance(c, DateClaim) and c.value == want]
    return any(_overlaps(c.start, c.end, spans) for c in dates) or (not spans and bool(dates))


def _norm_title(title: str | None) -> str:
    """Titles compared in one spelling: case, hyphens and title acronyms ("CEO") do not count."""
    from factdiff.analyse.people import normalise_title

    return " ".join(normalise_title(title or "").lower().replace("-", " ").split())


def found_title(analysis: Analysis, fact: dict) -> bool:
    try:
        from factdiff.analyse.names import same_person
    except ImportError:  # the name matcher is optional for this measure

        def same_person(a: str, b: str) -> bool:
            return a.split()[-1] == b.split()[-1]

    want = _norm_title(fact.get("title"))
    for claim in analysis.claims:
        if isinstance(claim, Person):
            name, title = claim.name, claim.title
        elif isinstance(claim, Quote) and claim.speaker:
            name, title = claim.speaker, claim.speaker_title
        else:
            continue
        if name and same_person(name, fact["person"]) and _norm_title(title) == want:
            return True
    return False


def measure(data: Path) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for key_path in sorted(data.glob("*/answers.json")):
        key = json.loads(key_path.read_text(encoding="utf-8"))
        story = key_path.parent.name
        for entry in key["articles"]:
            path = key_path.parent / entry["file"]
            article = next(item for item in read_inputs([str(path)]))
            if not hasattr(article, "text"):
                raise SystemExit(f"{path}: could not be read: {article}")
            analysis = analyse(article)
            facts = list(entry.get("facts", []))
            for post in entry.get("embedded_posts", []):
                facts += post.get("facts", [])
            for fact in facts:
                kind = fact_kind(fact)
                if kind is None:
                    continue
                spans = _spans(article.text, fact.get("surface", ""))
                if kind == "quantity":
                    ok = found_quantity(analysis, fact, spans)
                elif kind == "date":
                    ok = found_date(analysis, fact, spans)
                else:
                    ok = found_title(analysis, fact)
                outcomes.append(Outcome(story, entry["file"], kind, fact, ok))
    return outcomes


def table(outcomes: list[Outcome]) -> tuple[str, float]:
    kinds = ("quantity", "date", "speaker_title")
    rows: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for o in outcomes:
        for story in (o.story, "all"):
            for kind in (o.kind, "total"):
                cell = rows[story][kind]
                cell[0] += o.found
                cell[1] += 1
    header = f"{'story':<15}" + "".join(f"{k:>18}" for k in (*kinds, "total")) + f"{'recall':>9}"
    lines = [header, "-" * len(header)]
    for story in [*sorted(s for s in rows if s != "all"), "all"]:
        cells = "".join(
            f"{rows[story][k][0]:>8}/{rows[story][k][1]:<3} {_pct(rows[story][k]):>5}" for k in (*kinds, "total")
        )
        lines.append(f"{story:<15}{cells}{_pct(rows[story]['total']):>9}")
    total = rows["all"]["total"]
    return "\n".join(lines), total[0] / total[1] if total[1] else 0.0


def _cell(cell: list[int]) -> str:
    return f"{cell[0]:>8}/{cell[1]:<3} {_pct(cell):>5}"


def _pct(cell: list[int]) -> str:
    return f"{100 * cell[0] / cell[1]:.1f}" if cell[1] else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--misses", action="store_true", help="list the facts that were not found")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no stories at {args.data}", file=sys.stderr)
        return 2
    outcomes = measure(args.data)
    text, recall = table(outcomes)
    print(text)
    if args.misses:
        for o in outcomes:
            if not o.found:
                want = o.fact.get("value", o.fact.get("title"))
                print(f"  miss {o.story}/{o.file} {o.kind}: {o.fact.get('surface')!r} = {want}")
    print(f"recall={recall:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

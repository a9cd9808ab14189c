"""factdiff's date and duration finder on the Microsoft Recognizers-Text English DateTime specs.

The spec files used are the four that match what factdiff finds: single dates and lengths of time.

- ``DateExtractor.json`` / ``DurationExtractor.json``: a case passes when the texts of the date (day
  granularity) or duration claims factdiff finds in the input are exactly the expected results'
  texts, no more and no fewer. Cases with no expected result pass when nothing is found.
- ``DateParser.json`` / ``DurationParser.json``: a case passes when, for every expected result, a claim
  of that kind with the same text (ignoring case: one spec result lower-cases its input's "June") has
  the expected value for the case's reference date: for a date,
  the ISO date equals the spec's future or past resolution (factdiff resolves a bare "Friday" to the
  past one, as news does; the spec gives both); for a duration, the ISO duration equals the spec's
  timex. The spec marks an impossible date ("Feb 30") with the resolution 0001-01-01: that case
  passes when factdiff finds the text and gives it no value.

Skipped spec files (not in factdiff's scope, and not in the shared data): time, time period, date
period, date-time, date-time period, set ("every Monday"), holiday and merged-model specs.

Every case counts in ``total``. :data:`REJECTED` lists the cases factdiff fails on purpose, with the
reason; the table shows how many failures they explain. The peer, dateparser (``search_dates`` for
extraction, ``parse`` for the parser cases, both with the case's reference date), runs on the date
files in the same run; it has no duration parser.

The last row is speed on whole news reports: the reports of the shared stories (``--stories``),
CPU milliseconds per report for factdiff's ``find_dates`` and for dateparser's ``search_dates``.

Usage: python bench/recognizers_datetime.py --data ../shared/data/recognizers [--stories DIR] [--misses]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from factdiff.analyse.dates import find_dates
from factdiff.analyse.text import split_sentences
from factdiff.model import Article, Claim, DateClaim, Duration

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "recognizers"
DEFAULT_STORIES = DEFAULT_DATA.parent / "stories"
SPEC_FILES = ("DateExtractor.json", "DateParser.json", "DurationExtractor.json", "DurationParser.json")
#: Reference date for extractor cases that give none (the parser specs' usual one).
DEFAULT_REFERENCE = "2016-11-07"

_INFORMAL_DAY = "a day said without a date ('the day', 'my day', 'last day') is not a checkable date in news"
_STORY_RELATIVE = "relative to an event of the story, not to the publication: found, but given no value"
_IN_DURATION = "'in N days' without a future verb is a length of time in news ('500 arrests in 4 days')"
_NOT_A_DATE_ALONE = "a weekday joined to a date it contradicts; factdiff keeps them together for date_changed"
_BAD_YEAR = "'2 ys' is not an abbreviation of years in English news"
_TWENTY_AND_FOUR = "'twenty and four hours' reads as two numbers in news"

#: (spec file, input) -> why factdiff does not give the spec's answer.
REJECTED: dict[tuple[str, str], str] = {
    ("DateExtractor.json", "i'll go back the day"): _INFORMAL_DAY,
    ("DateExtractor.json", "i'll go back last day"): _INFORMAL_DAY,
    ("DateExtractor.json", "i'll go back the last day"): _INFORMAL_DAY,
    ("DateExtractor.json", "Cortana, please set up a Skype call sometime in two business days."): _IN_DURATION,
    (
        "DateExtractor.json",
        "Cortana, please set up a Skype call sometime this friday june twenty three with Jim",
    ): _NOT_A_DATE_ALONE,
    ("DateParser.json", "What does my day look like?"): _INFORMAL_DAY,
    ("DateParser.json", "I'll go back this day"): _INFORMAL_DAY,
    ("DateParser.json", "I'll go back past day"): _INFORMAL_DAY,
    ("DateParser.json", "I'll go back the day"): _INFORMAL_DAY,
    ("DateParser.json", "I'll go back last day"): _INFORMAL_DAY,
    ("DateParser.json", "I'll go back the last day"): _INFORMAL_DAY,
    ("DateParser.json", "I'll go back the next day"): _STORY_RELATIVE,
    ("DateParser.json", "I'll go back next day"): _STORY_RELATIVE,
    ("DateParser.json", "I will leve here 2 years 21 days later"): _STORY_RELATIVE,
    ("DateParser.json", "Cortana, please set up a Skype call sometime in four business days."): _IN_DURATION,
    ("DurationExtractor.json", "we've been in pakistan for 2ys"): _BAD_YEAR,
    ("DurationExtractor.json", "the project estimative is a 2 ys duration"): _BAD_YEAR,
    ("DurationExtractor.json", "I'll leave for twenty and four hours"): _TWENTY_AND_FOUR,
    ("DurationParser.json", "I'll leave for twenty and four hours"): _TWENTY_AND_FOUR,
}

#: Recognizers' resolution for an impossible date.
_IMPOSSIBLE = "0001-01-01"


@dataclass(slots=True)
class Case:
    file: str
    input: str
    reference: str
    results: list[dict]


def spec_dir(data_dir: Path) -> Path:
    """The English DateTime folder, given it or the recognizers folder above it."""
    for candidate in (data_dir / "DateTime" / "English", data_dir / "English", data_dir):
        if (candidate / SPEC_FILES[0]).exists():
            return candidate
    raise FileNotFoundError(f"no Recognizers-Text DateTime specs under {data_dir}")


def load_cases(data_dir: Path, name: str) -> list[Case]:
    raw = json.loads((spec_dir(data_dir) / name).read_text(encoding="utf-8"))
    cases = []
    for item in raw:
        reference = (item.get("Context") or {}).get("ReferenceDateTime") or DEFAULT_REFERENCE
        cases.append(Case(name, item["Input"], reference[:10], list(item.get("Results") or [])))
    return cases


def claims_of(case: Case) -> list[Claim]:
    article = Article(text=case.input, published=case.reference)
    return find_dates(article, split_sentences(case.input))


def _day_dates(claims: list[Claim]) -> list[DateClaim]:
    return [c for c in claims if isinstance(c, DateClaim) and c.granularity == "day"]


def _durations(claims: list[Claim]) -> list[Duration]:
    return [c for c in claims if isinstance(c, Duration)]


def passes(case: Case, claims: list[Claim]) -> bool:
    """Whether factdiff's claims for one case give the spec's answer (see the module docstring)."""
    wanted = case.results
    if case.file.startswith("Date"):
        mine: list[DateClaim] | list[Duration] = _day_dates(claims)
    else:
        mine = _durations(claims)
    if "Extractor" in case.file:
        return sorted(c.text for c in mine) == sorted(r["Text"] for r in wanted)
    for result in wanted:
        value = result.get("Value") or result.get("Resolution") or {}
        same_text = [c for c in mine if c.text.lower() == result["Text"].lower()]
        if case.file.startswith("Date"):
            options = {(value.get(k) or {}).get("date") for k in ("FutureResolution", "PastResolution")}
            if _IMPOSSIBLE in options:
                ok = any(c.value is None for c in same_text)
            else:
                ok = any(c.value in options for c in same_text)
        else:
            ok = any(c.value == value.get("Timex") for c in same_text)
        if not ok:
            return False
    return True


def _peer_dateparser() -> Callable[[Case], bool] | None:
    """dateparser on a date case, or None when it is not installed."""
    try:
        import dateparser
        from dateparser.search import search_dates
    except ImportError:
        return None

    def run(case: Case) -> bool:
        settings = {"RELATIVE_BASE": datetime.fromisoformat(case.reference)}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if "Extractor" in case.file:
                found = search_dates(case.input, languages=["en"], settings=settings) or []
                return sorted(text for text, _ in found) == sorted(r["Text"] for r in case.results)
            for result in case.results:
                value = result.get("Value") or {}
                options = {(value.get(k) or {}).get("date") for k in ("FutureResolution", "PastResolution")}
                parsed = dateparser.parse(result["Text"], languages=["en"], settings=settings)
                got = parsed.date().isoformat() if parsed else None
                if _IMPOSSIBLE in options and got is None:
                    continue
                if got not in options:
                    return False
            return True

    return run


@dataclass(slots=True)
class Row:
    file: str
    passed: int
    total: int
    rejected: int  # failures that REJECTED explains
    seconds: float
    peer_passed: int | None = None
    peer_seconds: float | None = None


def measure(data_dir: Path, with_peer: bool = True, misses: list[str] | None = None) -> list[Row]:
    peer = _peer_dateparser() if with_peer else None
    rows = []
    for name in SPEC_FILES:
        cases = load_cases(data_dir, name)
        passed = rejected = 0
        start = time.process_time()
        outcomes = [(case, passes(case, claims_of(case))) for case in cases]
        seconds = time.process_time() - start
        for case, ok in outcomes:
            passed += ok
            if not ok and (name, case.input) in REJECTED:
                rejected += 1
            elif not ok and misses is not None:
                misses.append(f"{name}: {case.input!r} -> {[(c.text, _value(c)) for c in claims_of(case)]}")
        row = Row(name, passed, len(cases), rejected, seconds)
        if peer is not None and name.startswith("Date"):
            start = time.process_time()
            row.peer_passed = sum(peer(case) for case in cases)
            row.peer_seconds = time.process_time() - start
        rows.append(row)
    return rows


def _value(claim: Claim) -> str | None:
    return getattr(claim, "value", None)


def run_datetime(data_dir: Path) -> list[tuple[str, int, int]]:
    """(spec file, passed, total) for the date and duration spec files, factdiff only."""
    return [(row.file, row.passed, row.total) for row in measure(data_dir, with_peer=False)]


def story_speed(stories: Path, with_peer: bool = True) -> tuple[int, float, float | None]:
    """(reports, factdiff ms per report, dateparser ms per report or None) on the stories' reports."""
    from factdiff.read import read_inputs

    paths = [str(p) for p in sorted(stories.glob("*/*.txt"))]
    articles = [a for a in read_inputs(paths) if isinstance(a, Article)]
    if not articles:
        return 0, 0.0, None
    sentences = [split_sentences(a.text) for a in articles]
    repeat = 20
    start = time.process_time()
    for _ in range(repeat):
        for article, spans in zip(articles, sentences, strict=True):
            find_dates(article, spans)
    mine = 1000 * (time.process_time() - start) / (repeat * len(articles))
    peer = None
    if with_peer and _peer_dateparser() is not None:
        from dateparser.search import search_dates

        start = time.process_time()
        for article in articles:
            base = datetime.fromisoformat(article.published or DEFAULT_REFERENCE)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                search_dates(article.text, languages=["en"], settings={"RELATIVE_BASE": base})
        peer = 1000 * (time.process_time() - start) / len(articles)
    return len(articles), mine, peer


def table(rows: list[Row], speed: tuple[int, float, float | None] | None = None) -> str:
    header = (
        f"{'spec file':<24}{'factdiff':>10}{'%':>7}{'rejected':>10}{'% of rest':>11}{'ms/case':>9}"
        f"{'dateparser':>12}{'%':>7}{'ms/case':>9}"
    )
    lines = [header, "-" * len(header)]
    totals = [0, 0, 0]
    for row in rows:
        rest = row.total - row.rejected
        peer = (
            f"{row.peer_passed:>12}{100 * row.peer_passed / row.total:>7.1f}{1000 * row.peer_seconds / row.total:>9.2f}"
            if row.peer_passed is not None and row.peer_seconds is not None
            else f"{'-':>12}{'-':>7}{'-':>9}"
        )
        lines.append(
            f"{row.file:<24}{f'{row.passed}/{row.total}':>10}{100 * row.passed / row.total:>7.1f}{row.rejected:>10}"
            f"{100 * row.passed / rest:>11.1f}{1000 * row.seconds / row.total:>9.2f}{peer}"
        )
        totals[0] += row.passed
        totals[1] += row.total
        totals[2] += row.rejected
    passed, total, rejected = totals
    lines.append(
        f"{'all':<24}{f'{passed}/{total}':>10}{100 * passed / total:>7.1f}{rejected:>10}"
        f"{100 * passed / (total - rejected):>11.1f}"
    )
    if speed is not None and speed[0]:
        reports, mine, peer = speed
        label = f"{reports} story reports"
        peer_cells = f"{'':>12}{'':>7}{peer:>9.2f}" if peer is not None else ""
        lines.append(f"{label:<24}{'':>10}{'':>7}{'':>10}{'':>11}{mine:>9.2f}{peer_cells}   (ms/report)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the recognizers folder (or DateTime/English)")
    parser.add_argument("--stories", type=Path, default=DEFAULT_STORIES, help="reports timed for the speed row")
    parser.add_argument("--no-peer", action="store_true", help="leave dateparser out")
    parser.add_argument("--misses", action="store_true", help="list the failed cases that REJECTED does not explain")
    args = parser.parse_args(argv)
    try:
        spec_dir(args.data)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    misses: list[str] | None = [] if args.misses else None
    rows = measure(args.data, with_peer=not args.no_peer, misses=misses)
    speed = story_speed(args.stories, with_peer=not args.no_peer) if args.stories.is_dir() else None
    print(table(rows, speed))
    for line in misses or []:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

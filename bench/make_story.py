"""A large synthetic story built at run time from a shared story, with its own answer key, then
compared: the time ``factdiff compare`` takes and its divergence precision and recall.

Usage: python bench/make_story.py [--story safe-city] [--reports 500] [--seed 7] [--out DIR]

The primary sources are kept as they are. Every other report is a clean report of the story
(one the key gives no divergence) with its wording varied (its paragraphs reordered, a headline
and outlet of its own, paragraphs of colour added) and, in most of them, one or two divergences
injected at a fact the key locates: a changed number, an unhedged rounding, a swapped counted
noun or place, a changed title, weekday or year, a wrong percentage, an altered quote. A few are
syndicated copies of an earlier report. The injected divergences are the answer key. Nothing is
written to the repository: the story goes to a temporary folder unless --out is given.

The peer in the same run is the naive baseline of bench/stories.py (every number that is not in
the source is a ``number_changed``). Run on one core (numpy and BLAS limited to one thread).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stories import DEFAULT, naive_baseline, score

TYPES = (
    "number_changed",
    "rounded_unhedged",
    "unit_swap",
    "entity_swap",
    "title_changed",
    "date_changed",
    "percent_wrong",
    "quote_altered",
)
COLOUR = (
    "Officials did not immediately respond to a request for further comment.",
    "The announcement drew quick reactions from residents and local groups.",
    "Reporters who asked for more detail were pointed to the written statement.",
    "Several people interviewed on Friday said they had not yet heard the news.",
    "The story has been updated with additional background.",
    "Community groups said they would hold a meeting to discuss what comes next.",
)
OUTLETS = ("Herald", "Courier", "Gazette", "Dispatch", "Observer", "Bulletin", "Ledger", "Record", "Tribune", "Post")
TOWNS = ("Ashgrove", "Bellmont", "Cedar Falls", "Dunmore", "Elmhurst", "Fairhaven", "Glenrock", "Harlow", "Ivydale")
SWAP_PLACES = ("Riverton", "Lakemont", "Fairview", "Milltown", "Oakridge", "Stonebridge")
SWAP_NOUNS = ("cities", "businesses", "vehicles", "schools", "contracts", "households")
QUOTE_WORDS = ("dangerous", "illegal", "reckless", "temporary", "secret", "unfair")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TITLE_SWAPS = {
    "coordinator": "director",
    "director": "coordinator",
    "commissioner": "director",
    "president": "vice president",
}
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _parse(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    title = lines[0]
    source = next(line for line in lines if line.startswith("Source:"))
    published = next(line for line in lines if line.startswith("Published:"))
    start = lines.index(published) + 1
    body = "\n".join(lines[start:]).strip("\n")
    return {"title": title, "source": source, "published": published.split(":", 1)[1].strip(), "body": body}


def _fmt(value: float, like: str) -> str:
    text = f"{value:,.1f}" if "." in like else f"{round(value):,}"
    return text if "," in like or value < 1000 else text.replace(",", "")


def _number_changed(surface: str, rng: random.Random) -> str | None:
    m = NUMBER.search(surface)
    if not m:
        return None
    token = m.group()
    value = float(token.replace(",", ""))
    digits = token.replace(",", "").replace(".", "")
    if value < 10 or len(set(digits)) < 2:
        return None
    swapped = token[:-2] + token[-1] + token[-2] if token[-2].isdigit() and token[-1] != token[-2] else None
    if swapped and abs(float(swapped.replace(",", "")) - value) > 0.1 * value:
        new = swapped
    else:
        new = _fmt(value * rng.choice((1.3, 1.5, 0.7)), token)
    return surface[: m.start()] + new + surface[m.end() :]


def _rounded(surface: str, rng: random.Random) -> str | None:
    m = NUMBER.search(surface)
    if not m or re.search(r"\b(about|nearly|almost|roughly|more than|up to|some)\b", surface, re.I):
        return None
    token = m.group()
    value = float(token.replace(",", ""))
    for step in (1000, 100, 10):
        rounded = round(value / step) * step
        if rounded != value and rounded > 0 and abs(rounded - value) <= 0.05 * value:
            return surface[: m.start()] + _fmt(rounded, token) + surface[m.end() :]
    return None


def _unit_swap(surface: str, fact: dict[str, Any], rng: random.Random) -> str | None:
    m = NUMBER.search(surface)
    unit = str(fact.get("unit") or "")
    if not m or not unit.isalpha() or unit == "percent":
        return None
    after = re.match(rf"\s+({re.escape(unit)})\b", surface[m.end() :])
    if not after:
        return None
    noun = rng.choice([n for n in SWAP_NOUNS if n != unit])
    return surface[: m.end()] + surface[m.end() :].replace(unit, noun, 1)


def _entity_swap(surface: str, fact: dict[str, Any], rng: random.Random) -> str | None:
    place = fact.get("place")
    if not place or not NUMBER.search(surface):
        return None
    for form in (place, place.split(",")[0]):
        if form in surface:
            return surface.replace(form, rng.choice(SWAP_PLACES), 1)
    return None


def _title(surface: str, fact: dict[str, Any], rng: random.Random) -> str | None:
    title = str(fact.get("title") or "")
    m = re.search(r"\bacting\s+", surface, re.I)
    if m:
        return surface[: m.start()] + surface[m.end() :]
    for word, other in TITLE_SWAPS.items():
        found = re.search(rf"\b{word}\b", surface, re.I)
        if found and word in title.lower():
            new = other.title() if found.group()[0].isupper() else other
            return surface[: found.start()] + new + surface[found.end() :]
    return None


def _date(surface: str, fact: dict[str, Any], rng: random.Random) -> str | None:
    weekday = fact.get("weekday")
    if weekday and weekday in surface:
        earlier = WEEKDAYS[(WEEKDAYS.index(weekday) - 1) % 7]
        return surface.replace(weekday, earlier, 1)
    year = re.search(r"\b(19|20)\d\d\b", surface)
    if year and isinstance(fact.get("value"), str):
        return surface[: year.start()] + str(int(year.group()) + 1) + surface[year.end() :]
    return None


def _percent(surface: str, fact: dict[str, Any], rng: random.Random) -> str | None:
    m = re.search(r"(\d+)(\s+percent)", surface)
    if fact.get("unit") != "percent" or not m:
        return None
    return surface[: m.start()] + str(int(m.group(1)) + rng.choice((10, -10, 15))) + surface[m.start(2) :]


def _quote(surface: str, fact: dict[str, Any], rng: random.Random) -> str | None:
    if not fact.get("slot", "").startswith("quote") or not fact.get("verbatim") or fact.get("partial"):
        return None
    words = [m for m in re.finditer(r"[a-z]{6,}", surface) if m.start() > 0]
    if not words:
        return None
    m = rng.choice(words)
    return surface[: m.start()] + rng.choice([w for w in QUOTE_WORDS if w != m.group()]) + surface[m.end() :]


def _inject(kind: str, surface: str, fact: dict[str, Any], rng: random.Random) -> str | None:
    numeric = isinstance(fact.get("value"), int | float) and not isinstance(fact.get("value"), bool)
    if kind in ("number_changed", "rounded_unhedged", "unit_swap", "entity_swap") and (
        not numeric or fact.get("unit") == "year"
    ):
        return None  # dates and yes/no facts are changed by their own injections
    if kind == "number_changed":
        return _number_changed(surface, rng) if fact.get("kind") == "exact" and fact.get("unit") != "percent" else None
    if kind == "rounded_unhedged":
        ok = fact.get("kind") == "exact" and fact.get("unit") not in ("percent", "year") and "place" not in fact
        return _rounded(surface, rng) if ok else None
    if kind == "unit_swap":
        return _unit_swap(surface, fact, rng) if fact.get("kind") == "exact" else None
    if kind == "entity_swap":
        return _entity_swap(surface, fact, rng)
    if kind == "title_changed":
        return _title(surface, fact, rng) if fact.get("slot") == "speaker_title" else None
    if kind == "date_changed":
        return _date(surface, fact, rng) if fact.get("slot", "").endswith(("date", "end", "complete")) else None
    if kind == "percent_wrong":
        return _percent(surface, fact, rng)
    return _quote(surface, fact, rng)


def make_story(folder: Path, out: Path, reports: int, seed: int) -> dict[str, Any]:
    """Write the synthetic story to ``out`` and return its answer key."""
    rng = random.Random(seed)
    answers = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
    primary = answers["primary_sources"]
    clean = [a for a in answers["articles"] if a["role"] != "primary" and not a["divergences"]]
    clean = [a for a in clean if not a.get("embedded_posts")] or clean
    out.mkdir(parents=True, exist_ok=True)
    for name in primary:
        (out / name).write_text((folder / name).read_text(encoding="utf-8"), encoding="utf-8")
    key: list[dict[str, Any]] = []
    made: list[tuple[str, dict[str, str], list[dict[str, Any]]]] = []
    for i in range(reports):
        name = f"r{i:04d}.txt"
        outlet = f"{rng.choice(TOWNS)} {rng.choice(OUTLETS)}"
        domain = outlet.lower().replace(" ", "") + ".example"
        if made and rng.random() < 0.05:  # a syndicated copy of an earlier report
            original, parts, divergences = rng.choice(made)
            title = f"{parts['title']} ({outlet})"
            body = parts["body"]
            copied = [{**d, "file": name, "inherited_from": original} for d in divergences]
            key += copied
            _write(out / name, title, outlet, domain, parts["published"], body)
            continue
        base = rng.choice(clean)
        parts = _parse(folder / base["file"])
        body = parts["body"]
        wanted = rng.choices((0, 1, 2), weights=(3, 5, 2))[0]
        divergences: list[dict[str, Any]] = []
        facts = [f for f in base["facts"] if isinstance(f.get("surface"), str) and body.count(f["surface"]) == 1]
        for kind in rng.sample(TYPES, len(TYPES)):
            if len(divergences) >= wanted:
                break
            rng.shuffle(facts)
            for fact in facts:
                if any(fact["surface"] in d["_old"] or d["_old"] in fact["surface"] for d in divergences):
                    continue
                new = _inject(kind, fact["surface"], fact, rng)
                if new and new != fact["surface"] and body.count(fact["surface"]) == 1:
                    body = body.replace(fact["surface"], new)
                    divergences.append(
                        {"file": name, "type": kind, "surface": new, "in_post": False, "_old": fact["surface"]}
                    )
                    break
        body = _vary(body, rng)
        title = rng.choice(("Update: ", "Report: ", "", "Explainer: ")) + _strip_numbers(parts["title"])
        _write(out / name, title, outlet, domain, parts["published"], body)
        divergences = [{k: v for k, v in d.items() if k != "_old"} for d in divergences]
        key += divergences
        made.append((name, {"title": title, "body": body, "published": parts["published"]}, divergences))
    return {"story": f"{folder.name}-x{reports}", "primary_sources": primary, "divergences": key}


def _strip_numbers(title: str) -> str:
    return re.sub(r"\s+", " ", NUMBER.sub("", title)).strip()


def _vary(body: str, rng: random.Random) -> str:
    paragraphs = body.split("\n\n")
    if len(paragraphs) > 3:
        i, j = rng.sample(range(1, len(paragraphs)), 2)
        paragraphs[i], paragraphs[j] = paragraphs[j], paragraphs[i]
    for _ in range(rng.choice((0, 1, 2))):
        paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), rng.choice(COLOUR))
    return "\n\n".join(paragraphs)


def _write(path: Path, title: str, outlet: str, domain: str, published: str, body: str) -> None:
    path.write_text(f"{title}\n\nSource: {outlet} ({domain})\nPublished: {published}\n\n{body}\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", default=str(DEFAULT))
    parser.add_argument("--story", default="safe-city")
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", help="write the story here and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)
    folder = Path(args.stories) / args.story
    if not (folder / "answers.json").exists():
        print(f"no story at {folder}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.out) if args.out else Path(tmp) / "story"
        key = make_story(folder, out, args.reports, args.seed)
        (out.parent / f"{out.name}-answers.json").write_text(json.dumps(key, indent=1), encoding="utf-8")
        from factdiff.compare import compare_paths

        started = time.perf_counter()
        cpu = time.process_time()
        comparison = compare_paths([str(out)])
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
        name_of = {a.id: Path(a.file or "").name for a in comparison.articles}
        texts = {name_of[a.id]: a.text for a in comparison.articles}
        reported = [
            {"file": name_of[d.article], "type": d.type, "start": d.start, "end": d.end, "in_post": d.in_post}
            for d in comparison.divergences
        ]
        result = score(reported, key["divergences"], texts)
        primary_ids = {a.id for a in comparison.articles if name_of[a.id] in key["primary_sources"]}
        baseline = naive_baseline(comparison.articles, primary_ids)
        base_hits = len(score(baseline, key["divergences"], texts)["hits"])
    header = f"{'type':17} {'key':>5} {'found':>6} {'ok':>5} {'P':>5} {'R':>5}"
    print(
        f"story {key['story']}: {len(comparison.articles)} reports compared in {seconds:.1f}s ({cpu_seconds:.1f}s CPU)"
    )
    print(header)
    print("-" * len(header))
    for kind in TYPES:
        k = sum(1 for d in key["divergences"] if d["type"] == kind)
        f = sum(1 for d in reported if d["type"] == kind)
        ok = sum(1 for r, _ in result["hits"] if r["type"] == kind)
        print(f"{kind:17} {k:>5} {f:>6} {ok:>5} {_ratio(ok, f):>5} {_ratio(ok, k):>5}")
    k, f, ok = len(key["divergences"]), len(reported), len(result["hits"])
    print("-" * len(header))
    print(f"{'factdiff':17} {k:>5} {f:>6} {ok:>5} {_ratio(ok, f):>5} {_ratio(ok, k):>5}")
    print(
        f"{'naive baseline':17} {k:>5} {len(baseline):>6} {base_hits:>5} {_ratio(base_hits, len(baseline)):>5} "
        f"{_ratio(base_hits, k):>5}"
    )
    primary_ok = sorted(name_of[i] for i in comparison.primary.ids) == sorted(key["primary_sources"])
    print(
        f"primary sources {'ok' if primary_ok else 'WRONG'}; copies found: {len(comparison.copies)}; "
        f"outliers: {len(comparison.outliers)}"
    )
    return 0


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "-"


if __name__ == "__main__":
    sys.exit(main())

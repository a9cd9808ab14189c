"""Divergence precision and recall of ``factdiff compare`` on the shared stories, per story and type.

Usage: python bench/stories.py [STORIES_DIR] [--story NAME] [--show]

Each story folder holds reports and an ``answers.json`` key. A reported divergence is correct when
the key has one in the same report, of the same type, whose words overlap the reported span's
sentence. The peer in the same run is the naive baseline an editor would start from: every number
in a report that the primary source does not contain is a ``number_changed``.

Also checked: the primary sources, the syndicated copies, and that clean reports get nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "stories"


def key_divergences(answers: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for art in answers["articles"]:
        for div in art.get("divergences", []):
            found.append({**div, "file": art["file"], "in_post": False})
        for post in art.get("embedded_posts", []):
            for div in post.get("divergences", []):
                found.append({**div, "file": art["file"], "in_post": True})
    return found


def spans_of(text: str, surface: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(surface), text)]


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return (left + 1, min(right_candidates) if right_candidates else len(text))


def score(reported: list[dict[str, Any]], key: list[dict[str, Any]], texts: dict[str, str]) -> dict[str, Any]:
    """Match reported divergences (file, type, start, end) to the key's (file, type, surface)."""
    used: set[int] = set()
    hits: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for rep in reported:
        text = texts[rep["file"]]
        s0, s1 = sentence_around(text, rep["start"], rep["end"])
        for i, k in enumerate(key):
            if i in used or k["file"] != rep["file"] or k["type"] != rep["type"]:
                continue
            if any(a < s1 and s0 < b for a, b in spans_of(text, k["surface"])):
                used.add(i)
                hits.append((rep, k))
                break
    return {"hits": hits, "matched_key": used}


def naive_baseline(articles: list[Any], primary: set[str]) -> list[dict[str, Any]]:
    """Every number in a report that the primary sources do not contain."""
    number = re.compile(r"\d[\d,]*(?:\.\d+)?")
    source_numbers = {m.group().replace(",", "") for a in articles if a.id in primary for m in number.finditer(a.text)}
    found = []
    for art in articles:
        if art.id in primary:
            continue
        for m in number.finditer(art.text):
            if m.group().replace(",", "") not in source_numbers:
                found.append(
                    {"file": Path(art.file or "").name, "type": "number_changed", "start": m.start(), "end": m.end()}
                )
    return found


def run_story(folder: Path, show: bool) -> dict[str, Any]:
    from factdiff.compare import compare_paths

    answers = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
    started = time.perf_counter()
    comparison = compare_paths([str(folder)])
    seconds = time.perf_counter() - started
    name_of = {a.id: Path(a.file or "").name for a in comparison.articles}
    texts = {name_of[a.id]: a.text for a in comparison.articles}
    key = key_divergences(answers)
    reported = [
        {
            "file": name_of[d.article],
            "type": d.type,
            "start": d.start,
            "end": d.end,
            "text": d.text,
            "in_post": d.in_post,
        }
        for d in comparison.divergences
    ]
    ours = score(reported, key, texts)
    ids = {a.id for a in comparison.articles if name_of[a.id] in answers["primary_sources"]}
    baseline = score(naive_baseline(comparison.articles, ids), key, texts)
    baseline_n = len(naive_baseline(comparison.articles, ids))
    clean = {a["file"] for a in answers["articles"] if a["role"] != "primary" and not a["divergences"]}
    clean_hit = sorted({r["file"] for r in reported if r["file"] in clean and not r["in_post"]})
    copies_key = {a["file"]: a["copies"] for a in answers["articles"] if a.get("copies")}
    copies_found = {name_of[c]: name_of[r.original] for c, r in comparison.copies.items()}
    primary_found = sorted(name_of[i] for i in (comparison.primary.ids if comparison.primary else []))
    if show:
        hit_ids = {id(r) for r, _ in ours["hits"]}
        for r in reported:
            mark = "ok " if id(r) in hit_ids else "FP "
            print(f"  {mark}{r['file']:32} {r['type']:17} {r['text'][:60]!r}")
        for i, k in enumerate(key):
            if i not in ours["matched_key"]:
                print(f"  FN {k['file']:32} {k['type']:17} {k['surface'][:60]!r}")
    return {
        "story": folder.name,
        "seconds": seconds,
        "reported": reported,
        "key": key,
        "hits": ours["hits"],
        "matched_key": ours["matched_key"],
        "baseline_hits": len(baseline["hits"]),
        "baseline_reported": baseline_n,
        "primary_ok": primary_found == sorted(answers["primary_sources"]),
        "copies_ok": all(copies_found.get(c) == o for c, o in copies_key.items()),
        "copies_extra": sorted(set(copies_found) - set(copies_key)),
        "clean_hit": clean_hit,
    }


def _pr(hits: int, reported: int, key_hits: int, key: int) -> str:
    p = f"{hits / reported:.2f}" if reported else "  - "
    r = f"{key_hits / key:.2f}" if key else "  - "
    return f"{p:>5} {r:>5}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", nargs="?", default=str(DEFAULT))
    parser.add_argument("--story", action="append", help="only this story (repeatable)")
    parser.add_argument("--show", action="store_true", help="list each divergence: ok, FP or FN")
    args = parser.parse_args(argv)
    top = Path(args.stories)
    if not top.is_dir():
        print(f"no stories at {top}", file=sys.stderr)
        return 2
    folders = [f for f in sorted(top.iterdir()) if (f / "answers.json").exists()]
    if args.story:
        folders = [f for f in folders if f.name in args.story]
    rows = []
    for folder in folders:
        if args.show:
            print(folder.name)
        rows.append(run_story(folder, args.show))
    header = f"{'story':14} {'type':17} {'key':>4} {'found':>5} {'ok':>4} {'P':>5} {'R':>5} | {'naive P':>7} {'R':>5}"
    print(header)
    print("-" * len(header))
    totals = Counter()
    for row in rows:
        types = sorted({k["type"] for k in row["key"]} | {r["type"] for r in row["reported"]})
        for t in types:
            key_n = sum(1 for k in row["key"] if k["type"] == t)
            rep_n = sum(1 for r in row["reported"] if r["type"] == t)
            ok = sum(1 for r, _ in row["hits"] if r["type"] == t)
            print(f"{row['story']:14} {t:17} {key_n:>4} {rep_n:>5} {ok:>4} {_pr(ok, rep_n, ok, key_n)} |")
        key_n, rep_n, ok = len(row["key"]), len(row["reported"]), len(row["hits"])
        totals.update(key=key_n, rep=rep_n, ok=ok, bok=row["baseline_hits"], brep=row["baseline_reported"])
        print(
            f"{row['story']:14} {'ALL':17} {key_n:>4} {rep_n:>5} {ok:>4} {_pr(ok, rep_n, ok, key_n)} | "
            f"{_pr(row['baseline_hits'], row['baseline_reported'], row['baseline_hits'], key_n)}"
        )
        print(
            f"{'':14} primary {'ok' if row['primary_ok'] else 'WRONG'}, copies {'ok' if row['copies_ok'] else 'MISSED'}"
            f"{' extra ' + ','.join(row['copies_extra']) if row['copies_extra'] else ''}, clean reports with "
            f"divergences: {', '.join(row['clean_hit']) or 'none'}, {row['seconds']:.2f}s"
        )
    print("-" * len(header))
    print(
        f"{'total':14} {'ALL':17} {totals['key']:>4} {totals['rep']:>5} {totals['ok']:>4} "
        f"{_pr(totals['ok'], totals['rep'], totals['ok'], totals['key'])} | "
        f"{_pr(totals['bok'], totals['brep'], totals['bok'], totals['key'])}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

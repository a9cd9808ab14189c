"""`kill -9` in the middle of `factdiff add`, then the same command again: nothing lost, nothing twice.

Writes a JSON Lines corpus of generated reports (many events, each reported several times with its
own figures, places and dates), starts ``factdiff add`` on it, kills the process with SIGKILL at a
random moment, runs the same command again to the end, and then checks the store: every distinct
article stored exactly once, each in exactly one story, and no claim without its article.

Usage: python bench/kill_add.py [--articles 100000] [--seed 7] [--keep DIR]
Prints one table: the two runs' times and what the store holds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PLACES = ["Harlow", "Denholm", "Brennan Falls", "Ostby", "Carrow", "Millrace", "Kessler", "Tamsin", "Velmar", "Arden"]
KINDS = [
    ("fire", "destroyed {a} homes and forced {b} residents to leave"),
    ("flood", "damaged {a} homes and cut power to {b} households"),
    ("layoffs", "will cut {a} jobs and move {b} positions to other plants"),
    ("storm", "left {a} people injured and {b} homes without power"),
    ("arrests", "arrested {a} people, {b} of them with prior convictions"),
]
OUTLETS = ["Harlow Gazette", "Valley Wire", "Channel 9", "Metro Roundup", "The Courier", "Daily Ledger"]


def corpus(n: int, rng: random.Random) -> list[dict[str, str]]:
    rows = []
    event = 0
    while len(rows) < n:
        event += 1
        kind, template = rng.choice(KINDS)
        place = rng.choice(PLACES)
        a, b = rng.randint(12, 4000), rng.randint(5, 900)
        day = 1 + event % 28
        chief = f"{rng.choice(['Dana', 'Ivo', 'Rosa', 'Tom', 'Ana'])} {rng.choice(['Vance', 'Reith', 'Okoye', 'Lind'])}"
        for k in range(rng.randint(3, 8)):
            outlet = rng.choice(OUTLETS)
            text = (
                f"Officials in {place} said on {['Monday', 'Tuesday', 'Wednesday'][k % 3]} that the {kind} "
                f"{template.format(a=a, b=b)}. The event number {event} report {k} came from {outlet}. "
                f'"We are doing everything we can," said County Manager {chief}. '
                f"About {round(a, -1)} were counted by March {day}, 2024."
            )
            rows.append(
                {
                    "id": f"e{event}-r{k}",
                    "title": f"{place} {kind}: {a} affected",
                    "text": text,
                    "source": outlet,
                    "published": f"2024-03-{day:02d}",
                }
            )
    return rows[:n]


def run_add(corpus_path: Path, db: Path, kill_after: float | None) -> tuple[float, str, bool]:
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from factdiff.cli import main; main()", "add", str(corpus_path), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    killed = False
    if kill_after is not None:
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            killed = True
    out, _ = proc.communicate()
    lines = (out or "").strip().splitlines()
    return time.perf_counter() - started, lines[-1] if lines else "", killed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--first-run-seconds", type=float, default=None, help="kill after this long (default: random)")
    parser.add_argument("--keep", type=Path, default=None, help="folder for the corpus and store (default: temporary)")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="factdiff-kill-"))
    folder.mkdir(parents=True, exist_ok=True)
    corpus_path, db = folder / "corpus.jsonl", folder / "store.db"
    rows = corpus(args.articles, rng)
    with corpus_path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")
    # Kill somewhere in the first run: estimate its length from a rate of ~250 articles/s.
    kill_after = args.first_run_seconds or rng.uniform(0.2, 0.8) * args.articles / 250
    t1, line1, killed = run_add(corpus_path, db, kill_after)
    t2, line2, _ = run_add(corpus_path, db, None)
    con = sqlite3.connect(db)
    stored = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    distinct = len({json.dumps({k: r[k] for k in ("title", "text")}) for r in rows})
    in_stories = con.execute("SELECT COUNT(*), COUNT(DISTINCT article_id) FROM story_members").fetchone()
    orphans = con.execute(
        "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM story_members m WHERE m.article_id = a.id)"
    ).fetchone()[0]
    stray = con.execute(
        "SELECT COUNT(*) FROM claims c WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = c.article_id)"
    ).fetchone()[0]
    stories = con.execute("SELECT COUNT(*) FROM story_summaries").fetchone()[0]
    print(f"{'run':<34}{'seconds':>9}  last line")
    print(f"{'first (killed)' if killed else 'first (finished before the kill)':<34}{t1:>9.1f}  {line1}")
    print(f"{'second, same command':<34}{t2:>9.1f}  {line2}")
    print(
        f"articles in the corpus {len(rows):,}, distinct {distinct:,}; stored {stored:,}; in a story "
        f"{in_stories[1]:,} (memberships {in_stories[0]:,}); in no story {orphans}; stray claims {stray}; "
        f"stories {stories:,}"
    )
    ok = stored == distinct and in_stories[0] == in_stories[1] == stored and orphans == 0 and stray == 0
    print("every article stored once and in exactly one story" if ok else "MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

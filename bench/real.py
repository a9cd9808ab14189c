"""Divergence precision and recall of ``factdiff compare`` on real multi-outlet coverage.

Usage: python bench/real.py [--data DIR] [--event NAME ...] [--part tune|check|all] [--show] [--all]

``DIR`` holds one folder per event (reports, one per file, and an ``answers.json`` key written by
hand). The scoring is the key's own (its README): a reported divergence is right when the key has a
divergence of the same type for the same report; each of a report's ``other``-typed, benign or
conflict entries excuses one reported divergence of any type on that report (neither right nor
wrong); everything else reported is a false alarm, and every typed, non-benign key entry not found
is a miss. Precision = right / (reported - excused), recall = right / typed key entries.

Printed: per event and in total, reported / excused / right / missed with P and R at the default
threshold (what ``factdiff compare`` shows), the precision-recall curve over confidence thresholds
(``--all`` divergences, each with its confidence), and in the same run the naive baseline an editor
would start from: the first report is the reference and every number another report gives that the
reference does not contain is a ``number_changed``. The last line is ``real_p=.. real_r=..``.

``--part`` picks a fixed half of the events: ``tune`` (worked on) or ``check`` (kept aside to check
the tuned code on); the split is by a stable hash of the event name, so it never changes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "real"
THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def part_of(event: str) -> str:
    """``tune`` or ``check``: a fixed split of events by a stable hash of the name."""
    return "check" if hashlib.sha1(event.encode()).digest()[0] % 3 == 0 else "tune"


@dataclass
class Key:
    """What the answer key expects of one event: typed divergences and excuses, per report file."""

    typed: list[tuple[str, str]] = field(default_factory=list)  # (file, type)
    excuses: Counter[str] = field(default_factory=Counter)  # file -> excused reports


def load_key(answers: dict[str, Any]) -> Key:
    key = Key()
    for art in answers["articles"]:
        for div in art.get("divergences", []):
            if div.get("type") == "other" or div.get("benign"):
                key.excuses[art["file"]] += 1
            else:
                key.typed.append((art["file"], div["type"]))
    for conflict in answers.get("conflicts", []):
        for name in conflict.get("values", {}):
            key.excuses[name] += 1
    return key


@dataclass
class Score:
    reported: int = 0
    excused: int = 0
    right: int = 0
    typed: int = 0
    false: list[tuple[str, str]] = field(default_factory=list)
    missed: list[tuple[str, str]] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.reported += other.reported
        self.excused += other.excused
        self.right += other.right
        self.typed += other.typed
        self.false += other.false
        self.missed += other.missed

    @property
    def p(self) -> float:
        judged = self.reported - self.excused
        return self.right / judged if judged else 1.0

    @property
    def r(self) -> float:
        return self.right / self.typed if self.typed else 1.0


def score(reported: list[tuple[str, str]], key: Key) -> Score:
    """Score (file, type) divergences against the key, one-to-one, as the key's README says."""
    out = Score(reported=len(reported), typed=len(key.typed))
    wanted = Counter(key.typed)
    excuses = Counter(key.excuses)
    unmatched: list[tuple[str, str]] = []
    for item in reported:
        if wanted[item] > 0:
            wanted[item] -= 1
            out.right += 1
        else:
            unmatched.append(item)
    for file, kind in unmatched:
        if excuses[file] > 0:
            excuses[file] -= 1
            out.excused += 1
        else:
            out.false.append((file, kind))
    out.missed = [item for item, n in wanted.items() for _ in range(n)]
    return out


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def naive_baseline(texts: dict[str, str]) -> list[tuple[str, str]]:
    """The first report is the reference; any other number is a ``number_changed``."""
    names = sorted(texts)
    if not names:
        return []
    reference = {m.group().replace(",", "") for m in _NUMBER.finditer(texts[names[0]])}
    return [
        (name, "number_changed")
        for name in names[1:]
        for m in _NUMBER.finditer(texts[name])
        if m.group().replace(",", "") not in reference
    ]


def run_event(folder: Path) -> dict[str, Any]:
    from factdiff.compare import compare_paths

    answers = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
    started = time.perf_counter()
    comparison = compare_paths([str(folder)])
    seconds = time.perf_counter() - started
    name_of = {a.id: Path(a.file or "").name for a in comparison.articles}
    every = [
        (name_of[d.article], d.type, float(getattr(d, "confidence", 1.0)), d)
        for d in getattr(comparison, "all_divergences", comparison.divergences)
        if not d.in_post
    ]
    shown = {id(d) for d in comparison.divergences}
    texts = {name_of[a.id]: a.text for a in comparison.articles}
    primary = sorted(name_of[i] for i in (comparison.primary.ids if comparison.primary else []))
    return {
        "event": folder.name,
        "seconds": seconds,
        "key": load_key(answers),
        "every": every,
        "shown": [(f, t) for f, t, _, d in every if id(d) in shown],
        "naive": naive_baseline(texts),
        "primary_key": sorted(answers.get("primary_sources", [])),
        "primary_found": primary,
        "reference": getattr(comparison, "reference_kind", "primary"),
    }


def measure(top: Path, events: list[str] | None = None) -> Score:
    """The total score at the default threshold over the event folders under ``top``."""
    total = Score()
    for folder in sorted(top.iterdir()):
        if (folder / "answers.json").exists() and (events is None or folder.name in events):
            row = run_event(folder)
            total.add(score(row["shown"], row["key"]))
    return total


def _fmt(s: Score) -> str:
    return f"{s.reported:>4} {s.excused:>4} {s.right:>4} {len(s.missed):>4} {s.p:>5.2f} {s.r:>5.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT), help="folder of event folders with answers.json")
    parser.add_argument("--event", action="append", help="only this event (repeatable)")
    parser.add_argument("--part", choices=("tune", "check", "all"), default="all")
    parser.add_argument("--show", action="store_true", help="list each divergence: ok, FP, excused or FN")
    args = parser.parse_args(argv)
    top = Path(args.data)
    if not top.is_dir():
        print(f"no real coverage at {top}", file=sys.stderr)
        return 2
    folders = [f for f in sorted(top.iterdir()) if (f / "answers.json").exists()]
    if args.event:
        folders = [f for f in folders if f.name in args.event]
    if args.part != "all":
        folders = [f for f in folders if part_of(f.name) == args.part]
    rows = [run_event(f) for f in folders]

    header = (
        f"{'event':8} {'part':5} {'rep':>4} {'exc':>4} {'ok':>4} {'miss':>4} {'P':>5} {'R':>5}"
        f" | {'naive P':>7} {'R':>5} | reference / primary (key)"
    )
    print(header)
    print("-" * len(header))
    total, naive_total = Score(), Score()
    for row in rows:
        ours = score(row["shown"], row["key"])
        naive = score(row["naive"], row["key"])
        total.add(ours)
        naive_total.add(naive)
        primary = ",".join(row["primary_found"]) or "-"
        key_primary = ",".join(row["primary_key"]) or "none"
        print(
            f"{row['event']:8} {part_of(row['event']):5} {_fmt(ours)} | {naive.p:>7.2f} {naive.r:>5.2f}"
            f" | {row['reference']} / {primary} ({key_primary}) {row['seconds']:.2f}s"
        )
        if args.show:
            right = Counter(row["key"].typed)
            for file, kind in row["shown"]:
                tag = "ok " if right[(file, kind)] > 0 else "-- "
                if right[(file, kind)] > 0:
                    right[(file, kind)] -= 1
                print(f"    {tag}{file:24} {kind}")
            for file, kind in ours.missed:
                print(f"    FN {file:24} {kind}")
    print("-" * len(header))
    print(f"{'total':8} {'':5} {_fmt(total)} | {naive_total.p:>7.2f} {naive_total.r:>5.2f}")
    print()
    print("precision-recall over confidence thresholds (every divergence, --all):")
    print(f"{'threshold':>9} {'rep':>4} {'exc':>4} {'ok':>4} {'miss':>4} {'P':>5} {'R':>5}")
    for threshold in THRESHOLDS:
        curve = Score()
        for row in rows:
            curve.add(score([(f, t) for f, t, c, _ in row["every"] if c >= threshold], row["key"]))
        print(f"{threshold:>9.2f} {_fmt(curve)}")
    print(f"real_p={total.p:.2f} real_r={total.r:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How well ``factdiff compare`` lines facts up across real reports, scored against the answer keys.

The keys of ``real/`` name a slot for every checkable fact of every report (two facts with the same
slot are the same fact). That makes alignment measurable on its own, apart from the reference and
the verdicts, as record linkage is: each key fact is located among the comparison's cells by its
surface in the text, and then

- **located**: the share of the key's facts that some cell of the comparison covers (what
  extraction and slotting found at all);
- **pairwise P/R/F1**: over pairs of located facts in two different reports, "same slot in the key"
  against "same slot in the comparison" (the usual pairwise measure of entity resolution);
- **where the missed divergences are lost**: each typed key divergence that compare does not report
  is put in the first stage that loses it: not located (extraction), in a slot without the key's
  consensus reports (alignment), in a slot whose reference is disputed or has no support
  (reference), or judged agreeing or below the threshold (verdict).

Events are split into the parts of ``bench/real.py`` (tune/check); the check part is reported as
totals only.

    python bench/alignment.py --data ../shared/data/real [--part tune|check|all] [--show]

``--show`` prints each missed divergence of the tune part with the stage that lost it, the key's
expected and found values, and what the comparison made of the report's words there (its slot, the
slot's reference and the cell's verdict). The check part is never shown: it stays unseen.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from bench.real import DEFAULT, part_of  # noqa: E402
from factdiff.compare import Comparison, compare_paths  # noqa: E402
from factdiff.normalise import clean_text  # noqa: E402

#: key slots that are not facts a comparison lines up (the page's own time stamp)
NOT_FACTS = {"published"}


def _locate(comp: Comparison, article_id: str, text: str, surface: str) -> str | None:
    """The slot of the cell whose span best fits ``surface`` in the report, or None."""
    if not surface:
        return None
    at = text.find(surface)
    if at < 0:  # the key quotes the file; the text went through normalisation ("50, 000" -> "50,000")
        surface = clean_text(surface).strip()
        at = text.find(surface)
    if at < 0:
        return None
    end = at + len(surface)
    best: tuple[int, int, str] | None = None
    for slot, cells in comp.cells.items():
        cell = cells.get(article_id)
        if cell is None or cell.start is None or cell.end is None or cell.in_post:
            continue
        overlap = min(end, cell.end) - max(at, cell.start)
        if overlap <= 0:
            continue
        # the cell whose span is most nearly the surface's (Jaccard of the two spans): a figure
        # inside a long quotation is the figure's own cell, not the quotation's
        union = max(end, cell.end) - min(at, cell.start)
        key = (overlap / union, -(cell.end - cell.start), slot)
        if best is None or key > best:
            best = key
    return best[2] if best else None


def _gold_slot(fact: dict) -> str:
    """The key's slot, told apart further by quote and person as the keys' README says."""
    return "|".join(str(fact.get(k) or "") for k in ("slot", "quote_id", "person"))


def score_event(folder: Path, show: bool = False) -> dict:
    key = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
    comp = compare_paths([str(folder)], threshold=0.0)
    by_file = {Path(a.file).name: a for a in comp.articles if a.file}
    located: list[tuple[str, str, str]] = []  # (file, gold slot, predicted slot)
    total = 0
    for art in key["articles"]:
        report = by_file.get(art["file"])
        for fact in art["facts"]:
            if fact.get("background") or fact["slot"] in NOT_FACTS:
                continue
            total += 1
            if report is None:
                continue
            slot = _locate(comp, report.id, report.text, fact.get("surface") or "")
            if slot is not None:
                located.append((art["file"], _gold_slot(fact), slot))
    tp = fp = fn = 0
    for (fa, ga, pa), (fb, gb, pb) in itertools.combinations(located, 2):
        if fa == fb:
            continue
        same_gold, same_pred = ga == gb, pa == pb
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    lost = _losses(comp, key, by_file, folder.name if show else None)
    return {"facts": total, "located": len(located), "tp": tp, "fp": fp, "fn": fn, "lost": lost}


def _losses(comp: Comparison, key: dict, by_file: dict, show: str | None = None) -> Counter:
    """Each missed typed divergence, by the first stage that loses it (printed when ``show`` names the event)."""
    reported = {(d.article, d.type) for d in comp.divergences}
    everything = {(d.article, d.type): d for d in comp.all_divergences}
    files_of_slot: dict[str, set[str]] = {}
    for art in key["articles"]:
        for fact in art["facts"]:
            files_of_slot.setdefault(fact["slot"], set()).add(art["file"])
    lost: Counter = Counter()
    for art in key["articles"]:
        report = by_file.get(art["file"])
        for div in art["divergences"]:
            if div["type"] == "other" or div.get("benign"):
                continue
            if report is not None and (report.id, div["type"]) in reported:
                lost["found"] += 1
                continue
            slot = _locate(comp, report.id, report.text, div.get("surface") or "") if report else None
            if slot is None:
                lost["not located"] += 1
                if show:
                    _show(show, art["file"], div, "not located")
                continue
            others = {by_file[f].id for f in files_of_slot.get(div["slot"], set()) if f in by_file} - {report.id}
            members = set(comp.cells.get(slot, {})) - {report.id}
            ref = comp.references.get(slot)
            if not others & members:
                stage = "alignment"
            elif ref is None or ref.kind == "disputed" or not ref.support:
                stage = "reference"
            elif (report.id, div["type"]) in everything:
                stage = "threshold"
            else:
                stage = "verdict"
            lost[stage] += 1
            if show:
                cell = comp.cells[slot][report.id]
                where = f"slot {slot}: reference {ref.kind if ref else None} {ref.value if ref else ''!r}"
                where += f" support {ref.support if ref else 0}; cell {cell.value!r} {cell.verdict}"
                conf = [
                    f"{d.type} {d.confidence:.2f}"
                    for d in comp.all_divergences
                    if d.article == report.id and d.slot == slot
                ]
                _show(show, art["file"], div, stage, where + (f"; divergence {', '.join(conf)}" if conf else ""))
    return lost


def _show(event: str, file: str, div: dict, stage: str, where: str = "") -> None:
    what = f"expected {div.get('expected')!r}, found {div.get('found')!r}, surface {div.get('surface')!r}"
    print(f"  {event} {file} {div['type']} lost at {stage}: {what}")
    if where:
        print(f"      {where}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(DEFAULT))
    parser.add_argument("--part", choices=["tune", "check", "all"], default="all")
    parser.add_argument(
        "--show", action="store_true", help="print each missed divergence of the tune part and where it is lost"
    )
    args = parser.parse_args(argv)
    rows: dict[str, dict] = {}
    for folder in sorted(p for p in Path(args.data).iterdir() if (p / "answers.json").is_file()):
        name, part = folder.name, part_of(folder.name)
        if args.part != "all" and part != args.part:
            continue
        rows[name] = {"part": part, **score_event(folder, show=args.show and part == "tune")}
    head = f"{'event':8} {'part':6} {'facts':>5} {'located':>7} {'pairP':>6} {'pairR':>6} {'pairF':>6}"
    print(head + " | lost divergences")
    totals: dict[str, Counter] = {}
    for name, r in sorted(rows.items()):
        for part in (r["part"], "all"):
            t = totals.setdefault(part, Counter())
            t.update({k: r[k] for k in ("facts", "located", "tp", "fp", "fn")})
            t.update({f"lost:{k}": v for k, v in r["lost"].items()})
        if r["part"] == "tune":
            print(_line(name, r["part"], Counter({k: r[k] for k in ("facts", "located", "tp", "fp", "fn")}), r["lost"]))
    print("-" * 90)
    for part, t in totals.items():
        lost = Counter({k[5:]: v for k, v in t.items() if k.startswith("lost:")})
        print(_line("total", part, t, lost))
    return 0


def _line(name: str, part: str, t: Counter, lost: Counter) -> str:
    p = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 1.0
    r = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    loc = t["located"] / t["facts"] if t["facts"] else 1.0
    where = ", ".join(f"{k} {v}" for k, v in sorted(lost.items()))
    return f"{name:8} {part:6} {t['facts']:5d} {loc:7.2f} {p:6.2f} {r:6.2f} {f:6.2f} | {where}"


if __name__ == "__main__":
    raise SystemExit(main())

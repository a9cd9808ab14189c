"""Shared by the tests that run ``factdiff compare`` on a set of constructed stories with answer keys.

A reported divergence is right when the key has one in the same report, of the same type, whose
words overlap the reported span's sentence; each key entry is matched once.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from factdiff.compare import compare_paths


def load_answers(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "answers.json").read_text(encoding="utf-8"))


def compare_stories(root: Path, names: tuple[str, ...]) -> dict[str, tuple[dict[str, Any], Any]]:
    """Each story's answer key and comparison."""
    return {name: (load_answers(root / name), compare_paths([str(root / name)])) for name in names}


def key_divergences(answers: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(file, type, surface) of every divergence of the key, embedded posts' included."""
    found = []
    for art in answers["articles"]:
        found += [(art["file"], d["type"], d["surface"]) for d in art["divergences"]]
        for post in art.get("embedded_posts", []):
            found += [(art["file"], d["type"], d["surface"]) for d in post["divergences"]]
    return found


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    rights = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return left, min(rights) if rights else len(text)


def file_names(comparison: Any) -> dict[str, str]:
    """Article id -> file name."""
    return {a.id: Path(a.file).name for a in comparison.articles}


def score(results: dict[str, tuple[dict[str, Any], Any]]) -> tuple[int, int, int]:
    """(right, reported, in the key) over all the stories."""
    hits = reported = expected = 0
    for answers, comparison in results.values():
        files = file_names(comparison)
        texts = {files[a.id]: a.text for a in comparison.articles}
        key = key_divergences(answers)
        expected += len(key)
        used: set[int] = set()
        for d in comparison.divergences:
            reported += 1
            name = files[d.article]
            s0, s1 = sentence_around(texts[name], d.start, d.end)
            for i, (file, kind, surface) in enumerate(key):
                if i in used or file != name or kind != d.type:
                    continue
                spans = [(m.start(), m.end()) for m in re.finditer(re.escape(surface), texts[name])]
                if any(a < s1 and s0 < b for a, b in spans):
                    used.add(i)
                    hits += 1
                    break
    return hits, reported, expected


def assert_keys_match_reports(root: Path, names: tuple[str, ...]) -> None:
    """Every report is in its key, its header lines agree with the key, and every surface of the key
    (facts, divergences, embedded posts and their signatures) stands verbatim in its report."""
    for name in names:
        folder = root / name
        answers = load_answers(folder)
        assert sorted(a["file"] for a in answers["articles"]) == sorted(p.name for p in folder.glob("*.txt"))
        for art in answers["articles"]:
            text = (folder / art["file"]).read_text(encoding="utf-8")
            assert text.endswith("\n") and not text.endswith("\n\n"), (name, art["file"])
            assert f"Source: {art['outlet']} ({art['domain']})\n" in text, (name, art["file"])
            assert f"Published: {art['published']}\n" in text, (name, art["file"])
            entries = art["facts"] + art["divergences"]
            for post in art.get("embedded_posts", []):
                entries += post["facts"] + post["divergences"] + [post, {"surface": post["attribution_surface"]}]
            for entry in entries:
                assert entry["surface"] in text, (name, art["file"], entry["surface"])


def primary_files(comparison: Any) -> list[str]:
    files = file_names(comparison)
    return sorted(files[i] for i in comparison.primary.ids)


def copies(answers: dict[str, Any], comparison: Any) -> tuple[dict[str, str], dict[str, str]]:
    """(the key's copy -> original, the comparison's copy -> original), by file name."""
    files = file_names(comparison)
    expected = {a["file"]: a["copies"] for a in answers["articles"] if a.get("copies")}
    found = {files[c]: files[r.original] for c, r in comparison.copies.items()}
    return expected, found


def clean_reports_flagged(results: dict[str, tuple[dict[str, Any], Any]]) -> int:
    """How many reports the keys call clean (no divergence, no embedded post) got a divergence."""
    flagged = 0
    for answers, comparison in results.values():
        files = file_names(comparison)
        clean = {
            a["file"]
            for a in answers["articles"]
            if a["role"] != "primary" and not a["divergences"] and not a.get("embedded_posts")
        }
        flagged += len({files[d.article] for d in comparison.divergences} & clean)
    return flagged

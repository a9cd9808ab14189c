"""Acceptance on the shared stories: primary sources, copies, clean reports, and divergence
precision and recall against the answer keys (the floors in the brief: 0.9 each)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from factdiff.compare import compare_paths
from tests.shared_data import STORIES, need

pytestmark = pytest.mark.slow

NAMES = ("safe-city", "river-flood", "plant-layoffs")


def _key(answers: dict) -> list[tuple[str, str, str, bool]]:
    found = []
    for art in answers["articles"]:
        found += [(art["file"], d["type"], d["surface"], False) for d in art["divergences"]]
        for post in art.get("embedded_posts", []):
            found += [(art["file"], d["type"], d["surface"], True) for d in post["divergences"]]
    return found


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    rights = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return left, min(rights) if rights else len(text)


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[dict, object]]:
    need(STORIES)
    out = {}
    for name in NAMES:
        folder = need(STORIES / name)
        answers = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
        out[name] = (answers, compare_paths([str(folder)]))
    return out


@pytest.mark.parametrize("name", NAMES)
def test_primary_sources_and_copies(results: dict, name: str) -> None:
    answers, comparison = results[name]
    files = {a.id: Path(a.file).name for a in comparison.articles}
    assert sorted(files[i] for i in comparison.primary.ids) == sorted(answers["primary_sources"])
    expected = {a["file"]: a["copies"] for a in answers["articles"] if a.get("copies")}
    found = {files[c]: files[r.original] for c, r in comparison.copies.items()}
    assert found == expected


@pytest.mark.parametrize("name", NAMES)
def test_clean_reports_get_no_divergence(results: dict, name: str) -> None:
    answers, comparison = results[name]
    files = {a.id: Path(a.file).name for a in comparison.articles}
    clean = {a["file"] for a in answers["articles"] if not a["divergences"] and not a.get("embedded_posts")}
    assert sorted({files[d.article] for d in comparison.divergences} & clean) == []


def test_divergence_precision_and_recall(results: dict) -> None:
    hits = reported = expected = 0
    for answers, comparison in results.values():
        files = {a.id: Path(a.file).name for a in comparison.articles}
        texts = {files[a.id]: a.text for a in comparison.articles}
        key = _key(answers)
        expected += len(key)
        used: set[int] = set()
        for d in comparison.divergences:
            reported += 1
            name = files[d.article]
            s0, s1 = _sentence(texts[name], d.start, d.end)
            for i, (file, kind, surface, _post) in enumerate(key):
                if i in used or file != name or kind != d.type:
                    continue
                spans = [(m.start(), m.end()) for m in re.finditer(re.escape(surface), texts[name])]
                if any(a < s1 and s0 < b for a, b in spans):
                    used.add(i)
                    hits += 1
                    break
    assert hits / max(1, reported) >= 0.9
    assert hits / max(1, expected) >= 0.9

"""Acceptance on the shared stories: primary sources, copies, clean reports, and divergence
precision and recall against the answer keys (the floors in the brief: 0.9 each)."""

from __future__ import annotations

import pytest

from factdiff.compare import compare_paths
from tests.shared_data import STORIES, need
from tests.story_sets import copies, file_names, load_answers, primary_files, score

pytestmark = pytest.mark.slow

NAMES = ("safe-city", "river-flood", "plant-layoffs")


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[dict, object]]:
    need(STORIES)
    out = {}
    for name in NAMES:
        folder = need(STORIES / name)
        out[name] = (load_answers(folder), compare_paths([str(folder)]))
    return out


@pytest.mark.parametrize("name", NAMES)
def test_primary_sources_and_copies(results: dict, name: str) -> None:
    answers, comparison = results[name]
    assert primary_files(comparison) == sorted(answers["primary_sources"])
    expected, found = copies(answers, comparison)
    assert found == expected


@pytest.mark.parametrize("name", NAMES)
def test_clean_reports_get_no_divergence(results: dict, name: str) -> None:
    answers, comparison = results[name]
    files = file_names(comparison)
    clean = {a["file"] for a in answers["articles"] if not a["divergences"] and not a.get("embedded_posts")}
    assert sorted({files[d.article] for d in comparison.divergences} & clean) == []


def test_divergence_precision_and_recall(results: dict) -> None:
    hits, reported, expected = score(results)
    assert hits / max(1, reported) >= 0.9
    assert hits / max(1, expected) >= 0.9

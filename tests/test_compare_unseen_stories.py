"""A generalisation measure: ``factdiff compare`` on the constructed stories of bench/stories_unseen.

Nobody tunes the comparison on these stories; they stand in for coverage of events nobody here has
seen. The floors are what the comparison scores on them now, rounded down: they catch a regression
and are not a target.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.story_sets import (
    assert_keys_match_reports,
    clean_reports_flagged,
    compare_stories,
    copies,
    file_names,
    load_answers,
    primary_files,
    score,
)

pytestmark = pytest.mark.slow

UNSEEN = Path(__file__).resolve().parents[1] / "bench" / "stories_unseen"
NAMES = ("election-brennock", "recall-kestrel", "transfer-valmar", "wildfire-tamsin")

#: Measured on these stories (python bench/stories.py bench/stories_unseen): 29 of 30 reported
#: divergences are right (0.97) and 29 of the key's 34 are found (0.85).
PRECISION_FLOOR = 0.96
RECALL_FLOOR = 0.85
#: Reports the key calls clean that still get a divergence: 2 when the floors were set, none now
#: (transfer-valmar/03-diario-almeron.txt was the last one). The wire report of election-brennock and its copy were
#: flagged for a while once the board's statement became the primary source ("45.7 percent" read
#: against the 48,212 votes beside it, a sibling count with its own percentage, not its base).
CLEAN_FLAGGED_CEILING = 1


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[dict, object]]:
    return compare_stories(UNSEEN, NAMES)


def test_every_key_surface_is_in_its_report() -> None:
    assert_keys_match_reports(UNSEEN, NAMES)


def test_every_domain_is_invented() -> None:
    for name in NAMES:
        for art in load_answers(UNSEEN / name)["articles"]:
            assert art["domain"].endswith(".example"), (name, art["domain"])


@pytest.mark.parametrize("name", NAMES)
def test_primary_sources(results: dict, name: str) -> None:
    answers, comparison = results[name]
    assert primary_files(comparison) == sorted(answers["primary_sources"])


@pytest.mark.parametrize("name", NAMES)
def test_copies(results: dict, name: str) -> None:
    answers, comparison = results[name]
    expected, found = copies(answers, comparison)
    assert found == expected


@pytest.mark.parametrize("name", NAMES)
def test_the_copy_pair_is_found_whatever_its_direction(results: dict, name: str) -> None:
    answers, comparison = results[name]
    files = file_names(comparison)
    expected = {frozenset((a["file"], a["copies"])) for a in answers["articles"] if a.get("copies")}
    found = {frozenset((files[c], files[r.original])) for c, r in comparison.copies.items()}
    assert found == expected


def test_clean_reports_flagged_no_more_than_now(results: dict) -> None:
    assert clean_reports_flagged(results) <= CLEAN_FLAGGED_CEILING


def test_divergence_precision_and_recall_floors(results: dict) -> None:
    hits, reported, expected = score(results)
    assert expected == 34
    assert hits / max(1, reported) >= PRECISION_FLOOR, (hits, reported)
    assert hits / max(1, expected) >= RECALL_FLOOR, (hits, expected)

"""A generalisation measure: ``factdiff compare`` on the constructed stories of bench/stories_unseen.

Nobody tunes the comparison on these stories; they stand in for coverage of events nobody here has
seen. The floors are what the comparison scores on them now, rounded down: they catch a regression
and are not a target.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from factdiff.compare import compare_paths

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


def _key(answers: dict) -> list[tuple[str, str, str]]:
    found = []
    for art in answers["articles"]:
        found += [(art["file"], d["type"], d["surface"]) for d in art["divergences"]]
        for post in art.get("embedded_posts", []):
            found += [(art["file"], d["type"], d["surface"]) for d in post["divergences"]]
    return found


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    rights = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return left, min(rights) if rights else len(text)


def _answers(name: str) -> dict:
    return json.loads((UNSEEN / name / "answers.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[dict, object]]:
    return {name: (_answers(name), compare_paths([str(UNSEEN / name)])) for name in NAMES}


def _files(comparison: object) -> dict[str, str]:
    return {a.id: Path(a.file).name for a in comparison.articles}


def test_every_key_surface_is_in_its_report() -> None:
    for name in NAMES:
        folder = UNSEEN / name
        answers = _answers(name)
        assert sorted(a["file"] for a in answers["articles"]) == sorted(p.name for p in folder.glob("*.txt"))
        for art in answers["articles"]:
            text = (folder / art["file"]).read_text(encoding="utf-8")
            assert f"Source: {art['outlet']} ({art['domain']})\n" in text, (name, art["file"])
            assert f"Published: {art['published']}\n" in text, (name, art["file"])
            entries = art["facts"] + art["divergences"]
            for post in art.get("embedded_posts", []):
                entries += post["facts"] + post["divergences"] + [post, {"surface": post["attribution_surface"]}]
            for entry in entries:
                assert entry["surface"] in text, (name, art["file"], entry["surface"])


def test_every_domain_is_invented() -> None:
    for name in NAMES:
        for art in _answers(name)["articles"]:
            assert art["domain"].endswith(".example"), (name, art["domain"])


@pytest.mark.parametrize("name", NAMES)
def test_primary_sources(results: dict, name: str) -> None:
    answers, comparison = results[name]
    files = _files(comparison)
    assert sorted(files[i] for i in comparison.primary.ids) == sorted(answers["primary_sources"])


@pytest.mark.parametrize("name", NAMES)
def test_copies(results: dict, name: str) -> None:
    answers, comparison = results[name]
    files = _files(comparison)
    expected = {a["file"]: a["copies"] for a in answers["articles"] if a.get("copies")}
    found = {files[c]: files[r.original] for c, r in comparison.copies.items()}
    assert found == expected


@pytest.mark.parametrize("name", NAMES)
def test_the_copy_pair_is_found_whatever_its_direction(results: dict, name: str) -> None:
    answers, comparison = results[name]
    files = _files(comparison)
    expected = {frozenset((a["file"], a["copies"])) for a in answers["articles"] if a.get("copies")}
    found = {frozenset((files[c], files[r.original])) for c, r in comparison.copies.items()}
    assert found == expected


def test_clean_reports_flagged_no_more_than_now(results: dict) -> None:
    flagged = 0
    for answers, comparison in results.values():
        files = _files(comparison)
        clean = {
            a["file"]
            for a in answers["articles"]
            if a["role"] != "primary" and not a["divergences"] and not a.get("embedded_posts")
        }
        flagged += len({files[d.article] for d in comparison.divergences} & clean)
    assert flagged <= CLEAN_FLAGGED_CEILING


def test_divergence_precision_and_recall_floors(results: dict) -> None:
    hits = reported = expected = 0
    for answers, comparison in results.values():
        files = _files(comparison)
        texts = {files[a.id]: a.text for a in comparison.articles}
        key = _key(answers)
        expected += len(key)
        used: set[int] = set()
        for d in comparison.divergences:
            reported += 1
            name = files[d.article]
            s0, s1 = _sentence(texts[name], d.start, d.end)
            for i, (file, kind, surface) in enumerate(key):
                if i in used or file != name or kind != d.type:
                    continue
                spans = [(m.start(), m.end()) for m in re.finditer(re.escape(surface), texts[name])]
                if any(a < s1 and s0 < b for a, b in spans):
                    used.add(i)
                    hits += 1
                    break
    assert expected == 34
    assert hits / max(1, reported) >= PRECISION_FLOOR, (hits, reported)
    assert hits / max(1, expected) >= RECALL_FLOOR, (hits, expected)

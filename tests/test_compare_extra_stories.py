"""An unseen development check: ``factdiff compare`` on the constructed stories of bench/stories_extra.

These stories were written after the comparison was tuned on the shared stories, to see how it
generalises. The floors are what the comparison scores on them now, rounded down: they catch a
regression, they are not a target. Raise them when the comparison improves.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from factdiff.compare import compare_paths

pytestmark = pytest.mark.slow

EXTRA = Path(__file__).resolve().parents[1] / "bench" / "stories_extra"
NAMES = ("quake-marvenia", "earnings-quillmark", "sentencing-keel", "vaccination-westmarch")

#: Measured on these stories (python bench/stories.py bench/stories_extra): 20 of 21 reported
#: divergences are right (0.95) and 20 of the key's 33 are found (0.61).
PRECISION_FLOOR = 0.90
RECALL_FLOOR = 0.55
#: Reports the key calls clean that still get a divergence: none of 8 now.
CLEAN_FLAGGED_CEILING = 0


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


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[dict, object]]:
    out = {}
    for name in NAMES:
        folder = EXTRA / name
        answers = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
        out[name] = (answers, compare_paths([str(folder)]))
    return out


def test_every_key_surface_is_in_its_report() -> None:
    for name in NAMES:
        folder = EXTRA / name
        answers = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
        assert sorted(a["file"] for a in answers["articles"]) == sorted(p.name for p in folder.glob("*.txt"))
        for art in answers["articles"]:
            text = (folder / art["file"]).read_text(encoding="utf-8")
            entries = art["facts"] + art["divergences"]
            for post in art.get("embedded_posts", []):
                entries += post["facts"] + post["divergences"] + [post]
            for entry in entries:
                assert entry["surface"] in text, (name, art["file"], entry["surface"])


@pytest.mark.parametrize("name", NAMES)
def test_primary_sources_and_copies(results: dict, name: str) -> None:
    answers, comparison = results[name]
    files = {a.id: Path(a.file).name for a in comparison.articles}
    assert sorted(files[i] for i in comparison.primary.ids) == sorted(answers["primary_sources"])
    expected = {a["file"]: a["copies"] for a in answers["articles"] if a.get("copies")}
    found = {files[c]: files[r.original] for c, r in comparison.copies.items()}
    assert found == expected


def test_clean_reports_flagged_no_more_than_now(results: dict) -> None:
    flagged = 0
    for answers, comparison in results.values():
        files = {a.id: Path(a.file).name for a in comparison.articles}
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
        files = {a.id: Path(a.file).name for a in comparison.articles}
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
    assert expected == 33
    assert hits / max(1, reported) >= PRECISION_FLOOR, (hits, reported)
    assert hits / max(1, expected) >= RECALL_FLOOR, (hits, expected)

"""Golden files: what `factdiff check` and `factdiff compare` give on fixed inputs, held in tests/golden/.

A change in what factdiff finds shows up here as a diff to read. When the change is intended,
regenerate with ``FACTDIFF_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and commit the
new files with the change that caused them.

The examples under examples/ were written for the project, so their golden files hold the whole
documents. For the seed and the shared stories, which live outside the repository, the golden
files hold a projection of each claim (kind, span and typed values) and no text of the article.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from factdiff.cli import cli
from tests.shared_data import EXAMPLES, SEED, STORIES

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("FACTDIFF_UPDATE_GOLDEN") == "1"

#: Per claim kind, the fields kept in a projection (no words of the article beyond names and titles).
PROJECTED = {
    "quantity": ("value", "low", "high", "approx", "unit"),
    "date": ("value", "weekday", "granularity"),
    "duration": ("value", "approx"),
    "person": ("name", "title"),
    "quote": ("speaker", "speaker_title", "direct", "quote_start", "quote_end"),
    "attribution": (),
}


def _run(*args: str) -> Any:
    result = CliRunner().invoke(cli, [*args])
    assert result.exit_code == 0, result.output
    return (
        [json.loads(line) for line in result.output.splitlines() if line.strip()]
        if "check" in args
        else json.loads(result.output)
    )


def _project(doc: dict[str, Any]) -> dict[str, Any]:
    claims = []
    for claim in doc["claims"]:
        kept = {k: claim.get(k) for k in PROJECTED[claim["kind"]]}
        claims.append({"kind": claim["kind"], "start": claim["start"], "end": claim["end"], **kept})
    findings = [{"type": f["type"], "start": f["start"], "end": f["end"]} for f in doc["findings"]]
    return {"id": doc["article"]["id"], "claims": claims, "findings": findings}


def _compare_projection(doc: dict[str, Any]) -> dict[str, Any]:
    files = {a["id"]: Path(a.get("file") or "").name for a in doc["articles"]}
    return {
        "primary_sources": sorted(files[i] for i in doc["primary_sources"]),
        "copies": sorted((files[a["id"]], files.get(a["copy_of"] or "", "")) for a in doc["articles"] if a["copy_of"]),
        "divergences": sorted(
            (files[d["article"]], d["type"], d["start"], d["end"], bool(d["in_post"])) for d in doc["divergences"]
        ),
    }


def _check_golden(name: str, data: Any) -> None:
    path = GOLDEN / f"{name}.json"
    text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with FACTDIFF_UPDATE_GOLDEN=1"
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text), f"{path.name} differs"


def _relative(doc: dict[str, Any]) -> dict[str, Any]:
    """A document without the machine's paths."""
    doc["article"]["file"] = Path(doc["article"]["file"]).name if doc["article"]["file"] else None
    return doc


def test_example_article() -> None:
    (doc,) = _run("check", str(EXAMPLES / "article.txt"), "--json")
    _check_golden("example-article.check", _relative(doc))


def test_example_story() -> None:
    doc = _run("compare", str(EXAMPLES / "story"), "--json")
    _check_golden("example-story.compare", _compare_projection(doc))


def test_seed() -> None:
    if not SEED.exists():
        pytest.skip("shared data not present: the seed")
    (doc,) = _run("check", str(SEED), "--json")
    _check_golden("seed.check", _project(doc))


@pytest.mark.parametrize("story", ["safe-city", "river-flood", "plant-layoffs"])
def test_shared_story(story: str) -> None:
    folder = STORIES / story
    if not folder.exists():
        pytest.skip(f"shared data not present: stories/{story}")
    docs = _run("check", str(folder), "--json")
    _check_golden(f"story-{story}.check", [_project(d) for d in docs])
    _check_golden(f"story-{story}.compare", _compare_projection(_run("compare", str(folder), "--json")))

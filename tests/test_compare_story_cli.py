"""`factdiff compare --story ID` compares the members of a stored story."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from factdiff.cli import cli

REPORTS = {
    "a.txt": (
        "Mill to cut 240 jobs\n\nSource: Harlow Mills (harlowmills.example)\nPublished: 2024-02-06\n\n"
        "Harlow Mills said on Tuesday it will cut 240 jobs at its Denholm plant by June. "
        '"This was a hard decision," said Chief Executive Rosa Vance.'
    ),
    "b.txt": (
        "Harlow Mills to shed 240 jobs at Denholm\n\nSource: Denholm Courier (denholmcourier.example)\n"
        "Published: 2024-02-07\n\nHarlow Mills will cut 240 jobs at its Denholm plant by June, the company said "
        'Tuesday. "This was a hard decision," Chief Executive Rosa Vance said.'
    ),
}


def test_compare_a_stored_story(tmp_path: Path) -> None:
    for name, text in REPORTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["add", str(tmp_path), "--db", db]).exit_code == 0
    listed = json.loads(runner.invoke(cli, ["stories", "--db", db, "--json"]).output)
    stories = listed["stories"]
    assert len(stories) == 1 and len(stories[0]["articles"]) == 2
    result = runner.invoke(cli, ["compare", "--story", stories[0]["id"][:6], "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["schema"] == "factdiff.compare/1"
    assert {a["id"] for a in doc["articles"]} == {a["id"] for a in stories[0]["articles"]}


def test_unknown_story_and_no_input(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    (tmp_path / "a.txt").write_text(REPORTS["a.txt"], encoding="utf-8")
    runner = CliRunner()
    runner.invoke(cli, ["add", str(tmp_path / "a.txt"), "--db", db])
    missing = runner.invoke(cli, ["compare", "--story", "ffff", "--db", db])
    assert missing.exit_code == 3 and "no story ffff" in missing.output
    nothing = runner.invoke(cli, ["compare", "--db", db])
    assert nothing.exit_code == 2

"""Quality gate: quantity extraction on the NewsQuant dev half may not fall below its floors.

Scored strictly by bench/newsquant.py (one-to-one pairs, one concept per quantity).

The floors live in tests/quality_floors.json. A floor may sit at most ``max_drop`` points below
the best score recorded next to it, so lowering a floor means editing ``best`` too, in the open.
Raise both when a change improves the scores.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.newsquant import Scores, load_unit_table, measured, predict, score
from tests.shared_data import SHARED, need

FLOORS = Path(__file__).resolve().parent / "quality_floors.json"


def _section() -> dict:
    return json.loads(FLOORS.read_text(encoding="utf-8"))["newsquant"]


@pytest.fixture(scope="module")
def scores() -> Scores:
    data = need(SHARED / _section()["data"])
    rows = json.loads(data.read_text(encoding="utf-8"))
    units = load_unit_table()
    return score(rows, [predict(row["text"], units) for row in rows])


@pytest.mark.parametrize("metric", ["value_f1", "unit_f1", "change_f1", "concept_f1", "concept_complete_f1"])
def test_newsquant_floor(scores: Scores, metric: str) -> None:
    floor = _section()["metrics"][metric]["floor"]
    value = measured(scores)[metric]
    assert value >= floor, f"NewsQuant {metric} {value} fell below its floor {floor}"


def test_floors_are_not_lowered_silently() -> None:
    section = _section()
    for metric, entry in section["metrics"].items():
        assert entry["floor"] <= entry["best"], metric
        assert entry["best"] - entry["floor"] <= section["max_drop"], (
            f"{metric}: floor {entry['floor']} is more than {section['max_drop']} below best {entry['best']}"
        )

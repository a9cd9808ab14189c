"""Quality gate: direct quotes and their speakers on the PolNeAR dev half may not fall below their floors.

The floors live in tests/quality_floors.json (section ``polnear``) beside the best scores measured;
lowering a floor means editing ``best`` too, in the open.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.quotes import Score, factdiff_units, load, score
from tests.shared_data import SHARED, need

FLOORS = Path(__file__).resolve().parent / "quality_floors.json"


def _section() -> dict:
    return json.loads(FLOORS.read_text(encoding="utf-8"))["polnear"]


@pytest.fixture(scope="module")
def measured() -> dict[str, float]:
    docs = load(need(SHARED / _section()["data"]))
    direct = Score()
    for doc in docs:
        units, _ = factdiff_units(doc.text)
        score(doc, units, doc.direct, direct, "direct")
    return {"quote_f1": direct.prf()[2], "speaker_acc": direct.speaker_acc()}  # both already percent


@pytest.mark.parametrize("metric", ["quote_f1", "speaker_acc"])
def test_polnear_floor(measured: dict[str, float], metric: str) -> None:
    entry = _section()["metrics"][metric]
    assert measured[metric] >= entry["floor"], f"PolNeAR {metric} {measured[metric]:.1f} fell below {entry['floor']}"
    assert entry["floor"] <= entry["best"] and entry["best"] - entry["floor"] <= _section()["max_drop"]

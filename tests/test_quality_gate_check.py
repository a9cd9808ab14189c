"""Quality gate: `factdiff check` must keep finding the facts of the shared stories' answer keys.

The floor lives in tests/quality_floors.json (section ``stories_check``) beside the best recall
measured; lowering it means editing ``best`` too, in the open.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.check_recall import measure
from tests.shared_data import SHARED, need

FLOORS = Path(__file__).resolve().parent / "quality_floors.json"


def test_stories_recall_floor() -> None:
    section = json.loads(FLOORS.read_text(encoding="utf-8"))["stories_check"]
    outcomes = measure(need(SHARED / section["data"]))
    recall = 100.0 * sum(o.found for o in outcomes) / len(outcomes)
    floor = section["metrics"]["recall"]["floor"]
    misses = [f"{o.story}/{o.file}: {o.fact.get('surface')}" for o in outcomes if not o.found]
    assert recall >= floor, f"recall {recall:.1f} fell below its floor {floor}; missed: {misses}"
    best = section["metrics"]["recall"]["best"]
    assert floor <= best and best - floor <= section["max_drop"]

"""Quality gate: `factdiff compare` on real multi-outlet coverage must keep its precision and recall.

The floors live in tests/quality_floors.json (section ``real``) beside the best figures measured by
``bench/real.py``; lowering one means editing ``best`` too, in the open.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.real import measure
from tests.shared_data import SHARED, need

FLOORS = Path(__file__).resolve().parent / "quality_floors.json"


def test_real_coverage_floors() -> None:
    section = json.loads(FLOORS.read_text(encoding="utf-8"))["real"]
    total = measure(need(SHARED / section["data"]))
    metrics = section["metrics"]
    found = {"precision": total.p, "recall": total.r}
    for name, value in found.items():
        floor, best = metrics[name]["floor"], metrics[name]["best"]
        assert value >= floor, f"{name} {value:.2f} fell below its floor {floor}; false alarms: {total.false}"
        assert floor <= best and best - floor <= section["max_drop"] + 1e-9

"""Quality gate: what `factdiff compare` accuses on the unlabelled ECB+ development events may not
grow past its ceiling.

Nothing there is labelled, and read by eye most accusations on these events are false alarms, so
the count is a ceiling for the false alarms an unseen ECB+ topic would show (``bench/unlabelled.py``,
docs/benchmarks.md). The ceilings live in tests/quality_floors.json (section ``unlabelled``) beside
the best figures measured; raising one means editing ``best`` too, in the open.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.unlabelled import measure
from tests.shared_data import SHARED, need

FLOORS = Path(__file__).resolve().parent / "quality_floors.json"


def test_unlabelled_accusations_stay_under_their_ceiling() -> None:
    section = json.loads(FLOORS.read_text(encoding="utf-8"))["unlabelled"]
    watch = measure(need(SHARED / section["data"]), SHARED / section["exclude"])
    found = {"reported": watch.reported, "official_events": watch.official}
    for name, value in found.items():
        ceiling, best = section["metrics"][name]["ceiling"], section["metrics"][name]["best"]
        assert value <= ceiling, f"{name} {value} rose above its ceiling {ceiling}: {dict(watch.by_type)}"
        assert best <= ceiling and ceiling - best <= section["max_rise"]

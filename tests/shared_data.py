"""Shared test helpers: where the team's shared data lives, and skipping when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "safe-city-seed.txt"
STORIES = SHARED / "data" / "stories"
EXAMPLES = ROOT / "examples"


def need(path: Path) -> Path:
    """Skip the calling test, with the reason, when a shared file is not on this machine."""
    if not path.exists():
        pytest.skip(f"shared data not present: {path.name}")
    return path

"""Shared test helpers: where the team's shared data lives, and skipping when it is absent."""

from __future__ import annotations

import sqlite3
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


def stored_articles(db: Path) -> int:
    """Articles in a store that another process may be writing (0 while it cannot be read)."""
    try:
        check = sqlite3.connect(db, timeout=1)
        try:
            return int(check.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            check.close()
    except sqlite3.Error:
        return 0

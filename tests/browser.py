"""Headless Debian Chromium for the browser tests, started the same way everywhere.

The flags keep Chromium off the network it would otherwise call at start (updates, sync, sign-in),
which this closed machine refuses; the test skips with its reason when Playwright or Chromium is
missing.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium() -> Iterator[Any]:
    """A running browser for a module-scoped fixture to yield; closed when the fixture ends."""
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright for Python is not installed")
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"Debian chromium is not installed at {CHROMIUM}")
    with playwright.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()

"""The screenshot of the story page in docs/serve-story.png, taken from the example story.

Usage: python scripts/serve_screenshot.py [OUT.png]
Adds examples/story to a temporary store, serves it on a free loopback port, opens the story in
headless Chromium (/usr/bin/chromium), chooses a changed number in the matrix and saves the page.
"""

from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"


def main() -> None:
    import uvicorn
    from click.testing import CliRunner
    from playwright.sync_api import sync_playwright

    from factdiff.cli import cli
    from factdiff.serve.app import create_app

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "serve-story.png"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "factdiff.db"
        result = CliRunner().invoke(cli, ["add", str(ROOT / "examples" / "story"), "--db", str(db)])
        if result.exit_code != 0:
            raise SystemExit(result.output)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(f"http://127.0.0.1:{port}/")
            page.locator("a.story-link").first.click()
            page.locator("td.cell.v-number_changed a").first.click()
            page.wait_for_selector("section#evidence mark")
            page.screenshot(path=str(out), full_page=True)
            browser.close()
        server.should_exit = True
    print(out)


if __name__ == "__main__":
    main()

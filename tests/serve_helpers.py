"""A small local web server for the fetching tests: pages, a feed, redirects, robots.txt.

It listens on 127.0.0.2 (a loopback address like 127.0.0.1, but a different one), so a test can
let exactly this server through the fetcher's allow hook while every other loopback address,
127.0.0.1 included, stays refused: a redirect from it to 127.0.0.1 must still be stopped.
"""

from __future__ import annotations

import contextlib
import ipaddress
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TEST_HOST = "127.0.0.2"
TEST_ADDRESS = ipaddress.ip_address(TEST_HOST)

ARTICLE_HTML = """<!DOCTYPE html><html><head><title>{title}</title>
<meta property="og:site_name" content="{site}"><meta name="date" content="2024-05-02"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>{title}</h1>
<p>Crews closed the Eastbank bridge on Thursday after inspectors found 14 cracked support beams,
the county transport department said in a statement on its website.</p>
<p>About 4,100 vehicles a day will be sent through Southport while the repairs, expected to cost
$2.3 million, are carried out over the next eight weeks, officials said.</p>
<p>{extra}</p></article></body></html>"""


@dataclass
class Site:
    """What the server serves: path -> (status, content type, body or callable, extra headers)."""

    routes: dict[str, tuple[int, str, bytes, dict[str, str]]] = field(default_factory=dict)
    seen: list[tuple[str, str]] = field(default_factory=list)  # (path, Host header) of each request
    agents: list[str] = field(default_factory=list)  # the User-Agent of each request
    port: int = 0

    @property
    def base(self) -> str:
        return f"http://{TEST_HOST}:{self.port}"

    def page(
        self,
        path: str,
        body: str | bytes,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = (status, content_type, data, headers or {})

    def redirect(self, path: str, to: str, status: int = 302) -> None:
        self.routes[path] = (status, "text/plain", b"", {"Location": to})


def allow_test_server(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """The allow hook of the tests: this one loopback address and nothing else."""
    return address == TEST_ADDRESS


@contextmanager
def serve_site(site: Site, slow: Callable[[str], float] | None = None) -> Iterator[Site]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            site.seen.append((path, self.headers.get("Host", "")))
            site.agents.append(self.headers.get("User-Agent", ""))
            if slow is not None and slow(path):
                time.sleep(slow(path))
            status, content_type, body, headers = site.routes.get(path, (404, "text/plain", b"not found", {}))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # a client that gave up
                self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer((TEST_HOST, 0), Handler)
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


# --- a store for the page tests: the example story plus a hostile report of the same event ----------

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "story"
#: Markup and script in every field a page shows. Executing any of it sets window.__pwned.
PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
CSS_PAYLOAD = '<style>body{background:url(//evil.example/x)}</style><div style="background:url(//evil.example/y)">'
HOSTILE_OUTLET = f"Hostile {PAYLOAD} Wire"


def hostile_report() -> str:
    """A report of the example story with payloads in its title, outlet, URL, text and a quote."""
    lines = (EXAMPLES / "01-larkmont-ledger.txt").read_text(encoding="utf-8").splitlines()
    body = "\n".join(lines[4:])
    return (
        f"Kessler Avenue Bridge closes {PAYLOAD} {CSS_PAYLOAD} for $38.5 million rebuild\n\n"
        f"Source: {HOSTILE_OUTLET} (hostile.example)\n"
        "Published: 2026-03-11\n"
        "URL: javascript:window.__pwned=3\n\n"
        f"{body.replace('14 months', '15 months')}\n\n"
        f'"We will keep the detour short {PAYLOAD}," the city engineer said. {CSS_PAYLOAD} '
        'Readers can <a href="javascript:window.__pwned=4">click here</a> for more.\n'
    )


def build_store(db: Path) -> None:
    """The example story and the hostile report, added through the command line."""
    from click.testing import CliRunner

    from factdiff.cli import cli

    folder = db.parent / "reports"
    folder.mkdir(exist_ok=True)
    for path in sorted(EXAMPLES.glob("*.txt")):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "06-hostile.txt").write_text(hostile_report(), encoding="utf-8")
    (folder / "07-other-event.txt").write_text(
        "Harbour ferry adds a late sailing\n\nSource: Bay Courier (baycourier.example)\nPublished: 2025-07-01\n\n"
        "The harbour ferry will add a 23:40 sailing from June, the operator said on Monday, after 1,200 "
        "passengers signed a petition asking for a later boat home from the city centre.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["add", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output

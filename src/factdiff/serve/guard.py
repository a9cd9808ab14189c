"""The guard of ``factdiff serve``: security headers, the Host check, same-origin and write rules.

Every response gets a Content-Security-Policy that forbids scripts, inline styles, external
loads and forms posting elsewhere. A server on loopback answers only to loopback names in the
``Host`` header (a page elsewhere cannot reach it by pointing its own name at 127.0.0.1).
"""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import JSONResponse

from factdiff.errors import FactdiffError

__all__ = ["CSP", "CSRF_COOKIE", "Forbidden", "Guard", "check_origin", "is_loopback_host"]

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
CSRF_COOKIE = "factdiff_csrf"
_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


def is_loopback_host(host: str) -> bool:
    """True when ``host`` (a bind address or name) is only reachable from this machine."""
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # other sites get no referrer; our own forms send their Origin
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class Guard:
    """ASGI middleware: refuse an unexpected Host, and put the security headers on every response."""

    def __init__(self, app: Any, allowed_hosts: set[str] | None) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.allowed_hosts is not None:
            raw = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            host = raw.rsplit(":", 1)[0].strip("[]").lower() if not raw.endswith("]") else raw.strip("[]").lower()
            if host not in self.allowed_hosts:
                response = JSONResponse({"detail": f"unexpected Host {host[:80]!r}"}, status_code=400)
                await response(scope, receive, self._with_headers(send))
                return
        await self.app(scope, receive, self._with_headers(send))

    @staticmethod
    def _with_headers(send: Any) -> Any:
        async def sender(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_HEADERS]
            await send(message)

        return sender


class Forbidden(FactdiffError):
    """A write without its token or CSRF proof, or from another site."""


def check_origin(request: Request) -> None:
    """A browser's Origin (or Referer) must be this server: a page elsewhere cannot post here."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin:
        return
    try:
        netloc = urlsplit(origin).netloc
    except ValueError:
        netloc = ""
    if netloc.lower() != (request.headers.get("host") or "").lower():
        raise Forbidden("the request came from another site")

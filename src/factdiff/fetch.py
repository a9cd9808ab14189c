"""Fetching pages from the web, safely: the only part of factdiff that opens a network connection.

Used by ``factdiff add URL`` / ``--feed URL`` and by the add form of ``factdiff serve``, where the
address comes from someone else, so every fetch is treated as hostile input (server-side request
forgery):

- only ``http`` and ``https``, on any port, without user names or passwords in the address;
- the host name is resolved once, **every** address it resolves to must be a public one
  (``is_global``: no loopback, private, link-local, cloud metadata, multicast, unspecified,
  reserved or shared address space, IPv4-mapped and 6to4/Teredo forms unwrapped), and the
  connection goes to the vetted address itself, with the name kept for the ``Host`` header and
  TLS, so a second DNS answer (rebinding) cannot swap it;
- IPv4 written in decimal, octal, hexadecimal or shortened form (``2130706433``, ``0177.0.0.1``,
  ``127.1``) is read as the address it denotes before the check;
- redirects are followed by hand, at most :data:`MAX_REDIRECTS`, each new address checked again;
- ``robots.txt`` of each site is read (through the same checks) and obeyed for our user agent;
- connect and read timeouts, and a size cap: the body is streamed and abandoned past ``max_bytes``.

``allow`` is a hook for tests only: a predicate that lets named addresses through (a local test
server on loopback). Nothing in factdiff's own commands sets it.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from factdiff import __version__
from factdiff.errors import FactdiffError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_REDIRECTS",
    "USER_AGENT",
    "FetchError",
    "Fetched",
    "Fetcher",
    "address_refusal",
    "literal_address",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

USER_AGENT = f"factdiff/{__version__} (news fact comparison; reads robots.txt)"
#: A news page is 50-500 KB of HTML; 5 MB leaves room for inlined scripts and stops a runaway body.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 15.0
_IPV4_LOOSE = re.compile(r"^(0x[0-9a-f]+|[0-9]+)(\.(0x[0-9a-f]+|[0-9]+)){0,3}$", re.IGNORECASE)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchError(FactdiffError):
    """A URL that was not fetched: refused by the rules above, or failed. ``str()`` names the URL."""

    def __init__(self, url: str, reason: str, refused: bool = False) -> None:
        super().__init__(f"{url}: {'refused: ' if refused else ''}{reason}")
        self.url = url
        self.reason = reason
        self.refused = refused


@dataclass(slots=True)
class Fetched:
    """A fetched response: the address asked for, the final one after redirects, and the body."""

    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes
    charset: str | None = None


def literal_address(host: str) -> IPAddress | None:
    """The address a host written as an IP literal denotes (any IPv4 spelling), else None."""
    bare = host.strip("[]")
    try:
        return ipaddress.ip_address(bare.split("%", 1)[0])
    except ValueError:
        pass
    if _IPV4_LOOSE.match(bare):
        try:  # inet_aton reads 2130706433, 0177.0.0.1, 0x7f.1 and 127.1 as resolvers and browsers do
            return ipaddress.IPv4Address(socket.inet_aton(bare))
        except OSError:
            return None
    return None


def address_refusal(address: IPAddress) -> str | None:
    """Why factdiff will not connect to ``address`` ("127.0.0.1 is a loopback address"), or None."""
    kind = _address_kind(address)
    return f"{address} is {kind}" if kind else None


def _address_kind(address: IPAddress) -> str | None:
    """What kind of non-public address ``address`` is ("a loopback address"), None when public."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo[1] if address.teredo else None)
        if embedded is not None:
            kind = _address_kind(embedded)
            return f"{kind} ({embedded}) inside an IPv6 address" if kind else None
    checks = (
        ("an unspecified address", address.is_unspecified),
        ("a loopback address", address.is_loopback),
        ("a link-local address (where cloud metadata services live)", address.is_link_local),
        ("a multicast address", address.is_multicast),
        ("a private address", address.is_private),
        ("a reserved address", address.is_reserved),
    )
    for kind, hit in checks:
        if hit:
            return kind
    return None if address.is_global else "not a public address"


def _system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


@dataclass
class Fetcher:
    """Fetches URLs under the rules of this module. One instance keeps robots.txt per site."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = MAX_REDIRECTS
    connect_timeout: float = CONNECT_TIMEOUT
    read_timeout: float = READ_TIMEOUT
    user_agent: str = USER_AGENT
    resolver: Resolver = _system_resolver
    #: Tests only: addresses for which this returns True are let through (a local test server).
    allow: Callable[[IPAddress], bool] | None = None
    respect_robots: bool = True
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)

    def fetch(self, url: str) -> Fetched:
        """GET ``url`` (following checked redirects) or raise :class:`FetchError` naming the reason."""
        vetted = self.vet(url)  # the address itself first: robots.txt is not asked of a refused host
        if self.respect_robots:
            self._check_robots(url)
        return self._get(url, url, vetted=vetted)

    # --- the checks ----------------------------------------------------------------------------

    def vet(self, url: str) -> tuple[str, int, IPAddress]:
        """The host, port and the checked address to connect to for ``url``; FetchError if refused."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise FetchError(url, f"not a valid address: {exc}", refused=True) from exc
        if parts.scheme not in ("http", "https"):
            raise FetchError(url, f"only http and https addresses are fetched, not {parts.scheme or 'none'!r}", True)
        if parts.username or parts.password:
            raise FetchError(url, "addresses with a user name or password are not fetched", refused=True)
        host = (parts.hostname or "").rstrip(".")
        if not host:
            raise FetchError(url, "the address has no host", refused=True)
        port = port or (443 if parts.scheme == "https" else 80)
        literal = literal_address(host)
        if literal is not None:
            addresses = [literal]
        else:
            try:
                found = self.resolver(host, port)
            except (OSError, UnicodeError) as exc:
                raise FetchError(url, f"cannot resolve {host}: {exc}") from exc
            addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in found]
            if not addresses:
                raise FetchError(url, f"cannot resolve {host}: no address")
        for address in addresses:  # every answer checked: a name may mix public and private addresses
            kind = _address_kind(address)
            if kind and not (self.allow is not None and self.allow(address)):
                said = f"{address} is {kind}" if literal is not None else f"{host} resolves to {address}, {kind}"
                raise FetchError(url, said, refused=True)
        return host, port, addresses[0]

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        rules = self._robots[origin]
        if rules is not None and not rules.can_fetch(self.user_agent, url):
            raise FetchError(url, f"{origin}/robots.txt disallows it for {self.user_agent.split()[0]}", True)

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        """The site's robots.txt; None (everything allowed) when it has none. 5xx: nothing allowed."""
        parser = urllib.robotparser.RobotFileParser()
        try:
            got = self._get(origin + "/robots.txt", origin + "/robots.txt", accept_errors=True)
        except FetchError as exc:
            if exc.refused:
                raise
            return None
        if got.status >= 500:
            parser.disallow_all = True
            return parser
        if got.status >= 400:
            return None
        parser.parse(got.body.decode(got.charset or "utf-8", errors="replace").splitlines())
        return parser

    # --- the transfer --------------------------------------------------------------------------

    def _get(
        self, asked: str, url: str, accept_errors: bool = False, vetted: tuple[str, int, IPAddress] | None = None
    ) -> Fetched:
        """GET with redirects followed by hand, each hop vetted (the first may come vetted already)."""
        timeout = httpx.Timeout(self.read_timeout, connect=self.connect_timeout)
        with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
            for _ in range(self.max_redirects + 1):
                try:
                    host, port, address = vetted or self.vet(url)
                    vetted = None
                except FetchError as exc:
                    if url == asked:
                        raise
                    raise FetchError(asked, f"redirected to {url}, and {exc.reason}", exc.refused) from exc
                parts = urlsplit(url)
                shown = f"[{address}]" if address.version == 6 else str(address)
                direct = parts._replace(netloc=f"{shown}:{port}").geturl()
                headers = {
                    "Host": parts.netloc.rsplit("@", 1)[-1],
                    "User-Agent": self.user_agent,
                    "Accept": "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
                    "application/xml;q=0.9, text/plain;q=0.8, */*;q=0.1",
                }
                extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
                try:
                    request = client.build_request("GET", direct, headers=headers, extensions=extensions)
                    response = client.send(request, stream=True)
                except httpx.TimeoutException as exc:
                    raise FetchError(url, f"timed out ({type(exc).__name__})") from exc
                except httpx.HTTPError as exc:
                    raise FetchError(url, f"cannot fetch: {exc}") from exc
                try:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code >= 400 and not accept_errors:
                        raise FetchError(url, f"the server answered {response.status_code} {response.reason_phrase}")
                    body = self._read_body(url, response)
                finally:
                    response.close()
                content_type = response.headers.get("content-type", "")
                return Fetched(
                    asked,
                    url,
                    response.status_code,
                    content_type.split(";")[0].strip().lower(),
                    body,
                    response.charset_encoding,
                )
        raise FetchError(asked, f"more than {self.max_redirects} redirects")

    def _read_body(self, url: str, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(url, f"{int(declared):,} bytes, more than the limit of {self.max_bytes:,}")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(url, f"more than the limit of {self.max_bytes:,} bytes")
                chunks.append(chunk)
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out reading the body ({type(exc).__name__})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(url, f"cannot read the body: {exc}") from exc
        return b"".join(chunks)

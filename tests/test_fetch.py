"""Fetching from the web: every non-public address refused (SSRF), and real fetching against a
local server that the test lets through the allow hook (and nothing else)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from factdiff.errors import Skipped
from factdiff.fetch import Fetcher, FetchError, address_refusal, literal_address
from factdiff.ingest import ingest_items
from factdiff.model import Article
from factdiff.read.web import read_feed, read_url
from factdiff.store import Store
from tests.serve_helpers import ARTICLE_HTML, TEST_HOST, Site, allow_test_server, serve_site

# (url, words the refusal must contain)
REFUSED = [
    ("http://127.0.0.1/", "127.0.0.1 is a loopback address"),
    ("http://127.0.0.1:8000/admin", "loopback"),
    ("http://[::1]/", "::1 is a loopback address"),
    ("http://10.0.0.1/", "10.0.0.1 is a private address"),
    ("http://10.255.255.254:8080/x", "private"),
    ("http://172.16.0.1/", "172.16.0.1 is a private address"),
    ("http://172.31.255.255/", "private"),
    ("http://192.168.0.1/", "192.168.0.1 is a private address"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://[fd00:ec2::254]/latest/meta-data/", "private"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://[::]/", "unspecified"),
    ("http://224.0.0.1/", "multicast"),
    ("http://[::ffff:127.0.0.1]/", "loopback address (127.0.0.1) inside an IPv6 address"),
    ("http://[::ffff:10.0.0.1]/", "private address (10.0.0.1) inside an IPv6 address"),
    ("http://[::ffff:169.254.169.254]/", "link-local"),
    ("http://2130706433/", "127.0.0.1 is a loopback address"),  # decimal
    ("http://0177.0.0.1/", "127.0.0.1 is a loopback address"),  # octal
    ("http://0x7f.0.0.1/", "127.0.0.1 is a loopback address"),  # hexadecimal
    ("http://127.1/", "127.0.0.1 is a loopback address"),  # shortened
    ("http://017700000001/", "127.0.0.1 is a loopback address"),  # octal, one number
    ("http://0xa9fea9fe/", "169.254.169.254 is a link-local"),  # metadata in hexadecimal
    ("http://100.64.0.1/", "not a public address"),  # shared address space (carrier NAT)
    ("file:///etc/passwd", "only http and https"),
    ("javascript:alert(1)", "only http and https"),
    ("gopher://example.com/", "only http and https"),
    ("http://user:secret@example.com/", "user name or password"),
    ("http:///nohost", "no host"),
]


@pytest.mark.parametrize(("url", "why"), REFUSED, ids=[u for u, _ in REFUSED])
def test_non_public_addresses_are_refused(url: str, why: str) -> None:
    fetcher = Fetcher(resolver=_no_dns)
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(url)
    assert caught.value.refused
    assert why in str(caught.value)
    assert str(caught.value).startswith(f"{url}: refused: ")


def _no_dns(host: str, port: int) -> list[str]:
    raise AssertionError(f"no name should be resolved here, asked for {host}")


def test_name_resolving_to_loopback_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:  # type: ignore[type-arg]
        assert host == "internal.example"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(FetchError) as caught:
        Fetcher().fetch("http://internal.example/page")
    assert str(caught.value) == (
        "http://internal.example/page: refused: internal.example resolves to 127.0.0.1, a loopback address"
    )


def test_a_name_with_one_private_answer_among_public_ones_is_refused() -> None:
    fetcher = Fetcher(resolver=lambda host, port: ["93.184.216.34", "10.1.2.3"])
    with pytest.raises(FetchError, match=r"resolves to 10\.1\.2\.3, a private address"):
        fetcher.vet("http://mixed.example/")


def test_public_addresses_pass_the_check() -> None:
    assert address_refusal(literal_address("93.184.216.34")) is None  # type: ignore[arg-type]
    assert address_refusal(literal_address("2606:4700::1111")) is None  # type: ignore[arg-type]
    host, port, address = Fetcher(resolver=lambda h, p: ["93.184.216.34"]).vet("https://news.example/a")
    assert (host, port, str(address)) == ("news.example", 443, "93.184.216.34")


@pytest.fixture
def site() -> Iterator[Site]:
    with serve_site(Site()) as running:
        yield running


def _fetcher(**options: object) -> Fetcher:
    """A fetcher that lets the test server through, and resolves news.example to it."""
    return Fetcher(
        allow=allow_test_server,
        resolver=lambda host, port: (
            {"localhost": ["127.0.0.1"]}.get(host)
            or ([TEST_HOST] if host.endswith(".example") else _no_dns(host, port))
        ),
        **options,  # type: ignore[arg-type]
    )


def test_fetches_a_page_from_the_allowed_server(site: Site) -> None:
    site.page("/news/bridge", ARTICLE_HTML.format(title="Eastbank bridge closed", site="Eastbank Voice", extra=""))
    article = read_url(f"{site.base}/news/bridge", _fetcher())
    assert isinstance(article, Article), article
    assert article.title == "Eastbank bridge closed"
    assert "14 cracked support beams" in article.text
    assert article.url == f"{site.base}/news/bridge"
    assert ("/robots.txt", f"{TEST_HOST}:{site.port}") in site.seen  # robots.txt asked first


def test_connects_to_the_vetted_address_with_the_name_as_host(site: Site) -> None:
    """DNS rebinding: the name is resolved once per hop and the connection goes to that address."""
    site.page("/a", ARTICLE_HTML.format(title="Rebinding", site="X", extra=""))
    answers = iter([[TEST_HOST]])  # a second lookup (by the HTTP client) would fail the test

    def resolver(host: str, port: int) -> list[str]:
        return next(answers, ["127.0.0.1"])

    fetcher = Fetcher(allow=allow_test_server, resolver=resolver, respect_robots=False)
    got = fetcher.fetch(f"http://news.example:{site.port}/a")
    assert got.status == 200
    assert site.seen[-1] == ("/a", f"news.example:{site.port}")
    with pytest.raises(FetchError, match=r"news\.example resolves to 127\.0\.0\.1, a loopback address"):
        fetcher.fetch(f"http://news.example:{site.port}/a")  # the next lookup answers loopback: refused


def test_public_looking_url_redirecting_to_loopback_is_refused(site: Site) -> None:
    site.redirect("/go", f"http://127.0.0.1:{site.port}/secret")
    site.redirect("/meta", "http://169.254.169.254/latest/meta-data/")
    site.redirect("/local", f"http://localhost:{site.port}/secret")
    fetcher = _fetcher(respect_robots=False)
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(f"http://news.example:{site.port}/go")
    assert caught.value.refused
    assert str(caught.value) == (
        f"http://news.example:{site.port}/go: refused: redirected to http://127.0.0.1:{site.port}/secret, "
        "and 127.0.0.1 is a loopback address"
    )
    with pytest.raises(FetchError, match=r"169\.254\.169\.254 is a link-local address"):
        fetcher.fetch(f"http://news.example:{site.port}/meta")
    with pytest.raises(FetchError, match=r"localhost resolves to 127\.0\.0\.1, a loopback address"):
        fetcher.fetch(f"http://news.example:{site.port}/local")
    assert "/secret" not in [path for path, _ in site.seen]


def test_redirects_are_followed_within_the_limit(site: Site) -> None:
    site.redirect("/old", "/new", 301)
    site.page("/new", ARTICLE_HTML.format(title="Moved story", site="X", extra=""))
    for n in range(8):
        site.redirect(f"/hop{n}", f"/hop{n + 1}")
    got = _fetcher().fetch(f"{site.base}/old")
    assert (got.url, got.final_url, got.status) == (f"{site.base}/old", f"{site.base}/new", 200)
    with pytest.raises(FetchError, match="more than 5 redirects"):
        _fetcher().fetch(f"{site.base}/hop0")


def test_size_cap_and_errors(site: Site) -> None:
    site.page("/big", b"<p>" + b"x" * 200_000 + b"</p>")
    site.page("/gone", "gone", status=410)
    with pytest.raises(FetchError, match="more than the limit of 100,000"):
        _fetcher(max_bytes=100_000).fetch(f"{site.base}/big")
    with pytest.raises(FetchError, match="the server answered 410"):
        _fetcher().fetch(f"{site.base}/gone")


def test_read_timeout() -> None:
    with serve_site(Site(), slow=lambda path: 2.0 if path == "/slow" else 0.0) as site:
        site.page("/slow", "late")
        with pytest.raises(FetchError, match="timed out"):
            _fetcher(read_timeout=0.3, respect_robots=False).fetch(f"{site.base}/slow")


def test_robots_txt_is_obeyed(site: Site) -> None:
    site.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.page("/private/a", ARTICLE_HTML.format(title="Private", site="X", extra=""))
    site.page("/public/a", ARTICLE_HTML.format(title="Public", site="X", extra=""))
    fetcher = _fetcher()
    with pytest.raises(FetchError, match=r"robots\.txt disallows it for factdiff/"):
        fetcher.fetch(f"{site.base}/private/a")
    assert fetcher.fetch(f"{site.base}/public/a").status == 200
    assert "/private/a" not in [path for path, _ in site.seen]
    assert [path for path, _ in site.seen].count("/robots.txt") == 1  # read once per site


def test_user_agent_names_factdiff(site: Site) -> None:
    site.page("/a", "A plain page\n\nWith a body long enough to be kept as an article here.", content_type="text/plain")
    got = _fetcher().fetch(f"{site.base}/a")
    assert got.status == 200
    assert len(site.agents) == 2 and all(a.startswith("factdiff/") and "robots.txt" in a for a in site.agents)


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>County Wire &lt;b&gt;</title><link>{base}/</link>
<item><title>Bridge closed</title><link>{base}/news/bridge</link><pubDate>Thu, 02 May 2024 09:00:00 GMT</pubDate>
<description>Short teaser.</description></item>
<item><title>Council meets on repairs</title><link>{base}/missing</link>
<pubDate>Fri, 03 May 2024 09:00:00 GMT</pubDate>
<description>&lt;p&gt;The council will meet on Monday to vote on $2.3 million of repairs
to the Eastbank bridge, the clerk said.&lt;/p&gt;</description></item>
<item><title>Southport traffic up 4,100 vehicles a day</title><pubDate>Sat, 04 May 2024 09:00:00 GMT</pubDate></item>
<item><title>Hostile item</title><link>javascript:alert(1)</link><description></description></item>
</channel></rss>"""


def test_feed_items_become_articles_pages_summaries_and_headlines(site: Site, tmp_path: Path) -> None:
    site.page("/feed.xml", FEED.format(base=site.base), content_type="application/rss+xml")
    site.page("/news/bridge", ARTICLE_HTML.format(title="Eastbank bridge closed", site="Eastbank Voice", extra=""))
    items = list(read_feed(f"{site.base}/feed.xml", _fetcher()))
    assert all(isinstance(i, Article) for i in items), items
    page, summary, headline, hostile = items
    assert isinstance(page, Article) and "14 cracked support beams" in page.text  # the page itself
    assert isinstance(summary, Article) and summary.text.startswith("Council meets on repairs\n\nThe council will")
    assert summary.url == f"{site.base}/missing" and summary.outlet == "County Wire"  # markup left out
    assert isinstance(headline, Article) and (headline.kind, headline.text) == (
        "headline",
        "Southport traffic up 4,100 vehicles a day",
    )
    assert headline.published == "2024-05-04"
    assert isinstance(hostile, Article) and hostile.url is None and hostile.kind == "headline"
    with Store(tmp_path / "s.db") as store:
        result = ingest_items(items, store)
        assert result.added == 4
        grouped = store.connection.execute("SELECT count(*) FROM story_members").fetchone()[0]
        assert grouped == 4  # headline records are grouped too


def test_a_page_that_is_not_a_feed_is_named(site: Site) -> None:
    site.page("/notfeed", "<html><body>hello</body></html>")
    (outcome,) = list(read_feed(f"{site.base}/notfeed", _fetcher()))
    assert isinstance(outcome, Skipped) and outcome.input == f"{site.base}/notfeed"
    assert outcome.reason in ("not a feed", "empty")


def test_cli_add_url_refusal_is_one_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factdiff.cli import cli

    url = "http://169.254.169.254/latest/meta-data/"
    result = CliRunner().invoke(cli, ["add", url, "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 3
    assert result.stderr.strip() == (
        "http://169.254.169.254/latest/meta-data/: skipped, refused: 169.254.169.254 is a link-local address "
        "(where cloud metadata services live)"
    )
    assert result.stdout.strip() == "added 0, skipped 1: 1 refused"

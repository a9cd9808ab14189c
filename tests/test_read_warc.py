"""Web archives: HTML responses become articles; everything else in the archive is passed over."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from factdiff.errors import Skipped
from factdiff.model import Article
from factdiff.read import read_inputs

PARAGRAPHS = [
    "Federal officers arrested 212 people in a five-day operation, the agency said on Friday.",
    "The people arrested came from 17 countries, according to a statement from the agency.",
]


def page(title: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<html><head><title>{title}</title><meta property='og:site_name' content='Example News'></head>"
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


def record(kind: str, uri: str, block: bytes, content_type: str = "application/http; msgtype=response") -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{abs(hash((kind, uri))):032x}>\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2021-10-02T10:00:00Z\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def response(body: bytes, status: str = "200 OK", headers: str = "Content-Type: text/html; charset=utf-8") -> bytes:
    return f"HTTP/1.1 {status}\r\n{headers}\r\n\r\n".encode() + body


def chunked(body: bytes) -> bytes:
    return b"".join(b"%x\r\n%s\r\n" % (len(body[i : i + 100]), body[i : i + 100]) for i in range(0, len(body), 100)) + (
        b"0\r\n\r\n"
    )


def archive() -> bytes:
    return b"".join(
        [
            record("warcinfo", "", b"software: hand-made\r\n", "application/warc-fields"),
            record("request", "https://example.com/a", b"GET /a HTTP/1.1\r\n\r\n", "application/http; msgtype=request"),
            record("response", "https://www.example.com/a", response(page("First report title"))),
            record("response", "https://example.com/logo.png", response(b"\x89PNG", headers="Content-Type: image/png")),
            record("response", "https://example.com/gone", response(b"<html>gone</html>", status="404 Not Found")),
            record(
                "response",
                "https://example.com/b",
                response(
                    chunked(gzip.compress(page("Second report title"))),
                    headers="Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip",
                ),
            ),
            record("response", "https://example.com/", response(b"<html><body><nav>Home</nav></body></html>")),
        ]
    )


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_html_responses_become_articles(tmp_path: Path, name: str) -> None:
    data = archive()
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    items = list(read_inputs([str(path)]))
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.title for a in articles] == ["First report title", "Second report title"]
    first = articles[0]
    assert first.url == "https://www.example.com/a" and first.domain == "example.com"
    assert first.outlet == "Example News" and first.file == str(path)
    assert first.source_id and first.source_id.startswith("urn:uuid:")
    assert first.body == "\n\n".join(PARAGRAPHS)
    (skip,) = [i for i in items if isinstance(i, Skipped)]
    assert skip.reason == "no article text" and not skip.error  # a section front, not a failure


def test_truncated_archive_is_one_skip_after_the_good_records(tmp_path: Path) -> None:
    data = archive()
    cut = data.index(b"https://example.com/b") + 200
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:cut])
    items = list(read_inputs([str(path)]))
    assert [i.title for i in items if isinstance(i, Article)] == ["First report title"]
    (skip,) = [i for i in items if isinstance(i, Skipped)]
    assert skip.reason == "invalid WARC" and skip.error


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("hello, this is plain text and not an archive\n\n")
    (skip,) = read_inputs([str(path)])
    assert isinstance(skip, Skipped) and skip.reason == "invalid WARC"


def test_large_record_skipped_without_stopping(tmp_path: Path) -> None:
    big = record("response", "https://example.com/big", response(b"<html>" + b"x" * 5000 + b"</html>"))
    small = record("response", "https://example.com/a", response(page("Small report title")))
    path = tmp_path / "mixed.warc"
    path.write_bytes(big + small)
    items = list(read_inputs([str(path)], max_bytes=4000))
    assert [type(i).__name__ for i in items] == ["Skipped", "Article"]
    assert isinstance(items[0], Skipped) and items[0].reason == "too large"


def test_folder_finds_archives(tmp_path: Path) -> None:
    (tmp_path / "crawl.warc.gz").write_bytes(gzip.compress(archive()))
    titles = [i.title for i in read_inputs([str(tmp_path)]) if isinstance(i, Article)]
    assert titles == ["First report title", "Second report title"]

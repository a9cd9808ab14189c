"""WARC files (``.warc``, ``.warc.gz``): the HTML pages of their response records, streamed.

A web archive holds requests, metadata and responses of every type; only a successful (2xx)
HTTP response with an HTML body is a report. The rest is passed over without a word, as it is
not an input that failed. Records are read one at a time, and a body larger than ``max_bytes``
is skipped without being held. Reading needs no library beyond the standard one: the format is
a header block and a body of ``Content-Length`` bytes per record, gzipped per record or whole.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from dataclasses import replace
from typing import BinaryIO

from factdiff.errors import Skipped
from factdiff.normalise import Draft
from factdiff.read.html import read_html
from factdiff.read.text import decode

__all__ = ["is_warc", "read_warc"]

_CHUNK = 1 << 20
#: A header line longer than this is not a WARC header: the file is corrupt or not a WARC.
_MAX_HEADER_LINE = 64 * 1024


def is_warc(name: str) -> bool:
    lowered = name.lower()
    return lowered.endswith((".warc", ".warc.gz"))


def read_warc(stream: BinaryIO, file: str, max_bytes: int) -> Iterator[Draft | Skipped]:
    """One draft per HTML response record; a corrupt archive is one Skipped where it breaks."""
    source: BinaryIO = gzip.GzipFile(fileobj=stream) if file.lower().endswith(".gz") else stream
    number = 0
    try:
        while True:
            headers = _read_headers(source)
            if headers is None:
                return
            number += 1
            if not headers.get("", "").startswith("WARC/"):
                yield Skipped(f"{file}#{number}", "invalid WARC", "a record does not start with a WARC version line")
                return
            length = int(headers.get("content-length", "-1"))
            if length < 0:
                yield Skipped(f"{file}#{number}", "invalid WARC", "a record has no Content-Length")
                return
            record_id = headers.get("warc-record-id", "").strip("<>") or str(number)
            label = f"{file}#{record_id}"
            wanted = headers.get("warc-type") == "response" and "application/http" in headers.get("content-type", "")
            if not wanted or length > max_bytes:
                _discard(source, length)
                if wanted:
                    yield Skipped(label, "too large", f"{length:,} bytes, more than the limit of {max_bytes:,}")
                continue
            block = source.read(length)
            if len(block) < length:
                yield Skipped(label, "invalid WARC", "the archive ends inside a record")
                return
            draft = _response(block, label, file, headers.get("warc-target-uri"), record_id)
            if draft is not None:
                yield draft
    except (OSError, EOFError, ValueError, zlib.error) as exc:
        yield Skipped(f"{file}#{number + 1}", "invalid WARC", str(exc) or type(exc).__name__)


def _read_headers(source: BinaryIO) -> dict[str, str] | None:
    """The next record's header block (the version line under the key ''); None at the end."""
    line = source.readline(_MAX_HEADER_LINE)
    while line in (b"\r\n", b"\n"):  # the blank lines that end the previous record
        line = source.readline(_MAX_HEADER_LINE)
    if not line:
        return None
    headers = {"": line.decode("latin-1").strip()}
    while True:
        line = source.readline(_MAX_HEADER_LINE)
        if not line:
            raise EOFError("the archive ends inside a record header")
        if line in (b"\r\n", b"\n"):
            return headers
        name, _, value = line.decode("utf-8", errors="replace").partition(":")
        headers[name.strip().lower()] = value.strip()


def _discard(source: BinaryIO, length: int) -> None:
    while length > 0:
        got = source.read(min(length, _CHUNK))
        if not got:
            raise EOFError("the archive ends inside a record")
        length -= len(got)


def _response(block: bytes, label: str, file: str, uri: str | None, record_id: str) -> Draft | Skipped | None:
    head, sep, body = block.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = block.partition(b"\n\n")
    lines = head.decode("latin-1").splitlines()
    if not lines or not lines[0].startswith("HTTP/"):
        return None
    parts = lines[0].split()
    if len(parts) < 2 or not parts[1].startswith("2"):
        return None  # redirects and errors are not reports
    http = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        http[name.strip().lower()] = value.strip().lower()
    content_type = http.get("content-type", "text/html")
    if "html" not in content_type:
        return None
    try:
        if "chunked" in http.get("transfer-encoding", ""):
            body = _dechunk(body)
        encoding = http.get("content-encoding", "")
        if encoding in ("gzip", "x-gzip"):
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
    except (OSError, EOFError, ValueError, zlib.error) as exc:
        return Skipped(label, "invalid WARC", f"the page body cannot be decoded: {exc}")
    html = _decode_html(body, content_type)
    result = read_html(html, label, file, url=uri)
    if isinstance(result, Skipped):
        # An archive holds section fronts and tag pages beside its articles: passing one over is
        # reported and counted, but it is not a failed input.
        return replace(result, error=False)
    result.source_id = record_id
    return result


def _dechunk(body: bytes) -> bytes:
    out = bytearray()
    pos = 0
    while True:
        end = body.index(b"\r\n", pos)
        size = int(body[pos:end].split(b";")[0], 16)
        if size == 0:
            return bytes(out)
        out += body[end + 2 : end + 2 + size]
        pos = end + 2 + size + 2


def _decode_html(body: bytes, content_type: str) -> str:
    for part in content_type.split(";"):
        name, _, value = part.strip().partition("=")
        if name == "charset" and value:
            try:
                return body.decode(value.strip("\"'"), errors="replace")
            except LookupError:
                break
    return decode(body)

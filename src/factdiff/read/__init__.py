"""Reading reports: files, folders, datasets and standard input to normalised articles.

:func:`read_inputs` is the one entry point. It yields an :class:`~factdiff.model.Article` for every
report it can read and a :class:`~factdiff.errors.Skipped` for every input (or dataset row) it
cannot, one at a time, so a corpus of any size streams through.

What is read:

- a file named directly: ``.txt``/``.text``/``.md`` (plain text), ``.html``/``.htm``,
  ``.jsonl``/``.ndjson``, ``.csv``/``.tsv``, ``.json`` (one object or a list); any other name is
  sniffed like standard input;
- a folder: every ``.txt``, ``.text``, ``.html``, ``.htm``, ``.jsonl``, ``.ndjson``, ``.csv``, ``.tsv``,
  web archive and gzipped dataset in it, recursively, in sorted order, hidden files and folders left out.
  A ``.json`` or ``.md`` in a folder is not read (folders of reports often hold answer keys as JSON
  and a README): name it directly to read it;
- a web archive, ``.warc`` or ``.warc.gz``: the HTML pages of its successful responses;
- a gzipped dataset: ``.jsonl.gz``, ``.ndjson.gz``, ``.csv.gz``, ``.tsv.gz``;
- ``-``: standard input, sniffed: HTML if it starts with ``<``, JSON Lines if with ``{``, else text.

Sizes are capped per document: a text, HTML or JSON file (or a dataset line) larger than
``max_bytes`` is skipped as "too large" without being read. Datasets themselves may be any size.
"""

from __future__ import annotations

import gzip
import io
import os
import stat
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from factdiff.errors import Skipped
from factdiff.model import Article
from factdiff.normalise import Draft, normalise
from factdiff.read.html import read_html
from factdiff.read.tables import read_csv, read_json, read_jsonl
from factdiff.read.text import SNIFF_BYTES, binary_reason, decode, read_text
from factdiff.read.warc import is_warc, read_warc

__all__ = ["DEFAULT_MAX_BYTES", "FOLDER_SUFFIXES", "Fields", "read_inputs"]

#: The largest single document read: 20 MB is far beyond any news article (a long one is 50 KB
#: of HTML with its scripts inlined, a few MB at worst) and keeps memory bounded on bad input.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
#: What a folder is searched for.
FOLDER_SUFFIXES = (TEXT_SUFFIXES - {".md"}) | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES


@dataclass(frozen=True)
class Fields:
    """Dataset field names, each renamable on the command line (``--text-field body``)."""

    id: str = "id"
    title: str = "title"
    text: str = "text"
    url: str = "url"
    published: str = "published"
    source: str = "source"


def read_inputs(
    inputs: Sequence[str], fields: Fields = Fields(), *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | Skipped]:
    """Normalised articles and skip outcomes for ``inputs`` (paths, folders, ``-``), in order."""
    for given in inputs:
        if given == "-":
            yield from _normalised(_read_stdin(fields, max_bytes))
            continue
        try:
            info = os.stat(given)
        except FileNotFoundError:
            yield Skipped(given, "not found", "no such file or folder")
            continue
        except OSError as exc:
            yield Skipped(given, "unreadable", exc.strerror or str(exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            for path in _walk(given):
                if isinstance(path, Skipped):
                    yield path
                else:
                    yield from _normalised(_read_file(path, fields, max_bytes))
        else:
            yield from _normalised(_read_file(given, fields, max_bytes))


def _normalised(drafts: Iterator[Draft | Skipped]) -> Iterator[Article | Skipped]:
    for draft in drafts:
        yield draft if isinstance(draft, Skipped) else normalise(draft)


def _walk(top: str) -> Iterator[str | Skipped]:
    """Readable report files under ``top``, sorted, depth first; unreadable folders as Skipped."""
    errors: list[OSError] = []
    for folder, dirnames, filenames in os.walk(top, onerror=errors.append):
        while errors:
            exc = errors.pop(0)
            yield Skipped(exc.filename or folder, "unreadable", exc.strerror or str(exc))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and _in_folder(name):
                yield os.path.join(folder, name)
    while errors:
        exc = errors.pop(0)
        yield Skipped(exc.filename or top, "unreadable", exc.strerror or str(exc))


def _in_folder(name: str) -> bool:
    lowered = name.lower().removesuffix(".gz")
    suffix = Path(lowered).suffix
    if name.lower().endswith(".gz"):
        return suffix in JSONL_SUFFIXES | CSV_SUFFIXES or suffix == ".warc"
    return suffix in FOLDER_SUFFIXES or suffix == ".warc"


def _read_file(path: str, fields: Fields, max_bytes: int) -> Iterator[Draft | Skipped]:
    suffix = Path(path).suffix.lower()
    compressed = suffix == ".gz" and Path(path[:-3]).suffix.lower() in JSONL_SUFFIXES | CSV_SUFFIXES
    if compressed:
        suffix = Path(path[:-3]).suffix.lower()
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # checked before opening: a FIFO would block
            yield Skipped(path, "unreadable", "not a regular file")
            return
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size == 0:
                yield Skipped(path, "empty", "the file is empty")
                return
            rows: BinaryIO = gzip.GzipFile(fileobj=stream) if compressed else stream  # type: ignore[assignment]
            if is_warc(path):
                yield from read_warc(stream, path, max_bytes)
            elif suffix in JSONL_SUFFIXES:
                yield from read_jsonl(rows, path, fields, max_bytes)
            elif suffix in CSV_SUFFIXES:
                yield from read_csv(rows, path, fields, max_bytes, "\t" if suffix == ".tsv" else ",")
            elif size > max_bytes:
                yield Skipped(path, "too large", f"{size:,} bytes, more than the limit of {max_bytes:,}")
            else:
                yield from _read_document(stream.read(), path, suffix, fields)
    except gzip.BadGzipFile as exc:
        yield Skipped(path, "unreadable", f"not a gzip file: {exc}")
    except (EOFError, zlib.error) as exc:
        yield Skipped(path, "unreadable", f"the compressed file is cut short or corrupt: {exc}")
    except OSError as exc:
        yield Skipped(path, "unreadable", exc.strerror or str(exc))


def _read_document(data: bytes, label: str, suffix: str, fields: Fields) -> Iterator[Draft | Skipped]:
    """A whole-file document (text, HTML, JSON) from its bytes."""
    if not data.strip():
        yield Skipped(label, "empty", "only white space in it")
        return
    reason = binary_reason(data[:SNIFF_BYTES])
    if reason:
        yield Skipped(label, reason, "the file is not text")
        return
    text = decode(data)
    file = None if label == "-" else label
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | {".json"}:
        suffix = _sniff(text)
    if suffix in HTML_SUFFIXES:
        yield read_html(text, label, file)
    elif suffix == ".json":
        yield from read_json(text, label, fields)
    elif suffix in JSONL_SUFFIXES:
        yield from read_jsonl(io.BytesIO(data), label, fields, len(data))
    else:
        yield read_text(text, label, file)


def _sniff(text: str) -> str:
    start = text.lstrip("\ufeff \t\r\n")
    if start.startswith("<"):
        return ".html"
    if start.startswith("{"):
        return ".jsonl"
    return ".txt"


def _read_stdin(fields: Fields, max_bytes: int) -> Iterator[Draft | Skipped]:
    raw = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else io.BytesIO(sys.stdin.read().encode())
    stream: BinaryIO = raw if hasattr(raw, "peek") else io.BufferedReader(raw)  # type: ignore[arg-type]
    head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]  # type: ignore[attr-defined]
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        yield from read_jsonl(stream, "-", fields, max_bytes)
        return
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield Skipped("-", "too large", f"more than the limit of {max_bytes:,} bytes")
        return
    if not data:
        yield Skipped("-", "empty", "nothing on standard input")
        return
    yield from _read_document(data, "-", "", fields)

"""Datasets: JSON Lines, CSV/TSV and JSON files with one article a row.

Rows are read one at a time (a JSON Lines or CSV file of a million rows is never held whole).
Field names come from :class:`factdiff.read.Fields`. Each row is named in outcomes as ``file:LINE``
(JSON Lines, and CSV rows without an id) or ``file#id``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, BinaryIO

from factdiff.errors import Skipped
from factdiff.normalise import Draft, split_source
from factdiff.read.text import SNIFF_BYTES, binary_reason, decode, detect_encoding

if TYPE_CHECKING:
    from factdiff.read import Fields

__all__ = ["bounded_lines", "read_csv", "read_json", "read_jsonl", "row_draft"]

_READ_CHUNK = 1 << 20


def row_draft(row: Any, fields: Fields, label: str, file: str | None) -> Draft | Skipped:
    """The draft of one dataset row, or why the row cannot be one."""
    if not isinstance(row, Mapping):
        return Skipped(label, "invalid row", f"a row must be an object, not {type(row).__name__}")
    text = row.get(fields.text)
    if text is None:
        return Skipped(label, "no text", f"no {fields.text!r} field in the row")
    if not isinstance(text, str | int | float):
        return Skipped(label, "invalid row", f"the {fields.text!r} field is a {type(text).__name__}, not text")
    text = str(text)
    if not text.strip() and not _text(row.get(fields.title)):  # a title alone is a headline record
        return Skipped(label, "empty", f"the {fields.text!r} and {fields.title!r} fields are empty")
    outlet, domain = split_source(_text(row.get(fields.source)))
    return Draft(
        body=text,
        input=label,
        title=_text(row.get(fields.title)) or "",
        file=file,
        url=_text(row.get(fields.url)),
        source_id=_text(row.get(fields.id)),
        outlet=outlet,
        domain=domain,
        published=_text(row.get(fields.published)),
    )


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    value = str(value).strip()
    return value or None


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line; the line is None when it is longer than ``limit``."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # drop the rest of the long line without holding it
                rest = stream.readline(_READ_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def read_jsonl(stream: BinaryIO, file: str, fields: Fields, max_bytes: int) -> Iterator[Draft | Skipped]:
    """One draft per JSON Lines row; a broken line is skipped as ``file:LINE`` and the rest read.

    When the first row is an object without the text field, the field name is wrong for the whole
    file (a CSV's header says as much at once): one Skipped names the fields and the file is left.
    """
    first = True
    for number, line in bounded_lines(stream, max_bytes):
        label = f"{file}:{number}"
        if line is None:
            yield Skipped(label, "too large", f"a line longer than {max_bytes:,} bytes")
            continue
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        if binary_reason(line):
            yield Skipped(label, "binary", "the line is not text")
            continue
        try:
            row = json.loads(decode(line.rstrip(b"\r\n")))
        except json.JSONDecodeError as exc:
            yield Skipped(label, "invalid JSON", f"{exc.msg}: column {exc.colno}")
            continue
        if first and isinstance(row, Mapping) and fields.text not in row:
            yield Skipped(file, f"no {fields.text!r} field", f"fields are: {', '.join(map(str, row))}")
            return
        first = False
        yield row_draft(row, fields, label, file)


def read_csv(
    stream: BinaryIO, file: str, fields: Fields, max_bytes: int, delimiter: str = ","
) -> Iterator[Draft | Skipped]:
    """One draft per CSV row; a file without the text column is one Skipped naming the columns."""
    head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES] if hasattr(stream, "peek") else b""
    reason = binary_reason(head)
    if reason:
        yield Skipped(file, reason, "the file is not text")
        return
    text = io.TextIOWrapper(stream, encoding=detect_encoding(head), errors="replace", newline="")
    try:
        yield from _csv_rows(text, file, fields, max_bytes, delimiter)
    finally:
        text.detach()  # the caller owns the file and closes it


def _csv_rows(
    text: io.TextIOWrapper, file: str, fields: Fields, max_bytes: int, delimiter: str
) -> Iterator[Draft | Skipped]:
    csv.field_size_limit(max(max_bytes, 131072))
    reader = csv.reader(text, delimiter=delimiter)
    try:
        columns = next(reader, None)
    except csv.Error as exc:
        yield Skipped(file, "invalid CSV", str(exc))
        return
    if not columns or not any(c.strip() for c in columns):
        yield Skipped(file, "empty", "no header row")
        return
    columns = [c.strip() for c in columns]
    if fields.text not in columns:
        yield Skipped(file, f"no {fields.text!r} column", f"columns are: {', '.join(columns)}")
        return
    id_column = columns.index(fields.id) if fields.id in columns else None
    while True:
        line = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Skipped(f"{file}:{line}", "invalid CSV", str(exc))
            continue
        if not any(v.strip() for v in values):
            continue
        row = dict(zip(columns, values, strict=False))
        row_id = values[id_column].strip() if id_column is not None and id_column < len(values) else ""
        label = f"{file}#{row_id}" if row_id else f"{file}:{line}"
        yield row_draft(row, fields, label, file)


def read_json(text: str, file: str, fields: Fields) -> Iterator[Draft | Skipped]:
    """A JSON file: one article object, a list of them, or an object holding such a list."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Skipped(file, "invalid JSON", f"{exc.msg}: line {exc.lineno} column {exc.colno}")
        return
    if isinstance(data, Mapping) and fields.text not in data:
        lists = [v for v in data.values() if isinstance(v, list) and v and all(isinstance(r, Mapping) for r in v)]
        if len(lists) == 1:
            data = lists[0]
    rows = data if isinstance(data, list) else [data]
    for number, row in enumerate(rows, start=1):
        row_id = _text(row.get(fields.id)) if isinstance(row, Mapping) else None
        label = f"{file}#{row_id}" if row_id else (file if not isinstance(data, list) else f"{file}#{number}")
        yield row_draft(row, fields, label, file)

"""Planning a run on the driver: the inputs as an ordered list of read units.

A unit is one file (or one row group of a Parquet file): the smallest piece a task reads. Units
are listed in the order ``factdiff add`` reads the same inputs (each input in turn, a folder's
files sorted, depth first), and every article keeps its unit's index and its position in the
unit. That pair is the *input order*; stories are assigned in publication order with the input
order breaking ties, and the first of several copies of one article (in input order) is the one
kept, as ``factdiff add`` keeps the first.

Local paths are listed with the embedded reader's own folder walk. Other addresses
(``s3://...``, ``hdfs://...``, ``gs://...``) are listed and opened with :mod:`pyarrow.fs`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from factdiff.errors import Skipped

__all__ = ["ORDER_SHIFT", "Unit", "is_remote", "order_key", "plan_units", "publication_order"]

#: An article's input order is ``unit index << ORDER_SHIFT | position in the unit``: 2**32
#: positions leave room for any one file's rows and 2**31 units for any corpus.
ORDER_SHIFT = 32

PARQUET_SUFFIXES = (".parquet", ".parq")


@dataclass(frozen=True, slots=True)
class Unit:
    """One piece of input a task reads: a file, or one row group of a Parquet file."""

    index: int
    path: str  # a local path or a filesystem address
    row_group: int | None = None  # Parquet only
    skipped: Skipped | None = None  # an input that could not even be listed

    def to_row(self) -> tuple[int, str, int | None, str | None, str | None, str | None]:
        s = self.skipped
        return (
            self.index,
            self.path,
            self.row_group,
            s.input if s else None,
            s.reason if s else None,
            s.detail if s else None,
        )

    @classmethod
    def from_row(cls, row: Sequence[object]) -> Unit:
        index, path, row_group, s_input, reason, detail = row
        skipped = Skipped(str(s_input), str(reason), str(detail or "")) if reason else None
        return cls(int(index), str(path), None if row_group is None else int(row_group), skipped)  # type: ignore[call-overload]


def order_key(unit: int, position: int) -> int:
    return (unit << ORDER_SHIFT) | position


def is_remote(path: str) -> bool:
    """An address with a scheme other than file:// (a local path has none)."""
    scheme, sep, _ = path.partition("://")
    return bool(sep) and scheme.isalnum() and scheme.lower() != "file" and len(scheme) > 1


def is_parquet(path: str) -> bool:
    return path.lower().endswith(PARQUET_SUFFIXES)


def plan_units(inputs: Sequence[str]) -> list[Unit]:
    """Every read unit of ``inputs``, in input order; what cannot be listed is a unit with a Skipped."""
    units: list[Unit] = []
    for given in inputs:
        for path in _expand(given):
            if isinstance(path, Skipped):
                units.append(Unit(len(units), path.input, skipped=path))
            elif is_parquet(path):
                groups = _row_groups(path)
                if isinstance(groups, Skipped):
                    units.append(Unit(len(units), path, skipped=groups))
                else:
                    for group in range(max(groups, 1)):
                        units.append(Unit(len(units), path, row_group=group if groups else None))
            else:
                units.append(Unit(len(units), path))
    return units


def _expand(given: str) -> Iterator[str | Skipped]:
    if given.startswith("file://"):
        given = given.removeprefix("file://")
    if given == "-":
        yield Skipped("-", "unsupported", "standard input cannot be read by a cluster job; give a file")
        return
    if is_remote(given):
        yield from _expand_remote(given)
        return
    from factdiff.read import _walk  # the embedded reader's walk: the same files in the same order

    try:
        info = os.stat(given)
    except FileNotFoundError:
        yield Skipped(given, "not found", "no such file or folder")
        return
    except OSError as exc:
        yield Skipped(given, "unreadable", exc.strerror or str(exc))
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _walk(given)
        yield from sorted(_parquet_files(given))
    else:
        yield given


def _parquet_files(top: str) -> Iterator[str]:
    """Parquet files in a folder (the embedded readers do not read Parquet, so the walk skips them)."""
    for folder, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if not name.startswith((".", "_")) and is_parquet(name):
                yield os.path.join(folder, name)


def _expand_remote(address: str) -> Iterator[str | Skipped]:
    from pyarrow import fs

    try:
        filesystem, path = fs.FileSystem.from_uri(address)
        info = filesystem.get_file_info(path)
        if info.type == fs.FileType.NotFound:
            yield Skipped(address, "not found", "no such file or folder")
            return
        if info.type != fs.FileType.Directory:
            yield address
            return
        entries = filesystem.get_file_info(fs.FileSelector(path, recursive=True))
    except (OSError, ValueError) as exc:
        yield Skipped(address, "unreadable", str(exc))
        return
    from factdiff.read import _in_folder

    base = address[: len(address) - len(path)] if address.endswith(path) else address.split("://")[0] + "://"
    names = sorted(e.path for e in entries if e.type == fs.FileType.File)
    for name in names:
        parts = Path(name).parts
        if any(p.startswith(".") for p in parts):
            continue
        if _in_folder(parts[-1]) or is_parquet(parts[-1]):
            yield base + name


def _row_groups(path: str) -> int | Skipped:
    import pyarrow.parquet as pq

    try:
        if is_remote(path):
            from pyarrow import fs

            filesystem, inner = fs.FileSystem.from_uri(path)
            with filesystem.open_input_file(inner) as handle:
                return int(pq.ParquetFile(handle).num_row_groups)
        return int(pq.ParquetFile(path).num_row_groups)
    except (OSError, ValueError) as exc:
        return Skipped(path, "unreadable", f"not a Parquet file: {exc}")


def publication_order(days: Iterable[int | None]) -> list[int]:
    """Positions of articles given in input order, rearranged into publication order.

    By day, then input order; an undated article takes the day of the nearest dated article
    before it in input order, and articles before any dated one come first. The job ranks
    articles so (with two windows, :func:`factdiff.spark.job._ranks`); an input already in
    publication order keeps its input order, the order ``factdiff add`` assigns stories in.
    """
    keyed: list[tuple[int, int, int]] = []
    last: int | None = None
    for position, day in enumerate(days):
        if day is not None:
            last = day
        keyed.append((0, 0, position) if last is None else (1, last, position))
    return [position for _, _, position in sorted(keyed)]

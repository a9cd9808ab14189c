"""Per-generation caches of ``factdiff serve``: values kept until the store is written again.

A page whose data is the same for every reader until something is added (an outlet record, the
number of stories holding a search term) need not be read from SQLite on every request. The
*generation* of the store is SQLite's ``PRAGMA data_version`` on one connection of the server that
never writes: it changes whenever any other connection (``factdiff add`` in another process, the
server's own writer and cache writes, the refresher) commits. A value is cached under the
generation read *before* it was computed, and a read transaction started after that sees at
least every commit the generation reflects, so a cached value is never older than its generation:
the first request after a commit computes afresh.

Concurrent requests for the same missing value wait for the one computing it rather than
computing it again (the other readers would otherwise all queue on the interpreter for the same
work right after each write).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

__all__ = ["Generation", "GenerationCache"]

T = TypeVar("T")


class Generation:
    """The store's write generation, read through one private connection shared by the threads.

    With SQLite built serialized (``sqlite3.threadsafety == 3``, as CPython ships it) no Python lock
    is held around the read: SQLite serializes the calls on the connection itself, while the
    interpreter lock is free for other requests; otherwise a lock guards the connection. The
    number never decreases, so of two generations read by two requests the larger is the later.
    """

    def __init__(self, db: str) -> None:
        self._db = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        self._lock = threading.Lock() if sqlite3.threadsafety != 3 else None

    def __call__(self) -> int:
        """A number that grows whenever another connection committed since the last call."""
        if self._lock is None:
            return int(self._db.execute("PRAGMA data_version").fetchone()[0])
        with self._lock:
            return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        self._db.close()


class GenerationCache:
    """Values by key, dropped together whenever the generation changes; at most ``size`` kept."""

    def __init__(self, generation: Callable[[], int], size: int = 4096) -> None:
        self._generation = generation
        self._size = size
        self._lock = threading.Lock()
        self._current = -1
        self._values: dict[Hashable, Any] = {}
        self._computing: dict[Hashable, threading.Event] = {}

    def _values_of(self, generation: int) -> dict[Hashable, Any]:
        """The values to use for a request that read ``generation`` (under the lock).

        A request that read an earlier generation than the current one (it read it just before
        another request read the later one) gets the later values: they are at least as new.
        """
        if generation > self._current or len(self._values) >= self._size:
            self._current = max(generation, self._current)
            self._values = {}
            self._computing = {}
        return self._values

    def current(self) -> dict[Hashable, Any]:
        """The values of the current generation, to read and add to directly (for values that are
        looked up many at a time); a value added to it is dropped with its generation."""
        generation = self._generation()
        with self._lock:
            return self._values_of(generation)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value of ``key`` in the current generation, computed by ``compute`` when missing.

        An exception of ``compute`` is raised to its caller and nothing is cached.
        """
        generation = self._generation()
        while True:
            with self._lock:
                values = self._values_of(generation)
                if key in values:
                    return values[key]  # type: ignore[no-any-return]
                waiting = self._computing.get(key)
                if waiting is None:
                    done = self._computing[key] = threading.Event()
                    break
            waiting.wait()
            with self._lock:
                if self._values is values and key in values:
                    return values[key]  # type: ignore[no-any-return]
            # the computation failed or the generation moved on meanwhile: look again
        try:
            value = compute()
        except BaseException:
            with self._lock:
                if self._computing.get(key) is done:
                    del self._computing[key]
            done.set()
            raise
        with self._lock:
            if self._values is values:  # still the generation it was computed for
                values[key] = value
                if self._computing.get(key) is done:
                    del self._computing[key]
        done.set()
        return value

"""factdiff at corpus scale: the pipeline as a PySpark job, and its output brought into the store.

``factdiff spark run`` (:func:`run`) reads WARC, JSON Lines, CSV, Parquet and report files, runs
the pipeline's pure stages unchanged inside Spark tasks and writes Parquet tables;
``factdiff load`` (:func:`factdiff.spark.load.load`) brings them into the SQLite store. See
docs/scale.md for the design and its costs.

Spark, pyarrow and pandas come with the ``spark`` extra (``pip install 'factdiff[spark]'``) and a
Java runtime; :func:`require` says plainly what is missing.
"""

from __future__ import annotations

import importlib.util
import shutil

from factdiff.errors import FactdiffError

__all__ = ["MissingExtra", "require"]

EXTRA_HINT = "pip install 'factdiff[spark]'"


class MissingExtra(FactdiffError):
    """A part of the spark extra (or Java) is not installed."""


def require(*modules: str, java: bool = True) -> None:
    """Raise :class:`MissingExtra` naming what is missing and how to install it."""
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        raise MissingExtra(f"this command needs the spark extra ({', '.join(missing)} missing): {EXTRA_HINT}")
    if java and shutil.which("java") is None and not _java_home():
        raise MissingExtra("this command needs a Java runtime (java not found; on Debian: openjdk-17-jre-headless)")


def _java_home() -> bool:
    import os

    home = os.environ.get("JAVA_HOME")
    return bool(home) and os.path.exists(os.path.join(home, "bin", "java"))

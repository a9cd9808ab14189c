"""Where a run writes: the tables' folders, the work tables and ``summary.json``.

The output directory may be a local path or any address Spark writes to; the summary and the
clean-up go through :mod:`pyarrow.fs` for addresses, so they reach the same filesystem.
"""

from __future__ import annotations

import json
import os
import shutil
from typing import Any

from factdiff.spark.plan import is_remote

__all__ = ["SUMMARY", "Output"]

SUMMARY = "summary.json"


class Output:
    def __init__(self, root: str) -> None:
        self.root = root.rstrip("/") or "/"
        if not is_remote(self.root):
            self.root = os.path.abspath(self.root.removeprefix("file://"))

    def table(self, name: str) -> str:
        return f"{self.root}/{name}"

    def work(self, name: str) -> str:
        return f"{self.root}/_work/{name}"

    def write_summary(self, data: dict[str, Any]) -> None:
        text = json.dumps(data, indent=1) + "\n"
        if is_remote(self.root):
            from pyarrow import fs

            filesystem, path = fs.FileSystem.from_uri(self.table(SUMMARY))
            with filesystem.open_output_stream(path) as stream:
                stream.write(text.encode("utf-8"))
        else:
            with open(self.table(SUMMARY), "w", encoding="utf-8") as handle:
                handle.write(text)

    def clean_work(self) -> None:
        if is_remote(self.root):
            from pyarrow import fs

            filesystem, path = fs.FileSystem.from_uri(self.table("_work"))
            filesystem.delete_dir(path)
        else:
            shutil.rmtree(self.table("_work"), ignore_errors=True)

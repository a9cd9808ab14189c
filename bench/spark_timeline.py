"""Where a Spark run's wall time goes: per job, its wall seconds, its task-seconds and how long it
ran with no task or with one task only, read from Spark's event log.

    factdiff spark run --input CORPUS --output OUT --master 'local[2]' \\
        --conf spark.eventLog.enabled=true --conf spark.eventLog.dir=file:///tmp/events \\
        --conf spark.eventLog.compress=false
    python bench/spark_timeline.py /tmp/events

A job whose task-seconds equal its wall seconds on a master of two slots ran one task at a time:
the place to look when two cores do not give twice one core's speed. Event logs written
compressed (Spark's default, zstd) are read when the ``zstd`` command is on the path.

Prints one table: the run's totals (seconds with 0, 1 and 2 or more tasks running), then each job
of at least ``--min-seconds`` wall seconds with the code line that started it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Job:
    started: int
    ended: int | None = None
    site: str = ""
    stages: list[int] = field(default_factory=list)


def _lines(path: Path) -> Iterator[str]:
    if path.suffix in {".zstd", ".zst"}:
        zstd = shutil.which("zstd")
        if zstd is None:
            raise SystemExit(f"{path}: compressed event log and no zstd command to read it")
        done = subprocess.run([zstd, "-dc", str(path)], capture_output=True, check=True, text=True)
        yield from done.stdout.splitlines()
    else:
        with path.open(encoding="utf-8") as handle:
            yield from handle


def _event_files(folder: Path) -> list[Path]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name.startswith(("events_", "local-")))
    if not files:
        raise SystemExit(f"{folder}: no Spark event log found")
    return files


def read(folder: Path) -> tuple[dict[int, Job], list[tuple[int, int, int]]]:
    """The jobs and the (launch ms, finish ms, stage) of every task of the newest run in ``folder``."""
    jobs: dict[int, Job] = {}
    tasks: list[tuple[int, int, int]] = []
    for path in _event_files(folder):
        for line in _lines(path):
            try:
                event = json.loads(line)
            except json.JSONDecodeError:
                continue  # a run still writing its log ends in half a line
            kind = event.get("Event")
            if kind == "SparkListenerJobStart":
                site = event.get("Properties", {}).get("callSite.short", "")
                jobs[event["Job ID"]] = Job(event["Submission Time"], site=site, stages=list(event["Stage IDs"]))
            elif kind == "SparkListenerJobEnd" and event["Job ID"] in jobs:
                jobs[event["Job ID"]].ended = event["Completion Time"]
            elif kind == "SparkListenerTaskEnd":
                info = event["Task Info"]
                tasks.append((info["Launch Time"], info["Finish Time"], event["Stage ID"]))
    return jobs, tasks


def occupancy(start: int, end: int, tasks: list[tuple[int, int, int]], step: int = 100) -> list[int]:
    """Tasks running in each ``step`` ms from ``start`` to ``end``."""
    slots = [0] * max(1, (end - start) // step + 1)
    for launched, finished, _ in tasks:
        for i in range(max(0, (launched - start) // step), min(len(slots), (finished - start) // step)):
            slots[i] += 1
    return slots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("events", type=Path, help="the folder Spark wrote its event log to")
    parser.add_argument("--min-seconds", type=float, default=2.0, help="list jobs of at least this many wall seconds")
    args = parser.parse_args(argv)
    jobs, tasks = read(args.events)
    done = [j for j in jobs.values() if j.ended is not None]
    if not done:
        print(f"{args.events}: no finished job in the event log", file=sys.stderr)
        return 1
    start, end = min(j.started for j in done), max(j.ended for j in done if j.ended is not None)
    slots = occupancy(start, end, tasks)
    stage_job = {s: jid for jid, j in jobs.items() for s in j.stages}

    def seconds(cells: list[int], test: object) -> float:
        return sum(1 for c in cells if test(c)) / 10  # type: ignore[operator]

    print("| job | from s | to s | wall s | task-s | s with no task | s with one task | started at |")
    print("|---|---|---|---|---|---|---|---|")
    print(f"| run | 0.0 | {(end - start) / 1000:.1f} | {(end - start) / 1000:.1f} | "
          f"{sum(b - a for a, b, _ in tasks) / 1000:.1f} | {seconds(slots, lambda c: c == 0):.1f} | "
          f"{seconds(slots, lambda c: c == 1):.1f} | "
          f"(2 or more: {seconds(slots, lambda c: c >= 2):.1f} s) |")  # fmt: skip
    for jid, job in sorted(jobs.items()):
        if job.ended is None or (job.ended - job.started) / 1000 < args.min_seconds:
            continue
        cells = slots[(job.started - start) // 100 : (job.ended - start) // 100]
        busy = sum(b - a for a, b, s in tasks if stage_job.get(s) == jid) / 1000
        print(f"| {jid} | {(job.started - start) / 1000:.1f} | {(job.ended - start) / 1000:.1f} | "
              f"{(job.ended - job.started) / 1000:.1f} | {busy:.1f} | {seconds(cells, lambda c: c == 0):.1f} | "
              f"{seconds(cells, lambda c: c == 1):.1f} | {job.site or '-'} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())

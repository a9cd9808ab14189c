"""Load on `factdiff serve`: 20 concurrent readers on a 100,000-article store while a writer adds.

Builds (once, then reuses) a store of generated reports (the generator of bench/kill_add.py: many
events, each reported several times by different outlets), compares a sample of its stories so
their pages are cached, starts `factdiff serve` on a free loopback port, and then, for a bounded
time, runs READERS threads that request story pages, filtered stories lists (search, outlet, size
and date filters) and outlet pages, while `factdiff add` adds WRITER new reports to the same
store. Afterwards it checks that the writer lost nothing: every new report stored once and in
exactly one story.

The peer, measured in the same run, is the one-story view factdiff had before the server:
`factdiff compare --story ID --html FILE` (one process per story view).

Usage: python bench/serve.py [--store PATH] [--articles 100000] [--readers 20] [--seconds 30]
                             [--writer 2000] [--sample 300] [--seed 5] [--workers 1]
Prints one table: p50/p95 latency and throughput per page, the goals, and the writer's check; the
line above it gives the server's CPU time per request during the 20-reader phase (Linux).
Loopback only; the request count is bounded by --seconds and --readers.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.kill_add import corpus  # the generator of reports shared with the kill test

DEFAULT_STORE = Path(__file__).resolve().parent / ".bench" / "serve" / "store.db"
GOALS_MS = {"story page": 200.0, "filtered stories list": 300.0}
WORDS = ["fire", "flood", "layoffs", "storm", "arrests", "Harlow", "Denholm", "Ostby", "Velmar", "Arden", "homes"]


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from factdiff.cli import main; main()", *args]


def build_store(path: Path, articles: int, seed: int) -> float:
    """Write the generated corpus and add it with `factdiff add`; seconds taken."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = corpus(articles, random.Random(seed))
    source = path.with_suffix(".jsonl")
    with source.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")
    started = time.perf_counter()
    subprocess.run(_cli("add", str(source), "--db", str(path)), check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def writer_corpus(n: int, seed: int, folder: Path) -> tuple[Path, int]:
    """New reports for the writer, marked with this run's time so none repeats a report stored by an
    earlier run of the bench on the same store (a repeat is skipped as a duplicate, and the writer
    would then write nothing); the file and its count."""
    rows = corpus(n, random.Random(seed + 1000))
    run = time.strftime("%Y%m%d%H%M%S")
    path = folder / "writer.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i, row in enumerate(rows):
            row["id"] = f"w{run}-{i}"
            row["text"] += f" This update was filed as bulletin {run}-{seed}-{i}."
            out.write(json.dumps(row) + "\n")
    return path, len(rows)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _sample(db: Path, n: int, rng: random.Random) -> tuple[list[str], list[str]]:
    with sqlite3.connect(db) as conn:
        stories = [r[0] for r in conn.execute("SELECT id FROM story_summaries WHERE size >= 2 ORDER BY id")]
        outlets = [r[0] for r in conn.execute("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL")]
    return rng.sample(stories, min(n, len(stories))), sorted(outlets)


def warm(db: Path, stories: list[str]) -> tuple[float, list[float]]:
    """Compare (and cache) the sampled stories; total seconds and each story's time."""
    from factdiff.serve.cache import story_comparison
    from factdiff.store import Store

    times = []
    with Store(db) as store:
        for story_id in stories:
            started = time.perf_counter()
            story_comparison(store, story_id)
            times.append(time.perf_counter() - started)
    return sum(times), times


def _filters(rng: random.Random, outlets: list[str]) -> dict[str, Any]:
    params: dict[str, Any] = {"q": " ".join(rng.sample(WORDS, rng.choice((1, 2))))}
    if rng.random() < 0.5:
        params["outlet"] = rng.choice(outlets)
    if rng.random() < 0.5:
        params["min_size"] = rng.choice((2, 3, 5))
    if rng.random() < 0.5:
        day = rng.randint(1, 20)
        params["date_from"] = f"2024-03-{day:02d}"
        params["date_to"] = f"2024-03-{day + 7:02d}"
    if rng.random() < 0.3:
        params["page"] = rng.randint(1, 4)
    return params


def readers(
    base: str, stories: list[str], outlets: list[str], count: int, seconds: float, seed: int
) -> tuple[dict[str, list[float]], list[str]]:
    """``count`` threads, each cycling story page, filtered list, outlet page until time is up."""
    latencies: dict[str, list[float]] = {"story page": [], "filtered stories list": [], "outlet page": []}
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def run(n: int) -> None:
        rng = random.Random(seed * 100 + n)
        with httpx.Client(base_url=base, timeout=30.0) as client:
            turn = n
            while time.monotonic() < stop_at:
                kind = ("story page", "filtered stories list", "outlet page")[turn % 3]
                turn += 1
                if kind == "story page":
                    request = (f"/stories/{rng.choice(stories)}", None)
                elif kind == "filtered stories list":
                    request = ("/", _filters(rng, outlets))
                else:
                    request = (f"/outlets/{rng.choice(outlets)}", None)
                started = time.perf_counter()
                try:
                    response = client.get(request[0], params=request[1])
                    ok = response.status_code == 200
                except httpx.HTTPError as exc:
                    ok, response = False, None
                    detail = str(exc)
                elapsed = time.perf_counter() - started
                with lock:
                    if ok:
                        latencies[kind].append(elapsed)
                    else:
                        errors.append(f"{request[0]}: {response.status_code if response else detail}")

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def cpu_seconds(root: int) -> float | None:
    """CPU seconds (user and system) used so far by process ``root`` and its descendants (the
    worker processes of ``--workers N``, the process that redoes grown stories); None where
    ``/proc`` is not there. The server's own cost per request, whatever else the machine runs."""
    proc = Path("/proc")
    if not (proc / str(root) / "stat").exists():
        return None
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        parents[int(entry.name)] = int(fields[1])
        ticks[int(entry.name)] = int(fields[11]) + int(fields[12])
    tree, added = {root}, True
    while added:
        grown = tree | {pid for pid, parent in parents.items() if parent in tree}
        added, tree = grown != tree, grown
    return sum(ticks.get(pid, 0) for pid in tree) / os.sysconf("SC_CLK_TCK")


def _wait_ready(base: str, server: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        try:
            if httpx.get(base + "/api/stories", params={"per_page": 1}, timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise SystemExit("the server did not answer in time")


def check_writer(db: Path, source: Path, expected: int) -> tuple[int, int, int]:
    """(distinct new reports, stored, stored in exactly one story) after the writer finished."""
    from factdiff.read import read_inputs

    ids = {a.id for a in read_inputs([str(source)]) if hasattr(a, "id")}
    with sqlite3.connect(db) as conn:
        marks = ",".join("?" * len(ids))
        stored = conn.execute(f"SELECT count(*) FROM articles WHERE id IN ({marks})", list(ids)).fetchone()[0]
        grouped = conn.execute(
            f"SELECT count(*) FROM (SELECT article_id, count(*) n FROM story_members WHERE article_id IN ({marks}) "
            "GROUP BY article_id) WHERE n = 1",
            list(ids),
        ).fetchone()[0]
    return len(ids), stored, grouped


def peer(db: Path, stories: list[str], folder: Path) -> list[float]:
    times = []
    for story_id in stories:
        started = time.perf_counter()
        subprocess.run(
            _cli("compare", "--story", story_id, "--db", str(db), "--html", str(folder / "story.html")),
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        times.append(time.perf_counter() - started)
    return times


def _ms(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0] * 1000
    return statistics.quantiles(values, n=100, method="inclusive")[int(q * 100) - 1] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--writer", type=int, default=2_000, help="reports the writer adds during the run")
    parser.add_argument("--sample", type=int, default=300, help="stories compared and read")
    parser.add_argument("--peer-stories", type=int, default=5)
    parser.add_argument("--solo-seconds", type=float, default=10.0, help="one reader alone first, for this long")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--workers", type=int, default=1, help="server processes (factdiff serve --workers)")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    built = "reused"
    if not args.store.exists():
        built = f"built in {build_store(args.store, args.articles, 11):.0f} s"
    from factdiff.store import Store
    from factdiff.story_search import index_backlog

    with Store(args.store) as store:  # migrations of a store built by an older factdiff
        total = store.count()
        started = time.perf_counter()
        folded = index_backlog(store.connection)  # the story search index of a store migrated just now
        took = time.perf_counter() - started
        indexed = f"; {folded:,} memberships indexed for search in {took:.0f} s" if folded else ""
    stories, outlets = _sample(args.store, args.sample, rng)
    warm_seconds, warm_times = warm(args.store, stories)

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source, planned = writer_corpus(args.writer, args.seed, folder)
        server = subprocess.Popen(
            _cli("serve", "--db", str(args.store), "--port", str(port), "--workers", str(args.workers)),
            env=env,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_ready(base, server)
            # one reader, nothing else running: each page's own cost, without queueing behind others
            solo, solo_errors = readers(base, stories, outlets, 1, args.solo_seconds, args.seed + 1)
            writer = subprocess.Popen(
                _cli("add", str(source), "--db", str(args.store), "--batch-size", "50"),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            load_before = os.getloadavg()[0]
            cpu_before = cpu_seconds(server.pid)
            started = time.perf_counter()
            latencies, errors = readers(base, stories, outlets, args.readers, args.seconds, args.seed)
            elapsed = time.perf_counter() - started
            cpu_after = cpu_seconds(server.pid)
            load_after = os.getloadavg()[0]
            writer_running = writer.poll() is None
            writer_out, _ = writer.communicate(timeout=1800)
        finally:
            server.terminate()
            server.wait(timeout=30)
        distinct, stored, grouped = check_writer(args.store, source, planned)
        peer_times = peer(args.store, stories[: args.peer_stories], folder)

    answered = sum(len(values) for values in latencies.values())
    server_cpu = ""
    if cpu_before is not None and cpu_after is not None and answered:
        used = cpu_after - cpu_before
        server_cpu = (
            f"; the server used {used:.1f} CPU-seconds meanwhile ({used / elapsed:.2f} cores, "
            f"{used / answered * 1000:.2f} ms a request)"
        )
    print(
        f"store: {total:,} articles ({built}{indexed}); {len(stories)} stories compared first in {warm_seconds:.1f} s "
        f"(median {statistics.median(warm_times) * 1000:.0f} ms a story); server: {args.workers} process(es); "
        f"{args.readers} readers for "
        f"{elapsed:.0f} s while `factdiff add` wrote {planned:,} reports "
        f"({'still writing when the readers stopped' if writer_running else 'finished within the run'}); "
        f"load average {load_before:.1f} -> {load_after:.1f} on {os.cpu_count()} cores{server_cpu}"
    )
    print()
    print("| page | requests | p50 ms | p95 ms | req/s | goal p95 | met |")
    print("|---|---|---|---|---|---|---|")
    for kind, values in solo.items():
        print(
            f"| {kind}, one reader alone | {len(values):,} | {_ms(values, 0.5):.0f} | {_ms(values, 0.95):.0f} | "
            f"{len(values) / args.solo_seconds:.1f} | | |"
        )
    for kind, values in latencies.items():
        goal = GOALS_MS.get(kind)
        p95 = _ms(values, 0.95)
        met = "" if goal is None else ("yes" if p95 < goal else "no")
        print(
            f"| {kind}, {args.readers} readers + writer | {len(values):,} | {_ms(values, 0.5):.0f} | {p95:.0f} | "
            f"{len(values) / elapsed:.1f} | "
            f"{'' if goal is None else f'< {goal:.0f}'} | {met} |"
        )
    all_values = [v for values in latencies.values() for v in values]
    print(
        f"| all pages, {args.readers} readers + writer | {len(all_values):,} | {_ms(all_values, 0.5):.0f} | "
        f"{_ms(all_values, 0.95):.0f} | "
        f"{len(all_values) / elapsed:.1f} | | |"
    )
    print(
        f"| peer: `factdiff compare --story ID --html` | {len(peer_times)} | {_ms(peer_times, 0.5):.0f} | "
        f"{_ms(peer_times, 0.95):.0f} | {len(peer_times) / sum(peer_times):.1f} (one process) | | |"
    )
    print()
    lost = distinct - stored
    print(
        f"writer: {writer_out.strip().splitlines()[-1] if writer_out.strip() else '(no output)'}; "
        f"{distinct:,} distinct new reports, {stored:,} stored, {grouped:,} in exactly one story, {lost} lost; "
        f"reader errors: {len(errors)}{' (' + '; '.join(errors[:3]) + ')' if errors else ''}"
    )
    if lost or grouped != distinct or errors or solo_errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()

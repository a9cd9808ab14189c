"""Throughput of the Spark job on one and two cores, against the embedded pipeline, on one corpus.

A generated corpus (``bench/gen_corpus.py``: events reported by several outlets, with people,
figures and dates in real sentences) is written as JSON Lines shards, then run end to end
(read, analyse, group, compare, write) by ``factdiff add`` (one process: the embedded pipeline)
and by ``factdiff spark run`` in ``local[1]`` and ``local[2]``. The table gives articles/s, the
ratio to ``local[1]``, the time of each stage, the peak memory of the executor (the JVM) and of
one Python worker, the CPU seconds of the JVM and of the Python workers, and the load average of
the machine around each run (it is shared, so the ratio is only as good as the load allows).

Each Spark run has a process (and a JVM) of its own, so that no run starts with a JVM another
run warmed. ``local[1]`` runs one task at a time, but its JVM (shuffles, Parquet, Arrow, garbage
collection) still uses any other core; ``--pin`` also restricts each run's processes to as many
cores as the master has task slots (``local[1]`` to one core, ``local[2]`` to two), which
measures one core against two.

    python bench/spark_scale.py --n 20000
    python bench/spark_scale.py --n 3000 --pin
    python bench/spark_scale.py --n 1000000 --masters 'local[2]' --no-embedded --progress

``--progress`` prints, as the run proceeds, the time at which each further 100,000 articles were
analysed (from the analysis stage's finished tasks; its partitions are of equal size).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.gen_corpus import article_rows  # noqa: E402

SHARDS = 16
STEP = 100_000


def write_corpus(n: int, folder: Path, seed: int = 0) -> list[str]:
    """The corpus as SHARDS JSON Lines files (kept in ``folder`` for reruns)."""
    folder.mkdir(parents=True, exist_ok=True)
    done = folder / f"done-{n}-{seed}"
    paths = [folder / f"shard-{i:02d}.jsonl" for i in range(SHARDS)]
    if not done.exists():
        handles = [p.open("w", encoding="utf-8") for p in paths]
        per = -(-n // SHARDS)
        for i, row in enumerate(article_rows(n, seed)):
            handles[i // per].write(json.dumps(row) + "\n")
        for handle in handles:
            handle.close()
        done.touch()
    return [str(p) for p in paths]


class Memory:
    """Peak resident memory of a process and of its child processes, and the CPU seconds each
    used (the children's as last seen: Spark's Python workers live as long as the run), sampled
    every half second."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_main = 0.0
        self.peak_child = 0.0
        self.cpu_start = _cpu_seconds(pid)
        self.cpu_main = 0.0
        self.cpu_children: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.5):
            self.peak_main = max(self.peak_main, _rss_mb(self.pid))
            self.cpu_main = max(self.cpu_main, _cpu_seconds(self.pid) - self.cpu_start)
            for child in _descendants(self.pid):
                self.peak_child = max(self.peak_child, _rss_mb(child))
                self.cpu_children[child] = max(self.cpu_children.get(child, 0.0), _cpu_seconds(child))

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def cpu_child(self) -> float:
        return sum(self.cpu_children.values())


def _cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of one process (its threads, not its children)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


class Progress:
    """Time at which each further STEP articles were analysed, from the analysis stage's tasks."""

    def __init__(self, sc: object, n: int, partitions: int) -> None:
        self.sc, self.n, self.partitions = sc, n, partitions
        self.started = time.perf_counter()
        self.marks: list[tuple[int, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        tracker = self.sc.statusTracker()  # type: ignore[attr-defined]
        per_task = self.n / self.partitions
        stage: int | None = None  # the analysis stage: the first with one task per partition
        while not self._stop.wait(2.0) and len(self.marks) * STEP < self.n:
            if stage is None:
                stage = next(
                    (
                        s
                        for s in tracker.getActiveStageIds()
                        if (info := tracker.getStageInfo(s)) is not None and info.numTasks == self.partitions
                    ),
                    None,
                )
            info = tracker.getStageInfo(stage) if stage is not None else None
            if info is None:
                continue
            # Read after the stage ends too, so that the last tasks' mark is printed.
            done = int(info.numCompletedTasks * per_task)
            while (len(self.marks) + 1) * STEP <= done:
                mark = ((len(self.marks) + 1) * STEP, time.perf_counter() - self.started)
                self.marks.append(mark)
                print(f"  analysed {mark[0]:>9,} after {mark[1]:8.1f} s", flush=True)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_spark(
    master: str,
    inputs: list[str],
    out: Path,
    n: int,
    progress: bool,
    compare: bool,
    memory: str,
    partitions: int | None = None,
    conf: dict[str, str] | None = None,
) -> dict[str, object]:
    from factdiff.spark.job import RunOptions, run, session

    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    spark = session(master, {"spark.driver.memory": memory, **(conf or {})})
    startup = time.perf_counter() - started
    memory = Memory(spark.sparkContext._gateway.proc.pid)  # the JVM: driver and, in local mode, the executor
    options = RunOptions(inputs, str(out), master=None, compare=compare, partitions=partitions)
    tracker = None
    if progress:
        options.partitions = partitions or max(2, spark.sparkContext.defaultParallelism * 4)
        tracker = Progress(spark.sparkContext, n, options.partitions)
    job_started = time.perf_counter()
    summary = run(options, spark=spark)
    seconds = time.perf_counter() - job_started
    if tracker:
        tracker.stop()
    memory.stop()
    shuffle = shuffle_bytes(spark)
    spark.stop()
    cores = sorted(os.sched_getaffinity(0))
    return {
        "method": f"spark {master}",
        "articles": summary.added,
        "seconds": seconds,
        "startup": startup,
        "stages": summary.seconds,
        "jvm_mb": memory.peak_main,
        "worker_mb": memory.peak_child,
        "jvm_cpu": memory.cpu_main,
        "worker_cpu": memory.cpu_child,
        "cores": len(cores),
        "load": (load_before, os.getloadavg()[0]),
        "stories": summary.stories,
        "blocks": summary.blocks,
        "largest_block": summary.largest_block,
        "marks": tracker.marks if tracker else [],
        "shuffle": shuffle,
    }


def shuffle_bytes(spark: object) -> dict[str, int]:
    """Bytes written to the shuffle by each kind of stage, from Spark's monitoring API (0 without it)."""
    import urllib.request

    sc = spark.sparkContext  # type: ignore[attr-defined]
    if not sc.uiWebUrl:
        return {}
    try:
        with urllib.request.urlopen(f"{sc.uiWebUrl}/api/v1/applications/{sc.applicationId}/stages", timeout=30) as r:
            stages = json.load(r)
    except OSError:
        return {}
    totals: dict[str, int] = {}
    for stage in stages:
        name = stage.get("name", "").split(" at ")[0]
        totals[name] = totals.get(name, 0) + int(stage.get("shuffleWriteBytes", 0))
    totals["total"] = sum(totals.values())
    return totals


def run_embedded(inputs: list[str], db: Path, compare: bool) -> dict[str, object]:
    """``factdiff add`` (read, analyse, group, store) and ``compare --story`` on every story."""
    import resource

    from factdiff.cli.stories import stories_data
    from factdiff.compare import compare_articles
    from factdiff.ingest import ingest
    from factdiff.store import Store

    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with Store(db) as store:
        result = ingest(inputs, store)
        added = time.perf_counter() - started
        stories = stories_data(store, None, 1)["stories"]
        for story in stories if compare else []:
            if story["size"] >= 2:
                compare_articles([store.get_article(a["id"]) for a in story["articles"]])  # type: ignore[misc]
    seconds = time.perf_counter() - started
    return {
        "method": "embedded (factdiff add + compare)" if compare else "embedded (factdiff add)",
        "articles": result.added,
        "seconds": seconds,
        "startup": 0.0,
        "stages": {"read, analyse, group, store": added, "compare": seconds - added},
        "jvm_mb": 0.0,
        "worker_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "jvm_cpu": 0.0,
        "worker_cpu": _cpu_seconds(os.getpid()),
        "cores": 1,
        "load": (load_before, os.getloadavg()[0]),
        "stories": len(stories),
        "blocks": 0,
        "largest_block": 0,
        "marks": [],
        "shuffle": {},
    }


def slots_of(master: str) -> int | None:
    """Task slots of a local master (None for ``local[*]`` or a cluster)."""
    match = re.fullmatch(r"local(?:\[(\d+)(?:,\d+)?\])?", master)
    if match is None:
        return None
    return int(match.group(1) or 1)


def spark_process(master: str, out: Path, corpus: Path, args: argparse.Namespace) -> dict[str, object]:
    """One Spark run in a process of its own (``--one``); its progress lines pass through."""
    command = [sys.executable, __file__, "--one", master, "--out", str(out), "--corpus", str(corpus),
               "--n", str(args.n), "--seed", str(args.seed), "--memory", args.memory]  # fmt: skip
    for flag, on in (("--progress", args.progress), ("--no-compare", args.no_compare), ("--pin", args.pin)):
        if on:
            command.append(flag)
    if args.partitions:
        command += ["--partitions", str(args.partitions)]
    for setting in args.conf:
        command += ["--conf", setting]
    result: dict[str, object] | None = None
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as child:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("RESULT "):
                result = json.loads(line[len("RESULT ") :])
            else:
                print(line, end="", flush=True)
    if result is None:
        raise SystemExit(f"the {master} run failed (exit status {child.returncode})")
    return result


def one_run(args: argparse.Namespace) -> None:
    """The ``--one`` process: pinned to the master's task slots with ``--pin``, one run, one RESULT line."""
    slots = slots_of(args.one)
    if args.pin and slots:
        os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:slots])  # the JVM and its workers inherit it
    inputs = write_corpus(args.n, args.corpus, args.seed)
    conf = dict(setting.split("=", 1) for setting in args.conf)
    result = run_spark(args.one, inputs, args.out, args.n, args.progress, not args.no_compare, args.memory,
                       args.partitions, conf)  # fmt: skip
    print("RESULT " + json.dumps(result), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="articles in the generated corpus")
    parser.add_argument("--masters", default="local[1],local[2]", help="Spark masters to run, comma-separated")
    parser.add_argument("--no-embedded", action="store_true", help="leave out the embedded pipeline")
    parser.add_argument("--progress", action="store_true", help="print the time of each further 100,000 analysed")
    parser.add_argument("--corpus", type=Path, default=None, help="folder for the corpus shards (default: temporary)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-compare", action="store_true", help="group but compare no story (both pipelines)")
    parser.add_argument("--partitions", type=int, default=None, help="partitions of the job (default: 4 per core)")
    parser.add_argument("--memory", default="4g", help="memory of the Spark JVM (driver and local executor)")
    parser.add_argument("--pin", action="store_true", help="run each master on as many cores as it has task slots")
    parser.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE", help="a Spark setting (repeatable)")
    parser.add_argument("--one", default=None, help=argparse.SUPPRESS)  # internal: one Spark run in this process
    parser.add_argument("--out", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one_run(args)
        return
    with tempfile.TemporaryDirectory(prefix="spark-scale-") as tmp:
        corpus = args.corpus or Path(tmp) / "corpus"
        started = time.perf_counter()
        inputs = write_corpus(args.n, corpus, args.seed)
        print(f"corpus: {args.n:,} generated articles in {SHARDS} shards ({time.perf_counter() - started:.0f} s)")
        results = []
        if not args.no_embedded:
            results.append(run_embedded(inputs, Path(tmp) / "embedded.db", not args.no_compare))
        for master in args.masters.split(","):
            out = Path(tmp) / master.replace("[", "_").strip("]")
            results.append(spark_process(master, out, corpus, args))
    base = next((r for r in results if r["method"] == "spark local[1]"), None)
    header = (
        f"{'method':<34} {'articles':>9} {'seconds':>8} {'art/s':>7} {'vs local[1]':>11} {'cores':>5} {'JVM MB':>7} "
        f"{'worker MB':>9} {'JVM CPU s':>9} {'Python CPU s':>12} {'load before/after':>17} {'stories':>8} "
        f"{'largest block':>13}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        rate = r["articles"] / r["seconds"]  # type: ignore[operator]
        ratio = f"{rate / (base['articles'] / base['seconds']):.2f}x" if base else "-"  # type: ignore[operator]
        load = r["load"]
        print(
            f"{r['method']:<34} {r['articles']:>9,} {r['seconds']:>8.1f} {rate:>7.1f} {ratio:>11} {r['cores']:>5} "
            f"{r['jvm_mb']:>7.0f} {r['worker_mb']:>9.0f} {r['jvm_cpu']:>9.1f} {r['worker_cpu']:>12.1f} "
            f"{load[0]:>8.2f}/{load[1]:<8.2f} {r['stories']:>8,} {r['largest_block']:>13,}"  # type: ignore[index]
        )
    for r in results:
        stages = ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())  # type: ignore[attr-defined]
        print(f"  {r['method']}: session start {r['startup']:.1f} s; stages (s): {stages}")
        shuffle = r["shuffle"]
        if shuffle:
            per = shuffle["total"] / max(1, r["articles"]) / 1024  # type: ignore[index,operator]
            parts = ", ".join(f"{k} {v / 2**20:.1f}" for k, v in shuffle.items() if v and k != "total")  # type: ignore[attr-defined]
            total = shuffle["total"] / 2**20  # type: ignore[index,operator]
            print(f"    shuffle written: {total:.1f} MB ({per:.1f} KB per article); MB by step: {parts}")
        for count, seconds in r["marks"]:  # type: ignore[attr-defined]
            print(f"    {count:>9,} articles analysed after {seconds:8.1f} s")


if __name__ == "__main__":
    main()

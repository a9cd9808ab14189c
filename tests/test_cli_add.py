"""``factdiff add`` and ``factdiff ls`` through click's runner, and a killed ingest rerun."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from factdiff.cli import cli
from factdiff.store import Store
from tests.shared_data import stored_articles

BODY = "Federal officers arrested {n} people in a five-day operation, the agency said on Friday."


def write_reports(folder: Path, count: int = 3) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"{n:02d}-report.txt"
        path.write_text(
            f"Officers arrest {100 + n}\n\nSource: Outlet {n} (outlet{n}.example)\nPublished: 2021-10-0{n + 1}\n\n"
            + BODY.format(n=100 + n)
            + "\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_add_then_ls(tmp_path: Path) -> None:
    write_reports(tmp_path / "reports")
    db = str(tmp_path / "f.db")
    code, out, err = run("add", str(tmp_path / "reports"), "--db", db)
    assert (code, out.strip(), err) == (0, "added 3", "")
    code, out, _ = run("ls", "--db", db)
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].split() == ["id", "source_id", "published", "outlet", "title"]
    assert len(lines) == 4
    assert "2021-10-01" in lines[1] and "Outlet 0" in lines[1] and "Officers arrest 100" in lines[1]


def test_rerun_adds_nothing_twice(tmp_path: Path) -> None:
    write_reports(tmp_path / "reports")
    db = str(tmp_path / "f.db")
    run("add", str(tmp_path / "reports"), "--db", db)
    code, out, err = run("add", str(tmp_path / "reports"), "--db", db)
    assert (code, out.strip(), err) == (0, "added 0, skipped 3: 3 duplicate", "")
    with Store(db) as store:
        assert store.count() == 3


def test_default_store_is_in_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = write_reports(tmp_path / "reports", 1)
    runner = CliRunner()
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = runner.invoke(cli, ["add", str(paths[0])])
    assert result.exit_code == 0
    assert (work / "factdiff.db").exists()
    assert runner.invoke(cli, ["ls", "--json"]).exit_code == 0


def test_ls_json_and_limit(tmp_path: Path) -> None:
    write_reports(tmp_path / "reports")
    db = str(tmp_path / "f.db")
    run("add", str(tmp_path / "reports"), "--db", db)
    code, out, err = run("ls", "--db", db, "--json", "--limit", "2")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 2
    assert {"id", "source_id", "published", "outlet", "title", "domain", "url"} <= set(rows[0])
    assert rows[0]["domain"] == "outlet0.example"
    assert "showing 2 of 3" in err
    code, out, err = run("ls", "--db", db, "--json", "--limit", "0")
    assert len(json.loads(out)) == 3 and err == ""


def test_ls_without_a_store_fails_plainly(tmp_path: Path) -> None:
    code, out, err = run("ls", "--db", str(tmp_path / "none.db"))
    assert code == 3 and out == "" and err.startswith("factdiff: no store at")
    assert not (tmp_path / "none.db").exists()


def test_store_that_cannot_be_opened_is_exit_3(tmp_path: Path) -> None:
    write_reports(tmp_path / "reports", 1)
    (tmp_path / "junk.db").write_bytes(b"not a database, just bytes" * 50)
    code, _, err = run("add", str(tmp_path / "reports"), "--db", str(tmp_path / "junk.db"))
    assert code == 3
    assert err.count("\n") == 1 and err.startswith("factdiff: cannot open the store")


def test_nothing_processed_is_exit_3(tmp_path: Path) -> None:
    code, out, err = run("add", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "f.db"))
    assert code == 3
    assert out.strip() == "added 0, skipped 1: 1 not found"
    assert err.strip() == f"{tmp_path / 'missing.txt'}: skipped, not found: no such file or folder"


def test_dataset_field_options(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    rows = [
        {"key": f"k{n}", "headline": f"Report {n}", "content": BODY.format(n=n), "site": "wire.example"} for n in (1, 2)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    db = str(tmp_path / "f.db")
    args = ["--id-field", "key", "--title-field", "headline", "--text-field", "content", "--source-field", "site"]
    code, out, _ = run("add", str(path), "--db", db, *args)
    assert (code, out.strip()) == (0, "added 2")
    with Store(db) as store:
        stored = store.list_articles()
    assert [(r["source_id"], r["title"], r["domain"]) for r in stored] == [
        ("k1", "Report 1", "wire.example"),
        ("k2", "Report 2", "wire.example"),
    ]


def test_standard_input(tmp_path: Path) -> None:
    db = str(tmp_path / "f.db")
    code, out, _ = run("add", "-", "--db", db, input="From standard input\n\n" + BODY.format(n=7) + "\n")
    assert (code, out.strip()) == (0, "added 1")
    with Store(db) as store:
        (article,) = store.iter_articles()
    assert article.title == "From standard input" and article.file is None


def test_summary_counts_each_reason(tmp_path: Path) -> None:
    paths = write_reports(tmp_path / "reports", 2)
    (tmp_path / "short.txt").write_text("Title\n\nToo short.\n")
    db = str(tmp_path / "f.db")
    run("add", str(paths[0]), "--db", db)
    code, out, err = run("add", str(paths[0]), str(paths[1]), str(tmp_path / "short.txt"), "--db", db)
    assert code == 1
    assert out.strip() == "added 1, skipped 2: 1 duplicate, 1 too short"
    assert err.strip().splitlines() == [
        f"{tmp_path / 'short.txt'}: skipped, too short: 10 characters of text, fewer than 20"
    ]


# --- a killed run ------------------------------------------------------------------------------

CORPUS_SIZE = 600


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_add_then_rerun_stores_every_article_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w") as out:
        for n in range(CORPUS_SIZE):
            text = f"Officers arrested {n + 10} people in district {n}, the agency said on Friday, September 29."
            out.write(json.dumps({"id": n, "title": f"Report {n}", "text": text}) + "\n")
    db = tmp_path / "kill.db"
    command = [sys.executable, "-c", "from factdiff.cli import main; main()", "add", str(corpus), "--db", str(db)]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    first = subprocess.Popen([*command, "--batch-size", "20"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 120
    while stored_articles(db) < 60 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.communicate()
    assert first.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    partial = stored_articles(db)
    assert 0 < partial < CORPUS_SIZE

    second = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == (
        f"added {CORPUS_SIZE - partial}, skipped {partial}: {partial} duplicate" if partial else f"added {CORPUS_SIZE}"
    )
    check = sqlite3.connect(db)
    assert check.execute("SELECT count(*), count(DISTINCT source_id) FROM articles").fetchone() == (CORPUS_SIZE,) * 2
    orphans = check.execute(
        "SELECT count(*) FROM articles LEFT JOIN analyses ON analyses.article_id = articles.id"
        " WHERE analyses.article_id IS NULL"
    ).fetchone()[0]
    assert orphans == 0  # every article was written with its analysis
    stray = check.execute("SELECT count(*) FROM claims WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0]
    assert stray == 0
    check.close()


def test_progress_shows_only_on_a_terminal_after_a_while(monkeypatch: pytest.MonkeyPatch) -> None:
    from factdiff.cli import store as store_cli

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    quiet = store_cli._Progress()
    quiet.update(10, 5, 1)
    assert quiet._progress is None

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr(store_cli, "PROGRESS_AFTER_SECONDS", 3600.0)
    short = store_cli._Progress()
    short.update(10, 5, 1)
    assert short._progress is None  # a short run never shows a bar

    monkeypatch.setattr(store_cli, "PROGRESS_AFTER_SECONDS", 0.0)
    long = store_cli._Progress()
    long.update(10, 5, 1)
    assert long._progress is not None
    long.echo("a.txt: skipped, empty")
    long.stop()
    long.stop()
    assert long._progress is None
    long.update(11, 5, 1)  # after stop, nothing comes back
    assert long._progress is None

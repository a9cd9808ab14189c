"""The per-generation caches of factdiff serve: a value is kept until the store is written, and a
write by another connection (another process adding, the refresher) makes the next request
compute it again, on the HTML page and its JSON twin alike."""

from __future__ import annotations

import sqlite3
import threading
import time
import warnings
from pathlib import Path

import pytest

from factdiff.serve.app import create_app
from factdiff.serve.generation import Generation, GenerationCache
from tests.serve_helpers import EXAMPLES, build_store

with warnings.catch_warnings():  # starlette's test client warns about its own httpx use
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture()
def sqlite_db(tmp_path: Path) -> Path:
    path = tmp_path / "g.db"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE t (n INTEGER)")
    return path


def _write(path: Path, n: int) -> None:
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO t VALUES (?)", (n,))


def test_a_value_is_kept_until_another_connection_commits(sqlite_db: Path) -> None:
    generation = Generation(str(sqlite_db))
    cache = GenerationCache(generation)
    reader = sqlite3.connect(sqlite_db)
    calls: list[int] = []

    def total() -> int:
        calls.append(1)
        return int(reader.execute("SELECT coalesce(sum(n), 0) FROM t").fetchone()[0])

    assert cache.get("sum", total) == 0
    assert cache.get("sum", total) == 0 and len(calls) == 1
    _write(sqlite_db, 5)
    assert cache.get("sum", total) == 5 and len(calls) == 2
    assert cache.get("sum", total) == 5 and len(calls) == 2
    assert cache.get("other", lambda: "x") == "x"
    _write(sqlite_db, 2)
    assert cache.get("sum", total) == 7 and len(calls) == 3
    generation.close()


def test_a_failed_computation_is_not_cached(sqlite_db: Path) -> None:
    cache = GenerationCache(Generation(str(sqlite_db)))

    def fail() -> int:
        raise ValueError("no")

    with pytest.raises(ValueError):
        cache.get("k", fail)
    assert cache.get("k", lambda: 3) == 3


def test_concurrent_requests_for_a_missing_value_compute_it_once(sqlite_db: Path) -> None:
    cache = GenerationCache(Generation(str(sqlite_db)))
    started = threading.Event()
    calls: list[int] = []

    def slow() -> int:
        calls.append(1)
        started.set()
        time.sleep(0.2)
        return 42

    results: list[int] = []
    first = threading.Thread(target=lambda: results.append(cache.get("k", slow)))
    first.start()
    started.wait(5)
    others = [threading.Thread(target=lambda: results.append(cache.get("k", slow))) for _ in range(4)]
    for thread in others:
        thread.start()
    for thread in [first, *others]:
        thread.join()
    assert results == [42] * 5 and len(calls) == 1


def test_the_outlet_page_and_twin_count_a_report_added_by_another_process(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factdiff.cli import cli

    db = tmp_path / "o.db"
    build_store(db)
    with TestClient(create_app(db)) as client:
        story = client.get("/api/stories").json()["stories"][0]
        client.get(f"/stories/{story['id']}")  # compared: the outlets get verdicts
        name = "The Larkmont Ledger"
        before = client.get(f"/api/outlets/{name}").json()
        assert before["articles"] == 1
        assert client.get(f"/api/outlets/{name}").json() == before  # kept while nothing is written
        page = client.get(f"/outlets/{name}")
        assert page.status_code == 200 and "1 reports in 1 stories" in page.text
        assert page.cookies.get("factdiff_csrf")  # the cached page still gets its form cookie
        text = (EXAMPLES / "01-larkmont-ledger.txt").read_text(encoding="utf-8")
        follow = tmp_path / "more" / "09-ledger-follow-up.txt"
        follow.parent.mkdir()
        follow.write_text(
            text.replace("Published: 2026-03-10", "Published: 2026-04-02")
            + "\nThe Ledger will follow the rebuild through the spring.\n",
            encoding="utf-8",
        )
        result = CliRunner().invoke(cli, ["add", str(follow.parent), "--db", str(db)])
        assert result.exit_code == 0, result.output
        after = client.get(f"/api/outlets/{name}").json()
        assert after["articles"] == 2
        assert "2 reports in" in client.get(f"/outlets/{name}").text


def test_the_stories_list_follows_writes_counts_divergences_and_search(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factdiff.cli import cli

    db = tmp_path / "s.db"
    build_store(db)
    with TestClient(create_app(db)) as client:
        listed = client.get("/api/stories").json()
        story = listed["stories"][0]
        assert story["divergences"] is None  # not compared yet
        assert client.get("/api/stories", params={"q": "bridge zeppelin"}).json()["total"] == 0
        client.get(f"/stories/{story['id']}")  # compared and saved by the page: a write
        compared = client.get("/api/stories").json()
        assert compared["stories"][0]["divergences"] is not None
        assert sum(compared["stories"][0]["divergences"].values()) > 0
        text = (EXAMPLES / "03-metro-roundup.txt").read_text(encoding="utf-8")
        extra = tmp_path / "more" / "10-zeppelin.txt"
        extra.parent.mkdir()
        extra.write_text(text + "\nA zeppelin flew over the bridge during the closure.\n", encoding="utf-8")
        result = CliRunner().invoke(cli, ["add", str(extra.parent), "--db", str(db)])
        assert result.exit_code == 0, result.output
        after = client.get("/api/stories").json()
        assert after["articles"] == listed["articles"] + 1
        assert client.get("/api/stories", params={"q": "bridge zeppelin"}).json()["total"] == 1
        page = client.get("/", params={"q": "zeppelin bridge"})
        assert f"of a store of {listed['articles'] + 1} articles" in page.text


# The matrix row as the story template wrote it before the cells were built in Python.
_TEMPLATE_CELLS = """{% set cells = {} %}
{% for cell in slot.cells %}{% set _ = cells.update({cell.article: cell}) %}{% endfor %}
{% for a in articles %}
{% set cell = cells.get(a.id) %}
{% if cell %}
{% set key = si ~ '.' ~ a.id %}
<td class="cell v-{{ cell.verdict }}{% if cell.get('in_post') %} post{% endif %}\
{% if key == cell_key %} chosen{% endif %}" data-verdict="{{ cell.verdict }}" data-article="{{ a.id }}" \
title="{{ cell.verdict }}{% if cell.get('confidence') is not none %} \
(confidence {{ '%.2f'|format(cell.confidence) }}){% endif %}"><a href="{{ story_url(sid, key) }}">\
{% if cell.verdict == 'omitted' %}·{% else %}{{ cell.get('value') or '' }}\
{% if cell.get('in_post') %} [post]{% endif %}{% endif %}</a></td>
{% else %}
<td></td>
{% endif %}
{% endfor %}
"""


def test_matrix_cells_write_what_the_template_wrote() -> None:
    import jinja2

    from factdiff.serve.views import matrix_cells, story_url
    from tests.serve_helpers import PAYLOAD

    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(_TEMPLATE_CELLS)
    articles = [{"id": "a1"}, {"id": f"b&{PAYLOAD}"}, {"id": "c 3"}, {"id": "d"}]
    slot = {
        "cells": [
            {"article": "a1", "verdict": "agree", "value": "14 beams", "confidence": 0.4199},
            {"article": f"b&{PAYLOAD}", "verdict": "number_changed", "value": PAYLOAD, "in_post": True},
            {"article": "c 3", "verdict": "omitted", "value": None, "confidence": 1},
            {"article": "d", "verdict": "agree", "value": 0},
        ]
    }
    for chosen in (None, "2.a1", f"2.b&{PAYLOAD}", "2.c 3", "1.a1"):
        for row in (slot, {"cells": slot["cells"][1:3]}):
            expected = template.render(
                slot=row, articles=articles, si=2, cell_key=chosen, sid="s/1?", story_url=story_url
            )
            assert str(matrix_cells(2, row, articles, "s/1?", chosen)) == expected


# The rows of the stories table as the template wrote them before they were built in Python.
_TEMPLATE_ROWS = """{% for s in stories %}
<tr class="story-row">
  <td><a class="story-link" href="{{ story_url(s.id) }}">{{ s.label or s.id }}</a></td>
  <td class="num">{{ s.size }}</td>
  <td class="dates">{{ s.first_date or '' }}{% if s.last_date and s.last_date != s.first_date %} – \
{{ s.last_date }}{% endif %}</td>
  <td>{% for o in s.outlets[:4] %}<a href="{{ outlet_url(o) }}">{{ o }}</a>{% if not loop.last %}, {% endif %}\
{% endfor %}{% if s.outlets|length > 4 %} and {{ s.outlets|length - 4 }} more{% endif %}</td>
  <td>{% if s.divergences is none %}<span class="note">not compared yet</span>{% elif not s.divergences %}none\
{% else %}{% for t, n in s.divergences.items() %}<span class="chip v-{{ t }}">{{ n }} {{ t }}</span> {% endfor %}\
{% endif %}</td>
</tr>
{% else %}
<tr><td colspan="5" class="note">No story matches.</td></tr>
{% endfor %}
"""


def test_story_rows_write_what_the_template_wrote() -> None:
    import jinja2

    from factdiff.serve.views import outlet_url, story_rows, story_url
    from tests.serve_helpers import PAYLOAD

    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(_TEMPLATE_ROWS)
    stories = [
        {
            "id": "s1/?&",
            "label": PAYLOAD,
            "size": 7,
            "first_date": "2024-03-01",
            "last_date": "2024-03-04",
            "outlets": ["A & B", PAYLOAD, "c", "d", "e", "f"],
            "divergences": {"number_changed": 3, "quote_altered": 1},
        },
        {
            "id": "s2",
            "label": "",
            "size": 1,
            "first_date": None,
            "last_date": None,
            "outlets": [],
            "divergences": None,
        },
        {
            "id": "s3",
            "label": "Same day",
            "size": 2,
            "first_date": "2024-03-02",
            "last_date": "2024-03-02",
            "outlets": ["x", "y", "z", "w"],
            "divergences": {},
        },
        {
            "id": "s4",
            "label": "Undated start",
            "size": 3,
            "first_date": None,
            "last_date": "2024-03-09",
            "outlets": ["x"],
            "divergences": {},
        },
    ]
    for rows in (stories, stories[1:2], []):
        expected = template.render(stories=rows, story_url=story_url, outlet_url=outlet_url)
        assert str(story_rows(rows)) == expected


def test_the_refresher_process_runs_at_a_lower_priority(tmp_path: Path) -> None:
    import os

    from factdiff.serve.cache import REFRESH_NICENESS, Refresher

    if not hasattr(os, "getpriority"):
        pytest.skip("process priorities are POSIX")
    db = tmp_path / "r.db"
    build_store(db)
    refresher = Refresher(str(db))
    try:
        refresher("no-such-story")  # starts the process; a story it cannot find is left alone
        deadline = time.monotonic() + 60
        while refresher.pending() and time.monotonic() < deadline:
            time.sleep(0.1)
        pool = refresher._pool
        assert pool is not None
        pids = list(pool._processes)  # the pool's one process
        assert pids
        ours = os.getpriority(os.PRIO_PROCESS, 0)
        assert os.getpriority(os.PRIO_PROCESS, pids[0]) == min(19, ours + REFRESH_NICENESS)
    finally:
        refresher.close()


def test_the_generation_is_read_under_a_lock_where_sqlite_is_not_serialized(
    sqlite_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite3, "threadsafety", 1)
    generation = Generation(str(sqlite_db))
    first = generation()
    assert generation() == first
    _write(sqlite_db, 1)
    assert generation() > first
    generation.close()

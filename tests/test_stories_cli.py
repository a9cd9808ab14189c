"""Stories in the store: ``factdiff add`` groups, ``factdiff stories`` lists, ``regroup`` rebuilds."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from factdiff.cli import cli
from factdiff.group import Grouper, fingerprint
from factdiff.group_store import story_article_ids
from factdiff.model import Article
from factdiff.store import Store
from tests.shared_data import stored_articles

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
STORIES = SHARED / "data" / "stories"
ECBPLUS = SHARED / "data" / "ecbplus" / "dev.jsonl"

# Two made-up events: a bridge closure in Harlow Falls and a water-main break in Dunmore.
BRIDGE = [
    "The Kessel Street bridge in Harlow Falls will close for 14 months from May 6, transport director Ines Albero "
    "said. About 21,000 vehicles cross it each day; repairs will cost $38.5 million.",
    "Harlow Falls shuts Kessel Street bridge: the crossing, used by 21,000 vehicles a day, closes May 6 for "
    "14 months of repairs costing $38.5 million, Ines Albero of the transport department said.",
    "Drivers face detours as the Kessel Street bridge closes May 6. Ines Albero said the $38.5 million repair "
    "in Harlow Falls will take 14 months.",
]
WATER = [
    "A water main broke under Tolland Avenue in Dunmore on Tuesday, leaving 3,400 homes without water. Utility "
    "chief Rory Pascoe said crews would replace 120 feet of pipe laid in 1961.",
    "Dunmore's Tolland Avenue water main break cut supply to 3,400 homes, Rory Pascoe said, and 120 feet of the "
    "1961 pipe must be replaced.",
]


def write_reports(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    reports = [("bridge", i, body) for i, body in enumerate(BRIDGE)] + [
        ("water", i, body) for i, body in enumerate(WATER)
    ]
    for event, i, body in reports:
        path = folder / f"{event}-{i}.txt"
        published = f"2024-03-{(5 if event == 'bridge' else 12) + i:02d}"
        path.write_text(
            f"{event.title()} report {i}\n\nSource: Outlet {i} (outlet{i}.example)\nPublished: {published}\n\n{body}\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


def memberships(db: Path) -> dict[str, str]:
    check = sqlite3.connect(db)
    try:
        return dict(check.execute("SELECT article_id, story_id FROM story_members"))
    finally:
        check.close()


def partition(members: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article, story in members.items():
        groups.setdefault(story, set()).add(article)
    return {frozenset(g) for g in groups.values()}


def test_add_groups_articles_and_stories_lists_them(tmp_path: Path) -> None:
    write_reports(tmp_path / "in")
    db = tmp_path / "s.db"
    code, out = run("add", str(tmp_path / "in"), "--db", str(db))
    assert code == 0 and out.strip() == "added 5"

    code, out = run("stories", "--db", str(db), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "factdiff.stories/1"
    assert sorted(s["size"] for s in data["stories"]) == [2, 3]
    for story in data["stories"]:
        assert {"id", "label", "articles"} <= story.keys()
        assert all({"id", "source_id"} <= a.keys() for a in story["articles"])
        assert len(story["articles"]) == story["size"]
    bridge = next(s for s in data["stories"] if s["size"] == 3)
    assert bridge["first_date"] == "2024-03-05" and bridge["last_date"] == "2024-03-07"
    assert "Ines Albero" in bridge["label"] or "Kessel Street" in bridge["label"]
    assert len(bridge["outlets"]) == 3

    code, out = run("stories", "--db", str(db))
    assert code == 0
    assert bridge["id"] in out and "2024-03-05" in out

    code, out = run("stories", "--db", str(db), "show", bridge["id"][:8])
    assert code == 0
    assert out.count("Bridge report") == 3 and "Water report" not in out
    code, out = run("stories", "show", bridge["id"][:8], "--db", str(db), "--json")
    assert json.loads(out)["story"]["id"] == bridge["id"]


def test_adding_the_same_articles_again_changes_nothing(tmp_path: Path) -> None:
    write_reports(tmp_path / "in")
    db = tmp_path / "s.db"
    run("add", str(tmp_path / "in"), "--db", str(db))
    before = memberships(db)
    _, listing = run("stories", "--db", str(db), "--json")
    code, out = run("add", str(tmp_path / "in"), "--db", str(db))
    assert code == 0 and out.startswith("added 0")
    assert memberships(db) == before
    assert run("stories", "--db", str(db), "--json")[1] == listing


def test_articles_added_in_two_runs_group_as_in_one(tmp_path: Path) -> None:
    paths = write_reports(tmp_path / "in")
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    run("add", *map(str, paths), "--db", str(one))
    run("add", *map(str, paths[:2]), "--db", str(two))
    run("add", *map(str, paths[2:]), "--db", str(two))
    assert memberships(one) == memberships(two)


def test_regroup_gives_the_incremental_result(tmp_path: Path) -> None:
    write_reports(tmp_path / "in")
    db = tmp_path / "s.db"
    run("add", str(tmp_path / "in"), "--db", str(db))
    before = memberships(db)
    code, out = run("regroup", "--db", str(db))
    assert code == 0 and out.strip() == "regrouped 5 articles into 2 stories"
    assert memberships(db) == before


def test_story_article_ids_for_compare(tmp_path: Path) -> None:
    write_reports(tmp_path / "in")
    db = tmp_path / "s.db"
    run("add", str(tmp_path / "in"), "--db", str(db))
    with Store(db) as store:
        water = next(a for a in store.list_articles() if a["title"] == "Water report 1")
        ids = story_article_ids(store, water["id"][:10])  # an article's id finds its story
        assert len(ids) == 2 and water["id"] in ids
        assert story_article_ids(store, ids[0]) == ids


def test_unknown_story_is_one_line_and_a_failure(tmp_path: Path) -> None:
    write_reports(tmp_path / "in")
    db = tmp_path / "s.db"
    run("add", str(tmp_path / "in"), "--db", str(db))
    result = CliRunner().invoke(cli, ["stories", "--db", str(db), "show", "zzzz"])
    assert result.exit_code == 3
    assert "no story zzzz" in result.stderr


def test_missing_store_is_reported(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["stories", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 3 and "no store" in result.stderr


# --- the shared stories among ECB+ -------------------------------------------------------------


def test_shared_stories_come_out_whole_among_ecbplus() -> None:
    if not STORIES.exists() or not ECBPLUS.exists():
        pytest.skip("shared stories or ECB+ data not present")
    from factdiff.read import read_inputs

    ours: dict[str, str] = {}
    articles: list[Article] = []
    for folder in sorted(p for p in STORIES.iterdir() if p.is_dir()):
        for item in read_inputs([str(folder)]):
            if isinstance(item, Article):
                ours[item.id] = folder.name
                articles.append(item)
    with ECBPLUS.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            title = row.get("title") or ""
            articles.append(
                Article(text=f"{title}\n\n{row['text']}", title=title, title_end=len(title), body_start=len(title) + 2)
            )
    random.Random(3).shuffle(articles)
    grouper = Grouper()
    story_of: dict[str, str] = {}
    for article in articles:
        assignment = grouper.assign(fingerprint(article))
        story_of[article.id] = assignment.story_id
        for moved in assignment.moved:
            story_of[moved] = assignment.split_to or ""
    for name in set(ours.values()):
        members = {a for a, story in ours.items() if story == name}
        stories = {story_of[a] for a in members}
        assert len(stories) == 1, f"{name} is split into {len(stories)} stories"
        everything = {a for a, s in story_of.items() if s in stories}
        assert everything == members, f"{name} holds {len(everything - members)} other articles"


# --- a killed run ------------------------------------------------------------------------------

KILL_CORPUS = 400


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_add_then_rerun_puts_every_article_in_one_story(tmp_path: Path) -> None:
    rng = random.Random(11)
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w") as out:
        for n in range(KILL_CORPUS):
            event = rng.randrange(40)
            text = (
                f"Crews in Town{event} reported {1000 + event * 7} homes without power after storm number {event}, "
                f"official Person{event} Lastname{event} said. Report {n} adds {rng.randrange(10**6)} details."
            )
            out.write(json.dumps({"id": n, "title": f"Storm {event} report {n}", "text": text}) + "\n")
    db = tmp_path / "kill.db"
    command = [sys.executable, "-c", "from factdiff.cli import main; main()", "add", str(corpus), "--db", str(db)]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    first = subprocess.Popen([*command, "--batch-size", "10"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    target = rng.randrange(20, KILL_CORPUS // 2)  # a random point
    deadline = time.monotonic() + 120
    while stored_articles(db) < target and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    first.send_signal(signal.SIGKILL)
    first.communicate()
    assert first.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    assert 0 < stored_articles(db) < KILL_CORPUS

    second = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert second.returncode == 0, second.stderr
    check = sqlite3.connect(db)
    try:
        assert (
            check.execute("SELECT count(*), count(DISTINCT source_id) FROM articles").fetchone() == (KILL_CORPUS,) * 2
        )
        in_stories = check.execute(
            "SELECT count(*), count(DISTINCT m.article_id) FROM articles a JOIN story_members m ON m.article_id = a.id"
        ).fetchone()
        assert in_stories == (KILL_CORPUS, KILL_CORPUS)  # every article in exactly one story
        sizes = dict(check.execute("SELECT story_id, count(*) FROM story_members GROUP BY story_id").fetchall())
        summaries = dict(check.execute("SELECT id, size FROM story_summaries").fetchall())
        assert summaries == sizes
    finally:
        check.close()
    incremental = memberships(db)
    with Store(db) as store:
        from factdiff.group_store import regroup

        regroup(store)
    assert partition(memberships(db)) == partition(incremental)  # as if never interrupted


def test_regroup_groups_articles_stored_before_stories_existed(tmp_path: Path) -> None:
    write_reports(tmp_path / "in")
    db = tmp_path / "s.db"
    run("add", str(tmp_path / "in"), "--db", str(db))
    before = memberships(db)
    check = sqlite3.connect(db)
    check.execute("DELETE FROM story_members")
    check.execute("DELETE FROM story_summaries")
    check.commit()
    check.close()
    code, out = run("regroup", "--db", str(db))
    assert code == 0 and out.strip() == "regrouped 5 articles into 2 stories"
    assert partition(memberships(db)) == partition(before)


def test_a_batch_that_fails_after_grouping_leaves_no_trace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factdiff import group_store
    from factdiff.read import read_inputs

    paths = write_reports(tmp_path / "in")
    articles = [a for a in read_inputs([str(p) for p in paths]) if isinstance(a, Article)]
    with Store(tmp_path / "clean.db") as store:
        store.add_batch(articles[:2])
        store.add_batch(articles[2:])
    real = group_store.assign_new

    def fails_after_grouping(store: Store, analyses: object) -> int:
        real(store, analyses)  # type: ignore[arg-type]
        raise RuntimeError("disk full")

    with Store(tmp_path / "failed.db") as store:
        store.add_batch(articles[:2])
        monkeypatch.setattr(group_store, "assign_new", fails_after_grouping)
        with pytest.raises(RuntimeError):
            store.add_batch(articles[2:])
        monkeypatch.setattr(group_store, "assign_new", real)
        store.add_batch(articles[2:])  # the cached grouper saw the lost batch: it must start over
        assert group_store._LIVE[store].grouper.articles == 5  # not 8: the lost batch is forgotten
        assert store.connection.execute("SELECT max(seq) FROM story_members").fetchone()[0] == 5
    assert memberships(tmp_path / "failed.db") == memberships(tmp_path / "clean.db")


def test_a_new_process_starts_from_the_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factdiff import group_store

    paths = write_reports(tmp_path / "in")
    run("add", *map(str, paths), "--db", str(tmp_path / "one.db"))
    monkeypatch.setattr(group_store, "SNAPSHOT_EVERY", 2)
    replayed: list[str] = []
    real_replay = Grouper.replay

    def counting(self: Grouper, fp: object, story_id: str | None, score: float) -> object:
        replayed.append(fp.article_id)  # type: ignore[attr-defined]
        return real_replay(self, fp, story_id, score)  # type: ignore[arg-type]

    monkeypatch.setattr(Grouper, "replay", counting)
    for path in paths:  # one run (a new store object, so a new grouper) per article
        run("add", str(path), "--db", str(tmp_path / "many.db"))
    assert memberships(tmp_path / "many.db") == memberships(tmp_path / "one.db")
    assert len(replayed) < 1 + 2 + 3 + 4  # without snapshots every run replays all before it
    check = sqlite3.connect(tmp_path / "many.db")
    assert check.execute("SELECT seq FROM story_snapshots").fetchall() == [(4,)]
    check.close()
    run("regroup", "--db", str(tmp_path / "many.db"))
    assert memberships(tmp_path / "many.db") == memberships(tmp_path / "one.db")

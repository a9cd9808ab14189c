"""factdiff serve without a browser: pages and their JSON twins, filters, search, errors, the
comparison cache, and the write rules (CSRF, token, same origin, Host)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factdiff.serve.app import create_app
from factdiff.serve.guard import CSP
from factdiff.store import Store
from tests.serve_helpers import HOSTILE_OUTLET, PAYLOAD, build_store

with warnings.catch_warnings():  # starlette's test client warns about its own httpx use
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "store.db"
    build_store(path)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as running:
        yield running


def _story(client: TestClient) -> dict[str, Any]:
    stories = client.get("/api/stories").json()["stories"]
    return stories[0]


def test_stories_page_and_twin(client: TestClient) -> None:
    data = client.get("/api/stories").json()
    assert data["total"] == 2 and data["articles"] == 8
    top = data["stories"][0]
    assert top["size"] == 7
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == CSP
    assert page.text.count('class="story-row"') == 2


def test_search_and_filters_narrow_the_list(client: TestClient) -> None:
    def ids(**params: Any) -> list[str]:
        return [s["id"] for s in client.get("/api/stories", params=params).json()["stories"]]

    every = ids()
    assert len(every) == 2
    assert len(ids(q="ferry")) == 1 and ids(q="ferry") != ids(q="Kessler bridge")
    assert ids(q="ferry Kessler") == []  # every word must match
    assert ids(q='"; DROP TABLE articles; -- NEAR(') == []  # FTS syntax is never passed through
    assert ids(date_from="2026-01-01") == ids(q="Kessler")
    assert ids(date_to="2025-12-31") == ids(q="ferry")
    assert ids(outlet="Bay Courier") == ids(q="ferry")
    assert ids(min_size=2) == ids(q="Kessler")
    assert ids(max_size=1) == ids(q="ferry")
    assert ids(per_page=1, page=2) == [every[1]]
    client.get(f"/api/stories/{ids(q='Kessler')[0]}")  # compare it, so the divergence filter knows it
    assert ids(divergence="number_changed") == ids(q="Kessler")
    assert ids(divergence="quote_altered", q="ferry") == []


def test_bad_filter_values_are_named(client: TestClient) -> None:
    response = client.get("/api/stories", params={"date_from": "yesterday"})
    assert response.status_code == 400
    assert response.json()["detail"] == "date_from must be a date written YYYY-MM-DD, not 'yesterday'"
    assert client.get("/", params={"min_size": "many"}).status_code == 400
    assert client.get("/", params={"divergence": "lies"}).status_code == 400
    assert client.get("/", params={"date_from": "", "max_size": "", "outlet": ""}).status_code == 200  # empty form


def test_story_page_matrix_evidence_and_twin(client: TestClient, db: Path) -> None:
    story = _story(client)
    data = client.get(f"/api/stories/{story['id']}").json()
    comparison = data["comparison"]
    assert comparison["schema"] == "factdiff.compare/1"
    assert len(comparison["articles"]) == 7 and comparison["slots"]
    assert {o["outlet"] for o in data["outlets"]} >= {"The Larkmont Ledger", HOSTILE_OUTLET}
    assert [t["published"] for t in data["timeline"]] == sorted(t["published"] for t in data["timeline"])
    hostile = next(a["id"] for a in comparison["articles"] if a["outlet"] == HOSTILE_OUTLET)
    index = next(
        i
        for i, s in enumerate(comparison["slots"])
        if any(c["article"] == hostile and c["verdict"] == "number_changed" for c in s["cells"])
    )
    evidence = client.get(f"/api/stories/{story['id']}", params={"cell": f"{index}.{hostile}"}).json()["evidence"]
    assert evidence["verdict"] == "number_changed" and evidence["report"]["mark"] == "15 months"
    source_mark = evidence["source"]["mark"]
    assert source_mark.startswith("14") and evidence["source"]["article"] != hostile
    page = client.get(f"/stories/{story['id']}", params={"cell": f"{index}.{hostile}"})
    assert page.status_code == 200
    assert "<mark>15 months</mark>" in page.text and f"<mark>{source_mark}</mark>" in page.text
    assert page.text.count('<td class="cell') >= len(comparison["slots"])
    with Store(db) as store:  # cached: one row, and the verdict rows the outlet records count
        assert store.connection.execute("SELECT count(*) FROM story_comparisons").fetchone()[0] >= 1
        assert store.connection.execute("SELECT count(*) FROM story_verdicts").fetchone()[0] > 0


def test_story_id_prefix_and_unknown_ids(client: TestClient) -> None:
    story = _story(client)
    assert client.get(f"/api/stories/{story['id'][:6]}").json()["story"]["id"] == story["id"]
    missing = client.get("/api/stories/zzzz")
    assert missing.status_code == 404 and "no story zzzz" in missing.json()["detail"]
    assert client.get("/stories/zzzz").status_code == 404
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/outlets/Nobody").status_code == 404


def test_article_page_claims_verdicts_and_twin(client: TestClient) -> None:
    story = _story(client)
    comparison = client.get(f"/api/stories/{story['id']}").json()["comparison"]
    hostile = next(a["id"] for a in comparison["articles"] if a["outlet"] == HOSTILE_OUTLET)
    data = client.get(f"/api/articles/{hostile}").json()
    assert data["story"]["id"] == story["id"]
    assert any(c["verdict"] == "number_changed" and c["text"] == "15 months" for c in data["claims"])
    assert data["article"]["url"] == "javascript:window.__pwned=3"  # kept as data ...
    page = client.get(f"/articles/{hostile}").text
    assert 'href="javascript:' not in page  # ... never as a link
    assert re.search(r'<mark class="claim k-duration v-number_changed"[^>]*>15 months</mark>', page)
    spans = sorted({(c["start"], c["end"]) for c in data["claims"]})
    crossing = {a for a in spans for b in spans if a[0] < b[0] < a[1] < b[1] or b[0] < a[0] < b[1] < a[1]}
    marked = len(re.findall(r'<mark class="claim', page))
    assert marked == page.count("</mark>")  # nested and balanced
    assert len(spans) - len(crossing) <= marked <= len(spans)  # every claim that nests is marked
    assert PAYLOAD not in page and "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page


def test_outlet_record_and_chart(client: TestClient) -> None:
    story = _story(client)
    client.get(f"/api/stories/{story['id']}")
    record = client.get(f"/api/outlets/{HOSTILE_OUTLET}").json()
    assert record["articles"] == 1 and record["compared_stories"] == 1
    assert record["checked"] > 0 and record["verdicts"]["number_changed"] >= 1
    assert record["rates"]["number_changed"] == record["verdicts"]["number_changed"] / record["checked"]
    assert [m["month"] for m in record["by_month"]] == ["2026-03"]
    assert any(e["verdict"] == "number_changed" and e["found"] for e in record["evidence"])
    page = client.get(f"/outlets/{HOSTILE_OUTLET}")
    assert page.status_code == 200
    svg = re.search(r"<svg .*?</svg>", page.text, re.S)
    assert svg is not None and 'class="t-number_changed"' in svg.group(0)
    assert "<script" not in svg.group(0)


def test_every_page_has_its_twin_in_the_openapi_description(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/outlets/{name}"} <= paths
    assert {"/", "/stories/{story_id}", "/articles/{article_id}", "/outlets/{name}", "/add", "/api/add"} <= paths
    assert client.get("/docs").status_code == 404  # the CDN-backed docs page is not served


def test_add_form_needs_its_csrf_token(db: Path, tmp_path: Path) -> None:
    with TestClient(create_app(db)) as fresh:
        form = fresh.get("/")
        token = re.search(r'name="csrf" value="([^"]+)"', form.text)
        assert token is not None
        refused = fresh.post("/add", data={"urls": "http://127.0.0.1/", "csrf": "forged-" + "x" * 30})
        assert refused.status_code == 403 and "expired or did not come from this site" in refused.text
        other_site = fresh.post(
            "/add",
            data={"urls": "http://127.0.0.1/", "csrf": token.group(1)},
            headers={"Origin": "http://evil.example"},
        )
        assert other_site.status_code == 403
        done = fresh.post("/add", data={"urls": "http://127.0.0.1/admin", "csrf": token.group(1)})
        assert done.status_code == 200
        assert "127.0.0.1 is a loopback address" in done.text  # the fetch itself is refused, and said so


def test_writes_need_the_token_when_one_is_set(db: Path) -> None:
    with TestClient(create_app(db, token="s3cret-token")) as guarded:
        anonymous = guarded.post("/api/add", json={"urls": ["http://10.0.0.1/"]})
        assert anonymous.status_code == 403
        wrong = guarded.post("/api/add", json={"urls": ["http://10.0.0.1/"]}, headers={"Authorization": "Bearer no"})
        assert wrong.status_code == 403
        right = guarded.post(
            "/api/add", json={"urls": ["http://10.0.0.1/"]}, headers={"Authorization": "Bearer s3cret-token"}
        )
        assert right.status_code == 200
        assert right.json()["skipped"] == [
            {"input": "http://10.0.0.1/", "reason": "refused", "detail": "10.0.0.1 is a private address"}
        ]
        page = guarded.get("/")
        assert 'name="token"' in page.text  # the form asks for it
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        assert guarded.post("/add", data={"urls": "http://10.0.0.1/", "csrf": csrf}).status_code == 403
        assert guarded.get("/api/stories").status_code == 200  # reading stays open


def test_loopback_server_refuses_other_host_names(db: Path) -> None:
    with TestClient(create_app(db, allowed_hosts={"127.0.0.1", "localhost"}), base_url="http://127.0.0.1") as app:
        assert app.get("/api/stories").status_code == 200
        rebound = app.get("/api/stories", headers={"Host": "attacker.example"})
        assert rebound.status_code == 400 and "unexpected Host" in rebound.json()["detail"]


def test_headline_record_is_stored_grouped_and_shown(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factdiff.cli import cli

    (tmp_path / "rows.jsonl").write_text(
        '{"id": "h1", "title": "Ferry adds a late sailing from June", "text": "", "source": "Bay Wire"}\n'
        '{"id": "h2", "title": "", "text": ""}\n',
        encoding="utf-8",
    )
    db = tmp_path / "h.db"
    result = CliRunner().invoke(cli, ["add", str(tmp_path / "rows.jsonl"), "--db", str(db)])
    assert result.stdout.strip() == "added 1, skipped 1: 1 empty"
    with TestClient(create_app(db)) as client:
        (story,) = client.get("/api/stories").json()["stories"]
        article_id = client.get(f"/api/stories/{story['id']}").json()["timeline"][0]["article"]
        article = client.get(f"/api/articles/{article_id}").json()["article"]
        assert (article["kind"], article["title"], article["text"]) == (
            "headline",
            "Ferry adds a late sailing from June",
            "Ferry adds a late sailing from June",
        )
        assert client.get(f"/articles/{article_id}").status_code == 200


def test_regroup_keeps_search_outlets_and_verdicts_consistent(tmp_path: Path) -> None:
    from factdiff.group_store import regroup

    db = tmp_path / "r.db"
    build_store(db)
    with TestClient(create_app(db)) as client:
        story = _story(client)
        client.get(f"/api/stories/{story['id']}")  # compared and cached
        with Store(db) as store:
            conn = store.connection
            assert conn.execute("SELECT count(*) FROM story_verdicts").fetchone()[0] > 0
            searchable = conn.execute("SELECT count(*) FROM search_stories").fetchone()[0]
            outlets = conn.execute("SELECT count(*) FROM story_outlets").fetchone()[0]
            regroup(store)  # every membership row is deleted and written again
            assert conn.execute("SELECT count(*) FROM story_verdicts").fetchone()[0] == 0
            assert conn.execute("SELECT count(*) FROM story_comparisons").fetchone()[0] == 0
            assert conn.execute("SELECT count(*) FROM search_stories").fetchone()[0] == searchable == 8
            assert conn.execute("SELECT count(*) FROM story_outlets").fetchone()[0] == outlets
        assert len(client.get("/api/stories", params={"q": "ferry"}).json()["stories"]) == 1
        assert client.get(f"/api/outlets/{HOSTILE_OUTLET}").json()["compared_stories"] == 0
        client.get(f"/api/stories/{_story(client)['id']}")
        assert client.get(f"/api/outlets/{HOSTILE_OUTLET}").json()["compared_stories"] == 1


def test_reference_confidence_and_new_verdicts_are_shown_when_compare_gives_them(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fields that compare may add within factdiff.compare/1 are rendered from the dictionary."""
    from factdiff.serve import data as pages

    real = pages.story_comparison

    def with_new_fields(
        store: Store, story_id: str, members: list[str] | None = None, **options: Any
    ) -> dict[str, Any]:
        comparison = real(store, story_id, members, **options)
        slot = comparison["slots"][0]
        slot["reference"] = {"kind": "disputed", "value": "14 or 15 months", "supporters": 3}
        slot["cells"][0]["confidence"] = 0.42
        slot["cells"][-1]["verdict"] = "disputed"
        return comparison

    monkeypatch.setattr(pages, "story_comparison", with_new_fields)
    with TestClient(create_app(db)) as client:
        story = _story(client)
        page = client.get(f"/stories/{story['id']}").text
        assert '<span class="ref-disputed">disputed</span>: 14 or 15 months' in page
        assert "(confidence 0.42)" in page
        assert 'data-verdict="disputed"' in page
        first = client.get(f"/api/stories/{story['id']}").json()["comparison"]["slots"][0]
        article = first["cells"][0]["article"]
        evidence = client.get(f"/api/stories/{story['id']}", params={"cell": f"0.{article}"}).json()["evidence"]
        assert evidence["confidence"] == 0.42 and evidence["reference"]["kind"] == "disputed"


def test_serve_command_needs_a_store_and_knows_loopback(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factdiff.cli import cli
    from factdiff.serve.guard import is_loopback_host

    missing = tmp_path / "none.db"
    result = CliRunner().invoke(cli, ["serve", "--db", str(missing)])
    assert result.exit_code == 3
    assert (
        result.stderr.strip() == f"factdiff: no store at {missing} (create one with: factdiff add PATH --db {missing})"
    )
    assert all(is_loopback_host(h) for h in ("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"))
    assert not any(is_loopback_host(h) for h in ("0.0.0.0", "::", "192.168.1.5", "example.com"))


def test_a_store_made_before_the_server_is_migrated_and_searchable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search index, the story lookups and the outlet pairs are filled from existing rows."""
    from factdiff import store as store_module

    db = tmp_path / "old.db"
    with monkeypatch.context() as patch:
        patch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:4])  # the schema before serve
        patch.setattr(store_module, "index_pending", lambda db: 0)  # nor the story search index to keep
        build_store(db)
        with Store(db) as old:
            assert "0005_search" not in old.migrations()
    with TestClient(create_app(db)) as client:
        assert len(client.get("/api/stories", params={"q": "ferry"}).json()["stories"]) == 1
        assert len(client.get("/api/stories", params={"q": "Kessler", "outlet": "Valley Wire"}).json()["stories"]) == 1
        assert client.get("/api/outlets/Valley Wire").json()["stories"] == 1


def test_serve_command_off_loopback_needs_a_token_and_hands_settings_to_workers(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json
    import os

    import uvicorn
    from click.testing import CliRunner

    from factdiff.cli import cli
    from factdiff.serve.app import ENVIRONMENT_VARIABLE, app_from_environment

    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "")  # the command sets it; monkeypatch takes it away after
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 0, result.output
    token = re.search(r"adding pages needs this token: (\S+)", result.stderr)
    assert token is not None and len(token.group(1)) >= 24
    app, options = calls[-1]
    assert app.state.token == token.group(1) and (options["host"], options["port"]) == ("0.0.0.0", 8123)

    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--workers", "2", "--token", "given-token-1234"])
    assert result.exit_code == 0, result.output
    target, options = calls[-1]
    assert target == "factdiff.serve.app:app_from_environment" and options["workers"] == 2 and options["factory"]
    settings = json.loads(os.environ[ENVIRONMENT_VARIABLE])
    assert settings["db"] == str(db) and settings["token"] is None  # loopback: no token needed
    assert "localhost" in settings["allowed_hosts"]
    assert app_from_environment().state.token is None


def test_story_page_of_a_grown_story_shows_the_earlier_comparison_while_it_is_redone(tmp_path: Path) -> None:
    """A report joins a compared story: the page answers at once with the comparison it has, says
    which reports it does not cover yet, and the comparison is redone in the background."""
    import time

    from click.testing import CliRunner

    from factdiff.cli import cli
    from tests.serve_helpers import EXAMPLES

    db = tmp_path / "g.db"
    build_store(db)
    with TestClient(create_app(db)) as client:
        story = _story(client)
        before = client.get(f"/api/stories/{story['id']}").json()
        assert before["pending"] == [] and len(before["comparison"]["articles"]) == 7
        text = (EXAMPLES / "01-larkmont-ledger.txt").read_text(encoding="utf-8")
        late = tmp_path / "late" / "08-late-wire.txt"
        late.parent.mkdir()
        late.write_text(
            text.replace("The Larkmont Ledger (larkmontledger.com)", "Late Wire (latewire.example)")
            + "\nLate Wire staff contributed to this report from the bridge site.\n",
            encoding="utf-8",
        )
        result = CliRunner().invoke(cli, ["add", str(late.parent), "--db", str(db)])
        assert result.exit_code == 0, result.output
        grown = client.get(f"/api/stories/{story['id']}").json()
        assert grown["story"]["size"] == story["size"] + 1
        assert len(grown["pending"]) == 1 and len(grown["comparison"]["articles"]) == 7
        page = client.get(f"/stories/{story['id']}")
        assert page.status_code == 200 and 'id="pending"' in page.text and "1 report joined" in page.text
        deadline = time.monotonic() + 120  # the refresher's process starts and compares the story
        while time.monotonic() < deadline:
            fresh = client.get(f"/api/stories/{story['id']}").json()
            if not fresh["pending"]:
                break
            time.sleep(0.2)
        assert fresh["pending"] == [] and len(fresh["comparison"]["articles"]) == 8
        assert 'id="pending"' not in client.get(f"/stories/{story['id']}").text

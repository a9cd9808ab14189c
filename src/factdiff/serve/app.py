"""The web application of ``factdiff serve``: routes for the pages over the store and their JSON twins.

Every HTML page has a twin under ``/api`` built by the same function of :mod:`factdiff.serve.data`;
the API is described at ``/openapi.json``. Pages carry no script; the templates escape every
value, and :mod:`factdiff.serve.guard` sets the Content-Security-Policy and checks writes: forms
carry a CSRF token (a cookie matched by a hidden field, with a same-origin check), and when the
server is bound to an address other than loopback, adding also needs the token given at start.
Adds run one at a time in :class:`factdiff.serve.writer.Writer`.
"""

from __future__ import annotations

import contextlib
import hmac
import re
import secrets
import threading
from collections.abc import AsyncIterator, Callable
from datetime import date
from pathlib import Path
from typing import Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from factdiff import __version__
from factdiff.errors import FactdiffError
from factdiff.fetch import Fetcher
from factdiff.serve import data as pages
from factdiff.serve.cache import Refresher
from factdiff.serve.generation import Generation, GenerationCache
from factdiff.serve.guard import CSRF_COOKIE, Forbidden, Guard, check_origin
from factdiff.serve.views import RENDERED_PAGES, Rendered, environment
from factdiff.serve.writer import Writer
from factdiff.store import Store

__all__ = ["ENVIRONMENT_VARIABLE", "MAX_ADD_URLS", "AddRequest", "BadRequest", "app_from_environment", "create_app"]

#: How ``factdiff serve --workers N`` hands its settings to the worker processes (JSON).
ENVIRONMENT_VARIABLE = "FACTDIFF_SERVE"
#: Page cache of each reading connection (one per server thread), in KiB.
READ_CACHE_KIB = 32 * 1024
#: URLs accepted in one add request (form or API); a feed counts as one.
MAX_ADD_URLS = 50


class AddRequest(BaseModel):
    """Pages to fetch and store: web addresses and RSS/Atom feeds."""

    urls: list[str] = Field(default_factory=list, max_length=MAX_ADD_URLS)
    feeds: list[str] = Field(default_factory=list, max_length=MAX_ADD_URLS)


_CSRF = re.compile(r"[A-Za-z0-9_-]{32,64}")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(name: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        if not _DATE.match(value):
            raise ValueError
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadRequest(f"{name} must be a date written YYYY-MM-DD, not {value[:40]!r}") from None


def _size(name: str, value: str | None, default: int | None) -> int | None:
    if value is None or value.strip() == "":
        return default
    if not value.strip().isdigit() or not 1 <= int(value) <= 1_000_000:
        raise BadRequest(f"{name} must be a whole number from 1 to 1000000, not {value[:40]!r}")
    return int(value)


class BadRequest(FactdiffError):
    """A request with a value the page cannot use (named in the message)."""


def _filters(
    q: str,
    date_from: str | None,
    date_to: str | None,
    outlet: str | None,
    divergence: str | None,
    min_size: str | None,
    max_size: str | None,
    order: str,
    page: int,
    per_page: int,
) -> pages.StoryFilters:
    if divergence and divergence not in pages.divergence_types():
        raise BadRequest(f"divergence must be one of {', '.join(pages.divergence_types())}, not {divergence[:40]!r}")
    return pages.StoryFilters(
        q=q[:500],
        date_from=_date("date_from", date_from),
        date_to=_date("date_to", date_to),
        outlet=(outlet or "").strip()[:500] or None,
        divergence=divergence or None,
        min_size=_size("min_size", min_size, 1) or 1,
        max_size=_size("max_size", max_size, None),
        order="recent" if order == "recent" else "size",
        page=page,
        per_page=per_page,
    )


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    fetcher_factory: Callable[[], Fetcher] = Fetcher,
    allowed_hosts: set[str] | None = None,
) -> FastAPI:
    """The application over the store ``db``.

    ``token``: when given, adding needs it (form field ``token`` or ``Authorization: Bearer``).
    ``allowed_hosts``: Host header names accepted (None for any); a loopback server accepts only
    loopback names, so a page elsewhere cannot reach it by rebinding its own name to 127.0.0.1.
    ``fetcher_factory``: makes the fetcher of each add (tests pass one that allows their server).
    """
    db = str(db)
    Store(db).close()  # create or migrate once, before any request
    local = threading.local()
    writer = Writer(db, fetcher_factory)
    writer.index_backlog()  # a store migrated just now: its search index is filled in the background
    refresher = Refresher(db)
    env = environment()
    generation = Generation(db)
    # outlet records (data and page) until the next write: the same few outlets are asked for by
    # every reader, and each record counts over all of the outlet's reports and verdicts
    outlet_records = GenerationCache(generation, size=1024)
    # what the stories page reads again and again between writes: stories per search term, the
    # divergence counts of each listed story, the number of articles
    list_values = GenerationCache(generation, size=50_000)

    def store() -> Store:
        current = getattr(local, "store", None)
        if current is None:
            current = local.store = Store(db)
            # a search joins tens of thousands of index rows: SQLite's default 2 MB page cache
            # does not hold them, and every page read again is a system call
            current.connection.execute(f"PRAGMA cache_size = -{READ_CACHE_KIB}")
        return current

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        refresher.close()  # the process recomputing stale comparisons ends with the server
        generation.close()

    app = FastAPI(
        lifespan=lifespan,
        title="factdiff",
        version=__version__,
        description="Stories, claim matrices, articles and outlet records of a factdiff store. Every HTML page "
        "has a JSON twin under /api built from the same data.",
        docs_url=None,  # the interactive docs load scripts from a CDN: not served
        redoc_url=None,
    )
    rendered = Rendered(RENDERED_PAGES)
    app.state.token = token
    app.state.writer = writer
    app.state.refresher = refresher
    app.mount("/static", StaticFiles(packages=[("factdiff.serve", "static")]), name="static")

    app.add_middleware(Guard, allowed_hosts=allowed_hosts)

    def csrf_of(request: Request) -> str:
        csrf = request.cookies.get(CSRF_COOKIE) or ""
        return csrf if _CSRF.fullmatch(csrf) else secrets.token_urlsafe(32)

    def html_response(body: str, csrf: str, status: int = 200) -> HTMLResponse:
        response = HTMLResponse(body, status_code=status)
        response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict", path="/")
        return response

    def html(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        csrf = csrf_of(request)
        body = env.get_template(template).render(
            **context, csrf=csrf, token_required=app.state.token is not None, request_path=request.url.path
        )
        return html_response(body, csrf, status)

    def outlet_record(name: str, number: int) -> dict[str, Any]:
        return outlet_records.get(("data", name, number), lambda: pages.outlet_data(store(), name, number))

    @app.exception_handler(pages.NotFound)
    async def not_found(request: Request, exc: pages.NotFound) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=404)
        return html(request, "error.html", {"title": "Not found", "message": str(exc)}, 404)

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=400)
        return html(request, "error.html", {"title": "Bad request", "message": str(exc)}, 400)

    @app.exception_handler(UnicodeError)
    async def bad_text(request: Request, exc: UnicodeError) -> Response:
        return JSONResponse({"detail": f"the request holds text that is not valid Unicode: {exc}"}, status_code=400)

    # --- data -----------------------------------------------------------------------------------

    def stories(filters: pages.StoryFilters) -> dict[str, Any]:
        return pages.stories_data(store(), filters, list_values.current())

    # Query parameters shared by the stories page and its twin (strings: an HTML form sends "" for
    # an empty field, and a bad value gets a 400 naming it, not a validation dump). Only parsed
    # here, on the event loop: the page's reads and rendering then take one worker thread, not two.
    async def story_params(
        q: str = Query(
            "", max_length=500, description="Words that must all appear in the story's reports (each in one of them)"
        ),
        date_from: str | None = Query(None, description="Stories with a report on or after this date (YYYY-MM-DD)"),
        date_to: str | None = Query(None, description="Stories with a report on or before this date (YYYY-MM-DD)"),
        outlet: str | None = Query(None, max_length=500, description="Stories with a report by this outlet"),
        divergence: str | None = Query(None, description="Stories whose comparison holds this divergence type"),
        min_size: str | None = Query(None, description="At least this many reports"),
        max_size: str | None = Query(None, description="At most this many reports"),
        order: Literal["size", "recent"] = Query("size", description="Largest first, or latest report first"),
        page: int = Query(1, ge=1, le=1_000_000),
        per_page: int = Query(pages.PER_PAGE, ge=1, le=200),
    ) -> pages.StoryFilters:
        return _filters(q, date_from, date_to, outlet, divergence, min_size, max_size, order, page, per_page)

    # --- JSON ----------------------------------------------------------------------------------

    @app.get("/api/stories", tags=["api"], summary="Stories: search, filters, one page")
    def api_stories(filters: pages.StoryFilters = Depends(story_params)) -> dict[str, Any]:  # noqa: B008
        return stories(filters)

    @app.get("/api/stories/{story_id}", tags=["api"], summary="A story: comparison, outlets, copies, timeline")
    def api_story(story_id: str, cell: str | None = Query(None, max_length=200)) -> dict[str, Any]:
        return pages.story_data(store(), story_id, cell, on_stale=refresher)

    @app.get("/api/articles/{article_id}", tags=["api"], summary="An article: text, claims with verdicts, posts")
    def api_article(article_id: str) -> dict[str, Any]:
        return pages.article_data(store(), article_id)

    @app.get("/api/outlets/{name:path}", tags=["api"], summary="An outlet's record across stories")
    def api_outlet(
        name: str, page: int = Query(1, ge=1, le=1_000_000, description="Page of the evidence")
    ) -> dict[str, Any]:
        return outlet_record(name, page)

    @app.post("/api/add", tags=["api"], summary="Fetch and store pages and feeds", status_code=200)
    def api_add(body: AddRequest, request: Request) -> dict[str, Any]:
        check_origin(request)
        if app.state.token is not None:
            given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
            if not hmac.compare_digest(given.encode(), app.state.token.encode()):
                raise Forbidden("adding needs the token given to factdiff serve (Authorization: Bearer TOKEN)")
        if not body.urls and not body.feeds:
            raise BadRequest("give at least one URL in urls or feeds")
        return writer.add(body.urls, body.feeds)

    # --- HTML ----------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, tags=["pages"], summary="The stories page")
    def stories_page(request: Request, filters: pages.StoryFilters = Depends(story_params)) -> HTMLResponse:  # noqa: B008
        return html(request, "stories.html", {"data": stories(filters)})

    @app.get("/stories/{story_id}", response_class=HTMLResponse, tags=["pages"], summary="A story page")
    def story_page(request: Request, story_id: str, cell: str | None = Query(None, max_length=200)) -> HTMLResponse:
        full, members, compared = pages.story_version(store(), story_id)
        key = (full, members, compared, cell)
        body = rendered.get(key)
        if body is None:  # the page changes only with the story's members and the members compared
            data = pages.story_data(store(), full, cell, on_stale=refresher)
            body = env.get_template("story.html").render(
                data=data, cell_key=cell, csrf="", token_required=False, request_path=request.url.path
            )
            if compared is not None:  # a story compared just now is keyed by its new comparison next time
                rendered.put(key, body)
        elif compared != members:  # an earlier comparison, kept: ask again for the fresh one
            refresher(full)
        return HTMLResponse(body)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, tags=["pages"], summary="An article page")
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        return html(request, "article.html", {"data": pages.article_data(store(), article_id)})

    @app.get("/outlets/{name:path}", response_class=HTMLResponse, tags=["pages"], summary="An outlet page")
    def outlet_page(request: Request, name: str, page: int = Query(1, ge=1, le=1_000_000)) -> HTMLResponse:
        def render() -> str:  # the outlet page holds no form: the same body for every reader
            return env.get_template("outlet.html").render(
                data=outlet_record(name, page), csrf="", token_required=False, request_path=request.url.path
            )

        return html_response(outlet_records.get(("page", name, page), render), csrf_of(request))

    @app.post("/add", response_class=HTMLResponse, tags=["pages"], summary="The add form of the stories page")
    async def add_form(request: Request) -> Response:
        check_origin(request)
        form = await request.form()
        cookie = request.cookies.get(CSRF_COOKIE, "")
        sent = str(form.get("csrf", ""))
        if not cookie or not hmac.compare_digest(cookie.encode(), sent.encode()):
            raise Forbidden("the form has expired or did not come from this site: reload the page and try again")
        if app.state.token is not None:
            given = str(form.get("token", ""))
            if not hmac.compare_digest(given.encode(), app.state.token.encode()):
                raise Forbidden("adding needs the token given to factdiff serve")
        urls = str(form.get("urls", "")).split()
        feeds = str(form.get("feed", "")).split()
        if not urls and not feeds:
            raise BadRequest("give at least one web address or a feed")
        if len(urls) + len(feeds) > MAX_ADD_URLS:
            raise BadRequest(f"at most {MAX_ADD_URLS} addresses at a time")
        from starlette.concurrency import run_in_threadpool

        result = await run_in_threadpool(writer.add, urls, feeds)
        return html(request, "added.html", {"result": result})

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=403)
        return html(request, "error.html", {"title": "Forbidden", "message": str(exc)}, 403)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return RedirectResponse("/static/favicon.svg")

    return app


def app_from_environment() -> FastAPI:
    """The application of one worker process of ``factdiff serve --workers N`` (settings in JSON)."""
    import json
    import os

    settings = json.loads(os.environ[ENVIRONMENT_VARIABLE])
    hosts = settings.get("allowed_hosts")
    return create_app(settings["db"], token=settings.get("token"), allowed_hosts=set(hosts) if hosts else None)

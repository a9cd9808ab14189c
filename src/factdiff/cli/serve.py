"""``factdiff serve``: the web application over a store (see docs/serve.md)."""

from __future__ import annotations

import json
import os
import secrets
import threading
import time
from pathlib import Path
from typing import Any

import click

from factdiff.cli.common import fail
from factdiff.errors import FactdiffError, StoreError

#: Seconds the --warm thread rests between two stories, so page views keep the machine first.
WARM_PAUSE_SECONDS = 0.05


@click.command()
@click.option(
    "--db",
    default="factdiff.db",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The store: an SQLite file made by factdiff add.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--token",
    envvar="FACTDIFF_TOKEN",
    help="Token that adding pages needs when the server listens on an address other than loopback "
    "(default: a random one, printed at start). Also read from FACTDIFF_TOKEN.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes; more than one serves readers on several cores (each process has its own writer).",
)
@click.option(
    "--warm",
    is_flag=True,
    help="Compare every story not compared yet in the background (largest first), so outlet records and the "
    "divergence filter cover the whole store.",
)
@click.pass_context
def serve(ctx: click.Context, db: str, host: str, port: int, token: str | None, workers: int, warm: bool) -> None:
    """Serve the store in the browser: stories, claim matrices, articles and outlet records.

    Listens on 127.0.0.1 unless --host says otherwise. Read-only pages are open to anyone who can
    reach the server; adding pages needs the token when the address is not loopback.
    """
    import uvicorn

    from factdiff.serve.app import ENVIRONMENT_VARIABLE, create_app
    from factdiff.serve.guard import is_loopback_host

    debug = bool(ctx.obj and ctx.obj.get("debug"))
    if not Path(db).exists():
        fail(StoreError(f"no store at {db} (create one with: factdiff add PATH --db {db})"), debug)
    loopback = is_loopback_host(host)
    if not loopback and not token:
        token = secrets.token_urlsafe(24)
        click.echo(f"factdiff: adding pages needs this token: {token}", err=True)
    allowed = {"127.0.0.1", "localhost", "::1", host.lower().strip("[]")} if loopback else None
    try:
        app = create_app(db, token=None if loopback else token, allowed_hosts=allowed)
    except FactdiffError as exc:
        fail(exc, debug)
        return
    if warm:
        threading.Thread(target=_warm, args=(db,), name="factdiff-warm", daemon=True).start()
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"factdiff: serving {db} at http://{shown}:{port}/ (Ctrl-C to stop)", err=True)
    options: dict[str, Any] = {"host": host, "port": port, "log_level": "warning", "access_log": False}
    if workers == 1:
        uvicorn.run(app, server_header=False, **options)
        return
    os.environ[ENVIRONMENT_VARIABLE] = json.dumps(
        {"db": db, "token": None if loopback else token, "allowed_hosts": sorted(allowed) if allowed else None}
    )
    uvicorn.run(
        "factdiff.serve.app:app_from_environment", factory=True, workers=workers, server_header=False, **options
    )


def _warm(db: str) -> None:
    """Compare stale stories one at a time until none is left."""
    from factdiff.serve.cache import compare_stale
    from factdiff.store import Store

    with Store(db) as store:
        while compare_stale(store, limit=1):
            time.sleep(WARM_PAUSE_SECONDS)


COMMANDS = [serve]

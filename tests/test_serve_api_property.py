"""Property test of the API against its own OpenAPI description (schemathesis): whatever the
parameters, paths and bodies, the server answers with no 5xx.

Fetching is cut off (a resolver that refuses every name) so generated add requests stay offline.
"""

from __future__ import annotations

import warnings

import pytest
from hypothesis import HealthCheck, settings

from factdiff.fetch import Fetcher
from factdiff.serve.app import create_app
from tests.serve_helpers import build_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import schemathesis

pytestmark = pytest.mark.slow


def _offline(host: str, port: int) -> list[str]:
    raise OSError("name resolution is switched off in this test")


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    db = tmp_path_factory.mktemp("api") / "store.db"
    build_store(db)
    app = create_app(db, fetcher_factory=lambda: Fetcher(resolver=_offline))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_errors(case) -> None:  # type: ignore[no-untyped-def]
    response = case.call()
    assert response.status_code < 500, (case.method, case.formatted_path, case.query, response.text[:500])

"""The JSON API against its own OpenAPI schema (schemathesis): no 5xx for any generated request,
and every answer matches the schema, over a small populated SQLite store."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from newsgraph.store import open_store
from newsgraph.views.web.app import create_app
from tests.views.web.corpus import build_corpus

_FOLDER = tempfile.TemporaryDirectory(prefix="newsgraph-api-")
_STORE = open_store(f"sqlite:///{Path(_FOLDER.name) / 'api.db'}")
build_corpus(_STORE)
APP = create_app(_STORE, api_token="")
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=5000,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_api_answers_match_the_schema(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=CHECKS)

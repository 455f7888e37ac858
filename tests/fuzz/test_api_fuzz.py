"""The web app's query and path parameters under fuzzing, over a small populated SQLite store.

Every GET route (the JSON API's and the HTML pages' routers) is found from the routers, with every query
parameter it reads (its dependencies' too), so a new route or filter is fuzzed without a change
here. The rule: no answer is a server error; the API answers JSON; a page never shows a query
value as live markup.
"""

from __future__ import annotations

import functools
import json
import tempfile
from dataclasses import astuple
from pathlib import Path
from typing import Any
from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.cases import FUZZ, NEWS_WORDS

MARKUP = "<img src=x onerror=ngfuzz()>"
HOSTILE_VALUES = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "99999999999999999999999",
    "NaN",
    "true",
    "2025-04-28",
    "2025-13-45",
    "0000-00-00",
    "9999-12-31T25:61:61Z",
    "PERSON",
    "person",
    "KILLED",
    "assert",
    "deny",
    '"',
    "'",
    "*",
    "-",
    "NEAR(a b",
    "a AND OR",
    "title:x",
    "'; DROP TABLE articles;--",
    "%00",
    "\x00",
    "\ud800",
    "../../etc/passwd",
    MARKUP,
    "x" * 600,
]


@functools.cache
def client() -> Any:
    """A test client over the app and a store with the web tests' corpus, built once."""
    from fastapi.testclient import TestClient

    from newsgraph.store import open_store
    from newsgraph.views.web.app import create_app
    from tests.views.web.corpus import build_corpus

    folder = tempfile.mkdtemp(prefix="newsgraph-api-fuzz-")
    store = open_store(f"sqlite:///{Path(folder) / 'api.db'}")
    corpus = build_corpus(store)
    client = TestClient(create_app(store, api_token=""), raise_server_exceptions=False)
    client.known_ids = [v for v in astuple(corpus) if isinstance(v, str)]  # type: ignore[attr-defined]
    return client


@functools.cache
def routes() -> list[tuple[str, list[str], list[str]]]:
    """(path, path parameter names, query parameter names) of every GET route."""
    from fastapi.routing import APIRoute

    def params(dependant: Any, kind: str) -> set[str]:
        names = {p.alias for p in getattr(dependant, kind)}
        for inner in dependant.dependencies:
            names |= params(inner, kind)
        return names

    from newsgraph.views.web import api, pages

    found = []
    for route in [*api.router.routes, *pages.router.routes]:
        if isinstance(route, APIRoute) and "GET" in route.methods:
            path_names = sorted(params(route.dependant, "path_params"))
            found.append((route.path, path_names, sorted(params(route.dependant, "query_params"))))
    return sorted(found)


def values() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(HOSTILE_VALUES),
        st.sampled_from(NEWS_WORDS),
        st.integers(-(10**12), 10**12).map(str),
        st.text(max_size=40),
    )


@st.composite
def requests(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    """A GET request: a route, its path filled, some of its query parameters, maybe a stray."""
    path, path_params, query_params = draw(st.sampled_from(routes()))
    for name in path_params:
        known: list[str] = client().known_ids
        value = draw(st.one_of(st.sampled_from(known), values()))
        path = path.replace("{" + name + "}", quote(value, safe="") or "x")
    chosen = draw(st.lists(st.sampled_from(query_params), unique=True)) if query_params else []
    query = {name: draw(values()) for name in chosen}
    if draw(st.booleans()):
        query[draw(st.sampled_from(["limit", "offset", "bogus", "q"]))] = draw(values())
    return path, query


@FUZZ
@given(request=requests())
def test_no_parameter_makes_a_server_error(request: tuple[str, dict[str, str]]) -> None:
    path, query = request
    safe = {k: v.encode("utf-8", "replace").decode("utf-8") for k, v in query.items()}
    response = client().get(path, params=safe)
    assert response.status_code < 500, (path, query, response.status_code, response.text[:500])
    if path.startswith("/api/"):
        json.loads(response.text)
    elif "html" in response.headers.get("content-type", ""):
        assert MARKUP not in response.text, (path, query)

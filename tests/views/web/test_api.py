"""The JSON API on both stores: SPEC field names, filters, pagination, errors, the token gate."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from newsgraph.records import EntityType, FactStatus, QuantityKind, RewriteKind, Stance
from newsgraph.store import open_store
from newsgraph.views.web.app import create_app
from newsgraph.views.web.models import ErrorOut
from newsgraph.views.web.params import allowed_values
from tests.views.test_export import SPEC_FIELDS
from tests.views.web.corpus import Corpus, build_corpus

Client = tuple[TestClient, Corpus]


@pytest.mark.parametrize(
    ("path", "table"),
    [
        ("/api/articles", "articles"),
        ("/api/entities", "entities"),
        ("/api/claims", "claims"),
        ("/api/quantities", "quantities"),
        ("/api/events", "events"),
        ("/api/stories", "stories"),
        ("/api/rewrites", "rewrites"),
        ("/api/facts", "facts"),
    ],
)
def test_lists_serve_spec_records(corpus_client: Client, path: str, table: str) -> None:
    client, _ = corpus_client
    body = client.get(path).json()
    assert body["total"] == len(body["items"]) > 0
    for item in body["items"]:
        assert SPEC_FIELDS[table] <= set(item), f"{table} lacks {SPEC_FIELDS[table] - set(item)}"


def test_filters_and_pagination(corpus_client: Client) -> None:
    client, c = corpus_client
    page = client.get("/api/articles", params={"limit": 2, "offset": 1}).json()
    assert (page["total"], page["limit"], page["offset"], len(page["items"])) == (5, 2, 1, 2)
    in_story = client.get("/api/articles", params={"story_id": c.other_story}).json()
    assert [a["id"] for a in in_story["items"]] == [c.other]
    kills = client.get("/api/articles", params={"kind": "KILL"}).json()
    assert [a["id"] for a in kills["items"]] == [c.other]
    by_outlet = client.get("/api/articles", params={"outlet": "kyivpost.example"}).json()
    assert [a["id"] for a in by_outlet["items"]] == [c.kyiv]
    may = client.get("/api/articles", params={"since": "2025-04-29", "until": "2025-05-02"}).json()
    assert {a["id"] for a in may["items"]} == {c.copy, c.kyiv}
    naming = client.get("/api/articles", params={"entity_id": c.entity}).json()
    assert c.other not in {a["id"] for a in naming["items"]} and naming["total"] == 4
    contested = client.get("/api/facts", params={"status": "contested"}).json()["items"]
    assert [f["id"] for f in contested] == ["f1"]
    assert [s["value"] for s in contested[0]["history"]] == [12000.0, 10000.0]
    copies = client.get("/api/rewrites", params={"article_id": c.first}).json()["items"]
    assert copies == [
        {"article_id": c.copy, "source_article_id": c.first, "kind": "copy", "similarity": 0.98}
    ]
    (story,) = client.get("/api/stories", params={"offset": 0, "limit": 1}).json()["items"]
    assert story["id"] == c.story and story["article_count"] == 4 and story["source_count"] == 4
    assert client.get(f"/api/stories/{c.story}").json()["article_ids"] == [
        c.first,
        c.copy,
        c.kyiv,
        c.hostile,
    ]


def test_search_api_tolerates_any_input(corpus_client: Client) -> None:
    client, c = corpus_client
    hits = client.get("/api/search", params={"q": "Kursk soldiers"}).json()
    assert [h["article_id"] for h in hits["items"]] == [c.kyiv]
    (hit,) = hits["items"]
    assert [hit["snippet"][s:e].lower() for s, e in hit["marks"]] == ["soldiers", "kursk"]
    for nasty in ['"', "NEAR(a b", "a AND OR", "title:x", "*", "-", "'; DROP TABLE articles;--"]:
        response = client.get("/api/search", params={"q": nasty})
        assert response.status_code in (200, 422), nasty
        if response.status_code == 422:  # nothing to find in it: said so, about q
            assert [e["parameter"] for e in response.json()["errors"]] == ["q"], nasty
    assert client.get("/api/articles").json()["total"] == 5
    in_story = client.get("/api/search", params={"q": "soldiers", "story_id": c.other_story})
    assert in_story.json()["total"] == 0


def test_errors_are_json_with_a_code(corpus_client: Client) -> None:
    client, _ = corpus_client
    missing = client.get("/api/articles/nope")
    assert missing.status_code == 404 and missing.json()["code"] == "E101"
    assert client.get("/api/stories/nope").status_code == 404
    assert client.get("/api/articles", params={"since": "last week"}).status_code == 422
    assert client.get("/api/articles", params={"limit": 0}).status_code == 422


def test_openapi_schema_names_the_spec_fields(corpus_client: Client) -> None:
    client, _ = corpus_client
    schema = client.get("/api/openapi.json").json()
    for path in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/entities",
        "/api/claims",
        "/api/quantities",
        "/api/events",
        "/api/rewrites",
        "/api/facts",
        "/api/search",
    ):
        assert path in schema["paths"], path
    assert "/api/ingest" not in schema["paths"]
    assert set(schema["components"]["schemas"]["FactOut"]["properties"]) >= SPEC_FIELDS["facts"]
    docs = client.get("/docs")  # our own page, not FastAPI's CDN-backed one
    assert docs.status_code == 200 and 'href="/api/openapi.json"' in docs.text


def test_read_only_without_a_token(corpus_client: Client) -> None:
    client, _ = corpus_client
    response = client.post("/api/ingest", content=b'{"text": "x"}')
    assert response.status_code in (404, 405)
    assert client.get("/api/articles").json()["total"] == 5


def test_ingest_needs_the_token(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NEWSGRAPH_API_TOKEN", "s3cret-token")
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    with TestClient(create_app(store)) as client:
        record = b'{"id": "wire-9", "text": "Officials said 500 soldiers were sent to Kursk."}\n'
        assert client.post("/api/ingest", content=record).status_code == 401
        wrong = {"Authorization": "Bearer s3cret-tokeN"}
        assert client.post("/api/ingest", content=record, headers=wrong).status_code == 401
        assert store.counts()["articles"] == 0
        right = {"Authorization": "Bearer s3cret-token"}
        # link=false: this test is about the gate and the write, not the linker
        response = client.post("/api/ingest?link=false", content=record, headers=right)
        assert response.status_code == 200, response.text
        assert response.json()["stored"] == 1
        (article,) = client.get("/api/articles").json()["items"]
        assert article["source_id"] == "wire-9"
    store.close()


def test_security_headers_on_every_response(corpus_client: Client) -> None:
    client, c = corpus_client
    for path in ("/", f"/articles/{c.hostile}", "/api/articles", "/static/style.css", "/nope"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp, path
        assert headers["x-content-type-options"] == "nosniff"


def test_app_opens_a_store_url(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 's.db'}"
    build_corpus(open_store(url))
    with TestClient(create_app(url)) as client:
        assert client.get("/api/stories").json()["total"] == 2


CLOSED_SETS = [
    ("/api/facts", "status", FactStatus),
    ("/api/facts", "kind", QuantityKind),
    ("/api/claims", "stance", Stance),
    ("/api/entities", "type", EntityType),
    ("/api/quantities", "kind", QuantityKind),
    ("/api/articles", "kind", QuantityKind),
    ("/api/search", "kind", QuantityKind),
    ("/api/rewrites", "kind", RewriteKind),
]


@pytest.mark.parametrize(("path", "parameter", "literal"), CLOSED_SETS)
def test_a_value_outside_a_closed_set_is_refused_with_the_allowed_values(
    corpus_client: Client, path: str, parameter: str, literal: object
) -> None:
    client, _ = corpus_client
    response = client.get(path, params={parameter: "bogus", "q": "soldiers"})
    assert response.status_code == 422, response.text
    body = response.json()
    assert set(body) == {"code", "detail", "errors"} and body["code"] == "E102"
    (error,) = body["errors"]
    allowed = list(allowed_values(literal))
    assert error["parameter"] == parameter and error["allowed"] == allowed
    assert parameter in body["detail"] and ", ".join(allowed) in body["detail"]
    # the schema lists the same values
    schema = client.get("/api/openapi.json").json()["paths"][path]["get"]["parameters"]
    (declared,) = [p for p in schema if p["name"] == parameter]
    assert [o["enum"] for o in declared["schema"]["anyOf"] if "enum" in o] == [allowed]


def test_kinds_and_types_in_any_case_and_empty_means_any(corpus_client: Client) -> None:
    client, c = corpus_client
    upper = client.get("/api/quantities", params={"kind": "KILL"}).json()
    assert upper["total"] == 1
    assert client.get("/api/quantities", params={"kind": "kill"}).json() == upper
    kills = client.get("/api/articles", params={"kind": "Kill"}).json()["items"]
    assert [a["id"] for a in kills] == [c.other]
    gpe = client.get("/api/entities", params={"type": "GPE"}).json()
    assert gpe["total"] > 0 and client.get("/api/entities", params={"type": "gpe"}).json() == gpe
    assert client.get("/api/entities", params={"type": "human"}).status_code == 422
    # stances and statuses are lower-case words: another case is a mistake worth naming
    assert client.get("/api/claims", params={"stance": "DENY"}).status_code == 422
    assert client.get("/api/facts", params={"status": ""}).json()["total"] == 2


def test_api_index_lists_every_endpoint(corpus_client: Client) -> None:
    client, _ = corpus_client
    index = client.get("/api/")
    assert index.status_code == 200
    body = index.json()
    assert body["openapi"] == "/api/openapi.json" and body["docs"] == "/docs"
    listed = {(e["method"], e["path"]) for e in body["endpoints"]}
    schema = client.get("/api/openapi.json").json()["paths"]
    assert listed == {(m.upper(), p) for p, ops in schema.items() for m in ops}
    facts = next(e for e in body["endpoints"] if e["path"] == "/api/facts")
    status = next(p for p in facts["parameters"] if p["name"] == "status")
    assert status["allowed"] == list(allowed_values(FactStatus))
    assert all(e["summary"] for e in body["endpoints"])


def test_docs_page_needs_nothing_but_the_server(corpus_client: Client) -> None:
    client, _ = corpus_client
    docs = client.get("/docs")
    assert docs.status_code == 200 and docs.headers["content-type"].startswith("text/html")
    html = docs.text
    assert "/api/facts" in html and "corroborated, single_source, contested, superseded" in html
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', html)  # nothing from elsewhere
    assert re.findall(r"<script\b[^>]*>", html) == ['<script src="/static/app.js" defer>']
    assert "<style" not in html and " style=" not in html  # the CSP refuses inline style


@pytest.mark.parametrize(
    "path", ["/", "/stories/s1", "/search?q=soldiers", "/docs", "/api/", "/api/articles"]
)
def test_head_answers_like_get_without_a_body(corpus_client: Client, path: str) -> None:
    client, _ = corpus_client
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == str(len(got.content))
    assert head.headers["content-type"] == got.headers["content-type"]
    assert "script-src 'self'" in head.headers["content-security-policy"]


def test_one_error_shape_for_every_api_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    build_corpus(store)
    with TestClient(create_app(store, api_token="t0ken")) as client:
        answers = {
            "missing record": client.get("/api/articles/nope"),
            "missing endpoint": client.get("/api/nope"),
            "bad value": client.get("/api/facts", params={"status": "bogus"}),
            "bad date": client.get("/api/articles", params={"since": "notadate"}),
            "bad page": client.get("/api/articles", params={"limit": 0}),
            "wrong method": client.post("/api/articles"),
            "no token": client.post("/api/ingest", content=b"{}"),
        }
        statuses = {name: r.status_code for name, r in answers.items()}
        assert statuses == {
            "missing record": 404,
            "missing endpoint": 404,
            "bad value": 422,
            "bad date": 422,
            "bad page": 422,
            "wrong method": 405,
            "no token": 401,
        }
        for name, response in answers.items():
            body = response.json()
            ErrorOut.model_validate(body)
            assert set(body) == {"code", "detail", "errors"}, name
            assert body["detail"].startswith(f"[{body['code']}] "), name
        assert answers["no token"].headers["www-authenticate"] == "Bearer"
        (since,) = answers["bad date"].json()["errors"]
        assert since["parameter"] == "since" and "YYYY-MM-DD" in since["message"]
    store.close()


@pytest.mark.parametrize("query", [None, "", "a", "the", "-soldiers", "*"])
def test_search_with_nothing_to_find_is_a_422_not_every_article(
    corpus_client: Client, query: str | None
) -> None:
    client, _ = corpus_client
    response = client.get("/api/search", params={} if query is None else {"q": query})
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["code"] == "E102" and [e["parameter"] for e in body["errors"]] == ["q"]


def test_search_operators_and_display_titles_over_the_api(corpus_client: Client) -> None:
    client, c = corpus_client
    found = client.get("/api/search", params={"q": "kursk OR earthquake"}).json()["items"]
    assert {h["article_id"] for h in found} == {c.kyiv, c.other}
    left = client.get("/api/search", params={"q": "soldiers -kursk"}).json()["items"]
    assert c.kyiv not in {h["article_id"] for h in left} and left
    (hit,) = client.get("/api/search", params={"q": '"kyiv counts"'}).json()["items"]
    assert (
        hit["display_title"] == hit["title"] == "Kyiv counts 12,000 North Korean soldiers in Kursk"
    )


def test_facts_about_a_question_best_first(corpus_client) -> None:  # type: ignore[no-untyped-def]
    client, _ = corpus_client
    sent = client.get("/api/facts", params={"about": "how many troops were sent"}).json()
    assert [f["id"] for f in sent["items"]][:1] == ["f1"] and sent["total"] >= 1
    killed = client.get("/api/facts", params={"about": "people killed"}).json()
    assert killed["items"][0]["id"] == "f2"
    only = client.get("/api/facts", params={"about": "soldiers", "status": "contested"}).json()
    assert {f["status"] for f in only["items"]} == {"contested"}
    assert client.get("/api/facts", params={"about": "weather tomorrow"}).json()["total"] == 0

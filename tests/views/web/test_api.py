"""The JSON API on both stores: SPEC field names, filters, pagination, errors, the token gate."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsgraph.store import open_store
from newsgraph.views.web.app import create_app
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
        assert response.status_code == 200, nasty
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
    assert client.get("/docs").status_code == 404  # the CDN-backed docs are off


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

"""The JSON API under /api: SPEC.md's records with filters and pagination, read-only.

`POST /api/ingest` is on a separate router that the app mounts only when a token is configured.
"""

from __future__ import annotations

import hmac
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from newsgraph.store import Store
from newsgraph.store import queries as q
from newsgraph.store.search import search
from newsgraph.views.web.models import (
    ApiIndexOut,
    ArticleOut,
    ClaimOut,
    EndpointOut,
    EntityOut,
    ErrorOut,
    EventOut,
    FactOut,
    IngestOut,
    PageOut,
    ParameterOut,
    QuantityOut,
    RewriteOut,
    SearchHitOut,
    StoryOut,
)
from newsgraph.views.web.params import (
    ActionQuery,
    Day,
    EntityTypeQuery,
    FactStatusQuery,
    QuantityKindQuery,
    RewriteKindQuery,
    StanceQuery,
)

router = APIRouter(
    prefix="/api",
    tags=["records"],
    responses={
        400: {"model": ErrorOut, "description": "A filter value the store cannot use."},
        422: {"model": ErrorOut, "description": "A parameter that is not valid, and why."},
    },
)
ingest_router = APIRouter(prefix="/api", tags=["ingest"])


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(store_of)]
Limit = Annotated[int, Query(ge=1, le=q.MAX_LIMIT, description="Items per page.")]
# bounded so a huge offset is a 422, not an integer overflow in the database driver (a 500)
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="Items to skip.")]
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "No record with that id."}
}


FACT_SEARCH_LIMIT = 1000  # the most facts one question ranks


def _page(page: q.Page[Any], model: Any) -> dict[str, Any]:
    return {
        "items": [model.model_validate(item) for item in page.items],
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
    }


def article_filter(
    story_id: str | None = None,
    entity_id: str | None = None,
    kind: QuantityKindQuery = None,
    outlet: str | None = None,
    since: Day = None,
    until: Day = None,
) -> q.ArticleFilter:
    return q.ArticleFilter(
        story_id or None,
        entity_id or None,
        kind or None,
        outlet or None,
        since or None,
        until or None,
    )


FilterDep = Annotated[q.ArticleFilter, Depends(article_filter)]


@router.get("/", response_model=ApiIndexOut)
def index(request: Request) -> Any:
    """This index: every endpoint of the API with what it serves, and where the schema is."""
    return ApiIndexOut(
        name="newsgraph",
        version=request.app.version,
        openapi="/api/openapi.json",
        docs="/docs",
        endpoints=endpoints(request.app),
    )


def endpoints(app: Any) -> list[EndpointOut]:
    """The API's operations as its OpenAPI schema lists them, with their parameters."""
    found = []
    for path, methods in app.openapi().get("paths", {}).items():
        for method, operation in methods.items():
            text = (operation.get("description") or operation.get("summary") or "").strip()
            found.append(
                EndpointOut(
                    path=path,
                    method=method.upper(),
                    summary=text.split("\n")[0],
                    parameters=[_parameter(p) for p in operation.get("parameters", [])],
                )
            )
    return found


def _parameter(schema: dict[str, Any]) -> ParameterOut:
    allowed = None
    inner = schema.get("schema", {})
    for option in [inner, *inner.get("anyOf", [])]:
        if "enum" in option:
            allowed = [str(v) for v in option["enum"]]
    return ParameterOut(
        name=schema["name"],
        location=schema.get("in", "query"),
        required=bool(schema.get("required", False)),
        description=str(schema.get("description", "")),
        allowed=allowed,
    )


@router.get("/articles", response_model=PageOut[ArticleOut])
def articles(store: StoreDep, where: FilterDep, limit: Limit = 50, offset: Offset = 0) -> Any:
    """Articles, newest first, filtered by story, entity, quantity kind, outlet and date."""
    return _page(q.list_articles(store, where, limit=limit, offset=offset), ArticleOut)


@router.get("/articles/{article_id}", response_model=ArticleOut, responses=NOT_FOUND)
def article(store: StoreDep, article_id: str) -> Any:
    """One article by id."""
    return ArticleOut.model_validate(q.get_article(store, article_id))


@router.get("/stories", response_model=PageOut[StoryOut])
def stories(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> Any:
    """Stories, the most covered first, with their article ids and counts."""
    page = q.list_stories(store, limit=limit, offset=offset)
    members = q.story_members(store, [s.id for s in page.items])
    items = [
        StoryOut(
            id=s.id,
            label=s.label,
            article_ids=members.get(s.id, []),
            first_seen=s.first_seen,
            last_seen=s.last_seen,
            article_count=s.article_count,
            source_count=s.source_count,
        )
        for s in page.items
    ]
    return {"items": items, "total": page.total, "limit": page.limit, "offset": page.offset}


@router.get("/stories/{story_id}", response_model=StoryOut, responses=NOT_FOUND)
def story(store: StoreDep, story_id: str) -> Any:
    """One story by id, with its article ids and counts."""
    found = q.get_story(store, story_id)
    summary = q.story_summaries(store, [story_id]).get(story_id)
    return StoryOut(
        id=found.id,
        label=found.label,
        article_ids=found.article_ids,
        first_seen=found.first_seen,
        last_seen=found.last_seen,
        article_count=summary.article_count if summary else 0,
        source_count=summary.source_count if summary else 0,
    )


@router.get("/entities", response_model=PageOut[EntityOut])
def entities(
    store: StoreDep,
    name: Annotated[str | None, Query(description="Part of the canonical name.")] = None,
    type: EntityTypeQuery = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """Entities, the most mentioned first, by part of the name and by type."""
    return _page(
        q.list_entities(store, name=name, type_=type, limit=limit, offset=offset), EntityOut
    )


@router.get("/entities/{entity_id}", response_model=EntityOut, responses=NOT_FOUND)
def entity(store: StoreDep, entity_id: str) -> Any:
    """One entity by id."""
    return EntityOut.model_validate(q.get_entity(store, entity_id))


@router.get("/claims", response_model=PageOut[ClaimOut])
def claims(
    store: StoreDep,
    article_id: str | None = None,
    story_id: str | None = None,
    speaker_entity_id: str | None = None,
    stance: StanceQuery = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """Claims, filtered by article, story, speaker entity and stance."""
    page = q.list_claims(
        store,
        article_id=article_id,
        story_id=story_id,
        speaker_entity_id=speaker_entity_id,
        stance=stance,
        limit=limit,
        offset=offset,
    )
    return _page(page, ClaimOut)


@router.get("/quantities", response_model=PageOut[QuantityOut])
def quantities(
    store: StoreDep,
    article_id: str | None = None,
    story_id: str | None = None,
    kind: QuantityKindQuery = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """Quantities, filtered by article, story and kind."""
    page = q.list_quantities(
        store, article_id=article_id, story_id=story_id, kind=kind, limit=limit, offset=offset
    )
    return _page(page, QuantityOut)


@router.get("/events", response_model=PageOut[EventOut])
def events(
    store: StoreDep,
    article_id: str | None = None,
    story_id: str | None = None,
    action: ActionQuery = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """Events, filtered by article, story and action."""
    page = q.list_events(
        store, article_id=article_id, story_id=story_id, action=action, limit=limit, offset=offset
    )
    return _page(page, EventOut)


@router.get("/rewrites", response_model=PageOut[RewriteOut])
def rewrites(
    store: StoreDep,
    article_id: Annotated[str | None, Query(description="Either end of the relation.")] = None,
    kind: RewriteKindQuery = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """Copy and rewrite relations, filtered by either article and by kind."""
    page = q.list_rewrites(store, article_id=article_id, kind=kind, limit=limit, offset=offset)
    return _page(page, RewriteOut)


@router.get("/facts", response_model=PageOut[FactOut])
def facts(
    store: StoreDep,
    story_id: str | None = None,
    status: FactStatusQuery = None,
    kind: QuantityKindQuery = None,
    about: Annotated[
        str | None,
        Query(
            max_length=500,
            description="A question in plain words ('soldiers killed'): facts that fit it, "
            "best first.",
        ),
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """Facts with their statements and status, filtered by story, status and kind; with
    `about`, ranked by how well they answer the question."""
    if about is not None:
        from newsgraph.store.factsearch import search_facts

        found = [
            h.fact
            for h in search_facts(store, about, story_id=story_id, limit=FACT_SEARCH_LIMIT)
            if (status is None or h.fact.status == status) and (kind is None or h.fact.kind == kind)
        ]
        ranked = q.Page(found[offset : offset + limit], len(found), limit, offset)
        return _page(ranked, FactOut)
    page = q.list_facts(
        store, story_id=story_id, status=status, kind=kind, limit=limit, offset=offset
    )
    return _page(page, FactOut)


@router.get("/search", response_model=PageOut[SearchHitOut])
def search_articles(
    store: StoreDep,
    where: FilterDep,
    q_: Annotated[str, Query(alias="q", max_length=500, description="Words to find.")] = "",
    limit: Limit = 20,
    offset: Offset = 0,
) -> Any:
    """Full-text search over titles and texts, best match first, with the article filters.

    Every word is required; `OR` takes either of two, `-word` leaves out, `word*` matches a
    start, "a phrase" keeps its order. No `q` with a filter lists the filtered articles; a
    query with no word to find (stop words or single letters only, or no filter) is a 422.
    """
    return _page(search(store, q_, where, limit=limit, offset=offset), SearchHitOut)


def require_token(request: Request) -> None:
    """A bearer token compared in constant time; without a configured token the route is absent."""
    expected: str | None = request.app.state.api_token
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if (
        not expected
        or scheme.lower() != "bearer"
        or not hmac.compare_digest(value.encode("utf-8"), expected.encode("utf-8"))
    ):
        raise HTTPException(
            401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"}
        )


@ingest_router.post(
    "/ingest", response_model=IngestOut, dependencies=[Depends(require_token)], status_code=200
)
async def ingest_records(
    request: Request,
    link: Annotated[bool, Query(description="Link the new articles afterwards.")] = True,
) -> Any:
    """Ingest JSONL records (`{"id","url","text" or "html","published","title","outlet"}`).

    The body goes through the same reader, pipeline and transactional writes as
    `newsgraph ingest`, then the new articles are linked (unless `link=false`).
    """
    from starlette.concurrency import run_in_threadpool

    settings = request.app.state.settings
    body = await request.body()
    if len(body) > settings.max_bytes:
        raise HTTPException(413, f"the body is larger than {settings.max_bytes} bytes")
    return await run_in_threadpool(_ingest_body, request.app.state.store, settings, body, link)


def _ingest_body(store: Store, settings: Any, body: bytes, do_link: bool) -> IngestOut:
    from newsgraph.ingest import ingest
    from newsgraph.link import link

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "api.jsonl"
        path.write_bytes(body)
        summary = ingest([str(path)], store, settings)
    if do_link and summary.stored:
        link(store)
    return IngestOut(
        stored=summary.stored,
        skipped=summary.skipped,
        failed=[str(e).replace(str(path), "body") for e in summary.failed],
        stored_ids=summary.stored_ids,
    )

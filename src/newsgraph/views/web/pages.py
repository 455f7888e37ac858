"""The HTML pages: stories, story dossier, article, entity and search.

Each route reads one composite view from `newsgraph.store.queries` (or `search`), arranges it for
its template and renders; no query logic lives here.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from newsgraph.records import QuantityKind
from newsgraph.store import queries as q
from newsgraph.store.changes import changes_since
from newsgraph.store.search import NothingToSearch, search
from newsgraph.views.changes import change_lines, changes_feed
from newsgraph.views.charts import draw_sparkline
from newsgraph.views.dossier import story_answer
from newsgraph.views.report import anchor, segment, sentence_around
from newsgraph.views.web.api import StoreDep, article_filter, endpoints
from newsgraph.views.web.params import allowed_values
from newsgraph.views.web.render import render

router = APIRouter(include_in_schema=False)
QUANTITY_KINDS = allowed_values(QuantityKind)
PAGE = 50


def _html(request: Request, name: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(render(request, name, context))


@router.get("/", response_class=HTMLResponse)
def stories_page(
    request: Request, store: StoreDep, offset: Annotated[int, Query(ge=0)] = 0
) -> HTMLResponse:
    page = q.list_stories(store, limit=PAGE, offset=offset)
    rows = [(s, draw_sparkline(s.coverage)) for s in page.items]
    return _html(request, "stories.html", page=page, rows=rows, counts=store.counts())


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(
    request: Request, store: StoreDep, story_id: str, since: str | None = None
) -> HTMLResponse:
    answer = story_answer(store, story_id)
    changes = changes_since(store, since, story_id=story_id) if since else None
    return _html(
        request,
        "story.html",
        d=answer.dossier,
        a=answer,
        coverage=draw_sparkline(answer.dossier.summary.coverage, width=320, height=40),
        changes=changes,
        change_lines=change_lines(changes) if changes is not None else [],
    )


@router.get("/stories/{story_id}/changes.atom")
def story_changes_feed(
    request: Request, store: StoreDep, story_id: str, since: str | None = None
) -> Response:
    """What the story gained since a date (default: its first day), as an Atom feed."""
    story = q.get_story(store, story_id)
    changes = changes_since(store, since or story.first_seen or "1970-01-01", story_id=story_id)
    body = changes_feed(
        changes,
        title=story.label,
        base_url=str(request.base_url).rstrip("/"),
        updated=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        feed_path=f"/stories/{story_id}/changes.atom",
    )
    return Response(body, media_type="application/atom+xml")


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, store: StoreDep, article_id: str) -> HTMLResponse:
    detail = q.article_detail(store, article_id)
    a = detail.article
    spans = [(m.start, m.end, "ent", anchor("m", str(m.start))) for m in detail.mentions]
    spans += [(c.start, c.end, "claim", anchor("c", c.id)) for c in detail.claims]
    spans += [(x.start, x.end, "qty", anchor("q", x.id)) for x in detail.quantities]
    entities: dict[str, tuple[str, str, int]] = {}
    for m in detail.mentions:
        if m.entity_id:
            name, type_, n = entities.get(m.entity_id, (m.name, m.type, 0))
            entities[m.entity_id] = (name, type_, n + 1)
    return _html(
        request,
        "article.html",
        d=detail,
        a=a,
        segments=segment(a.text, spans),
        entities=sorted(entities.items(), key=lambda e: (-e[1][2], e[1][0])),
        sentences={x.id: sentence_around(a.text, x.start, x.end) for x in detail.quantities},
        names=store.entity_names(
            v for e in detail.events for v in (e.actor, e.target, e.place) if v
        ),
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, store: StoreDep, entity_id: str) -> HTMLResponse:
    detail = q.entity_detail(store, entity_id)
    return _html(
        request,
        "entity.html",
        d=detail,
        coverage=draw_sparkline(detail.mentions_per_day, width=320, height=40),
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    store: StoreDep,
    where: Annotated[q.ArticleFilter, Depends(article_filter)],
    q_: Annotated[str, Query(alias="q", max_length=500)] = "",
    offset: Annotated[int, Query(ge=0)] = 0,
    tab: Literal["articles", "facts"] = "articles",
) -> HTMLResponse:
    if tab == "facts":
        from newsgraph.store.factsearch import search_facts
        from newsgraph.views.dossier import figure_name

        found = search_facts(store, q_, story_id=where.story_id, limit=50) if q_.strip() else []
        return _html(
            request,
            "search.html",
            tab="facts",
            facts=[(h.fact, figure_name(h.fact)) for h in found],
            page=q.Page([], 0, 20, 0),
            hits=[],
            params={"q": q_, "story_id": where.story_id, "tab": "facts"},
            stories=q.list_stories(store, limit=q.MAX_LIMIT).items,
            kinds=QUANTITY_KINDS,
            notice="" if q_.strip() else "Ask in plain words, e.g. soldiers killed.",
        )
    notice = ""
    try:
        page = search(store, q_, where, limit=20, offset=offset)
    except NothingToSearch as exc:  # the form stays, with the reason instead of every article
        page = q.Page([], 0, 20, offset)
        notice = f"{exc.message.capitalize()}: {exc.hint}." if q_.strip() else "Type words to find."
    hits = [(h, segment(h.snippet, [(s, e, "mark", "") for s, e in h.marks])) for h in page.items]
    params = {
        "q": q_,
        "story_id": where.story_id,
        "entity_id": where.entity_id,
        "kind": where.kind,
        "outlet": where.outlet,
        "since": where.since,
        "until": where.until,
    }
    return _html(
        request,
        "search.html",
        page=page,
        hits=hits,
        params=params,
        stories=q.list_stories(store, limit=q.MAX_LIMIT).items,
        kinds=QUANTITY_KINDS,
        notice=notice,
        tab="articles",
        facts=[],
    )


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    """The API's endpoints and parameters, read from its OpenAPI schema, as a plain page.

    FastAPI's interactive docs load their scripts from a CDN, which the CSP (and an offline
    machine) refuses; this page needs nothing but the server.
    """
    return _html(
        request, "docs.html", endpoints=endpoints(request.app), info=request.app.openapi()["info"]
    )

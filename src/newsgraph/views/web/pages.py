"""The HTML pages: stories, story dossier, article, entity and search.

Each route reads one composite view from `newsgraph.store.queries` (or `search`), arranges it for
its template and renders; no query logic lives here.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from newsgraph.records import Claim, Quantity, QuantityKind, Statement
from newsgraph.store import queries as q
from newsgraph.store.search import NothingToSearch, search
from newsgraph.views.charts import draw_sparkline, draw_timeline
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


def _target(s: Statement) -> str:
    if s.quantity_id:
        return anchor("q", s.quantity_id)
    return anchor("c", s.claim_id) if s.claim_id else ""


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, store: StoreDep, story_id: str) -> HTMLResponse:
    dossier = q.story_dossier(store, story_id)
    by_id = {a.id: a for a in dossier.articles}
    dates = {a.id: a.published for a in dossier.articles}
    spans: dict[str, Quantity | Claim] = {x.id: x for x in dossier.quantities}
    spans.update({c.id: c for c in dossier.claims})

    def sentence(s: Statement) -> str:
        record = spans.get(s.quantity_id or s.claim_id or "")
        article = by_id.get(s.article_id)
        if record is None or article is None:
            return ""
        return sentence_around(article.text, record.start, record.end)

    facts = [(f, draw_timeline(f.history, dates)) for f in dossier.facts]
    contested = [
        (f, [(s, sentence(s)) for s in f.statements])
        for f in dossier.facts
        if f.status == "contested"
    ]
    history = {f.id: [(s, sentence(s), _target(s)) for s in f.history] for f in dossier.facts}
    statuses: dict[str, int] = defaultdict(int)
    for f in dossier.facts:
        statuses[f.status] += 1
    return _html(
        request,
        "story.html",
        d=dossier,
        coverage=draw_sparkline(dossier.summary.coverage, width=320, height=40),
        facts=facts,
        history=history,
        contested=contested,
        statuses=dict(statuses),
        titles={a.id: q.article_title(a) for a in dossier.articles},
        denials=[
            (c, sentence_around(by_id[c.article_id].text, c.start, c.end))
            for c in dossier.denials
            if c.article_id in by_id
        ],
    )


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
) -> HTMLResponse:
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

"""The web UI and JSON API: `create_app(store)` builds the FastAPI application.

Read-only unless a token is configured: `POST /api/ingest` exists only when
NEWSGRAPH_API_TOKEN (or `api_token=`) is set. Scraped text is hostile, so every response carries
a strict Content-Security-Policy (scripts from this server only, no inline script or style) and
templates autoescape everything.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from newsgraph import __version__
from newsgraph.config import Settings
from newsgraph.errors import NewsgraphError, NotFound
from newsgraph.store import Store, open_store
from newsgraph.store.queries import BadQuery
from newsgraph.views.web import api, pages
from newsgraph.views.web.render import render

STATIC = Path(__file__).parent / "static"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def create_app(
    store: Store | str,
    *,
    api_token: str | None = None,
    settings: Settings | None = None,
) -> FastAPI:
    """The application over `store` (a Store or a SQLAlchemy URL).

    `api_token` defaults to the setting (NEWSGRAPH_API_TOKEN); without one the app is read-only.
    """
    if isinstance(store, str):
        store = open_store(store)
    settings = settings or Settings()
    token = api_token if api_token is not None else settings.api_token or None
    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description="Stories, facts, claims, quantities and sources, as SPEC.md defines them.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the interactive docs load scripts from a CDN; the schema is enough
        redoc_url=None,
    )
    app.state.store = store
    app.state.api_token = token
    app.state.settings = settings
    app.include_router(api.router)
    if token:
        app.include_router(api.ingest_router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.middleware("http")
    async def add_security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    app.add_exception_handler(NotFound, _error_handler(404))
    app.add_exception_handler(BadQuery, _error_handler(400))
    app.add_exception_handler(NewsgraphError, _error_handler(500))
    return app


def _error_handler(status: int) -> Callable[[Request, Exception], Response]:
    """JSON under /api, an HTML page elsewhere; the message names the code and what to do."""

    def handle(request: Request, exc: Exception) -> Response:
        code = getattr(exc, "code", "E000")
        if request.url.path.startswith("/api/"):
            return JSONResponse({"code": code, "detail": str(exc)}, status_code=status)
        html = render(request, "error.html", {"status": status, "message": str(exc)})
        return HTMLResponse(html, status_code=status)

    return handle

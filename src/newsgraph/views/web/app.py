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
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph import __version__
from newsgraph.config import Settings
from newsgraph.errors import NewsgraphError, NotFound
from newsgraph.store import Store, open_store
from newsgraph.store.queries import BadQuery
from newsgraph.store.search import NothingToSearch
from newsgraph.views.web import api, pages
from newsgraph.views.web.models import ErrorOut, ParameterErrorOut
from newsgraph.views.web.params import NOT_ALLOWED
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
        # FastAPI's interactive docs load scripts from a CDN; pages.docs_page serves /docs instead
        docs_url=None,
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

    app.add_exception_handler(NothingToSearch, _nothing_to_search)
    app.add_exception_handler(NotFound, _error_handler(404))
    app.add_exception_handler(BadQuery, _error_handler(400))
    app.add_exception_handler(NewsgraphError, _error_handler(500))
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_middleware(HeadAsGet)
    return app


def _error_handler(status: int) -> Callable[[Request, Exception], Response]:
    """A newsgraph error as the API's error body or an HTML page; it names the code."""

    def handle(request: Request, exc: Exception) -> Response:
        code = getattr(exc, "code", "E000")
        return _error_response(request, status, ErrorOut(code=code, detail=str(exc)))

    return handle


def _invalid_request(request: Request, exc: Exception) -> Response:
    """A parameter FastAPI could not accept: a 422 naming each parameter, the reason, and for
    a closed set the allowed values (the same body shape as every other error)."""
    assert isinstance(exc, RequestValidationError)
    problems = []
    for error in exc.errors():
        location, *rest = [str(part) for part in error.get("loc", ())] or ["request"]
        context = error.get("ctx") or {}
        allowed = context.get("allowed") if error.get("type") == NOT_ALLOWED else None
        problems.append(
            ParameterErrorOut(
                parameter=".".join(rest) or location,
                location=location,
                message=str(error.get("msg", "not valid")),
                allowed=allowed,
            )
        )
    detail = "; ".join(f"{p.parameter}: {p.message}" for p in problems) or "a request not valid"
    body = ErrorOut(code=BadQuery.code, detail=f"[{BadQuery.code}] {detail}", errors=problems)
    return _error_response(request, 422, body)


def _nothing_to_search(request: Request, exc: Exception) -> Response:
    """A search with no word to find is a 422 about `q`, like any parameter not valid."""
    assert isinstance(exc, NothingToSearch)
    problem = ParameterErrorOut(parameter="q", location="query", message=str(exc))
    body = ErrorOut(code=exc.code, detail=str(exc), errors=[problem])
    return _error_response(request, 422, body)


def _http_error(request: Request, exc: Exception) -> Response:
    """404 for a path nobody serves, 401, 405, 413: the same body shape, or an HTML page."""
    assert isinstance(exc, HTTPException)
    code = NotFound.code if exc.status_code == 404 else f"HTTP{exc.status_code}"
    detail = "no page or endpoint at this address" if exc.status_code == 404 else exc.detail
    body = ErrorOut(code=code, detail=f"[{code}] {detail}")
    response = _error_response(request, exc.status_code, body)
    response.headers.update(exc.headers or {})
    return response


def _error_response(request: Request, status: int, body: ErrorOut) -> Response:
    """JSON under /api (ErrorOut), a readable HTML page for a browser everywhere else."""
    if request.url.path == "/api" or request.url.path.startswith("/api/"):
        return JSONResponse(body.model_dump(), status_code=status)
    context = {"status": status, "message": body.detail, "errors": body.errors}
    return HTMLResponse(render(request, "error.html", context), status_code=status)


class HeadAsGet:
    """HEAD answers as GET would, without the body (RFC 9110 9.3.2), on every page and endpoint.

    FastAPI routes declared with GET answer HEAD with 405; monitors and link checkers send HEAD.
    The headers, Content-Length included, are those of the GET.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)

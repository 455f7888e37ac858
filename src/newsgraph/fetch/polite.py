"""Polite HTTP: one request at a time per host with a minimum gap, retries with exponential
backoff on overload (429, 5xx) and network errors, and a cap on the bytes read."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newsgraph.errors import MissingExtra

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

RETRY_STATUSES = {429, 500, 502, 503, 504}


@dataclass(slots=True)
class FetchOptions:
    """How the fetcher behaves; the CLI exposes each field as an option."""

    user_agent: str = "newsgraph/0.1 (+https://pypi.org/project/newsgraph/)"
    delay: float = 1.0  # seconds between two requests to one host (robots Crawl-delay may raise it)
    retries: int = 3
    backoff: float = 1.0  # first retry waits this long, then twice as long each time
    timeout: float = 20.0
    max_retry_after: float = 60.0


@dataclass(slots=True)
class Reply:
    """A response read whole (up to the byte cap), or the reason no usable response came."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    error: str | None = None


def http_status(status: int) -> str:
    """'HTTP 404 Not Found': the status with its standard phrase."""
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def require_httpx() -> Any:
    """httpx, imported when a fetch starts, so `import newsgraph` does not pay for it."""
    try:
        import httpx
    except ImportError as exc:
        raise MissingExtra("fetching needs httpx", hint="pip install httpx") from exc
    return httpx


class HostClock:
    """Per-host rate limit: `wait(host)` sleeps until that host's next request is due."""

    def __init__(self, delay: float, sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay = delay
        self.sleep = sleep
        self.due: dict[str, float] = {}
        self.delays: dict[str, float] = {}

    def wait(self, host: str) -> None:
        now = time.monotonic()
        due = self.due.get(host, now)
        if due > now:
            self.sleep(due - now)
        self.due[host] = max(now, due) + self.delays.get(host, self.delay)

    def slow_down(self, host: str, delay: float) -> None:
        self.delays[host] = max(self.delay, delay)


class PoliteClient:
    """GET with the rate limit, retries and size cap; it never raises for a bad URL or server."""

    def __init__(
        self,
        options: FetchOptions,
        *,
        max_bytes: int,
        client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.options = options
        self.max_bytes = max_bytes
        self.sleep = sleep
        self.clock = HostClock(options.delay, sleep)
        self.http = require_httpx()
        self.client = client or self.http.Client(
            follow_redirects=True,
            timeout=options.timeout,
            headers={"User-Agent": options.user_agent},
        )
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, headers: dict[str, str] | None = None) -> Reply:
        """The final answer for `url` after retries; `error` says why when there is none."""
        host = urlsplit(url).netloc
        attempt = 0
        while True:
            self.clock.wait(host)
            self.requests += 1
            try:
                reply = self._read(url, headers or {})
            except self.http.HTTPError as exc:
                reply = Reply(url, 0, {}, b"", error=self.describe(exc))
            retryable = reply.status in RETRY_STATUSES or (reply.status == 0 and reply.error)
            if not retryable or attempt >= self.options.retries:
                if reply.status >= 400 and reply.error is None:
                    reply.error = http_status(reply.status)
                return reply
            wait = self._backoff(attempt, reply.headers.get("retry-after"))
            log.info("retrying %s in %.1fs (%s)", url, wait, reply.error or reply.status)
            self.sleep(wait)
            attempt += 1

    def describe(self, exc: Exception) -> str:
        """What went wrong, as a person says it: unreachable, timed out, or another network error."""
        reason = (
            re.sub(r"^\[Errno -?\d+\]\s*", "", " ".join(str(exc).split())) or type(exc).__name__
        )
        if isinstance(exc, self.http.TimeoutException):
            return f"timed out after {self.options.timeout:g}s"
        if isinstance(exc, self.http.ConnectError):
            return f"unreachable: {reason}"
        return f"network error: {type(exc).__name__}: {reason}"

    def _read(self, url: str, headers: dict[str, str]) -> Reply:
        with self.client.stream("GET", url, headers=headers) as response:
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    return Reply(
                        str(response.url),
                        response.status_code,
                        dict(response.headers),
                        b"",
                        error=f"more than {self.max_bytes:,} bytes",
                    )
                chunks.append(chunk)
            return Reply(
                str(response.url), response.status_code, dict(response.headers), b"".join(chunks)
            )

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        """Exponential backoff, or the server's Retry-After (in seconds) when it gives one."""
        if retry_after and retry_after.strip().isdigit():
            return min(float(retry_after), self.options.max_retry_after)
        return float(self.options.backoff * (2**attempt))

"""A local news site on 127.0.0.1: real benchmark pages, a feed, a sitemap and a robots.txt,
with ETags, a flaky page (503 then 200), a slow one, and a request log to check what the fetcher
asked. It also answers as an HTTP proxy, so a test can fetch a real domain name from it."""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "shared" / "bench" / "extraction" / "html"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@dataclass
class Site:
    """What the server serves and what it was asked; tests change `feed_items` between runs."""

    pages: dict[str, bytes]
    feed_items: list[str] = field(default_factory=list)
    flaky_failures: int = 1
    slow_seconds: float = 3.0
    log: list[tuple[float, str, dict[str, str]]] = field(default_factory=list)
    base: str = ""

    def url(self, path: str) -> str:
        return self.base + path

    def requests_for(self, path: str) -> list[dict[str, str]]:
        return [headers for _, p, headers in self.log if p == path]

    def feed(self) -> bytes:
        items = "".join(
            f"<item><title>{path}</title><link>{self.base}{path}</link>"
            f"<guid>{self.base}{path}</guid>"
            "<pubDate>Tue, 19 Nov 2019 10:00:00 GMT</pubDate><description>teaser</description>"
            "</item>"
            for path in self.feed_items
        )
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Local wire</title>'
            f"<link>{self.base}/</link>{items}</channel></rss>"
        ).encode()

    def sitemap(self) -> bytes:
        locs = "".join(f"<url><loc>{self.base}/news/{n}.html</loc></url>" for n in ("c", "a"))
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
        ).encode()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path.startswith("http://"):  # asked as an HTTP proxy: serve any host
                self.path = "/" + self.path.split("/", 3)[-1]
            site.log.append((time.monotonic(), self.path, dict(self.headers)))
            if self.path == "/robots.txt":
                self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
            elif self.path == "/feed.xml":
                self._send(200, site.feed(), "application/rss+xml", validate=True)
            elif self.path == "/sitemap.xml":
                self._send(200, site.sitemap(), "application/xml", validate=True)
            elif self.path == "/flaky.html":
                if site.flaky_failures > 0:
                    site.flaky_failures -= 1
                    self._send(503, b"busy", "text/plain", extra={"Retry-After": "0"})
                else:
                    self._send(200, site.pages["flaky"], "text/html; charset=utf-8", validate=True)
            elif self.path == "/down.html":
                self._send(503, b"down", "text/plain")
            elif self.path == "/slow.html":  # answers after `slow_seconds`
                time.sleep(site.slow_seconds)
                self._send(200, site.pages["a"], "text/html; charset=utf-8")
            elif self.path.startswith(("/news/", "/private/")):
                name = self.path.rsplit("/", 1)[-1].removesuffix(".html")
                if name in site.pages:
                    self._send(200, site.pages[name], "text/html; charset=utf-8", validate=True)
                else:
                    self._send(404, b"not found", "text/plain")
            else:
                self._send(404, b"not found", "text/plain")

        def _send(
            self,
            status: int,
            body: bytes,
            kind: str,
            *,
            validate: bool = False,
            extra: dict[str, str] | None = None,
        ) -> None:
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if validate and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            if validate:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", "Tue, 19 Nov 2019 10:00:00 GMT")
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    """The local site, serving five real pages as a, b, c, flaky and secret (under /private/)."""
    source = BENCH if BENCH.is_dir() else EXAMPLES
    files = sorted(source.glob("*.html.gz"))[:5]
    if len(files) < 5:
        pytest.skip("needs five real pages from ../shared/bench or examples/")
    names = ["a", "b", "c", "flaky", "secret"]
    site = Site(
        pages={n: gzip.decompress(f.read_bytes()) for n, f in zip(names, files, strict=True)}
    )
    site.feed_items = ["/news/a.html", "/news/b.html", "/private/secret.html"]
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()

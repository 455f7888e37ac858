"""Build small WARC archives in tests from the real pages in examples/, instead of checking them in."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples"
TRUTH = ROOT.parent / "shared" / "bench" / "extraction" / "ground-truth.json"


def example_pages(count: int) -> list[tuple[str, bytes]]:
    """(url, html bytes) of the first `count` example pages, with their real addresses when the
    shared benchmark is beside the repo."""
    urls = json.loads(TRUTH.read_text(encoding="utf-8")) if TRUTH.is_file() else {}
    pages = []
    for path in sorted(EXAMPLES.glob("*.html.gz"))[:count]:
        page_id = path.name.split(".")[0]
        url = urls.get(page_id, {}).get("url") or f"https://example.org/{page_id}"
        pages.append((url, gzip.decompress(path.read_bytes())))
    return pages


def warc_bytes(
    pages: list[tuple[str, bytes]], *, compress: bool = True, extras: bool = True
) -> bytes:
    """A WARC with a request and a response per page, plus, when `extras`, the things a real
    crawl holds that are not pages: an image, a redirect and a warcinfo record."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    for url, body in pages:
        request = StatusAndHeaders(
            "GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True
        )
        writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
        if extras:
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url + ".png", "response", payload=io.BytesIO(b"\x89PNG\r\n"), http_headers=image
                )
            )
            moved = StatusAndHeaders(
                "301 Moved Permanently", [("Location", url)], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url + "?amp", "response", payload=io.BytesIO(b""), http_headers=moved
                )
            )
    return out.getvalue()


def write_warc(path: Path, pages: list[tuple[str, bytes]], *, compress: bool = True) -> Path:
    path.write_bytes(warc_bytes(pages, compress=compress))
    return path

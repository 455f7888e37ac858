"""Readers under fuzzing: files of every kind, JSONL, standard input, WARC and feeds.

Every item a reader yields is a Document or a one-line coded InputError; nothing else escapes.
"""

from __future__ import annotations

import gzip
import io
import json
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from newsgraph.errors import InputError
from newsgraph.ingest.decode import decode, maybe_gunzip
from newsgraph.ingest.feeds import read_feed
from newsgraph.ingest.readers import read_json_records, read_path, read_stream
from newsgraph.ingest.warc import read_warc
from newsgraph.records import Document
from tests.fuzz.cases import FUZZ, call_coded, drain, html_page, news_text, page_bytes, records

SUFFIXES = [".html", ".htm", ".txt", ".jsonl", ".json", ".html.gz", ".txt.gz", ".rss", ".xml"]
LIMIT = 1_000_000


def check_items(items: list[Document | InputError]) -> None:
    """The reader contract: documents with text, or one-line coded errors."""
    for item in items:
        if isinstance(item, Document):
            assert item.content.strip(), "a document with no content"
            assert len(item.id) == 64
        else:
            assert isinstance(item, InputError), f"a reader yielded {item!r}"
            assert str(item).startswith("[E") and "\n" not in str(item), str(item)


@FUZZ
@given(data=page_bytes(), suffix=st.sampled_from(SUFFIXES), gz=st.booleans())
def test_read_path_yields_documents_or_coded_errors(data: bytes, suffix: str, gz: bool) -> None:
    if suffix.endswith(".gz") and gz:
        data = gzip.compress(data)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"page{suffix}"
        path.write_bytes(data)
        check_items(drain(read_path(path, max_bytes=LIMIT)))


@FUZZ
@given(data=st.one_of(page_bytes(), st.builds(lambda b: gzip.compress(b), page_bytes())))
def test_read_stream_yields_documents_or_coded_errors(data: bytes) -> None:
    check_items(drain(read_stream(data, "-", False, LIMIT)))


@FUZZ
@given(
    lines=st.lists(
        st.one_of(
            records().map(json.dumps),
            st.text(max_size=80),
            st.sampled_from(['{"text": ', "[", "{}", "null", '{"text": "\\ud800 lone"}']),
        ),
        max_size=8,
    ),
    clean=st.booleans(),
    as_array=st.booleans(),
)
def test_jsonl_records_yield_documents_or_coded_errors(
    lines: list[str], clean: bool, as_array: bool
) -> None:
    text = "[" + ",".join(lines) + "]" if as_array else "\n".join(lines)
    data = text.encode("utf-8", errors="surrogatepass")
    check_items(drain(read_json_records(data, "dump.jsonl", clean)))


@FUZZ
@given(data=st.binary(max_size=4096), html=st.booleans())
def test_decode_returns_text_or_a_coded_error(data: bytes, html: bool) -> None:
    out = call_coded(lambda: decode(data, "x", html=html))
    if isinstance(out, str):
        assert out.strip()


@FUZZ
@given(text=news_text(), cut=st.integers(0, 400))
def test_truncated_gzip_is_refused_with_a_coded_error(text: str, cut: int) -> None:
    packed = gzip.compress(text.encode("utf-8"))
    out = call_coded(lambda: maybe_gunzip(packed[: max(2, len(packed) - cut)], "x.gz", LIMIT))
    if isinstance(out, bytes):
        assert out == text.encode("utf-8")


def write_warc(pages: list[tuple[str, str, bytes]], gz: bool) -> bytes:
    """A WARC of HTTP responses (url, content type, body), written with warcio."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for url, content_type, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
    return out.getvalue()


@FUZZ
@given(
    pages=st.lists(
        st.tuples(
            st.sampled_from(["https://a.example/1", "https://b.example/2", "not a url"]),
            st.sampled_from(["text/html", "text/html; charset=cp1251", "image/png", ""]),
            page_bytes(),
        ),
        min_size=1,
        max_size=4,
    ),
    gz=st.booleans(),
    cut=st.one_of(st.none(), st.integers(1, 2000)),
    noise=st.binary(max_size=32),
)
def test_warc_yields_documents_or_coded_errors(
    pages: list[tuple[str, str, bytes]], gz: bool, cut: int | None, noise: bytes
) -> None:
    data = write_warc(pages, gz)
    if cut is not None:
        data = data[: max(0, len(data) - cut)] + noise
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("crawl.warc.gz" if gz else "crawl.warc")
        path.write_bytes(data)
        check_items(drain(read_warc(path, max_bytes=LIMIT)))


@FUZZ
@given(
    entries=st.lists(st.tuples(news_text(max_words=6), html_page()), max_size=4),
    atom=st.booleans(),
    cut=st.integers(0, 200),
)
def test_feeds_yield_documents_or_coded_errors(
    entries: list[tuple[str, str]], atom: bool, cut: int
) -> None:
    from xml.sax.saxutils import escape

    if atom:
        items = "".join(
            f"<entry><title>{escape(t)}</title><link href='https://x.example/{i}'/>"
            f"<content type='html'>{escape(body)}</content></entry>"
            for i, (t, body) in enumerate(entries)
        )
        xml = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">{items}</feed>'
    else:
        items = "".join(
            f"<item><title>{escape(t)}</title><link>https://x.example/{i}</link>"
            f"<description>{escape(body)}</description></item>"
            for i, (t, body) in enumerate(entries)
        )
        xml = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'
    data = xml.encode("utf-8", errors="surrogatepass")
    check_items(drain(read_feed(data[: max(1, len(data) - cut)], "feed.rss")))

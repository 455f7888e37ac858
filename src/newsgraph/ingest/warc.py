"""WARC archives: every HTML response record becomes a `Document`, a broken archive an `InputError`.

A web archive routinely holds images, scripts and redirects beside the pages; those are skipped
without a word. A truncated archive yields the records that were whole and then one error that
names the archive and says where it broke, so a half-copied crawl is never silently short.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path

from newsgraph.errors import EmptyInput, EncodingError, InputError, TooLarge
from newsgraph.ingest.decode import decode
from newsgraph.records import Document, MediaType

HTML_TYPES = ("text/html", "application/xhtml+xml")
WARC_SUFFIXES = {".warc"}


def document_id(body: str, url: str | None, media: MediaType) -> str:
    """The SHA-256 key of a page that has an address: the same bytes at another URL are another
    document (a copy the linker should see), the same record read twice is the same document.
    It is the key JSONL records get, so a page reads the same from a dump or an archive."""
    key = json.dumps({"body": body, "url": url, "media": media}, sort_keys=True)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def member_source(path: str, member: str) -> str:
    """The source_id of one member of an archive or feed: the path joined with its name."""
    return f"{path}#{member}"


def is_html(content_type: str | None, body: bytes) -> bool:
    """Whether a response is a page: by its declared type, or by its first byte when undeclared."""
    if content_type:
        return content_type.split(";")[0].strip().lower() in HTML_TYPES
    return body.lstrip()[:1] == b"<"


def charset_of(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def response_document(body: bytes, url: str, content_type: str | None, source: str) -> Document:
    """One HTML response as a Document: UTF-8 or the page's own charset, else the HTTP charset."""
    try:
        content = decode(body, source, html=True)
    except EncodingError:
        charset = charset_of(content_type)
        if not charset:
            raise
        try:
            content = body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            raise EncodingError(
                source, f"not valid {charset} as its HTTP header declares"
            ) from None
    return Document(
        id=document_id(content, url, "html"),
        source_id=source,
        content=content,
        media_type="html",
        url=url,
    )


def read_warc(path: Path, *, max_bytes: int = 20_000_000) -> Iterator[Document | InputError]:
    """Every HTML response record of a `.warc` or `.warc.gz` file, streamed record by record."""
    from warcio.archiveiterator import ArchiveIterator

    source = str(path)
    count = 0
    problem = _header_problem(path)
    if problem:
        yield problem
        return
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode() or ""
                if not status.startswith("2"):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or f"record-{count + 1}"
                member = member_source(source, url)
                body = record.content_stream().read(max_bytes + 1)
                if len(body) > max_bytes:
                    yield TooLarge(member, f"a record of more than {max_bytes:,} bytes")
                    continue
                if record.raw_stream.limit > 0:
                    yield _truncated(source, count, f"in the record for {url}")
                    return
                content_type = record.http_headers.get_header("Content-Type")
                if not is_html(content_type, body):
                    continue
                count += 1
                try:
                    yield response_document(body, url, content_type, member)
                except InputError as exc:
                    yield exc
    except OSError as exc:
        yield InputError(source, f"cannot read ({exc.strerror or exc})")
        return
    except Exception as exc:  # warcio raises plain exceptions for anything that is not a WARC
        yield InputError(source, f"not a readable WARC archive ({exc})")
        return
    if source.lower().endswith(".gz"):
        broken = _gzip_problem(path)
        if broken:
            yield _truncated(source, count, broken)


def _header_problem(path: Path) -> InputError | None:
    """Why the file is not a WARC, judged by its first bytes: warcio reads almost anything as
    some archive record, so a file that does not start with `WARC/` is refused up front."""
    source = str(path)
    try:
        with path.open("rb") as raw:
            magic = raw.read(2)
        opener = gzip.open if magic == b"\x1f\x8b" else open
        with opener(path, "rb") as stream:
            head = stream.read(64)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError | PermissionError):
            return InputError(source, f"cannot read ({exc.strerror or exc})")
        return InputError(source, f"broken gzip data ({exc})")
    except (EOFError, zlib.error) as exc:
        return InputError(source, f"broken gzip data ({exc or 'truncated'})")
    if not head.strip():
        return EmptyInput(source, "empty file")
    if not head.lstrip().startswith(b"WARC/"):
        return InputError(source, "not a WARC archive (it does not start with a WARC/1.x record)")
    return None


def _truncated(source: str, count: int, where: str) -> InputError:
    return InputError(source, f"truncated WARC: it breaks {where}, after {count} good records")


def _gzip_problem(path: Path) -> str | None:
    """Why the gzip stream is incomplete, or None. warcio stops quietly at a cut gzip member, so
    the archive is checked end to end; it costs a fraction of what analysing its pages does."""
    try:
        with gzip.open(path, "rb") as stream:
            while stream.read(1 << 20):
                pass
    except EOFError:
        return "at the end (the last gzip member is cut short)"
    except (OSError, zlib.error) as exc:
        return f"in its gzip data ({exc})"
    return None


def write_response(
    writer: object, url: str, status: int, headers: dict[str, str], body: bytes
) -> None:
    """Append one HTTP response to a `warcio.WARCWriter`; the body is stored decoded, so the
    transfer and content encodings of the original exchange are dropped from its headers."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders

    dropped = {"content-encoding", "transfer-encoding", "content-length"}
    kept = [(k, v) for k, v in headers.items() if k.lower() not in dropped]
    kept.append(("Content-Length", str(len(body))))
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Unknown"
    http = StatusAndHeaders(f"{status} {phrase}", kept, protocol="HTTP/1.1")
    record = writer.create_warc_record(  # type: ignore[attr-defined]
        url, "response", payload=BytesIO(body), http_headers=http
    )
    writer.write_record(record)  # type: ignore[attr-defined]

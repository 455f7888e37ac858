"""Walk inputs and yield `Document`s, or an `InputError` for each input that cannot be read.

A bad input never stops the batch: the caller reports the error and goes on with the rest.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsgraph.errors import (
    EncodingError,
    InputError,
    MalformedRecord,
    TooLarge,
    UnsupportedInput,
)
from newsgraph.ingest.decode import decode, maybe_gunzip
from newsgraph.records import Document, MediaType

HTML_SUFFIXES = {".html", ".htm"}
TEXT_SUFFIXES = {".txt"}
JSON_SUFFIXES = {".jsonl", ".json", ".ndjson"}
WARC_SUFFIXES = {".warc"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}

Item = Document | InputError
log = logging.getLogger(__name__)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def iter_documents(
    paths: Iterable[str], *, clean_json_text: bool = False, max_bytes: int = 20_000_000
) -> Iterator[Item]:
    """Every document under `paths` (files, folders recursively, or '-' for standard input)."""
    for given in paths:
        if given == "-":
            # read one byte past the limit, so an endless stream is refused, not held in memory
            data = sys.stdin.buffer.read(max_bytes + 1)
            # each stream its own name, so two documents piped in are told apart in the store
            yield from read_stream(data, f"stdin:{sha256(data)[:12]}", clean_json_text, max_bytes)
            continue
        path = Path(given)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                # In a folder, hidden files and files that are no page (a README, a stylesheet)
                # are passed over; a file named on the command line is always read or reported.
                if child.name.startswith(".") or _kind_of(child) is None:
                    log.info("passed over %s: not a page type newsgraph reads", child)
                    continue
                yield from read_path(child, clean_json_text=clean_json_text, max_bytes=max_bytes)
        elif path.exists():
            yield from read_path(path, clean_json_text=clean_json_text, max_bytes=max_bytes)
        else:
            yield InputError(given, "no such file or folder", code="E008")


def _kind_of(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last in HTML_SUFFIXES:
        return "html"
    if last in TEXT_SUFFIXES:
        return "text"
    if last in JSON_SUFFIXES:
        return "json"
    if last in WARC_SUFFIXES:
        return "warc"
    if last in FEED_SUFFIXES:
        return "feed"
    return None


def read_path(
    path: Path, *, clean_json_text: bool = False, max_bytes: int = 20_000_000
) -> Iterator[Item]:
    """The documents of one file: one for a page, one per record for JSONL."""
    source = str(path)
    kind = _kind_of(path)
    if kind is None:
        yield UnsupportedInput(
            source,
            "unsupported file type (expected .html, .htm, .txt, .jsonl, .json, .warc, "
            ".rss, .atom or a feed .xml, optionally .gz)",
        )
        return
    if kind == "warc":  # streamed record by record: the size limit applies to each record
        from newsgraph.ingest.warc import read_warc

        yield from read_warc(path, max_bytes=max_bytes)
        return
    if kind == "json" and _is_line_stream(path):
        # a JSONL dump may be far larger than one page: the size limit applies to each line
        yield from read_json_lines(path, clean_json_text=clean_json_text, max_bytes=max_bytes)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise TooLarge(source, f"{size:,} bytes is more than the limit of {max_bytes:,}")
        data = maybe_gunzip(path.read_bytes(), source, max_bytes)
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(source, f"cannot read ({exc.strerror or exc})")
        return
    if kind == "json":
        yield from read_json_records(data, source, clean_json_text)
    elif kind == "feed":
        from newsgraph.ingest.feeds import read_feed

        yield from read_feed(data, source)
    else:
        try:
            content = decode(data, source, html=kind == "html")
        except InputError as exc:
            yield exc
            return
        media: MediaType = "html" if kind == "html" else "text"
        yield Document(
            id=sha256(content.encode("utf-8")), source_id=source, content=content, media_type=media
        )


def _is_line_stream(path: Path) -> bool:
    """Whether a .json/.jsonl file is plain (not gzip) UTF-8 JSON lines, not one JSON array."""
    try:
        with path.open("rb") as raw:
            head = raw.read(4096)
    except OSError:
        return False
    if head[:2] == b"\x1f\x8b" or head[:3] == b"\xef\xbb\xbf" or b"\x00" in head:
        return False
    return head.lstrip()[:1] == b"{"


def read_json_lines(
    path: Path, *, clean_json_text: bool = False, max_bytes: int = 20_000_000
) -> Iterator[Item]:
    """JSONL records streamed line by line, so memory stays bounded by the longest line; a line
    over `max_bytes` is reported by its number and skipped."""
    source = str(path)
    try:
        with path.open("rb") as stream:
            for number, line in enumerate(_bounded_lines(stream, max_bytes), start=1):
                where = f"{source}:{number}"
                if line is None:
                    yield TooLarge(where, f"a line of more than {max_bytes:,} bytes")
                elif line.strip():
                    yield from _json_line(line, where, clean_json_text)
    except OSError as exc:
        yield InputError(source, f"cannot read ({exc.strerror or exc})")


def _bounded_lines(stream: Any, max_bytes: int) -> Iterator[bytes | None]:
    """The lines of a binary stream; None for a line longer than `max_bytes`, read past in
    chunks rather than held."""
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def _json_line(line: bytes, where: str, clean_json_text: bool) -> Iterator[Item]:
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        yield EncodingError(where, f"not valid UTF-8 (byte 0x{line[exc.start]:02x})")
        return
    except json.JSONDecodeError as exc:
        yield MalformedRecord(where, f"invalid JSON ({exc.msg}, column {exc.colno})")
        return
    try:
        yield _record_document(record, where, clean_json_text)
    except InputError as exc:
        yield exc


def read_stream(data: bytes, source: str, clean_json_text: bool, max_bytes: int) -> Iterator[Item]:
    """Standard input: JSON lines when it starts with '{', HTML when with '<', else a text scrape."""
    try:
        data = maybe_gunzip(data, source, max_bytes)
        head = data.lstrip()[:1]
        if head in (b"{", b"["):
            yield from read_json_records(data, source, clean_json_text)
            return
        content = decode(data, source, html=head == b"<")
    except InputError as exc:
        yield exc
        return
    media: MediaType = "html" if head == b"<" else "text"
    yield Document(
        id=sha256(content.encode("utf-8")), source_id=source, content=content, media_type=media
    )


def read_json_records(data: bytes, source: str, clean_json_text: bool) -> Iterator[Item]:
    """JSONL records (or one JSON array/object): `{"id","url","text" or "html","published","title","outlet"}`."""
    try:
        text = decode(data, source, html=False)
    except InputError as exc:
        yield exc
        return
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as exc:
            yield MalformedRecord(source, f"invalid JSON ({exc.msg} at line {exc.lineno})")
            return
        lines: Iterable[tuple[int, Any]] = enumerate(records, start=1)
    else:
        lines = _json_lines(text, source)
    for number, record in lines:
        where = f"{source}:{number}"
        if isinstance(record, InputError):
            yield record
            continue
        try:
            yield _record_document(record, where, clean_json_text)
        except InputError as exc:
            yield exc


def _json_lines(text: str, source: str) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            yield (
                number,
                MalformedRecord(
                    f"{source}:{number}", f"invalid JSON ({exc.msg}, column {exc.colno})"
                ),
            )


def _record_document(record: Any, where: str, clean_json_text: bool) -> Document:
    if not isinstance(record, dict):
        raise MalformedRecord(where, "a record must be a JSON object")
    html, text = record.get("html"), record.get("text")
    body = html if isinstance(html, str) and html.strip() else text
    if not isinstance(body, str) or not body.strip():
        raise MalformedRecord(where, 'a record needs a non-empty "text" or "html" string')
    media: MediaType = "html" if body is html else ("text" if clean_json_text else "clean")
    fields = {k: record.get(k) for k in ("url", "title", "published", "outlet")}
    for key, value in fields.items():
        if value is not None and not isinstance(value, str):
            raise MalformedRecord(where, f'"{key}" must be a string')
    key = json.dumps({"body": body, "url": fields["url"], "media": media}, sort_keys=True)
    record_id = record.get("id")
    return Document(
        id=sha256(key.encode("utf-8")),
        source_id=str(record_id) if record_id is not None else where,
        content=body,
        media_type=media,
        url=fields["url"],
        title=fields["title"],
        published=fields["published"],
        outlet=fields["outlet"],
    )

"""RSS and Atom feeds: one `Document` per entry, with the entry's own content, link, title and date.

Feeds are parsed by feedparser, which copes with the malformed XML many publishers serve; a file
that yields no feed at all is reported with feedparser's reason. `links` gives the entries'
addresses for the fetcher, which follows them to the full pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from newsgraph.errors import InputError, MalformedRecord, UnsupportedInput
from newsgraph.ingest.decode import decode
from newsgraph.ingest.warc import document_id, member_source
from newsgraph.records import Document, MediaType

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
_FEED_ROOT = re.compile(rb"<(?:[A-Za-z0-9_-]+:)?(rss|feed|RDF)[\s>]")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


@dataclass(slots=True)
class FeedEntry:
    """What the fetcher needs from an entry: where the page is and when it was published."""

    url: str
    title: str | None
    published: str | None


def looks_like_feed(data: bytes) -> bool:
    """Whether XML bytes are an RSS, RSS 1.0 (RDF) or Atom document, judged by the root element."""
    head = data[:4096].lstrip()
    return bool(_FEED_ROOT.search(head))


def parse_feed(data: bytes, source: str) -> Any:
    """The feedparser result for `data`, or an InputError when it holds no feed."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries and parsed.get("bozo") and not parsed.get("feed"):
        reason = parsed.get("bozo_exception")
        raise MalformedRecord(source, f"not a readable RSS/Atom feed ({reason})")
    return parsed


def read_feed(data: bytes, source: str) -> Iterator[Document | InputError]:
    """One document per entry; an entry with no content is reported by its link."""
    if not looks_like_feed(data):
        yield UnsupportedInput(source, "an XML file that is not an RSS or Atom feed")
        return
    try:
        decode(data, source, html=True)  # refuses binary and mis-encoded files the same way
        parsed = parse_feed(data, source)
    except InputError as exc:
        yield exc
        return
    for number, entry in enumerate(parsed.entries, start=1):
        url = entry.get("link") or None
        member = member_source(source, url or entry.get("id") or f"entry-{number}")
        body, media = _content(entry)
        if not body:
            yield MalformedRecord(member, "a feed entry with no content or summary")
            continue
        yield Document(
            id=document_id(body, url, media),
            source_id=member,
            content=body,
            media_type=media,
            url=url,
            title=entry.get("title") or None,
            published=published_of(entry),
        )


def feed_entries(data: bytes, source: str) -> list[FeedEntry]:
    """The linked entries of a feed, in feed order, for the fetcher to follow."""
    parsed = parse_feed(data, source)
    found = []
    for entry in parsed.entries:
        if entry.get("link"):
            found.append(FeedEntry(entry["link"], entry.get("title"), published_of(entry)))
    return found


def published_of(entry: Any) -> str | None:
    """The entry's publication (else update) time as an ISO 8601 UTC datetime."""
    for key in ("published_parsed", "updated_parsed"):
        moment = entry.get(key)
        if moment:
            year, month, day, hour, minute, second = moment[:6]
            return datetime(year, month, day, hour, minute, second, tzinfo=UTC).isoformat()
    return None


def _content(entry: Any) -> tuple[str, MediaType]:
    """The fullest body the entry carries: its longest `content`, else its summary. Plain text
    from a feed is the publisher's own text, so it is taken as clean."""
    candidates = [c.get("value") or "" for c in entry.get("content", [])]
    candidates.append(entry.get("summary") or "")
    value = max(candidates, key=lambda c: len(c.strip()))
    # feedparser labels most summaries text/html whatever they hold, so the markup decides
    media: MediaType = "html" if _TAG.search(value) else "clean"
    return value.strip(), media

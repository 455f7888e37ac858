"""Document -> Cleaned: the body text of a page and the metadata found around it.

HTML goes through trafilatura plus our metadata and furniture passes (`html`); plain-text
scrapes through our own block classifier (`text`); text that is already clean is kept as is,
and dated by what it prints at its head when its record gives no date.
"""

from __future__ import annotations

from newsgraph.clean.dates import clean_text_day, url_day
from newsgraph.clean.html import clean_html
from newsgraph.clean.language import detect_language
from newsgraph.clean.metadata import outlet_of
from newsgraph.clean.text import clean_text
from newsgraph.errors import UnsupportedInput
from newsgraph.records import Cleaned, Document

__all__ = ["clean_document", "clean_html", "clean_text", "detect_language", "outlet_of"]


def clean_document(doc: Document) -> Cleaned:
    """Clean one document by its media type; what the input says fills what the page did not."""
    if doc.media_type == "html":
        cleaned = clean_html(doc.content, url=doc.url)
    elif doc.media_type == "text":
        cleaned = clean_text(doc.content, url=doc.url)
    elif doc.media_type == "clean":
        cleaned = Cleaned(text=doc.content.strip())
    else:
        raise UnsupportedInput(doc.source_id, f"unknown media type {doc.media_type!r}")
    if cleaned.title is None:
        cleaned.title = doc.title
    if cleaned.url is None:
        cleaned.url = doc.url
    if cleaned.published is None and doc.published:
        cleaned.published = doc.published
        cleaned.published_source = "input"
    if doc.media_type == "clean" and cleaned.published is None:
        # a record that gives no date: the one its text prints at its head, else its address's
        if (day := clean_text_day(cleaned.text, cleaned.url)) is not None:
            cleaned.published, cleaned.published_source = day, "text"
        elif (day := url_day(cleaned.url)) is not None:
            cleaned.published, cleaned.published_source = day, "metadata"
    return cleaned

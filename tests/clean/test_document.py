"""clean_document: dispatch on media type and the input's metadata filling the gaps."""

from __future__ import annotations

import pytest

from newsgraph.clean import clean_document
from newsgraph.errors import UnsupportedInput
from newsgraph.records import Document

BODY = (
    "The council voted on Tuesday to close the old bridge, citing safety reports that showed "
    "deep cracks in two of its supports. Repairs will start next spring, officials said."
)


def test_clean_text_is_kept_with_input_metadata() -> None:
    doc = Document(
        id="x",
        source_id="x.jsonl",
        content=f"  {BODY}\n",
        media_type="clean",
        url="https://example.com/a",
        title="Bridge closes",
        published="2024-03-03",
    )
    cleaned = clean_document(doc)
    assert cleaned.text == BODY
    assert cleaned.title == "Bridge closes"
    assert cleaned.url == "https://example.com/a"
    assert (cleaned.published, cleaned.published_source) == ("2024-03-03", "input")


def test_text_scrape_gets_input_date_when_page_has_none() -> None:
    doc = Document(
        id="x",
        source_id="x.txt",
        content=f"Home\nNews\n{BODY}\nShare",
        media_type="text",
        published="2024-03-03",
    )
    cleaned = clean_document(doc)
    assert cleaned.text == BODY
    assert (cleaned.published, cleaned.published_source) == ("2024-03-03", "input")


def test_page_date_wins_over_input() -> None:
    doc = Document(
        id="x",
        source_id="x.txt",
        content=f"By Jane Doe, March 1, 2024\n{BODY}",
        media_type="text",
        published="2024-03-03",
    )
    cleaned = clean_document(doc)
    assert (cleaned.published, cleaned.published_source) == ("2024-03-01", "text")


def test_html_is_cleaned() -> None:
    html = (
        "<html><head><title>Bridge closes - Example</title></head><body><nav><a href='/'>Home</a>"
        f"</nav><article><h1>Bridge closes</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>"
    )
    doc = Document(id="x", source_id="x.html", content=html, media_type="html")
    cleaned = clean_document(doc)
    assert BODY in cleaned.text
    assert "Home" not in cleaned.text


def test_unknown_media_type_raises() -> None:
    doc = Document(id="x", source_id="x.bin", content="", media_type="pdf")  # type: ignore[arg-type]
    with pytest.raises(UnsupportedInput):
        clean_document(doc)

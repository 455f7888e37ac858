"""RSS and Atom feed files: one document per entry, with its content, address, title and date."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import pytest

from newsgraph.errors import InputError, UnsupportedInput
from newsgraph.ingest import iter_documents
from newsgraph.ingest.feeds import feed_entries, looks_like_feed
from newsgraph.records import Document

TRUTH = (
    Path(__file__).resolve().parents[3] / "shared" / "bench" / "extraction" / "ground-truth.json"
)


def _bodies(count: int) -> list[tuple[str, str]]:
    """(url, article body) of real pages from the shared benchmark."""
    if not TRUTH.is_file():
        pytest.skip(f"{TRUTH} is absent")
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    return [(v["url"], v["articleBody"]) for _, v in sorted(truth.items())[:count]]


def _rss(items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f"<item><title>Story {n}</title><link>{escape(url)}</link>"
        f"<guid>{escape(url)}</guid><pubDate>Mon, 0{n} Dec 2019 10:30:00 GMT</pubDate>"
        f"<description>Teaser {n}</description><content:encoded><![CDATA["
        + "".join(f"<p>{escape(p)}</p>" for p in body.split("\n") if p.strip())
        + "]]></content:encoded></item>"
        for n, (url, body) in enumerate(items, start=1)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Wire</title><link>https://wire.example/</link>{entries}</channel></rss>"
    )


def _atom(url: str, body: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Desk</title><id>urn:desk</id><updated>2025-04-28T08:00:00Z</updated>"
        f'<entry><title>Plain story</title><id>urn:1</id><link href="{escape(url)}"/>'
        f'<updated>2025-04-28T08:00:00Z</updated><summary type="text">{escape(body)}</summary>'
        "</entry></feed>"
    )


@pytest.mark.parametrize("name", ["wire.rss", "wire.xml"])
def test_rss_entries_become_html_documents(tmp_path: Path, name: str) -> None:
    items = _bodies(2)
    path = tmp_path / name
    path.write_text(_rss(items), encoding="utf-8")
    docs = list(iter_documents([str(path)]))
    assert all(isinstance(d, Document) for d in docs), docs
    assert [d.url for d in docs] == [url for url, _ in items]  # type: ignore[union-attr]
    first = docs[0]
    assert isinstance(first, Document)
    assert first.media_type == "html" and first.title == "Story 1"
    assert first.source_id == f"{path}#{items[0][0]}"
    assert first.published == "2019-12-01T10:30:00+00:00"
    # the full content wins over the one-line teaser
    assert items[0][1].split("\n")[0][:40] in first.content and "Teaser" not in first.content


def test_atom_plain_text_summary_is_clean_text(tmp_path: Path) -> None:
    path = tmp_path / "desk.atom"
    path.write_text(_atom("https://desk.example/a", "Troops withdrew from the town."), "utf-8")
    (doc,) = iter_documents([str(path)])
    assert isinstance(doc, Document)
    assert (doc.media_type, doc.content, doc.url) == (
        "clean",
        "Troops withdrew from the town.",
        "https://desk.example/a",
    )
    assert doc.published == "2025-04-28T08:00:00+00:00"


def test_xml_that_is_not_a_feed_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text(
        '<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>'
    )
    (error,) = iter_documents([str(path)])
    assert isinstance(error, UnsupportedInput) and "not an RSS or Atom feed" in str(error)


def test_entry_without_content_is_reported_by_its_link(tmp_path: Path) -> None:
    feed = _rss([("https://wire.example/1", "Body one.")]).replace(
        "</channel>",
        "<item><title>Empty</title><link>https://wire.example/2</link></item></channel>",
    )
    path = tmp_path / "wire.rss"
    path.write_text(feed, encoding="utf-8")
    doc, error = iter_documents([str(path)])
    assert isinstance(doc, Document)
    assert isinstance(error, InputError) and "https://wire.example/2" in str(error)


def test_feed_entries_lists_links_for_the_fetcher() -> None:
    data = _rss([("https://wire.example/1", "One."), ("https://wire.example/2", "Two.")]).encode()
    assert looks_like_feed(data)
    assert [e.url for e in feed_entries(data, "wire")] == [
        "https://wire.example/1",
        "https://wire.example/2",
    ]

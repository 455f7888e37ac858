"""What changed since a date: new figures, revisions by source, new contests, new sources."""

from __future__ import annotations

import hashlib

import pytest

from newsgraph.records import AnalyzedArticle, Article, Document, Fact, Statement, Story
from newsgraph.store import Store, open_store
from newsgraph.store.changes import changes_since
from newsgraph.store.queries import BadQuery


def _article(store: Store, n: int, published: str) -> str:
    doc_id = hashlib.sha256(f"changes{n}".encode()).hexdigest()
    text = f"Article {n} about the toll."
    document = Document(id=doc_id, source_id=f"p{n}.txt", content=text, media_type="text")
    article = Article.bare(doc_id, text, published=published, outlet=f"outlet{n}.example")
    store.write_batch([(document, AnalyzedArticle(article))])
    return doc_id


def _said(article_id: str, value: float, source: str, as_of: str) -> Statement:
    return Statement(
        None,
        None,
        value,
        None,
        None,
        "about",
        source,
        article_id,
        "x.example",
        as_of,
        source=source,
    )


@pytest.fixture
def store(store_url: str):  # type: ignore[no-untyped-def]
    opened = open_store(store_url)
    yield opened
    opened.close()


def test_changes_since_a_date(store: Store) -> None:
    old, new, newer = (
        _article(store, 1, "2025-01-10"),
        _article(store, 2, "2025-04-02"),
        _article(store, 3, "2025-04-05"),
    )
    toll_before = _said(old, 100.0, "NIS", "2025-01-10")
    toll_after = _said(new, 300.0, "NIS", "2025-04-02")
    kyiv = _said(newer, 400.0, "Kyiv", "2025-04-05")
    toll = Fact(
        "toll", "s1", "KILL", "soldiers", [toll_before, toll_after, kyiv], 2, "contested", []
    )
    unchanged = Fact(
        "old",
        "s1",
        "DEPLOY",
        "soldiers",
        [_said(old, 10.0, "NIS", "2025-01-10")],
        1,
        "single_source",
        [],
    )
    fresh = Fact(
        "new",
        "s1",
        "CAPTURE",
        "soldiers",
        [_said(newer, 2.0, "Kyiv", "2025-04-05")],
        1,
        "single_source",
        [],
    )
    store.save_link(
        linked_ids=[old, new, newer],
        assignments=dict.fromkeys([old, new, newer], "s1"),
        story_records=[Story("s1", "Toll", [old, new, newer], "2025-01-10", "2025-04-05")],
        rewrite_records=[],
        fact_records=[toll, unchanged, fresh],
        fact_stories=["s1"],
        state={},
    )
    changes = changes_since(store, "2025-04-01", story_id="s1")
    assert [f.id for f in changes.new_facts] == ["new"]
    assert [(r.source, r.before.value, r.after.value) for r in changes.revisions] == [
        ("NIS", 100.0, 300.0)
    ]
    assert [(n.fact.id, n.source) for n in changes.new_sources] == [("toll", "Kyiv")]
    assert [f.id for f in changes.contested] == ["toll"]
    assert changes_since(store, "2025-05-01").empty
    everything = changes_since(store, "2024-01-01")
    assert {f.id for f in everything.new_facts} == {"toll", "old", "new"}
    assert not everything.revisions


def test_a_bad_date_is_one_clear_error(store: Store) -> None:
    with pytest.raises(BadQuery, match="not an ISO date: 'yesterday'"):
        changes_since(store, "yesterday")


def test_the_feed_and_the_lines_escape_scraped_text(store: Store) -> None:
    from xml.etree import ElementTree as ET

    from newsgraph.views.changes import change_lines, changes_feed

    article = _article(store, 9, "2025-04-03")
    hostile = _said(article, 5.0, "<script>alert(1)</script>", "2025-04-03")
    fact = Fact("h", "s9", "KILL", "<b>soldiers</b>", [hostile], 1, "single_source", [hostile])
    store.save_link(
        linked_ids=[article],
        assignments={article: "s9"},
        story_records=[Story("s9", "Hostile", [article], "2025-04-03", "2025-04-03")],
        rewrite_records=[],
        fact_records=[fact],
        fact_stories=["s9"],
        state={},
    )
    changes = changes_since(store, "2025-04-01", story_id="s9")
    assert [line.kind for line in change_lines(changes)] == ["new figure"]
    feed = changes_feed(
        changes,
        title="Hostile",
        base_url="http://127.0.0.1:8000",
        updated="2025-04-03T00:00:00Z",
        feed_path="/stories/s9/changes.atom",
    )
    assert b"<script>" not in feed and b"&lt;script&gt;" in feed
    root = ET.fromstring(feed)
    entries = root.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 1
    assert "<script>alert(1)</script>" in (
        entries[0].findtext("{http://www.w3.org/2005/Atom}title") or ""
    )


def test_incidents_one_report_tells_are_counted_not_listed() -> None:
    from newsgraph.records import Incident
    from newsgraph.store.changes import Changes
    from newsgraph.views.changes import change_lines

    def incident(n: int, articles: list[str]) -> Incident:
        return Incident(
            f"i{n}", "s1", "KILL", f"Happening {n}", None, None, None, None,
            [f"e{n}"], articles, len(articles), len(articles),
        )  # fmt: skip

    told = [incident(1, ["a1", "a2"]), *(incident(n, ["a3"]) for n in range(2, 1202))]
    changes = Changes("2025-04-01", "s1", incidents=told)
    lines = change_lines(changes)
    assert [line.text.split(" (")[0] for line in lines] == [
        "Happening 1",
        "1,200 more incidents, each told by one report",
    ]
    assert len(change_lines(changes, every_incident=True)) == 1201  # nothing is lost

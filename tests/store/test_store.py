"""The store on a real SQLite file and on the local PostgreSQL: writes, reads, atomic batches."""

from __future__ import annotations

import hashlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.exc import IntegrityError

from newsgraph.records import (
    AnalyzedArticle,
    Article,
    Boilerplate,
    Claim,
    Document,
    Event,
    Fact,
    Mention,
    Quantity,
    Rewrite,
    Statement,
    Story,
    child_id,
    entity_id,
)
from newsgraph.store import open_store
from newsgraph.store.schema import metadata
from newsgraph.store.search import include_object


def make_pair(
    n: int, text: str = "North Korea's army sent 10,000 soldiers, officials said."
) -> tuple[Document, AnalyzedArticle]:
    doc_id = hashlib.sha256(str(n).encode()).hexdigest()
    document = Document(id=doc_id, source_id=f"page{n}.txt", content=text, media_type="text")
    article = Article(
        id=doc_id,
        source_id=f"page{n}.txt",
        url=f"https://example.org/{n}",
        outlet="example.org",
        title=f"Title {n}",
        byline="Omar Nasser",
        photo_credit="AFP",
        published="2025-04-28",
        published_source="text",
        language="en",
        text=text,
        original_source=None,
        boilerplate=[Boilerplate("promo", "Follow us on WhatsApp")],
    )
    nk = entity_id("North Korea", "GPE")
    mention = Mention(doc_id, 0, 14, "North Korea's", "North Korea", "GPE", nk)
    claim = Claim(
        child_id(doc_id, "c", 0),
        doc_id,
        0,
        len(text) - 1,
        "officials",
        None,
        "say",
        "assert",
        False,
        text[:40],
        0,
        40,
    )
    quantity = Quantity(
        child_id(doc_id, "q", 0),
        doc_id,
        24,
        30,
        10000.0,
        None,
        None,
        "exact",
        "DEPLOY",
        "soldiers",
        None,
        "officials",
        None,
        "2025-04-28",
        claim.id,
        "10,000",
    )
    analyzed = AnalyzedArticle(article, [mention], [claim], [quantity], [])
    return document, analyzed


def test_write_and_read_back(store_url: str) -> None:
    store = open_store(store_url)
    try:
        assert store.write_batch([make_pair(1), make_pair(2)]) == 2
        (article, _) = store.articles()
        assert article.byline == "Omar Nasser"
        assert article.boilerplate == [Boilerplate("promo", "Follow us on WhatsApp")]
        (entity,) = store.entities()
        assert (entity.name, entity.type, entity.mentions) == ("North Korea", "GPE", 2)
        assert entity.aliases == ["North Korea", "North Korea's"]
        quantities = store.quantities()
        assert [q.value for q in quantities] == [10000.0, 10000.0]
        assert store.claims(article_ids=[article.id])[0].cue == "say"
        counts = store.counts()
        assert (counts["documents"], counts["articles"], counts["quantities"]) == (2, 2, 2)
    finally:
        store.close()


def test_same_document_twice_is_a_no_op(store_url: str) -> None:
    store = open_store(store_url)
    try:
        assert store.write_batch([make_pair(1)]) == 1
        assert store.write_batch([make_pair(1)]) == 0
        one, nine = (hashlib.sha256(str(n).encode()).hexdigest() for n in (1, 9))
        assert store.known_documents([one, nine]) == {one}
        assert store.counts()["claims"] == 1
        assert store.entities()[0].mentions == 1
    finally:
        store.close()


def test_failed_batch_leaves_earlier_batches_whole(store_url: str) -> None:
    store = open_store(store_url)
    try:
        store.write_batch([make_pair(1)])
        broken_doc, broken = make_pair(2)
        broken.claims.append(broken.claims[0])  # a duplicate primary key fails the insert midway
        with pytest.raises(IntegrityError):
            store.write_batch([make_pair(3), (broken_doc, broken)])
        counts = store.counts()
        assert (counts["documents"], counts["articles"], counts["claims"]) == (1, 1, 1)
        assert store.entities()[0].mentions == 1
    finally:
        store.close()


def test_link_results_round_trip(store_url: str) -> None:
    store = open_store(store_url)
    try:
        store.write_batch([make_pair(1), make_pair(2)])
        a, b = (x.id for x in store.unlinked_articles())
        statement = Statement(
            None, None, 10000.0, None, None, "exact", "officials", a, "example.org", "2025-04-28"
        )
        fact = Fact("f1", "s1", "DEPLOY", "soldiers", [statement], 1, "single_source", [statement])
        store.save_link(
            linked_ids=[a, b],
            assignments={a: "s1", b: "s1"},
            story_records=[
                Story("s1", "North Korea sends soldiers", [a, b], "2025-04-28", "2025-04-28")
            ],
            rewrite_records=[Rewrite(b, a, "copy", 1.0)],
            fact_records=[fact],
            fact_stories=["s1"],
            state={"stories": b"\x00state"},
        )
        assert store.unlinked_articles() == []
        (story,) = store.stories()
        assert story.article_ids == [a, b]
        assert store.rewrites() == [Rewrite(b, a, "copy", 1.0)]
        assert store.facts(story_id="s1") == [fact]
        assert store.load_state("stories") == b"\x00state"
        # relinking the same story replaces its facts instead of piling them up
        store.save_link(
            linked_ids=[],
            assignments={},
            story_records=[],
            rewrite_records=[],
            fact_records=[fact],
            fact_stories=["s1"],
            state={},
        )
        assert len(store.facts()) == 1
    finally:
        store.close()


def test_migrations_match_the_schema(store_url: str) -> None:
    store = open_store(store_url)
    try:
        with store.engine.connect() as connection:
            # the search structures (FTS5 table, expression index) are raw SQL outside `metadata`
            context = MigrationContext.configure(
                connection, opts={"include_object": include_object}
            )
            assert compare_metadata(context, metadata) == []
        open_store(store_url).close()  # reopening an up-to-date store migrates nothing
    finally:
        store.close()


def test_entity_merge_moves_one_articles_mentions(store_url: str) -> None:
    store = open_store(store_url)
    try:
        first, second = make_pair(1), make_pair(2)
        kim, full = entity_id("Kim", "PERSON"), entity_id("Kim Jong Un", "PERSON")
        first[1].mentions.append(
            Mention(first[0].id, 20, 31, "Kim Jong Un", "Kim Jong Un", "PERSON", full)
        )
        second[1].mentions.append(Mention(second[0].id, 20, 23, "Kim", "Kim", "PERSON", kim))
        second[1].claims[0].speaker_entity_id = kim
        second[1].events.append(
            Event(child_id(second[0].id, "v", 9), second[0].id, 20, 23, kim, "MEET", *[None] * 4)
        )
        store.write_batch([first, second])
        store.save_link(
            linked_ids=[],
            assignments={},
            story_records=[],
            rewrite_records=[],
            fact_records=[],
            fact_stories=[],
            state={},
            entity_merges=[(second[0].id, kim, full)],
        )
        people = {e.id: e for e in store.entities() if e.type == "PERSON"}
        assert list(people) == [full]
        assert people[full].mentions == 2
        assert people[full].aliases == ["Kim Jong Un", "Kim"]
        assert {m.entity_id for m in store.mentions(article_id=second[0].id)} >= {full}
        assert store.claims(article_ids=[second[0].id])[0].speaker_entity_id == full
        # an event's actor follows its entity, so no label names a deleted entity by its id
        assert [
            e.actor for e in store.events(article_ids=[second[0].id]) if e.id.endswith("v9")
        ] == [full]
    finally:
        store.close()


def test_claims_naming_reads_the_window_latest_first(store_url: str) -> None:
    """The claims of other stories whose content names an entity, in articles of the date
    window, latest first; a claim two entities find is one row per entity, in entity order."""
    from newsgraph.store.queries import claims_naming

    store = open_store(store_url)
    try:
        pairs = [make_pair(n) for n in range(4)]
        days = ["2025-01-10", "2025-03-01", "2025-03-05", "2025-09-01"]
        kim = entity_id("Kim Jong Un", "PERSON")
        for (_, analyzed), day in zip(pairs, days, strict=True):
            analyzed.article.published = day
            analyzed.mentions.append(
                Mention(analyzed.article.id, 20, 31, "Kim Jong Un", "Kim Jong Un", "PERSON", kim)
            )
        store.write_batch(pairs)
        ids = [analyzed.article.id for _, analyzed in pairs]
        stories = {a: f"s{n}" for n, a in enumerate(ids)}
        store.save_link(
            linked_ids=ids,
            assignments=stories,
            story_records=[Story(s, s, [a], None, None) for a, s in stories.items()],
            rewrite_records=[],
            fact_records=[],
            fact_stories=[],
            state={},
        )
        nk = entity_id("North Korea", "GPE")
        found = claims_naming(
            store, [nk, kim], since="2025-02-01", until="2025-12-01~", outside=["s2"]
        )
        assert [(f.story_id, f.entity_id) for f in found] == [
            ("s3", min(nk, kim)),
            ("s3", max(nk, kim)),
            ("s1", min(nk, kim)),
            ("s1", max(nk, kim)),
        ]
        assert claims_naming(store, [nk], since="2025-01-01", until="2025-01-31~") == [
            claims_naming(store, [nk], since="2024-01-01", until="2025-01-31~")[0]
        ]
    finally:
        store.close()

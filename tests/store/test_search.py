"""Full-text search on both stores: matching, filters, hostile queries, and the index kept in sync."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, event, update

from newsgraph.store import open_store
from newsgraph.store.database import MIGRATIONS, Store, _sqlite_pragmas
from newsgraph.store.queries import ArticleFilter, BadQuery
from newsgraph.store.schema import articles, metadata
from newsgraph.store.search import fts5_query, include_object, search, snippet_of, terms_of
from tests.store.test_store import make_pair

KURSK = "Kyiv said 12,000 North Korean soldiers were sent to the Kursk region in January."


@pytest.fixture
def store(store_url: str):  # type: ignore[no-untyped-def]
    opened = open_store(store_url)
    opened.write_batch([make_pair(1), make_pair(2, KURSK), make_pair(3, "An earthquake struck.")])
    yield opened
    opened.close()


def test_every_word_must_match_and_stems_count(store: Store) -> None:
    (hit,) = search(store, "Kursk soldier").items
    assert hit.title == "Title 2"
    assert [hit.snippet[s:e] for s, e in hit.marks] == ["soldiers", "Kursk"]
    assert search(store, "soldiers").total == 2
    assert search(store, "soldiers earthquake").total == 0
    assert search(store, "title 3").items[0].title == "Title 3"  # titles are indexed too


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "NEAR(a b",
        "soldiers AND OR NOT",
        "text:x",
        "*",
        "-soldiers",
        "^",
        "a:b:c",
        "'; --",
        "((",
        "\x00",
        "ü ß 中文",
        "x" * 400,
    ],
)
def test_no_input_breaks_the_query(store: Store, query: str) -> None:
    page = search(store, query)
    assert page.total >= 0


def test_filters_combine_with_the_match(store: Store) -> None:
    assert search(store, "soldiers", ArticleFilter(outlet="nowhere.example")).total == 0
    assert (
        search(store, "soldiers", ArticleFilter(since="2025-04-28", until="2025-04-28")).total == 2
    )
    assert search(store, "soldiers", ArticleFilter(until="2025-04-27")).total == 0
    assert search(store, "soldiers", ArticleFilter(kind="DEPLOY")).total == 2
    assert search(store, "soldiers", ArticleFilter(kind="KILL")).total == 0
    assert search(store, "", ArticleFilter(outlet="example.org")).total == 3
    with pytest.raises(BadQuery):
        search(store, "soldiers", ArticleFilter(since="yesterday"))


def test_pagination(store: Store) -> None:
    first = search(store, "", limit=2)
    second = search(store, "", limit=2, offset=2)
    assert (first.total, len(first.items), len(second.items)) == (3, 2, 1)
    assert {h.article_id for h in first.items}.isdisjoint(h.article_id for h in second.items)


def test_updates_reach_the_index(store: Store) -> None:
    target = store.articles()[2].id
    with store.engine.begin() as connection:
        connection.execute(update(articles).where(articles.c.id == target).values(title="Tremor"))
    assert [h.article_id for h in search(store, "tremor").items] == [target]
    assert search(store, "title 3").total == 0


def test_migration_indexes_articles_stored_before_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    event.listen(engine, "connect", _sqlite_pragmas)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    old = Store(engine)
    # Today's writer knows columns that later migrations add (quantities.change,
    # events.incident_id): an article with its mentions and claims is all 0001 can hold.
    document, analysed = make_pair(7, KURSK)
    analysed.quantities, analysed.events = [], []
    old.write_batch([(document, analysed)])
    old.migrate()
    assert search(old, "kursk").total == 1
    old.close()


def test_schema_comparison_ignores_only_the_search_structures(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": include_object})
        assert compare_metadata(context, metadata) == []


def test_query_helpers() -> None:
    assert terms_of('Kim "and" NEAR(Putin*') == ["kim", "near", "putin"]
    assert fts5_query(['a"b']) == '"a""b"'
    snippet, marks = snippet_of("x " * 200 + "the soldiers left", ["soldier"])
    assert [snippet[s:e] for s, e in marks] == ["soldiers"]

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
from newsgraph.store.search import (
    NothingToSearch,
    fts5_query,
    include_object,
    parse_query,
    search,
    snippet_of,
    terms_of,
    tsquery_text,
)
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
        "y" * 3000,
        '"unbalanced phrase',
        'soldiers" OR "',
        "OR OR -OR",
        "-(-soldiers)",
        "soldiers NOT earthquake",
        "sold* * -*",
        "1=1 OR 'a'='a'",
        "%_\\",
        ":* & ! | <->",
    ],
)
def test_no_input_breaks_the_query(store: Store, query: str) -> None:
    try:
        page = search(store, query)
    except NothingToSearch as refused:
        assert "nothing to search for" in str(refused)
    else:
        assert 0 <= page.total < 3 or query == "sold* * -*"


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("soldiers", {"Title 1", "Title 2"}),
        ("kursk OR earthquake", {"Title 2", "Title 3"}),
        ("earthquake OR kursk soldiers", {"Title 2"}),  # OR binds before the implied AND
        ("soldiers -kursk", {"Title 1"}),
        ("-kursk soldiers", {"Title 1"}),
        ("north-korean soldiers", {"Title 2"}),  # a hyphen inside a word is not a minus
        ("earthq*", {"Title 3"}),
        ("soldi* kurs*", {"Title 2"}),
        ('"north korean soldiers"', {"Title 2"}),
        ('"soldiers korean"', set()),  # a phrase keeps its order
        ('"sent to the kursk"', {"Title 2"}),
        ('"korean soldiers" OR earthquake', {"Title 2", "Title 3"}),
        ('soldiers -"north korean"', {"Title 1"}),
        ("the soldiers", {"Title 1", "Title 2"}),  # stop words drop alike on both stores
        ("soldiers OR", {"Title 1", "Title 2"}),
    ],
)
def test_operators_mean_the_same_on_both_stores(store: Store, query: str, titles: set[str]) -> None:
    assert {h.title for h in search(store, query).items} == titles


@pytest.mark.parametrize("query", ["", "   ", "a", "the", "a of the", "-soldiers", '"', "s*", "*"])
def test_a_query_with_nothing_to_find_is_refused_not_answered_with_everything(
    store: Store, query: str
) -> None:
    with pytest.raises(NothingToSearch, match="nothing to search for"):
        search(store, query)


def test_relevance_orders_both_stores_alike(store_url: str) -> None:
    ranked = open_store(store_url)
    often = "The earthquake shook the town. Earthquake damage spread; the earthquake killed 12."
    once = "A report on the harvest, markets, weather and roads; an earthquake was felt far away."
    middle = "The earthquake hit at dawn and another earthquake followed at noon in the hills."
    pairs = [make_pair(11, once), make_pair(12, often), make_pair(13, middle)]
    for n, (_, analysed) in enumerate(pairs):  # the least relevant is the newest
        analysed.article.published = f"2025-0{3 - n}-01"
    ranked.write_batch(pairs)
    order = [h.article_id for h in search(ranked, "earthquake").items]
    assert order == [pairs[1][1].article.id, pairs[2][1].article.id, pairs[0][1].article.id]
    ranked.close()


def test_filters_combine_with_the_match(store: Store) -> None:
    assert search(store, "soldiers", ArticleFilter(outlet="nowhere.example")).total == 0
    assert (
        search(store, "soldiers", ArticleFilter(since="2025-04-28", until="2025-04-28")).total == 2
    )
    assert search(store, "soldiers", ArticleFilter(until="2025-04-27")).total == 0
    assert search(store, "soldiers", ArticleFilter(kind="DEPLOY")).total == 2
    assert search(store, "soldiers", ArticleFilter(kind="KILL")).total == 0
    assert search(store, "title", ArticleFilter(outlet="example.org")).total == 3
    with pytest.raises(BadQuery):
        search(store, "soldiers", ArticleFilter(since="yesterday"))


def test_pagination(store: Store) -> None:
    first = search(store, "title", limit=2)
    second = search(store, "title", limit=2, offset=2)
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
    # events.incident_id, claims.form): an article with its mentions is all 0001 can hold.
    document, analysed = make_pair(7, KURSK)
    analysed.claims, analysed.quantities, analysed.events = [], [], []
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
    parsed = parse_query('kim OR putin -"the talks" kurs* "met in moscow"')
    assert fts5_query(parsed) == (
        '(("kim" OR "putin") AND ("kurs"*) AND ("met in moscow")) NOT "the talks"'
    )
    assert tsquery_text(parsed) == (
        "(('kim') | ('putin')) & ('kurs':*) & (('met' <-> 'in' <-> 'moscow'))"
        " & !('the' <-> 'talks')"
    )
    snippet, marks = snippet_of("x " * 200 + "the soldiers left", ["soldier"])
    assert [snippet[s:e] for s, e in marks] == ["soldiers"]


def test_an_empty_query_with_a_filter_lists_what_the_filter_keeps(store: Store) -> None:
    listed = search(store, "", ArticleFilter(outlet="example.org"))
    assert listed.total == 3 and all(h.marks == [] for h in listed.items)
    assert [h.display_title for h in listed.items] == [h.title for h in listed.items]
    assert search(store, "  ", ArticleFilter(kind="KILL")).total == 0
    with pytest.raises(NothingToSearch):
        search(store, "a", ArticleFilter(outlet="example.org"))  # typed, but nothing to find

"""Fact search: a plain question finds its figure first, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from newsgraph.records import Fact, Statement, Story
from newsgraph.store import open_store
from newsgraph.store.factsearch import parse_question, rank_facts, search_facts


def _statement(value: float, speaker: str | None, as_of: str | None) -> Statement:
    return Statement(None, None, value, None, None, "exact", speaker, "a1", "example.org", as_of)


def _fact(
    fact_id: str,
    kind: str,
    obj: str,
    *,
    story: str = "s1",
    scope: str | None = None,
    series: int = 1,
    sources: int = 1,
) -> Fact:
    history = [_statement(100.0 * (n + 1), "NIS", f"2025-0{n + 1}-01") for n in range(series)]
    return Fact(
        fact_id,
        story,
        kind,
        obj,
        history,
        sources,
        "single_source",
        history,
        scope=scope,
        outlets=["example.org"],
    )


FACTS = [
    _fact("deploy", "DEPLOY", "North Korean soldiers", series=3, sources=2),
    _fact("killed", "KILL", "North Korean soldiers", series=4),
    _fact("civilians", "KILL", "civilians", scope="in Kharkiv"),
    _fact("shells", "SUPPLY", "containers of artillery shells", series=2),
    _fact("builders", "DEPLOY", "builders"),
    _fact("quake", "KILL", "people", story="s2"),
]
LABELS = {"s1": "North Korean troops in Kursk", "s2": "Earthquake on the coast"}


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("soldiers killed", "killed"),
        ("how many North Korean troops have died, according to whom?", "killed"),
        ("troops sent", "deploy"),
        ("munitions shipped", "shells"),
        ("civilians killed in Kharkiv", "civilians"),
        ("deaths in the earthquake", "quake"),
        ("builders deployed", "builders"),
    ],
)
def test_a_plain_question_finds_its_figure_first(question: str, first: str) -> None:
    hits = rank_facts(question, FACTS, LABELS)
    assert hits[0].fact.id == first, [(h.fact.id, h.score) for h in hits]


def test_kind_words_are_read_from_inflected_forms() -> None:
    assert parse_question("who was killed").kinds == {"KILL"}
    assert parse_question("deaths").kinds == {"KILL"}
    assert parse_question("were deployed").kinds == {"DEPLOY"}
    assert parse_question("shells delivered").kinds == {"SUPPLY"}
    assert parse_question("the").kinds == set()


def test_a_question_of_no_figure_finds_nothing() -> None:
    assert rank_facts("weather tomorrow", FACTS, LABELS) == []
    assert rank_facts("", FACTS, LABELS) == []


def test_search_facts_reads_the_store(store_url: str) -> None:
    store = open_store(store_url)
    try:
        store.save_link(
            linked_ids=[],
            assignments={},
            story_records=[
                Story("s1", LABELS["s1"], [], None, None),
                Story("s2", LABELS["s2"], [], None, None),
            ],
            rewrite_records=[],
            fact_records=FACTS,
            fact_stories=["s1", "s2"],
            state={},
        )
        hits = search_facts(store, "soldiers killed")
        assert hits[0].fact.id == "killed"
        assert search_facts(store, "troops sent", story_id="s1")[0].fact.id == "deploy"
        assert all(h.fact.story_id == "s2" for h in search_facts(store, "killed", story_id="s2"))
        assert search_facts(store, "  ") == []
        # hostile words are matched literally, never as SQL wildcards
        assert search_facts(store, "100% _ \\") == []
    finally:
        store.close()

"""A story's dossier lists the facts a later story holds with its statements."""

from __future__ import annotations

from pathlib import Path

from newsgraph.records import Fact, Statement, Story
from newsgraph.store import open_store
from newsgraph.store.queries import story_dossier


def _statement(story: str, value: float) -> Statement:
    return Statement(
        quantity_id=f"q-{story}",
        claim_id=None,
        value=value,
        low=None,
        high=None,
        approx="exact",
        speaker="the agency",
        article_id=f"a-{story}",
        outlet=f"{story}.com",
        as_of="2025-01-01",
        source="agency",
        story_id=story,
    )


def test_dossier_lists_a_series_held_by_a_later_story(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    statements = [_statement("s1", 100), _statement("s2", 150)]
    series = Fact(
        id="f-series",
        story_id="s2",
        kind="KILL",
        object="civilians",
        statements=statements,
        independent_sources=1,
        status="superseded",
        history=statements,
        series_id="s-toll",
        story_ids=["s1", "s2"],
    )
    other = Fact(
        id="f-other",
        story_id="s3",
        kind="KILL",
        object="soldiers",
        statements=[_statement("s3", 5)],
        independent_sources=1,
        status="single_source",
        history=[],
        story_ids=["s3", "s10"],
    )
    store.save_link(
        linked_ids=[],
        assignments={},
        story_records=[Story(s, s, [], None, None) for s in ("s1", "s2", "s3")],
        rewrite_records=[],
        fact_records=[series, other],
        fact_stories=["s1", "s2", "s3"],
        state={},
    )
    assert [f.id for f in story_dossier(store, "s1").facts] == ["f-series"]
    assert [f.id for f in story_dossier(store, "s2").facts] == ["f-series"]
    assert [f.id for f in story_dossier(store, "s3").facts] == ["f-other"]
    store.close()

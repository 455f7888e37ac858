"""Cross-article entity resolution: a bare surname joins the story's one matching full name."""

from __future__ import annotations

from newsgraph.link.entities import surname_merges
from newsgraph.records import Mention, entity_id

KIM = entity_id("Kim", "PERSON")
KIM_JONG_UN = entity_id("Kim Jong Un", "PERSON")
KIM_YO_JONG = entity_id("Kim Yo Jong", "PERSON")


def mention(article: str, name: str, type_: str = "PERSON") -> Mention:
    return Mention(article, 0, len(name), name, name, type_, entity_id(name, type_))  # type: ignore[arg-type]


def test_bare_surname_joins_the_one_full_name() -> None:
    merges = surname_merges([mention("a2", "Kim")], {KIM_JONG_UN: "Kim Jong Un", KIM: "Kim"})
    assert merges == [("a2", KIM, KIM_JONG_UN)]


def test_two_candidates_merge_nothing() -> None:
    people = {KIM_JONG_UN: "Kim Jong Un", KIM_YO_JONG: "Kim Yo Jong"}
    assert surname_merges([mention("a2", "Kim")], people) == []


def test_full_names_and_other_types_stay() -> None:
    people = {KIM_JONG_UN: "Kim Jong Un"}
    assert surname_merges([mention("a2", "Kim Jong Un"), mention("a2", "Kim", "ORG")], people) == []

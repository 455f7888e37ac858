"""Entity mentions: canonical names, SPEC types and in-article alias merging."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.extract.entities import lookup_name, name_key
from newsgraph.records import AnalyzedArticle, entity_id

TEXT = (
    "North Korea’s leader Kim Jong Un met officials on Monday. Kim said the plan worked. "
    "The Korean Central News Agency (KCNA) said the talks were friendly, and KCNA added more. "
    "Ukrainian President Volodymyr Zelenskiy spoke to reporters, and Zelenskyy later wrote that "
    "Trump had called. South Korea's National Intelligence Service (NIS) declined to comment; "
    "the NIS said nothing."
)


@pytest.fixture(scope="module")
def result(analyse: Callable[..., AnalyzedArticle]) -> AnalyzedArticle:
    return analyse(TEXT)


@pytest.mark.parametrize(
    ("surface", "name", "type_"),
    [
        ("North Korea", "North Korea", "GPE"),
        ("Kim", "Kim Jong Un", "PERSON"),
        ("KCNA", "KCNA", "ORG"),
        ("Korean Central News Agency", "KCNA", "ORG"),
        ("Zelenskyy", "Volodymyr Zelensky", "PERSON"),
        ("Trump", "Donald Trump", "PERSON"),
        ("NIS", "National Intelligence Service", "ORG"),
    ],
)
def test_mentions_are_canonical(
    result: AnalyzedArticle, surface: str, name: str, type_: str
) -> None:
    found = [m for m in result.mentions if m.text == surface]
    assert found, f"{surface!r} not among {[m.text for m in result.mentions]}"
    assert {(m.name, m.type) for m in found} == {(name, type_)}
    assert all(m.entity_id == entity_id(name, type_) for m in found)
    assert all(TEXT[m.start : m.end] == m.text for m in found)


def test_no_possessives_newlines_or_numbers(analyse: Callable[..., AnalyzedArticle]) -> None:
    text = (
        "Russia’s army moved.\nUkraine's forces held 300 positions on Monday.\nThe Pentagon agreed."
    )
    mentions = analyse(text).mentions
    assert all("\n" not in m.name and not m.name.endswith(("'s", "’s")) for m in mentions)
    assert {m.type for m in mentions} <= {
        "PERSON",
        "ORG",
        "GPE",
        "LOC",
        "NORP",
        "FAC",
        "EVENT",
        "OTHER",
    }
    assert "Russia" in {m.name for m in mentions}


@pytest.mark.parametrize(
    ("a", "b"), [("Zelenskiy", "Zelenskyy"), ("U.S.", "US"), ("North Korea’s", "north korea")]
)
def test_name_key_folds_variants(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("South Korea's spy agency", "National Intelligence Service"),
        ("intelligence agency of South Korea", "National Intelligence Service"),
        ("Zelensky", "Volodymyr Zelensky"),
    ],
)
def test_lookup_name(text: str, name: str) -> None:
    found = lookup_name(text)
    assert found is not None and found[0] == name


def mentions_of(found: AnalyzedArticle, surface: str) -> list[tuple[str, str]]:
    return [(m.name, m.type) for m in found.mentions if m.text == surface]


def test_nationality_adjectives_mention_their_country(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    found = analyse(
        "North Korean soldiers fought beside Russian troops, and Ukrainian officials said "
        "American intelligence had warned of it. South Korean lawmakers agreed."
    )
    assert mentions_of(found, "North Korean") == [("North Korea", "GPE")]
    assert mentions_of(found, "Russian") == [("Russia", "GPE")]
    assert mentions_of(found, "Ukrainian") == [("Ukraine", "GPE")]
    assert mentions_of(found, "American") == [("United States", "GPE")]
    assert mentions_of(found, "South Korean") == [("South Korea", "GPE")]
    assert not [m for m in found.mentions if m.type == "NORP"]


def test_a_nationality_noun_names_a_person_not_the_country(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    found = analyse("Two hostages, an American and an Australian, were released on Tuesday.")
    assert ("United States", "GPE") not in mentions_of(found, "American")


def test_places_are_typed_by_the_words_around_them(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    found = analyse(
        "Russia said it had retaken the Kursk region. Ukraine said fighting went on in Kursk. "
        "The army shelled the town of Sudzha overnight."
    )
    kursk = {(m.name, m.type) for m in found.mentions if "Kursk" in m.text}
    assert kursk == {("Kursk", "GPE")}
    assert {m.type for m in found.mentions if m.text == "Sudzha"} <= {"GPE", "LOC"}


def test_lower_case_words_are_not_people(analyse: Callable[..., AnalyzedArticle]) -> None:
    found = analyse("In the videos the hostages appeared pale and gaunt, Mike Pompeo said.")
    assert all(any(ch.isupper() for ch in m.text) for m in found.mentions if m.type == "PERSON")
    assert ("Mike Pompeo", "PERSON") in [(m.name, m.type) for m in found.mentions]

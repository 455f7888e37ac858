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

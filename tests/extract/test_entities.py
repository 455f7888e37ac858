"""Entity mentions: canonical names, SPEC types and in-article alias merging."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.entities import find_mentions, lookup_name, name_key
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
        # a description's possessor given as its nationality adjective
        ("the South Korean spy agency", "National Intelligence Service"),
        ("South Korean intelligence", "National Intelligence Service"),
        ("North Korean state media", "KCNA"),
        # a country's own body named in full after its possessive
        ("South Korea's Joint Chiefs of Staff", "Joint Chiefs of Staff"),
    ],
)
def test_lookup_name(text: str, name: str) -> None:
    found = lookup_name(text)
    assert found is not None and found[0] == name


@pytest.mark.parametrize(
    ("text", "name"),
    [("WHO", "WHO"), ("U.S.", "United States"), ("Nato", "NATO"), ("UN", "United Nations")],
)
def test_an_acronym_in_capitals_is_its_body(text: str, name: str) -> None:
    found = lookup_name(text)
    assert found is not None and found[0] == name


@pytest.mark.parametrize("text", ["who", "Who", "us", "Us", "un"])
def test_a_word_that_spells_an_acronym_is_no_name(text: str) -> None:
    # "the waitress, who said that I started it" was a claim of the World Health Organization
    assert lookup_name(text) is None


def test_a_relative_pronoun_speaker_is_not_the_who(analyse: Callable[..., AnalyzedArticle]) -> None:
    found = analyse(
        "The manager believed the waitress, who said that I started the fight. "
        "The WHO said the risk was low."
    )
    who = entity_id("WHO", "ORG")
    by_speaker = {c.speaker: c.speaker_entity_id for c in found.claims}
    assert by_speaker.get("The WHO") == who
    assert all(c.speaker_entity_id != who for c in found.claims if c.speaker != "The WHO")


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


def with_entities(nlp: Language, text: str, marked: list[tuple[str, str]]) -> Doc:
    """`text` parsed, with the model's entities replaced by `marked` (surface, label): the
    model's guesses vary with context, the corrections must hold for any guess."""
    doc = nlp(text)
    spans = []
    for surface, label in marked:
        start = text.index(surface)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
    doc.ents = spans
    return doc


def test_words_that_are_no_names_are_no_entities(nlp: Language) -> None:
    """A span with no proper noun and no capitals ("air sacs", a heading verb) names nobody,
    whatever the model guessed; an acronym the tagger took for a noun stays."""
    text = (
        "Seek out the healthy snacks first.\n"
        "The trigger inflames the lung's air sacs and airways.\n"
        "Apple is a strong advocate for DACA recipients."
    )
    marked = [("Seek", "PERSON"), ("air sacs", "ORG"), ("Apple", "ORG"), ("DACA", "ORG")]
    names = {m.text for m in find_mentions(with_entities(nlp, text, marked), "t").mentions}
    assert names == {"Apple", "DACA"}


def test_a_possessive_inside_a_name_splits_owner_and_owned(nlp: Language) -> None:
    text = "The band plays Cleveland's Public Auditorium, and Jeff Bezos's Blue Origin bids."
    marked = [("Cleveland's Public Auditorium", "ORG"), ("Jeff Bezos's Blue Origin", "PERSON")]
    mentions = find_mentions(with_entities(nlp, text, marked), "t").mentions
    assert [m.text for m in mentions] == [
        "Cleveland",
        "Public Auditorium",
        "Jeff Bezos",
        "Blue Origin",
    ]


def test_one_name_takes_its_majority_type_and_its_person(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    """The model's type of each mention is a vote; a surname known as a person's makes the
    full name and the bare surname that person, whatever one mention was guessed as."""
    text = (
        "Adam Schiff opened the hearing. Schiff said the witnesses were credible. Later Schiff "
        "lied, his critics said, and Schiff pushed on. Adam Schiff left at noon."
    )
    found = analyse(text)
    assert {(m.name, m.type) for m in found.mentions if "Schiff" in m.text} == {
        ("Adam Schiff", "PERSON")
    }


def test_datelines_and_platforms_take_place_and_org_types(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    found = analyse(
        "SIOUX FALLS, S.D. (AP) — People across the nation are talking about it.\n"
        "Be sure to follow the museum on Facebook, Twitter and Instagram. The ministry in "
        "Vietnam did not reply."
    )
    got = {m.text: (m.name, m.type) for m in found.mentions}
    assert got["SIOUX FALLS"] == ("Sioux Falls", "GPE")
    assert got["Twitter"] == ("Twitter", "ORG")
    assert got["Vietnam"] == ("Vietnam", "GPE")


def test_the_south_is_the_one_south_place_the_article_names(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    found = analyse(
        "North Korea sent troops to Russia, South Korea's spy agency said. The South said at "
        "least 300 of them had died. The North denied it."
    )
    got = {m.text: m.name for m in found.mentions}
    assert got.get("South") == "South Korea"
    assert got.get("North") == "North Korea"
    # with no South place named, "the South" stays what it was
    alone = analyse("The South voted differently from the rest of the country.")
    assert "South Korea" not in {m.name for m in alone.mentions}


def test_a_description_a_country_owns_is_that_countrys_body(nlp: Language) -> None:
    """ "Russia's defence ministry": the model marks "defence ministry" alone, in lower case;
    it is no stray phrase but Russia's ministry, named as a reader would name it."""
    text = "Russia's defence ministry said its troops had repelled an attack."
    marked = [("Russia", "GPE"), ("defence ministry", "ORG")]
    mentions = find_mentions(with_entities(nlp, text, marked), "t").mentions
    assert [(m.text, m.name, m.type) for m in mentions] == [
        ("Russia", "Russia", "GPE"),
        ("defence ministry", "Russian defence ministry", "ORG"),
    ]


def test_a_two_word_owner_names_the_body_whole(nlp: Language) -> None:
    text = "South Korea's defence ministry said the drills would go on."
    marked = [("South Korea", "GPE"), ("defence ministry", "ORG")]
    mentions = find_mentions(with_entities(nlp, text, marked), "t").mentions
    assert mentions[-1].name == "South Korean defence ministry"


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        # the short form of the one place the article names with that word
        (
            "North Korea said the South had provoked it, and the North warned of more.",
            "North",
            "North Korea",
        ),
        # a compass word in a report on its counterpart country
        (
            "North Korean troops crossed into Russia. The South said 300 had died.",
            "South",
            "South Korea",
        ),
        ("The South Korean military said the North fired missiles.", "North", "North Korea"),
    ],
)
def test_the_north_and_the_south(
    analyse: Callable[..., AnalyzedArticle], text: str, surface: str, name: str
) -> None:
    assert mentions_of(analyse(text), surface) == [(name, "GPE")]


def test_a_compass_word_with_no_place_of_its_own_names_no_country(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    found = analyse("The storm moved north. In the South, many homes flooded.")
    assert all(m.name != "South Korea" for m in found.mentions)

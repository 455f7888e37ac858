"""Speaker resolution: pronouns and definite descriptions that speak, resolved to the entity
they refer to, while the claim keeps its speaker as written."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.records import AnalyzedArticle, Claim


def _claim(result: AnalyzedArticle, content_part: str) -> Claim:
    found = [c for c in result.claims if content_part in c.content]
    assert found, f"no claim with {content_part!r} in {[c.content for c in result.claims]}"
    return found[0]


def _entity_name(result: AnalyzedArticle, claim: Claim) -> str | None:
    names = {m.entity_id: m.name for m in result.mentions}
    return names.get(claim.speaker_entity_id or "")


@pytest.mark.parametrize(
    ("text", "content", "speaker", "entity"),
    [
        # gender from a given name: the nearer person is a man
        (
            "Karen Dalton, the mayor of Riverton, met Paul Whitby on Friday. She said the "
            "bridge would reopen in June.",
            "the bridge would reopen",
            "She",
            "Karen Dalton",
        ),
        (
            "Councillor Paul Whitby met the mayor, Karen Dalton, on Friday. He said the city "
            "would pay for the repairs.",
            "the city would pay",
            "He",
            "Paul Whitby",
        ),
        # gender from titles
        (
            "Mr. Okafor spoke first and was followed by Ms. Brandt. She said the levy was too "
            "high.",
            "the levy was too high",
            "She",
            "Brandt",
        ),
        # "he concluded": the reviewer, not the nearer woman
        (
            "Dr. Victor Lund reviewed the trial run by Professor Ingrid Sato. He concluded that "
            "the results were sound.",
            "the results were sound",
            "He",
            "Victor Lund",
        ),
        # a name inside the quotation is not its speaker
        (
            'Senator Hal Brewer spoke on Monday. "Nobody trusted Walter Quist," he said.',
            "Nobody trusted Walter Quist",
            "he",
            "Hal Brewer",
        ),
        # "it" is the organisation, never the report it published
        (
            "The International Energy Agency published its yearly outlook on Monday. It said "
            "demand for coal had peaked.",
            "demand for coal had peaked",
            "It",
            "International Energy Agency",
        ),
        # a description goes to the last organisation of its kind, not to a person
        (
            "The series is made by Northlight Studios and stars Anna Keel. The production "
            "company said filming would start in May.",
            "filming would start in May",
            "The production company",
            "Northlight Studios",
        ),
        # what a description says of its referent, in a name, outweighs a nearer company
        (
            "Dick Clark Productions denied the report on Monday. Big Machine called the denial "
            "false and said talks would go on. The production company said in a second "
            "statement that no deal had been signed.",
            "no deal had been signed",
            "The production company",
            "Dick Clark Productions",
        ),
        # a document speaks for whoever issued it
        (
            "The Ministry of Health issued a statement on Monday. The statement said 40 people "
            "were treated.",
            "40 people were treated",
            "The statement",
            "Ministry of Health",
        ),
    ],
)
def test_speaker_resolves_to_its_entity(
    analyse: Callable[..., AnalyzedArticle], text: str, content: str, speaker: str, entity: str
) -> None:
    result = analyse(text)
    claim = _claim(result, content)
    assert claim.speaker == speaker  # as written
    assert _entity_name(result, claim) == entity


def test_pronoun_chain_keeps_one_entity(analyse: Callable[..., AnalyzedArticle]) -> None:
    """The same person speaking as "she" twice is one source, not two."""
    text = (
        "Judge Helen Ward ruled on Thursday that the law was invalid. She said the state had "
        "failed to show harm. She added that an appeal was likely."
    )
    result = analyse(text)
    first = _claim(result, "failed to show harm")
    second = _claim(result, "an appeal was likely")
    assert first.speaker_entity_id is not None
    assert first.speaker_entity_id == second.speaker_entity_id
    assert _entity_name(result, first) == "Helen Ward"


def test_pronoun_of_the_other_gender_stays_unresolved(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    """With only a man named before it, "she" refers to no one the article names."""
    result = analyse("Mr. Tom Reyes left the meeting early. She said the vote was rigged.")
    claim = _claim(result, "the vote was rigged")
    assert claim.speaker == "She"
    assert claim.speaker_entity_id is None


def test_citing_after_the_verb_is_the_upstream(analyse: Callable[..., AnalyzedArticle]) -> None:
    """ "Lawmakers said, citing the spy agency, that ...": lawmakers speak, the agency is the
    `via` and the origin of the figure; "citing the spy agency" is no claim of its own."""
    text = (
        "South Korea's National Intelligence Service briefed lawmakers on Friday. Lawmakers "
        "said, citing the spy agency, that about 3,000 troops had arrived."
    )
    result = analyse(text)
    claim = _claim(result, "3,000 troops had arrived")
    assert claim.speaker == "Lawmakers"
    assert claim.via == "the spy agency"
    assert claim.content.startswith("that about")
    assert [c.cue for c in result.claims] == ["say"]
    (figure,) = result.quantities
    assert figure.speaker == "National Intelligence Service"


def test_figure_source_given_as_a_pronoun_gets_its_entity(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    """A quotation whose speaker is the "she" of the paragraph before: the figure's source is
    the woman that "she" refers to, with her entity."""
    text = (
        "Karen Dalton spoke to reporters on Friday.\n\n"
        '"The river rose fast," she said.\n\n'
        '"We counted 40 bodies. Nobody expected it."'
    )
    result = analyse(text)
    (figure,) = result.quantities
    assert figure.speaker == "Karen Dalton"
    assert figure.speaker_entity_id == next(
        m.entity_id for m in result.mentions if m.name == "Karen Dalton"
    )


def test_statement_is_the_nearest_one_of_its_number(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    """ "the statement" is the last statement named, not someone's "statements" before it."""
    text = (
        "Northwind Records denied the claims in a statement on Monday. Karen Dalton had "
        'criticised the label in her statements on Sunday. "We were shocked," the statement '
        "said, adding that 40 employees had been threatened."
    )
    result = analyse(text)
    claim = _claim(result, "We were shocked")
    assert claim.speaker == "the statement"
    assert _entity_name(result, claim) == "Northwind Records"


def test_unnamed_person_keeps_his_pronoun(analyse: Callable[..., AnalyzedArticle]) -> None:
    """A "he" that continues "the patient" refers to no named entity, not to a name the
    article mentioned in passing."""
    text = (
        "Doctors at Riverside Hospital described a rare case. The patient had kept pigeons "
        "for years. He said that the cough had lasted 12 months."
    )
    result = analyse(text)
    claim = _claim(result, "the cough had lasted")
    assert claim.speaker == "He"
    assert claim.speaker_entity_id is None

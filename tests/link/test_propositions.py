"""Propositions: predicate classes and sides read from a claim's content, without stage A."""

from __future__ import annotations

import pytest

from newsgraph.link.propositions import read_proposition, relative_side, same_proposition
from newsgraph.records import Claim


def claim(content: str, speaker: str = "Officials", stance: str = "assert") -> Claim:
    return Claim(
        id=f"c{abs(hash(content)) % 10**8}",
        article_id="a1",
        start=0,
        end=len(content),
        speaker=speaker,
        speaker_entity_id=None,
        cue="say",
        stance=stance,  # type: ignore[arg-type]
        direct=False,
        content=content,
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("the bridge was reopened on Sunday", "the bridge remains closed"),
        ("the match was cancelled", "the match will go ahead as planned"),
        ("interest rates would rise in March", "interest rates would fall in March"),
        ("the truce was being respected", "the truce had been broken"),
        (
            "Russian troops had withdrawn from the village",
            "Russian troops are still in the village",
        ),
        ("the striker is fit to play on Saturday", "the striker is injured and will miss Saturday"),
    ],
)
def test_opposite_members_of_one_class_contradict(a: str, b: str) -> None:
    pa, pb = read_proposition(claim(a)), read_proposition(claim(b, "Witnesses"))
    assert same_proposition(pa, pb)
    assert relative_side(pb, pa) == -1


def test_a_change_needs_a_subject_that_moved() -> None:
    # "linked to increased weight loss" and "linked to decreased hunger" are study findings,
    # not one figure moving two ways
    p = read_proposition(claim("tracking intake may be linked to increased weight loss"))
    assert not any(c.startswith("change:") for c in p.sides)
    assert read_proposition(claim("exports have not fallen")).sides == {"change:export": 1}


def test_a_pronoun_opening_the_content_is_its_speaker() -> None:
    said = read_proposition(claim("the manager had resigned", "The club"))
    answer = read_proposition(claim("he had not resigned", "The manager"))
    assert same_proposition(said, answer)
    assert relative_side(answer, said) == -1


def test_forms_of_one_word_compare_alike() -> None:
    fired = read_proposition(claim("the police fired on the protesters", "Witnesses"))
    denied = read_proposition(claim("officers did not fire on the protesters", "The police"))
    assert same_proposition(fired, denied) and relative_side(denied, fired) == -1


def test_the_release_of_a_thing_is_no_release_from_custody() -> None:
    held = read_proposition(claim("Assange should remain in jail until his hearing"))
    other = read_proposition(claim("his role in the release of classified material", "The US"))
    assert "capture" not in other.sides and held.sides["capture"] == 1

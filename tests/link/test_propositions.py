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


def _in(article_id: str, content: str, speaker: str, entity: str | None = None) -> Claim:
    c = claim(content, speaker)
    c.id, c.article_id, c.speaker_entity_id = f"{article_id}-{c.id}", article_id, entity
    return c


def test_claims_of_one_article_need_more_than_a_shared_name() -> None:
    """One article names Artemis in every claim: two of its speakers saying different things
    about it are no proposition; the same two claims in two articles may be one."""
    from newsgraph.link.propositions import build_claim_facts
    from newsgraph.records import ArticleRef

    a = "Cooke said the Artemis schedule leaves NASA little margin for a launch slip"
    b = "Babin said the Artemis launch schedule leaves NASA a reassessment to make"
    pa, pb = read_proposition(_in("a1", a, "Cooke")), read_proposition(_in("a1", b, "Babin"))
    assert pa.names & pb.names and not same_proposition(pa, pb)
    apart = read_proposition(_in("a2", b, "Babin"))
    assert same_proposition(pa, apart)
    refs = [ArticleRef("a1", "a.com", "2025-01-10"), ArticleRef("a2", "b.com", "2025-01-11")]
    one = build_claim_facts("s", refs, [_in("a1", a, "Cooke"), _in("a1", b, "Babin")], {})
    assert one == []


def test_one_speaker_written_alike_in_one_article_is_one_source() -> None:
    """ "Schiff's" resolved once to an entity and once not: still one source, so two of his
    sentences do not corroborate each other."""
    from newsgraph.link.propositions import build_claim_facts
    from newsgraph.records import ArticleRef

    refs = [ArticleRef("a1", "a.com", "2025-01-10")]
    first = _in("a1", "that he did not know the name of the whistleblower", "Schiff’s", "e1")
    second = _in("a1", "that he does not know the name of the whistleblower", "Schiff’s")
    facts = build_claim_facts("s", refs, [first, second], {})
    assert all(f.independent_sources == 1 and f.status != "corroborated" for f in facts)


def test_one_article_agreeing_with_itself_is_no_fact_but_its_dispute_is() -> None:
    """Two speakers of one page saying one thing (a quote cut in two) are that page's account,
    no cross-source fact; one page reporting a claim and its denial is a contested fact."""
    from newsgraph.link.propositions import build_claim_facts
    from newsgraph.records import ArticleRef

    refs = [ArticleRef("a1", "a.com", "2025-01-10")]
    said = "the rebels have withdrawn from the town of Kupiansk"
    agreeing = [_in("a1", said, "Dale"), _in("a1", said, "Mike")]
    assert build_claim_facts("s", refs, agreeing, {}) == []
    denied = _in("a1", "the rebels have not withdrawn from the town of Kupiansk", "Kyiv")
    (fact,) = build_claim_facts("s", refs, [agreeing[0], denied], {})
    assert fact.status == "contested"


def test_a_page_with_a_not_somewhere_reports_no_dispute() -> None:
    """On one page, a claim whose "not" bears on another predicate ("free speech does not
    protect people who make threats") does not dispute the quote it repeats ("make threats to
    harm lawmakers"); a call for something does not dispute a statement of how things are."""
    from newsgraph.link.propositions import build_claim_facts
    from newsgraph.records import ArticleRef

    refs = [ArticleRef("a1", "a.com", "2025-01-10")]
    quoted = _in("a1", "make threats to harm lawmakers because they disagree with them", "Zoe")
    repeated = _in(
        "a1",
        "free speech does not protect people who make threats to harm lawmakers because they"
        " disagree with them",
        "Kennedy",
    )
    assert build_claim_facts("s", refs, [quoted, repeated], {}) == []
    call = _in("a1", "an end to the violence in the city", "The UK")
    call.form = "intention"
    stated = _in("a1", "the police alone are not able to end the violence in the city", "Tang")
    assert build_claim_facts("s", refs, [call, stated], {}) == []


def test_a_not_elsewhere_in_a_claim_denies_nothing_the_other_says() -> None:
    """A bare "not" flips a claim with no predicate only when it bears on the other's words."""
    found = read_proposition(
        claim(
            "scientists have not yet detected liquid water, but water vapor is the next best thing"
        )
    )
    told = read_proposition(claim("water vapor is the next best thing to liquid water"))
    assert relative_side(found, told) == 1
    withdrawn = read_proposition(claim("the envoys have not withdrawn from the talks"))
    said = read_proposition(claim("the envoys have withdrawn from the talks"))
    assert relative_side(withdrawn, said) == -1


def _page(*contents: tuple[str, str]) -> list[Claim]:
    found = []
    for n, (content, stance) in enumerate(contents):
        c = claim(content, speaker=f"Speaker {n}", stance=stance)
        c.id, c.start = f"c{n}", n * 100
        found.append(c)
    return found


def test_one_page_quote_holding_another_is_no_dispute() -> None:
    from newsgraph.link.propositions import build_claim_facts
    from newsgraph.records import ArticleRef

    refs = [ArticleRef("a1", "a1.com", "2025-01-01")]
    quote = _page(
        ("I lost followers in a week where I did not post anything. I feel insecure when "
         "people forward my posts to others", "assert"),
        ("I feel insecure when people forward my posts to others", "assert"),
    )  # fmt: skip
    assert not [f for f in build_claim_facts("s", refs, quote, {}) if f.status == "contested"]
    # a denial that quotes the report it denies is the dispute itself
    denial = _page(
        ("claims in a viral post that said the company misreported its sales", "deny"),
        ("the company misreported its sales", "assert"),
    )
    assert [f.status for f in build_claim_facts("s", refs, denial, {})] == ["contested"]


def test_deployments_of_different_things_are_two_propositions() -> None:
    from newsgraph.link.propositions import _sent_things

    assert _sent_things("send military builders and deminers to Russia's Kursk region") == {
        "builder",
        "deminer",
    }
    # numbers and modifiers are no heads; troops and soldiers are one thing; the passive too
    assert (
        _sent_things("deploy 3,000 more troops")
        == _sent_things("soldiers were sent")
        == {"soldier"}
    )
    troops = read_proposition(claim("North Korea would send troops to help Russia"))
    builders = read_proposition(
        claim("North Korea would send military builders and deminers to Russia's Kursk region")
    )
    soldiers = read_proposition(claim("North Korean soldiers were sent to help Russia"))
    assert not same_proposition(troops, builders)
    assert same_proposition(troops, soldiers)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # claims of other stories of one campaign, each naming its ubiquitous candidate
        ("they could not support Clinton for president",
         "Clinton is now poised to become the Democratic nominee for president"),
        ("how important it is to defeat Donald Trump in November",
         "Donald Trump Is a ‘Proven Failure’ in Business."),
        ("If the Trump victory in the primary wasn't enough of one, the Brexit vote should be a "
         "warning to the party", "She knows what it takes to defeat a thin-skinned bully who is "
         "driven by anger and resentment, and Trump is one"),
    ],
)  # fmt: skip
def test_a_shared_name_is_no_proposition_across_stories(a: str, b: str) -> None:
    from newsgraph.link.propositions import cross_match

    assert not cross_match(read_proposition(claim(a)), read_proposition(claim(b)))


def test_a_place_and_a_predicate_class_meet_across_stories() -> None:
    from newsgraph.link.propositions import cross_match

    liberated = read_proposition(claim("the Kursk region had been fully liberated"))
    fighting = read_proposition(claim("fighting continues in the Kursk region"))
    assert cross_match(liberated, fighting)


def test_what_is_risked_or_aimed_at_takes_no_side() -> None:
    """Claims that "raised the risk of mission failure" or "maximize mission success" say
    nothing of how a mission went, so they do not contest each other; a mission that failed
    and one that succeeded still do."""
    risked = read_proposition(
        claim("more launches raised the risk of mission failure, but the architecture needs review")
    )
    aimed = read_proposition(
        claim("the review would ensure an architecture that maximizes mission success")
    )
    assert not risked.sides and not aimed.sides
    assert not same_proposition(risked, aimed)
    failed = read_proposition(claim("the mission to the Moon failed"))
    succeeded = read_proposition(claim("the mission to the Moon was a success"))
    assert same_proposition(failed, succeeded)
    assert relative_side(failed, succeeded) == -1


def test_across_stories_a_claim_says_more_than_its_names() -> None:
    from newsgraph.link.propositions import cross_match

    # months apart, the two overlap by "Hillary Clinton" and a vote: no one proposition
    short = read_proposition(claim("to vote for Hillary Clinton"))
    other = read_proposition(
        claim("not voting for Donald Trump does not mean voting for Hillary Clinton", "NeverTrump")
    )
    assert not cross_match(short, other) and not cross_match(other, short)
    # two words beyond the names are enough: "the talks in Geneva had failed"
    failed = read_proposition(claim("the talks in Geneva had failed", "The envoy"))
    success = read_proposition(claim("the talks in Geneva were a success", "The minister"))
    assert cross_match(failed, success)

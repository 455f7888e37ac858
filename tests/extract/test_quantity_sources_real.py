"""Figure sources on real pages: `tests/data/figure_speakers.jsonl` (91 figures of fifteen bench
text scrapes, labelled by hand; see tests/data/README.md), scored through cleaning and
stage A by `newsgraph.evaluate.figure_speakers`, per fold: `dev` pages were read while the
figure-side rules were written, `held` pages were not, `held-2` pages were labelled after
the first rules and read for the last three."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph.evaluate.figure_speakers import (
    FigureSpeakerScores,
    evaluate_figure_speakers,
    figure_sources,
    found_claim,
    load_labels,
)
from newsgraph.extract import extract
from newsgraph.records import Article

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"
LABELS = REPO / "tests" / "data" / "figure_speakers.jsonl"
HELD_7 = REPO / "tests" / "data" / "figure_speakers_held7.jsonl"
HELD_8 = REPO / "tests" / "data" / "figure_speakers_held8.jsonl"
FLOORS = REPO / "tests" / "floors" / "quantities.json"


def test_labelled_rows_are_well_formed() -> None:
    rows = load_labels(LABELS)
    assert len(rows) >= 90
    assert {row["fold"] for row in rows} == {"dev", "held", "held-2", "held-3", "held-4"}
    for row in rows:
        assert str(row["page"]).startswith(("bench/extraction/text/", "seeds/"))
        assert row["speaker"] is not None or row["entity"] is None


@pytest.fixture(scope="module")
def labelled_scores() -> FigureSpeakerScores:
    """figure_speakers.jsonl scored once for the two tests that read its figures' sources."""
    if not (SHARED / "bench" / "extraction" / "text").is_dir():
        pytest.skip(f"extraction benchmark not found under {SHARED.resolve()}")
    return evaluate_figure_speakers(LABELS, SHARED)


def test_figure_sources_on_labelled_real_pages(labelled_scores: FigureSpeakerScores) -> None:
    floor = json.loads(FLOORS.read_text(encoding="utf-8"))["figure_speakers_real"]
    scores = labelled_scores
    # held-3's page 51d066b0 loses its last sentences to the cleaner (tests/data/README.md)
    rows = load_labels(LABELS)
    held_3 = {(str(r["page"]), str(r["context"])) for r in rows if r["fold"] == "held-3"}
    held_4 = {(str(r["page"]), str(r["context"])) for r in rows if r["fold"] == "held-4"}
    older = [m for m in scores.missing if m not in held_3 | held_4]
    assert len(older) <= floor["missing_at_most"], scores.missing
    missing_3 = [m for m in scores.missing if m in held_3]
    missing_4 = [m for m in scores.missing if m in held_4]
    assert len(missing_3) <= floor["held_3_missing_at_most"], scores.missing
    assert len(missing_4) <= floor["held_4_missing_at_most"], scores.missing
    assert scores.accuracy("held") >= floor["held_speaker_accuracy"], scores.wrong
    assert scores.accuracy("held-2") >= floor["held_2_speaker_accuracy"], scores.wrong
    assert scores.accuracy("held-3") >= floor["held_3_speaker_accuracy"], scores.wrong
    assert scores.accuracy("held-4") >= floor["held_4_speaker_accuracy"], scores.wrong
    assert scores.accuracy("dev") >= floor["dev_speaker_accuracy"], scores.wrong


def test_figure_side_sources_on_labelled_real_pages(labelled_scores: FigureSpeakerScores) -> None:
    floor = json.loads(FLOORS.read_text(encoding="utf-8"))["figure_speakers_real"]
    scores = labelled_scores
    held = scores.accuracy("held", figure_side=True)
    assert held >= floor["held_figure_source_accuracy"], scores.wrong_figure_side
    held_2 = scores.accuracy("held-2", figure_side=True)
    assert held_2 >= floor["held_2_figure_source_accuracy"], scores.wrong_figure_side
    dev = scores.accuracy("dev", figure_side=True)
    assert dev >= floor["dev_figure_source_accuracy"], scores.wrong_figure_side


def test_figure_sources_on_the_held_7_pages() -> None:
    """`figure_speakers_held7.jsonl`: 34 figures of thirteen pages labelled in session 8
    before the extractor met them; first scored 0.700 (held-7a 0.769, held-7b 0.647)."""
    if not (SHARED / "bench" / "extraction" / "text").is_dir():
        pytest.skip(f"extraction benchmark not found under {SHARED.resolve()}")
    floor = json.loads(FLOORS.read_text(encoding="utf-8"))["figure_speakers_real"]
    scores = evaluate_figure_speakers(HELD_7, SHARED)
    assert len(scores.missing) <= floor["held_7_missing_at_most"], scores.missing
    assert scores.accuracy("held-7a") >= floor["held_7a_speaker_accuracy"], scores.wrong
    assert scores.accuracy("held-7b") >= floor["held_7b_speaker_accuracy"], scores.wrong


def test_figure_sources_on_the_held_8_pages() -> None:
    """`figure_speakers_held8.jsonl`: 38 figures of six pages labelled in session 9 before
    the extractor met them; first scored 0.871 (27/31, 7 not detected)."""
    if not (SHARED / "bench" / "extraction" / "text").is_dir():
        pytest.skip(f"extraction benchmark not found under {SHARED.resolve()}")
    floor = json.loads(FLOORS.read_text(encoding="utf-8"))["figure_speakers_real"]
    scores = evaluate_figure_speakers(HELD_8, SHARED)
    assert len(scores.missing) <= floor["held_8_missing_at_most"], scores.missing
    assert scores.accuracy("held-8") >= floor["held_8_speaker_accuracy"], scores.wrong


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        # a reporting relative clause names the figure's source
        (
            "That is less than the $53 million figure McKinley cited, but it is close, "
            "considering that prices fluctuate.",
            "$53 million",
            "McKinley",
        ),
        # a sentence's "according to" names a document's agent
        (
            "According to data released by the ministry in August, capacity reached 1.64 GW.",
            "1.64 GW",
            "the ministry",
        ),
        # "X said, according to Y": the one who said it, not the paper that relayed it
        (
            "There is no evidence linking the case to the earlier two, the health commission "
            "said, according to Reuters.",
            "two",
            "the health commission",
        ),
        # a relative pronoun speaker stands for the noun it follows
        (
            "He referred to Cooke's earlier testimony that concluded there was only a 50 "
            "percent chance of success.",
            "50 percent",
            "Cooke's earlier testimony",
        ),
        # an aside between dashes outside the claim's content is the writer's
        (
            "Sanborn said he thought the campaign – run by a firm with a budget of $449,000 – "
            "was meant to raise eyebrows.",
            "$449,000",
            None,
        ),
        # an embedded post's figures are its author's
        (
            "Protests grew.\n\nWe have started distributing 50 lakh masks today\n\n"
            "— Arvind Kejriwal (@ArvindKejriwal) November 1, 2019\n\nThe haze stayed.",
            "50 lakh",
            "Arvind Kejriwal",
        ),
        # "according to" a work by someone: its author
        (
            "The army may have lost 3,000 soldiers, according to an estimate by a think tank "
            "published on Tuesday.",
            "3,000",
            "a think tank",
        ),
        (
            "According to a study from Seoul National University, 40 percent of defectors "
            "are unemployed.",
            "40 percent",
            "Seoul National University",
        ),
        # an age the writer adds to the speaker's name is the writer's, one in a reported
        # content the source's; a story's opening dateline is no speaker
        (
            "\u201cThis was the fourth time,\u201d said Singh Jabarjung, 24, from Punjab.",
            "24",
            None,
        ),
        (
            "Patrick Carlineo Jr., 55, pleaded guilty, the U.S. Attorney's Office said.",
            "55",
            "the U.S. Attorney's Office",
        ),
        (
            "NEW DELHI: Nearly 150 Indians returned home on Wednesday after being deported.",
            "Nearly 150",
            None,
        ),
        # a price charged is no charge made; a scene-setting participle is the writer's
        ("The oxygen bar charges Rs 299 for fifteen minutes of pure air.", "fifteen minutes", None),
        (
            "Launching his bid less than three months before the caucuses, Patrick is betting "
            "that he can make his case.",
            "less than three months",
            None,
        ),
        # a quoted figure no claim took is its quote's: the clause after the closing mark
        (
            '"Going upstairs was a 30 minute activity as I could only manage two stairs at '
            'a time," the patient described in the case report.',
            "two",
            "the patient",
        ),
        (
            '"If we were able to cut the metabolic rate by 75%, we could save mass," explains '
            "Team Leader Jennifer Ngo.",
            "75%",
            "Team Leader Jennifer Ngo",
        ),
        # a reporting clause before the opening mark
        (
            "As he related, \u201cthe course of steroids continued ultimately for 12 months.\u201d",
            "12 months",
            "he",
        ),
        (
            "Here is how bad things got in the words of the patient: \u201cI could manage two "
            "stairs at a time.\u201d",
            "two",
            "the patient",
        ),
        # a paragraph that opens a quote and names no one continues the quote before it
        (
            '"We worked on the architecture," comments Robin Biesbroek of the agency.\n\n'
            '"Finally we created a roadmap to reach Mars within 20 years."',
            "within 20 years",
            "Robin Biesbroek of the agency",
        ),
        # a quote that closes the text after '!' has no clause after it to name anyone
        ('At a rally, a girl hoisted a sign that read "15%!"', "15%", None),
        # ... but a quote that is a sentence of the article's own names no one
        ("Things got bad: \u201cSome 40 people died.\u201d", "Some 40", None),
        # a claim in a subordinate clause that does not govern the figure is not its source
        (
            "Andrew also spent 45 seconds explaining how he could not have been there, "
            "because she described him as sweating.",
            "45 seconds",
            None,
        ),
        # an "according to" that does not hang from a saying keeps its source
        (
            "A further 17 manufacturers, according to the report, had operations.",
            "17",
            "the report",
        ),
        # an opening "After ..." clause with its own subject sets the writer's scene
        (
            "After the party decided to wage a three-year campaign, the public began to "
            "wonder whether it was worth it.",
            "three-year",
            None,
        ),
        # what a writer writes is no claim of theirs; a pull quote is its credit's
        ("Ford opted instead to write two Star Trek novels.", "two", None),
        (
            "The book was a hit.\n\n\u201cFive books came out in one year.\u201d \u2014 Neil Gaiman"
            "\n\nBut the novels were only the beginning.",
            "Five",
            "Neil Gaiman",
        ),
    ],
)
def test_the_source_a_figure_s_own_phrase_or_sentence_gives(
    nlp: Language, text: str, figure: str, expected: str | None
) -> None:
    doc = nlp(text)
    found = extract(doc, Article.bare("t0", text, published="2019-11-19"))
    (quantity,) = [q for q in found.quantities if q.text == figure]
    side = figure_sources(doc, found)[quantity.id]
    claim = found_claim(found, quantity)
    speaker = side.speaker if side is not None else (claim.speaker if claim else None)
    assert speaker == expected

"""Attribution: speakers, cues, stances, quotations and nested sources on invented sentences."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.records import AnalyzedArticle, Claim, entity_id


def _claim(result: AnalyzedArticle, content_part: str) -> Claim:
    found = [c for c in result.claims if content_part in c.content]
    assert found, f"no claim with {content_part!r} in {[c.content for c in result.claims]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue", "stance", "direct"),
    [
        (
            "The ministry said the bridge had collapsed.",
            "the bridge had collapsed",
            "The ministry",
            "say",
            "assert",
            False,
        ),
        (
            "The bridge had collapsed, the ministry said on Friday.",
            "The bridge had collapsed",
            "the ministry",
            "say",
            "assert",
            False,
        ),
        (
            "Analysts believe the dam will hold.",
            "the dam will hold",
            "Analysts",
            "believe",
            "hedge",
            False,
        ),
        (
            "It is also said that the mayor resigned.",
            "that the mayor resigned",
            None,
            "say",
            "hedge",
            False,
        ),
        (
            "The mayor has reportedly resigned over the scandal.",
            "The mayor has reportedly resigned over the scandal",
            None,
            "reportedly",
            "hedge",
            False,
        ),
        (
            "According to the police, four shops were looted.",
            "four shops were looted",
            "the police",
            "according to",
            "assert",
            False,
        ),
        (
            "Sources said the deal was signed.",
            "the deal was signed",
            "Sources",
            "say",
            "hedge",
            False,
        ),
        (
            "The company denied that it had paid the bribe.",
            "that it had paid the bribe",
            "The company",
            "deny",
            "deny",
            False,
        ),
        (
            "The embassy dismissed the reports as fake.",
            "the reports",
            "The embassy",
            "dismiss",
            "deny",
            False,
        ),
        (
            "The senator wants to raise the minimum wage.",
            "to raise the minimum wage",
            "The senator",
            "want",
            "assert",
            False,
        ),
        (
            "Most voters know that the election will be close.",
            "that the election will be close",
            "Most voters",
            "know",
            "assert",
            False,
        ),
        (
            "The governor plans to visit the flooded towns next week.",
            "to visit the flooded towns next week",
            "The governor",
            "plan",
            "assert",
            False,
        ),
        (
            "The new bridge is expected to open in the spring.",
            "The new bridge is expected to open in the spring",
            None,
            "expect",
            "hedge",
            False,
        ),
        (
            "“We will rebuild the town,” the governor told reporters.",
            "We will rebuild the town",
            "the governor",
            "tell",
            "assert",
            True,
        ),
    ],
)
def test_claim(
    analyse: Callable[..., AnalyzedArticle],
    text: str,
    content: str,
    speaker: str | None,
    cue: str,
    stance: str,
    direct: bool,
) -> None:
    result = analyse(text)
    claim = _claim(result, content)
    assert (claim.content, claim.speaker, claim.cue, claim.stance, claim.direct) == (
        content,
        speaker,
        cue,
        stance,
        direct,
    )
    assert text[claim.content_start : claim.content_end] == claim.content
    assert claim.start <= claim.content_start and claim.content_end <= claim.end


def test_unattributed_statement_is_not_a_claim(analyse: Callable[..., AnalyzedArticle]) -> None:
    assert analyse("The bridge collapsed on Monday. Traffic was diverted.").claims == []


def test_split_quote_gives_two_direct_claims(analyse: Callable[..., AnalyzedArticle]) -> None:
    text = '"We are ready," the coach said, "and we will win the final."'
    claims = analyse(text).claims
    assert [c.content for c in claims] == ["We are ready", "and we will win the final."]
    assert all(c.direct and c.speaker == "the coach" for c in claims)


def test_quotation_of_several_sentences_is_one_content(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    text = "“The dam held. The town is safe,” the mayor said on Sunday."
    claim = _claim(analyse(text), "The dam held")
    assert claim.content == "The dam held. The town is safe"
    assert claim.speaker == "the mayor" and claim.direct


def test_quotation_continued_in_next_sentence_is_its_second_half(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    # “A,” X said. “B.”: B is the quotation's second half, as in “A,” said X, “B.”: a claim of
    # its own with the same cue and speaker, the reporting clause in neither content
    text = "“The dam held,” the mayor said. “The town is safe.”\n\nRain fell again on Monday."
    claims = sorted(analyse(text).claims, key=lambda c: c.start)
    assert [c.content for c in claims] == ["The dam held", "The town is safe."]
    assert [c.speaker for c in claims] == ["the mayor", "the mayor"]
    assert claims[0].cue == claims[1].cue
    assert all(c.direct for c in claims)


@pytest.mark.parametrize("mark", ["''", '"'])
def test_quotation_continued_after_plain_marks_is_its_second_half(
    analyse: Callable[..., AnalyzedArticle], mark: str
) -> None:
    # the parser ends "the mayor said." after the next quotation's opening mark
    text = f"{mark}The dam held,{mark} the mayor said. {mark}The town is safe.{mark}\n\nRain fell."
    claims = sorted(analyse(text).claims, key=lambda c: c.start)
    assert [c.content for c in claims] == ["The dam held", "The town is safe."]
    assert [c.speaker for c in claims] == ["the mayor", "the mayor"]


def test_indirect_content_continued_by_a_quotation_extends_the_claim(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    text = "The mayor said the dam held. “The town is safe.”\n\nRain fell again on Monday."
    claims = analyse(text).claims
    assert len(claims) == 1
    assert claims[0].content.startswith("the dam held")
    assert claims[0].content.endswith("The town is safe.")


def test_next_quotation_with_its_own_cue_is_its_own_claim(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    text = "“The dam held,” the mayor said. “The town is safe,” the engineer added."
    contents = sorted(c.content for c in analyse(text).claims)
    assert contents == ["The dam held", "The town is safe"]


def test_quotation_paragraphs_after_a_reporting_paragraph_are_its_further_halves(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    # “A,” X said.¶“B.”¶“C.”: the speaker goes on in the paragraphs that are quotations alone
    text = (
        "“The levee will hold through the weekend,” the engineer said.\n\n"
        "“We reinforced the north bank in March.”\n\n"
        "“Nobody needs to leave.”\n\n"
        "Rain fell again on Monday."
    )
    claims = sorted(analyse(text).claims, key=lambda c: c.content_start or 0)
    assert [c.content for c in claims] == [
        "The levee will hold through the weekend",
        "We reinforced the north bank in March.",
        "Nobody needs to leave.",
    ]
    assert {c.speaker for c in claims} == {"the engineer"}
    assert len({c.cue for c in claims}) == 1 and all(c.direct for c in claims)


@pytest.mark.parametrize(
    "second",
    [
        "“We reinforced the north bank,” the mayor added.",  # a reporting clause of its own
        "The mayor disagreed. “We reinforced the north bank.”",  # not a quotation alone
    ],
)
def test_paragraph_not_a_bare_quotation_is_not_read_on(
    analyse: Callable[..., AnalyzedArticle], second: str
) -> None:
    text = f"“The levee will hold,” the engineer said.\n\n{second}\n\nRain fell on Monday."
    engineer = [c for c in analyse(text).claims if c.speaker == "the engineer"]
    assert [c.content for c in engineer] == ["The levee will hold"]


def test_nested_attribution(analyse: Callable[..., AnalyzedArticle]) -> None:
    text = (
        "About 40 rebels were killed in the clashes, a senator said on Monday, citing the "
        "Defence Intelligence Agency."
    )
    result = analyse(text)
    claim = _claim(result, "rebels were killed")
    assert claim.speaker == "a senator"
    assert claim.via == "the Defence Intelligence Agency"
    figure = next(q for q in result.quantities if q.value == 40)
    assert figure.claim_id == claim.id
    assert figure.speaker == "Defence Intelligence Agency"


def test_pronoun_speaker_resolves(analyse: Callable[..., AnalyzedArticle]) -> None:
    text = "Prime Minister Anna Kowalska spoke on Monday. She said 300 homes were destroyed."
    result = analyse(text)
    figure = next(q for q in result.quantities if q.value == 300)
    assert figure.speaker == "Anna Kowalska"


@pytest.mark.parametrize(
    "text",
    ['He said "unfinished', '““”" said the man', "'", 'x "a" "b" "c', "“Never closed, he said."],
)
def test_unbalanced_quotes_never_raise(analyse: Callable[..., AnalyzedArticle], text: str) -> None:
    analyse(text)


def test_reporting_clause_inside_another_claim_keeps_its_own_speaker(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    # "said" hangs on the first claim's clause ("while ..."): its subject is still its speaker,
    # and the pronoun of the nested "hoped" is that speaker.
    text = (
        "Engineers warned that the old bridge was unsafe for trucks, while the city's mayor "
        "said she hoped repairs would begin within a month."
    )
    claim = _claim(analyse(text), "repairs would begin")
    assert claim.speaker == "the city's mayor"
    assert claim.cue == "hope"


@pytest.mark.parametrize(
    ("text", "value", "speaker"),
    [
        ("Seoul said 300 soldiers had been killed.", 300, "South Korea"),
        ("The Kremlin said 40 drones were shot down overnight.", 40, "Russia"),
        ("Moscow's defence ministry said 12 drones were downed.", 12, "Russian defence ministry"),
        ("Pyongyang claimed that 5,000 workers had volunteered.", 5000, "North Korea"),
    ],
)
def test_capital_speaks_for_its_government(
    analyse: Callable[..., AnalyzedArticle], text: str, value: int, speaker: str
) -> None:
    figure = next(q for q in analyse(text).quantities if q.value == value)
    assert figure.speaker == speaker


def test_capital_as_written_keeps_its_text(analyse: Callable[..., AnalyzedArticle]) -> None:
    claim = analyse("Seoul said 300 soldiers had been killed.").claims[0]
    assert claim.speaker == "Seoul"
    assert claim.speaker_entity_id == entity_id("South Korea", "GPE")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Three cases were confirmed on Monday, though officials say the risk is low.", 3),
        ("The president offered to release two prisoners in exchange for the pilots.", 2),
    ],
)
def test_figure_outside_a_report_has_no_speaker(
    analyse: Callable[..., AnalyzedArticle], text: str, value: int
) -> None:
    figure = next(q for q in analyse(text).quantities if q.value == value)
    assert figure.speaker is None


def test_pronoun_speaker_keeps_its_text_and_gets_the_referent(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    text = "General Lee Min-ho briefed reporters on Tuesday. He added that 40 soldiers were killed."
    result = analyse(text)
    lee = next(m for m in result.mentions if m.text == "Lee Min-ho")
    claim = _claim(result, "40 soldiers were killed")
    assert (claim.speaker, claim.speaker_entity_id) == ("He", lee.entity_id)
    figure = next(q for q in result.quantities if q.value == 40)
    assert figure.speaker_entity_id == lee.entity_id


def test_quotation_in_a_new_paragraph_is_its_speakers_claim(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    text = (
        'The senator called the bill "weak" and "timid."\n\n'
        '"I am going to vote against it and I am going to tell my voters why," Ms. Lane said.'
    )
    claim = _claim(analyse(text), "I am going to vote against it")
    assert claim.speaker == "Ms. Lane"
    assert claim.direct
    assert "timid" not in claim.content


def test_an_attitude_takes_its_object_as_content(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    claim = _claim(analyse("The former governor endorsed Senator Lane for president."), "Lane")
    assert claim.speaker == "The former governor"
    assert claim.content == "Senator Lane for president"


def test_the_circumstances_of_a_statement_are_no_claim(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    text = "Asked about the audit, the mayor said the city had paid every bill."
    claims = analyse(text).claims
    assert [c.content for c in claims] == ["the city had paid every bill"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Renee Gold, 83, of Sarasota, said the plan had failed.", "Renee Gold"),
        (
            "Howard Rubel, a senior analyst at Jefferies, who follows the company, said the "
            "merger would close.",
            "Howard Rubel, a senior analyst at Jefferies",
        ),
    ],
)
def test_what_a_comma_adds_after_the_speaker_is_not_the_speaker(
    analyse: Callable[..., AnalyzedArticle], text: str, speaker: str
) -> None:
    (claim,) = analyse(text).claims
    assert claim.speaker == speaker


def test_a_reporting_verb_with_an_object_the_model_reads_is_a_claim(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    claim = _claim(analyse("Sanders called the plan a disgrace at a rally."), "the plan")
    assert claim.speaker == "Sanders" and claim.cue == "call"


def test_according_to_inside_its_clause_attributes_the_whole_sentence(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    text = "At the heart of the trouble, according to Dennis Ross, was a decision by the mayor."
    claim = _claim(analyse(text), "At the heart")
    assert claim.content.endswith("was a decision by the mayor")
    assert claim.speaker == "Dennis Ross"


def test_a_coordinated_verb_without_its_own_subject_stays_in_the_content(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    text = "She was tired of the status quo and wanted a new candidate, she said."
    claim = _claim(analyse(text), "tired")
    assert claim.content == "She was tired of the status quo and wanted a new candidate"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Trump said: "Our country is a mess, and we cannot let this go on."', "Trump"),
        ('He told reporters: "We will win."', "He"),
    ],
)
def test_a_quotation_opening_after_the_reporting_verb_is_its_content(
    analyse: Callable[..., AnalyzedArticle], text: str, speaker: str
) -> None:
    (claim,) = analyse(text).claims
    assert claim.direct and claim.speaker == speaker
    assert claim.content == text.split('"')[1]


def test_a_phrase_after_a_comma_is_not_the_speaker(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    (claim,) = analyse("Cruz, with unconcealed delight, said Trump had lost.").claims
    assert claim.speaker == "Cruz"


def test_what_a_comma_appends_to_a_content_is_not_attributed(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    text = (
        "Officials say the bulk of ground troops should be Arab fighters, a theoretical "
        "force the administration has struggled to raise."
    )
    claim = _claim(analyse(text), "ground troops")
    assert claim.content == "the bulk of ground troops should be Arab fighters"


def test_a_relative_clause_reports_what_follows_its_verb(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    text = "The governor vetoed a bill, which critics said was discriminatory against students."
    claim = _claim(analyse(text), "discriminatory")
    assert claim.content == "was discriminatory against students"
    assert claim.speaker == "critics"


@pytest.mark.parametrize(
    "text",
    [
        "Pyongyang called the reports fake news.",
        "Moscow called the claims baseless.",
        "The ministry called the allegations a pack of lies.",
    ],
)
def test_calling_a_report_false_is_a_denial(
    analyse: Callable[..., AnalyzedArticle], text: str
) -> None:
    """SPEC's example of `deny`: the dismissal sits on the object's complement ("fake news"),
    which hangs on the cue, outside the content's own clause."""
    (claim,) = analyse(text).claims
    assert claim.stance == "deny", claim


def test_calling_a_plan_bold_is_no_denial(analyse: Callable[..., AnalyzedArticle]) -> None:
    claims = analyse("The governor called the campaign a bold, innovative effort.").claims
    assert all(c.stance != "deny" for c in claims)


def test_a_reporting_clause_relayed_by_according_to_is_one_claim(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    """ "A, the spokesman said, according to Reuters": the spokesman speaks, Reuters relays
    (`via`), and the content is the clause before the reporting clause."""
    found = analyse("The company will cut 500 jobs, the spokesman said, according to Reuters.")
    (claim,) = found.claims
    assert (claim.speaker, claim.via, claim.content) == (
        "the spokesman",
        "Reuters",
        "The company will cut 500 jobs",
    )
    assert [q.speaker for q in found.quantities] == ["spokesman"]


def test_a_dateline_is_never_the_speaker(analyse: Callable[..., AnalyzedArticle]) -> None:
    """The parser can take the dispatch's dateline for a second subject; where a report was
    filed is not who speaks."""
    found = analyse(
        "SIOUX FALLS, S.D. – People across the nation are saying the slogan is working well."
    )
    assert found.claims
    assert all("SIOUX" not in (c.speaker or "") for c in found.claims)


def test_reported_clause_continued_by_a_quotation_extends_the_claim(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    # annotators take the quotation that follows an indirect report, in the same
    # paragraph, as more of what the speaker said
    text = "The mayor said the dam had held. “The town is safe.”\n\nRain fell on Monday."
    claim = _claim(analyse(text), "the dam had held")
    assert claim.content == "the dam had held. “The town is safe."
    assert claim.speaker == "The mayor" and not claim.direct


def test_next_sentence_with_its_own_cue_does_not_extend_a_reported_clause(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    text = "The mayor said the dam had held. “The town is safe,” she added.\n\nRain fell."
    claim = _claim(analyse(text), "the dam had held")
    assert claim.content == "the dam had held"


def test_a_line_opening_with_a_name_and_a_colon_is_that_name_speaking(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    text = "Mayor Lee: The Dam Will Hold Through the Winter\n\nThe river rose on Monday."
    claim = _claim(analyse(text), "The Dam Will Hold")
    assert (claim.speaker, claim.cue, claim.content) == (
        "Mayor Lee",
        ":",
        "The Dam Will Hold Through the Winter",
    )


@pytest.mark.parametrize(
    "text",
    [
        "UPDATE: The river rose on Monday.",
        "Here is the thing: the river rose on Monday.",
        "@media screen and (max-width: 600px) { body { margin: 0 } }",
    ],
)
def test_a_label_or_a_phrase_before_a_colon_is_no_speaker(
    analyse: Callable[..., AnalyzedArticle], text: str
) -> None:
    assert [c.cue for c in analyse(text).claims if c.cue == ":"] == []


def test_a_raising_verb_attributes_its_subject_and_infinitive_only(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    text = "The two mayors seemed to be well known in town, and voters greeted both by name."
    claim = _claim(analyse(text), "well known in town")
    assert claim.content == "The two mayors seemed to be well known in town"
    assert claim.speaker is None


def test_calling_something_something_attributes_both(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    text = "The senator called the plan a disaster for farmers."
    claim = _claim(analyse(text), "a disaster")
    assert (claim.content, claim.speaker) == ("the plan a disaster for farmers", "The senator")


def test_a_question_asked_of_someone_is_the_question(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    text = "The reporter asked the mayor whether the dam would hold."
    claim = _claim(analyse(text), "the dam would hold")
    assert (claim.content, claim.speaker) == ("whether the dam would hold", "The reporter")


def test_a_second_said_of_the_same_speaker_is_a_second_claim(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    text = "He said the base went into collect mode at once and said the rescue was a priority."
    claims = analyse(text).claims
    first = _claim(analyse(text), "collect mode")
    assert first.content == "the base went into collect mode at once"
    second = next(c for c in claims if c.content == "the rescue was a priority")
    assert second.speaker == "He"


def test_saying_after_a_preposition_is_said_by_the_subject_above(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    text = 'On Twitter, she responded on Tuesday by saying, "Seriously, just stop lying."'
    claim = _claim(analyse(text), "stop lying")
    assert claim.speaker == "she"


def test_a_bare_participle_reports_nothing(analyse: Callable[..., AnalyzedArticle]) -> None:
    """A participle with no auxiliary ("a bacteria usually found in small mammals") may be
    the parser's root: it still attributes nothing to the bacteria; "Researchers found" does."""
    text = (
        "Plague is caused by the bacteria Yersinia pestis - a bacteria usually found in small"
        " mammals and their fleas."
    )
    assert [c.speaker for c in analyse(text).claims] == []
    found = analyse("Researchers found that the bacteria survive for weeks in soil.").claims
    assert [c.speaker for c in found] == ["Researchers"]


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (  # the opening mark kept with the sentence before by the parser
            "The town was quiet, a prospect sure to worry many traders. ''Wow, what a strange"
            " day,'' she said in the square later that week in response to a question.",
            "Wow, what a strange day",
            "she",
        ),
        (  # a clause of the verb inside the quotation, another before a colon
            "Lee, who served as counsel under the governor, went through the code of conduct the"
            " town has long kept: ''Courtesy and good manners were kind of assumed,'' he said.",
            "Courtesy and good manners were kind of assumed",
            "he",
        ),
        (  # the speaker phrase parsed as no subject of the verb
            "“We were tremendously wrong to not have confronted him from the beginning,” Ramos,"
            " 58, told a reporter in an interview in the capital on Monday.",
            "We were tremendously wrong to not have confronted him from the beginning",
            "Ramos, 58",
        ),
    ],
)
def test_a_quotation_closing_before_its_reporting_clause_is_its_content(
    analyse: Callable[..., AnalyzedArticle], text: str, content: str, speaker: str
) -> None:
    claim = _claim(analyse(text), content)
    assert (claim.content, claim.speaker, claim.direct) == (content, speaker, True)


def test_a_verb_standing_as_a_reporting_clause_reports_the_quotation(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    """No lexicon entry for "wonder aloud": the quotation ending on a question mark right
    before "the mayor wondered" makes it one."""
    text = "“Who will pay for the new dam?” the mayor wondered aloud at the meeting."
    claim = _claim(analyse(text), "Who will pay")
    assert (claim.content, claim.speaker, claim.direct) == (
        "Who will pay for the new dam?",
        "the mayor",
        True,
    )


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("Dr. Ben Lee: Flood ‘Worst In A Century’\n\nThe river rose.", "Dr. Ben Lee", "Flood"),
        (  # the parser tags the name a common noun
            "Lopez: ‘I’m the Best Thing That Ever Happened to the Town.’\n\nThe river rose.",
            "Lopez",
            "Best Thing",
        ),
    ],
)
def test_a_headline_name_with_a_title_or_before_a_quotation_speaks(
    analyse: Callable[..., AnalyzedArticle], text: str, speaker: str, content: str
) -> None:
    claim = _claim(analyse(text), content)
    assert (claim.speaker, claim.cue) == (speaker, ":")


def test_a_reporting_clause_marked_as_before_a_clause_attributes_it(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    text = (
        "As reported by the Daily Ledger, last year the town became the first in the county to"
        " build a dam."
    )
    claim = _claim(analyse(text), "the first in the county")
    assert claim.content == "last year the town became the first in the county to build a dam"
    assert (claim.speaker, claim.cue) == ("the Daily Ledger", "report")


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (  # the quotation parsed as a second subject of "said"
            '"The more people who know about the plan, the better they like it and the ideas'
            ' that it rests on," Briggs said.',
            "The more people who know about the plan",
            "Briggs",
        ),
        (  # the speaker of an inverted clause parsed as the verb's object
            "“It’s the mayor’s race to lose at this point,” added another New Hampshire Democrat.",
            "the mayor’s race to lose",
            "another New Hampshire Democrat",
        ),
    ],
)
def test_the_speaker_of_a_reporting_clause_after_a_quotation(
    analyse: Callable[..., AnalyzedArticle], text: str, content: str, speaker: str
) -> None:
    claim = _claim(analyse(text), content)
    assert (claim.speaker, claim.direct) == (speaker, True)


def test_the_writers_you_is_the_reader_and_no_source(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    result = analyse(
        "If you want to retire early, you should save more. So now you know that there is an "
        'oxygen bar in Delhi. "You said the bridge was safe," the mayor told the engineer.'
    )
    assert [c.speaker for c in result.claims] == ["the mayor"]  # the quoted "you" is his


def test_a_quotations_close_is_not_part_of_the_speaker(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    result = analyse(
        '"We have found the next best thing: water in vapor form," lead researcher and NASA '
        "planetary scientist Lucas Paganini said in a statement."
    )
    claim = _claim(result, "the next best thing")
    assert claim.speaker == "lead researcher and NASA planetary scientist Lucas Paganini"


def test_a_labels_row_of_counted_items_is_no_ones_statement(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    result = analyse(
        "Meal Prep Menu\nPortion Fix Containers: 1 Green, 1 Red, 1 Yellow, 1 tsp.\n"
        "Poll: Clinton 45, Trump 40\nThe race is close, analysts said."
    )
    assert sorted(c.speaker or "" for c in result.claims) == ["Poll", "analysts"]


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content"),
    [
        ("Most union members support Senator Ruiz.", "Most union members", "support", "Ruiz"),
        ("Voters who back Governor Lane turned out early.", "who", "back", "Governor Lane"),
        ("Farmers in the valley overwhelmingly favor Ruiz.", "Farmers", "favor", "Ruiz"),
    ],
)
def test_stance_towards_an_object_is_proposed_under_the_cue_threshold(
    analyse: Callable[..., AnalyzedArticle], text: str, speaker: str, cue: str, content: str
) -> None:
    # the cue model rates "support|dobj" under its own threshold; proposed at the filter's
    # lower one, the filter keeps a person's or a group's stance towards someone
    claims = analyse(text).claims
    assert [(c.cue, c.content) for c in claims] == [(cue, claims[0].content)]
    assert content in claims[0].content and (claims[0].speaker or "").startswith(speaker)


@pytest.mark.parametrize(
    "text",
    [
        "Neither ministry responded to requests for comment on Friday.",
        "No official responded to requests for comment.",
    ],
)
def test_no_one_acting_on_an_object_is_no_claim(
    analyse: Callable[..., AnalyzedArticle], text: str
) -> None:
    assert analyse(text).claims == []


def test_a_stance_towards_an_object_gives_no_figure_a_source(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    # PolNeAR marks "support" as the members' attribution; the sum is the writer's
    result = analyse("Most union members support the $1.2 trillion spending bill.")
    assert [(c.cue, c.speaker) for c in result.claims] == [("support", "Most union members")]
    (figure,) = result.quantities
    assert figure.speaker is None and figure.claim_id is None


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "In a new Quinnipiac poll, Sanders leads Clinton by 10 points.",
            "a new Quinnipiac poll",
            "Sanders leads Clinton by 10 points",
        ),
        ("Sanders has sagged in the polls.", "the polls", "Sanders has sagged"),
    ],
)
def test_a_poll_speaks_through_in(
    analyse: Callable[..., AnalyzedArticle], text: str, speaker: str, content: str
) -> None:
    claims = analyse(text).claims
    assert [(c.cue, c.speaker, c.content) for c in claims] == [("in", speaker, content)]


def test_in_a_statement_the_reporting_verb_is_the_cue(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    claims = analyse("In a statement, the ministry said the bridge had collapsed.").claims
    assert [(c.cue, c.speaker) for c in claims] == [("say", "the ministry")]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        # a participle that reports nothing itself stays in what is said
        (
            "Rubio said the party should unite, pointing to his record in Florida.",
            "say",
            "the party should unite, pointing to his record in Florida",
        ),
        # one that reports anew is a claim of its own
        (
            "Sanders wants to win California, saying the state is his best chance.",
            "want",
            "to win California",
        ),
    ],
)
def test_a_participle_after_a_content_stays_unless_it_reports(
    analyse: Callable[..., AnalyzedArticle], text: str, cue: str, content: str
) -> None:
    claim = _claim(analyse(text), content.split(",")[0])
    assert (claim.cue, claim.content) == (cue, content)


def test_a_second_act_coordinated_with_the_first_is_no_content_of_it(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    # "calls" is coordinated with "respects", not said: two claims, the first cut before it
    text = "He says he respects Clinton and calls her an extremely intelligent woman."
    claims = analyse(text).claims
    assert [(c.cue, c.content) for c in claims] == [
        ("say", "he respects Clinton"),
        ("call", "her an extremely intelligent woman"),
    ]

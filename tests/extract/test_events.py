"""Events from verb frames, linked to the claim that reports them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.records import AnalyzedArticle


@pytest.mark.parametrize(
    ("text", "action", "when"),
    [
        ("Russia deployed troops to Belarus on Monday.", "DEPLOY", "2025-03-03"),
        ("Rebels captured the airport.", "CAPTURE", None),
        ("The two presidents met in Geneva.", "MEET", None),
        ("Ukrainian forces retook the village.", "RETAKE", None),
    ],
)
def test_event_action(
    analyse: Callable[..., AnalyzedArticle], text: str, action: str, when: str | None
) -> None:
    events = [e for e in analyse(text, "2025-03-05").events if e.action != "OTHER"]
    assert [e.action for e in events] == [action]
    assert events[0].when == when
    assert events[0].claim_id is None


def test_reported_event_links_to_claim(analyse: Callable[..., AnalyzedArticle]) -> None:
    result = analyse("The ministry said Russia had deployed 500 troops to the border.")
    (event,) = [e for e in result.events if e.action == "DEPLOY"]
    assert event.claim_id == result.claims[0].id


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Tara Reid checked herself into rehab on Tuesday.", "checked"),
        ("A powerful earthquake shook the island.", "earthquake"),
        ("Lindsay Lohan Checks Into Betty Ford Rehab", "Checks"),
        ("The officer was declared dead at the scene.", "dead"),
        ("The board announced its decision to acquire the firm.", "decision"),
        # WordNet's first "fall" is the season; a fall from a mountain is a happening
        ("A British climber died in a fall from the mountain.", "fall"),
    ],
)
def test_event_span_is_its_trigger(
    analyse: Callable[..., AnalyzedArticle], text: str, trigger: str
) -> None:
    """ECB+ marks happenings by their trigger words; each gets an event of a few words over it."""
    events = analyse(text).events
    start = text.index(trigger)
    covering = [e for e in events if e.start <= start < e.end]
    assert covering, [(text[e.start : e.end], e.action) for e in events]
    assert min(e.end - e.start for e in covering) <= len(trigger) + 20


def test_light_verbs_are_no_events(analyse: Callable[..., AnalyzedArticle]) -> None:
    text = "The plan seems to have worked."
    events = analyse(text).events
    assert all(text[e.start : e.end] not in ("seems", "have") for e in events)


def test_verbs_come_from_the_lemmatizers_wordnet_index() -> None:
    from newsgraph.extract.events import verb_lemmas

    verbs = verb_lemmas()
    assert {"appear", "arrive", "speed", "thrill"} <= verbs
    assert "earthquake" not in verbs


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("He was pulled over for speeding on the freeway.", "speeding"),
        ("Her appearance at the gala surprised the crowd.", "appearance"),
        ("The arrival of the delegation was delayed.", "arrival"),
        ("We are thrilled to have her back.", "thrilled"),
        ("She will host the Academy Awards next year.", "Academy Awards"),
        ("Residents were shaken by a magnitude 4 . 6 earthquake at dawn.", "magnitude 4 . 6"),
        ("A 6 . 1 - magnitude quake hit the province.", "6 . 1 - magnitude"),
    ],
)
def test_derived_and_named_happenings_are_events(
    analyse: Callable[..., AnalyzedArticle], text: str, trigger: str
) -> None:
    """Nouns made from verbs, states a participle names, names headed by a happening, and a
    figure cut at its point before the noun all lie inside one event's trigger."""
    events = analyse(text).events
    start = text.index(trigger)
    assert any(e.start <= start < e.end for e in events), [text[e.start : e.end] for e in events]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The building on the corner is old.", "building"),
        ("We met in the morning.", "morning"),
        ("The government raised taxes.", "government"),
        ("The animal ran away.", "animal"),
    ],
)
def test_nouns_of_things_are_no_events(
    analyse: Callable[..., AnalyzedArticle], text: str, word: str
) -> None:
    events = analyse(text).events
    assert all(text[e.start : e.end] != word for e in events), [
        text[e.start : e.end] for e in events
    ]


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("The invasion of the island began at dawn.", "ATTACK"),
        ("The deployment of troops to the border was confirmed.", "DEPLOY"),
        ("The withdrawal of the brigade surprised observers.", "WITHDRAW"),
        ("A fire destroyed the church.", "OTHER"),
    ],
)
def test_noun_triggers_take_their_verbs_action(
    analyse: Callable[..., AnalyzedArticle], text: str, action: str
) -> None:
    first = text.split()[1]
    (event,) = [e for e in analyse(text).events if text[e.start : e.end].endswith(first)]
    assert event.action == action


def test_firing_a_person_is_no_attack(analyse: Callable[..., AnalyzedArticle]) -> None:
    text = "The Philadelphia 76ers fired coach Jim O'Brien on Monday."
    (event,) = [e for e in analyse(text).events if text[e.start : e.end] == "fired"]
    assert event.action == "OTHER"
    text = "Soldiers fired rockets at the base."
    (event,) = [e for e in analyse(text).events if text[e.start : e.end] == "fired"]
    assert event.action == "ATTACK"


def test_a_light_verb_lends_itself_to_its_noun(analyse: Callable[..., AnalyzedArticle]) -> None:
    """ "caught fire" and "made an offer" are one trigger each, the noun's, with the verb's
    subject as actor."""
    text = "The old dairy caught fire overnight, and the Red Sox made an offer to Teixeira."
    spans = {text[e.start : e.end]: e for e in analyse(text).events}
    assert "caught fire" in spans and "made an offer" in spans, list(spans)
    assert "caught" not in spans and "made" not in spans


def test_a_trigger_takes_its_clauses_date(analyse: Callable[..., AnalyzedArticle]) -> None:
    text = (
        "In the 14th century the Black Death spread across Europe, killing up to 60 percent "
        "of its people. The minister said on Monday that the disease killed millions."
    )
    events = {text[e.start : e.end]: e for e in analyse(text, "2025-03-05").events}
    assert events["killing"].when == "1300/1399"
    # reported speech keeps its own date: the saying's is no date of what it reports
    assert events["said"].when == "2025-03-03" and events["killed"].when is None


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("She won the title for the first time.", "time"),
        ("The result surprised everyone.", "result"),
        ("Hospitals cut spending on health care.", "care"),
    ],
)
def test_nouns_of_a_measure_or_a_field_are_no_events(
    analyse: Callable[..., AnalyzedArticle], text: str, word: str
) -> None:
    """WordNet files these first as acts or events, but they name a measure, a field or a
    quality of what is done, not one occurrence: two pages saying "for the first time" tell
    no one happening."""
    events = analyse(text).events
    start = text.index(word)
    assert not any(e.start <= start < e.end for e in events), [
        text[e.start : e.end] for e in events
    ]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Mix it with ½ cup cherry tomatoes.", "½ cup"),
        ("Eat every 2-3 hours to keep your energy up.", "Eat"),
        ("Plan your workout before breakfast.", "workout"),
    ],
)
def test_measures_and_instructions_are_no_events(
    analyse: Callable[..., AnalyzedArticle], text: str, word: str
) -> None:
    events = analyse(text).events
    start = text.index(word)
    assert not any(e.start <= start < e.end for e in events), [
        text[e.start : e.end] for e in events
    ]


def test_a_headline_word_may_name_a_happening(analyse: Callable[..., AnalyzedArticle]) -> None:
    text = "Team Execs Meet With Player's Agent"
    events = analyse(text).events
    start = text.index("Meet")
    assert any(e.start <= start < e.end for e in events), [text[e.start : e.end] for e in events]


def test_a_hosted_name_names_a_happening_wherever_the_text_names_it(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    """A name a text says is hosted is a happening, there and in its other mentions; a name
    no one hosts stays a name."""
    text = "Ellen DeGeneres will host the Oscars next year. The Oscars drew 40 million viewers."
    spans = [text[e.start : e.end] for e in analyse(text).events]
    assert spans.count("Oscars") == 2, spans
    text = "Apple sold more phones. Apple drew crowds in Paris."
    assert "Apple" not in [text[e.start : e.end] for e in analyse(text).events]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # a verb the tagger read as a noun, with a subject or an auxiliary before it
        ("Jackman is the first non-comedian to single-handedly host the show in years.", "host"),
        # a headline's verb inside a name the tagger read too long
        ("Apple Acquires AuthenTec For $356 Million", "Acquires"),
        # a "noun" with a direct object, its subject read as a compound
        ("We are thrilled to have Ellen DeGeneres host the Oscars.", "host"),
    ],
)
def test_a_verb_the_tagger_missed_is_an_event(
    analyse: Callable[..., AnalyzedArticle], text: str, word: str
) -> None:
    events = analyse(text).events
    start = text.index(word)
    assert any((e.start, e.end) == (start, start + len(word)) for e in events), [
        text[e.start : e.end] for e in events
    ]


def test_a_noun_with_its_modifiers_stays_a_noun(analyse: Callable[..., AnalyzedArticle]) -> None:
    text = "Apple considers the updated battery its most innovative new feature."
    assert "feature" not in [text[e.start : e.end] for e in analyse(text).events]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("A 6 . 1 magnitude quake struck Iran.", "6 . 1 magnitude quake"),
        ("A magnitude - 6 . 1 quake hit the island.", "magnitude - 6 . 1 quake"),
        ("Fans followed the #earthquake all night.", "#earthquake"),
    ],
)
def test_a_trigger_keeps_its_figure_and_its_hashtag(
    analyse: Callable[..., AnalyzedArticle], text: str, trigger: str
) -> None:
    """A figure the tokenizer cut into pieces stays on its noun, a hashtag's '#' on its word."""
    spans = [text[e.start : e.end] for e in analyse(text).events]
    assert trigger in spans, spans


def test_a_name_in_a_headline_keeps_its_plural(analyse: Callable[..., AnalyzedArticle]) -> None:
    """A team's name in a headline the tagger read as one name ends in a plural a verb may
    spell ("Saints"): it names no happening; the headline's verb does."""
    text = "Brees Leads The New Orleans Saints Past Atlanta"
    spans = [text[e.start : e.end] for e in analyse(text).events]
    assert "Saints" not in spans and "Leads" in spans, spans

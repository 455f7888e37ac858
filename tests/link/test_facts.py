"""Facts: alignment by kind and counted object, independent origins, and status."""

from __future__ import annotations

import pytest

from newsgraph.link.facts import FigureKey, bare_count, build_facts, object_key
from newsgraph.link.propositions import build_claim_facts
from newsgraph.records import Approx, ArticleRef, Claim, Event, Fact, Mention, Quantity


def article(n: int, published: str, outlet: str) -> ArticleRef:
    return ArticleRef(id=f"a{n}", outlet=outlet, published=published)


def qty(
    n: int,
    value: float,
    speaker: str | None,
    approx: Approx = "exact",
    kind: str = "KILL",
    obj: str = "North Korean soldiers",
    as_of: str | None = None,
) -> Quantity:
    return Quantity(
        id=f"q{n}",
        article_id=f"a{n}",
        start=0,
        end=3,
        value=value,
        low=None,
        high=None,
        approx=approx,
        kind=kind,
        object=obj,
        unit=None,
        speaker=speaker,  # type: ignore[arg-type]
        speaker_entity_id=None,
        as_of=as_of,
        claim_id=None,
    )


ARTICLES = [article(n, f"2025-0{n}-01", f"outlet{n}.com") for n in range(1, 5)]


@pytest.mark.parametrize(
    ("quantities", "origins", "status", "independent"),
    [
        # two outlets that are not rewrites of each other agree: corroborated
        ([qty(1, 300, "NIS", "about"), qty(2, 310, "Ukraine")], {}, "corroborated", 2),
        # the second page rewrites the first: one origin, however many pages
        ([qty(1, 300, "NIS"), qty(2, 300, "NIS")], {"a1": "g", "a2": "g"}, "single_source", 1),
        # the same speaker revised its figure over time: one source, however many outlets
        ([qty(1, 100, "NIS"), qty(2, 300, "NIS"), qty(3, 600, "NIS")], {}, "superseded", 1),
        # two speakers give incompatible figures
        ([qty(1, 300, "NIS"), qty(2, 3000, "Ukraine")], {}, "contested", 2),
        # "at least 200" is compatible with 300
        ([qty(1, 200, "NIS", "at_least"), qty(2, 300, "Ukraine")], {}, "corroborated", 2),
    ],
)
def test_status(
    quantities: list[Quantity], origins: dict[str, str], status: str, independent: int
) -> None:
    (fact,) = build_facts("s1", ARTICLES, quantities, origins)
    assert fact.status == status
    assert fact.independent_sources == independent


def test_history_reads_in_as_of_order() -> None:
    quantities = [qty(3, 600, "NIS"), qty(1, 100, "NIS"), qty(2, 300, "NIS", as_of="2025-01-15")]
    (fact,) = build_facts("s1", ARTICLES, quantities, {})
    assert [s.value for s in fact.history] == [100, 300, 600]
    assert [s.outlet for s in fact.history] == ["outlet1.com", "outlet2.com", "outlet3.com"]


def test_different_kinds_and_objects_are_different_facts() -> None:
    quantities = [
        qty(1, 300, "NIS"),
        qty(2, 10_000, "NIS", kind="DEPLOY", obj="troops"),
        qty(3, 1000, "NIS", kind="DEPLOY", obj="deminers"),
    ]
    facts = build_facts("s1", ARTICLES, quantities, {})
    assert sorted((f.kind, f.object) for f in facts) == [
        ("DEPLOY", "deminers"),
        ("DEPLOY", "troops"),
        ("KILL", "North Korean soldiers"),
    ]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("North Korean troops", "DPRK soldiers"),
        ("North Korean troops", "North Korean soldiers"),
        ("North Korea's servicemen", "the North Korean troops"),
        ("casualties", "the casualties"),
        ("deminers", "deminer"),
        # an adjective no suffix rule makes, and an abbreviation with stops
        ("US troops", "American soldiers"),
        ("U.S. troops", "US soldiers"),
        ("British troops", "UK soldiers"),
    ],
)
def test_object_key_aligns_variants(a: str, b: str) -> None:
    assert object_key("DEPLOY", a) == object_key("DEPLOY", b)


def claim(n: int, speaker: str, stance: str, content: str, article: int | None = None) -> Claim:
    article_id = f"a{article or n}"
    return Claim(
        id=f"c{n}",
        article_id=article_id,
        start=0,
        end=len(content),
        speaker=speaker,
        speaker_entity_id=None,
        cue="say",
        stance=stance,
        direct=False,  # type: ignore[arg-type]
        content=content,
    )


REPORTS = "North Korean troops are fighting alongside Russian forces in the Kursk region"
DENIAL = "reports of North Korean troops fighting in the Kursk region are fake news"
CONFIRMED = "North Korean troops fought alongside Russian forces to retake the Kursk region"


@pytest.mark.parametrize(
    ("claims", "origins", "status", "independent"),
    [
        # two outlets report the same proposition independently
        (
            [claim(1, "NIS", "assert", REPORTS), claim(2, "Kyiv", "assert", REPORTS + " now")],
            {},
            "corroborated",
            2,
        ),
        # a denial against an assertion from someone else
        (
            [claim(1, "NIS", "assert", REPORTS), claim(2, "the Kremlin", "deny", DENIAL)],
            {},
            "contested",
            2,
        ),
        # the Kremlin denied, then confirmed: its later word replaces the earlier (two sources:
        # the Kremlin counts once)
        (
            [
                claim(1, "the Kremlin", "deny", DENIAL),
                claim(2, "NIS", "assert", REPORTS),
                claim(3, "the Kremlin", "assert", CONFIRMED),
            ],
            {},
            "superseded",
            2,
        ),
        # a rewrite repeating the claim adds no independent source
        (
            [claim(1, "NIS", "assert", REPORTS), claim(2, "NIS", "assert", REPORTS)],
            {"a1": "g", "a2": "g"},
            "single_source",
            1,
        ),
    ],
)
def test_claim_fact_status(
    claims: list[Claim], origins: dict[str, str], status: str, independent: int
) -> None:
    (fact,) = build_claim_facts("s1", ARTICLES, claims, origins)
    assert fact.kind == "CLAIM"
    assert fact.status == status
    assert fact.independent_sources == independent
    assert [s.claim_id for s in fact.history] == [c.id for c in claims]


def test_unrelated_and_lone_claims_make_no_fact() -> None:
    claims = [
        claim(1, "NIS", "assert", REPORTS),
        claim(
            2, "the mayor", "assert", "the new bridge across the river opens to traffic next spring"
        ),
    ]
    assert build_claim_facts("s1", ARTICLES, claims, {}) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("deminers", "builders"),
        ("North Korean soldiers", "Russian soldiers"),
        ("jobs", "engineers"),
        ("American troops", "British troops"),
    ],
)
def test_object_key_keeps_different_objects_apart(a: str, b: str) -> None:
    assert object_key("DEPLOY", a) != object_key("DEPLOY", b)


def test_bare_object_joins_the_one_figure_it_can_mean() -> None:
    quantities = [qty(1, 300, "NIS"), qty(2, 310, "Ukraine", obj="soldiers")]
    (fact,) = build_facts("s1", ARTICLES, quantities, {})
    assert fact.independent_sources == 2


def test_one_source_repeated_by_outlets_counts_once() -> None:
    quantities = [qty(1, 300, "NIS"), qty(2, 300, "the NIS"), qty(3, 300, "NIS")]
    (fact,) = build_facts("s1", ARTICLES, quantities, {})
    assert fact.independent_sources == 1
    assert fact.status == "single_source"
    assert fact.outlets == ["outlet1.com", "outlet2.com", "outlet3.com"]
    assert len(fact.history) == 1  # one line per source and value
    assert {s.source for s in fact.statements} == {"nis"}


def test_revision_supersedes_older_value_not_a_contest() -> None:
    quantities = [qty(1, 100, "NIS"), qty(2, 300, "NIS"), qty(3, 320, "Ukraine", "about")]
    (fact,) = build_facts("s1", ARTICLES, quantities, {})
    assert fact.status == "superseded"
    assert [(s.value, s.superseded) for s in fact.history] == [
        (100, True),
        (300, False),
        (320, False),
    ]


def test_old_figure_of_another_source_is_no_contest() -> None:
    """Incompatible values months apart are a toll that grew, not a dispute; nor do the two
    sources corroborate each other: each value rests on its own source."""
    articles = [ArticleRef("a1", "x.com", "2025-01-01"), ArticleRef("a2", "y.com", "2025-09-01")]
    (fact,) = build_facts("s1", articles, [qty(1, 300, "NIS"), qty(2, 3000, "Ukraine")], {})
    assert fact.status == "single_source" and fact.independent_sources == 2


def test_scope_splits_figures_by_period_and_place() -> None:
    text = (
        "China saw 11 deaths between 2009 and 2018. "
        "There were 584 deaths worldwide from 2010 to 2015. "
        "The Black Death caused 50 million deaths in the fourteenth century."
    )
    quantities = []
    for n, number in enumerate(("11", "584", "50 million"), start=1):
        start = text.index(number)
        q = qty(n, 1, None, obj="deaths")
        q.article_id, q.start, q.end = "a1", start, start + len(number)
        quantities.append(q)
    china = Mention("a1", 0, 5, "China", "China", "GPE", "e1")
    facts = build_facts(
        "s1", ARTICLES, quantities, {}, texts={"a1": text}, mentions={"a1": [china]}
    )
    assert sorted(f.scope or "" for f in facts) == [
        "14th century",
        "in China, 2009–2018",
        "worldwide, 2010–2015",
    ]


def test_confirmation_supersedes_the_denial_with_its_history() -> None:
    claims = [
        claim(1, "the Kremlin", "deny", DENIAL),
        claim(2, "NIS", "assert", REPORTS),
        claim(3, "the Kremlin", "assert", CONFIRMED),
    ]
    (fact,) = build_claim_facts("s1", ARTICLES, claims, {})
    assert [(s.source, s.stance, s.superseded) for s in fact.history] == [
        ("kremlin", "deny", True),
        ("nis", "assert", False),
        ("kremlin", "assert", False),
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "Russia has kicked Ukraine out of the Kursk region",
            "Ukraine is still holding its ground in Kursk",
        ),
        (
            "no soldiers were killed in the attack on the base",
            "300 soldiers died in the attack on the base",
        ),
        (
            "North Korea sent troops to Russia",
            "reports that North Korea sent troops to Russia are fake news",
        ),
    ],
)
def test_contradicting_predicates_contest_one_proposition(first: str, second: str) -> None:
    claims = [claim(1, "Moscow", "assert", first), claim(2, "Kyiv", "assert", second)]
    (fact,) = build_claim_facts("s1", ARTICLES, claims, {})
    assert fact.status == "contested"
    assert sorted(s.stance or "" for s in fact.statements) == ["assert", "deny"]


def test_figures_of_no_named_kind_far_apart_are_two_figures() -> None:
    # "at least 3 children" died, "about 200,000 children" are held: one head noun, two figures
    found = build_facts(
        "s",
        ARTICLES,
        [
            qty(1, 3, None, "at_least", kind="OTHER", obj="children"),
            qty(2, 200_000, "UNICEF", "about", kind="OTHER", obj="children"),
            qty(3, 210_000, "the agency", kind="OTHER", obj="children"),
        ],
        {},
    )
    assert sorted(sorted(s.quantity_id for s in f.statements) for f in found) == [
        ["q1"],
        ["q2", "q3"],
    ]
    assert len({f.id for f in found}) == 2
    # a toll keeps its revisions, however far apart: 300 then 1,100 of one agency
    toll = build_facts("s", ARTICLES, [qty(1, 300, "NIS"), qty(2, 1100, "NIS")], {})
    assert len(toll) == 1 and toll[0].status == "superseded"


def test_durations_and_multiples_are_not_figures() -> None:
    found = build_facts(
        "s",
        ARTICLES,
        [
            qty(1, 72, None, kind="OTHER", obj="hours"),
            qty(2, 9, None, kind="OTHER", obj="times"),
            qty(3, 2, None, kind="OTHER", obj="years"),
            qty(4, 40, None, kind="OTHER", obj="employees"),
        ],
        {},
    )
    assert [f.object for f in found] == ["employees"]


def test_an_unresolved_pronoun_is_no_source_of_its_own() -> None:
    from newsgraph.link.facts import statement_source

    # "he" on two pages is not one source; each counts for its own article's origin
    assert statement_source("He", None, "a1", {}) == "origin:a1"
    assert statement_source("he", None, "a2", {"a2": "g"}) == "origin:g"
    assert statement_source("he", "e7", "a1", {}) == "e7"  # resolved by stage A
    assert statement_source("The NIS", None, "a1", {}) == "nis"


def _figure(n: int, text: str, number: str, obj: str, kind: str = "OTHER") -> Quantity:
    q = qty(n, float(number.replace(",", "")) if number[0].isdigit() else 12, None, kind=kind)
    q.object, q.text = obj, number
    q.start = text.index(number)
    q.end = q.start + len(number)
    return q


def _event(n: int, text: str, trigger: str, actor: str | None, target: str | None) -> Event:
    start = text.index(trigger)
    return Event(
        f"v{n}", f"a{n}", start, start + len(trigger), actor, "OTHER", target, None, None, None
    )


def _pair_facts(
    rows: list[tuple[str, str, str, str, str | None, str | None]], kind: str = "OTHER"
) -> list[Fact]:
    """Facts of figures read from sentences with one event each: (text, number, object,
    trigger, actor, target)."""
    texts, quantities, events = {}, [], {}
    for n, (text, number, obj, trigger, actor, target) in enumerate(rows, start=1):
        texts[f"a{n}"] = text
        quantities.append(_figure(n, text, number, obj, kind))
        events[f"a{n}"] = [_event(n, text, trigger, actor, target)]
    return build_facts("s", ARTICLES, quantities, {}, texts=texts, mentions={}, events=events)


def test_what_happened_to_the_counted_tells_figures_apart() -> None:
    facts = _pair_facts(
        [
            ("Russia said it had shot down 45 drones overnight.", "45", "drones", "shot down", "it", "45 drones"),
            ("Ukraine said Russia launched 45 drones overnight.", "45", "drones", "launched", "Russia", "45 drones"),
        ]
    )  # fmt: skip
    assert len(facts) == 2


def test_arrested_and_detained_are_one_capture_figure() -> None:
    facts = _pair_facts(
        [
            ("Police said 40 protesters were arrested.", "40", "protesters", "arrested", None, "40 protesters"),
            ("Organisers said 65 protesters had been taken into custody.", "65", "protesters", "taken", None, "65 protesters"),
        ]
    )  # fmt: skip
    (fact,) = facts
    assert fact.kind == "CAPTURE" and len(fact.statements) == 2


def test_an_unnamed_verb_is_one_description_among_many() -> None:
    facts = _pair_facts(
        [
            ("Two prison officers were charged on Tuesday.", "Two", "prison officers", "charged", None, "Two prison officers"),
            ("The video showed the two officers asleep.", "two", "officers", "showed", "The video", "the two officers"),
        ]
    )  # fmt: skip
    assert len(facts) == 1


def test_a_measure_is_one_figure_whatever_the_verb() -> None:
    rows = [
        ("The fire has burned 12,000 hectares.", "12,000", "hectares", "burned", "The fire", "12,000 hectares"),
        ("The blaze had scorched 15,000 hectares.", "15,000", "hectares", "scorched", "The blaze", "15,000 hectares"),
    ]  # fmt: skip
    texts = {f"a{n}": r[0] for n, r in enumerate(rows, start=1)}
    quantities = [_figure(n, r[0], r[1], r[2]) for n, r in enumerate(rows, start=1)]
    for q in quantities:
        q.unit = "hectare"
    events = {f"a{n}": [_event(n, r[0], r[3], r[4], r[5])] for n, r in enumerate(rows, start=1)}
    facts = build_facts("s", ARTICLES, quantities, {}, texts=texts, mentions={}, events=events)
    assert len(facts) == 1


def test_a_toll_that_names_nothing_counted_joins_the_storys_one_toll() -> None:
    named = qty(1, 14, None, obj="people")
    bare = qty(2, 19, None)
    bare.object = None
    (fact,) = build_facts("s", ARTICLES, [named, bare], {})
    assert len(fact.statements) == 2
    other = qty(3, 200, None, obj="soldiers")
    # two tolls it could be: it is left out, as a figure with nothing counted is
    assert len(build_facts("s", ARTICLES, [named, bare, other], {})) == 2


def test_an_acronym_in_capitals_is_no_pronoun() -> None:
    """ "WHO said" is the World Health Organization, "who said" a relative pronoun."""
    from newsgraph.link.facts import is_pronoun, speaker_source

    assert is_pronoun("who") and is_pronoun("I") and is_pronoun(" they ")
    assert not is_pronoun("WHO") and not is_pronoun("US")
    assert speaker_source("WHO", None) == "who" and speaker_source("who", None) is None


def test_a_page_restating_the_figure_it_quoted_is_one_source() -> None:
    """ "Volkswagen said the car reaches 60 mph" and, later on the page, "60 mph" on its own
    authority: one source, not two corroborating each other; another page's 60 counts."""
    quoted, restated, other = qty(1, 60, "Volkswagen"), qty(2, 60, None), qty(3, 60, None)
    restated.id, restated.article_id, restated.start = "q1b", "a1", 40
    (fact,) = build_facts("s1", ARTICLES, [quoted, restated], {})
    assert fact.independent_sources == 1 and fact.status == "single_source"
    (fact,) = build_facts("s1", ARTICLES, [quoted, restated, other], {})
    assert fact.independent_sources == 2 and fact.status == "corroborated"


def test_one_page_two_values_of_one_date_far_apart_are_two_figures() -> None:
    """A page's "303,417 vehicles" (one city) and "17.3 million" (the country) of one year are
    two figures; its toll revised on one day ("rose to 35 from 30") stays one."""
    city = qty(1, 303417, None, kind="SUPPLY", obj="vehicles", as_of="2018")
    country = qty(2, 17300000, None, kind="SUPPLY", obj="vehicles", as_of="2018")
    country.article_id = "a1"
    assert len(build_facts("s1", ARTICLES, [city, country], {})) == 2
    first, revised = qty(1, 30, None, as_of="2025-01-01"), qty(2, 35, None, as_of="2025-01-01")
    revised.article_id = "a1"
    assert len(build_facts("s1", ARTICLES, [first, revised], {})) == 1


def _bare(n: int, value: float, speaker: str | None, obj: str, unit: str | None = None) -> Quantity:
    q = qty(n, value, speaker, kind="OTHER", obj=obj)
    q.unit = unit
    return q


@pytest.mark.parametrize(
    ("quantities", "status"),
    [
        # "Clinton won three states" and "691 delegates are at stake in five states": the noun
        # alone does not make them one figure, so two sources' values are no dispute
        ([_bare(1, 3, "Clinton", "states"), _bare(2, 5, None, "states")], "single_source"),
        # "Clinton led Trump by six points" against "Cruz's rating is down three points": a
        # relative unit names nothing measured either
        (
            [
                _bare(1, 6, None, "points", "percentage_point"),
                _bare(2, 3, None, "points", "percentage_point"),
            ],
            "single_source",
        ),
        # two sources agreeing on a bare count still corroborate it
        ([_bare(1, 5, None, "states"), _bare(2, 5, "AP", "states")], "corroborated"),
        # a measure says what it measures: 12,000 hectares against 15,000 is one area disputed
        (
            [_bare(1, 12_000, "firefighters", "hectares", "hectare"), _bare(2, 15_000, None, "hectares", "hectare")],
            "contested",
        ),
        # so does a named kind: two tolls of one day disputed
        ([qty(1, 3, "NIS", kind="KILL", obj="soldiers"), qty(2, 5, "Kyiv", kind="KILL", obj="soldiers")], "contested"),
    ],
)  # fmt: skip
def test_a_count_known_by_its_noun_alone_is_never_contested(
    quantities: list[Quantity], status: str
) -> None:
    articles = [ArticleRef("a1", "x.com", "2016-03-15"), ArticleRef("a2", "y.com", "2016-03-15")]
    (fact,) = build_facts("s1", articles, quantities, {})
    assert fact.status == status


@pytest.mark.parametrize(
    ("key", "bare"),
    [
        # "Trump lost six percentage points" in Iowa, "led the Iowa polls by seven percentage
        # points": a place does not say what a relative unit measures
        (FigureKey("OTHER", "point", None, "percentage_point", "Iowa", None), True),
        (FigureKey("OTHER", "percent", None, "percent", None, "2016"), True),
        # nor what a counted noun counts: "nine voters" in Dixville, "four out of 10 voters"
        (FigureKey("OTHER", "voter", None, None, "Dixville", None), True),
        (FigureKey("OTHER", "county", None, None, None, None), True),
        # a measure says what it measures, with its place or without
        (FigureKey("OTHER", "hectare", None, "hectare", "California", None), False),
        # what was done to the counted, an entity or a named kind name the figure
        (FigureKey("OTHER", "point", None, "percentage_point", None, None, "lose"), False),
        (FigureKey("OTHER", "point", "e1", "percentage_point", None, None), False),
        (FigureKey("KILL", "soldier", None, None, None, None), False),
    ],
)
def test_which_figures_are_known_by_their_noun_alone(key: FigureKey, bare: bool) -> None:
    assert bare_count(key) is bare


def test_a_claim_inside_what_its_speaker_asserts_is_no_dispute() -> None:
    # "Trump called for trade deals that put workers first, rejecting the elites' desire for
    # more wars": the rejection is part of what Trump says, one page's account
    outer = claim(
        1, "Trump", "assert", "trade deals for workers, rejecting the elites' desire for more wars"
    )
    inner = claim(2, "that", "deny", "the elites' desire for more wars", article=1)
    outer.content_start, outer.content_end = 100, 168
    inner.content_start, inner.content_end = 136, 168
    assert build_claim_facts("s1", ARTICLES, [outer, inner], {}) == []


def test_a_denial_holding_the_claim_it_denies_is_a_dispute() -> None:
    # "the company's leaders denied claims in a post that said it misreported its sales"
    outer = claim(
        1,
        "the company's leaders",
        "deny",
        "claims made in a post that said the company misreported its sales",
    )
    inner = claim(2, "that", "assert", "the company misreported its sales", article=1)
    outer.content_start, outer.content_end = 100, 170
    inner.content_start, inner.content_end = 135, 170
    (fact,) = build_claim_facts("s1", ARTICLES, [outer, inner], {})
    assert fact.status == "contested"


def test_a_content_of_several_sentences_disputes_only_what_it_is_about() -> None:
    # one page: a poll "shows Rubio closing the gap on Trump" and a column whose third sentence
    # says no candidate will come close to the delegates needed
    poll = claim(
        1, "The latest poll", "assert", "Rubio closing the gap to pull within 5 points of Trump"
    )
    column = claim(
        2,
        "The columnist",
        "assert",
        "Should Rubio win Florida, no candidate will come close to the delegates needed. Trump "
        "remains the only one with a path. Possible but very difficult.",
        article=1,
    )
    poll.content_start, poll.content_end = 10, 60
    column.content_start, column.content_end = 300, 450
    facts = build_claim_facts("s1", ARTICLES, [poll, column], {})
    assert all(f.status != "contested" for f in facts)


@pytest.mark.parametrize(
    ("content", "falsity"),
    [
        ("Fields had made up the story", True),
        ("the reporter made it all up", True),
        ("the panel is made up of three judges", False),
        ("the team made up for lost time", False),
        ("she made up her mind", False),
    ],
)
def test_made_up_calls_a_story_false(content: str, falsity: bool) -> None:
    from newsgraph.link.propositions import _FALSITY

    assert bool(_FALSITY.search(content)) is falsity


def test_a_name_most_of_a_storys_claims_hold_joins_no_two_of_them() -> None:
    # "Trump" is in every claim of a campaign's story: sharing it makes no two claims one
    # proposition, where a name only they share would
    pair = [
        claim(1, "Cruz", "assert", "Trump promised voters a wall on the border"),
        claim(2, "Rubio", "assert", "Trump mocked voters in Iowa on the border"),
    ]
    setting = [
        claim(10 + i, f"Speaker {i}", "assert", content)
        for i, content in enumerate(
            [
                "Trump is drawing huge crowds in the South",
                "Trump attacked the press again on Sunday",
                "Trump has no plan for health care",
                "Trump will name his running mate in July",
                "Trump spent little money on television ads",
                "Trump should release his tax returns",
            ]
        )
    ]
    for claims, joined in ((pair, True), (pair + setting, False)):
        refs = [ArticleRef(c.article_id, f"{c.id}.example.com", "2016-02-01") for c in claims]
        facts = build_claim_facts("s1", refs, claims, {})
        assert bool(facts) is joined

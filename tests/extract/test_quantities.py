"""Quantities: values, ranges, qualifiers, kinds, objects, exclusions and as_of."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.records import AnalyzedArticle


@pytest.mark.parametrize(
    ("text", "phrase", "value", "approx", "kind", "obj"),
    [
        (
            "At least 12 people were killed in the storm.",
            "At least 12",
            12,
            "at_least",
            "KILL",
            "people",
        ),
        ("Nearly 40 miners were injured.", "Nearly 40", 40, "about", "WOUND", "miners"),
        (
            "The army deployed up to 5,000 troops to the border.",
            "up to 5,000",
            5000,
            "at_most",
            "DEPLOY",
            "troops",
        ),
        ("Rebels captured 14 soldiers near the pass.", "14", 14, "exact", "CAPTURE", "soldiers"),
        (
            "The country shipped more than 2,000 containers of shells.",
            "more than 2,000",
            2000,
            "at_least",
            "SUPPLY",
            "containers of shells",
        ),
        (
            "The clashes caused some 900 casualties.",
            "some 900",
            900,
            "about",
            "CASUALTY",
            "casualties",
        ),
        ("The council spent £3.2m on the hall.", "£3.2m", 3_200_000, "exact", "MONEY", None),
        (
            "The city has a population of 1.3 million.",
            "1.3 million",
            1_300_000,
            "exact",
            "OTHER",
            None,
        ),
        ("Some 5k runners took part.", "Some 5k", 5000, "about", "OTHER", "runners"),
        (
            "Fewer than 30 of the hostages were freed.",
            "Fewer than 30",
            30,
            "at_most",
            "OTHER",
            "hostages",
        ),
    ],
)
def test_quantity(
    analyse: Callable[..., AnalyzedArticle],
    text: str,
    phrase: str,
    value: float,
    approx: str,
    kind: str,
    obj: str | None,
) -> None:
    found = [q for q in analyse(text).quantities if q.text == phrase]
    assert found, f"{phrase!r} not in {[q.text for q in analyse(text).quantities]}"
    q = found[0]
    assert (q.value, q.approx, q.kind) == (value, approx, kind)
    if obj is not None:
        assert q.object == obj
    if kind == "MONEY":
        assert q.unit == "GBP"


@pytest.mark.parametrize(
    ("text", "phrase", "low", "high"),
    [
        ("Between 8,000 and 10,000 workers left.", "Between 8,000 and 10,000", 8000, 10000),
        ("The storm destroyed 1,100 to 3,000 homes.", "1,100 to 3,000", 1100, 3000),
    ],
)
def test_range(
    analyse: Callable[..., AnalyzedArticle], text: str, phrase: str, low: float, high: float
) -> None:
    q = next(q for q in analyse(text).quantities if q.text == phrase)
    assert (q.value, q.low, q.high) == (None, low, high)


@pytest.mark.parametrize(
    "text",
    [
        "The law was passed in 2023.",
        "The match on Oct. 13 was postponed.",
        "The meeting starts at 09:40.",
        "The two countries signed the pact.",
        "One of the soldiers fled.",
        "They fired a Hwasong-19 and 170mm shells.",
        "Thousands of people marched.",
        "Several hundred homes flooded.",
        "Read the Top 10 stories.",
        "| Brad Keselowski | 2318 | 13 |",
        "Eating slowly helps, one study found (37).",
        "3. Instead of reaching for a snack, drink water.",
        "The fight began when the two were on the ground.",
        # a size that opens a model's name, a number to call, a vague "or two", a period
        "Apple will follow the 16-inch MacBook Pro with a new model.",
        "A friend found the car and called 911.",
        "You probably have an app or two for that.",
        "The model is due in the first half of 2020.",
        "NBC 5 has edited the video.",
        # a succession
        "He has faced one inquiry after another.",
        # a title in a sentence written in lower case
        "If you have done 80 Day Obsession with her, you know the plan.",
        # a screen resolution's name
        "The Chromecast is the only device that supports 4K streaming at release.",
        "The film was shot in 8K.",
        # an emergency number before what it names
        "The outages left people unable to make 911 calls.",
        # a season's record of wins, losses and draws
        "Buffalo is on a 1-6-2 skid after a 9-2-1 start.",
        # the attributes of a markup tag left in a text
        '<tweet pic="" author="Someone" timestamp="1448038800" tweet_id="667777348029">'
        "I never said that.</tweet>.",
    ],
)
def test_not_a_quantity(analyse: Callable[..., AnalyzedArticle], text: str) -> None:
    assert analyse(text).quantities == []


@pytest.mark.parametrize(
    ("text", "published", "as_of"),
    [
        ("Officials said on Monday that 30 people had died.", "2025-03-05", "2025-03-03"),
        ("The army sent 500 troops to the city last fall.", "2025-03-05", "2024-10"),
        ("Officials said 200 families are still in shelters.", "2025-03-05", "2025-03-05"),
        ("The agency said 12 more soldiers could be sent.", "2025-03-05", None),
        # a clause that describes a time ("2012, when ...") is as of that time
        ("The record was set in 2012, when 121,354 people voted.", "2025-03-05", "2012"),
        ("Turnout could not keep pace with 2008, when 236,000 people voted.", "2025-03-05", "2008"),
    ],
)
def test_as_of(
    analyse: Callable[..., AnalyzedArticle], text: str, published: str, as_of: str | None
) -> None:
    (q,) = analyse(text, published).quantities
    assert q.as_of == as_of


def test_a_distance_is_not_counted_by_the_verb_nearby(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    text = (
        "The farmer had killed a wild boar before he was flown to a clinic about 185 miles "
        "north of the capital."
    )
    found = [q for q in analyse(text).quantities if q.value == 185]
    assert found and found[0].kind == "OTHER"


def test_a_figure_over_a_span_of_years_is_dated_at_its_end(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    # the recognizer tags "2010" alone as a date here, and "2012" alone in the second
    for text, end in (
        ("From 2010 to 2015 there were 1,875 floods reported in the region.", "2015"),
        ("The agency counted 1,875 floods from 2012 to 2017.", "2017"),
    ):
        floods = [q for q in analyse(text, published="2024-05-02").quantities if q.value == 1875]
        assert floods and floods[0].as_of == end, text


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # a coordinated noun with its own figure does not lend its kind
        ("The region reported 26 cases and 11 deaths last year.", {26: "OTHER", 11: "KILL"}),
        ("Police made 12 arrests and found 3 bodies.", {12: "OTHER", 3: "KILL"}),
        # the object's predicate names the kind
        ("The clashes left 40 soldiers dead and 120 wounded.", {40: "KILL", 120: "WOUND"}),
        # a number that heads "dead" or "injured" counts them
        ("Officials counted 300 dead and 2,000 injured.", {300: "KILL", 2000: "WOUND"}),
        # things "based in" a place are not deployed; forces are
        ("He wrote a sequence of five books based in that world.", {5: "OTHER"}),
        ("The army has 3,000 troops based in Kursk.", {3000: "DEPLOY"}),
        # "a" unit of time after a preposition is a span
        ("She has had no contact with him in a decade.", {1: "OTHER"}),
    ],
)
def test_kind_of_coordinated_and_predicated_figures(
    analyse: Callable[..., AnalyzedArticle], text: str, kinds: dict[int, str]
) -> None:
    found = {int(q.value): q.kind for q in analyse(text).quantities}
    assert {v: found.get(v) for v in kinds} == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # the subject that loses something is no toll; lost materiel is no casualty
        ("More than 200,000 homes lost power after the storm.", {200_000: "OTHER"}),
        ("The army had lost 500 tanks by March.", {500: "OTHER"}),
        ("The brigade lost 40 men in the assault.", {40: "CASUALTY"}),
        # a verb coordinated with its own figure or subject keeps its own kind
        ("About 300 soldiers were killed and some 2,700 wounded.", {300: "KILL", 2700: "WOUND"}),
        ("At least 12 people were killed and dozens more injured.", {12: "KILL"}),
        # civilians moved to shelters are not deployed; troops received are
        (
            "Officials said 37 people had died and more than 12,000 had been moved to shelters.",
            {37: "KILL", 12_000: "OTHER"},
        ),
        ("Russia received 5,000 troops from North Korea.", {5000: "DEPLOY"}),
        # a figure inside the toll's own phrase is not the toll
        (
            "The death toll from Friday's 7.7-magnitude earthquake has risen to 2,056.",
            {7.7: "OTHER", 2056: "KILL"},
        ),
        ("Reports said the death toll had since risen to 15.", {15: "KILL"}),
        # prisoners to be swapped are no capture, whatever verb governs the swap
        ("The two sides hope to exchange 1,000 prisoners next week.", {1000: "OTHER"}),
        ("Troops captured 300 fighters.", {300: "CAPTURE"}),
    ],
)
def test_kind_from_the_figures_own_predicate(
    analyse: Callable[..., AnalyzedArticle], text: str, kinds: dict[float, str]
) -> None:
    found = {q.value: q.kind for q in analyse(text).quantities}
    assert {v: found.get(v) for v in kinds} == kinds


def test_a_valued_object_is_what_the_figure_counts(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    (quantity,) = analyse("Ukraine put Russian casualties at 4,700 in the past week.").quantities
    assert (quantity.kind, quantity.object) == ("CASUALTY", "Russian casualties")


@pytest.mark.parametrize(
    "text",
    [
        "By Jane Doe | 19 November 2019 | 5 min read\n\nThe storm hit the coast.",
        "Dec 3, 2024 3:12 PM\n\n4 comments\n\nThe storm hit the coast.",
    ],
)
def test_byline_and_furniture_numbers_are_not_figures(
    analyse: Callable[..., AnalyzedArticle], text: str
) -> None:
    assert [q.text for q in analyse(text).quantities] == []


@pytest.mark.parametrize(
    ("text", "figure", "as_of"),
    [
        # the clause after "after" happened that long before the one it hangs on
        ("The crash comes a day after the rebels swapped two hostages.", "two", "2019-11-19"),
        (
            "The attack came two days after Pyongyang sent 3,000 troops, officials said on Monday.",
            "3,000",
            "2019-11-16",
        ),
        # ... while the span itself reaches the later clause (the attack, on Monday)
        (
            "The attack came two days after Pyongyang sent 3,000 troops, officials said on Monday.",
            "two days",
            "2019-11-18",
        ),
        # "before": later than a clause that has no date of its own, so no date
        ("Kim visited Moscow a week before Pyongyang dispatched 10,000 soldiers.", "10,000", None),
    ],
)
def test_as_of_a_day_after(
    analyse: Callable[..., AnalyzedArticle], text: str, figure: str, as_of: str | None
) -> None:
    found = [q for q in analyse(text, "2019-11-20").quantities if q.text == figure]
    assert found and found[0].as_of == as_of


def test_as_of_a_year_earlier_than_the_time_before_it(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    text = "The rate averaged 5.7 percent in October, down from 6.2 percent a year earlier."
    dates = {q.value: q.as_of for q in analyse(text, "2019-11-20").quantities}
    assert dates == {5.7: "2019-10", 6.2: "2018-10"}


def test_a_rate_s_unit_of_time_is_no_span(analyse: Callable[..., AnalyzedArticle]) -> None:
    """ "a year" after a price is its rate; after "in", "for", "after" it is a span."""
    assert [q.text for q in analyse("It costs $5 a year.").quantities] == ["$5"]
    assert [q.text for q in analyse("They met twice a week for a year.").quantities] == ["a year"]


@pytest.mark.parametrize(
    ("text", "objects"),
    [
        ("The doubles match gave the hosts a 2-1 win over Russia.", {"win"}),
        ("Kyrgios sealed a 6-4, 6-4 win over Gonzalez on Tuesday.", {"win"}),
        # the score closes its clause: the next clause's subject is not what it counts
        ("Pella beat Jarry 6-4, 6-3 and Schwartzman defeated Garin.", {None}),
    ],
)
def test_a_score_counts_nothing_of_its_other_side(
    analyse: Callable[..., AnalyzedArticle], text: str, objects: set[str | None]
) -> None:
    """The other side of a score ("-1") is no part of the object, nor what follows an "and"."""
    found = {q.object for q in analyse(text).quantities}
    assert found, text
    assert not any(o and (o.startswith("-") or o.startswith("and ")) for o in found), found
    assert found <= objects | {None}, found

"""Figures dated through the time a relative expression is anchored on: the sentence before
("The next year", "That came seven years after"), a tagger's span that took a word too many
("one last month that ..."), a clause describing the person an age belongs to."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsgraph.records import AnalyzedArticle


def as_of(found: AnalyzedArticle, text: str) -> str | None:
    (quantity,) = [q for q in found.quantities if q.text == text]
    return quantity.as_of


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        # "the next year" is one year after the time the sentence before names
        (
            "The two were abducted by gunmen in the capital in August 2016. The next year, the "
            "group released two videos of them.",
            "two",
            "2017",
        ),
        # ... and "the following day" one day after it
        (
            "The storm reached the coast on November 3. The following day, rescuers found 40 "
            "survivors.",
            "40",
            "2019-11-04",
        ),
        # "N years ago" measures a span up to publication
        (
            "Three years ago, over breakfast, my friend handed me a novel.",
            "Three years",
            "2019-11-18",
        ),
        # "the last year" is a span up to now, not last year
        ("Sales rose 5% over the last year.", "5%", "2019-11-18"),
        # the time right before a relative clause dates what the clause says
        (
            "The planned blackout would be the latest in a series of outages, including one "
            "last month that affected nearly 2.5 million people.",
            "nearly 2.5 million",
            "2019-10",
        ),
        # "That came ... after": "that" is the event the sentence before dated, and the span
        # reaches it
        (
            "Prosecutors decided to reopen the investigation in May. That came seven years "
            "after he sought refuge at the embassy.",
            "seven years",
            "2019-05",
        ),
        # an age is the one of the time a clause describing its person names ...
        (
            "Doctors told the tale of a 43-year-old man who saw his doctor in November 2016 "
            "after three months of feeling tired.",
            "43-year-old",
            "2016-11",
        ),
        # ... not of an aside set off by commas
        (
            "The 55-year-old, who was elected in 2012, said he would run again.",
            "55-year-old",
            "2019-11-18",
        ),
        # a past main clause right after a dated report takes its time
        (
            "The commission found that in 2015, there were 9 million premature deaths from "
            "pollution. India suffered the worst toll, with more than 2.5 million of these "
            "deaths.",
            "more than 2.5 million",
            "2015",
        ),
        # ... also for a figure nested in another noun
        (
            "Earlier this month, NASA announced the newest milestone in the development of its "
            "Space Launch System. At the assembly facility in New Orleans, workers completed "
            "installation of the four RS-25 engines into the rocket's core stage.",
            "four",
            "2019-11",
        ),
    ],
)
def test_a_relative_time_is_read_against_its_anchor(
    analyse: Callable[..., AnalyzedArticle], text: str, figure: str, expected: str | None
) -> None:
    assert as_of(analyse(text, "2019-11-18"), figure) == expected


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        # a dated report dates what it states, a figure nested in another noun too
        (
            "The World Health Organization reported last year that 11 of the 12 cities in the "
            "world with the most pollution from PM2.5 — particles smaller than 2.5 microns in "
            "diameter that can cause heart troubles — were in India.",
            "11",
            "2018",
        ),
        # a quotation told in a dated clause, whatever its verb
        (
            "“My people had $20 billion done,” Mr. Trump recounted in an Oct. 21 cabinet meeting.",
            "$20 billion",
            "2019-10-21",
        ),
        # a figure of a participle after "After" is past, not the main clause's present
        (
            "After receiving a lifeline from investor SoftBank worth up to $8 billion, WeWork is "
            "now engaging in major cost-cutting measures.",
            "up to $8 billion",
            None,
        ),
        # the time of a clause describing the noun a figure modifies, through an infinitive
        (
            "The latest twists in the talks have left firms uncertain whether a 15 percent "
            "tariff that the administration had planned to impose Dec. 15 on another $160 "
            "billion of goods would go into effect.",
            "15 percent",
            "2019-12-15",
        ),
        # an infinitive under a past verb, after a sentence whose time the parser hung on a
        # noun, takes that time
        (
            "WeWork agreed to a rescue by its largest shareholder, Japanese technology investment "
            "company SoftBank Group Corp, last month as it faced a cash crunch. SoftBank agreed "
            "to inject $6.5 billion in debt and equity into WeWork.",
            "$6.5 billion",
            "2019-10",
        ),
    ],
)
def test_a_figure_takes_the_time_of_the_clause_that_tells_it(
    analyse: Callable[..., AnalyzedArticle], text: str, figure: str, expected: str | None
) -> None:
    assert as_of(analyse(text, "2019-11-18"), figure) == expected


def test_another_subjects_now_does_not_date_a_coordinated_clause(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    found = analyse(
        "After a year, his symptoms completely cleared and he is now fully recovered, Dempsey "
        "said.",
        "2019-11-18",
    )
    assert as_of(found, "a year") is None


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        (
            "China's Shanghai Composite slumped 0.2%, but recovered those losses and was last "
            "trading up 0.4%.",
            "0.4%",
        ),
        (
            "Hong Kong's Hang Seng Index started in the red, but was last trading up about 1%.",
            "about 1%",
        ),
    ],
)
def test_a_progressive_tagged_as_a_noun_is_the_days_news(
    analyse: Callable[..., AnalyzedArticle], text: str, figure: str
) -> None:
    assert as_of(analyse(text, "2019-11-19"), figure) == "2019-11-19"

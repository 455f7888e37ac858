"""The period and place a figure's sentence bounds it by (newsgraph.link.scope)."""

from __future__ import annotations

import pytest

from newsgraph.link.scope import period_of, place_of
from newsgraph.records import Mention


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        ("There were 3,248 cases worldwide between 2010 and 2015.", "2010–2015"),
        ("It caused 50 million deaths in the fourteenth century.", "14th century"),
        ("Some 300 doctors left the country in 2023, the ministry said.", "2023"),
        ("During the year 2019 the firm hired 40 engineers.", "2019"),
        # a year inside a date is the figure's as_of, not its period
        ("The toll rose to 57 on 5 March 2024.", None),
        ("The toll rose to 57 in March 2024.", None),
        # two years bound two figures; the sentence gives neither alone
        ("Exports reached 450 in 2024, up from 300 in 2023.", None),
        ("The budget for 2023-24 is 4 billion.", None),
        ("The storm killed 42 people.", None),
    ],
)
def test_period_of(sentence: str, period: str | None) -> None:
    assert period_of(sentence) == period


def _place(sentence: str, figure: str, places: dict[str, str]) -> str | None:
    mentions = [
        Mention(
            "a1", sentence.index(name), sentence.index(name) + len(name), name, name, kind, None
        )
        for name, kind in places.items()
    ]
    start = sentence.index(figure)
    return place_of(sentence, (0, len(sentence)), (start, start + len(figure)), mentions)


@pytest.mark.parametrize(
    ("sentence", "figure", "places", "place"),
    [
        ("There were 3,248 cases worldwide between 2010 and 2015.", "3,248", {}, "worldwide"),
        ("Some 40 people died in floods in Kenya.", "40", {"Kenya": "GPE"}, "Kenya"),
        # the world is what the superlative compares with: the army is North Korea's
        (
            "North Korea has one of the largest armies in the world, with 1.3 million soldiers.",
            "1.3 million",
            {"North Korea": "GPE"},
            "North Korea",
        ),
        ("It is the deadliest outbreak in the world this year, with 90 dead.", "90", {}, None),
        # the world bounds the millions; the third is Europe's, the place nearest it
        (
            "Plague has killed millions around the world, most famously the Black Death, which "
            "wiped out one-third of Europe's population.",
            "one-third",
            {"Europe": "LOC"},
            "Europe",
        ),
        ("Protests around the world drew 5,000 people.", "5,000", {}, "worldwide"),
    ],
)
def test_place_of(sentence: str, figure: str, places: dict[str, str], place: str | None) -> None:
    assert _place(sentence, figure, places) == place

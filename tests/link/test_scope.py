"""The period a figure's sentence bounds it by (newsgraph.link.scope.period_of)."""

from __future__ import annotations

import pytest

from newsgraph.link.scope import period_of


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

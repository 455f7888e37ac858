"""The day a page's URL path gives (`clean.dates.url_day`): what `as_of` resolves relative
dates against on a page that prints no date of its own ("Oct. 21", "last week")."""

from __future__ import annotations

import pytest

from newsgraph.clean.dates import url_day


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://www.nytimes.com/2019/11/18/business/trump-trade-war-china.html", "2019-11-18"),
        ("https://www.politifact.com/west-virginia/statements/2019/nov/18/david/", "2019-11-18"),
        ("https://www.vox.com/science-and-health/2019/11/8/20948348/delhi", "2019-11-08"),
        # a year and a month only, an impossible day, no path, no URL: no day
        ("https://example.com/2019/11/story", None),
        ("https://example.com/2019/13/40/story", None),
        ("https://example.com/story", None),
        (None, None),
    ],
)
def test_the_day_a_url_path_gives(url: str | None, day: str | None) -> None:
    assert url_day(url) == day

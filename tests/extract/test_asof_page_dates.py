"""The day a page's URL path gives (`clean.dates.url_day`): what `as_of` resolves relative
dates against on a page that prints no date of its own ("Oct. 21", "last week")."""

from __future__ import annotations

import pytest

from newsgraph.clean.dates import date_line, dateline_day, find_date_line, url_day


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


@pytest.mark.parametrize(
    ("line", "day"),
    [
        # a scrape that glued the year to the clock and the zone to the next label
        ("November 19, 20245:02 AM GMT+9Updated 2 hours ago", "2024-11-19"),
        ("Nov 19, 2024 5:02 AM GMT+9 Updated 2 hours ago", "2024-11-19"),
        # a sentence that holds a date is no date line
        ("The army said on November 19, 2024 that 12 soldiers had been killed there.", None),
    ],
)
def test_a_date_line_as_scraped(line: str, day: str | None) -> None:
    found = date_line(line)
    assert (found[0] if found else None) == day


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("SEOUL, Nov 19 (Reuters) - North Korea has sent troops.", "2019-11-19"),
        # a dateline that gives its date alone, with no place
        ("Nov 19, 2024 - North Korea has sent troops.", "2024-11-19"),
        ("November 19 - North Korea has sent troops.", "2019-11-19"),
        ("North Korea has sent troops - Nov 19, 2024.", None),
    ],
)
def test_a_datelines_day(line: str, day: str | None) -> None:
    assert dateline_day(line, "https://example.com/2019/story", []) == day


@pytest.mark.parametrize(
    ("url", "day"),
    [
        # an article id that opens with the day, or the day alone between separators
        ("https://en.yna.co.kr/view/AEN20241119001234315", "2024-11-19"),
        ("https://example.com/news/20241119-troops-sent", "2024-11-19"),
        # a long number that is no id after letters, an impossible day: no day
        ("https://example.com/news/2024111900123", None),
        ("https://example.com/news/story-20241340", None),
        ("https://example.com/471031-new-york-man", None),
    ],
)
def test_a_day_opening_an_article_id(url: str, day: str | None) -> None:
    assert url_day(url) == day


def test_a_date_printed_over_two_lines() -> None:
    """A theme that prints the month and day above the clock and the year: one date."""
    lines = ["Deportees return home", "November 20", "15:23 2019", "by Staff", "NEW DELHI: ..."]
    found = find_date_line(lines, 4)
    assert found is not None and found.day == "2019-11-20"
    # a short line of a month and day over a bare year that is a sentence is no date line
    assert find_date_line(["Sales rose 20", "2019", "The body."], 2) is None


def test_a_date_under_a_headline_far_above_the_body() -> None:
    """Share panels between headline and body: the date line under the headline (the line
    that repeats the page's <title> without its site name) is still the page's."""
    panel = [f"Share this with Service {k}" for k in range(40)]
    lines = [
        "Taylor Swift is allowed to play her music after all - BBC News",
        "Newsbeat",
        "Taylor Swift is allowed to play her music after all",
        "19 November 2019",
        *panel,
        "A row involving the singer and her former label looks like it is coming to an end.",
    ]
    found = find_date_line(lines, len(lines) - 1)
    assert found is not None and found.day == "2019-11-19"
    # no headline repeated above the date line: nothing so far from the body counts
    assert find_date_line([lines[0], "Newsbeat", "19 November 2019", *panel, lines[-1]], 43) is None

"""Outlets of URLs and dates written in page text."""

from __future__ import annotations

import pytest

from newsgraph.clean.metadata import find_date, outlet_of


@pytest.mark.parametrize(
    ("value", "outlet"),
    [
        ("www.channelnewsasia.com", "channelnewsasia.com"),
        ("https://www.channelnewsasia.com/asia/north-korea-123", "channelnewsasia.com"),
        ("http://news.bbc.co.uk/2/hi/world.stm", "bbc.co.uk"),
        ("https://user@edition.cnn.com:443/x?y=1", "cnn.com"),
        ("localhost", None),
        ("", None),
        (None, None),
    ],
)
def test_outlet_of(value: str | None, outlet: str | None) -> None:
    assert outlet_of(value) == outlet


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Published November 20, 2019 10:00", "2019-11-20"),
        ("By Jane Doe | 3rd Mar. 2024", "2024-03-03"),
        ("Updated 2019-11-20T12:00:00Z", "2019-11-20"),
        ("February 30, 2020", None),
        ("Posted 19-Nov-2024 08:15", "2024-11-19"),
        ("19-nov-24", "2024-11-19"),
        ("Last updated: 03/Mar/2019", "2019-03-03"),
        ("Nov-19-2024", "2024-11-19"),
        ("2024-Nov-19", "2024-11-19"),
        ("31-Feb-2024", None),
        ("19-Nov/2024", None),
        ("item 19-Nov-2024-07", None),
        ("No date here at all", None),
    ],
)
def test_find_date(text: str, found: str | None) -> None:
    assert find_date(text) == found


@pytest.mark.parametrize(
    ("given", "outlet"),
    [
        ("http://127.0.0.1:8123/news/a.html", "127.0.0.1"),
        ("https://localhost/x", "localhost"),
        ("https://www.bbc.co.uk/news/1", "bbc.co.uk"),
        ("www.channelnewsasia.com", "channelnewsasia.com"),
        ("Reuters", None),
        ("127.0.0.1", None),
    ],
)
def test_a_url_without_a_registered_domain_is_its_own_outlet(
    given: str, outlet: str | None
) -> None:
    """A page fetched from a local server kept no outlet; a bare word still is none."""
    assert outlet_of(given) == outlet

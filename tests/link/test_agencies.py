"""One agency named two ways is one source; one government speaks through many bodies."""

from __future__ import annotations

import pytest

from newsgraph.link.agencies import agency_of, party_of, same_agency


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("the NIS", "South Korea's spy agency"),
        ("Seoul's intelligence service", "National Intelligence Service"),
        ("the Pentagon", "the U.S. Defense Department"),
        ("Ukraine's health ministry", "the Ukrainian health ministry"),
        ("Kyiv's military intelligence", "Ukraine's defence intelligence"),
    ],
)
def test_one_agency_named_two_ways(a: str, b: str) -> None:
    assert same_agency(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("South Korea's spy agency", "South Korea's defence ministry"),
        ("South Korea's defence ministry", "Japan's defence ministry"),
        ("police", "officials"),  # two unknowns are never one
        ("Trump", "Donald Trump"),  # a person is no agency
    ],
)
def test_two_bodies_stay_two(a: str, b: str) -> None:
    assert not same_agency(a, b)


def test_a_government_speaks_through_its_capital_ministries_and_state_media() -> None:
    speakers = ["North Korea", "Pyongyang", "North Korea's foreign ministry", "KCNA"]
    assert {party_of(s) for s in speakers} == {"North Korea"}
    # an intelligence agency reports; it does not speak for its government
    assert party_of("the NIS") is None
    assert agency_of("South Korea's and Japan's ministries") is None

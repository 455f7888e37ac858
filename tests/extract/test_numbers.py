"""Number normalisation: every written form SPEC.md lists, and what is not a number."""

from __future__ import annotations

import pytest

from newsgraph.extract.numbers import currency_of, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("10,000", 10_000),
        ("1,001.2", 1001.2),
        ("two", 2),
        ("ten thousand", 10_000),
        ("twenty five", 25),
        ("a dozen", 12),
        ("1.3 million", 1_300_000),
        ("10k", 10_000),
        ("12K", 12_000),
        ("15-thousand", 15_000),
        ("four-thousand-100", 4100),
        ("3.2m", 3_200_000),
        ("1,600 crore", 16_000_000_000),
        ("45 lakh", 4_500_000),
        ("350 billion", 350_000_000_000),
        ("two hundred and fifty", 250),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["first", "4th", "thousands", "Hwasong-19", "KN-23", "m", ""])
def test_not_a_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("mark", "code"), [("£", "GBP"), ("$", "USD"), ("₹", "INR"), ("rupees", "INR"), ("€", "EUR")]
)
def test_currency_of(mark: str, code: str) -> None:
    assert currency_of(mark) == code

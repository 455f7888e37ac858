"""`_quotation` finds the quotation marks around a figure as a walk over every character did."""

from __future__ import annotations

import random

import pytest

from newsgraph.extract.figure_sources import CLOSING_QUOTES, OPENING_QUOTES, _quotation


def _walked(text: str, start: int, end: int, at: int) -> tuple[int, int] | None:
    """The character-by-character walk `_quotation` replaced, kept as its reference."""
    opened: int | None = None
    for k in range(start, end):
        ch = text[k]
        if opened is None and ch in OPENING_QUOTES and k < at:
            opened = k
        elif opened is not None and ch in CLOSING_QUOTES and k > opened:
            if k >= at:
                return opened, k
            opened = None
    return (opened, end) if opened is not None else None


@pytest.mark.parametrize("seed", range(30))
def test_the_same_marks_as_walking_every_character(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = 'ab 3.\n\u201c\u201d"'
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
    for _ in range(40):
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        at = rng.randint(start, max(start, end - 1))
        assert _quotation(text, start, end, at) == _walked(text, start, end, at)


def test_a_quote_around_the_figure_and_one_before_it() -> None:
    text = 'He said "we lost 3 ships" and \u201c4 more\u201d then "5'
    assert _quotation(text, 0, len(text), text.index("3")) == (8, 24)
    assert _quotation(text, 0, len(text), text.index("4")) == (30, 37)
    assert _quotation(text, 0, len(text), text.index("5")) == (44, len(text))
    assert _quotation(text, 0, len(text), text.index("said")) is None

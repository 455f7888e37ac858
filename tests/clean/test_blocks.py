"""The page-level choice of the body in a text scrape: the headline anchor and the body span."""

from __future__ import annotations

import numpy as np
import pytest

from newsgraph.clean import forms
from newsgraph.clean.blocks import body_span, headline_index, select_lines

PARAGRAPH = (
    "The council voted on Tuesday to close the old bridge, citing safety reports that showed "
    "deep cracks in two of its supports, and said repairs would start next spring."
)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Bridge to Close for Repairs | Daily Post", "Menu", "Bridge to Close for Repairs"], 2),
        (["Bridge to Close for Repairs - Daily Post", "bridge to close for repairs"], 1),
        (["Bridge to Close for Repairs", "Menu", "Bridge to Close for Repairs and More"], None),
        (["Home", "Home"], None),
    ],
)
def test_headline_is_the_repeat_of_the_title(lines: list[str], expected: int | None) -> None:
    assert headline_index(lines) == expected


def test_span_prefers_the_article_to_a_longer_teaser_block() -> None:
    # Six teasers the line model half believes, then the headline and four sure paragraphs.
    lines = ["Bridge to Close | Post", *[PARAGRAPH] * 6, "Bridge to Close", *[PARAGRAPH] * 4]
    probabilities = np.asarray([0.0, *[0.6] * 6, 0.1, *[0.9] * 4])
    blocked = [False] * len(lines)
    assert body_span(lines, probabilities, blocked) == (8, 11)
    keep = select_lines(lines, probabilities, blocked, 0.5)
    assert keep == [False] * 8 + [True] * 4


def test_span_pays_for_what_it_crosses() -> None:
    # Two articles' worth of body split by a long run of furniture: only the larger is taken.
    lines = [*[PARAGRAPH] * 3, *["Sports scores today"] * 40, *[PARAGRAPH] * 5]
    probabilities = np.asarray([0.9] * 3 + [0.1] * 40 + [0.9] * 5)
    start, end = body_span(lines, probabilities, [False] * len(lines))
    assert (start, end) == (43, 47)


def test_caption_needs_no_finite_verb() -> None:
    caption = "Military builders and equipment in a green landscape, showcasing collaboration."
    sentence = "Officials in the city banned fireworks last year, arresting over 200 people."
    assert forms.is_caption(caption)
    assert not forms.is_caption(sentence)

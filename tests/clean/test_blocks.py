"""The page-level choice of the body in a text scrape: the headline anchor and the body span."""

from __future__ import annotations

import numpy as np
import pytest

from newsgraph.clean import forms
from newsgraph.clean.blocks import (
    FEATURES,
    body_span,
    headline_index,
    line_features,
    select_lines,
    shape_runs,
)

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
        # a title with several site tails: the headline repeats what is left without them
        (
            [
                "Bridge Closes for Repairs | Daily Post | News | Local",
                "Menu",
                "Bridge Closes for Repairs",
            ],
            2,
        ),
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


def column(features: np.ndarray, name: str) -> list[float]:
    return features[:, FEATURES.index(name)].round(4).tolist()


def test_lines_of_one_list_share_a_shape() -> None:
    lines = [
        PARAGRAPH,
        "June 9 – West Palm Beach, FL @ Coral Sky Amphitheatre",
        "June 10 – Tampa, FL @ Credit Union Amphitheatre",
        "July 2 – Uncasville, CT @ Mohegan Sun Arena",
        PARAGRAPH,
    ]
    assert forms.shape_of(lines[1]) == forms.shape_of(lines[3])
    same, run = shape_runs(lines)
    assert same.tolist() == [0.0, 1.0, 1.0, 1.0, 0.0]
    assert run[1] > run[0]


def test_own_features_flag_site_words_captions_labels_cut_offs_and_date_lines() -> None:
    lines = [
        "This website uses cookies. View our privacy policy and cookie settings.",
        "Image 2 of 5",
        "Read more: Council closes the old bridge",
        "The council voted to close the bridge, citing reports that..",
        "Published 10:02 AM EST Nov 19, 2019",
        PARAGRAPH,
    ]
    features = line_features(lines, [False] * len(lines))
    site_words = column(features, "site_words")
    assert site_words[0] > 0.3 and site_words[5] == 0.0
    assert column(features, "caption_cue") == [0.0, 1.0, 0.0, 0.0, 0.0, 0.0]
    assert column(features, "label_prefix") == [0.0, 0.0, 1.0, 0.0, 0.0, 0.0]
    assert column(features, "cut_off") == [0.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    assert column(features, "date_line") == [0.0, 0.0, 0.0, 0.0, 1.0, 0.0]


def test_furniture_below_the_headline_is_counted() -> None:
    lines = [
        "Bridge to Close | Post",
        "Menu",
        "Bridge to Close",
        PARAGRAPH,
        "Share",
        "Tweet",
        "Tail",
    ]
    blocked = [False, True, False, False, True, True, False]
    since = column(line_features(lines, blocked), "blocked_since_headline")
    # Nothing above or at the headline; the menu above it does not count; two bars below it do.
    assert since[:4] == [0.0, 0.0, 0.0, 0.0]
    assert since[6] == round(float(np.log1p(2)), 4)


def test_position_says_little_on_a_short_page() -> None:
    short = column(line_features([PARAGRAPH] * 3, [False] * 3), "position")
    long = column(line_features([PARAGRAPH] * 200, [False] * 200), "position")
    assert 0.4 < short[0] < short[-1] < 0.6
    assert long[0] < 0.03 and long[-1] > 0.97


def test_body_runs_on_past_a_teaser_dropped_into_its_last_paragraphs() -> None:
    # Four sure paragraphs, a promo line and a teaser headline, two paragraphs the model
    # keeps but the span does not reach, the footer, and a stray paragraph beyond it.
    teaser = ["Read more: Council Plans New Bridge Tolls", "Mayor Faces Vote Over Budget Row"]
    lines = [*[PARAGRAPH] * 4, *teaser, PARAGRAPH, PARAGRAPH, "Share", "Contact", "Jobs", PARAGRAPH]
    probabilities = np.asarray([0.9] * 4 + [0.3, 0.2, 0.55, 0.55, 0.0, 0.0, 0.0, 0.55])
    blocked = [False] * 4 + [True] + [False] * 7
    assert body_span(lines, probabilities, blocked) == (0, 3)
    keep = select_lines(lines, probabilities, blocked, 0.5)
    assert keep == [True] * 4 + [False, False, True, True] + [False] * 4


def test_a_list_announced_by_a_colon_is_marked() -> None:
    lines = [
        PARAGRAPH,
        "The band's tour dates:",
        "June 9 – West Palm Beach, FL @ Coral Sky Amphitheatre",
        "June 10 – Tampa, FL @ Credit Union Amphitheatre",
        "Share this article",
        "June 12 – Orlando, FL @ Amway Center",
    ]
    assert column(line_features(lines, [False] * len(lines)), "introduced_list") == [
        0.0,
        0.0,
        1.0,
        1.0,
        0.0,
        0.0,
    ]

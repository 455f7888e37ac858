"""Figures dated by their own time expressions, and `as_of` on hand-labelled real pages.

`tests/data/asof_real.jsonl`: 46 figures of ten bench text scrapes (news of November 2019:
plague cases, a helicopter crash, a hostage swap, car sales, a prison scandal...), each with
the date its text gives it, read by hand: the figure's own time expression (a span at its
end, a century as the ISO interval of its years, "last week" as an ISO week), else the dated
statement that reports it, the publication date for a figure stated as standing now
("remain", "have now been released"), null where the text gives none.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from newsgraph.evaluate.dating import evaluate_dating
from newsgraph.records import AnalyzedArticle

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / ".." / "shared" / "bench" / "extraction"
LABELS = REPO / "tests" / "data" / "asof_real.jsonl"
FLOORS = REPO / "tests" / "floors" / "extraction.json"


def as_of(found: AnalyzedArticle, text: str) -> str | None:
    (quantity,) = [q for q in found.quantities if q.text == text]
    return quantity.as_of


def test_a_figure_dated_in_its_own_century_is_not_dated_at_publication(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    found = analyse(
        "Both diseases are associated with the Black Death pandemic that killed an estimated "
        "25 million people in Europe alone in the 14th Century. It was known as the Black "
        "Death during the fourteenth century, causing more than 50 million deaths in Europe.",
        "2019-11-18",
    )
    assert as_of(found, "an estimated 25 million") == "1300/1399"
    assert as_of(found, "more than 50 million") == "1300/1399"


def test_a_figure_counted_among_another_takes_its_date(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    found = analyse(
        "From 2010 to 2015 there were 3248 cases reported worldwide, including 584 deaths.",
        "2019-11-18",
    )
    assert as_of(found, "3248") == "2015"
    assert as_of(found, "584") == "2015"


def test_as_of_on_labelled_real_pages() -> None:
    if not (BENCH / "ground-truth.json").is_file():
        pytest.skip(f"extraction benchmark not found at {BENCH.resolve()}")
    floor = json.loads(FLOORS.read_text(encoding="utf-8"))["as_of_real"]
    scores = evaluate_dating(LABELS, BENCH)
    assert scores.total == 46
    assert scores.accuracy >= floor, (scores.accuracy, scores.misses)


def test_what_there_were_takes_the_time_of_its_count(
    analyse: Callable[..., AnalyzedArticle],
) -> None:
    found = analyse(
        "According to WHO, there were 3,248 cases reported worldwide between 2010 and 2015, "
        "with 584 deaths.",
        "2019-11-18",
    )
    assert as_of(found, "3,248") == "2015"
    assert as_of(found, "584") == "2015"

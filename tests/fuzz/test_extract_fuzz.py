"""Number normaliser, time resolver and extractors under fuzzing, on the real spaCy pipeline.

Every record the extractors return points inside the article text; nothing but a coded error
escapes.
"""

from __future__ import annotations

import functools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from newsgraph.config import Settings
from newsgraph.extract import extract
from newsgraph.extract.numbers import currency_of, is_number_word, parse_number
from newsgraph.extract.timex import parse_published, resolve_time
from newsgraph.records import AnalyzedArticle, Article
from tests.fuzz.cases import FUZZ, NEWS_WORDS, call_coded, news_text

NUMBER_WORDS = [
    "one",
    "twenty",
    "hundred",
    "thousand",
    "million",
    "bn",
    "k",
    "a",
    "an",
    "and",
    "dozen",
    "1,000",
    "3.2",
    "10k",
    "-",
    "\u2013",
    "half",
    "0",
    "999,999,999,999",
]
TIME_WORDS = [
    "Monday",
    "last",
    "next",
    "week",
    "month",
    "year",
    "January",
    "Oct.",
    "8",
    "13",
    "between",
    "and",
    "to",
    "from",
    "2024",
    "winter",
    "spring",
    "ago",
    "days",
    "early",
    "late",
    "this",
    "yesterday",
    "today",
    "tomorrow",
    "31",
    "February",
    "29",
]
PUBLISHED = st.one_of(
    st.none(),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["2025-04-28T10:00:00Z", "0001-01-01", "9999-12-31", "", "not a date"]),
)


@functools.cache
def nlp() -> Language:
    """The real pipeline, loaded once for the session."""
    from newsgraph.extract.nlp import load_pipeline

    return load_pipeline(Settings().model)


@FUZZ
@given(
    text=st.one_of(
        st.lists(st.sampled_from(NUMBER_WORDS), max_size=8).map(" ".join), st.text(max_size=40)
    )
)
def test_parse_number_is_a_finite_number_or_none(text: str) -> None:
    value = call_coded(lambda: parse_number(text))
    assert value is None or (isinstance(value, float) and not math.isnan(value))
    call_coded(lambda: currency_of(text))
    for word in text.split():
        call_coded(lambda: is_number_word(word))  # noqa: B023 - called at once


@FUZZ
@given(
    text=st.one_of(
        st.lists(st.sampled_from(TIME_WORDS), max_size=8).map(" ".join), st.text(max_size=40)
    ),
    published=PUBLISHED,
)
def test_resolve_time_is_an_iso_prefix_or_none(text: str, published: str | None) -> None:
    value = call_coded(lambda: resolve_time(text, published))
    assert value is None or isinstance(value, str)
    call_coded(lambda: parse_published(published))


def article_of(text: str, published: str | None) -> Article:
    return Article.bare(
        "a" * 64, text, source_id="fuzz", published=published, published_source=None
    )


def check_offsets(result: AnalyzedArticle, text: str) -> None:
    """Every record traces back to a span of `text`."""
    spans = [(m.start, m.end) for m in result.mentions]
    spans += [(c.start, c.end) for c in result.claims]
    spans += [(q.start, q.end) for q in result.quantities]
    spans += [(e.start, e.end) for e in result.events]
    for start, end in spans:
        assert 0 <= start <= end <= len(text), (start, end, len(text))
    for quantity in result.quantities:
        assert quantity.text == text[quantity.start : quantity.end] or quantity.text


@pytest.mark.filterwarnings("ignore")
@FUZZ
@given(
    text=st.one_of(
        news_text(max_words=150),
        st.lists(st.sampled_from(NEWS_WORDS + NUMBER_WORDS + TIME_WORDS), max_size=150).map(
            " ".join
        ),
    ),
    published=PUBLISHED,
)
def test_extract_records_point_inside_the_text(text: str, published: str | None) -> None:
    doc = nlp()(text)
    out = call_coded(lambda: extract(doc, article_of(text, published)))
    if isinstance(out, AnalyzedArticle):
        check_offsets(out, text)

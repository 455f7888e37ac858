"""Cleaners under fuzzing: HTML, plain-text scrapes and whole documents clean or fail coded."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsgraph.clean import clean_document, clean_html, clean_text
from newsgraph.config import Settings
from newsgraph.pipeline import build_article
from newsgraph.records import Cleaned, Document
from tests.fuzz.cases import FUZZ, call_coded, html_page, news_text

URLS = st.one_of(st.none(), st.sampled_from(["https://x.example/a", "javascript:alert(1)", "x"]))


@FUZZ
@given(html=st.one_of(html_page(), st.text(max_size=2000)), url=URLS)
def test_clean_html_returns_cleaned_text(html: str, url: str | None) -> None:
    out = call_coded(lambda: clean_html(html, url=url))
    if isinstance(out, Cleaned):
        assert isinstance(out.text, str)


@FUZZ
@given(
    lines=st.lists(st.one_of(news_text(max_words=40), st.text(max_size=200)), max_size=40),
    url=URLS,
)
def test_clean_text_returns_cleaned_text(lines: list[str], url: str | None) -> None:
    out = call_coded(lambda: clean_text("\n".join(lines), url=url))
    if isinstance(out, Cleaned):
        assert isinstance(out.text, str)


@FUZZ
@given(
    content=st.one_of(html_page(), news_text(), st.text(min_size=1, max_size=500)),
    media=st.sampled_from(["html", "text", "clean"]),
    published=st.one_of(st.none(), st.sampled_from(["2025-04-28", "2025-13-45", "soon", ""])),
)
def test_build_article_keeps_text_or_fails_coded(
    content: str, media: str, published: str | None
) -> None:
    document = Document("0" * 64, "fuzz", content, media, published=published)  # type: ignore[arg-type]
    out = call_coded(lambda: build_article(document, Settings()))
    if not isinstance(out, Exception):
        assert out.text.strip()
    call_coded(lambda: clean_document(document))

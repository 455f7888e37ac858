"""clean_document: dispatch on media type and the input's metadata filling the gaps."""

from __future__ import annotations

import pytest

from newsgraph.clean import clean_document
from newsgraph.errors import UnsupportedInput
from newsgraph.records import Document

BODY = (
    "The council voted on Tuesday to close the old bridge, citing safety reports that showed "
    "deep cracks in two of its supports. Repairs will start next spring, officials said."
)


def test_clean_text_is_kept_with_input_metadata() -> None:
    doc = Document(
        id="x",
        source_id="x.jsonl",
        content=f"  {BODY}\n",
        media_type="clean",
        url="https://example.com/a",
        title="Bridge closes",
        published="2024-03-03",
    )
    cleaned = clean_document(doc)
    assert cleaned.text == BODY
    assert cleaned.title == "Bridge closes"
    assert cleaned.url == "https://example.com/a"
    assert (cleaned.published, cleaned.published_source) == ("2024-03-03", "input")


def test_text_scrape_gets_input_date_when_page_has_none() -> None:
    doc = Document(
        id="x",
        source_id="x.txt",
        content=f"Home\nNews\n{BODY}\nShare",
        media_type="text",
        published="2024-03-03",
    )
    cleaned = clean_document(doc)
    assert cleaned.text == BODY
    assert (cleaned.published, cleaned.published_source) == ("2024-03-03", "input")


def test_page_date_wins_over_input() -> None:
    doc = Document(
        id="x",
        source_id="x.txt",
        content=f"By Jane Doe, March 1, 2024\n{BODY}",
        media_type="text",
        published="2024-03-03",
    )
    cleaned = clean_document(doc)
    assert (cleaned.published, cleaned.published_source) == ("2024-03-01", "text")


def test_html_is_cleaned() -> None:
    html = (
        "<html><head><title>Bridge closes - Example</title></head><body><nav><a href='/'>Home</a>"
        f"</nav><article><h1>Bridge closes</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>"
    )
    doc = Document(id="x", source_id="x.html", content=html, media_type="html")
    cleaned = clean_document(doc)
    assert BODY in cleaned.text
    assert "Home" not in cleaned.text


def test_unknown_media_type_raises() -> None:
    doc = Document(id="x", source_id="x.bin", content="", media_type="pdf")  # type: ignore[arg-type]
    with pytest.raises(UnsupportedInput):
        clean_document(doc)


@pytest.mark.parametrize(
    ("title", "site", "url", "headline"),
    [
        # the tail names the page's own outlet: its declared site name or its host
        ("The Impeachment Clock | National Review", None, "https://www.nationalreview.com/x",
         "The Impeachment Clock"),
        ("Nadal keeps Spain alive in Davis Cup Finals - Sportsnet.ca", "Sportsnet.ca", None,
         "Nadal keeps Spain alive in Davis Cup Finals"),
        ("How to Tackle Game Day Snack Temptations | The Beachbody Blog", "The Beachbody Blog",
         "https://www.beachbodyondemand.com/blog/x", "How to Tackle Game Day Snack Temptations"),
        # a tail that names someone else is the headline's own
        ("Troops cross the river - Pentagon", None, "https://news.example.org/a",
         "Troops cross the river - Pentagon"),
        ("Our BI Research Shows - A Mix of Ad Units Works", "my6sense", None,
         "Our BI Research Shows - A Mix of Ad Units Works"),
        # too little headline would be left
        ("Obituaries | The Daily", "The Daily", None, "Obituaries | The Daily"),
    ],
)  # fmt: skip
def test_a_title_loses_the_tail_naming_its_own_outlet(
    title: str, site: str | None, url: str | None, headline: str
) -> None:
    from newsgraph.clean.html import clean_html

    meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    html = (
        f'<html><head><meta property="og:title" content="{title}">{meta}</head><body>'
        f"<article><p>{BODY}</p><p>{BODY}</p></article></body></html>"
    )
    assert clean_html(html, url=url).title == headline


@pytest.mark.parametrize(
    ("content", "url", "expected"),
    [
        # a date line over the first paragraph
        (f"Bridge closes\nBy Jane Doe\nPublished 10:02 AM EST Nov 19, 2019\n{BODY}", None,
         ("2019-11-19", "text")),
        # the dateline that opens the story
        (f"SEOUL, Nov 18, 2019 (Reuters) - {BODY}", None, ("2019-11-18", "text")),
        # a dateline without its year takes the address's
        (f"SEOUL, Nov 18 (Reuters) - {BODY}", "https://example.com/2019/11/18/a",
         ("2019-11-18", "text")),
        # no date in the text: the day the address gives
        (BODY, "https://example.com/2024/03/01/bridge", ("2024-03-01", "metadata")),
        # a date in the story's narrative is what it is about, not its date
        (f"{BODY} The bridge opened on May 3, 1990.", None, (None, None)),
    ],
)  # fmt: skip
def test_clean_text_without_a_date_takes_the_one_it_prints_at_its_head(
    content: str, url: str | None, expected: tuple[str | None, str | None]
) -> None:
    doc = Document(id="x", source_id="x.jsonl", content=content, media_type="clean", url=url)
    cleaned = clean_document(doc)
    assert (cleaned.published, cleaned.published_source) == expected
    assert cleaned.text == content.strip()  # clean text is kept as it came

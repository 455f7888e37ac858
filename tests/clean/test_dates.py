"""Publication dates read from a page's own text: date lines by the headline, datelines.

The labelled set `tests/data/published_dates.jsonl` holds the true publication day of 47 pages
of the extraction benchmark, read by hand from each page (the date line by the headline; the
URL path where the page prints none; "how" says which), 15 of them pages whose metadata has no
date. Metadata dates one day off a printed local date are labelled with the printed one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.clean.dates import date_line, dateline_day, find_date_line
from newsgraph.clean.html import clean_html
from newsgraph.clean.metadata import all_dates
from newsgraph.clean.text import clean_text
from newsgraph.evaluate.extraction import evaluate_dates

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / ".." / "shared" / "bench" / "extraction"
LABELS = REPO / "tests" / "data" / "published_dates.jsonl"
FLOORS = REPO / "tests" / "floors" / "extraction.json"
BODY = (
    "The council voted on Tuesday to close the old bridge, citing safety reports that showed "
    "deep cracks in two of its supports. Repairs will start next spring, officials said."
)
NARRATIVE = (
    "On Nov 3, 2019 the army crossed the river and took the town, the first of many "
    "advances that autumn, according to the ministry's own account of the campaign."
)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("By Tess Bonn - 11/19/19 06:56 AM EST", "2019-11-19"),
        ("21/06/2014 Tony Carter", "2014-06-21"),
        ("11.14.2019 09:00 AM", "2019-11-14"),
        ("05.11.2019", "2019-11-05"),
        ("2016.12.01", "2016-12-01"),
        ("publiziert am 25. September 2018", "2018-09-25"),
        ("Published November 20th, 2019 - 07:29 GMT", "2019-11-20"),
        ("2019-11-19T12:48:14Z", "2019-11-19"),
    ],
)
def test_numeric_and_written_dates_parse(text: str, day: str) -> None:
    assert [found[2] for found in all_dates(text)] == [day]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published 10:02 AM EST Nov 19, 2019", ("2019-11-19", 0)),
        ("Updated Nov 19, 2019, 6:55 AM; Posted Nov 18, 2019, 6:51 AM", ("2019-11-18", 0)),
        (
            "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Wed, Nov 20, 2019",
            ("2019-11-19", 0),
        ),
        ("By Umair Irfan Updated Nov 13, 2019, 10:28am EST", ("2019-11-13", 2)),
        (
            "By Matthew Digby, Minh Do on Monday, November 18th, 2019 at 11:08 a.m.",
            ("2019-11-18", 1),
        ),
        ("Carlos Nadalim 23/08/2018 2 comentários Alfabetização, Atividades", ("2018-08-23", 1)),
        # a caption, a quoted post's signature and a sentence are not date lines
        ("An MSC cargo ship leaves PortMiami, on Aug. 31, 2019. (AP)", None),
        ("— Rep. Ilhan Omar (@Ilhan) November 19, 2019", None),
        (NARRATIVE, None),
    ],
)
def test_date_lines(line: str, expected: tuple[str, int] | None) -> None:
    assert date_line(line) == expected


def test_published_line_wins_over_a_nearer_updated_one() -> None:
    lines = ["Headline Here", "Posted March 1, 2024", "Updated March 4, 2024", BODY]
    found = find_date_line(lines, 3)
    assert found is not None
    assert (found.index, found.day) == (1, "2024-03-01")


def test_datelines() -> None:
    assert (
        dateline_day("SEOUL, Nov 18, 2024 (Reuters) - North Korea said", None, []) == "2024-11-18"
    )
    url = "https://example.com/world/2024/11/18/story.html"
    assert dateline_day("SEOUL, Nov 18 (Reuters) - North Korea said", url, []) == "2024-11-18"
    assert dateline_day("SEOUL, Nov 18 (Reuters) - North Korea said", None, []) is None
    assert dateline_day("On Nov 18, 2024 North Korea said", None, []) is None


def test_text_page_date_line_is_metadata_not_body() -> None:
    page = f"Home\nWorld\nBridge to Close for Repairs\nPublished 10:02 AM EST Mar 3, 2024\n{BODY}"
    cleaned = clean_text(page)
    assert (cleaned.published, cleaned.published_source) == ("2024-03-03", "text")
    assert "Published" not in cleaned.text
    assert BODY in cleaned.text


def test_narrative_date_is_not_the_publication_date() -> None:
    page = f"Bridge to Close for Repairs\n{NARRATIVE}\n{BODY}"
    cleaned = clean_text(page)
    assert cleaned.published is None
    html = f"<html><body><h1>Bridge to Close</h1><article><p>{NARRATIVE}</p><p>{BODY}</p></article></body></html>"
    assert clean_html(html).published is None


def test_html_without_date_metadata_reads_its_date_line() -> None:
    html = (
        "<html><head><title>Bridge to Close</title></head><body><article>"
        "<h1>Bridge to Close for Repairs</h1><p class='by'>By Jane Doe | Posted March 3, 2024</p>"
        f"<p>{BODY}</p><p>{NARRATIVE}</p></article></body></html>"
    )
    cleaned = clean_html(html)
    assert (cleaned.published, cleaned.published_source) == ("2024-03-03", "text")


def test_html_dateline_with_the_year() -> None:
    html = (
        "<html><body><article><p>SEOUL, March 3, 2024 (Newswire) - " + BODY + "</p>"
        f"<p>{NARRATIVE}</p></article></body></html>"
    )
    cleaned = clean_html(html)
    assert (cleaned.published, cleaned.published_source) == ("2024-03-03", "text")


@pytest.mark.parametrize("form", ["text", "html"])
def test_labelled_publication_dates(form: str) -> None:
    if not (BENCH / "ground-truth.json").is_file():
        pytest.skip(f"extraction benchmark not found at {BENCH.resolve()}")
    floor = json.loads(FLOORS.read_text(encoding="utf-8"))["published"][form]
    scores = evaluate_dates(BENCH, LABELS, form)
    assert scores.labelled == 47
    assert scores.accuracy >= floor, (scores.accuracy, scores.wrong)


def test_date_line_among_the_first_body_lines_is_found() -> None:
    # The line scorer may take a headline and byline as the body's first lines: the date line
    # under them is still the page's, and is cut from the body.
    lines = [
        "South Dakota says it is on meth, and Twitter asks if it is all right",
        "Lisa Kaczke and Trevor J. Mitchell, Argus Leader",
        "Published 10:02 AM EST Nov 19, 2019",
        "SIOUX FALLS - People across the nation are talking about the new campaign.",
    ]
    found = find_date_line(lines, 0)
    assert found is not None and (found.index, found.day) == (2, "2019-11-19")
    # Deeper in the body a date line is the story's, not the page's.
    assert find_date_line(["Headline of the story", *lines], 0) is None
    assert date_line("Published on the morning of the vote") is None


def test_a_scrape_with_no_date_of_its_own_takes_its_address_day() -> None:
    body = "\n\n".join(
        f"The council met to discuss the bridge, item {i}, and agreed to act on it soon."
        for i in range(6)
    )
    page = f"Bridge to close\n\n{body}"
    dated = clean_text(page, url="https://news.example.com/2019/11/18/bridge-to-close/")
    assert (dated.published, dated.published_source) == ("2019-11-18", "metadata")
    undated = clean_text(page, url="https://news.example.com/local/bridge-to-close/")
    assert undated.published is None

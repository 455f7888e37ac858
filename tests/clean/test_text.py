"""The plain-text cleaner on the two seed scrapes and on small forms of furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.clean import forms
from newsgraph.clean.text import clean_text
from newsgraph.errors import EmptyInput
from newsgraph.records import Cleaned

DATA = Path(__file__).resolve().parents[1] / "data" / "clean"
SEED_PROMO = "000_61ab118415a4fb65.txt"
SEED_WIRE = "003_79bf5827e1dc1c2b.txt"


def read_seed(name: str) -> str:
    path = DATA / name
    if not path.is_file():
        pytest.skip(f"seed page {path} is absent")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def promo_page() -> tuple[str, Cleaned]:
    raw = read_seed(SEED_PROMO)
    return raw, clean_text(raw)


@pytest.fixture(scope="module")
def wire_page() -> tuple[str, Cleaned]:
    raw = read_seed(SEED_WIRE)
    return raw, clean_text(raw)


def kinds_of(cleaned: Cleaned, kind: str) -> list[str]:
    return [piece.text for piece in cleaned.boilerplate if piece.kind == kind]


def test_promo_page_metadata(promo_page: tuple[str, Cleaned]) -> None:
    _, cleaned = promo_page
    assert cleaned.byline == "Omar Nasser"
    assert cleaned.photo_credit == "AFP"
    assert "Post by" not in cleaned.text
    assert "Photo :" not in cleaned.text


def test_promo_line_is_removed(promo_page: tuple[str, Cleaned]) -> None:
    _, cleaned = promo_page
    assert "WhatsApp" not in cleaned.text
    assert any("WhatsApp Channel" in text for text in kinds_of(cleaned, "promo"))


def test_all_teasers_are_removed(promo_page: tuple[str, Cleaned]) -> None:
    raw, cleaned = promo_page
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    last_body = next(i for i, line in enumerate(lines) if line.endswith("even more dangerous."))
    teaser_lines = lines[last_body + 1 :]
    assert len(teaser_lines) == 30  # fifteen headlines, each with its cut-off summary
    removed = set(kinds_of(cleaned, "teaser"))
    for line in teaser_lines:
        assert line not in cleaned.text
        assert line in removed


def test_promo_page_body_is_kept(promo_page: tuple[str, Cleaned]) -> None:
    raw, cleaned = promo_page
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    first = next(i for i, line in enumerate(lines) if line.startswith("North Korea has confirmed"))
    last = next(i for i, line in enumerate(lines) if line.endswith("even more dangerous."))
    body = [line for line in lines[first : last + 1] if "WhatsApp" not in line]
    assert len(body) == 11
    assert cleaned.text.split("\n\n") == body


def test_wire_page_metadata(wire_page: tuple[str, Cleaned]) -> None:
    _, cleaned = wire_page
    assert cleaned.original_source == "channelnewsasia.com"
    assert cleaned.title == "North Korea to Send Army Builders, Deminers to Russia"
    assert cleaned.title not in cleaned.text


def test_wire_page_furniture_is_removed(wire_page: tuple[str, Cleaned]) -> None:
    _, cleaned = wire_page
    assert "Loading Now" not in cleaned.text
    assert "Post Comment" in kinds_of(cleaned, "comment_prompt")
    assert "Post Comment" not in cleaned.text
    bios = kinds_of(cleaned, "bio")
    assert len(bios) == 1 and bios[0].startswith("Fatima Khan is a dynamic journalist")
    assert "dynamic journalist" not in cleaned.text
    captions = kinds_of(cleaned, "caption")
    assert len(captions) == 1 and captions[0].startswith("Military builders and equipment")
    assert "green landscape" not in cleaned.text
    assert "Original Source" not in cleaned.text


def test_wire_page_body_is_kept(wire_page: tuple[str, Cleaned]) -> None:
    raw, cleaned = wire_page
    paragraphs = [line.strip() for line in raw.splitlines() if len(line.split()) > 25]
    paragraphs = [line for line in paragraphs if "dynamic journalist" not in line]
    assert len(paragraphs) == 7
    assert cleaned.text.split("\n\n") == paragraphs


def test_teaser_list_of_another_length_is_found() -> None:
    body = (
        "The council voted on Tuesday to close the old bridge, citing safety reports that "
        "showed deep cracks in two of its supports. Repairs will start next spring."
    )
    teasers = [
        "Storm Knocks Out Power Across the Coast",
        "Thousands of homes were left without electricity after high winds brought do",
        "Rail Strike Called Off After Late Deal",
        "Union leaders accepted a revised offer late on Sunday night, ending a dispute th",
        "Local Team Wins Cup in Penalty Drama",
        "The final went to penalties after a goalless two hours, with the keeper saving t",
    ]
    cleaned = clean_text("\n".join([body, *teasers]))
    assert cleaned.text == body
    assert kinds_of(cleaned, "teaser") == teasers


@pytest.mark.parametrize(
    "rows",
    [
        # a table of standings: rank, name, figures
        ["7 Kyle Larson 2339 1 1 8 17", "8 Brad Keselowski 2318 3 3 13 19"] * 3,
        # a list of tour dates: every row opens with a date
        [
            "June 10 -- Credit Union Amphitheatre, Tampa, FL",
            "June 14 -- Ameris Bank Amphitheatre (Formerly Verizon), Alpharetta, GA",
            "July 2 -- Mohegan Sun Arena, Uncasville, CT",
            "July 19 -- Budweiser Stage on the Lake Shore, Toronto, ON",
        ],
    ],
)
def test_rows_of_a_list_are_not_a_teaser_list(rows: list[str]) -> None:
    assert forms.find_teaser_runs(rows) == set()


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Follow us on Telegram for the latest updates", "promo"),
        ("Subscribe to our newsletter", "promo"),
        ("Leave a comment", "comment_prompt"),
        ("12 Comments", "comment_prompt"),
        ("Share on Facebook", "navigation"),
        ("© 2024 Example Media. All rights reserved.", "other"),
        ("Loading...", "other"),
        ("Jane Doe is a freelance writer covering energy and climate policy.", "bio"),
    ],
)
def test_furniture_forms_are_removed(line: str, kind: str) -> None:
    body = (
        "Officials confirmed on Monday that the new line will open in May, two years later "
        "than first planned, after a long dispute over the contract with the builders."
    )
    cleaned = clean_text(f"{body}\n{line}\n{body.replace('May', 'June')}")
    assert line not in cleaned.text
    assert (kind, line) in [(piece.kind, piece.text) for piece in cleaned.boilerplate]


def test_byline_date_is_read() -> None:
    page = (
        "Bridge to Close for Repairs\nBy Jane Doe | March 3, 2024\n"
        "The council voted on Tuesday to close the old bridge, citing safety reports that "
        "showed deep cracks in two of its supports. Repairs will start next spring."
    )
    cleaned = clean_text(page)
    assert cleaned.byline == "Jane Doe"
    assert cleaned.published == "2024-03-03"
    assert cleaned.published_source == "text"
    assert cleaned.title == "Bridge to Close for Repairs"


def test_empty_page_raises() -> None:
    with pytest.raises(EmptyInput):
        clean_text(" \n\n ")


def test_non_english_page_is_cleaned() -> None:
    body = (
        "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke zu schließen, weil "
        "Gutachten tiefe Risse in zwei Pfeilern gezeigt haben. Die Reparatur beginnt im Frühjahr."
    )
    cleaned = clean_text(f"Startseite\nPolitik\n{body}\nTeilen")
    assert cleaned.text == body


DATELINE_BODY = (
    "SEOUL, Nov 18 (Reuters) - North Korea said on Monday it would not hold talks with the "
    "United States unless Washington dropped its hostile policy, the state news agency said.",
    "The statement came a day after the allies postponed a joint air drill that Pyongyang had "
    "called a provocation, in a bid to keep the stalled talks alive.",
    "Officials in Seoul said they were studying the statement and would respond in due course, "
    "after talks with their partners in the region.",
    "Analysts said the remarks were meant to press Washington before the year-end deadline "
    "that the North has set for a change in its approach.",
    "The talks have made little progress since a summit in Hanoi broke down without a deal "
    "earlier in the year, and both sides blame the other.",
)


def test_dateline_takes_the_year_of_the_pages_other_date_line() -> None:
    footer = "Updated Nov 19, 2024"
    cleaned = clean_text("\n".join(("North Korea Rejects Talks", *DATELINE_BODY, footer)))
    assert cleaned.published == "2024-11-18"
    assert cleaned.published_source == "text"


def test_dateline_ignores_the_year_of_a_copyright_line() -> None:
    footer = "Copyright Nov 19, 2019 The Agency"
    cleaned = clean_text("\n".join(("North Korea Rejects Talks", *DATELINE_BODY, footer)))
    assert cleaned.published is None


def test_a_labelled_date_line_without_year_takes_the_year_of_the_address() -> None:
    head = ("North Korea Rejects Talks", "Updated Nov 19, 6:55 AM; Posted Nov 18, 8:19 PM")
    page = "\n".join((*head, *DATELINE_BODY[1:]))
    cleaned = clean_text(page, url="https://example.com/news/2024/11/north-korea-talks")
    assert cleaned.published == "2024-11-18"
    assert cleaned.published_source == "text"
    assert clean_text(page).published is None

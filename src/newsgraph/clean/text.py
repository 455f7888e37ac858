"""Cleaner for plain-text scrapes: a page's visible text, one block a line, furniture and all.

No library handles this form, so we classify the lines ourselves: known furniture forms first
(bylines, credits, promos, teaser lists, bios; see `forms`), then a block scorer that tells body
from page furniture, then the stretch of lines most likely to be the body, chosen for the page
as a whole, is taken as the article (see `blocks.select_lines`).
"""

from __future__ import annotations

import re

from newsgraph.clean import forms
from newsgraph.clean.blocks import BlockModel, score_lines
from newsgraph.clean.dates import (
    PUBLISHED,
    UPDATED,
    URL_YEAR,
    date_line,
    dateline_day,
    find_date_line,
    url_day,
)
from newsgraph.clean.metadata import find_date, outlet_of
from newsgraph.errors import EmptyInput
from newsgraph.records import Boilerplate, BoilerplateKind, Cleaned

# Characters that render as nothing; a line of them is an empty line.
INVISIBLE = re.compile("[\x00\u200b\u200c\u200d\u2060\ufeff\u00ad]")
COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b", re.IGNORECASE)
# A month's name and a day that no year follows ("Nov 19, 6:55 AM", "March 3;").
YEARLESS_DAY = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april"
    r"|june|july|august|september|october|november|december)\.?\s{1,3}[0-3]?\d(?:st|nd|rd|th)?"
    r"\b(?!,?\s{0,3}(?:19|20)\d\d)(?![:.]\d)",
    re.IGNORECASE,
)
# How far before the body a headline may sit and still be taken as the title.
TITLE_WINDOW = 6


def clean_text(text: str, *, url: str | None = None, model: BlockModel | None = None) -> Cleaned:
    """The body of a plain-text scrape, with title, byline, credits and the furniture removed.

    `model` replaces the shipped block model (for held-out evaluation only)."""
    forms.words_of.cache_clear()  # the cache serves one page's passes, never a later page
    lines = split_lines(text)
    if not lines:
        raise EmptyInput(url or "<text>", "the page has no text to clean")
    furniture, teasers, blocked = mark_furniture(lines)
    keep = score_lines(lines, blocked, model)
    body_idx = [i for i, kept in enumerate(keep) if kept]
    first_body = body_idx[0] if body_idx else len(lines)
    title_idx = find_title(lines, furniture, blocked, first_body)
    cleaned = Cleaned(text="", url=url)
    if title_idx is not None:
        cleaned.title = forms.strip_site_suffix(lines[title_idx])
    fill_metadata(cleaned, lines, furniture)
    found = find_date_line(lines, first_body)
    if found is not None:
        cleaned.published, cleaned.published_source = found.day, "text"
        keep[found.index] = False  # the date line is page furniture, never body text
    elif first_body < len(lines):
        years = page_years(lines, first_body)
        day = dateline_day(lines[first_body], url, years)
        if day is None and (year := known_year(url, years)) is not None:
            # "Updated Nov 19, 6:55 AM; Posted Nov 18, 8:19 PM": a labelled date line that
            # prints no year takes the page's (its address's, its other date lines')
            dated = find_date_line([with_year(line, year) for line in lines], first_body)
            day = dated.day if dated is not None else None
        if day is not None:
            cleaned.published, cleaned.published_source = day, "text"
    if cleaned.published is None and (day := url_day(url)) is not None:
        # a page that prints no date of its own: the day its address gives ("/2019/11/18/")
        cleaned.published, cleaned.published_source = day, "metadata"
    cleaned.text = "\n\n".join(line for line, kept in zip(lines, keep, strict=True) if kept)
    for i, line in enumerate(lines):
        if keep[i] or i == title_idx:
            continue
        cleaned.boilerplate.append(Boilerplate(kind_of(i, furniture, teasers, line), line))
    return cleaned


def page_years(lines: list[str], first_body: int) -> list[str]:
    """Years of the page's other date lines, nearest the body first: the year a dateline
    without one ("SEOUL, Nov 18 (Reuters) -") most likely has. Copyright lines are left out:
    their year is often stale."""
    found: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        if COPYRIGHT.search(line):
            continue
        dated = date_line(line)
        if dated is not None:
            found.append((abs(i - first_body), dated[0][:4]))
    years: list[str] = []
    for _distance, year in sorted(found):
        if year not in years:
            years.append(year)
    return years


def known_year(url: str | None, years: list[str]) -> str | None:
    """The year a page's address files it under, else the year of its nearest date line."""
    if url and (in_url := URL_YEAR.search(url)):
        return in_url.group(1)
    return years[0] if years else None


def with_year(line: str, year: str) -> str:
    """A date line labelled published, posted or updated with `year` put after each month
    and day that has none; any other line as it is."""
    if len(line) > 160 or not (PUBLISHED.search(line) or UPDATED.search(line)):
        return line
    return YEARLESS_DAY.sub(rf"\g<0>, {year}", line)


def split_lines(text: str) -> list[str]:
    """The non-empty lines of a scrape, stripped: each is one block of the page."""
    text = INVISIBLE.sub("", text)
    return [line.strip() for line in text.splitlines() if line.strip()]


def mark_furniture(
    lines: list[str],
) -> tuple[list[forms.Furniture | None], set[int], list[bool]]:
    """Furniture found line by line, the teaser-list lines, and which lines are either."""
    distinct: dict[str, forms.Furniture | None] = {}
    for line in lines:
        if line not in distinct:
            distinct[line] = forms.classify_furniture(line)
    furniture = [distinct[line] for line in lines]
    teasers = forms.find_teaser_runs(lines)
    comments_from = forms.find_comment_section(lines)
    if comments_from is not None:
        for i in range(comments_from, len(lines)):
            if furniture[i] is None:
                furniture[i] = forms.Furniture("other")
    blocked = [furniture[i] is not None or i in teasers for i in range(len(lines))]
    return furniture, teasers, blocked


def kind_of(
    i: int, furniture: list[forms.Furniture | None], teasers: set[int], line: str
) -> BoilerplateKind:
    """The boilerplate kind of a removed line."""
    found = furniture[i]
    if found is not None:
        return found.kind
    if i in teasers:
        return "teaser"
    return "navigation" if len(forms.words_of(line)) <= 6 else "other"


def find_title(
    lines: list[str], furniture: list[forms.Furniture | None], blocked: list[bool], first_body: int
) -> int | None:
    """Index of the headline: the nearest headline-like line above the body, else the first line."""
    for i in range(first_body - 1, max(-1, first_body - 1 - TITLE_WINDOW), -1):
        if blocked[i] or find_date(lines[i]):
            continue
        if forms.is_headline_like(lines[i]) and len(forms.words_of(lines[i])) >= 3:
            return i
    if lines and furniture[0] is None and forms.is_headline_like(lines[0]) and first_body > 0:
        return 0
    return None


def fill_metadata(
    cleaned: Cleaned, lines: list[str], furniture: list[forms.Furniture | None]
) -> None:
    """Byline, photo credit and original source from the furniture lines."""
    for found in furniture:
        if found is None or found.field is None or found.value is None:
            continue
        if found.field == "byline" and cleaned.byline is None:
            cleaned.byline = found.value
        elif found.field == "photo_credit" and cleaned.photo_credit is None:
            cleaned.photo_credit = found.value
        elif found.field == "original_source" and cleaned.original_source is None:
            cleaned.original_source = source_name(found.value)


def source_name(value: str) -> str:
    """A declared source as an outlet: a URL or host becomes its registered domain."""
    value = value.strip().rstrip(".")
    if re.match(r"^(?:https?://)?[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}(?:/\S*)?$", value):
        outlet = outlet_of(value)
        if outlet is not None:
            return outlet
    return value

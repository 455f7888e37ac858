"""A page's publication date read from its own text, for pages whose metadata gives none.

Pages print their date where a reader looks for it: on a line of its own by the headline
("Published 10:02 AM EST Nov 19, 2019", "By Jane Doe | March 3, 2024", "Updated Nov 19;
Posted Nov 18"), or in the dateline that opens the story ("SEOUL, Nov 18 (Reuters) -"). Only
those positions count: a date in the story's narrative ("on Nov 3, 2019 the army ...") is
what the story is about, not when it was written, and a date line far above the article (a
site header's "today") or inside a caption or a quoted post is not the article's.

A date line is short and almost all date: besides the date it may carry a time, a weekday,
a zone, "published"/"updated"/"posted", "by" and a few name words, nothing sentence-like.
Of several candidates the one labelled published or posted wins over a plain one, a plain
one over one labelled updated; then the one nearest the headline and body.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newsgraph.clean import forms
from newsgraph.clean.metadata import all_dates

# Words a date line may carry besides its date: labels, times, zones, weekdays, "ago".
LINE_WORDS = frozenset(
    (
        "published",
        "publish",
        "posted",
        "post",
        "updated",
        "update",
        "modified",
        "last",
        "first",
        "on",
        "at",
        "by",
        "am",
        "pm",
        "a",
        "m",
        "p",
        "et",
        "est",
        "edt",
        "ct",
        "cst",
        "cdt",
        "pt",
        "pst",
        "pdt",
        "mt",
        "mst",
        "mdt",
        "gmt",
        "utc",
        "bst",
        "cet",
        "cest",
        "ist",
        "jst",
        "kst",
        "aest",
        "aedt",
        "wib",
        "sgt",
        "hkt",
        "msk",
        "uk",
        "time",
        "read",
        "min",
        "mins",
        "minute",
        "minutes",
        "hour",
        "hours",
        "day",
        "days",
        "ago",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    )
)
UPDATED = re.compile(r"\b(?:updated?|modified|edited|last\s+updated)\b", re.IGNORECASE)
PUBLISHED = re.compile(r"\b(?:published|posted|publi\w*|veröffentlicht)\b", re.IGNORECASE)
# Other words (a byline's name, an agency, a section) a date line may hold at most.
MAX_OTHER_WORDS = 8
MAX_LOWER_WORDS = 2
MAX_LINE_WORDS = 25
CLOCK = re.compile(r"\b[0-2]?\d[:.][0-5]\d(?:[:.][0-5]\d)?\s?(?:[ap]\.?m\.?)?|\b[ap]\.m\.", re.I)
# How far above the first body line a date line may sit, and how far into the body.
LINES_ABOVE = 25
LINES_INTO_BODY = 3
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# "SEOUL, Nov 18 (Reuters) -": a place in capitals, a date, an agency, a dash; the place may
# be left out ("Nov 18, 2024 - North Korea has ...").
_MONTHS = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April"
    r"|June|July|August|September|October|November|December)"
)
DATELINE = re.compile(
    r"^(?:(?P<place>[A-Z][A-Z.'’-]{1,30}(?:[ /][A-Z][A-Z.'’-]{1,30}){0,3}),?"
    r"(?:\s{1,3}[A-Z][a-z]{1,20}\.?,?){0,2}\s{1,3})?"
    r"(?P<date>" + _MONTHS + r"\.?\s{1,3}[0-3]?\d(?:,?\s{1,3}(?:19|20)\d\d)?)"
    r"\s{0,3}(?:\([^()\n]{1,40}\))?\s{0,3}[-–—]"
)
DIGIT = re.compile(r"\d")
MONTH_DAY = re.compile(
    r"\b" + _MONTHS + r"\.?\s{1,3}[0-3]?\d\b|\b[0-3]?\d\s{1,3}" + _MONTHS + r"\b"
)
URL_YEAR = re.compile(r"/((?:19|20)\d\d)/")
# "/2019/11/18/", "/2019/nov/18/": the day a page's address files it under.
URL_DAY = re.compile(
    r"/(?P<year>(?:19|20)\d\d)/(?P<month>0?[1-9]|1[0-2]|[a-z]{3,9})/(?P<day>[0-3]?\d)(?:/|$)",
    re.IGNORECASE,
)


# A run of digits in a path that may open with a day ("AEN20241119001234315", "20241119").
URL_COMPACT_DAY = re.compile(r"(?:^|(?<=[/_A-Za-z-]))(?P<run>(?:19|20)\d{6,})")


@dataclass(slots=True, frozen=True)
class DateLine:
    """A line that states the page's date: the date, and how the line labels it."""

    index: int
    day: str
    role: int  # 0 published or posted, 1 unlabelled, 2 updated


# A scrape that drops the spaces between a page's date parts glues its year to the clock
# and the clock's zone to the next label: "November 19, 20245:02 AM GMT+9Updated 2 hours ago".
GLUED_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)([0-2]?\d:[0-5]\d)")
GLUED_LABEL = re.compile(r"(?<=[\d\sMT])(Updated|Published|Posted)", re.IGNORECASE)


def unglue(line: str) -> str:
    """A date line with the spaces a scrape dropped put back (see `GLUED_YEAR`)."""
    if not DIGIT.search(line):
        return line
    return GLUED_LABEL.sub(r" \1", GLUED_YEAR.sub(r"\1 \2", line))


def date_line(line: str) -> tuple[str, int] | None:
    """(ISO day, role) when `line` is a date line, else None (see the module docstring)."""
    line = unglue(line)
    if len(line) > 240 or line.lstrip().startswith(("—", "–", "-", "(", "©")):
        return None  # a quoted post's signature, a caption's tail, a copyright line
    if not DIGIT.search(line):
        return None  # every date this reads has a year (a quick test: most lines have none)
    found = all_dates(line)
    if not found or forms.is_caption(line):
        return None
    rest = line
    for start, end, _day in reversed(found):
        rest = rest[:start] + " " + rest[end:]
    rest = CLOCK.sub(" ", rest)
    words = WORD.findall(rest)
    if len(words) + len(found) > MAX_LINE_WORDS:
        return None
    other = [word for word in words if len(word) > 1 and word.lower() not in LINE_WORDS]
    # Names, agencies and sections are capitalised; lower-case words make a sentence or a
    # caption ("a cargo ship leaves the port on Aug. 31, 2019").
    lower = [word for word in other if word.islower()]
    if len(other) > MAX_OTHER_WORDS or len(lower) > MAX_LOWER_WORDS:
        return None
    if rest.rstrip().endswith(".") and len(other) > 3:
        return None
    return pick_in_line(line, found)


def pick_in_line(line: str, found: list[tuple[int, int, str]]) -> tuple[str, int]:
    """Of a line's dates the one labelled published, else the first not labelled updated."""
    roles: list[int] = []
    for start, _end, _day in found:
        before = line[:start]
        published = [m.end() for m in PUBLISHED.finditer(before)]
        updated = [m.end() for m in UPDATED.finditer(before)]
        last_published = max(published, default=-1)
        last_updated = max(updated, default=-1)
        if last_published > last_updated:
            roles.append(0)
        elif last_updated > last_published:
            roles.append(2)
        else:
            roles.append(1)
    best = min(range(len(found)), key=lambda k: (roles[k], k))
    return found[best][2], roles[best]


def dateline_day(line: str, url: str | None, known_years: list[str]) -> str | None:
    """The day of a story's opening dateline ("SEOUL, Nov 18 (Reuters) -"); a dateline without
    its year takes the year of the page's other date lines or of its URL path, else None."""
    match = DATELINE.match(line)
    if match is None:
        return None
    dates = all_dates(match.group("date"))
    if dates:
        return dates[0][2]
    years = list(known_years)
    if url and (in_url := URL_YEAR.search(url)):
        years.append(in_url.group(1))
    for year in years:
        dates = all_dates(f"{match.group('date')}, {year}")
        if dates:
            return dates[0][2]
    return None


def url_day(url: str | None) -> str | None:
    """The day a page's URL path gives ("/2019/11/18/", "/2019/nov/18/", an article id that
    opens with the day: "/view/AEN20241119001234315", "/20241119-story"), for a page that
    prints no date of its own; None when the path has no full date."""
    if not url:
        return None
    match = URL_DAY.search(url)
    if match is None:
        return _compact_url_day(url)
    month = match.group("month")
    if not month.isdigit():
        text = f"{month} {match.group('day')}, {match.group('year')}"
        found = all_dates(text)
        return found[0][2] if found else None
    year, number, day = int(match.group("year")), int(month), int(match.group("day"))
    try:
        return dt.date(year, number, day).isoformat()
    except ValueError:
        return None


def _compact_url_day(url: str) -> str | None:
    """A YYYYMMDD day in the URL's path: eight digits alone, or opening an id after letters."""
    path = url.split("://", 1)[-1].partition("/")[2].split("?", 1)[0]
    for match in URL_COMPACT_DAY.finditer(path):
        run = match.group("run")
        after_letters = match.start() > 0 and path[match.start() - 1].isalpha()
        if len(run) != 8 and not after_letters:
            continue
        year, month, day = int(run[:4]), int(run[4:6]), int(run[6:8])
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


# The second half of a date a theme prints over two lines: "November 20" then "15:23 2019".
SPLIT_TAIL = re.compile(
    r"^(?:(?P<clock>[0-2]?\d[:.][0-5]\d(?:\s?[ap]\.?m\.?)?)\s{1,3})?(?P<year>(?:19|20)\d\d)$",
    re.IGNORECASE,
)


def joined_date_line(lines: list[str], i: int) -> str:
    """Line `i` with the year (and clock) of the next line put after it when the next line is
    only that: a month and day over "15:23 2019" is one date; any other line as it is."""
    if i + 1 >= len(lines) or len(lines[i]) > 40:
        return lines[i]
    tail = SPLIT_TAIL.match(lines[i + 1].strip())
    if tail is None or re.search(r"(?:19|20)\d\d", lines[i]) or not MONTH_DAY.search(lines[i]):
        return lines[i]
    clock = f" {tail.group('clock')}" if tail.group("clock") else ""
    return f"{lines[i].rstrip(' ,')}, {tail.group('year')}{clock}"


def find_date_line(lines: list[str], first_body: int) -> DateLine | None:
    """The page's date line around the head of the article (see the module docstring)."""
    low = max(0, first_body - LINES_ABOVE)
    high = min(len(lines), first_body + LINES_INTO_BODY)
    candidates: list[tuple[int, int, DateLine]] = []
    for i in range(low, high):
        found = date_line(joined_date_line(lines, i))
        if found is None:
            continue
        day, role = found
        # Nearest the seam between headline and body: below the title first, then above it.
        distance = abs(i - first_body) if i < first_body else (i - first_body) + 1
        candidates.append((role, distance, DateLine(i, day, role)))
    if not candidates:
        return _under_headline(lines, first_body)
    return min(candidates, key=lambda c: (c[0], c[1]))[2]


# How far down the page a headline's date line is looked for, and how far under the headline.
HEADLINE_LINES = 150
UNDER_HEADLINE = 4


def _under_headline(lines: list[str], first_body: int) -> DateLine | None:
    """A date line a few lines under the headline, for a page whose share panels or
    teasers push its body far below it ("Taylor Swift is allowed ..." / "19 November 2019"
    then thirty lines of sharing links): the headline is a line that repeats the page's
    <title> (its first line) without the site's name. Only where no date line sits by the
    body."""
    if not lines:
        return None
    title = forms.strip_site_suffix(lines[0])
    if len(forms.words_of(title)) < 3:
        return None
    for head in range(1, min(len(lines), HEADLINE_LINES, max(first_body, 1) + UNDER_HEADLINE)):
        if lines[head] != title:
            continue
        found = [
            (role, i, day)
            for i in range(head + 1, min(len(lines), head + 1 + UNDER_HEADLINE))
            if (dated := date_line(joined_date_line(lines, i))) is not None
            for day, role in [dated]
        ]
        if found:
            role, index, day = min(found)
            return DateLine(index, day, role)
    return None


# A clean text's first paragraph: the first line long enough to be one (a title, a byline or
# a date line above it is short).
PARAGRAPH_WORDS = 12
HEAD_LINES = 8


def clean_text_day(text: str, url: str | None) -> str | None:
    """The publication day a text that arrives already clean (a JSONL record's "text") prints
    at its head, for a record that gives none: a date line above or just inside its first
    paragraph ("Published 10:02 AM EST Nov 19, 2019"), else the dateline that opens it
    ("SEOUL, Nov 18 (Reuters) -"). Only the head counts, as for a scrape (module docstring);
    None when it prints no date there."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][: HEAD_LINES + 3]
    if not lines:
        return None
    first_body = next(
        (
            i
            for i, line in enumerate(lines[:HEAD_LINES])
            if len(WORD.findall(line)) >= PARAGRAPH_WORDS
        ),
        0,
    )
    found = find_date_line(lines, first_body)
    if found is not None:
        return found.day
    return dateline_day(lines[first_body], url, [])

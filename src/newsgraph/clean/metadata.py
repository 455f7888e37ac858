"""Page metadata that both cleaners need: the outlet of a URL and dates written in page text."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# Bounded quantifiers only: these run on every line of every scrape and must never backtrack far.
DATE_FORMS = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)([-/.])(?P<mon>[01]?\d)\2(?P<day>[0-3]?\d)(?![\d.])"),
    re.compile(
        r"\b"
        + _MONTH
        + r"\s{1,3}(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b,?\s{1,3}(?P<year>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th|\.)?\s{1,3}"
        + _MONTH
        + r",?\s{1,3}(?P<year>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    ),
    # 19-Nov-2024, 19-Nov-24, 19/Nov/2024, Nov-19-2024, 2024-Nov-19: a month's name between
    # hyphens or slashes (the same one twice), as logs, forms and some templates print it.
    re.compile(
        r"(?<![\w/-])(?P<day>[0-3]?\d)(?P<hsep>[-/])"
        + _MONTH
        + r"(?P=hsep)(?P<year>(?:19|20)\d\d|\d\d)(?![\w/-])",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?<![\w/-])"
        + _MONTH
        + r"(?P<hsep>[-/])(?P<day>[0-3]?\d)(?P=hsep)(?P<year>(?:19|20)\d\d)(?![\w/-])",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?<![\w/-])(?P<year>(?:19|20)\d\d)(?P<hsep>[-/])"
        + _MONTH
        + r"(?P=hsep)(?P<day>[0-3]?\d)(?![\w/-])",
        re.IGNORECASE,
    ),
    # 11/19/2019, 21/06/2014, 11/19/19, 25.09.2018: numbers only (see `numeric_day`).
    re.compile(
        r"(?<![\d./])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)"
        r"(?P<year>(?:19|20)\d\d|\d\d)(?![\d./])"
    ),
)
DOMAIN = re.compile(r"^(?:[a-z][a-z0-9+.-]{0,15}://)?(?P<host>[^/\s:?#]{1,253})", re.IGNORECASE)


@lru_cache(maxsize=1)
def load_suffix_list() -> Any:
    """The public-suffix list bundled with tldextract: offline, nothing cached on disk."""
    import tldextract

    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)


def outlet_of(url_or_domain: str | None) -> str | None:
    """Registered domain of a URL or host ("www.channelnewsasia.com" -> "channelnewsasia.com").

    A URL whose host has no registered domain (an address such as 127.0.0.1, an intranet name)
    is its own outlet: the host. A bare name without a scheme is not taken for one."""
    if not url_or_domain:
        return None
    match = DOMAIN.match(url_or_domain.strip())
    if match is None:
        return None
    host = match.group("host").rsplit("@", 1)[-1].strip(".").lower()
    is_url = url_or_domain.strip().lower().startswith(("http://", "https://"))
    if "." not in host:
        return (host or None) if is_url else None
    parts = load_suffix_list()(host)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}"
    return host if is_url else None


def page_outlet(given: str | None, url: str | None) -> str | None:
    """The outlet of a page: the registered domain of what its input names (a URL or a host),
    else of the page's own address, else the name the input gives, as written. A record that
    says `"outlet": "Reuters"` and has no address keeps its outlet: it is never dropped for not
    being a domain."""
    named = " ".join(given.split()) if given else ""
    return outlet_of(named) or outlet_of(url) or named or None


def numeric_day(groups: dict[str, str], sep: str) -> tuple[int, int, int] | None:
    """(year, month, day) of an all-number date: the order its numbers allow; when both orders
    do, month first after a slash (11/05/2019, the American form), day first after a dot
    (05.11.2019, the European one). A two-digit year is read in this century, slashes only."""
    a, b, year_text = int(groups["a"]), int(groups["b"]), groups["year"]
    if len(year_text) == 2:
        if sep != "/":
            return None
        year_text = "20" + year_text
    if a > 12 >= b:
        day, month = a, b
    elif b > 12 >= a or sep == "/":
        month, day = a, b
    else:
        day, month = a, b
    return int(year_text), month, day


def all_dates(text: str) -> list[tuple[int, int, str]]:
    """Every plausible calendar date written in `text`: (start, end, YYYY-MM-DD), in order,
    overlapping readings left out."""
    found: list[tuple[int, int, str]] = []
    for form in DATE_FORMS:
        for match in form.finditer(text):
            groups = match.groupdict()
            if groups.get("a"):
                parts = numeric_day(groups, groups["sep"])
                if parts is None:
                    continue
                year, month, day_number = parts
            else:
                year, day_number = int(groups["year"]), int(groups["day"])
                if len(groups["year"]) == 2:
                    year += 2000  # "19-Nov-24": a two-digit year is read in this century
                month = int(groups["mon"]) if groups.get("mon") else MONTHS[groups["month"].lower()]
            try:
                day = date(year, month, day_number)
            except ValueError:
                continue
            found.append((match.start(), match.end(), day.isoformat()))
    found.sort()
    kept: list[tuple[int, int, str]] = []
    for item in found:
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


def find_date(text: str) -> str | None:
    """First plausible calendar date written in `text`, as YYYY-MM-DD, or None."""
    found = all_dates(text)
    return found[0][2] if found else None

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
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)"),
    re.compile(
        _MONTH + r"\s{1,3}(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s{1,3}(?P<year>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s{1,3}"
        + _MONTH
        + r",?\s{1,3}(?P<year>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    ),
)
DOMAIN = re.compile(r"^(?:[a-z][a-z0-9+.-]{0,15}://)?(?P<host>[^/\s:?#]{1,253})", re.IGNORECASE)


@lru_cache(maxsize=1)
def load_suffix_list() -> Any:
    """The public-suffix list bundled with tldextract: offline, nothing cached on disk."""
    import tldextract

    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)


def outlet_of(url_or_domain: str | None) -> str | None:
    """Registered domain of a URL or host ("www.channelnewsasia.com" -> "channelnewsasia.com")."""
    if not url_or_domain:
        return None
    match = DOMAIN.match(url_or_domain.strip())
    if match is None:
        return None
    host = match.group("host").rsplit("@", 1)[-1].strip(".").lower()
    if "." not in host:
        return None
    parts = load_suffix_list()(host)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}"
    return None


def find_date(text: str) -> str | None:
    """First plausible calendar date written in `text`, as YYYY-MM-DD, or None."""
    found: list[tuple[int, str]] = []
    for form in DATE_FORMS:
        match = form.search(text)
        if match is None:
            continue
        groups = match.groupdict()
        month = int(groups["mon"]) if groups.get("mon") else MONTHS[groups["month"].lower()]
        try:
            day = date(int(groups["year"]), month, int(groups["day"]))
        except ValueError:
            continue
        found.append((match.start(), day.isoformat()))
    return min(found)[1] if found else None

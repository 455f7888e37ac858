"""Cleaner for fetched HTML pages: trafilatura's main text mended with the page tree, metadata.

The page is parsed once and the tree is shared: metadata is read from its meta tags and JSON-LD
(cheap), htmldate is asked only when those give no date (and without its costly text search),
trafilatura extracts from it, and `containers.refine` uses it to drop template lines and recover
skipped paragraphs. Nothing here fetches anything.
"""

from __future__ import annotations

import itertools
import re
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from lxml.html import HtmlElement

from newsgraph.clean import forms
from newsgraph.clean.containers import refine
from newsgraph.clean.dates import dateline_day, find_date_line, url_day
from newsgraph.clean.metadata import find_date, outlet_of
from newsgraph.errors import EmptyInput
from newsgraph.records import Boilerplate, Cleaned

DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "pubdate",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "publish-date",
    "article.published",
    "originalpublicationdate",
)
AUTHOR_META = ("author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author")
TITLE_META = ("og:title", "twitter:title", "headline")
JSONLD_DATE = re.compile(r'"datePublished"\s{0,3}:\s{0,3}"([^"]{8,40})"')
HTML_FURNITURE = frozenset({"promo", "comment_prompt", "navigation"})
# Elements before the headline (and twice as many after) searched for a printed date, and
# the tags that hold one.
HEADER_ELEMENTS = 30
HEADER_TAGS = frozenset({"time", "span", "p", "small", "div", "li", "a", "address"})
ISO_DAY = re.compile(r"^((?:19|20)\d\d-[01]\d-[0-3]\d)")


def clean_html(html: str, *, url: str | None = None) -> Cleaned:
    """The body of an HTML page with its title, byline, date and declared source."""
    if not html.strip():
        raise EmptyInput(url or "<html>", "the page is empty")
    tree = trafilatura.load_html(html)
    if tree is None:
        raise EmptyInput(url or "<html>", "the page cannot be parsed as HTML")
    meta = read_meta(tree)
    cleaned = Cleaned(text="", url=url or page_url(tree, meta))
    title = first_of(meta, TITLE_META) or tree_title(tree)
    cleaned.title = title and without_outlet_suffix(title, meta, cleaned.url)
    author = first_of(meta, AUTHOR_META)
    cleaned.byline = author if author and not author.startswith("http") else None
    published = page_date(tree, meta)
    if published is not None:
        cleaned.published, cleaned.published_source = published, "metadata"
    # trafilatura's default (recall-leaning) mode, fast path: `refine` then does the precision
    # work with the page tree (template blocks, link lines, text after the body), which scored
    # higher than favor_precision and costs less than its fallback extractors.
    drop_inline_cards(tree)
    extracted = trafilatura.bare_extraction(
        tree, url=url, fast=True, include_comments=False, include_tables=True
    )
    text = getattr(extracted, "text", None) or ""
    cleaned.text = refine(tree, text, headline_forms(tree, meta))
    strip_furniture(cleaned)
    if cleaned.published is None:
        text_date(cleaned, tree)
    if cleaned.published is None and (guessed := htmldate_of(tree)) is not None:
        cleaned.published, cleaned.published_source = guessed, "metadata"
    if cleaned.published is None and (day := url_day(cleaned.url)) is not None:
        cleaned.published, cleaned.published_source = day, "metadata"
    return cleaned


CARD_LINK_SHARE = 0.7
CARD_DEPTH = 6  # a card's text is a few elements above its picture, not a page's depth


def drop_inline_cards(tree: HtmlElement) -> None:
    """Take out the cards a paragraph carries inline: a picture with a few links (a person's
    roll-over card: portrait, name, their latest stories), shown on hover, read as text glued
    into the sentence ("Rep. Ilhan OmarIlhan OmarHillicon Valley: ..."). The card is the
    smallest element around the picture that holds text, if most of that text is links; its
    tail, the sentence going on, stays."""
    cards = []
    for paragraph in tree.iter("p"):
        for image in paragraph.iter("img"):
            card, levels = image.getparent(), 1
            while (
                levels <= CARD_DEPTH
                and card is not None
                and card is not paragraph
                and not card.text_content().strip()
            ):
                card, levels = card.getparent(), levels + 1
            if card is None or card is paragraph or levels > CARD_DEPTH:
                continue  # a picture with no text of its own, or too deep to be a card
            text = card.text_content().strip()
            linked = sum(len(a.text_content().strip()) for a in card.iter("a"))
            if linked >= CARD_LINK_SHARE * len(text):
                cards.append(card)
    for card in cards:
        if card.getparent() is not None:
            card.drop_tree()


def text_date(cleaned: Cleaned, tree: HtmlElement) -> None:
    """The date the page prints by its headline or in its dateline, when metadata had none.

    The page's text blocks around its headline and the body's first lines are searched as
    `dates.find_date_line` searches a plain-text scrape; a date line trafilatura kept in the
    body leaves it, as the furniture it is.
    """
    body = [line.strip() for line in cleaned.text.splitlines() if line.strip()]
    header = header_lines(tree)
    found = find_date_line([*header, *body], len(header))
    if found is not None:
        cleaned.published, cleaned.published_source = found.day, "text"
        if found.index >= len(header):
            line = body[found.index - len(header)]
            cleaned.boilerplate.append(Boilerplate("other", line))
            cleaned.text = "\n".join(
                kept for kept in cleaned.text.splitlines() if kept.strip() != line
            ).strip()
        return
    if body and (day := dateline_day(body[0], cleaned.url, [])) is not None:
        cleaned.published, cleaned.published_source = day, "text"


def header_lines(tree: HtmlElement) -> list[str]:
    """The short text blocks around the page's first <h1>, in page order: where a byline and a
    date line sit (before the headline on some pages, after it on most). Empty without <h1>."""
    heading = next(tree.iter("h1"), None)
    if heading is None:
        return []
    elements = [element for element in tree.iter() if isinstance(element.tag, str)]
    at = elements.index(heading)
    lines: list[str] = []
    for element in elements[max(0, at - HEADER_ELEMENTS) : at + 2 * HEADER_ELEMENTS]:
        if element.tag not in HEADER_TAGS or element is heading:
            continue
        text = " ".join(element.text_content().split())
        if text and len(text) <= 200 and text not in lines:
            lines.append(text)
    return lines


def headline_forms(tree: HtmlElement, meta: dict[str, str]) -> tuple[str, ...]:
    """The ways a page writes its headline: its first <h1>s, <title>, og: and twitter: titles."""
    forms_found = [element.text_content() for element in itertools.islice(tree.iter("h1"), 2)]
    forms_found += [element.text_content() for element in itertools.islice(tree.iter("title"), 1)]
    forms_found += [meta[key] for key in ("og:title", "twitter:title") if key in meta]
    return tuple(forms_found)


def read_meta(tree: HtmlElement) -> dict[str, str]:
    """The page's <meta> name/property -> content pairs (first one wins), keys lower-cased."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        value = element.get("content")
        if key and value and value.strip():
            found.setdefault(key.strip().lower(), value.strip())
    return found


def _name_key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def outlet_names(meta: dict[str, str], url: str | None) -> set[str]:
    """The keys (letters and digits, lower case) a page's own outlet goes by: its declared
    site name, and its host with and without the top-level domain ("sportsnetca", "sportsnet")."""
    names = {_name_key(meta[key]) for key in ("og:site_name", "application-name") if key in meta}
    host = (urlsplit(url).hostname or "") if url else ""
    host = host.removeprefix("www.")
    if host:
        names.add(_name_key(host))
        names.add(_name_key(host.rsplit(".", 1)[0]))
    return {name for name in names if len(name) >= 3}


def without_outlet_suffix(title: str, meta: dict[str, str], url: str | None) -> str:
    """A headline without the " | National Review" or " - Sportsnet.ca" that a page's title
    carries, when that tail names the page's own outlet (its site name or its host); a tail
    that names anything else is part of the headline."""
    match = forms.SITE_SUFFIX.search(title)
    if match is None:
        return title
    tail = _name_key(match.group(0).lstrip(" |-–—:»"))
    names = outlet_names(meta, url)
    own = len(tail) >= 3 and any(tail.startswith(name) or name.startswith(tail) for name in names)
    head = title[: match.start()].rstrip()
    return head if own and len(head.split()) >= 3 else title


def first_of(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((meta[key] for key in keys if key in meta), None)


def tree_title(tree: HtmlElement) -> str | None:
    """The <h1> if there is one, else the <title> text."""
    for tag in ("h1", "title"):
        for element in tree.iter(tag):
            text = " ".join(element.text_content().split())
            if text:
                return text
    return None


def page_url(tree: HtmlElement, meta: dict[str, str]) -> str | None:
    """The page's own address: og:url, else the canonical link."""
    if "og:url" in meta:
        return meta["og:url"]
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            return str(link.get("href"))
    return None


def day_of(value: str) -> str | None:
    """An ISO day from a metadata date value, whatever its format."""
    match = ISO_DAY.match(value.strip())
    return match.group(1) if match else find_date(value)


def page_date(tree: HtmlElement, meta: dict[str, str]) -> str | None:
    """Publication day from meta tags, JSON-LD or <time>. When none has one, the date line the
    page prints by its headline comes next (`text_date`), and htmldate's guess (offline) last:
    on the pages without such metadata it took a caption's or a quoted statement's date for a
    third of them, where the printed date line was right."""
    for key in DATE_META:
        if key in meta and (day := day_of(meta[key])):
            return day
    for script in tree.iter("script"):
        if script.get("type") == "application/ld+json" and script.text:
            match = JSONLD_DATE.search(script.text)
            if match and (day := day_of(match.group(1))):
                return day
    for element in tree.iter("time"):
        value = element.get("datetime")
        if value and (day := day_of(value)):
            return day
    return None


def htmldate_of(tree: HtmlElement) -> str | None:
    """htmldate's reading of the markup and text; it is given the tree, so it never fetches."""
    from htmldate import find_date as htmldate_find

    params: dict[str, Any] = {
        "extensive_search": False,
        "original_date": True,
        "outputformat": "%Y-%m-%d",
    }
    try:
        found = htmldate_find(tree, **params)
    except (ValueError, TypeError):
        return None
    return str(found) if found else None


def strip_furniture(cleaned: Cleaned) -> None:
    """Drop the furniture lines trafilatura kept, taking the metadata some of them carry."""
    kept: list[str] = []
    for line in cleaned.text.splitlines():
        found = forms.classify_furniture(line.strip()) if line.strip() else None
        # trafilatura has already cut most furniture; of what remains only the unambiguous
        # forms go (removing captions, bios and short "other" lines cost recall on the bench).
        if found is None or (found.field is None and found.kind not in HTML_FURNITURE):
            kept.append(line)
            continue
        cleaned.boilerplate.append(Boilerplate(found.kind, line.strip()))
        if found.field == "photo_credit" and cleaned.photo_credit is None:
            cleaned.photo_credit = found.value
        elif found.field == "original_source" and cleaned.original_source is None and found.value:
            cleaned.original_source = outlet_of(found.value) or found.value
        elif found.field == "byline" and cleaned.byline is None:
            cleaned.byline = found.value
    cleaned.text = "\n".join(kept).strip()

"""Sitemaps (sitemaps.org): the page addresses of a `<urlset>`, the child sitemaps of an index."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree


@dataclass(slots=True)
class Sitemap:
    pages: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def looks_like_sitemap(data: bytes) -> bool:
    head = data[:4096]
    return b"<urlset" in head or b"<sitemapindex" in head


def parse_sitemap(data: bytes) -> Sitemap:
    """The `<loc>`s of a sitemap, split into pages and child sitemaps; entities are never resolved."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    root = etree.fromstring(data, parser=parser)
    found = Sitemap()
    if root is None:
        return found
    target = found.sitemaps if etree.QName(root).localname == "sitemapindex" else found.pages
    for loc in root.iter("{*}loc"):
        if loc.text and loc.text.strip():
            target.append(loc.text.strip())
    return found

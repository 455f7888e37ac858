"""Origin groups: pages joined by copies, rewrites or declared sources count as one source.

Kept apart from the rewrite index so that views can group sources without loading MinHash.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsgraph.records import Rewrite


def origin_groups(rewrites: Iterable[Rewrite]) -> dict[str, str]:
    """Article id -> origin group id: pages joined by copies, rewrites, re-reports or declared
    sources form one group (connected components), so independent sources count groups, not
    pages. The group id is the smallest article id in it; pages in no relation are not listed
    (each is its own source).

    An origin outside the store (a page says "according to Reuters" and the store holds no
    Reuters page close in time) is no node of its own: the rewrite index links the later pages
    declaring that outlet, close in time and with related content, to the first one, so the
    ten outlets repeating one agency dispatch form one group and count as one source."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for rewrite in rewrites:
        a, b = find(rewrite.article_id), find(rewrite.source_article_id)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {article: find(article) for article in parent}

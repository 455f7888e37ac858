"""Origin groups through a real store: outlets re-reporting one dispatch are one source."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from newsgraph.link import link
from newsgraph.link.origins import origin_groups
from newsgraph.records import AnalyzedArticle, Article, Document, Quantity
from newsgraph.store import Store, open_store

# One agency dispatch (a flood briefing) and three outlets' own accounts of it, a day apart:
# each keeps two of its quotes and its figures, in other words.
DISPATCH = [
    (
        "Regional Wire",
        "Floodwater swept through the valley on Monday after the river burst its banks at two "
        "points. The county emergency office counted 1,137 homes damaged and 412 people moved "
        'to shelters. "We have never seen the river rise this fast in a single night," the '
        "office's director said at a briefing. \"Every pump we own is running and it is still "
        'not enough," she added. Roads into the town stayed closed and schools will not open '
        "this week, while volunteers filled sandbags outside the fire station.",
    ),
    (
        "Valley Post",
        "Residents of the valley began counting the cost after a night of flooding. According "
        "to the Regional Wire, 1,137 homes were damaged and 412 people spent the night in "
        'shelters. "We have never seen the river rise this fast in a single night," the '
        'emergency director told reporters, adding: "Every pump we own is running and it is '
        'still not enough." Shops on the main street were shut and the mayor urged people to '
        "keep off the roads.",
    ),
    (
        "Daily Ledger",
        "The river came over its banks in two places overnight. Officials put the toll at 1,137 "
        'damaged homes and said 412 residents were in shelters. "Every pump we own is running '
        'and it is still not enough," the county\'s emergency chief said, and "we have never '
        'seen the river rise this fast in a single night." Classes are cancelled until next '
        "week and several bridges remain closed to traffic.",
    ),
    (
        "Hill Courier",
        "Cleanup crews moved into flooded streets as the water began to fall. The emergency "
        "office said 1,137 homes had been damaged and 412 people sheltered overnight, the "
        'Regional Wire reported. "We have never seen the river rise this fast in a single '
        'night," the director said. Insurers have sent assessors and the state has promised '
        "emergency funds for the worst-hit families.",
    ),
]


def _dispatch_articles() -> list[tuple[Document, AnalyzedArticle]]:
    """The dispatch and its retellings as stage A stores them: each page states the two
    figures on its own authority (no speaker), so each counts for its page's origin group."""
    pairs = []
    for n, (outlet, text) in enumerate(DISPATCH):
        doc_id = hashlib.sha256(outlet.encode()).hexdigest()
        article = Article.bare(
            doc_id, text, source_id=outlet, outlet=outlet, published=f"2024-06-0{min(n, 1) + 1}"
        )
        quantities = [
            Quantity(f"{doc_id[:16]}-q{i}", doc_id, 0, 1, value, None, None, "exact", kind,
                     obj, None, None, None, None, None)
            for i, (value, obj, kind) in enumerate(
                [(1137.0, "homes", "DAMAGE"), (412.0, "people", "DISPLACE")]
            )
        ]  # fmt: skip
        pairs.append(
            (
                Document(doc_id, outlet, text, "clean"),
                AnalyzedArticle(article, [], quantities=quantities),
            )
        )
    return pairs


def _linked(url: str, **rewrite: float) -> Store:
    store = open_store(url)
    store.write_batch(_dispatch_articles())
    link(store, rewrite_params=rewrite)
    return store


def test_outlets_re_reporting_one_dispatch_count_as_one_independent_source(
    store_url: str, tmp_path: Path
) -> None:
    """Four outlets carry the dispatch's figure: four outlets, one independent source. With
    re-reports not linked (a threshold no page reaches), the same store counts four."""
    store = _linked(store_url)
    groups = origin_groups(store.rewrites())
    assert len({groups.get(a.id, a.id) for a in store.articles()}) == 1
    facts = [f for f in store.facts() if len(f.outlets) >= 4]
    assert facts and all(f.independent_sources == 1 for f in facts)

    unlinked = _linked(f"sqlite:///{tmp_path / 'unlinked.db'}", rereport_threshold=2.0)
    assert {r.kind for r in unlinked.rewrites()} <= {"copy", "rewrite", "declared"}
    counted = [f for f in unlinked.facts() if len(f.outlets) >= 4]
    assert counted and max(f.independent_sources for f in counted) > 1


@pytest.mark.parametrize("outlets", [2, 3])
def test_each_retelling_joins_the_dispatch(outlets: int, tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'part.db'}")
    store.write_batch(_dispatch_articles()[:outlets])
    link(store)
    groups = origin_groups(store.rewrites())
    assert len(groups) == outlets and len(set(groups.values())) == 1

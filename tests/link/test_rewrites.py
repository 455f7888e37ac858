"""The rewrite index on real article bodies (../shared/bench/extraction)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.evaluate.rewrites import derive_pages, read_extraction_pages, score_rewrites
from newsgraph.link.origins import origin_groups
from newsgraph.link.rewrites import RewriteIndex
from newsgraph.records import Rewrite

TRUTH = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "extraction"


@pytest.fixture(scope="module")
def bodies() -> list[tuple[str, str]]:
    path = TRUTH / "ground-truth.json"
    if not path.is_file():
        pytest.skip(f"extraction bench not found at {path}")
    return read_extraction_pages(path)


def test_copy_is_found_as_copy(bodies: list[tuple[str, str]]) -> None:
    index = RewriteIndex()
    (a, text), (b, other) = bodies[0], bodies[1]
    assert index.add(a, text, published="2024-01-02") == []
    assert index.add(b, other, published="2024-01-02") == []  # unrelated page: no link
    found = index.add("copy", "  " + text.replace(". ", ".\n\n"), published="2024-01-03")
    assert found == [Rewrite("copy", a, "copy", 1.0)]


def test_earlier_page_is_the_source(bodies: list[tuple[str, str]]) -> None:
    index = RewriteIndex()
    pages = derive_pages(bodies[:1])
    index.add("late", pages[0].text, published="2024-05-02")
    (found,) = index.add("early", pages[2].text, published="2024-05-01")  # the near copy
    assert (found.article_id, found.source_article_id, found.kind) == ("late", "early", "rewrite")
    assert 0.6 <= found.similarity < 1.0


def test_declared_source_links_to_that_outlet(bodies: list[tuple[str, str]]) -> None:
    index = RewriteIndex()
    pages = derive_pages(bodies[:2])
    index.add("wire", pages[0].text, outlet="https://www.cna.com.sg/asia")
    index.add("other", pages[1].text, outlet="Example Times")
    found = index.add("paraphrase", pages[3].text, original_source="CNA")  # the spun rewrite
    assert [(r.source_article_id, r.kind) for r in found] == [("wire", "declared")]


def test_labelled_set_precision_and_recall(bodies: list[tuple[str, str]]) -> None:
    scores = score_rewrites(derive_pages(bodies[:40]))
    assert scores.precision >= 0.97
    assert scores.recall >= 0.97
    assert scores.recall_by_kind["copy"] == 1.0


def test_state_survives_dumps_and_loads(bodies: list[tuple[str, str]]) -> None:
    pages = derive_pages(bodies[:12])
    whole, first = RewriteIndex(), RewriteIndex()
    expected = [whole.add(p.id, p.text) for p in pages]
    half = len(pages) // 2
    got = [first.add(p.id, p.text) for p in pages[:half]]
    resumed = RewriteIndex.loads(first.dumps())
    got += [resumed.add(p.id, p.text) for p in pages[half:]]
    assert got == expected
    assert sum(len(r) for r in got) >= 24  # 12 originals x (copy, near, spun)


def test_origin_groups_are_connected_components() -> None:
    groups = origin_groups(
        [
            Rewrite("b", "a", "copy", 1.0),
            Rewrite("c", "b", "rewrite", 0.8),
            Rewrite("y", "x", "declared", 0.4),
        ]
    )
    assert groups["a"] == groups["b"] == groups["c"] == "a"
    assert groups["x"] == groups["y"] == "x"

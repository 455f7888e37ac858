"""The same-origin set (benchmarks/provenance/origins.jsonl): its make-up and its floor."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from newsgraph.errors import BenchmarkMissing
from newsgraph.evaluate.provenance import (
    OriginPage,
    Prediction,
    evaluate_origin_set,
    read_origin_set,
    score_origin_runs,
)

ROOT = Path(__file__).resolve().parents[2]
SET = ROOT / "benchmarks" / "provenance" / "origins.jsonl"
FLOORS = json.loads((ROOT / "tests" / "floors" / "provenance.json").read_text())


@pytest.fixture(scope="module")
def pages() -> list[OriginPage]:
    return read_origin_set(SET)


def test_every_group_is_an_original_and_what_derives_from_it(pages: list[OriginPage]) -> None:
    by_id = {p.id: p for p in pages}
    groups = Counter(p.origin for p in pages if p.origin is not None)
    assert len(groups) >= 14 and sum(n * (n - 1) // 2 for n in groups.values()) >= 100
    for origin in groups:
        assert by_id[origin].kind == "original" and groups[origin] >= 2
    for page in pages:
        assert page.kind in {"original", "cut", "trimmed", "rereport", "negative"}
        if page.kind in {"cut", "trimmed", "rereport"}:
            original = by_id[page.origin or ""]
            apart = date.fromisoformat(page.published) - date.fromisoformat(original.published)
            # a retelling follows its original within days, by another outlet
            assert 0 <= apart.days <= 3 and page.outlet != original.outlet
        if page.kind == "negative":
            assert page.origin is None
            assert any(p.topic == page.topic and p.origin for p in pages)
    kinds = Counter(p.kind for p in pages)
    assert kinds["rereport"] >= 30 and kinds["negative"] >= 15 and kinds["cut"] >= 5


def test_topics_held_out_take_the_setting_of_the_others(pages: list[OriginPage]) -> None:
    """A run that links every group but joins one topic's negative wins on the other topics;
    the held-out topic is scored with the run chosen on the others, not with its own best."""
    gold = {p.id: p.origin or p.id for p in pages}
    joiner = next(p for p in pages if p.kind == "negative")
    greedy = dict(gold) | {joiner.id: next(p.origin for p in pages if p.topic == joiner.topic
                                           and p.origin)}  # fmt: skip
    cautious = {p.id: p.id for p in pages}
    runs = [Prediction({"rewrite": {"n": 0}}, {}, cautious),
            Prediction({"rewrite": {"n": 1}}, {}, greedy)]  # fmt: skip
    report = score_origin_runs(pages, runs)
    assert all(choice == {"n": 1} for choice in report.fold_choices.values())
    assert report.held_out.recall == 1.0 and report.held_out.precision < 1.0
    assert report.negatives_joined == 1


def test_the_set_through_the_real_pipeline_meets_floor(tmp_path: Path) -> None:
    """Ingested by the real stage A and linked with re-reports told by distinct quotations."""
    report = evaluate_origin_set(SET, tmp_path, rewrite_grid=[{"rereport_evidence": "quotations"}])
    floor = FLOORS["origins-set"]
    assert report.pages == 80
    assert report.whole.f1 >= floor["origin_pair_f1"]
    assert report.whole.precision >= floor["origin_pair_precision"]
    assert min(report.recall_by_kind.values()) >= floor["recall_each_kind"]


@pytest.mark.parametrize("line", ['{"id": "x"}', "not json"])
def test_a_bad_page_line_is_named(tmp_path: Path, line: str) -> None:
    bad = tmp_path / "origins.jsonl"
    bad.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(BenchmarkMissing, match=r"origins\.jsonl:1: not a same-origin page"):
        read_origin_set(bad)

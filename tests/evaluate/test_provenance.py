"""The provenance dev set (hand-labelled PolNeAR threads and origins) and its scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.evaluate.provenance import (
    evaluate_provenance,
    read_labels,
    score_pairs,
    threaded_articles,
)

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "benchmarks" / "provenance" / "polnear-2016-jan-apr.jsonl"
TEXT = ROOT.parent / "shared" / "bench" / "attribution" / "text"
FLOORS = json.loads((ROOT / "tests" / "floors" / "provenance.json").read_text())


def test_pairs_score_hand_checked_groups() -> None:
    gold = {"a": "g", "b": "g", "c": "g", "d": None, "e": None}
    found = score_pairs({"a": 1, "b": 1, "c": 2, "d": 2, "e": 3}, gold)
    assert (found.predicted_pairs, found.gold_pairs) == (2, 3)
    assert found.precision == pytest.approx(0.5)  # a-b right, c-d wrong
    assert found.recall == pytest.approx(1 / 3)
    assert score_pairs({}, {}).f1 == 1.0


def test_threaded_articles_are_those_of_threads_of_three_or_more() -> None:
    threads = {"a": "t", "b": "t", "c": "t", "d": "u", "e": "u", "f": "f"}
    assert threaded_articles(threads) == {"a", "b", "c"}
    assert threaded_articles(threads, minimum=2) == {"a", "b", "c", "d", "e"}
    assert len(threaded_articles({r.id: r.thread for r in read_labels(LABELS)})) == 157


def test_labelled_set_is_whole_months_of_real_articles() -> None:
    labels = read_labels(LABELS)
    assert len(labels) == 333
    assert {label.published[:7] for label in labels} == {"2016-01", "2016-02", "2016-03", "2016-04"}
    if TEXT.is_dir():
        assert all((TEXT / f"{label.id}.txt").is_file() for label in labels)
    groups: dict[str, list[str]] = {}
    for label in labels:
        if label.origin is not None:
            groups.setdefault(label.origin, []).append(label.outlet)
    assert len(groups) >= 8 and all(len(members) >= 2 for members in groups.values())


def test_bad_label_line_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "labels.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(Exception, match=r"labels\.jsonl:1: not a provenance label"):
        read_labels(bad)


def test_one_month_through_the_real_pipeline_meets_floor(tmp_path: Path) -> None:
    """March 2016 ingested by the real stage A and linked: stories and origins above floor."""
    if not TEXT.is_dir():
        pytest.skip(f"PolNeAR texts not found at {TEXT}")
    march = tmp_path / "march.jsonl"
    lines = LABELS.read_text(encoding="utf-8").splitlines()
    march.write_text("\n".join(line for line in lines if '"2016-03' in line) + "\n")
    report = evaluate_provenance(march, TEXT, tmp_path / "work", story_grid=[{}], rewrite_grid=[{}])
    floor = FLOORS["polnear-2016-03"]
    assert report.articles == 88
    assert report.stories_whole.bcubed_f1 >= floor["stories_bcubed_f1"]
    assert report.origins_whole.f1 >= floor["origin_pair_f1"]
    # the articles of March's own threads of three or more, without the lone articles
    assert report.threaded_articles < report.articles
    assert report.threaded_whole.documents == report.threaded_articles
    assert report.threaded_whole.bcubed_f1 >= floor["threaded_bcubed_f1"]

"""The provenance dev set (hand-labelled PolNeAR threads and origins) and its scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.evaluate.provenance import (
    LabelledArticle,
    Prediction,
    evaluate_provenance,
    read_label_files,
    read_labels,
    score_pairs,
    score_runs,
    threaded_articles,
)

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "benchmarks" / "provenance" / "polnear-2016-jan-apr.jsonl"
LATER = ROOT / "benchmarks" / "provenance" / "polnear-2016-may-aug.jsonl"
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


def test_later_months_are_whole_months_that_continue_earlier_threads() -> None:
    """May to August, labelled the same way: whole months, no article twice, and threads that
    run on from the first four months (a thread is followed across the two files)."""
    later = read_labels(LATER)
    assert len(later) == 334
    assert {label.published[:7] for label in later} == {"2016-05", "2016-06", "2016-07", "2016-08"}
    if TEXT.is_dir():
        assert all((TEXT / f"{label.id}.txt").is_file() for label in later)
    both = read_label_files([LABELS, LATER])
    assert len({label.id for label in both}) == 333 + 334
    earlier_threads = {label.thread for label in read_labels(LABELS)}
    assert {"clinton-emails", "benghazi", "sanders-future"} <= {
        label.thread for label in later if label.thread in earlier_threads
    }
    origins = [label.origin for label in later if label.origin is not None]
    assert len(origins) >= 8 and all(origins.count(o) >= 2 for o in origins)
    with pytest.raises(Exception, match="labelled twice"):
        read_label_files([LATER, LATER])


def test_scored_months_are_held_out_against_all_the_others() -> None:
    """With `score_months`, only those months are scored, each with the run that the other
    months (scored or not) choose: January and February prefer every article alone, so March,
    held out, gets that run."""

    def label(i: str, month: str, thread: str) -> LabelledArticle:
        return LabelledArticle(i, "o", f"2016-{month}-01", thread, None)

    labels = [
        label("j1", "01", "t"), label("j2", "01", "t"), label("j3", "01", "u"),
        label("f1", "02", "v"), label("f2", "02", "w"),
        label("m1", "03", "x"), label("m2", "03", "y"),
    ]  # fmt: skip
    every_alone = {x.id: x.id for x in labels}
    together = {x.id: "one" for x in labels}
    runs = [
        Prediction({"story": {"run": "alone"}, "rewrite": {}}, every_alone, every_alone),
        Prediction({"story": {"run": "together"}, "rewrite": {}}, together, every_alone),
    ]
    report = score_runs(labels, runs, runs, score_months=["2016-03"])
    assert report.months == ["2016-03"] and report.articles == 2
    # January and February: alone scores F1 0.89 on their five, together 0.44
    assert report.fold_choices["2016-03"][0] == {"run": "alone"}
    assert report.stories_held_out.bcubed_f1 == pytest.approx(1.0)
    whole = score_runs(labels, runs, runs)
    assert whole.articles == 7 and whole.months == ["2016-01", "2016-02", "2016-03"]


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

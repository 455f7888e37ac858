"""Story clustering scores: the metrics on hand-checked cases, and the ECB+ floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.evaluate.stories import (
    cross_validate_stories,
    evaluate_stories,
    find_proper_names,
    read_story_bench,
    score_clusters,
)

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "stories"
DEV = BENCH / "ecbplus-dev.jsonl"
FLOORS = json.loads((Path(__file__).resolve().parents[1] / "floors" / "stories.json").read_text())


def test_perfect_clustering_scores_one() -> None:
    gold = {"a": 1, "b": 1, "c": 2}
    scores = score_clusters({"a": "x", "b": "x", "c": "y"}, gold)
    assert scores.bcubed_f1 == pytest.approx(1.0)
    assert scores.pairwise_f1 == pytest.approx(1.0)


def test_one_big_cluster_has_full_recall_and_low_precision() -> None:
    gold = {"a": 1, "b": 1, "c": 2, "d": 2}
    scores = score_clusters(dict.fromkeys(gold, "all"), gold)
    assert scores.bcubed_recall == pytest.approx(1.0)
    assert scores.bcubed_precision == pytest.approx(0.5)  # each item: 2 of 4 share its event
    assert scores.pairwise_precision == pytest.approx(2 / 6)
    assert scores.pairwise_recall == pytest.approx(1.0)


def test_singletons_have_full_precision() -> None:
    gold = {"a": 1, "b": 1, "c": 1}
    scores = score_clusters({}, gold)  # missing items count as singletons
    assert scores.bcubed_precision == pytest.approx(1.0)
    assert scores.bcubed_recall == pytest.approx(1 / 3)
    assert scores.pairwise_recall == 0.0


def _bench_or_skip() -> None:
    if not DEV.is_file():
        pytest.skip(f"story bench not found at {DEV} (the shared folder beside the repository)")


def test_ecbplus_dev_meets_floor() -> None:
    """The whole dev stream, entities from the cheap proper-name finder (spaCy is too slow here)."""
    _bench_or_skip()
    floor = FLOORS["ecbplus-dev"]
    result = evaluate_stories(DEV, entity_finder=find_proper_names)
    assert result.scores.documents == 651
    assert result.scores.bcubed_f1 >= floor["bcubed_f1"]
    assert result.scores.pairwise_f1 >= floor["pairwise_f1"]


def test_held_out_topics_generalise() -> None:
    """Thresholds tuned on some topics keep most of the score on the topics left out."""
    _bench_or_skip()
    documents = read_story_bench(DEV)
    topics = sorted({d["topic"] for d in documents})[:12]
    subset = [d for d in documents if d["topic"] in topics]
    names = find_proper_names([d["text"] for d in subset])
    grid = [{"threshold": t} for t in (0.15, 0.2, 0.25)]
    scores, chosen = cross_validate_stories(subset, names, grid=grid, folds=3)
    assert len(chosen) == 3
    assert scores.bcubed_f1 >= 0.82  # measured 0.842: small folds of 4 topics, cold IDF


def test_eval_stories_prints_the_held_out_topic_figure(tmp_path: Path) -> None:
    """`newsgraph eval stories --folds N` quotes BCubed on held-out topics beside the stream's,
    with the threshold each fold chose on the others."""
    from typer.testing import CliRunner

    from newsgraph.cli import app

    if not DEV.is_file():
        pytest.skip(f"story bench not found at {DEV}")
    rows = DEV.read_text(encoding="utf-8").splitlines()
    topics = sorted({json.loads(r)["topic"] for r in rows}, key=str)[:6]
    small = tmp_path / "small.jsonl"
    small.write_text(
        "\n".join(r for r in rows if json.loads(r)["topic"] in topics) + "\n", encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["eval", "stories", str(small), "-e", "none", "--folds", "3"])
    assert result.exit_code == 0, result.output
    assert "held-out topics (3 folds): BCubed P" in result.output
    assert result.output.count("thresholds chosen") == 1

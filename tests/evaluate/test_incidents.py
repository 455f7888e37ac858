"""Incident scoring: mention assignment, MUC, and the ECB+ dev floor through the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.evaluate.incidents import assign_mentions, evaluate_incidents, muc, score_incidents
from newsgraph.records import Event

FLOORS = json.loads((Path(__file__).resolve().parents[1] / "floors" / "incidents.json").read_text())


def event(id_: str, article: str, start: int, end: int) -> Event:
    return Event(id_, article, start, end, None, "OTHER", None, None, None, None)


def test_mention_takes_the_shortest_covering_event() -> None:
    gold = {"d": [{"start": 5, "end": 9, "chain": "c1"}, {"start": 40, "end": 44, "chain": "c1"}]}
    events = [event("long", "d", 0, 30), event("short", "d", 4, 9)]
    predicted, truth, covered = assign_mentions(gold, events, {"long": "i1", "short": "i2"})
    assert predicted == {"d:5:9": "i2"}  # the second mention is uncovered: a singleton
    assert covered == 1 and len(truth) == 2


def test_muc_of_a_perfect_and_a_split_answer() -> None:
    gold = {1: "a", 2: "a", 3: "a", 4: "b"}
    assert muc(gold, gold) == (1.0, 1.0, 1.0)
    precision, recall, _ = muc({1: "x", 2: "x", 3: "y", 4: "z"}, gold)
    assert (precision, recall) == (1.0, 0.5)


def test_all_singletons_have_no_muc_links() -> None:
    gold = {"d": [{"start": 0, "end": 1, "chain": "c"}, {"start": 2, "end": 3, "chain": "c"}]}
    events = [event("e1", "d", 0, 1), event("e2", "d", 2, 3)]
    scores = score_incidents(gold, events, {"e1": "e1", "e2": "e2"})
    assert scores.muc_f1 == 0.0 and scores.bcubed.bcubed_precision == 1.0


def test_ecbplus_dev_incidents_meet_floor(shared_dir: Path) -> None:
    """The real pipeline (stage A, stories, incidents) over ECB+ dev; held-out over topic folds."""
    result = evaluate_incidents(shared_dir / "bench" / "stories" / "ecbplus-dev-events.jsonl")
    floor = FLOORS["ecbplus-dev-events"]
    assert result.held_out is not None and result.singletons is not None
    print(
        f"incidents BCubed F1 in-sample {result.in_sample.bcubed.bcubed_f1:.3f}, held-out "
        f"{result.held_out.bcubed.bcubed_f1:.3f}, singletons {result.singletons.bcubed.bcubed_f1:.3f}"
    )
    assert result.held_out.bcubed.bcubed_f1 >= floor["held_out_bcubed_f1"]
    assert result.held_out.muc_f1 >= floor["held_out_muc_f1"]
    assert result.in_sample.bcubed.bcubed_f1 > result.singletons.bcubed.bcubed_f1 + 0.3


@pytest.mark.parametrize("name", ["missing-events.jsonl"])
def test_missing_benchmark_is_a_clear_error(tmp_path: Path, name: str) -> None:
    from newsgraph.errors import BenchmarkMissing

    with pytest.raises(BenchmarkMissing, match="no incident benchmark"):
        evaluate_incidents(tmp_path / name)

"""Entity names and types on real pages: `newsgraph eval entities` against its floors.

The labels (tests/data/entities/entity_types.jsonl, README beside it) are spans of the model's
NER on the extraction benchmark's HTML pages, drawn at random and labelled by hand; the
held-out fold is the outlets whose pages were not read while the corrections were written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.errors import BenchmarkMissing
from newsgraph.evaluate.entities import evaluate_entities, load_labels

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / ".." / "shared" / "bench" / "extraction"
LABELS = REPO / "tests" / "data" / "entities" / "entity_types.jsonl"
FLOORS = json.loads((REPO / "tests" / "floors" / "entities.json").read_text())["entity_types"]


def test_entity_types_hold_their_floors_on_both_folds() -> None:
    if not (BENCH / "html").is_dir():
        pytest.skip(f"extraction benchmark not found under {BENCH.resolve()}")
    scores = evaluate_entities(LABELS, BENCH)
    assert scores["all"].spans == 220
    assert scores["all"].not_found == 0  # every labelled span is found in its page again
    assert scores["heldout"].f1 >= FLOORS["held_out_f1"], scores["heldout"].misses
    assert scores["dev"].f1 >= FLOORS["dev_f1"], scores["dev"].misses


def test_a_label_without_gold_is_refused_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "labels.jsonl"
    bad.write_text('{"page": "p", "fold": "dev", "text": "X", "before": ""}\n', encoding="utf-8")
    with pytest.raises(BenchmarkMissing, match=r"labels.jsonl:1: not an entity label"):
        load_labels(bad)

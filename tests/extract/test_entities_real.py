"""Entity mentions on real pages against 53 labelled by hand (`tests/data/entities_real.jsonl`).

Labels come from the two seeds and three bench text scrapes (a helicopter crash, a hostage
swap, protests): for each mention the entity an analyst reads there (canonical name and type;
null for words that are no entity), nationality adjectives as their country, nationality
nouns ("an American", "the Americans") as the people (NORP), regions and towns as places.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.evaluate.mentions import evaluate_mentions

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"
LABELS = REPO / "tests" / "data" / "entities_real.jsonl"
FLOORS = REPO / "tests" / "floors" / "extraction.json"


def test_entities_on_labelled_real_pages() -> None:
    if not (SHARED / "seeds").is_dir() or not (SHARED / "bench" / "extraction").is_dir():
        pytest.skip(f"seeds or extraction benchmark not found under {SHARED.resolve()}")
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["entities_real"]
    scores = evaluate_mentions(LABELS, SHARED)
    assert scores.total == 53
    assert scores.name_accuracy >= floors["name"], scores.misses
    assert scores.type_accuracy >= floors["type"], scores.misses

"""Claim speakers as a reader resolves them: the hand-labelled cues of
tests/data/claim_speakers.jsonl (see tests/data/README.md), scored through stage A."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.evaluate.claim_speakers import evaluate_claim_speakers, load_labels

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent.parent / "shared"
DATA = ROOT / "data" / "claim_speakers.jsonl"
FLOORS = json.loads((ROOT / "floors" / "claims.json").read_text())["claim_speakers"]


def test_labels_are_well_formed() -> None:
    rows = load_labels(DATA)
    assert len(rows) >= 50
    assert {row["fold"] for row in rows} == {"real-dev", "real-held", "written"}
    for row in rows:
        assert bool(row["page"]) != bool(row["text"])


@pytest.mark.skipif(not (SHARED / "bench").is_dir(), reason=f"no benchmarks under {SHARED}")
def test_claim_speaker_floors() -> None:
    scores = evaluate_claim_speakers(DATA, SHARED)
    assert len(scores.missing) <= FLOORS["missing_at_most"], scores.missing
    assert scores.value(scores.written) >= FLOORS["as_written_all"], scores.wrong
    for fold, floor in (
        ("real-held", FLOORS["entity_real_held"]),
        ("real-dev", FLOORS["entity_real_dev"]),
        ("written", FLOORS["entity_written"]),
    ):
        assert scores.value(scores.entity, fold) >= floor, (fold, scores.wrong)

"""Figure sources on real pages: the hand-labelled set in tests/data/speakers_real.jsonl
(see speakers_real.md there), scored through the whole of stage A, cleaning included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.evaluate.claims import evaluate_real_speakers

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent.parent / "shared"
DATA = ROOT / "data" / "speakers_real.jsonl"
FLOORS = json.loads((ROOT / "floors" / "claims.json").read_text())


def test_labelled_rows_are_well_formed() -> None:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 40
    for row in rows:
        assert row["figure"] in row["context"]
        assert row["input"] in ("clean", "text")
        assert row["page"].startswith(("seeds/", "bench/extraction/ground-truth.json#"))


@pytest.mark.skipif(not (SHARED / "bench").is_dir(), reason=f"no benchmarks under {SHARED}")
def test_real_page_speaker_floor() -> None:
    floor = FLOORS["speakers_real"]
    scores = evaluate_real_speakers(DATA, SHARED)
    total = scores.accuracy.total + len(scores.missing)
    assert len(scores.missing) <= floor["missing_at_most"], scores.missing
    assert scores.accuracy.value >= floor["speaker_accuracy"], (
        f"{scores.accuracy.right}/{total}: {scores.wrong}"
    )

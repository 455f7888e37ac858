"""Figure sources on real pages: `tests/data/figure_speakers.jsonl` (60 figures of eleven bench
text scrapes, labelled by hand; see tests/data/README.md), scored through cleaning and
stage A by `newsgraph.evaluate.figure_speakers`. The floor follows the held fold (pages not
read while the rules were written); the dev fold's is kept apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.evaluate.figure_speakers import evaluate_figure_speakers, load_labels

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"
LABELS = REPO / "tests" / "data" / "figure_speakers.jsonl"
FLOORS = REPO / "tests" / "floors" / "quantities.json"


def test_labelled_rows_are_well_formed() -> None:
    rows = load_labels(LABELS)
    assert len(rows) >= 60
    assert {row["fold"] for row in rows} == {"dev", "held"}
    for row in rows:
        assert str(row["page"]).startswith(("bench/extraction/text/", "seeds/"))
        assert row["speaker"] is not None or row["entity"] is None


def test_figure_sources_on_labelled_real_pages() -> None:
    if not (SHARED / "bench" / "extraction" / "text").is_dir():
        pytest.skip(f"extraction benchmark not found under {SHARED.resolve()}")
    floor = json.loads(FLOORS.read_text(encoding="utf-8"))["figure_speakers_real"]
    scores = evaluate_figure_speakers(LABELS, SHARED)
    assert len(scores.missing) <= floor["missing_at_most"], scores.missing
    assert scores.accuracy("held") >= floor["held_speaker_accuracy"], scores.wrong
    assert scores.accuracy("dev") >= floor["dev_speaker_accuracy"], scores.wrong

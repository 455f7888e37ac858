"""The as_of scorer's command line: a held-out batch can be scored without its misses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.evaluate.dating import main

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / ".." / "shared" / "bench" / "extraction"


@pytest.mark.parametrize("quiet", [False, True])
def test_figures_only_prints_no_misses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], quiet: bool
) -> None:
    if not (BENCH / "ground-truth.json").is_file():
        pytest.skip(f"extraction benchmark not found at {BENCH.resolve()}")
    row = json.loads((REPO / "tests" / "data" / "asof_real.jsonl").read_text().splitlines()[0])
    row["as_of"] = "1066-10-14"  # a date no figure of the page has: a miss
    labels = tmp_path / "one.jsonl"
    labels.write_text(json.dumps(row) + "\n", encoding="utf-8")
    main([str(labels), str(BENCH), *(["--figures-only"] if quiet else [])])
    out = capsys.readouterr().out
    assert "as_of accuracy 0.000 (0/1)" in out
    assert (row["context"] in out) is not quiet

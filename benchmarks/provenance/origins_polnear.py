"""Same-origin pairs of the PolNeAR months (polnear-*.jsonl) with each month held out, for a
rewrite grid only (the stories at their default setting): what `eval provenance` reports for
origins, without its story grid.

    PYTHONPATH=src .venv/bin/python benchmarks/provenance/origins_polnear.py [--grid NAME]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

# the months and the texts are the story grid's (run as a script, its folder is on the path)
from grid_runs import HERE, PARTS, TEXT  # type: ignore[import-not-found]

from newsgraph.evaluate.provenance import (
    ingest_labelled,
    link_run,
    read_label_files,
    score_runs,
)

THRESHOLDS = (0.7, 0.6, 0.5, 0.4)
GRIDS = {
    "rereport": [{"rereport_threshold": t} for t in THRESHOLDS],
    "quotations": [
        {"rereport_threshold": t, "rereport_evidence": "quotations"} for t in THRESHOLDS
    ],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", choices=sorted(GRIDS), default="rereport")
    parser.add_argument("--text", type=Path, default=TEXT)
    args = parser.parse_args()
    labels = read_label_files(sorted(HERE.glob("polnear-*.jsonl")))
    with tempfile.TemporaryDirectory(prefix="newsgraph-polnear-") as workdir:
        database, ids = ingest_labelled(labels, args.text, Path(workdir))
        runs = [link_run(database, ids, Path(workdir), {}, k) for k in GRIDS[args.grid]]
    for part, months in PARTS.items():
        report = score_runs(labels, runs[:1], runs, score_months=months)
        for name in ("origins_in_sample", "origins_held_out"):
            s = getattr(report, name)
            print(f"{part:8} {name:18} P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} "
                  f"({s.predicted_pairs} predicted, {s.gold_pairs} gold)")  # fmt: skip
        print(f"{part:8} folds: {[c[1] for c in report.fold_choices.values()]}")


if __name__ == "__main__":
    main()

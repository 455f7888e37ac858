"""Score the same-origin set (origins.jsonl, see ORIGINS.md) through the real ingest and link.

    PYTHONPATH=src .venv/bin/python benchmarks/provenance/origins_eval.py [--grid NAME]

Each topic is held out in turn: its setting is the one of the grid that scores best on the
other topics. Prints the pair scores whole, in-sample by topic and held out, and the held-out
recall of each kind of derived page.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from newsgraph.evaluate.provenance import evaluate_origin_set, read_origin_set

HERE = Path(__file__).resolve().parent
THRESHOLDS = (0.7, 0.6, 0.5, 0.4)
GRIDS = {
    "rereport": [{"rereport_threshold": t} for t in THRESHOLDS],
    "quotations": [
        {"rereport_threshold": t, "rereport_evidence": "quotations"} for t in THRESHOLDS
    ],
    "both": [
        {"rereport_threshold": t, "rereport_evidence": e}
        for e in ("shingles", "quotations")
        for t in THRESHOLDS
    ],
    "default": [{}],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=HERE / "origins.jsonl")
    parser.add_argument("--grid", choices=sorted(GRIDS), default="rereport")
    parser.add_argument("--pages", action="store_true", help="list the pages put in a wrong group")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsgraph-origins-") as workdir:
        report = evaluate_origin_set(
            args.set, workdir, rewrite_grid=GRIDS[args.grid], progress=print
        )
    for name in ("whole", "in_sample", "held_out"):
        s = getattr(report, name)
        print(f"{name:10} P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} "
              f"({s.predicted_pairs} predicted, {s.gold_pairs} gold)")  # fmt: skip
    print("held-out recall by kind:", json.dumps(report.recall_by_kind))
    print("negatives joined (held out):", report.negatives_joined)
    print("chosen on all topics:", report.choice)
    if args.pages:
        gold = {p.id: (p.origin, p.kind) for p in read_origin_set(args.set)}
        members: dict[str, list[str]] = {}
        for page, group in report.held_groups.items():
            members.setdefault(group, []).append(page)
        for page, group in sorted(report.held_groups.items()):
            origin, kind = gold[page]
            with_ = sorted(m for m in members[group] if m != page)
            want = sorted(
                m for m, (o, _k) in gold.items() if o is not None and o == origin and m != page
            )
            if with_ != want:
                print(f"  {page} ({kind}): with {with_}, gold {want}")
    for topic, choice in report.fold_choices.items():
        print(f"  held out {topic}: {choice}")


if __name__ == "__main__":
    main()

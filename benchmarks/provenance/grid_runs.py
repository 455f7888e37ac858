"""Link the labelled months once per setting and score them by month held out, the ingest cached.

`newsgraph eval provenance` ingests the set again on every call (stage A with spaCy: most of a
run). This script ingests it once into `--cache` and then links a copy per setting, so several
grids can be compared on the same store. The i-th story setting is linked together with the
i-th re-report setting (stories do not change the stored rewrites, so choosing the best run for
each is choosing each setting on its own). The runs are saved as `--cache/NAME.json`;
`--pool NAME ...` scores the union of saved grids, as one grid.

    .venv/bin/python benchmarks/provenance/grid_runs.py --name base \\
        --stories '[{"threshold": 0.25}, {"threshold": 0.2}, {"threshold": 0.17}, {"threshold": 0.15}]' \\
        --rewrites '[{"rereport_threshold": 0.7}, {"rereport_threshold": 0.6},
                     {"rereport_threshold": 0.5}, {"rereport_threshold": 0.4}]'

It prints, for May to August (the months labelled last), January to April and all eight
months: stories BCubed whole stream, in-sample by month and months held out, the threaded
articles, and same-origin pairs, as `eval provenance` reports them.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from newsgraph.evaluate.provenance import (
    Prediction,
    ProvenanceReport,
    ingest_labelled,
    link_run,
    read_label_files,
    score_runs,
)

HERE = Path(__file__).resolve().parent
TEXT = HERE.parents[1].parent / "shared" / "bench" / "attribution" / "text"
PARTS = {
    "May-Aug": ["2016-05", "2016-06", "2016-07", "2016-08"],
    "Jan-Apr": ["2016-01", "2016-02", "2016-03", "2016-04"],
    "Jan-Aug": None,
}


def _show(name: str, report: ProvenanceReport) -> None:
    print(f"== {name}: {report.articles} articles, threaded {report.threaded_articles}")
    for part, s in (
        ("stories whole", report.stories_whole),
        ("stories in-sample", report.stories_in_sample),
        ("stories held out", report.stories_held_out),
        ("each alone", report.stories_singletons),
        ("threaded whole", report.threaded_whole),
        ("threaded held out", report.threaded_held_out),
    ):
        print(f"  {part:18} P {s.bcubed_precision:.3f} R {s.bcubed_recall:.3f} F {s.bcubed_f1:.3f}")
    for part, p in (
        ("origins whole", report.origins_whole),
        ("origins in-sample", report.origins_in_sample),
        ("origins held out", report.origins_held_out),
    ):
        print(
            f"  {part:18} P {p.precision:.3f} R {p.recall:.3f} F {p.f1:.3f}"
            f" ({p.predicted_pairs} predicted, {p.gold_pairs} gold)"
        )
    print(f"  chosen on all: {report.story_choice} {report.origin_choice}")
    for month, (story, rewrite) in report.fold_choices.items():
        print(f"    held out {month}: {story} {rewrite}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsgraph-provenance-grid"))
    parser.add_argument("--text", type=Path, default=TEXT)
    parser.add_argument("--name", default="runs")
    parser.add_argument("--stories", default="[{}]", help="JSON list of story settings")
    parser.add_argument("--rewrites", default=None, help="JSON list (default: {} for each)")
    parser.add_argument("--pool", nargs="*", help="score saved grids together, link nothing")
    args = parser.parse_args()
    labels = read_label_files(sorted(HERE.glob("polnear-*.jsonl")))
    args.cache.mkdir(parents=True, exist_ok=True)
    if args.pool:
        runs = [
            Prediction(**saved)
            for name in args.pool
            for saved in json.loads((args.cache / f"{name}.json").read_text(encoding="utf-8"))
        ]
    else:
        database, ids_file = args.cache / "ingested.db", args.cache / "ids.json"
        if not (database.is_file() and ids_file.is_file()):
            database, ids = ingest_labelled(labels, args.text, args.cache)
            ids_file.write_text(json.dumps(ids), encoding="utf-8")
        ids = json.loads(ids_file.read_text(encoding="utf-8"))
        stories = json.loads(args.stories)
        rewrites = json.loads(args.rewrites) if args.rewrites else [{}] * len(stories)
        work = args.cache / args.name
        work.mkdir(exist_ok=True)
        started = time.process_time()
        runs = [
            link_run(database, ids, work, story, rewrite)
            for story, rewrite in zip(stories, rewrites, strict=True)
        ]
        print(f"{len(runs)} link runs, {time.process_time() - started:.1f} CPU-s")
        saved = [{"settings": r.settings, "story": r.story, "origin": r.origin} for r in runs]
        (args.cache / f"{args.name}.json").write_text(json.dumps(saved), encoding="utf-8")
    for name, months in PARTS.items():
        _show(name, score_runs(labels, runs, runs, score_months=months))


if __name__ == "__main__":
    main()

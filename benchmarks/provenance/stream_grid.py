"""Story settings on the labelled months in seconds: the clusterer alone, on the whole stream
and on the threaded articles streamed alone, each month held out.

`grid_runs.py` links a copy of the store per setting (stories, rewrites, facts): most of a
minute each. This script reads the clusterer's inputs from the ingested store once (the text,
title, date, entity names, named sources and figure topics the link pass gives it, cached as
`--cache/inputs.json`) and feeds `StoryClusterer` directly, once per setting, over two
streams: every labelled article, and the articles of threads of three or more alone (the
stream `eval provenance --threaded-only` links, coverage collected about developing
stories). For each it prints the BCubed F1 with every month's setting chosen on the other
months (the settings' grid as one), and per setting the whole-stream and by-month figures.
`--cache` is `grid_runs.py`'s (it ingests there when the store is missing).

    .venv/bin/python benchmarks/provenance/stream_grid.py \\
        --stories '[{"threshold": 0.2}, {"threshold": 0.15}, {"threshold": 0.12}, {"threshold": 0.1}]'
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from newsgraph.evaluate.provenance import ingest_labelled, read_label_files, threaded_articles
from newsgraph.evaluate.stories import score_clusters
from newsgraph.link.stories import StoryClusterer

HERE = Path(__file__).resolve().parent
TEXT = HERE.parents[1].parent / "shared" / "bench" / "attribution" / "text"
Run = tuple[dict[str, Any], dict[str, str]]


def clusterer_inputs(cache: Path, labels: Sequence[Any], text: Path) -> list[dict[str, Any]]:
    """What the link pass gives the clusterer for each labelled article, in ingest order."""
    saved = cache / "inputs.json"
    if saved.is_file():
        return list(json.loads(saved.read_text(encoding="utf-8")))
    from newsgraph.link.rewrites import report_evidence
    from newsgraph.link.stories import figure_topics
    from newsgraph.store import open_store

    database, ids_file = cache / "ingested.db", cache / "ids.json"
    if not (database.is_file() and ids_file.is_file()):
        database, ids = ingest_labelled(labels, text, cache)
        ids_file.write_text(json.dumps(ids), encoding="utf-8")
    ids = json.loads(ids_file.read_text(encoding="utf-8"))
    store = open_store(f"sqlite:///{database}")
    articles = [a for a in store.articles() if a.id in ids]
    wanted = [a.id for a in articles]
    names: dict[str, list[str]] = {}
    for mention in store.mentions_of(wanted):
        names.setdefault(mention.article_id, []).append(mention.name)
    quantities = store.quantities(article_ids=wanted)
    _, sources = report_evidence(quantities, store.claims(article_ids=wanted))
    counted = figure_topics(quantities)
    rows = [
        {
            "id": ids[a.id],
            "text": a.text,
            "title": a.title,
            "published": a.published,
            "entities": names.get(a.id, []),
            "sources": sorted(sources.get(a.id, ())),
            "figures": sorted(counted.get(a.id, ())),
        }
        for a in articles
    ]
    store.engine.dispose()
    saved.write_text(json.dumps(rows), encoding="utf-8")
    return rows


def cluster(rows: Sequence[Mapping[str, Any]], knobs: Mapping[str, Any]) -> dict[str, str]:
    clusterer = StoryClusterer(**knobs)
    for row in rows:
        clusterer.add(
            row["id"],
            row["text"],
            title=row["title"],
            published=row["published"],
            entities=row["entities"],
            sources=row["sources"],
            figures=row["figures"],
        )
    return {row["id"]: clusterer.story_of(row["id"]) or "" for row in rows}


def show(
    name: str,
    runs: Sequence[Run],
    threads: Mapping[str, str],
    month_of: Mapping[str, str],
    keep: set[str],
) -> None:

    def part(groups: Mapping[str, str], ids: set[str]) -> dict[str, str]:
        return {k: f"{month_of[k]}/{v}" for k, v in groups.items() if k in ids}

    def by_month(run: Run, ids: set[str]) -> float:
        return score_clusters(part(run[1], ids), part(threads, ids)).bcubed_f1

    held: dict[str, str] = {}
    choices = []
    for month in sorted({month_of[k] for k in keep}):
        inside = {k for k in keep if month_of[k] == month}
        best = max(runs, key=lambda run: by_month(run, keep - inside))
        choices.append(f"{month} {json.dumps(best[0])}")
        held.update(part(best[1], inside))
    scores = score_clusters(held, part(threads, keep))
    print(
        f"== {name} ({len(keep)} articles): months held out F {scores.bcubed_f1:.3f}"
        f" (P {scores.bcubed_precision:.3f} R {scores.bcubed_recall:.3f})"
    )
    for choice in choices:
        print(f"    held out {choice}")
    for knobs, stories in runs:
        whole = score_clusters(
            {k: v for k, v in stories.items() if k in keep},
            {k: v for k, v in threads.items() if k in keep},
        )
        print(
            f"  {json.dumps(knobs):60} whole F {whole.bcubed_f1:.3f} (P {whole.bcubed_precision:.3f}"
            f" R {whole.bcubed_recall:.3f})  by month {by_month((knobs, stories), keep):.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsgraph-provenance-grid"))
    parser.add_argument("--text", type=Path, default=TEXT)
    parser.add_argument("--stories", default="[{}]", help="JSON list of story settings")
    args = parser.parse_args()
    labels = read_label_files(sorted(HERE.glob("polnear-*.jsonl")))
    threads = {label.id: label.thread for label in labels}
    args.cache.mkdir(parents=True, exist_ok=True)
    rows = clusterer_inputs(args.cache, labels, args.text)
    grid = json.loads(args.stories)
    threaded = threaded_articles(threads)
    started = time.process_time()
    whole = [(knobs, cluster(rows, knobs)) for knobs in grid]
    alone = [(knobs, cluster([r for r in rows if r["id"] in threaded], knobs)) for knobs in grid]
    print(f"{2 * len(grid)} clusterer runs, {time.process_time() - started:.1f} CPU-s")
    month_of = {label.id: label.published[:7] for label in labels}
    show("whole stream", whole, threads, month_of, set(threads))
    show("whole stream, threaded articles", whole, threads, month_of, threaded)
    show("threaded articles streamed alone", alone, threads, month_of, threaded)


if __name__ == "__main__":
    main()

"""Main-text extraction: trafilatura against newsgraph's cleaners on the same pages, one process.

    .venv/bin/python benchmarks/extraction.py [../shared/bench/extraction] [--runs 3]

Prints P/R/F1 and pages/s (median of the runs, extraction time only, one core) for each
extractor, and each one's speed as a ratio of trafilatura favor_precision's. Within a run the
extractors take turns page by page, so that load from other work on a shared machine falls on
all of them alike instead of on whichever ran during it.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

import trafilatura

from newsgraph.evaluate.extraction import (
    BenchPage,
    ExtractionScores,
    Extractor,
    load_pages,
    newsgraph_extractor,
    score_pages,
)

DEFAULT_BENCH = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "extraction"


def trafilatura_extractor(favor_precision: bool = False) -> Extractor:
    """trafilatura's main text, comments left out, in precision mode or its default."""
    return lambda content, url: (
        trafilatura.extract(
            content, url=url, include_comments=False, favor_precision=favor_precision
        )
        or ""
    )


def interleaved_runs(
    contenders: list[tuple[str, list[BenchPage], Extractor]], runs: int
) -> list[tuple[ExtractionScores, float]]:
    """Each contender's scores (first run) and median pages/s, turns taken page by page."""
    speeds: list[list[float]] = [[] for _ in contenders]
    first: list[ExtractionScores | None] = [None] * len(contenders)
    n_pages = max(len(pages) for _, pages, _ in contenders)
    for _ in range(runs):
        rows: list[list[ExtractionScores]] = [[] for _ in contenders]
        for i in range(n_pages):
            for k, (_name, pages, extract) in enumerate(contenders):
                if i < len(pages):
                    rows[k].append(score_pages([pages[i]], extract))
        for k, page_scores in enumerate(rows):
            n = len(page_scores)
            merged = ExtractionScores(
                precision=sum(s.precision for s in page_scores) / n,
                recall=sum(s.recall for s in page_scores) / n,
                pages=n,
                seconds=sum(s.seconds for s in page_scores),
                rows=[row for s in page_scores for row in s.rows],
            )
            speeds[k].append(merged.pages_per_s)
            first[k] = first[k] or merged
    return [
        (scores, statistics.median(speed))
        for scores, speed in zip(first, speeds, strict=True)
        if scores is not None
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench_dir", type=Path, nargs="?", default=DEFAULT_BENCH)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    html_pages = load_pages(args.bench_dir, "html")
    text_pages = load_pages(args.bench_dir, "text")
    contenders: list[tuple[str, list[BenchPage], Extractor]] = [
        (
            "trafilatura favor_precision (html)",
            html_pages,
            trafilatura_extractor(favor_precision=True),
        ),
        ("trafilatura default (html)", html_pages, trafilatura_extractor()),
        ("newsgraph clean_html (html)", html_pages, newsgraph_extractor("html")),
        ("raw page text (text)", text_pages, lambda content, url: content),
        ("newsgraph clean_text (text)", text_pages, newsgraph_extractor("text")),
    ]
    print(f"{'extractor':38} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>8} {'x trafilatura':>14}")
    for _name, pages, extract in contenders:
        extract(pages[0].content, pages[0].url)  # warm-up: imports and lazy loads are not timed
    reference: float | None = None
    results = interleaved_runs(contenders, args.runs)
    for (name, _pages, _extract), (scores, speed) in zip(contenders, results, strict=True):
        reference = reference or speed
        print(
            f"{name:38} {scores.precision:6.3f} {scores.recall:6.3f} {scores.f1:6.3f} "
            f"{speed:8.1f} {speed / reference:14.2f}"
        )


if __name__ == "__main__":
    main()

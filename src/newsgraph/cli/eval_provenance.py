"""`newsgraph eval provenance`: threads and same-origin groups of the hand-labelled PolNeAR set,
through the real ingest and link, with thresholds chosen on folds that hold out whole months."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from newsgraph.cli.app import console, eval_app, reported_errors, setup_logging

_ROOT = Path(__file__).resolve().parents[3]
_LABELS = sorted((_ROOT / "benchmarks" / "provenance").glob("polnear-*.jsonl"))
_TEXT = _ROOT.parent / "shared" / "bench" / "attribution" / "text"
# From cautious to bold: on a tie the first wins.
# The continuation signals (named sources, what figures count) off, then on.
_STORY_GRID = [
    {"threshold": t, "source_weight": w, "figure_weight": w}
    for w in (0.0, 1.0)
    for t in (0.25, 0.2, 0.17)
]
_REWRITE_GRID = [{"rereport_threshold": t} for t in (0.7, 0.6, 0.5, 0.4)]


@eval_app.command("provenance")
def eval_provenance(
    labels: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Labelled JSONL files: {id, outlet, published, thread, origin}, linked as one "
            "stream (default: every polnear-*.jsonl of benchmarks/provenance/, in name order)."
        ),
    ] = None,
    text: Annotated[
        Path, typer.Option("--text", help="Folder of the articles' NAME.txt (title line, body).")
    ] = _TEXT,
    threaded_only: Annotated[
        bool,
        typer.Option(
            "--threaded-only",
            help="Stream only the articles of threads of three or more (no lone articles).",
        ),
    ] = False,
    months: Annotated[
        str | None,
        typer.Option(
            "--months",
            help="Score only these months (comma-separated YYYY-MM); each is still held out "
            "with its setting chosen on all the other months of the stream.",
        ),
    ] = None,
) -> None:
    """Score stories (BCubed against the threads) and same-origin pairs (P/R/F1), in-sample
    and with each month's thresholds chosen on the other months."""
    setup_logging()
    from newsgraph.evaluate.provenance import evaluate_provenance  # loads spaCy on use

    files = list(labels) if labels else _LABELS
    chosen_months = [m.strip() for m in months.split(",") if m.strip()] if months else None
    with reported_errors(), tempfile.TemporaryDirectory(prefix="newsgraph-prov-") as workdir:
        report = evaluate_provenance(
            files,
            text,
            workdir,
            story_grid=_STORY_GRID,
            rewrite_grid=_REWRITE_GRID,
            progress=lambda message: console.print(escape(message)),
            threaded_only=threaded_only,
            score_months=chosen_months,
        )
    names = " + ".join(path.name for path in files)
    scope = f", months {', '.join(report.months)}" if chosen_months else ""
    table = Table(title=f"Provenance: {escape(names)} ({report.articles} articles{scope})")
    for column in ("metric", "part", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column in ("metric", "part") else "right")
    rows = [
        ("stories BCubed", part, (s.bcubed_precision, s.bcubed_recall, s.bcubed_f1))
        for part, s in (
            ("whole stream", report.stories_whole),
            ("in-sample, by month", report.stories_in_sample),
            ("months held out", report.stories_held_out),
            ("each article alone", report.stories_singletons),
            (f"threaded ({report.threaded_articles}), whole stream", report.threaded_whole),
            (f"threaded ({report.threaded_articles}), months held out", report.threaded_held_out),
        )
    ] + [
        ("same-origin pairs", part, (p.precision, p.recall, p.f1))
        for part, p in (
            ("whole stream", report.origins_whole),
            ("in-sample, by month", report.origins_in_sample),
            ("months held out", report.origins_held_out),
        )
    ]
    for metric, part, scores in rows:
        table.add_row(metric, part, *(f"{x:.3f}" for x in scores))
    console.print(table)
    console.print(
        f"chosen on all months: stories {report.story_choice}, rewrites {report.origin_choice}"
    )
    for month, (story, rewrite) in report.fold_choices.items():
        console.print(f"  held out {month}: chosen stories {story}, rewrites {rewrite}")

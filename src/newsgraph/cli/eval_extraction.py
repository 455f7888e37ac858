"""`newsgraph eval extraction DIR`: main-text precision, recall and F1 on a benchmark folder."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsgraph.cli.app import console, eval_app, reported_errors, setup_logging
from newsgraph.cli.progress import progress_bar
from newsgraph.evaluate.extraction import (
    DateScores,
    ExtractionScores,
    evaluate_dates,
    evaluate_extraction,
    evaluate_held_out_sites,
)


class InputForm(StrEnum):
    html = "html"
    text = "text"


class Folds(StrEnum):
    none = "none"
    site = "site"


@eval_app.command("extraction")
def eval_extraction_command(
    bench_dir: Annotated[
        Path, typer.Argument(help="Extraction benchmark folder, e.g. ../shared/bench/extraction.")
    ],
    input: Annotated[
        InputForm,
        typer.Option("--input", "-i", help="Score the HTML pages or their plain-text scrapes."),
    ] = InputForm.html,
    per_page: Annotated[
        bool, typer.Option("--per-page", "-p", help="Also print each page's scores, worst first.")
    ] = False,
    folds: Annotated[
        Folds,
        typer.Option(
            "--folds",
            help="site: retrain the text block model without each fold of whole sites and "
            "score that fold's pages (held-out figure); none: the shipped model on all pages.",
        ),
    ] = Folds.none,
    dates: Annotated[
        Path | None,
        typer.Option(
            "--dates",
            help="Score publication dates instead, on a JSONL of labelled pages "
            "(e.g. tests/data/published_dates.jsonl).",
        ),
    ] = None,
) -> None:
    """Score newsgraph's cleaner against the marked main text of each benchmark page."""
    setup_logging()
    if dates is not None:
        with reported_errors():
            found = evaluate_dates(bench_dir, dates, input.value)
        console.print(dates_table(found))
        return
    with reported_errors(), progress_bar("pages") as bar:
        task = bar.add_task(f"extraction ({input.value})", total=None)

        def start(total: int) -> Callable[[], None]:
            bar.update(task, total=total)
            return lambda: bar.advance(task, 1)

        if folds is Folds.site and input is InputForm.text:
            scores = evaluate_held_out_sites(bench_dir, progress=start)
        else:
            scores = evaluate_extraction(bench_dir, input.value, progress=start)
    if per_page:
        console.print(page_table(scores))
    label = input.value
    if folds is Folds.site:
        # The HTML cleaner learns nothing from the benchmark: every site is held out already.
        label += ", sites held out" if input is InputForm.text else ", nothing trained"
    console.print(summary_table(scores, label))


def summary_table(scores: ExtractionScores, input: str) -> Table:
    """One row: averaged P, R, F1, page count and speed."""
    table = Table(title=f"Main-text extraction, {input} input")
    for column in ("pages", "precision", "recall", "F1", "seconds", "pages/s"):
        table.add_column(column, justify="right")
    table.add_row(
        str(scores.pages),
        f"{scores.precision:.3f}",
        f"{scores.recall:.3f}",
        f"{scores.f1:.3f}",
        f"{scores.seconds:.2f}",
        f"{scores.pages_per_s:.1f}",
    )
    return table


def page_table(scores: ExtractionScores) -> Table:
    """Each page's scores, worst F1 first, so failures are read first."""
    table = Table(title="Per page")
    table.add_column("id")
    for column in ("precision", "recall", "F1", "ms"):
        table.add_column(column, justify="right")
    for row in sorted(scores.rows, key=lambda row: row.f1):
        table.add_row(
            row.id,
            f"{row.precision:.3f}",
            f"{row.recall:.3f}",
            f"{row.f1:.3f}",
            f"{row.seconds * 1000:.1f}",
        )
    return table


def dates_table(scores: DateScores) -> Table:
    """Publication dates on the labelled pages: dated, read from the text, right."""
    table = Table(title=f"Publication dates, {scores.input} input")
    for column in ("labelled", "dated", "from text", "correct", "accuracy"):
        table.add_column(column, justify="right")
    table.add_row(
        str(scores.labelled),
        str(scores.dated),
        str(scores.from_text),
        str(scores.correct),
        f"{scores.accuracy:.3f}",
    )
    return table

"""`newsgraph eval entities [FILE]`: entity names and types on real pages, per outlet fold."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsgraph.cli.app import console, eval_app, reported_errors, setup_logging
from newsgraph.cli.progress import progress_bar

DEFAULT = Path("tests/data/entities/entity_types.jsonl")
BENCH = Path("../shared/bench/extraction")


@eval_app.command("entities")
def eval_entities_command(
    labels: Annotated[
        Path, typer.Argument(help="Labelled spans (JSONL; tests/data/entities/README.md).")
    ] = DEFAULT,
    bench: Annotated[
        Path, typer.Option("--bench", help="The extraction benchmark the labels name pages of.")
    ] = BENCH,
    misses: Annotated[int, typer.Option("--misses", help="Show this many misses.")] = 0,
) -> None:
    """Score the entity mentions of labelled NER spans (name and type) on the bench pages:
    P/R/F1 on the fold the rules were written on and on the held-out fold of other outlets."""
    setup_logging()
    with reported_errors(), progress_bar("pages") as bar:
        from newsgraph.evaluate.entities import FOLDS, evaluate_entities, load_labels

        total = len({str(row["page"]) for row in load_labels(labels)})
        task = bar.add_task("entities", total=total)
        scores = evaluate_entities(labels, bench, progress=lambda n: bar.advance(task, n))
    table = Table(title=f"Entities: {labels.name}")
    for column in ("fold", "spans", "P", "R", "F1", "not found"):
        table.add_column(column, justify="left" if column == "fold" else "right")
    for name in (*FOLDS, "all"):
        s = scores[name]
        table.add_row(
            name,
            str(s.spans),
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            str(s.not_found),
        )
    console.print(table)
    for miss in scores["dev"].misses[:misses]:
        gold = ", ".join(f"{g['name']} {'|'.join(g['types'])}" for g in miss["gold"])  # type: ignore[attr-defined]
        got = ", ".join(f"{g['name']} {g['type']}" for g in miss["got"])  # type: ignore[attr-defined]
        console.print(
            f"[dim]{miss['text']!r}[/]: want [{gold}] got [{got}]", markup=True, highlight=False
        )

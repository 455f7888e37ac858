"""`newsgraph eval stories FILE`: cluster a story benchmark as one stream and print its scores."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsgraph.cli.app import console, eval_app
from newsgraph.cli.progress import progress_bar


@eval_app.command("stories")
def eval_stories(
    file: Annotated[Path, typer.Argument(help="Benchmark JSONL: {id, text, topic, event} a line.")],
    threshold: Annotated[
        float | None, typer.Option("--threshold", "-t", help="Link similarity threshold.")
    ] = None,
    entities: Annotated[
        str,
        typer.Option(
            "--entities", "-e", help="Entity names from 'spacy' NER, 'proper' names, or 'none'."
        ),
    ] = "spacy",
) -> None:
    """Score story clustering: BCubed and pairwise precision, recall and F1, and docs/s."""
    # imported here: the clusterer loads scikit-learn, which no other command needs
    from newsgraph.evaluate.stories import (
        evaluate_stories,
        find_proper_names,
        find_spacy_entities,
        read_story_bench,
    )
    from newsgraph.link.stories import StoryParams

    finders = {"spacy": find_spacy_entities, "proper": find_proper_names, "none": None}
    if entities not in finders:
        raise typer.BadParameter(f"choose one of {', '.join(finders)}", param_hint="--entities")
    params = StoryParams() if threshold is None else StoryParams(threshold=threshold)
    total = len(read_story_bench(file))
    if entities != "none":
        console.print(f"finding entities ({entities}) in {total} documents…")
    with progress_bar("docs") as bar:
        task = bar.add_task("clustering", total=total)
        result = evaluate_stories(
            file,
            params=params,
            entity_finder=finders[entities],
            progress=lambda n: bar.advance(task, n),
        )
    scores = result.scores
    table = Table(title=f"Stories: {file.name} ({scores.documents} documents)")
    for column in ("metric", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "metric" else "right")
    table.add_row(
        "BCubed",
        f"{scores.bcubed_precision:.3f}",
        f"{scores.bcubed_recall:.3f}",
        f"{scores.bcubed_f1:.3f}",
    )
    table.add_row(
        "pairwise",
        f"{scores.pairwise_precision:.3f}",
        f"{scores.pairwise_recall:.3f}",
        f"{scores.pairwise_f1:.3f}",
    )
    console.print(table)
    console.print(
        f"{scores.clusters} stories for {scores.gold_clusters} gold events; "
        f"{result.docs_per_second:.0f} docs/s (clustering only, threshold {params.threshold})"
    )

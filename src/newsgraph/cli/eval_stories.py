"""`newsgraph eval stories FILE`: cluster a story benchmark as one stream and print its scores."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsgraph.cli.app import console, eval_app
from newsgraph.cli.progress import progress_bar

HELD_OUT_THRESHOLDS = (0.15, 0.2, 0.25)


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
    folds: Annotated[
        int,
        typer.Option(
            "--folds",
            help="Also score held-out topics: the threshold chosen on the other folds (0: skip).",
        ),
    ] = 5,
) -> None:
    """Score story clustering: BCubed and pairwise precision, recall and F1, and docs/s; and
    BCubed on held-out topic folds, each scored with the threshold the other folds chose."""
    # imported here: the clusterer loads scikit-learn, which no other command needs
    from newsgraph.evaluate.stories import (
        cross_validate_stories,
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
    documents = read_story_bench(file)
    finder = finders[entities]
    if finder is not None:
        console.print(f"finding entities ({entities}) in {len(documents)} documents…")
    # found once: the stream and the held-out folds cluster the same documents
    names = finder([d["text"] for d in documents]) if finder is not None else None
    with progress_bar("docs") as bar:
        task = bar.add_task("clustering", total=len(documents))
        result = evaluate_stories(
            file,
            params=params,
            entity_finder=None if names is None else (lambda _texts: names),
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
    if folds > 1:
        grid = [{"threshold": t} for t in HELD_OUT_THRESHOLDS]
        held_out, chosen = cross_validate_stories(documents, names, grid=grid, folds=folds)
        console.print(
            f"held-out topics ({folds} folds): BCubed P {held_out.bcubed_precision:.3f} "
            f"R {held_out.bcubed_recall:.3f} F1 {held_out.bcubed_f1:.3f}; thresholds chosen "
            + ", ".join(str(c["threshold"]) for c in chosen)
        )

"""`newsgraph report [--story ID] -o FILE.html`: the self-contained HTML dossier."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.app import (
    StoreOption,
    app,
    console,
    print_problem,
    reported_errors,
    settings_for,
    setup_logging,
)


@app.command("report")
def report_command(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="HTML file to write, in a folder that exists."),
    ] = Path("newsgraph-report.html"),
    story: Annotated[str | None, typer.Option("--story", help="Only this story id.")] = None,
    store: StoreOption = None,
) -> None:
    """Write the dossier: stories, facts, quantities, claims and entities, linked to their sentences."""
    from newsgraph.store import open_store
    from newsgraph.views.report import write_report

    settings = settings_for(store)
    setup_logging()
    problem = None
    if output.is_dir():
        problem = (
            f"{output} is a folder: give a file name, such as {output / 'newsgraph-report.html'}"
        )
    elif not output.parent.is_dir():
        problem = f"{output.parent} does not exist: create the folder first, or write elsewhere"
    if problem:
        print_problem("error", problem, style="red")
        raise typer.Exit(2)
    with reported_errors():
        db = open_store(settings.store_url, create=False)
        if story:
            from newsgraph.store.ids import resolve_id

            story = resolve_id(db, "story", story)
        path = write_report(db, output, story_id=story)
    console.print(f"dossier written to {path.resolve()}", highlight=False)

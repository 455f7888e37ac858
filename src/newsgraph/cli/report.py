"""`newsgraph report [--story ID] -o FILE.html`: the self-contained HTML dossier."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.app import (
    StoreOption,
    app,
    console,
    reported_errors,
    settings_for,
    setup_logging,
)
from newsgraph.store import open_store
from newsgraph.views.report import write_report


@app.command("report")
def report_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path(
        "newsgraph-report.html"
    ),
    story: Annotated[str | None, typer.Option("--story", help="Only this story id.")] = None,
    store: StoreOption = None,
) -> None:
    """Write the dossier: stories, facts, quantities, claims and entities, linked to their sentences."""
    setup_logging()
    with reported_errors():
        path = write_report(open_store(settings_for(store).store_url), output, story_id=story)
    console.print(f"dossier written to {path.resolve()}")

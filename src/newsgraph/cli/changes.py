"""`newsgraph changes --since DATE [--story ID]`: what a story gained since a date."""

from __future__ import annotations

import json
from dataclasses import asdict
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


@app.command("changes")
def changes_command(
    since: Annotated[str, typer.Option("--since", help="ISO date, e.g. 2025-04-01.")],
    story: Annotated[str | None, typer.Option("--story", help="Only this story id.")] = None,
    store: StoreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    every: Annotated[
        bool,
        typer.Option(
            "--all", help="List every incident, those one report tells too (counted otherwise)."
        ),
    ] = False,
) -> None:
    """New figures, revised estimates, new contested points, incidents and sources since a date."""
    from rich.markup import escape

    from newsgraph.store import open_store
    from newsgraph.store.changes import changes_since
    from newsgraph.views.changes import change_lines

    setup_logging()
    with reported_errors():
        found = changes_since(open_store(settings_for(store).store_url), since, story_id=story)
    if as_json:
        typer.echo(json.dumps(asdict(found), ensure_ascii=False, indent=1, default=str))
        return
    lines = change_lines(found, every_incident=every)
    if not lines:
        console.print(f"nothing changed since {found.since}")
        return
    for line in lines:
        console.print(f"[bold]{line.kind:<11}[/bold] {escape(line.text)}", soft_wrap=True)

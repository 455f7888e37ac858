"""`newsgraph stats`: how many records of each kind the store holds."""

from __future__ import annotations

import json
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


@app.command("stats")
def stats_command(
    store: StoreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Count the store's documents, articles, entities, claims, quantities, stories and facts."""
    from rich.table import Table

    from newsgraph.store import open_store

    settings = settings_for(store)
    setup_logging()
    with reported_errors():
        counts = open_store(settings.store_url, create=False).counts()
    if as_json:
        typer.echo(json.dumps(counts))
        return
    table = Table("record", "count")
    for name, count in counts.items():
        table.add_row(name, str(count))
    console.print(table)

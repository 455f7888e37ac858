"""`newsgraph export DIR --format jsonl|parquet|csv`: the SPEC.md tables, one file per record type."""

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
from newsgraph.cli.choices import ExportFormatChoice


@app.command("export")
def export_command(
    out_dir: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="Folder to write into (created if missing): articles, entities, claims, "
            "quantities, events, stories, rewrites and facts, one file each, named "
            "<table>.jsonl, .parquet or .csv after --format.",
        ),
    ],
    fmt: Annotated[
        ExportFormatChoice,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="jsonl (one JSON object a line), parquet (typed columns; needs pyarrow) or csv "
            "(nested fields as JSON text).",
        ),
    ] = ExportFormatChoice.jsonl,
    store: StoreOption = None,
) -> None:
    """Export every record type of the store to one file each."""
    from newsgraph.store import open_store
    from newsgraph.views.export import export

    settings = settings_for(store)
    setup_logging()
    if out_dir.exists() and not out_dir.is_dir():
        print_problem(
            "error",
            f"{out_dir} is a file: export writes a folder of files, give a folder",
            style="red",
        )
        raise typer.Exit(2)
    with reported_errors():
        db = open_store(settings.store_url, create=False)
        counts = export(db, out_dir, fmt.value)
    summary = ", ".join(f"{name} {count}" for name, count in counts.items())
    console.print(f"wrote {out_dir}: {summary}", highlight=False)

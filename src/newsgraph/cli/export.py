"""`newsgraph export --format jsonl|csv DIR`: the SPEC.md tables, one file per record type."""

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
from newsgraph.views.export import export


@app.command("export")
def export_command(
    out_dir: Annotated[
        Path, typer.Argument(help="Folder to write articles.jsonl ... facts.jsonl into.")
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, parquet or csv.")] = "jsonl",
    store: StoreOption = None,
) -> None:
    """Export every record type of the store to one file each."""
    setup_logging()
    with reported_errors():
        counts = export(open_store(settings_for(store).store_url), out_dir, fmt)  # type: ignore[arg-type]
    summary = ", ".join(f"{name} {count}" for name, count in counts.items())
    console.print(f"wrote {out_dir}: {summary}")

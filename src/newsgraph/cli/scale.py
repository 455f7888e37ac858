"""`newsgraph run --engine ray|local INPUT... --out DIR` and `newsgraph load DIR`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from newsgraph.cli.app import (
    LinkOption,
    StoreOption,
    app,
    console,
    reported_errors,
    settings_for,
    setup_logging,
)
from newsgraph.cli.progress import progress_bar
from newsgraph.scale import Engine, load, run
from newsgraph.store import open_store


@app.command("run")
def run_command(
    inputs: Annotated[
        list[str], typer.Argument(help="Files or folders of JSONL, WARC, feeds and HTML pages.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the Parquet shards.")],
    engine: Annotated[
        str, typer.Option("--engine", "-e", help="local (a process pool) or ray (Ray Data).")
    ] = "local",
    workers: Annotated[
        int, typer.Option("--workers", "-w", help="Processes (local) or actors (ray).")
    ] = 2,
    shard_size: Annotated[
        int, typer.Option("--shard-size", help="Documents per shard, the unit of resumption.")
    ] = 100,
    store: StoreOption = None,
) -> None:
    """Analyse inputs into resumable Parquet shards (stage A); a rerun skips finished shards."""
    setup_logging()
    if engine not in ("local", "ray"):
        raise typer.BadParameter("--engine is local or ray")
    chosen: Engine = "ray" if engine == "ray" else "local"
    settings = settings_for(store)
    with reported_errors(), progress_bar("shards") as bar:
        task = bar.add_task(f"run ({engine})", total=None)

        def advance(_: dict[str, Any]) -> None:
            bar.advance(task, 1)

        summary = run(
            inputs,
            out,
            settings,
            engine=chosen,
            shard_size=shard_size,
            workers=workers,
            on_shard=advance,
        )
    console.print(
        f"wrote {summary.shards} shards ({summary.already_done} done before): "
        f"{summary.articles} articles, {summary.errors} errors in {summary.seconds:.1f}s",
        highlight=False,
    )


@app.command("load")
def load_command(
    folder: Annotated[Path, typer.Argument(help="A folder written by `newsgraph run`.")],
    store: StoreOption = None,
    do_link: LinkOption = True,
) -> None:
    """Load finished Parquet shards into the store (idempotent), then link the new articles."""
    setup_logging()
    settings = settings_for(store)
    with reported_errors():
        db = open_store(settings.store_url)
        summary = load(folder, db, settings, do_link=do_link)
    console.print(
        f"loaded {summary.shards} shards: stored {summary.stored} new, skipped "
        f"{summary.skipped} already stored, linked {summary.linked}; "
        f"{summary.unfinished} unfinished shards left out",
        highlight=False,
    )

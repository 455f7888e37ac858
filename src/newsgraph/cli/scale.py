"""`newsgraph run --engine ray|local INPUT... --out DIR` and `newsgraph load DIR`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from newsgraph.cli.app import (
    LinkOption,
    StoreOption,
    app,
    console,
    print_problem,
    reported_errors,
    settings_for,
    setup_logging,
)


class EngineChoice(StrEnum):
    local = "local"
    ray = "ray"


def print_failures(rows: list[dict[str, str]]) -> None:
    """One line per failed input or record, as `ingest` prints them."""
    for row in rows:
        print_problem("skipped", f"[{row['code']}] {row['source']}: {row['reason']}")


@app.command("run")
def run_command(
    inputs: Annotated[
        list[str], typer.Argument(help="Files or folders of JSONL, WARC, feeds and HTML pages.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the Parquet shards.")],
    engine: Annotated[
        EngineChoice,
        typer.Option(
            "--engine", "-e", help="local (a process pool) or ray (Ray Data).", case_sensitive=False
        ),
    ] = EngineChoice.local,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Processes (local) or actors (ray).")
    ] = 2,
    shard_size: Annotated[
        int,
        typer.Option("--shard-size", min=1, help="Documents per shard, the unit of resumption."),
    ] = 100,
) -> None:
    """Analyse inputs into resumable Parquet shards (stage A); a rerun skips finished shards.

    Exit code 1 if some inputs failed (each is named), 128 + the signal's number if stopped."""
    from newsgraph.cli.progress import progress_bar
    from newsgraph.errors import Interrupted
    from newsgraph.scale import run

    settings = settings_for(None)
    setup_logging()
    written = 0
    try:
        with reported_errors(), progress_bar("shards") as bar:
            task = bar.add_task(f"run ({engine.value})", total=None)

            def on_shard(_: dict[str, Any]) -> None:
                nonlocal written
                written += 1
                bar.advance(task, 1)

            summary = run(
                inputs,
                out,
                settings,
                engine="ray" if engine is EngineChoice.ray else "local",
                shard_size=shard_size,
                workers=workers,
                on_shard=on_shard,
            )
    except Interrupted as exc:
        print_problem(
            "stopped",
            f"{exc.message}: {written} shards written, the shards in flight discarded; "
            "run the same command again to resume",
            style="red",
        )
        raise typer.Exit(128 + exc.signum) from exc
    print_failures(summary.failures)
    stale = f", {summary.stale} stale shards of changed inputs removed" if summary.stale else ""
    console.print(
        f"wrote {summary.shards} shards ({summary.already_done} done before{stale}): "
        f"{summary.articles} articles, {summary.errors} errors in {summary.seconds:.1f}s",
        highlight=False,
    )
    if summary.failures:
        raise typer.Exit(1)


@app.command("load")
def load_command(
    folder: Annotated[Path, typer.Argument(help="A folder written by `newsgraph run`.")],
    store: StoreOption = None,
    do_link: LinkOption = True,
) -> None:
    """Load finished Parquet shards into the store (idempotent), then link the new articles.

    Exit code 1 if the folder holds no finished shard, or its shards recorded failed inputs."""
    from newsgraph.scale.load import load, shard_errors
    from newsgraph.scale.parquet import finished_shards
    from newsgraph.store import open_store

    settings = settings_for(store)
    setup_logging()
    if not folder.is_dir():
        print_problem(
            "error",
            f"{folder}: no such folder (give the --out folder of `newsgraph run`)",
            style="red",
        )
        raise typer.Exit(1)
    if not finished_shards(folder):
        print_problem(
            "error",
            f"{folder}: no finished shards to load (write them with `newsgraph run --out {folder}`)",
            style="red",
        )
        raise typer.Exit(1)
    with reported_errors():
        db = open_store(settings.store_url)
        summary = load(folder, db, settings, do_link=do_link)
        failures = shard_errors(folder)
    print_failures(failures)
    console.print(
        f"loaded {summary.shards} shards: stored {summary.stored} new, skipped "
        f"{summary.skipped} already stored, linked {summary.linked}; "
        f"{summary.unfinished} unfinished shards left out; "
        f"{len(failures)} inputs failed when the shards were written",
        highlight=False,
    )
    if failures:
        raise typer.Exit(1)

"""`newsgraph ingest PATH...`: read, clean, analyse and store pages, then link them."""

from __future__ import annotations

from typing import Annotated

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
from newsgraph.cli.link import link_with_progress
from newsgraph.cli.progress import progress_bar
from newsgraph.errors import InputError
from newsgraph.ingest import ingest
from newsgraph.store import open_store


@app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[str], typer.Argument(help="Files or folders (recursively), or - for stdin.")
    ],
    store: StoreOption = None,
    clean: Annotated[
        bool,
        typer.Option("--clean", help="Clean the `text` of JSONL records as plain-text scrapes."),
    ] = False,
    do_link: LinkOption = True,
) -> None:
    """Ingest HTML pages, plain-text scrapes and JSONL records; exit code 1 if some inputs failed."""
    setup_logging()
    settings = settings_for(store)
    with reported_errors():
        db = open_store(settings.store_url)

    def report(error: InputError) -> None:
        print_problem("skipped", str(error))

    with progress_bar() as bar:
        task = bar.add_task("ingest", total=None)
        summary = ingest(
            paths,
            db,
            settings,
            clean_json_text=clean,
            on_progress=lambda n: bar.advance(task, n),
            on_error=report,
        )
        bar.update(task, total=bar.tasks[0].completed)  # a known total makes the final rate show
    console.print(
        f"stored {summary.stored} new, skipped {summary.skipped} already stored, "
        f"failed {len(summary.failed)} of {summary.seen} inputs"
    )
    if do_link and summary.stored:
        link_with_progress(db)
    if summary.failed:
        raise typer.Exit(1)

"""`newsgraph link`: relate the articles not linked yet to the rest of the store."""

from __future__ import annotations

from newsgraph.cli.app import (
    StoreOption,
    app,
    console,
    reported_errors,
    settings_for,
    setup_logging,
)
from newsgraph.cli.progress import progress_bar
from newsgraph.link import link
from newsgraph.store import Store, open_store


def link_with_progress(db: Store) -> None:
    """Run the linker with a progress bar and print what it did (shared with `ingest`)."""
    pending = db.count_unlinked()
    with progress_bar("articles") as bar:
        task = bar.add_task("link", total=pending)
        result = link(db, on_progress=lambda n: bar.advance(task, n))
    console.print(
        f"linked {result.articles} articles: {result.stories_touched} stories touched, "
        f"{result.rewrites} rewrites, {result.facts} facts"
    )


@app.command("link")
def link_command(store: StoreOption = None) -> None:
    """Find rewrites, assign stories and rebuild facts for the articles not linked yet."""
    setup_logging()
    with reported_errors():
        link_with_progress(open_store(settings_for(store).store_url))

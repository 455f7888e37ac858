"""`newsgraph link`: relate the articles not linked yet to the rest of the store."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.cli.app import (
    StoreOption,
    app,
    console,
    reported_errors,
    settings_for,
    setup_logging,
)

if TYPE_CHECKING:
    from newsgraph.store import Store


def link_with_progress(db: Store) -> None:
    """Run the linker with a progress bar and print what it did (shared with `ingest`).

    With nothing to link it says so at once, without loading the linker."""
    pending = db.count_unlinked()
    if not pending:
        console.print("linked 0 articles: every article is linked already")
        return
    from newsgraph.cli.progress import progress_bar
    from newsgraph.link import link

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
    from newsgraph.store import open_store

    settings = settings_for(store)
    setup_logging()
    with reported_errors():
        link_with_progress(open_store(settings.store_url, create=False))

"""`newsgraph fetch URL|FEED|SITEMAP...` and `newsgraph watch FEED... --every 15m`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsgraph.cli.app import (
    LinkOption,
    StoreOption,
    WorkersOption,
    app,
    console,
    print_problem,
    reported_errors,
    settings_for,
    setup_logging,
)

if TYPE_CHECKING:
    from newsgraph.errors import InputError
    from newsgraph.fetch import FetchOptions, FetchSummary

StateOption = Annotated[
    Path,
    typer.Option(
        "--state", help="Folder for the fetch state (ETags, Last-Modified) and the WARC archives."
    ),
]
DelayOption = Annotated[
    float, typer.Option("--delay", min=0, help="Seconds between two requests to one host.")
]
RetriesOption = Annotated[
    int,
    typer.Option(
        "--retries", min=0, help="Retries, with exponential backoff, on 429/5xx and errors."
    ),
]
TimeoutOption = Annotated[
    float, typer.Option("--timeout", min=0.1, help="Seconds to wait for a server to answer.")
]
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")


def parse_duration(text: str) -> float:
    """Seconds in '90', '90s', '15m', '2h' or '1d'."""
    match = _DURATION.match(text)
    if not match:
        raise typer.BadParameter(f"{text!r} is not a duration like 90s, 15m or 2h")
    return float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]


def _report(error: InputError) -> None:
    """One line per URL or page that failed: the address and what happened to it."""
    print_problem("skipped", str(error))


def _options(delay: float, retries: int, timeout: float) -> FetchOptions:
    from newsgraph.fetch import FetchOptions

    return FetchOptions(delay=delay, retries=retries, timeout=timeout)


def _print(summary: FetchSummary, prefix: str = "") -> None:
    console.print(
        f"{prefix}fetched {summary.pages} pages, {summary.not_modified} not modified, "
        f"{summary.already_seen} seen before, {len(summary.disallowed)} disallowed by robots.txt, "
        f"{len(summary.failed)} failed; stored {summary.stored} new",
        highlight=False,
    )


@app.command("fetch")
def fetch_command(
    urls: Annotated[list[str], typer.Argument(help="Page, RSS/Atom feed or sitemap URLs.")],
    store: StoreOption = None,
    state: StateOption = Path("newsgraph-fetch"),
    delay: DelayOption = 1.0,
    retries: RetriesOption = 3,
    timeout: TimeoutOption = 20.0,
    do_link: LinkOption = True,
    workers: WorkersOption = None,
) -> None:
    """Fetch pages, feeds and sitemaps politely and ingest the pages; exit 1 if some failed
    (each is named: unreachable, timed out, an HTTP status, disallowed by robots.txt)."""
    from newsgraph.fetch import fetch
    from newsgraph.ingest.pool import cpu_count
    from newsgraph.store import open_store

    settings = settings_for(store)
    setup_logging()
    options = _options(delay, retries, timeout)
    with reported_errors():
        db = open_store(settings.store_url)
        summary = fetch(
            urls,
            db,
            settings,
            state_dir=state,
            options=options,
            on_error=_report,
            workers=workers or cpu_count(),
        )
    _print(summary)
    if do_link and summary.stored:
        from newsgraph.cli.link import link_with_progress

        link_with_progress(db)
    if summary.failed or summary.ingested.failed:
        raise typer.Exit(1)


@app.command("watch")
def watch_command(
    feeds: Annotated[list[str], typer.Argument(help="RSS/Atom feed or sitemap URLs to poll.")],
    every: Annotated[
        str, typer.Option("--every", "-e", help="How often to poll: 90s, 15m, 2h.")
    ] = "15m",
    rounds: Annotated[
        int | None,
        typer.Option("--rounds", "-n", min=1, help="Stop after N rounds (default: never)."),
    ] = None,
    store: StoreOption = None,
    state: StateOption = Path("newsgraph-fetch"),
    delay: DelayOption = 1.0,
    retries: RetriesOption = 3,
    timeout: TimeoutOption = 20.0,
    workers: WorkersOption = None,
) -> None:
    """Poll feeds, fetch only the new entries, store and link them, round after round; with
    --rounds, exit 1 if some round failed to fetch something."""
    from newsgraph.fetch import watch
    from newsgraph.ingest.pool import cpu_count
    from newsgraph.store import open_store

    settings = settings_for(store)
    setup_logging()
    seconds = parse_duration(every)
    with reported_errors():
        db = open_store(settings.store_url)
        done = watch(
            feeds,
            db,
            settings,
            every=seconds,
            rounds=rounds,
            state_dir=state,
            options=_options(delay, retries, timeout),
            on_round=lambda n, summary: _print(summary, f"round {n}: "),
            on_error=_report,
            workers=workers or cpu_count(),
        )
    if any(s.failed or s.ingested.failed for s in done):
        raise typer.Exit(1)

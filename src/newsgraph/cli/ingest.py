"""`newsgraph ingest PATH...`: read, clean, analyse and store pages, then link them."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from types import FrameType
from typing import TYPE_CHECKING, Annotated
from urllib.parse import urlsplit

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
from newsgraph.ingest.pool import cpu_count, prestart

# The job, the store and the settings (SQLAlchemy, pydantic: most of this command's start-up)
# are imported once the workers' fork server has been started, so that its preload (spaCy,
# seconds of one core) begins before them, not after.
if TYPE_CHECKING:
    from newsgraph.errors import InputError
    from newsgraph.ingest import GivenMetadata, IngestSummary
    from newsgraph.store import Store

log = logging.getLogger(__name__)


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
    workers: WorkersOption = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="Publication date (YYYY-MM-DD or ISO 8601) for inputs that do not give one.",
            show_default=False,
        ),
    ] = None,
    outlet: Annotated[
        str | None,
        typer.Option(
            "--outlet",
            help="Outlet's domain (e.g. reuters.com) for inputs that do not give one.",
            show_default=False,
        ),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            help="Address (http or https) for inputs that do not give one.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Ingest HTML pages, plain-text scrapes and JSONL records; exit code 1 if some inputs failed."""
    setup_logging()
    given = _given(published, outlet, url)
    count = workers or cpu_count()
    if count > 1:
        with reported_errors():
            prestart()  # the workers' server loads spaCy while this process starts up
    from newsgraph.cli.link import link_with_progress
    from newsgraph.cli.progress import progress_bar
    from newsgraph.ingest import ingest
    from newsgraph.store import open_store

    settings = settings_for(store)
    with reported_errors():
        db = open_store(settings.store_url)

    def report(error: InputError) -> None:
        print_problem("skipped", str(error))

    linking = _LinkingAlong(db, settings.batch_size) if do_link and count > 1 else None
    if do_link:
        from newsgraph.link import preload

        preload()  # the linkers' imports run while the workers analyse, not after
    with progress_bar("pages") as bar, reported_errors(), _stopped_by_signals():
        task = bar.add_task("ingest", total=None)
        try:
            summary = ingest(
                paths,
                db,
                settings,
                clean_json_text=clean,
                given=given,
                workers=count,
                on_progress=lambda n: bar.advance(task, n),
                on_error=report,
                on_written=linking.written if linking else None,
            )
        except KeyboardInterrupt:
            bar.stop()
            print_problem(
                "interrupted",
                f"stopped after {int(bar.tasks[0].completed)} inputs; every batch written "
                "before stays stored, and a rerun goes on from there",
                style="red",
            )
            raise typer.Exit(130) from None
        # the final line: the run's average rate (a new total resets rich's own estimate)
        done, elapsed = bar.tasks[0].completed, bar.tasks[0].elapsed
        bar.update(task, total=done)
        bar.tasks[0].finished_speed = done / elapsed if elapsed else None
    for line in summary_lines(summary):
        console.print(line, soft_wrap=True, highlight=False, markup=False)
    if linking is not None and linking.passes:
        linking.finish(summary.stored_ids)
    elif do_link and summary.stored:
        link_with_progress(db)
    if summary.failed:
        raise typer.Exit(1)


class _LinkingAlong:
    """Links the articles of an ingest with workers while the workers analyse the next batches,
    in the parent, which otherwise only waits for them: the linking that followed the last
    batch (seconds, on one core while the other sat idle) mostly overlaps stage A instead.

    Linking is incremental, so passes over what has been stored so far end exactly as one pass
    at the end would (tests/link/test_link.py). A pass starts once a quarter as many new
    articles wait as have been linked in this run, at least a batch and at most the linker's
    own pass size: passes grow with the run, so a long one does not save the linkers' state
    (which grows with what they have seen) once per batch. A pass that fails stops linking along; the linking after the last batch then
    runs as it would have and reports the error.
    """

    _MOST = 5000  # the linker's own pass size (`link(chunk=...)`)

    def __init__(self, db: Store, batch: int) -> None:
        self.db = db
        self.batch = batch
        self.waiting = 0
        self.passes = 0
        self.articles = 0
        self.rewrites = 0
        self.facts = 0
        self.failed = False

    def written(self, stored: int) -> None:
        self.waiting += stored
        if self.failed or self.waiting < max(self.batch, min(self._MOST, self.articles // 4)):
            return
        from newsgraph.link import link

        try:
            done = link(self.db)
        except Exception:
            log.warning("linking during ingest failed; linking after it instead", exc_info=True)
            self.failed = True
            return
        self._add(done.articles, done.rewrites, done.facts)

    def _add(self, articles: int, rewrites: int, facts: int) -> None:
        self.passes += 1
        self.waiting = 0
        self.articles += articles
        self.rewrites += rewrites
        self.facts += facts

    def finish(self, stored_ids: list[str]) -> None:
        """Link what is left, with a progress bar, and say what the run's linking did
        (`stored_ids`: the articles this run stored)."""
        from newsgraph.cli.progress import progress_bar
        from newsgraph.link import link

        pending = self.db.count_unlinked()
        if pending:
            with progress_bar("articles") as bar:
                task = bar.add_task("link", total=pending)
                done = link(self.db, on_progress=lambda n: bar.advance(task, n))
            self._add(done.articles, done.rewrites, done.facts)
        stories = len(set(self.db.story_ids_of(stored_ids).values()))
        console.print(
            f"linked {self.articles} articles in {self.passes} passes: {stories} stories hold "
            f"this run's articles, {self.rewrites} rewrites, {self.facts} facts rebuilt"
        )


def summary_lines(summary: IngestSummary) -> list[str]:
    """What the run did, for a person: counts, and what was stored without (full) analysis."""
    lines = [
        f"stored {summary.stored} new, skipped {summary.skipped} already stored, "
        f"failed {len(summary.failed)} of {summary.seen} inputs"
    ]
    if summary.unanalysed:
        languages = ", ".join(
            f"{count} {language}" for language, count in summary.unanalysed.most_common()
        )
        total = sum(summary.unanalysed.values())
        lines.append(
            f"stored {total} page{'s' if total != 1 else ''} without analysis, "
            f"not in the pipeline's language: {languages}"
        )
    if summary.truncated:
        lines.append(
            f"analysed {summary.truncated} long page{'s' if summary.truncated != 1 else ''} "
            "only up to NEWSGRAPH_MAX_CHARS characters (stored whole)"
        )
    return lines


def _given(published: str | None, outlet: str | None, url: str | None) -> GivenMetadata | None:
    """The metadata flags, checked: a bad value is one line naming it, exit code 2."""
    if published is not None and not _is_iso_date(published):
        _refuse(f"--published {published!r} is not a date (expected YYYY-MM-DD or ISO 8601)")
    domain = None
    if outlet is not None:
        # here only: the cleaner's package imports trafilatura, which a parent that lends the
        # parsing to its workers has no other use for
        from newsgraph.clean.metadata import outlet_of

        domain = outlet_of(outlet)
        if domain is None:
            _refuse(f"--outlet {outlet!r} is not a domain (expected one like reuters.com)")
    if url is not None:
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            _refuse(f"--url {url!r} is not an http or https address")
    if published is None and outlet is None and url is None:
        return None
    from newsgraph.ingest import GivenMetadata

    return GivenMetadata(
        published=published.strip() if published else None,
        outlet=domain,
        url=url.strip() if url else None,
    )


def _is_iso_date(value: str) -> bool:
    value = value.strip()
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            parsed = parse(value)
        except ValueError:
            continue
        return 1 <= parsed.year <= 9999
    return False


def _refuse(message: str) -> None:
    print_problem("error", message, style="red")
    raise typer.Exit(2)


@contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGTERM stops the run as Ctrl-C does (KeyboardInterrupt): the transaction in progress
    rolls back, the workers are stopped, the committed batches stay."""

    def interrupt(signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt(signal.Signals(signum).name)

    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers (an embedding server's worker thread)
        return
    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)

"""`fetch` and `watch`: get pages, feeds and sitemaps over HTTP and ingest the pages.

Fetched pages are written as response records to a WARC file under the state folder, the
archival format for raw responses, and that file goes through the same `ingest` as any input:
one reading path, and the raw bytes stay on disk for a later `newsgraph run` or an audit.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import formatdate
from pathlib import Path
from urllib.parse import urlsplit

from newsgraph.config import Settings
from newsgraph.errors import InputError
from newsgraph.fetch.polite import FetchOptions, PoliteClient, Reply, http_status
from newsgraph.fetch.robots import Robots
from newsgraph.fetch.sitemaps import looks_like_sitemap, parse_sitemap
from newsgraph.fetch.state import FetchState, Visit
from newsgraph.ingest import IngestSummary, ingest
from newsgraph.ingest.feeds import feed_entries, looks_like_feed
from newsgraph.ingest.job import AnalysisPool, analysis_pool
from newsgraph.ingest.pool import prestart
from newsgraph.ingest.warc import is_html, write_response
from newsgraph.store import Store

log = logging.getLogger(__name__)

MAX_SITEMAP_DEPTH = 3


@dataclass(slots=True)
class FetchSummary:
    """What one fetch did, URL by URL counted."""

    requested: int = 0
    pages: int = 0  # HTML pages received and archived
    not_modified: int = 0  # answered 304 to a conditional GET
    already_seen: int = 0  # feed or sitemap entries fetched in an earlier run (watch)
    disallowed: list[str] = field(default_factory=list)  # refused by robots.txt
    failed: list[InputError] = field(default_factory=list)
    not_pages: int = 0  # neither HTML, nor a feed, nor a sitemap
    archive: Path | None = None
    ingested: IngestSummary = field(default_factory=IngestSummary)

    @property
    def stored(self) -> int:
        return self.ingested.stored


@dataclass(slots=True)
class _Crawl:
    """One run's moving parts, shared by the steps below."""

    client: PoliteClient
    robots: Robots
    state: FetchState
    summary: FetchSummary
    new_only: bool
    pages: list[Reply] = field(default_factory=list)
    visited: set[str] = field(default_factory=set)
    on_error: Callable[[InputError], None] | None = None


def fetch(
    urls: Iterable[str],
    store: Store,
    settings: Settings,
    *,
    state_dir: Path = Path("newsgraph-fetch"),
    options: FetchOptions | None = None,
    new_only: bool = False,
    client: PoliteClient | None = None,
    on_error: Callable[[InputError], None] | None = None,
    workers: int = 1,
    pool: AnalysisPool | None = None,
) -> FetchSummary:
    """Fetch pages, feeds (their entries' pages) and sitemaps (their pages) and ingest the pages.

    robots.txt is obeyed, each host gets one request per `options.delay` seconds, overloaded
    servers are retried with backoff, and URLs fetched before are asked for with their ETag and
    Last-Modified, so an unchanged page costs a 304. With `new_only`, entries of feeds and
    sitemaps that an earlier run fetched are not fetched again (what `watch` wants).
    """
    options = options or FetchOptions()
    if pool is None and workers > 1:
        # the workers' server loads stage A and spaCy (seconds of a core) while the crawl
        # waits on the network, instead of after it
        prestart()
    own_client = client is None
    polite = client or PoliteClient(options, max_bytes=settings.max_bytes)
    state = FetchState.load(state_dir / "state.json")
    summary = FetchSummary()

    crawl = _Crawl(
        client=polite,
        robots=Robots(options.user_agent.split("/")[0], polite.get),
        state=state,
        summary=summary,
        new_only=new_only,
        on_error=on_error,
    )
    try:
        for url in urls:
            _visit(crawl, url.strip(), depth=0, discovered=False)
    finally:
        if own_client:
            polite.close()
    if crawl.pages:
        summary.archive = _archive(crawl.pages, state_dir / "warc")
        summary.ingested = ingest(
            [str(summary.archive)],
            store,
            settings,
            workers=workers,
            pool=pool,
            on_error=on_error,
        )
    # validators are remembered only once the pages are stored, so a failed run is fetched again
    state.save()
    return summary


def _visit(crawl: _Crawl, url: str, *, depth: int, discovered: bool) -> None:
    summary = crawl.summary
    if not url or url in crawl.visited:
        return
    crawl.visited.add(url)
    if urlsplit(url).scheme not in ("http", "https"):
        _fail(crawl, InputError(url, "not an http(s) URL"))
        return
    if discovered and crawl.new_only and url in crawl.state.visits:
        summary.already_seen += 1
        return
    summary.requested += 1
    problem = crawl.robots.problem(url)
    if problem:
        _fail(crawl, InputError(url, problem))
        return
    if not crawl.robots.allowed(url):
        log.info("robots.txt disallows %s", url)
        if discovered:  # an entry of a feed or sitemap: counted, the crawl goes on
            summary.disallowed.append(url)
        else:  # asked for by name and not fetched: a failure to report
            _fail(crawl, InputError(url, "disallowed by robots.txt"))
        return
    delay = crawl.robots.crawl_delay(url)
    if delay:
        crawl.client.clock.slow_down(urlsplit(url).netloc, delay)
    reply = crawl.client.get(url, crawl.state.conditional_headers(url))
    if reply.status == 304:
        summary.not_modified += 1
        _remember(crawl, url, reply)
        return
    if reply.error or not 200 <= reply.status < 300:
        _fail(crawl, InputError(url, reply.error or http_status(reply.status)))
        return
    content_type = reply.headers.get("content-type")
    if looks_like_feed(reply.body):
        try:
            entries = feed_entries(reply.body, url)
        except InputError as exc:
            _fail(crawl, exc)
            return
        for entry in entries:
            _visit(crawl, entry.url, depth=depth + 1, discovered=True)
    elif looks_like_sitemap(reply.body):
        sitemap = parse_sitemap(reply.body)
        for page in sitemap.pages:
            _visit(crawl, page, depth=depth + 1, discovered=True)
        if depth < MAX_SITEMAP_DEPTH:
            for child in sitemap.sitemaps:
                _visit(crawl, child, depth=depth + 1, discovered=False)
    elif is_html(content_type, reply.body):
        crawl.pages.append(reply)
        summary.pages += 1
    else:
        summary.not_pages += 1
    _remember(crawl, url, reply)


def _remember(crawl: _Crawl, url: str, reply: Reply) -> None:
    old = crawl.state.visits.get(url)
    crawl.state.visits[url] = Visit(
        status=reply.status,
        fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
        etag=reply.headers.get("etag") or (old.etag if old else None),
        last_modified=reply.headers.get("last-modified") or (old.last_modified if old else None),
    )


def _fail(crawl: _Crawl, error: InputError) -> None:
    log.warning("fetch skipped: %s", error)
    crawl.summary.failed.append(error)
    if crawl.on_error:
        crawl.on_error(error)


def _archive(pages: list[Reply], folder: Path) -> Path:
    """Write the fetched pages to a new WARC file, named by the time of the run."""
    from warcio.warcwriter import WARCWriter

    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"fetch-{stamp}.warc.gz"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for reply in pages:
            headers = dict(reply.headers)
            headers.setdefault("date", formatdate(usegmt=True))
            write_response(writer, reply.url, reply.status, headers, reply.body)
    return path


def watch(
    feeds: Iterable[str],
    store: Store,
    settings: Settings,
    *,
    every: float,
    rounds: int | None = None,
    state_dir: Path = Path("newsgraph-fetch"),
    options: FetchOptions | None = None,
    client: PoliteClient | None = None,
    on_round: Callable[[int, FetchSummary], None] | None = None,
    on_error: Callable[[InputError], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    workers: int = 1,
) -> list[FetchSummary]:
    """Every `every` seconds fetch what is new in `feeds`, ingest it and link it incrementally.

    `rounds` bounds the loop (None: until interrupted). Each round is a `fetch` with
    `new_only`, so an entry is fetched once, and a feed that has not changed costs a 304.
    With `workers` > 1 the rounds share one pool of stage A workers: spaCy loads once.
    """
    if workers > 1:
        prestart()  # spaCy loads during the first round's crawl (see `fetch`)
        with analysis_pool(workers, settings) as pool:
            return _watch_rounds(
                feeds, store, settings, every, rounds, state_dir, options, client, on_round,
                on_error, sleep, pool,
            )  # fmt: skip
    return _watch_rounds(
        feeds, store, settings, every, rounds, state_dir, options, client, on_round, on_error,
        sleep, None,
    )  # fmt: skip


def _watch_rounds(
    feeds: Iterable[str],
    store: Store,
    settings: Settings,
    every: float,
    rounds: int | None,
    state_dir: Path,
    options: FetchOptions | None,
    client: PoliteClient | None,
    on_round: Callable[[int, FetchSummary], None] | None,
    on_error: Callable[[InputError], None] | None,
    sleep: Callable[[float], None],
    pool: AnalysisPool | None,
) -> list[FetchSummary]:
    from newsgraph.link import link

    feeds = list(feeds)
    done: list[FetchSummary] = []
    number = 0
    while rounds is None or number < rounds:
        number += 1
        started = time.monotonic()
        summary = fetch(
            feeds,
            store,
            settings,
            state_dir=state_dir,
            options=options,
            new_only=True,
            client=client,
            on_error=on_error,
            pool=pool,
        )
        if summary.stored:
            link(store)
        done.append(summary)
        if on_round:
            on_round(number, summary)
        if rounds is None or number < rounds:
            sleep(max(0.0, every - (time.monotonic() - started)))
    return done

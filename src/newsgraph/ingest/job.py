"""`ingest`: read inputs, analyse them in batches and store each batch in one transaction."""

from __future__ import annotations

import bisect
import itertools
import logging
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, StatementError

from newsgraph.config import Settings
from newsgraph.errors import BinaryInput, EncodingError, InputError, StoreRefused
from newsgraph.ingest.analysis import Portable, analyze_task
from newsgraph.ingest.pool import PortableError, WorkerPool
from newsgraph.ingest.readers import iter_documents
from newsgraph.records import AnalyzedArticle, Article, Document

if TYPE_CHECKING:
    from newsgraph.pipeline import Outcome
    from newsgraph.store import Store

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestSummary:
    seen: int = 0
    stored: int = 0
    skipped: int = 0  # already in the store, or repeated within this run
    failed: list[InputError] = field(default_factory=list)
    stored_ids: list[str] = field(default_factory=list)
    # stored without analysis because not in the pipeline's language: language -> pages
    unanalysed: Counter[str] = field(default_factory=Counter)
    truncated: int = 0  # stored whole, but analysed only up to settings.max_chars
    workers: int = 1
    peak_rss_kib: dict[int, int] = field(default_factory=dict)  # worker pid -> peak RSS


@dataclass(frozen=True, slots=True)
class GivenMetadata:
    """What the user says about inputs that do not say it themselves (`ingest --published`).

    Each value only fills a gap: a date the page or record gives, or an address or outlet it
    names, wins. The date goes in before analysis (relative times are resolved against it);
    the address and outlet, which analysis does not read, fill the article afterwards, so an
    outlet derived from the page's own address is not overridden.
    """

    published: str | None = None
    outlet: str | None = None
    url: str | None = None

    def fill(self, document: Document) -> Document:
        if self.published and not document.published:
            return replace(document, published=self.published)
        return document

    def fill_article(self, article: Article) -> None:
        if article.url is None and self.url:
            article.url = self.url
        if article.outlet is None:
            from newsgraph.clean.metadata import outlet_of  # here: the cleaner imports trafilatura

            article.outlet = self.outlet or outlet_of(article.url)


@dataclass(slots=True)
class _Batch:
    """One batch read and sorted, waiting for its analysis: its inputs' count, what failed or
    was skipped before analysis (reported in input order once the batch's turn comes)."""

    size: int
    failed: list[InputError]
    skipped: int
    documents: list[Document]


def _batches(
    items: Iterable[Document | InputError], size: int
) -> Iterator[list[Document | InputError]]:
    batch: list[Document | InputError] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    paths: Iterable[str],
    store: Store,
    settings: Settings,
    *,
    clean_json_text: bool = False,
    given: GivenMetadata | None = None,
    workers: int = 1,
    pool: AnalysisPool | None = None,
    on_progress: Callable[[int], None] | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_written: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Store every readable document under `paths`; bad inputs are reported and skipped.

    Each batch is analysed, then written in one transaction, so an interrupted run keeps every
    batch committed before it, and a rerun skips what is stored (documents are keyed by SHA-256).
    With `workers` > 1, batches are analysed in that many worker processes while the parent
    reads ahead and writes; results are written in input order, so the store ends up exactly as
    a one-process run leaves it. An exception (KeyboardInterrupt included) stops the workers and
    propagates; the batches committed before it stay. `pool` (from `analysis_pool`) lends
    workers that outlive the call, for callers that ingest round after round.
    `on_progress` is told the inputs each batch took, `on_written` the new articles it stored,
    once its transaction is committed (a caller may link them while the workers go on).
    """
    summary = IngestSummary(workers=workers)
    items = iter_documents(paths, clean_json_text=clean_json_text, max_bytes=settings.max_bytes)
    if given is not None:
        items = (item if isinstance(item, InputError) else given.fill(item) for item in items)
    batches = _sorted_batches(items, store, settings.batch_size)

    def finish(batch: _Batch, outcomes: list[Outcome]) -> None:
        if given is not None:
            for outcome in outcomes:
                if isinstance(outcome, AnalyzedArticle):
                    given.fill_article(outcome.article)
        stored_before = summary.stored
        _finish_batch(batch, outcomes, store, settings, summary, on_error)
        if on_progress:
            on_progress(batch.size)
        if on_written and summary.stored > stored_before:
            on_written(summary.stored - stored_before)

    if pool is not None:
        _analyse_in(pool, batches, settings, finish, summary)
    elif workers <= 1:
        from newsgraph.pipeline import analyze  # here only: a parent with workers never parses

        for batch in batches:
            finish(batch, analyze(batch.documents, settings) if batch.documents else [])
    else:
        with analysis_pool(workers, settings) as own:
            _analyse_in(own, batches, settings, finish, summary)
    return summary


# Pages per piece of work sent to a worker, at least. spaCy parses a batch of pages in one go,
# and its parser and entity recogniser step through all the batch's texts at once, each step
# with a cost of its own whatever the number of texts: on the bench pages a page costs about
# 1.5x the CPU in pieces of 4 pages as in pieces of 16, and the parse takes 10.0 CPU s in
# pieces of 16, 8.9 in pieces of 32 (same parse to the bit, tests/ingest/test_parallel.py).
# With the default batch of 32 a piece is a whole batch, and the workers take turns.
_MIN_PIECE = 32
AnalysisPool = WorkerPool[tuple[list[Document], Settings], list[Portable]]


def analysis_pool(workers: int, settings: Settings) -> AnalysisPool:
    """A pool of stage A workers for `ingest(pool=...)`, for a caller that ingests again and
    again (`watch`) and should load spaCy once, not once a round. Close it (or use it as a
    context manager) when done, and after any exception from `ingest`."""
    return WorkerPool(analyze_task, workers, model=settings.model)


def _analyse_in(
    pool: AnalysisPool,
    batches: Iterable[_Batch],
    settings: Settings,
    finish: Callable[[_Batch, list[Outcome]], None],
    summary: IngestSummary,
) -> None:
    """Analyse the batches in `pool`'s workers and finish each in input order."""
    workers = pool.workers
    summary.workers = workers
    # A batch is analysed in pieces that the workers take from one queue: one per worker, of
    # about equal length in characters (pages differ tenfold), so that at the end of the input
    # no worker sits idle while another finishes a long piece; but no piece smaller than
    # _MIN_PIECE pages, which the parse handles at a loss. The batch is still written whole, in
    # one transaction, in its turn.
    piece = min(settings.batch_size, max(_MIN_PIECE, -(-settings.batch_size // workers)))
    # Read ahead two batches, and enough pieces for every worker twice over, so the workers
    # never wait for a write; never the whole input.
    ahead = max(2 * settings.batch_size, 2 * workers * piece)
    waiting: deque[tuple[_Batch, list[int]]] = deque()
    in_flight = 0  # pages
    try:
        for batch in batches:
            # a batch with nothing new to analyse (a rerun) never wakes a worker
            tickets = [
                pool.submit((part, settings))
                for part in split_evenly(batch.documents, -(-len(batch.documents) // piece))
            ]
            waiting.append((batch, tickets))
            in_flight += len(batch.documents)
            while in_flight > ahead:
                in_flight -= len(waiting[0][0].documents)
                finish(*_claim(pool, *waiting.popleft()))
        while waiting:
            finish(*_claim(pool, *waiting.popleft()))
    finally:
        summary.peak_rss_kib = {pid: s.peak_rss_kib for pid, s in pool.stats.items()}


def split_evenly(documents: list[Document], count: int) -> list[list[Document]]:
    """`documents` in `count` runs (fewer if there are fewer documents), in order, each of
    about the same length in characters."""
    count = min(count, len(documents))
    if count <= 1:
        return [documents] if documents else []
    reached = list(itertools.accumulate((len(d.content) for d in documents), initial=0))
    bounds = [0]
    for k in range(1, count):
        target = reached[-1] * k / count
        low, high = bounds[-1] + 1, len(documents) - (count - k)  # a document for each run
        cut = min(max(bisect.bisect_left(reached, target, low, high + 1), low), high)
        if cut > low and target - reached[cut - 1] < reached[cut] - target:
            cut -= 1
        bounds.append(cut)
    bounds.append(len(documents))
    return [documents[i:j] for i, j in itertools.pairwise(bounds)]


def _claim(
    pool: AnalysisPool,
    batch: _Batch,
    tickets: list[int],
) -> tuple[_Batch, list[Outcome]]:
    """The batch with its outcomes, waiting for every piece of it, in order."""
    return batch, [
        o.error() if isinstance(o, PortableError) else o
        for ticket in tickets
        for o in pool.result(ticket)
    ]


def _sorted_batches(
    items: Iterable[Document | InputError], store: Store, size: int
) -> Iterator[_Batch]:
    """The inputs in batches, each split into what failed to read, what is already stored or
    repeated, and the documents left to analyse."""
    seen_ids: set[str] = set()
    for items_batch in _batches(items, size):
        failed: list[InputError] = []
        skipped = 0
        documents: list[Document] = []
        for item in items_batch:
            if isinstance(item, Document):
                item = _storable(item)
            if isinstance(item, InputError):
                failed.append(item)
            elif item.id in seen_ids:
                skipped += 1
            else:
                seen_ids.add(item.id)
                documents.append(item)
        known = store.known_documents(d.id for d in documents)
        skipped += len(known)
        documents = [d for d in documents if d.id not in known]
        yield _Batch(len(items_batch), failed, skipped, documents)


def _finish_batch(
    batch: _Batch,
    outcomes: list[Outcome],
    store: Store,
    settings: Settings,
    summary: IngestSummary,
    on_error: Callable[[InputError], None] | None,
) -> None:
    """Report a batch's failures in input order and write its articles in one transaction."""
    summary.seen += batch.size
    summary.skipped += batch.skipped
    for error in batch.failed:
        _fail(summary, error, on_error)
    pairs: list[tuple[Document, AnalyzedArticle]] = []
    for document, outcome in zip(batch.documents, outcomes, strict=True):
        if isinstance(outcome, InputError):
            _fail(summary, outcome, on_error)
        else:
            pairs.append((document, outcome))
    stored, ids = _write(store, pairs, summary, on_error)
    summary.stored += stored
    summary.stored_ids.extend(ids)
    written = set(ids)
    for _, analysed in pairs:
        article = analysed.article
        if article.id not in written:
            continue
        if not article.analysed:
            summary.unanalysed[article.language or "unknown"] += 1
        elif len(article.text) > settings.max_chars:
            summary.truncated += 1
            log.info(
                "%s: analysed its first %s of %s characters (NEWSGRAPH_MAX_CHARS)",
                article.source_id,
                f"{settings.max_chars:,}",
                f"{len(article.text):,}",
            )


def _storable(document: Document) -> Document | InputError:
    """The document, or why no store can hold it: NUL characters (PostgreSQL text refuses them)
    or lone surrogates (not encodable as UTF-8), both of which a JSON escape can smuggle in."""
    for name in ("content", "url", "title", "published", "outlet", "source_id"):
        value = getattr(document, name)
        if not value:
            continue
        if "\x00" in value:
            return BinaryInput(document.source_id, f"NUL characters in its {name}")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return EncodingError(
                document.source_id, f"a lone surrogate in its {name} at offset {exc.start}"
            )
    return document


def _write(
    store: Store,
    pairs: list[tuple[Document, AnalyzedArticle]],
    summary: IngestSummary,
    on_error: Callable[[InputError], None] | None,
) -> tuple[int, list[str]]:
    """Write the batch in one transaction: (how many were new, the ids written). Should the store
    refuse a row, the pages are written one by one, so the bad page alone is reported."""
    try:
        return store.write_batch(pairs), [d.id for d, _ in pairs]
    except StatementError as exc:
        refused = isinstance(exc, DataError | IntegrityError) or not isinstance(exc, DBAPIError)
        if not refused:  # a lost connection or a locked database is not the page's fault
            raise
        if len(pairs) == 1:
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200]
            _fail(
                summary,
                StoreRefused(pairs[0][0].source_id, f"the store refused it ({reason})"),
                on_error,
            )
            return 0, []
        log.warning("the store refused a batch; writing its pages one by one: %s", exc)
    count, ids = 0, []
    for pair in pairs:
        new, written = _write(store, [pair], summary, on_error)
        count += new
        ids.extend(written)
    return count, ids


def _fail(
    summary: IngestSummary, error: InputError, on_error: Callable[[InputError], None] | None
) -> None:
    log.warning("input skipped: %s", error)
    summary.failed.append(error)
    if on_error:
        on_error(error)

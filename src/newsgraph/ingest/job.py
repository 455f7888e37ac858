"""`ingest`: read inputs, analyse them in batches and store each batch in one transaction."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, StatementError

from newsgraph.config import Settings
from newsgraph.errors import BinaryInput, EncodingError, InputError, StoreRefused
from newsgraph.ingest.readers import iter_documents
from newsgraph.pipeline import analyze
from newsgraph.records import AnalyzedArticle, Document
from newsgraph.store import Store

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestSummary:
    seen: int = 0
    stored: int = 0
    skipped: int = 0  # already in the store, or repeated within this run
    failed: list[InputError] = field(default_factory=list)
    stored_ids: list[str] = field(default_factory=list)


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
    on_progress: Callable[[int], None] | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> IngestSummary:
    """Store every readable document under `paths`; bad inputs are reported and skipped.

    Each batch is analysed, then written in one transaction, so an interrupted run keeps every
    batch committed before it, and a rerun skips what is stored (documents are keyed by SHA-256).
    """
    summary = IngestSummary()
    seen_ids: set[str] = set()
    items = iter_documents(paths, clean_json_text=clean_json_text, max_bytes=settings.max_bytes)
    for batch in _batches(items, settings.batch_size):
        documents: list[Document] = []
        for item in batch:
            summary.seen += 1
            if isinstance(item, Document):
                item = _storable(item)
            if isinstance(item, InputError):
                _fail(summary, item, on_error)
            elif item.id in seen_ids:
                summary.skipped += 1
            else:
                seen_ids.add(item.id)
                documents.append(item)
        known = store.known_documents(d.id for d in documents)
        summary.skipped += len(known)
        documents = [d for d in documents if d.id not in known]
        pairs: list[tuple[Document, AnalyzedArticle]] = []
        for document, outcome in zip(documents, analyze(documents, settings), strict=True):
            if isinstance(outcome, InputError):
                _fail(summary, outcome, on_error)
            else:
                pairs.append((document, outcome))
        stored, ids = _write(store, pairs, summary, on_error)
        summary.stored += stored
        summary.stored_ids.extend(ids)
        if on_progress:
            on_progress(len(batch))
    return summary


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

"""Stage B: `link(store)` relates new articles to the corpus, incrementally.

It feeds the articles not linked yet, in ingest order, to the online linkers (rewrite index,
story clusterer) restored from the store, rebuilds the facts of the stories they touched, and
commits all of it with the linkers' new state in one transaction.

The two linkers do not read each other, so a long backlog is linked on two cores: the rewrite
index lives in a worker process for the call and indexes each pass's articles while this
process clusters them; the result is the same as in one process.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsgraph.records import Fact, Incident, Mention, Rewrite
from newsgraph.store import Store

if TYPE_CHECKING:
    from newsgraph.link.rewrites import RewriteIndex

log = logging.getLogger(__name__)

STORY_STATE = "stories"
REWRITE_STATE = "rewrites"


_Linkers = dict[str, Any]
_PARALLEL_FROM = 2000  # unlinked articles from which a worker process pays for its start
# what the rewrite index reads of one article: id, text, published, outlet, original source,
# figure keys and named sources
_IndexInput = tuple[str, str, str | None, str | None, str | None, list[str], list[str]]

# what a pass imports (scikit-learn with the story clusterer: seconds of start-up)
_LINKER_MODULES = (
    "newsgraph.link.entities",
    "newsgraph.link.facts",
    "newsgraph.link.origins",
    "newsgraph.link.rewrites",
    "newsgraph.link.stories",
    "newsgraph.extract.gazetteer",
)


@dataclass(slots=True)
class LinkSummary:
    articles: int
    stories_touched: int
    rewrites: int
    facts: int


def link(
    store: Store,
    *,
    chunk: int = 5000,
    on_progress: Callable[[int], None] | None = None,
    story_params: Mapping[str, Any] | None = None,
    rewrite_params: Mapping[str, Any] | None = None,
    parallel: bool | None = None,
    on_pass: Callable[[LinkSummary], None] | None = None,
) -> LinkSummary:
    """Link every article the linker has not seen yet, `chunk` articles per transaction.

    Each pass reads only the new articles, the rewrites and quantities of the stories they
    touch, and the saved linker state: never the whole store. `story_params` and
    `rewrite_params` (knobs of `StoryParams`, `RewriteParams`) set up the linkers of a store
    linked for the first time; a store with saved state keeps the settings it was linked with.
    `parallel` runs the rewrite index in a worker process beside the clusterer; by default it
    does when the machine has two cores and `_PARALLEL_FROM` articles wait (a process takes a
    second or two to start, more than a small batch takes to link). `on_pass` is called with
    each committed pass's summary (a benchmark's progress).
    """
    total = LinkSummary(0, 0, 0, 0)
    linkers: _Linkers = {}  # kept from one pass to the next: what the last pass saved
    linkers["params"] = (dict(story_params or {}), dict(rewrite_params or {}))
    if parallel is None:
        parallel = (os.cpu_count() or 1) > 1 and store.count_unlinked() >= _PARALLEL_FROM
    worker = None
    if parallel:
        worker = _RewriteWorker(store.load_state(REWRITE_STATE), dict(rewrite_params or {}))
        linkers["rewrite_worker"] = worker
    try:
        while True:
            done = _link_pass(store, chunk, on_progress, linkers)
            if done.articles == 0:
                return total
            if on_pass is not None:
                on_pass(done)
            total = LinkSummary(
                total.articles + done.articles,
                total.stories_touched + done.stories_touched,
                total.rewrites + done.rewrites,
                total.facts + done.facts,
            )
    finally:
        if worker is not None:
            worker.close()


class _RewriteWorker:
    """The rewrite index in a process of its own for one `link` call: it indexes a pass's
    articles while this process clusters them, and hands back their relations and its state.
    A pass that fails leaves the worker ahead of the store, so the call closes it."""

    def __init__(self, state: bytes | None, knobs: dict[str, Any]) -> None:
        self._pool = ProcessPoolExecutor(
            max_workers=1,
            # spawn, not fork: the caller may hold threads and open connections
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(state, knobs),
        )

    def submit(self, batch: Sequence[_IndexInput]) -> Future[tuple[list[Rewrite], bytes]]:
        return self._pool.submit(_worker_pass, list(batch))

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


_worker_index: list[RewriteIndex] = []  # in a worker process: the index it keeps


def _start_worker(state: bytes | None, knobs: dict[str, Any]) -> None:
    from newsgraph.link.rewrites import RewriteIndex

    _worker_index.append(RewriteIndex.loads(state) if state else RewriteIndex(**knobs))


def _worker_pass(batch: list[_IndexInput]) -> tuple[list[Rewrite], bytes]:
    index = _worker_index[0]
    found = _index_batch(index, batch)
    return found, index.dumps()


def _index_batch(index: RewriteIndex, batch: Sequence[_IndexInput]) -> list[Rewrite]:
    found: list[Rewrite] = []
    for article_id, text, published, outlet, original_source, figures, sources in batch:
        found.extend(
            index.add(
                article_id,
                text,
                published=published,
                outlet=outlet,
                original_source=original_source,
                figures=figures,
                sources=sources,
            )
        )
    return found


def preload() -> threading.Thread:
    """Import the linkers in a background thread, for a caller that links after a long wait
    (`ingest`, while its workers analyse): the import then overlaps the wait instead of
    following it. Linking needs no call to this; a failed import is raised by the pass."""

    def load() -> None:
        for name in _LINKER_MODULES:
            try:
                importlib.import_module(name)
            except Exception:  # the pass imports it again and reports the error itself
                log.debug("preloading %s failed", name, exc_info=True)
                return

    thread = threading.Thread(target=load, name="preload-linkers", daemon=True)
    thread.start()
    return thread


def _link_pass(
    store: Store, chunk: int, on_progress: Callable[[int], None] | None, linkers: _Linkers
) -> LinkSummary:
    # imported here so that importing one linker (facts, say) does not load the others
    from newsgraph.link.entities import bare_person_names, surname_merges
    from newsgraph.link.facts import StoryCache, build_story_records, join_series
    from newsgraph.link.origins import origin_groups
    from newsgraph.link.rewrites import RewriteIndex, report_evidence
    from newsgraph.link.stories import StoryClusterer, figure_topics

    pending = store.unlinked_articles(limit=chunk)
    if not pending:
        return LinkSummary(0, 0, 0, 0)
    worker: _RewriteWorker | None = linkers.get("rewrite_worker")
    index: RewriteIndex | None = None
    if "stories" in linkers:
        clusterer, index = linkers["stories"], linkers.get("rewrites")
    else:
        story_knobs, rewrite_knobs = linkers.get("params", ({}, {}))
        story_state = store.load_state(STORY_STATE)
        clusterer = (
            StoryClusterer.loads(story_state) if story_state else StoryClusterer(**story_knobs)
        )
        if worker is None:
            rewrite_state = store.load_state(REWRITE_STATE)
            index = (
                RewriteIndex.loads(rewrite_state)
                if rewrite_state
                else RewriteIndex(**rewrite_knobs)
            )

    names: dict[str, list[str]] = {}
    pending_ids = [a.id for a in pending]
    pending_mentions = store.mentions_of(pending_ids)
    # what this call's passes read of the stories they rebuild, for the next pass to reuse
    cache: StoryCache = linkers.setdefault("story_cache", StoryCache())
    cache.note_mentions(pending_ids, pending_mentions)  # (read once: they change as it saves)
    for mention in pending_mentions:
        names.setdefault(mention.article_id, []).append(mention.name)
    # What a re-report in other words keeps of its original: figures with their speakers,
    # named sources (stage A's quantities and claims of the pending articles).
    pending_quantities = store.quantities(article_ids=pending_ids)
    figures, sources = report_evidence(pending_quantities, store.claims(article_ids=pending_ids))
    counted = figure_topics(pending_quantities)
    batch: list[_IndexInput] = [
        (
            a.id,
            a.text,
            a.published,
            a.outlet,
            a.original_source,
            sorted(figures.get(a.id, ())),
            sorted(sources.get(a.id, ())),
        )
        for a in pending
    ]
    # the worker indexes the pass while the stories are clustered here
    indexed = worker.submit(batch) if worker is not None else None

    assignments: dict[str, str] = {}
    for article in pending:
        assignments[article.id] = clusterer.add(
            article.id,
            article.text,
            title=article.title,
            published=article.published,
            entities=names.get(article.id, ()),
            sources=sorted(sources.get(article.id, ())),
            figures=sorted(counted.get(article.id, ())),
        )
        if on_progress:
            on_progress(1)
    if indexed is not None:
        found, rewrite_state = indexed.result()
    else:
        assert index is not None
        found = _index_batch(index, batch)
        rewrite_state = b""  # (`index.dumps()` is saved below)

    # A new article can join two stories into one: earlier articles then move, and the story
    # they left may be gone.
    moves = clusterer.take_moves()
    previous = store.story_ids_of(list(moves))
    assignments.update(moves)
    touched = set(assignments.values()) | set(previous.values())
    story_records = clusterer.stories(touched)
    removed = touched - {s.id for s in story_records}
    members = [a for story in story_records for a in story.article_ids]
    # Facts and incidents are built from quantities, claims and events: a story none of whose
    # articles has one has neither, and its articles (which grow with its history) are not read.
    evidenced = store.stories_with_evidence(touched)
    evidenced.update(assignments[a] for a in store.articles_with_evidence(assignments))
    fact_stories = [story for story in story_records if story.id in evidenced]
    # (the relations of the stories read before: this pass's are saved with it)
    known_rewrites = cache.rewrites_touching(store, members) if fact_stories else []
    cache.add_rewrites(found)
    fact_records: list[Fact] = []
    incident_records: list[Incident] = []
    replaced_facts: list[str] = []
    if fact_stories:
        # Independent sources are counted over origin groups: rewrites of one original count
        # once (the relations of every touched story, as when all of them were built).
        origins = origin_groups([*known_rewrites, *found])
        fact_records, incident_records = build_story_records(store, fact_stories, origins, cache)
        # a figure its thread carries on in another story joins that story's fact of it
        fact_records, replaced_facts = join_series(
            store,
            fact_records,
            touched,
            members,
            stories=fact_stories,
            origins=origins,
            cache=cache,
        )
    # A bare surname in a new article joins the one full name its story knows.
    new_mentions: dict[str, list[Mention]] = {}
    for mention in pending_mentions:
        new_mentions.setdefault(assignments.get(mention.article_id, ""), []).append(mention)
    # (the people of a story are looked up only when a new article names one by a bare word:
    # the story's articles grow with its history, its bare names with the pass)
    merges = [
        merge
        for story in story_records
        if bare_person_names(new_mentions.get(story.id, ()))
        for merge in surname_merges(new_mentions[story.id], store.people_in(story.article_ids))
    ]
    # a merge rewrites the mentions, claims and quantities of its articles: read them again
    cache.forget(article_id for article_id, _, _ in merges)
    # The stories no article can reach any more leave the linker's memory (the store keeps
    # them), so the state each pass saves does not grow with every article ever linked.
    clusterer.compact()
    store.save_link(
        entity_merges=merges,
        linked_ids=[a.id for a in pending],
        assignments=assignments,
        story_records=story_records,
        rewrite_records=found,
        fact_records=fact_records,
        incident_records=incident_records,
        fact_stories=touched,
        replaced_facts=replaced_facts,
        removed_stories=removed,
        state={
            STORY_STATE: clusterer.dumps(),
            REWRITE_STATE: index.dumps() if index is not None else rewrite_state,
        },
    )
    cache.note_mentions((), ())
    # Saved and committed: the objects now hold exactly the stored state, so the next pass of
    # this call goes on with them instead of decoding it again.
    linkers["stories"], linkers["rewrites"] = clusterer, index
    log.info("linked %d articles into %d stories", len(pending), len(touched))
    return LinkSummary(len(pending), len(story_records), len(found), len(fact_records))

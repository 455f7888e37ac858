"""Stage B: `link(store)` relates new articles to the corpus, incrementally.

It feeds the articles not linked yet, in ingest order, to the online linkers (rewrite index,
story clusterer) restored from the store, rebuilds the facts of the stories they touched, and
commits all of it with the linkers' new state in one transaction.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from newsgraph.records import Fact, Incident, Mention, Rewrite
from newsgraph.store import Store

log = logging.getLogger(__name__)

STORY_STATE = "stories"
REWRITE_STATE = "rewrites"


_Linkers = dict[str, Any]

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
) -> LinkSummary:
    """Link every article the linker has not seen yet, `chunk` articles per transaction.

    Each pass reads only the new articles, the rewrites and quantities of the stories they
    touch, and the saved linker state: never the whole store. `story_params` and
    `rewrite_params` (knobs of `StoryParams`, `RewriteParams`) set up the linkers of a store
    linked for the first time; a store with saved state keeps the settings it was linked with.
    """
    total = LinkSummary(0, 0, 0, 0)
    linkers: _Linkers = {}  # kept from one pass to the next: what the last pass saved
    linkers["params"] = (dict(story_params or {}), dict(rewrite_params or {}))
    while True:
        done = _link_pass(store, chunk, on_progress, linkers)
        if done.articles == 0:
            return total
        total = LinkSummary(
            total.articles + done.articles,
            total.stories_touched + done.stories_touched,
            total.rewrites + done.rewrites,
            total.facts + done.facts,
        )


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
    from newsgraph.link.facts import build_story_records
    from newsgraph.link.origins import origin_groups
    from newsgraph.link.rewrites import RewriteIndex, report_evidence
    from newsgraph.link.stories import StoryClusterer

    pending = store.unlinked_articles(limit=chunk)
    if not pending:
        return LinkSummary(0, 0, 0, 0)
    if "stories" in linkers:
        clusterer, index = linkers["stories"], linkers["rewrites"]
    else:
        story_knobs, rewrite_knobs = linkers.get("params", ({}, {}))
        story_state = store.load_state(STORY_STATE)
        rewrite_state = store.load_state(REWRITE_STATE)
        clusterer = (
            StoryClusterer.loads(story_state) if story_state else StoryClusterer(**story_knobs)
        )
        index = (
            RewriteIndex.loads(rewrite_state) if rewrite_state else RewriteIndex(**rewrite_knobs)
        )

    names: dict[str, list[str]] = {}
    pending_ids = [a.id for a in pending]
    pending_mentions = store.mentions_of(pending_ids)
    for mention in pending_mentions:
        names.setdefault(mention.article_id, []).append(mention.name)
    # What a re-report in other words keeps of its original: figures with their speakers,
    # named sources (stage A's quantities and claims of the pending articles).
    figures, sources = report_evidence(
        store.quantities(article_ids=pending_ids), store.claims(article_ids=pending_ids)
    )

    assignments: dict[str, str] = {}
    found: list[Rewrite] = []
    for article in pending:
        found.extend(
            index.add(
                article.id,
                article.text,
                published=article.published,
                outlet=article.outlet,
                original_source=article.original_source,
                figures=figures.get(article.id, ()),
                sources=sources.get(article.id, ()),
            )
        )
        assignments[article.id] = clusterer.add(
            article.id,
            article.text,
            title=article.title,
            published=article.published,
            entities=names.get(article.id, ()),
        )
        if on_progress:
            on_progress(1)

    # A new article can join two stories into one: earlier articles then move, and the story
    # they left may be gone.
    moves = clusterer.take_moves()
    previous = store.story_ids_of(list(moves))
    assignments.update(moves)
    touched = set(assignments.values()) | set(previous.values())
    story_records = clusterer.stories(touched)
    removed = touched - {s.id for s in story_records}
    # Facts and incidents are built from quantities, claims and events: a story none of whose
    # articles has one has neither, and its articles (which grow with its history) are not read.
    evidenced = store.stories_with_evidence(touched)
    evidenced.update(assignments[a] for a in store.articles_with_evidence(assignments))
    fact_stories = [story for story in story_records if story.id in evidenced]
    fact_records: list[Fact] = []
    incident_records: list[Incident] = []
    if fact_stories:
        # Independent sources are counted over origin groups: rewrites of one original count
        # once (the relations of every touched story, as when all of them were built).
        members = [a for story in story_records for a in story.article_ids]
        origins = origin_groups([*store.rewrites_touching(members), *found])
        fact_records, incident_records = build_story_records(store, fact_stories, origins)
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
        removed_stories=removed,
        state={STORY_STATE: clusterer.dumps(), REWRITE_STATE: index.dumps()},
    )
    # Saved and committed: the objects now hold exactly the stored state, so the next pass of
    # this call goes on with them instead of decoding it again.
    linkers["stories"], linkers["rewrites"] = clusterer, index
    log.info("linked %d articles into %d stories", len(pending), len(touched))
    return LinkSummary(len(pending), len(story_records), len(found), len(fact_records))

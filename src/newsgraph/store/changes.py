"""What changed in a story since a date: the analyst's morning check.

A statement arrives on its article's publication date (or, for an undated page, the day it was
ingested). Since a date, a story can gain new figures, revised estimates (a source's value
before the date → its value after it), newly contested points, new incidents and new
independent sources for a figure it already had. Each change keeps the statement it rests on,
so every line traces back to an article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from newsgraph.records import Fact, Incident, Statement
from newsgraph.store.database import Store, fact_from_row
from newsgraph.store.queries import BadQuery
from newsgraph.store.schema import articles, documents, facts


@dataclass(slots=True)
class Revision:
    """One source's figure, before and after the date."""

    fact: Fact
    source: str
    before: Statement
    after: Statement


@dataclass(slots=True)
class NewSource:
    """A primary source that first backed an existing figure after the date."""

    fact: Fact
    source: str
    statement: Statement


@dataclass(slots=True)
class Changes:
    since: str
    story_id: str | None
    new_facts: list[Fact] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    contested: list[Fact] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    new_sources: list[NewSource] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.new_facts or self.revisions or self.contested or self.incidents or self.new_sources
        )


def check_day(text: str) -> str:
    """An ISO date (YYYY-MM-DD), or a one-line error naming the value."""
    try:
        return date.fromisoformat(text.strip()[:10]).isoformat()
    except ValueError as exc:
        raise BadQuery(f"not an ISO date: {text!r}", hint="write dates as YYYY-MM-DD") from exc


def source_of(statement: Statement) -> str:
    """The primary source a statement counts for: its source key, speaker, or its article."""
    return statement.source or statement.speaker or f"article:{statement.article_id}"


def _arrivals(store: Store, article_ids: Sequence[str]) -> dict[str, str]:
    """article id → the day it arrived: its publication date, else its ingest day."""
    found: dict[str, str] = {}
    ids = list(dict.fromkeys(article_ids))
    query = select(articles.c.id, articles.c.published, documents.c.ingested_at).join(
        documents, documents.c.id == articles.c.id, isouter=True
    )
    with store.engine.connect() as connection:
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for row in connection.execute(query.where(articles.c.id.in_(chunk))):
                day = (row.published or "")[:10]
                if not day and row.ingested_at is not None:
                    day = row.ingested_at.date().isoformat()
                found[row.id] = day
    return found


def changes_since(store: Store, since: str, *, story_id: str | None = None) -> Changes:
    """Everything a story (or the whole store) gained on or after `since`."""
    day = check_day(since)
    query = select(facts).order_by(facts.c.story_id, facts.c.id)
    if story_id:
        query = query.where(facts.c.story_id == story_id)
    with store.engine.connect() as connection:
        found = [fact_from_row(dict(r._mapping)) for r in connection.execute(query)]
    arrived = _arrivals(store, [s.article_id for f in found for s in f.statements])
    changes = Changes(day, story_id)
    for fact in found:
        _fact_changes(fact, day, arrived, changes)
    for incident in store.incidents(story_id=story_id):
        days = [arrived.get(a) or "" for a in incident.article_ids]
        known = [d for d in days if d]
        if incident.article_ids and known and min(known) >= day:
            changes.incidents.append(incident)
    return changes


def _fact_changes(fact: Fact, day: str, arrived: dict[str, str], changes: Changes) -> None:
    ordered = sorted(
        fact.statements, key=lambda s: (arrived.get(s.article_id) or "", s.as_of or "")
    )
    before = [s for s in ordered if (arrived.get(s.article_id) or "") < day]
    after = [s for s in ordered if (arrived.get(s.article_id) or "") >= day]
    if not after:
        return
    if not before:
        changes.new_facts.append(fact)
    if fact.status == "contested":
        changes.contested.append(fact)
    if not before:
        return
    latest: dict[str, Statement] = {}
    for statement in before:
        latest[source_of(statement)] = statement
    first_after: dict[str, Statement] = {}
    last_after: dict[str, Statement] = {}
    for statement in after:
        first_after.setdefault(source_of(statement), statement)
        last_after[source_of(statement)] = statement
    for source, statement in first_after.items():
        old = latest.get(source)
        if old is None:
            changes.new_sources.append(NewSource(fact, source, statement))
        elif _value(old) != _value(last_after[source]):
            changes.revisions.append(Revision(fact, source, old, last_after[source]))


def _value(statement: Statement) -> tuple[float | None, float | None, float | None, str | None]:
    return statement.value, statement.low, statement.high, statement.stance

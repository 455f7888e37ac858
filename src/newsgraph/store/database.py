"""`Store`: every read and write newsgraph makes, as parameterised SQLAlchemy Core queries.

Writes are transactional per batch: `write_batch` commits a batch of analysed documents whole or
not at all, so a crash loses at most the batch in flight, never what was committed.
"""

from __future__ import annotations

import logging
import re
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Engine,
    bindparam,
    create_engine,
    event,
    func,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from newsgraph.errors import NotFound, StoreError, StoreMissing
from newsgraph.records import (
    AnalyzedArticle,
    Article,
    ArticleRef,
    Boilerplate,
    Claim,
    Document,
    Entity,
    Event,
    Fact,
    Incident,
    Mention,
    Quantity,
    Rewrite,
    Statement,
    Story,
)
from newsgraph.store.schema import (
    articles,
    claims,
    documents,
    entities,
    events,
    facts,
    incidents,
    link_state,
    mentions,
    quantities,
    rewrites,
    stories,
)

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).parent / "migrations"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers (the web UI) work while an ingest writes; the busy timeout absorbs short locks.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _row_dict(row: Any) -> dict[str, Any]:
    return dict(row._mapping)


def _values(record: Any, table: Any) -> dict[str, Any]:
    """The record's fields that are columns of `table`."""
    return {name: getattr(record, name) for name in _shared_fields(record, table)}


def _shared_fields(record: Any, table: Any) -> list[str]:
    """The names of the record's fields that are columns of `table`."""
    names = {c.name for c in table.columns}
    return [f.name for f in fields(record) if f.name in names]


def _rows(records: Sequence[Any], table: Any) -> list[dict[str, Any]]:
    """`_values` of records of one type, their columns worked out once rather than per row (a
    batch holds tens of thousands of mentions)."""
    names = _shared_fields(records[0], table)
    return [{name: getattr(r, name) for name in names} for r in records]


class Store:
    """One newsgraph database. Open it with `open_store(url)`; it migrates itself to the latest schema."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    # -- schema ------------------------------------------------------------------------------

    def migrate(self) -> None:
        """Bring the schema to the latest Alembic revision (a no-op when it is there already).

        A store at the latest revision is recognised without Alembic, which takes longer to
        import than a read-only command takes to run."""
        if self._revision() == head_revision():
            return
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def _revision(self) -> str | None:
        with self.engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            found = connection.scalar(text("SELECT version_num FROM alembic_version"))
        return None if found is None else str(found)

    # -- writes ------------------------------------------------------------------------------

    def known_documents(self, ids: Iterable[str]) -> set[str]:
        """The ids among `ids` that are stored already, so ingesting the same bytes is a no-op."""
        wanted = list(set(ids))
        found: set[str] = set()
        with self.engine.connect() as connection:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i : i + 500]
                found.update(
                    connection.scalars(select(documents.c.id).where(documents.c.id.in_(chunk)))
                )
        return found

    def write_batch(self, pairs: Sequence[tuple[Document, AnalyzedArticle]]) -> int:
        """Store documents with their analyses in one transaction; returns how many were new."""
        if not pairs:
            return 0
        now = datetime.now(UTC)
        with self.engine.begin() as connection:
            known = set(
                connection.scalars(
                    select(documents.c.id).where(documents.c.id.in_([d.id for d, _ in pairs]))
                )
            )
            seq = connection.scalar(select(func.coalesce(func.max(articles.c.seq), 0))) or 0
            fresh = [(d, a) for d, a in pairs if d.id not in known]
            if not fresh:
                return 0
            connection.execute(
                documents.insert(),
                [
                    {
                        "id": d.id,
                        "source_id": d.source_id,
                        "url": d.url,
                        "media_type": d.media_type,
                        # level 1: a fifth larger than the default level 6, at a third of
                        # its time, which the one writer otherwise spent while workers waited
                        "content": zlib.compress(d.content.encode("utf-8"), 1),
                        "size": len(d.content),
                        "ingested_at": now,
                    }
                    for d, _ in fresh
                ],
            )
            article_rows = []
            for offset, (_, analyzed) in enumerate(fresh, start=1):
                row = _values(analyzed.article, articles)
                row["boilerplate"] = [
                    {"kind": b.kind, "text": b.text} for b in analyzed.article.boilerplate
                ]
                row["linked"] = False
                row["seq"] = seq + offset
                article_rows.append(row)
            connection.execute(articles.insert(), article_rows)
            self._insert_all(connection, mentions, [m for _, a in fresh for m in a.mentions])
            self._insert_all(connection, claims, [c for _, a in fresh for c in a.claims])
            self._insert_all(connection, quantities, [q for _, a in fresh for q in a.quantities])
            self._insert_all(connection, events, [e for _, a in fresh for e in a.events])
            self._merge_entities(connection, [m for _, a in fresh for m in a.mentions])
        return len(fresh)

    @staticmethod
    def _insert_all(connection: Connection, table: Any, records: Sequence[Any]) -> None:
        if records:
            connection.execute(table.insert(), _rows(records, table))

    @staticmethod
    def _merge_entities(connection: Connection, found: Sequence[Mention]) -> None:
        """Add mention counts and aliases to the canonical entities, creating those not seen yet."""
        merged: dict[str, dict[str, Any]] = {}
        for m in found:
            if m.entity_id is None:
                continue
            entry = merged.setdefault(
                m.entity_id, {"name": m.name, "type": m.type, "aliases": [], "mentions": 0}
            )
            entry["mentions"] += 1
            for alias in (m.name, m.text):
                if alias not in entry["aliases"]:
                    entry["aliases"].append(alias)
        if not merged:
            return
        existing = {
            row.id: row
            for row in connection.execute(select(entities).where(entities.c.id.in_(list(merged))))
        }
        inserts, updates = [], []
        for entity_id, entry in merged.items():
            row = existing.get(entity_id)
            if row is None:
                inserts.append({"id": entity_id, **entry})
                continue
            aliases = list(row.aliases) + [a for a in entry["aliases"] if a not in row.aliases]
            updates.append(
                {
                    "b_id": entity_id,
                    "b_aliases": aliases,
                    "b_mentions": row.mentions + entry["mentions"],
                }
            )
        # one statement for every known entity (executemany): a batch names thousands, and one
        # round trip each made a PostgreSQL ingest wait on the network
        if updates:
            connection.execute(
                update(entities)
                .where(entities.c.id == bindparam("b_id"))
                .values(aliases=bindparam("b_aliases"), mentions=bindparam("b_mentions")),
                updates,
            )
        if inserts:
            connection.execute(entities.insert(), inserts)

    # -- linking -----------------------------------------------------------------------------

    def unlinked_articles(self, limit: int | None = None) -> list[Article]:
        """Articles not yet seen by the linker, in ingest order (the first `limit` of them)."""
        query = select(articles).where(articles.c.linked.is_(False)).order_by(articles.c.seq)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as connection:
            return [_article(row) for row in connection.execute(query)]

    def story_ids_of(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The story each of `article_ids` is in now (articles in none are left out)."""
        found: dict[str, str] = {}
        with self.engine.connect() as connection:
            for i in range(0, len(article_ids), 500):
                query = select(articles.c.id, articles.c.story_id).where(
                    articles.c.id.in_(list(article_ids[i : i + 500])),
                    articles.c.story_id.is_not(None),
                )
                found.update({row.id: row.story_id for row in connection.execute(query)})
        return found

    def stories_with_evidence(self, story_ids: Iterable[str]) -> set[str]:
        """The stories among `story_ids` one of whose stored articles has a quantity, a claim
        or an event: those a linking pass builds facts and incidents for. The database walks
        each story's articles by index, so no article id travels."""

        def query(table: Any, chunk: list[str]) -> Any:
            return (
                select(articles.c.story_id)
                .distinct()
                .join(table, table.c.article_id == articles.c.id)
                .where(articles.c.story_id.in_(chunk))
            )

        return self._with_evidence(story_ids, query)

    def articles_with_evidence(self, article_ids: Iterable[str]) -> set[str]:
        """The articles among `article_ids` that have a quantity, a claim or an event."""

        def query(table: Any, chunk: list[str]) -> Any:
            return select(table.c.article_id).distinct().where(table.c.article_id.in_(chunk))

        return self._with_evidence(article_ids, query)

    def _with_evidence(
        self, ids: Iterable[str], query: Callable[[Any, list[str]], Any]
    ) -> set[str]:
        """The ids that `query(table, chunk)` finds in the quantities, claims or events, asked
        500 at a time; an id found in one table is not asked of the next."""
        wanted = sorted(set(ids))
        found: set[str] = set()
        with self.engine.connect() as connection:
            for table in (quantities, claims, events):
                for i in range(0, len(wanted), 500):
                    chunk = [x for x in wanted[i : i + 500] if x not in found]
                    if chunk:
                        found.update(connection.scalars(query(table, chunk)))
        return found

    def count_unlinked(self) -> int:
        query = select(func.count()).select_from(articles).where(articles.c.linked.is_(False))
        with self.engine.connect() as connection:
            return connection.scalar(query) or 0

    def load_state(self, name: str) -> bytes | None:
        with self.engine.connect() as connection:
            return connection.scalar(select(link_state.c.data).where(link_state.c.name == name))

    def save_link(
        self,
        *,
        linked_ids: Sequence[str],
        assignments: dict[str, str],
        story_records: Sequence[Story],
        rewrite_records: Sequence[Rewrite],
        fact_records: Sequence[Fact],
        fact_stories: Iterable[str],
        state: dict[str, bytes],
        removed_stories: Iterable[str] = (),
        entity_merges: Sequence[tuple[str, str, str]] = (),
        incident_records: Sequence[Incident] = (),
        replaced_facts: Sequence[str] = (),
    ) -> None:
        """Commit one linking pass whole: story assignments, stories, rewrites, facts, incidents
        and state. Facts and incidents of every story in `fact_stories` are replaced, and the
        facts of other stories named in `replaced_facts` (a figure series that moved on)."""
        now = datetime.now(UTC)
        with self.engine.begin() as connection:
            # one compiled statement for all rows (executemany), not one statement per row
            if assignments:
                connection.execute(
                    update(articles)
                    .where(articles.c.id == bindparam("b_id"))
                    .values(story_id=bindparam("b_story")),
                    [{"b_id": a, "b_story": s} for a, s in assignments.items()],
                )
            for i in range(0, len(linked_ids), 500):
                connection.execute(
                    update(articles)
                    .where(articles.c.id.in_(list(linked_ids[i : i + 500])))
                    .values(linked=True)
                )
            ids = [s.id for s in story_records] + list(removed_stories)
            if ids:
                connection.execute(stories.delete().where(stories.c.id.in_(ids)))
            if story_records:
                connection.execute(
                    stories.insert(),
                    [
                        {
                            "id": s.id,
                            "label": s.label,
                            "first_seen": s.first_seen,
                            "last_seen": s.last_seen,
                            "parent_id": s.parent_id,
                        }
                        for s in story_records
                    ],
                )
            if rewrite_records:
                connection.execute(
                    rewrites.delete().where(
                        (rewrites.c.article_id == bindparam("b_article"))
                        & (rewrites.c.source_article_id == bindparam("b_source"))
                        & (rewrites.c.kind == bindparam("b_kind"))
                    ),
                    [
                        {
                            "b_article": r.article_id,
                            "b_source": r.source_article_id,
                            "b_kind": r.kind,
                        }
                        for r in rewrite_records
                    ],
                )
            self._insert_all(connection, rewrites, list(rewrite_records))
            touched = list(set(fact_stories))
            if touched:
                connection.execute(facts.delete().where(facts.c.story_id.in_(touched)))
            for i in range(0, len(replaced_facts), 500):
                chunk = list(replaced_facts[i : i + 500])
                connection.execute(facts.delete().where(facts.c.id.in_(chunk)))
            if fact_records:
                connection.execute(facts.insert(), [_fact_row(f) for f in fact_records])
            self._replace_incidents(connection, touched, incident_records)
            self._repoint(connection, entity_merges)
            for name, data in state.items():
                connection.execute(link_state.delete().where(link_state.c.name == name))
                connection.execute(
                    link_state.insert(), [{"name": name, "data": data, "updated_at": now}]
                )

    @staticmethod
    def _replace_incidents(
        connection: Connection, story_ids: Sequence[str], records: Sequence[Incident]
    ) -> None:
        """Replace the incidents of these stories, and point each event at its incident."""
        if story_ids:
            connection.execute(incidents.delete().where(incidents.c.story_id.in_(story_ids)))
        if not records:
            return
        connection.execute(incidents.insert(), _rows(records, incidents))
        connection.execute(
            update(events)
            .where(events.c.id == bindparam("b_event"))
            .values(incident_id=bindparam("b_incident")),
            [{"b_event": e, "b_incident": i.id} for i in records for e in i.event_ids],
        )

    @staticmethod
    def _repoint(connection: Connection, merges: Sequence[tuple[str, str, str]]) -> None:
        """Move one article's mentions (and its speakers) from one entity to another, keeping
        mention counts and aliases right; an entity left with no mention is deleted."""
        for article_id, source, target in merges:
            moved = connection.execute(
                update(mentions)
                .where((mentions.c.article_id == article_id) & (mentions.c.entity_id == source))
                .values(entity_id=target)
            ).rowcount
            for table in (claims, quantities):
                connection.execute(
                    update(table)
                    .where(
                        (table.c.article_id == article_id) & (table.c.speaker_entity_id == source)
                    )
                    .values(speaker_entity_id=target)
                )
            # events name their actor, target and place by entity id too: an id left behind
            # would name a deleted entity, and an incident label would show the bare id
            for column in ("actor", "target", "place"):
                connection.execute(
                    update(events)
                    .where((events.c.article_id == article_id) & (events.c[column] == source))
                    .values({column: target})
                )
            if not moved:
                continue
            old = connection.execute(select(entities).where(entities.c.id == source)).first()
            new = connection.execute(select(entities).where(entities.c.id == target)).first()
            if old is None or new is None:
                continue
            aliases = list(new.aliases) + [a for a in old.aliases if a not in new.aliases]
            connection.execute(
                update(entities)
                .where(entities.c.id == target)
                .values(aliases=aliases, mentions=new.mentions + moved)
            )
            if old.mentions - moved <= 0:
                connection.execute(entities.delete().where(entities.c.id == source))
            else:
                connection.execute(
                    update(entities)
                    .where(entities.c.id == source)
                    .values(mentions=old.mentions - moved)
                )

    def people_in(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Entity id -> name of the persons mentioned in the given articles."""
        found: dict[str, str] = {}
        query = select(entities.c.id, entities.c.name).join(
            mentions, mentions.c.entity_id == entities.c.id
        )
        with self.engine.connect() as connection:
            for i in range(0, len(article_ids), 500):
                chunk = list(article_ids[i : i + 500])
                rows = connection.execute(
                    query.where(mentions.c.article_id.in_(chunk), entities.c.type == "PERSON")
                )
                found.update({row.id: row.name for row in rows})
        return found

    # -- reads -------------------------------------------------------------------------------

    def _by_articles(self, table: Any, article_ids: Sequence[str] | None) -> list[dict[str, Any]]:
        """Rows of `table` for the given articles (all when None), in article and offset order."""
        query = select(table).order_by(table.c.article_id, table.c.start)
        if article_ids is None:
            return self._all(query)
        ids = sorted(set(article_ids))
        rows: list[dict[str, Any]] = []
        for i in range(0, len(ids), 500):  # bounded IN lists: SQLite caps bound parameters
            rows.extend(self._all(query.where(table.c.article_id.in_(ids[i : i + 500]))))
        return rows

    def _all(self, query: Any) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            return [_row_dict(row) for row in connection.execute(query)]

    def articles(self, *, story_id: str | None = None) -> list[Article]:
        query = select(articles).order_by(articles.c.seq)
        if story_id is not None:
            query = query.where(articles.c.story_id == story_id)
        with self.engine.connect() as connection:
            return [_article(row) for row in connection.execute(query)]

    def article(self, article_id: str) -> Article:
        with self.engine.connect() as connection:
            row = connection.execute(select(articles).where(articles.c.id == article_id)).first()
        if row is None:
            raise NotFound(f"no article with id {article_id!r}")
        return _article(row)

    def article_refs(self, ids: Sequence[str]) -> list[ArticleRef]:
        """Outlet and date of the given articles, without loading their text."""
        found: list[ArticleRef] = []
        columns = select(articles.c.id, articles.c.outlet, articles.c.published)
        with self.engine.connect() as connection:
            for i in range(0, len(ids), 500):
                query = columns.where(articles.c.id.in_(list(ids[i : i + 500])))
                found.extend(ArticleRef(*row) for row in connection.execute(query))
        return found

    def texts_of(self, ids: Sequence[str]) -> dict[str, str]:
        """Article id -> clean text, for the given articles only (facts read the sentences
        around their figures)."""
        found: dict[str, str] = {}
        columns = select(articles.c.id, articles.c.text)
        with self.engine.connect() as connection:
            for i in range(0, len(ids), 500):
                query = columns.where(articles.c.id.in_(list(ids[i : i + 500])))
                found.update((row[0], row[1]) for row in connection.execute(query))
        return found

    def entity_names(self, ids: Iterable[str]) -> dict[str, str]:
        """Entity id -> canonical name, for the given ids (labels show names, never ids)."""
        wanted = sorted(set(ids))
        found: dict[str, str] = {}
        with self.engine.connect() as connection:
            for i in range(0, len(wanted), 500):
                query = select(entities.c.id, entities.c.name).where(
                    entities.c.id.in_(wanted[i : i + 500])
                )
                found.update((row[0], row[1]) for row in connection.execute(query))
        return found

    def event_triggers(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Event id -> the words of its trigger (its span of the article text), for the events
        of the given articles, cut out by the database so that no whole text travels."""
        found: dict[str, str] = {}
        trigger = func.substr(articles.c.text, events.c.start + 1, events.c.end - events.c.start)
        columns = select(events.c.id, trigger).join(articles, articles.c.id == events.c.article_id)
        with self.engine.connect() as connection:
            for i in range(0, len(article_ids), 500):
                query = columns.where(events.c.article_id.in_(list(article_ids[i : i + 500])))
                found.update((row[0], row[1] or "") for row in connection.execute(query))
        return found

    def rewrites_touching(self, ids: Sequence[str]) -> list[Rewrite]:
        """The rewrite relations in which one of `ids` is the copy or the source."""
        found: dict[tuple[str, str, str], Rewrite] = {}
        with self.engine.connect() as connection:
            for i in range(0, len(ids), 500):
                chunk = list(ids[i : i + 500])
                query = select(rewrites).where(
                    rewrites.c.article_id.in_(chunk) | rewrites.c.source_article_id.in_(chunk)
                )
                for row in connection.execute(query):
                    rewrite = Rewrite(**_row_dict(row))
                    found[(rewrite.article_id, rewrite.source_article_id, rewrite.kind)] = rewrite
        return list(found.values())

    def entities(self) -> list[Entity]:
        rows = self._all(select(entities).order_by(entities.c.mentions.desc(), entities.c.name))
        return [Entity(**row) for row in rows]

    def mentions(
        self, *, article_id: str | None = None, article_ids: Sequence[str] | None = None
    ) -> list[Mention]:
        query = (
            select(mentions, entities.c.name, entities.c.type)
            .join(entities, entities.c.id == mentions.c.entity_id)
            .order_by(mentions.c.article_id, mentions.c.start)
        )
        if article_id is not None:
            query = query.where(mentions.c.article_id == article_id)
        if article_ids is not None:
            query = query.where(mentions.c.article_id.in_(list(article_ids)))
        return [Mention(**row) for row in self._all(query)]

    def mentions_of(self, article_ids: Sequence[str]) -> list[Mention]:
        """The mentions of the given articles, fetched in chunks (each in article and offset
        order), on one connection and as plain rows: a linking pass reads some 100,000."""
        query = (
            select(
                mentions.c.article_id,
                mentions.c.start,
                mentions.c.end,
                mentions.c.text,
                entities.c.name,
                entities.c.type,
                mentions.c.entity_id,
            )
            .join(entities, entities.c.id == mentions.c.entity_id)
            .order_by(mentions.c.article_id, mentions.c.start)
        )
        found: list[Mention] = []
        with self.engine.connect() as connection:
            for i in range(0, len(article_ids), 500):
                chunk = list(article_ids[i : i + 500])
                rows = connection.execute(query.where(mentions.c.article_id.in_(chunk)))
                found.extend(Mention(*row) for row in rows)
        return found

    def claims(self, *, article_ids: Sequence[str] | None = None) -> list[Claim]:
        return [Claim(**row) for row in self._by_articles(claims, article_ids)]

    def quantities(self, *, article_ids: Sequence[str] | None = None) -> list[Quantity]:
        return [Quantity(**row) for row in self._by_articles(quantities, article_ids)]

    def events(self, *, article_ids: Sequence[str] | None = None) -> list[Event]:
        return [Event(**row) for row in self._by_articles(events, article_ids)]

    def stories(self) -> list[Story]:
        members: dict[str, list[str]] = {}
        query = (
            select(articles.c.id, articles.c.story_id)
            .where(articles.c.story_id.is_not(None))
            .order_by(articles.c.seq)
        )
        with self.engine.connect() as connection:
            for article_id, story_id in connection.execute(query):
                members.setdefault(story_id, []).append(article_id)
            rows = [_row_dict(r) for r in connection.execute(select(stories))]
        found = [Story(article_ids=members.get(row["id"], []), **row) for row in rows]
        found.sort(key=lambda s: (-len(s.article_ids), s.last_seen or "", s.id))
        return found

    def rewrites(self) -> list[Rewrite]:
        query = select(rewrites).order_by(rewrites.c.article_id, rewrites.c.source_article_id)
        return [Rewrite(**row) for row in self._all(query)]

    def facts(self, *, story_id: str | None = None) -> list[Fact]:
        query = select(facts).order_by(facts.c.story_id, facts.c.id)
        if story_id is not None:
            query = query.where(facts.c.story_id == story_id)
        return [fact_from_row(row) for row in self._all(query)]

    def facts_in_series(
        self, series_ids: Sequence[str], *, held_in: Sequence[str] = ()
    ) -> list[Fact]:
        """The stored facts of the given figure series, whatever their story, and the facts of
        a series held in the stories `held_in` (by index, never a scan of all facts)."""
        found: dict[str, Fact] = {}
        wanted = [(facts.c.series_id, sorted(set(series_ids))), (facts.c.story_id, held_in)]
        for column, values in wanted:
            for i in range(0, len(values), 500):
                query = select(facts).where(
                    column.in_(list(values[i : i + 500])), facts.c.series_id.is_not(None)
                )
                for row in self._all(query):
                    fact = fact_from_row(row)
                    found[fact.id] = fact
        return sorted(found.values(), key=lambda f: f.id)

    def incidents(self, *, story_id: str | None = None) -> list[Incident]:
        query = select(incidents).order_by(incidents.c.story_id, incidents.c.id)
        if story_id is not None:
            query = query.where(incidents.c.story_id == story_id)
        return [Incident(**row) for row in self._all(query)]

    def counts(self) -> dict[str, int]:
        """How many records of each kind the store holds."""
        tables = {
            "documents": documents,
            "articles": articles,
            "entities": entities,
            "mentions": mentions,
            "claims": claims,
            "quantities": quantities,
            "events": events,
            "stories": stories,
            "rewrites": rewrites,
            "facts": facts,
            "incidents": incidents,
        }
        with self.engine.connect() as connection:
            return {
                name: connection.scalar(select(func.count()).select_from(table)) or 0
                for name, table in tables.items()
            }


def _article(row: Any) -> Article:
    data = _row_dict(row)
    data.pop("linked", None)
    data.pop("seq", None)
    data["boilerplate"] = [Boilerplate(**b) for b in data["boilerplate"]]
    return Article(**data)


def _statement_dicts(statements: Sequence[Statement]) -> list[dict[str, Any]]:
    return [{f.name: getattr(s, f.name) for f in fields(s)} for s in statements]


def _fact_row(fact: Fact) -> dict[str, Any]:
    return {
        "id": fact.id,
        "story_id": fact.story_id,
        "kind": fact.kind,
        "object": fact.object,
        "statements": _statement_dicts(fact.statements),
        "independent_sources": fact.independent_sources,
        "status": fact.status,
        "history": _statement_dicts(fact.history),
        "scope": fact.scope,
        "outlets": list(fact.outlets),
        "series_id": fact.series_id,
        "story_ids": list(fact.story_ids),
    }


def fact_from_row(data: dict[str, Any]) -> Fact:
    """A Fact from a row of `facts`, its statements rebuilt."""
    data = dict(data)
    data["statements"] = [Statement(**s) for s in data["statements"]]
    data["history"] = [Statement(**s) for s in data["history"]]
    data["outlets"] = list(data.get("outlets") or [])
    data["story_ids"] = list(data.get("story_ids") or [])
    return Fact(**data)


_REVISION = re.compile(r"^revision\s*=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
SUPPORTED_STORES = "a SQLite file path (news.db) or a postgresql:// URL"


def head_revision() -> str | None:
    """The latest revision of the migrations shipped, read from their files' headers."""
    revisions, parents = set(), set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        source = script.read_text(encoding="utf-8")
        if found := _REVISION.search(source):
            revisions.add(found.group(1))
        if down := _DOWN_REVISION.search(source):
            parents.add(down.group(1))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def open_store(url: str, *, create: bool = True) -> Store:
    """Open (and create or migrate) the store at a SQLAlchemy URL.

    With `create=False` (the read-only commands) a store that does not exist is refused with
    `StoreMissing` and nothing is created: no file, no folder, no tables."""
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError as exc:
        raise StoreError(f"{url!r} is not a store: give {SUPPORTED_STORES}", hint="") from exc
    if backend not in ("sqlite", "postgresql"):
        shown = make_url(url).render_as_string(hide_password=True)
        raise StoreError(
            f"{shown} is not a store newsgraph can use: give {SUPPORTED_STORES}", hint=""
        )
    try:
        if url.startswith("sqlite:///"):
            path = Path(url[len("sqlite:///") :])
            if str(path) not in ("", ":memory:"):
                if not create and not path.is_file():
                    raise StoreMissing(f"no store at {path}")
                path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, future=True)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = Store(engine)
        if not create and store._revision() is None:
            shown = make_url(url).render_as_string(hide_password=True)
            raise StoreMissing(f"{shown} holds no newsgraph store")
        store.migrate()
    except (OperationalError, SQLAlchemyError, OSError, ImportError) as exc:
        shown = make_url(url).render_as_string(hide_password=True)
        log.exception("cannot open store %s", shown)
        raise StoreError(f"cannot open the store {shown}: {str(exc).splitlines()[0]}") from exc
    return store

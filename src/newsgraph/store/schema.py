"""The store's tables, in SQLAlchemy Core: one table per SPEC record, the same on SQLite and PostgreSQL.

The Alembic migrations under `migrations/versions` create exactly this schema; a test compares the
two so they cannot drift apart.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),  # SHA-256 of the content
    Column("source_id", Text, nullable=False),
    Column("url", Text),
    Column("media_type", String(8), nullable=False),
    Column("content", LargeBinary, nullable=False),  # zlib-compressed raw content, for re-analysis
    Column("size", Integer, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("source_id", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("byline", Text),
    Column("photo_credit", Text),
    Column("published", String(32)),
    Column("published_source", String(16)),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("original_source", Text),
    Column("boilerplate", JSON, nullable=False),
    Column("story_id", String(32)),
    Column("analysed", Boolean, nullable=False),
    Column("linked", Boolean, nullable=False),
    Column("seq", Integer, nullable=False),  # ingest order, so linking follows the stream
    Index("ix_articles_story_id", "story_id"),
    Index("ix_articles_linked_seq", "linked", "seq"),  # unlinked articles in ingest order
    Index("ix_articles_published", "published"),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(8), nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("mentions", Integer, nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("article_id", String(64), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("entity_id", String(32), nullable=False),
    Index("ix_mentions_entity_id", "entity_id"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("article_id", String(64), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("speaker", Text),
    Column("speaker_entity_id", String(32)),
    Column("cue", String(32), nullable=False),
    Column("stance", String(8), nullable=False),
    Column("direct", Boolean, nullable=False),
    Column("content", Text, nullable=False),
    Column("content_start", Integer),
    Column("content_end", Integer),
    Column("via", Text),
    Column("form", String(12)),
    Index("ix_claims_article_id", "article_id"),
    Index("ix_claims_speaker_entity_id", "speaker_entity_id"),
)

quantities = Table(
    "quantities",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("article_id", String(64), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("approx", String(8), nullable=False),
    Column("kind", String(8), nullable=False),
    Column("object", Text),
    Column("unit", String(8)),
    Column("speaker", Text),
    Column("speaker_entity_id", String(32)),
    Column("as_of", String(32)),
    Column("claim_id", String(40)),
    Column("text", Text, nullable=False),
    Column("change", String(8)),
    Index("ix_quantities_article_id", "article_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("article_id", String(64), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("actor", Text),
    Column("action", String(12), nullable=False),
    Column("target", Text),
    Column("place", Text),
    Column("when", String(32)),
    Column("claim_id", String(40)),
    Column("incident_id", String(40)),
    Index("ix_events_article_id", "article_id"),
    Index("ix_events_incident_id", "incident_id"),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("label", Text, nullable=False),
    Column("first_seen", String(32)),
    Column("last_seen", String(32)),
    Column("parent_id", String(32)),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("story_id", String(32)),
    Column("action", String(12), nullable=False),
    Column("label", Text, nullable=False),
    Column("actor", Text),
    Column("target", Text),
    Column("place", Text),
    Column("when", String(32)),
    Column("event_ids", JSON, nullable=False),
    Column("article_ids", JSON, nullable=False),
    Column("reports", Integer, nullable=False),
    Column("independent_sources", Integer, nullable=False),
    Index("ix_incidents_story_id", "story_id"),
)

rewrites = Table(
    "rewrites",
    metadata,
    Column("article_id", String(64), primary_key=True),
    Column("source_article_id", String(64), primary_key=True),
    Column("kind", String(8), primary_key=True),
    Column("similarity", Float, nullable=False),
    Index("ix_rewrites_source_article_id", "source_article_id"),
)

facts = Table(
    "facts",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("story_id", String(32)),
    Column("kind", String(16), nullable=False),
    Column("object", Text),
    Column("statements", JSON, nullable=False),
    Column("independent_sources", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("history", JSON, nullable=False),
    Column("scope", Text),
    Column("outlets", JSON),
    Column("series_id", String(16)),
    Column("story_ids", JSON),
    Index("ix_facts_story_id", "story_id"),
    Index("ix_facts_series_id", "series_id"),
)

# Serialised state of the online linkers (story clusterer, rewrite index), so linking is incremental.
link_state = Table(
    "link_state",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("data", LargeBinary, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

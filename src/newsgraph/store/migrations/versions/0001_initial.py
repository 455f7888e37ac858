"""The first schema: every SPEC record, the raw documents and the linkers' state.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("source_id", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("media_type", sa.String(8), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("source_id", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("byline", sa.Text),
        sa.Column("photo_credit", sa.Text),
        sa.Column("published", sa.String(32)),
        sa.Column("published_source", sa.String(16)),
        sa.Column("language", sa.String(8)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("original_source", sa.Text),
        sa.Column("boilerplate", sa.JSON, nullable=False),
        sa.Column("story_id", sa.String(32)),
        sa.Column("analysed", sa.Boolean, nullable=False),
        sa.Column("linked", sa.Boolean, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
    )
    op.create_index("ix_articles_story_id", "articles", ["story_id"])
    op.create_index("ix_articles_linked", "articles", ["linked"])
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_table(
        "entities",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(8), nullable=False),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.Column("mentions", sa.Integer, nullable=False),
    )
    op.create_table(
        "mentions",
        sa.Column("article_id", sa.String(64), primary_key=True),
        sa.Column("start", sa.Integer, primary_key=True),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("entity_id", sa.String(32), nullable=False),
    )
    op.create_index("ix_mentions_entity_id", "mentions", ["entity_id"])
    op.create_table(
        "claims",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("speaker", sa.Text),
        sa.Column("speaker_entity_id", sa.String(32)),
        sa.Column("cue", sa.String(32), nullable=False),
        sa.Column("stance", sa.String(8), nullable=False),
        sa.Column("direct", sa.Boolean, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("content_start", sa.Integer),
        sa.Column("content_end", sa.Integer),
        sa.Column("via", sa.Text),
    )
    op.create_index("ix_claims_article_id", "claims", ["article_id"])
    op.create_index("ix_claims_speaker_entity_id", "claims", ["speaker_entity_id"])
    op.create_table(
        "quantities",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("value", sa.Float),
        sa.Column("low", sa.Float),
        sa.Column("high", sa.Float),
        sa.Column("approx", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("object", sa.Text),
        sa.Column("unit", sa.String(8)),
        sa.Column("speaker", sa.Text),
        sa.Column("speaker_entity_id", sa.String(32)),
        sa.Column("as_of", sa.String(32)),
        sa.Column("claim_id", sa.String(40)),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_quantities_article_id", "quantities", ["article_id"])
    op.create_table(
        "events",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("actor", sa.Text),
        sa.Column("action", sa.String(12), nullable=False),
        sa.Column("target", sa.Text),
        sa.Column("place", sa.Text),
        sa.Column("when", sa.String(32)),
        sa.Column("claim_id", sa.String(40)),
    )
    op.create_index("ix_events_article_id", "events", ["article_id"])
    op.create_table(
        "stories",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("first_seen", sa.String(32)),
        sa.Column("last_seen", sa.String(32)),
    )
    op.create_table(
        "rewrites",
        sa.Column("article_id", sa.String(64), primary_key=True),
        sa.Column("source_article_id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(8), primary_key=True),
        sa.Column("similarity", sa.Float, nullable=False),
    )
    op.create_index("ix_rewrites_source_article_id", "rewrites", ["source_article_id"])
    op.create_table(
        "facts",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("story_id", sa.String(32)),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("object", sa.Text),
        sa.Column("statements", sa.JSON, nullable=False),
        sa.Column("independent_sources", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("history", sa.JSON, nullable=False),
    )
    op.create_index("ix_facts_story_id", "facts", ["story_id"])
    op.create_table(
        "link_state",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "link_state",
        "facts",
        "rewrites",
        "stories",
        "events",
        "quantities",
        "claims",
        "mentions",
        "entities",
        "articles",
        "documents",
    ):
        op.drop_table(table)

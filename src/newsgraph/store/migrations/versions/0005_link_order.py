"""Linking reads the unlinked articles in ingest order: one index on (linked, seq).

`unlinked_articles` asks for the first few thousand articles with `linked` false, by `seq`.
With an index on `linked` alone the database visits every unlinked row (reading past its text)
and sorts them, once per linking pass: at a million articles, most of a pass. The index on
(linked, seq) hands them over in order, and replaces the one on `linked`. PostgreSQL also gets
the index on `seq` that SQLite has had since 0002, for the next `seq` of an ingest batch.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_linked_seq", "articles", ["linked", "seq"])
    op.drop_index("ix_articles_linked", table_name="articles")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE UNIQUE INDEX IF NOT EXISTS ux_articles_seq ON articles (seq)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ux_articles_seq")
    op.create_index("ix_articles_linked", "articles", ["linked"])
    op.drop_index("ix_articles_linked_seq", table_name="articles")

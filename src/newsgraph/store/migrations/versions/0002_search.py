"""Full-text search over articles(title, text).

SQLite: an FTS5 external-content table `articles_fts` keyed by `articles.seq` (rowids of a table
without an INTEGER PRIMARY KEY may change on VACUUM; `seq` does not), kept in sync by triggers.
PostgreSQL: a GIN index on the same tsvector expression `newsgraph.store.search` queries with.

These structures are not in `schema.metadata` (SQLAlchemy cannot describe them);
`newsgraph.store.search.include_object` keeps them out of schema comparisons.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SQLITE_UP = [
    "CREATE UNIQUE INDEX IF NOT EXISTS ux_articles_seq ON articles (seq)",
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    "title, text, content='articles', content_rowid='seq', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.seq, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text, seq ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.seq, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); END",
    # index what was stored before this revision
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS articles_fts_update",
    "DROP TRIGGER IF EXISTS articles_fts_delete",
    "DROP TRIGGER IF EXISTS articles_fts_insert",
    "DROP TABLE IF EXISTS articles_fts",
    "DROP INDEX IF EXISTS ux_articles_seq",
]
# The expression must stay identical to `newsgraph.store.search.PG_DOCUMENT` for the index to serve.
POSTGRES_UP = [
    "CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING gin "
    "(to_tsvector('english', coalesce(title, '') || ' ' || text))",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS ix_articles_fts"]


def upgrade() -> None:
    name = op.get_bind().dialect.name
    for statement in SQLITE_UP if name == "sqlite" else POSTGRES_UP if name == "postgresql" else []:
        op.execute(statement)


def downgrade() -> None:
    name = op.get_bind().dialect.name
    for statement in (
        SQLITE_DOWN if name == "sqlite" else POSTGRES_DOWN if name == "postgresql" else []
    ):
        op.execute(statement)

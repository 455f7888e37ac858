"""A claim's form: statement, intention or mention.

Adds `claims.form`. It is nullable: claims stored before it was extracted keep null, which the
views read as a statement, and a re-ingest fills it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("form", sa.String(12)))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("form")

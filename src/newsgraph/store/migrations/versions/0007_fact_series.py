"""Figure series across stories: `facts.series_id` (indexed) and `facts.story_ids`.

A figure a thread carries on in another story (one agency's toll revised over months, when the
story clusterer cut the thread in two) is one fact: linking looks its series up by
`series_id`, and `story_ids` names every story whose statements the fact holds. Both columns
are nullable; existing rows stay valid and linking fills them on its next pass.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("facts") as batch:
        batch.add_column(sa.Column("series_id", sa.String(16)))
        batch.add_column(sa.Column("story_ids", sa.JSON()))
    op.create_index("ix_facts_series_id", "facts", ["series_id"])


def downgrade() -> None:
    op.drop_index("ix_facts_series_id", table_name="facts")
    with op.batch_alter_table("facts") as batch:
        batch.drop_column("story_ids")
        batch.drop_column("series_id")

"""Quantity changes, storylines, fact scope and outlets, and incidents.

Adds `quantities.change` (a figure that states a rise or a fall), `stories.parent_id` (a thread's
storyline), `facts.scope` and `facts.outlets`, the `incidents` table and `events.incident_id`.
Every new column is nullable, so existing rows stay valid; linking fills them on its next pass.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("quantities") as batch:
        batch.add_column(sa.Column("change", sa.String(8)))
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("incident_id", sa.String(40)))
        batch.create_index("ix_events_incident_id", ["incident_id"])
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("parent_id", sa.String(32)))
    with op.batch_alter_table("facts") as batch:
        batch.add_column(sa.Column("scope", sa.Text))
        batch.add_column(sa.Column("outlets", sa.JSON))
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("story_id", sa.String(32)),
        sa.Column("action", sa.String(12), nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("actor", sa.Text),
        sa.Column("target", sa.Text),
        sa.Column("place", sa.Text),
        sa.Column("when", sa.String(32)),
        sa.Column("event_ids", sa.JSON, nullable=False),
        sa.Column("article_ids", sa.JSON, nullable=False),
        sa.Column("reports", sa.Integer, nullable=False),
        sa.Column("independent_sources", sa.Integer, nullable=False),
    )
    op.create_index("ix_incidents_story_id", "incidents", ["story_id"])


def downgrade() -> None:
    op.drop_index("ix_incidents_story_id", table_name="incidents")
    op.drop_table("incidents")
    with op.batch_alter_table("facts") as batch:
        batch.drop_column("outlets")
        batch.drop_column("scope")
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("parent_id")
    with op.batch_alter_table("events") as batch:
        batch.drop_index("ix_events_incident_id")
        batch.drop_column("incident_id")
    with op.batch_alter_table("quantities") as batch:
        batch.drop_column("change")

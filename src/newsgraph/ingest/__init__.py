"""Readers that turn input files into `Document`s, and the batched, transactional `ingest` job."""

from newsgraph.ingest.job import GivenMetadata, IngestSummary, analysis_pool, ingest
from newsgraph.ingest.pool import WorkerPool
from newsgraph.ingest.readers import iter_documents, read_path

__all__ = [
    "GivenMetadata",
    "IngestSummary",
    "WorkerPool",
    "analysis_pool",
    "ingest",
    "iter_documents",
    "read_path",
]

"""Readers that turn input files into `Document`s, and the batched, transactional `ingest` job."""

from newsgraph.ingest.job import IngestSummary, ingest
from newsgraph.ingest.readers import iter_documents, read_path

__all__ = ["IngestSummary", "ingest", "iter_documents", "read_path"]

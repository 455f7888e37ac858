"""Fetching over HTTP: pages, feeds and sitemaps, politely, into the same `ingest` path."""

from newsgraph.fetch.job import FetchSummary, fetch, watch
from newsgraph.fetch.polite import FetchOptions, PoliteClient

__all__ = ["FetchOptions", "FetchSummary", "PoliteClient", "fetch", "watch"]

"""A TestClient over the linked test corpus, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from newsgraph.store import open_store
from newsgraph.views.web.app import create_app
from tests.views.web.corpus import Corpus, build_corpus


@pytest.fixture
def corpus_client(store_url: str) -> Iterator[tuple[TestClient, Corpus]]:
    store = open_store(store_url)
    corpus = build_corpus(store)
    try:
        with TestClient(create_app(store, api_token="")) as client:
            yield client, corpus
    finally:
        store.close()

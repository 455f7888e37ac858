"""Stage A over one shard: analyse its documents, write its Parquet file and marker.

`ShardAnalyzer` is the callable class Ray Data runs in an actor pool, so each actor loads the
spaCy pipeline once and keeps it for every shard it is given; the local engine's processes run
the same `analyze_shard` with the same cached loader.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsgraph.config import Settings
from newsgraph.errors import InputError
from newsgraph.pipeline import analyze
from newsgraph.records import AnalyzedArticle, Document
from newsgraph.scale.parquet import write_shard
from newsgraph.scale.shards import Payload, error_row, payload_documents


def warm(model: str) -> None:
    """Load the spaCy pipeline now, once per worker, rather than inside the first shard.

    Each worker is meant to have a core: BLAS threads of its own would only contend with the
    other workers' (two workers with two OpenBLAS threads each run a third slower on 2 cores).
    """
    from threadpoolctl import threadpool_limits

    from newsgraph.extract.nlp import load_pipeline

    load_pipeline(model)  # loads numpy and its OpenBLAS, so the limit below reaches them
    threadpool_limits(1)


def analyze_shard(payload: Payload, out: str, settings: Settings) -> dict[str, Any]:
    """Analyse one shard and write it; returns its marker (counts and errors)."""
    documents = payload_documents(payload)
    errors: list[dict[str, str]] = json.loads(payload["errors"])
    pairs: list[tuple[Document, AnalyzedArticle]] = []
    for document, outcome in zip(documents, analyze(documents, settings), strict=True):
        if isinstance(outcome, InputError):
            errors.append(error_row(outcome))
        else:
            pairs.append((document, outcome))
    return write_shard(Path(out), payload["shard"], pairs, errors)


class ShardAnalyzer:
    """Ray Data callable class: a batch is a few shards, each analysed and written whole."""

    def __init__(self, out: str, settings: dict[str, Any]) -> None:
        self.out = out
        self.settings = Settings(**settings)
        warm(self.settings.model)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        results = [
            analyze_shard(
                {"shard": str(s), "documents": str(d), "errors": str(e)}, self.out, self.settings
            )
            for s, d, e in zip(batch["shard"], batch["documents"], batch["errors"], strict=True)
        ]
        return {
            "shard": [r["shard"] for r in results],
            "documents": [r["documents"] for r in results],
            "articles": [r["articles"] for r in results],
            "errors": [json.dumps(r["errors"]) for r in results],
        }

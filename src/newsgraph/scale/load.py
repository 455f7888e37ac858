"""`load`: finished Parquet shards into the store, idempotently, then stage B incrementally."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from newsgraph.config import Settings
from newsgraph.scale.parquet import MARKER, finished_shards, read_shard
from newsgraph.store import Store


@dataclass(slots=True)
class LoadSummary:
    shards: int = 0
    documents: int = 0
    stored: int = 0
    skipped: int = 0  # already in the store (documents are keyed by SHA-256)
    unfinished: int = 0  # Parquet files without a marker: a run still going, or killed
    linked: int = 0


def load(
    out: Path,
    store: Store,
    settings: Settings,
    *,
    do_link: bool = True,
    on_shard: Callable[[str], None] | None = None,
) -> LoadSummary:
    """Store every finished shard under `out` in batches of `settings.batch_size`, one transaction
    each, skipping documents the store holds already; then link what is new."""
    summary = LoadSummary()
    names = sorted(finished_shards(out))
    summary.unfinished = len({p.stem for p in out.glob("*.parquet")} - set(names))
    for name in names:
        pairs = read_shard(out, name)
        summary.shards += 1
        summary.documents += len(pairs)
        for start in range(0, len(pairs), settings.batch_size):
            batch = pairs[start : start + settings.batch_size]
            known = store.known_documents(d.id for d, _ in batch)
            fresh = [(d, a) for d, a in batch if d.id not in known]
            summary.skipped += len(batch) - len(fresh)
            summary.stored += store.write_batch(fresh)
        if on_shard:
            on_shard(name)
    if do_link and summary.stored:
        from newsgraph.link import link

        summary.linked = link(store).articles
    return summary


def shard_errors(out: Path) -> list[dict[str, str]]:
    """The reading and analysis errors every finished shard recorded in its marker."""
    found: list[dict[str, str]] = []
    for marker in sorted(out.glob(f"*{MARKER}")):
        found.extend(json.loads(marker.read_text(encoding="utf-8"))["errors"])
    return found

"""Export: one file per SPEC record type, with SPEC's field names, empty when nothing is built."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from newsgraph.store import open_store
from newsgraph.views.export import export
from tests.store.test_store import make_pair

SPEC_FIELDS = {
    "articles": {
        "id",
        "source_id",
        "url",
        "outlet",
        "title",
        "byline",
        "photo_credit",
        "published",
        "published_source",
        "language",
        "text",
        "original_source",
        "boilerplate",
        "story_id",
    },
    "entities": {"id", "name", "type", "aliases", "mentions"},
    "claims": {
        "id",
        "article_id",
        "start",
        "end",
        "speaker",
        "speaker_entity_id",
        "cue",
        "stance",
        "direct",
        "content",
    },
    "quantities": {
        "id",
        "article_id",
        "start",
        "end",
        "value",
        "low",
        "high",
        "approx",
        "kind",
        "object",
        "unit",
        "speaker",
        "speaker_entity_id",
        "as_of",
        "claim_id",
    },
    "events": {
        "id",
        "article_id",
        "start",
        "end",
        "actor",
        "action",
        "target",
        "place",
        "when",
        "claim_id",
    },
    "stories": {"id", "label", "article_ids", "first_seen", "last_seen"},
    "rewrites": {"article_id", "source_article_id", "kind", "similarity"},
    "facts": {
        "id",
        "story_id",
        "kind",
        "object",
        "statements",
        "independent_sources",
        "status",
        "history",
    },
}


def test_jsonl_export_keeps_the_contract(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    store.write_batch([make_pair(1), make_pair(2)])
    counts = export(store, tmp_path / "out", "jsonl")
    assert counts["articles"] == 2 and counts["quantities"] == 2 and counts["stories"] == 0
    for table, fields in SPEC_FIELDS.items():
        path = tmp_path / "out" / f"{table}.jsonl"
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        assert len(rows) == counts[table]
        for row in rows:
            assert fields <= set(row), f"{table} lacks {fields - set(row)}"
    article = json.loads((tmp_path / "out" / "articles.jsonl").read_text().splitlines()[0])
    assert article["boilerplate"] == [{"kind": "promo", "text": "Follow us on WhatsApp"}]
    assert (tmp_path / "out" / "facts.jsonl").read_text() == ""


def test_csv_export_has_headers_even_when_empty(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    store.write_batch([make_pair(1)])
    export(store, tmp_path / "out", "csv")
    with (tmp_path / "out" / "facts.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert SPEC_FIELDS["facts"] <= set(header)
    with (tmp_path / "out" / "articles.csv").open(encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert json.loads(row["boilerplate"]) == [{"kind": "promo", "text": "Follow us on WhatsApp"}]

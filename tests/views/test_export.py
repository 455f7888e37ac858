"""Export: one file per SPEC record type, with SPEC's field names, empty when nothing is built."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

from newsgraph.records import Story
from newsgraph.store import open_store
from newsgraph.views.export import calendar_day, export
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


def test_calendar_day() -> None:
    assert calendar_day("2025-04-28") == date(2025, 4, 28)
    assert calendar_day("2025-04-28T10:15:00+02:00") == date(2025, 4, 28)
    for partial in ("2024-10", "2024", "2025-01-01/2025-01-31", "2025-02-30", "", None, "soon"):
        assert calendar_day(partial) is None, partial


def test_parquet_export_types_dates_and_keeps_the_strings(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    day, timed, partial = make_pair(1), make_pair(2), make_pair(3)
    timed[1].article.published = "2025-04-29T10:15:00+02:00"
    partial[1].article.published = None
    day[1].quantities[0].as_of = "2025-01-15"
    timed[1].quantities[0].as_of = "2024-10"
    partial[1].quantities[0].as_of = "2025-01-01/2025-01-31"
    store.write_batch([day, timed, partial])
    ids = [p[1].article.id for p in (day, timed, partial)]
    story = Story("s1", "A story", ids, "2025-04-28", "2025-04-29")
    store.save_link(
        linked_ids=ids,
        assignments=dict.fromkeys(ids, "s1"),
        story_records=[story],
        rewrite_records=[],
        fact_records=[],
        fact_stories=["s1"],
        state={},
    )
    export(store, tmp_path / "out", "parquet")
    store.close()
    articles = pq.read_table(tmp_path / "out" / "articles.parquet")
    assert articles.schema.field("published").type == pa.string()  # SPEC's field, as stored
    assert articles.schema.field("published_date").type == pa.date32()
    by_id = {r["id"]: r for r in articles.to_pylist()}
    assert [by_id[i]["published"] for i in ids] == ["2025-04-28", "2025-04-29T10:15:00+02:00", None]
    assert [by_id[i]["published_date"] for i in ids] == [date(2025, 4, 28), date(2025, 4, 29), None]
    quantities = {
        r["article_id"]: r
        for r in pq.read_table(tmp_path / "out" / "quantities.parquet").to_pylist()
    }
    assert [quantities[i]["as_of_date"] for i in ids] == [date(2025, 1, 15), None, None]
    assert quantities[ids[1]]["as_of"] == "2024-10"
    (row,) = pq.read_table(tmp_path / "out" / "stories.parquet").to_pylist()
    assert (row["first_seen_date"], row["last_seen_date"]) == (date(2025, 4, 28), date(2025, 4, 29))
    events = pq.read_table(tmp_path / "out" / "events.parquet")
    assert events.schema.field("when_date").type == pa.date32() and events.num_rows == 0
    for table, fields in SPEC_FIELDS.items():
        assert fields <= set(pq.read_schema(tmp_path / "out" / f"{table}.parquet").names), table
    # CSV keeps SPEC's fields only
    export(open_store(f"sqlite:///{tmp_path / 's.db'}"), tmp_path / "csv", "csv")
    with (tmp_path / "csv" / "articles.csv").open(encoding="utf-8") as handle:
        assert "published_date" not in next(csv.reader(handle))

"""The hostile corpus: each bad input gets one clear, coded error line, every readable page is
stored correctly, the rest of the batch is stored, and memory stays bounded."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.config import Settings
from newsgraph.errors import InputError
from newsgraph.ingest import ingest, read_path
from newsgraph.records import Document
from newsgraph.store import open_store
from tests.hostile.corpus import (
    FIXTURE_OUTCOMES,
    FIXTURES,
    GENERATED,
    JSONL_ERRORS,
    JSONL_STORED,
    build_corpus,
)

NEWSGRAPH = [sys.executable, "-c", "from newsgraph.cli import app; app()"]
PEAK_RSS_LIMIT_MB = 1500


@pytest.mark.parametrize("name", sorted(FIXTURE_OUTCOMES))
def test_fixture_is_read_or_refused_with_its_reason(name: str) -> None:
    expected = FIXTURE_OUTCOMES[name]
    items = list(read_path(FIXTURES / name))
    assert len(items) == 1
    (item,) = items
    if expected.stored:
        assert isinstance(item, Document), str(item)
        assert expected.has in item.content
    else:
        assert isinstance(item, InputError)
        assert item.code == expected.code and expected.reason in str(item), str(item)
        assert name in str(item) and "\n" not in str(item)


@pytest.mark.parametrize("name", ["big_page.html", "bomb.html.gz", "deep.html"])
def test_generated_input_is_read_or_refused(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    expected = GENERATED[name](path)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    items = list(read_path(path))
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    if expected.stored:
        assert [type(i) for i in items] == [Document]
    else:
        (item,) = items
        assert isinstance(item, InputError) and item.code == expected.code
        assert expected.reason in str(item)
        assert grown_mb < 40, f"refusing {name} grew the process by {grown_mb:.0f} MB"


def test_truncated_warc_keeps_whole_records_and_names_the_cut(tmp_path: Path) -> None:
    path = tmp_path / "truncated.warc.gz"
    GENERATED["truncated.warc.gz"](path)
    items = list(read_path(path))
    documents = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(documents) == 2 and all("Archived page" in d.content for d in documents)
    assert len(errors) == 1 and "truncated WARC" in str(errors[0]), [str(e) for e in errors]


def test_jsonl_bad_lines_are_reported_and_good_ones_stored(store_url: str) -> None:
    store = open_store(store_url)
    try:
        summary = ingest([str(FIXTURES / "invalid_lines.jsonl")], store, Settings())
        assert summary.stored == JSONL_STORED
        assert len(summary.failed) == len(JSONL_ERRORS), [str(e) for e in summary.failed]
        for where, (code, reason) in JSONL_ERRORS.items():
            (error,) = [e for e in summary.failed if e.source.endswith(where)]
            assert error.code == code and reason in error.reason, str(error)
        assert {a.source_id for a in store.articles()} == {"good-1", "good-2"}
    finally:
        store.close()


def test_cli_reports_each_hostile_input_on_one_line_and_stores_the_rest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    outcomes = build_corpus(corpus)
    db = tmp_path / "hostile.db"
    env = dict(os.environ, NEWSGRAPH_BATCH_SIZE="4", NEWSGRAPH_MAX_CHARS="20000")
    done = subprocess.run(
        [*NEWSGRAPH, "ingest", "--no-link", "--store", str(db), str(corpus)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr, done.stderr[-4000:]
    lines = [line for line in done.stderr.splitlines() if line.startswith("skipped")]
    for name, expected in outcomes.items():
        mine = [line for line in lines if f"/{name}" in line]
        if expected.code:
            assert len(mine) == 1, f"{name}: {mine}"
            assert f"[{expected.code}]" in mine[0] and expected.reason in mine[0], mine[0]
    for where, (code, reason) in JSONL_ERRORS.items():
        mine = [line for line in lines if f"] {where}:" in line or f"/{where}:" in line]
        assert len(mine) == 1 and f"[{code}]" in mine[0] and reason in mine[0], (where, mine)
    assert len(lines) == sum(1 for e in outcomes.values() if e.code) + len(JSONL_ERRORS), lines
    store = open_store(f"sqlite:///{db}")
    try:
        articles = store.articles()
        for name, expected in outcomes.items():
            ids = ("before", "huge", "after") if name == "huge_line.jsonl" else ()
            texts = [
                a.text
                for a in articles
                if a.source_id.startswith(str(corpus / name)) or a.source_id in ids
            ]
            assert len(texts) == expected.stored, f"{name}: {len(texts)} stored"
            assert not expected.has or any(expected.has in t for t in texts), name
        counts = store.counts()
        assert counts["documents"] == counts["articles"] == len(articles)
    finally:
        store.close()
    assert peak_mb < PEAK_RSS_LIMIT_MB, f"peak RSS of ingest {peak_mb:.0f} MB"


def test_jsonl_line_over_the_limit_is_named_and_its_neighbours_kept(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    small = '{"id": "%s", "text": "North Korea sent troops, officials said."}'
    huge = '{"id": "huge", "text": "' + "x" * 5000 + '"}'
    path.write_text("\n".join([small % "a", huge, small % "b"]) + "\n", encoding="utf-8")
    items = list(read_path(path, max_bytes=1000))
    assert [i.source_id for i in items if isinstance(i, Document)] == ["a", "b"]
    (error,) = [i for i in items if isinstance(i, InputError)]
    assert error.code == "E007" and error.source.endswith("dump.jsonl:2"), str(error)

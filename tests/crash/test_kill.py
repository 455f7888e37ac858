"""Crash safety: `newsgraph ingest` killed with SIGKILL at seeded random moments never leaves a
broken store, a half-written article or an orphan record, and a rerun finishes with no duplicates.

The default run is sized for the suite (a few kills); NEWSGRAPH_CRASH_KILLS=20 and
NEWSGRAPH_CRASH_PAGES=150 give the full run (several minutes on two cores).
"""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT.parent / "shared" / "bench" / "extraction" / "html"
EXAMPLES = ROOT / "examples"
KILLS = int(os.environ.get("NEWSGRAPH_CRASH_KILLS", "3"))
PG_KILLS = int(os.environ.get("NEWSGRAPH_CRASH_PG_KILLS", str(max(1, KILLS // 4))))
PAGES = int(os.environ.get("NEWSGRAPH_CRASH_PAGES", "24"))
BATCH = "8"
NEWSGRAPH = [sys.executable, "-c", "from newsgraph.cli import app; app()"]


def write_inputs(path: Path, count: int) -> int:
    """`count` JSONL records made of the bench pages and examples, each with a distinct comment
    and URL so that every SHA-256 differs; returns the number of records."""
    pages = (
        [
            gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
            for p in sorted(BENCH.glob("*.html.gz"))
        ]
        if BENCH.is_dir()
        else []
    )
    pages += [
        gzip.decompress(p.read_bytes()).decode("utf-8") for p in sorted(EXAMPLES.glob("*.html.gz"))
    ]
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            if i % 5 == 4:
                record = {"id": f"t{i}", "text": f"{texts[i % len(texts)]}\n\nCopy {i}."}
            else:
                page = pages[i % len(pages)]
                record = {"id": f"h{i}", "html": f"{page}\n<!-- copy {i} -->"}
            record["url"] = f"https://crash.example/{i}"
            out.write(json.dumps(record) + "\n")
    return count


def stored_articles(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.scalar(text("SELECT count(*) FROM articles")) or 0
    except Exception:  # the store may not exist yet, or be mid-migration
        return 0
    finally:
        engine.dispose()


def check_store(url: str) -> int:
    """Assert the store is whole; returns how many articles it holds."""
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url[len("sqlite:///") :]) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            tables = {t for t in ("articles", "documents") if _has_table(connection, t)}
            if tables != {"articles", "documents"}:
                return 0  # killed before the schema was made: nothing was committed
            rows = connection.execute(text("SELECT id, text FROM articles")).all()
            lengths: dict[str, int] = {key: len(value or "") for key, value in rows}
            assert all(lengths.values()), "an article without text"
            documents = set(connection.scalars(text("SELECT id FROM documents")))
            assert documents == set(lengths), "documents and articles differ"
            for table in ("claims", "quantities", "mentions", "events"):
                rows = connection.execute(
                    text(f'SELECT article_id, start, "end" FROM {table}')
                ).all()
                for article_id, start, end in rows:
                    assert article_id in lengths, f"a {table} row without its article"
                    assert 0 <= start <= end <= lengths[article_id], f"{table} offsets"
            return len(lengths)
    finally:
        engine.dispose()


def _has_table(connection: object, name: str) -> bool:
    from sqlalchemy import inspect

    return inspect(connection).has_table(name)


def run_ingest(inputs: Path, url: str, cwd: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, NEWSGRAPH_BATCH_SIZE=BATCH, NEWSGRAPH_MAX_CHARS="30000")
    return subprocess.Popen(
        # two workers whatever the machine: the kill lands on a parent with worker processes
        [*NEWSGRAPH, "ingest", "--no-link", "--workers", "2", "--store", url, str(inputs)],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def kill_and_check(url: str, tmp_path: Path, kills: int, seed: int) -> None:
    """Kill `kills` runs at seeded moments (mostly soon after a commit, sometimes during
    start-up), check the store after each, then rerun to the end and count."""
    inputs = tmp_path / "pages.jsonl"
    total = write_inputs(inputs, PAGES)
    rng = random.Random(seed)
    for number in range(kills):
        before = stored_articles(url)
        process = run_ingest(inputs, url, tmp_path)
        if rng.random() < 0.2:  # during start-up or the first batch
            time.sleep(rng.uniform(0.5, 4.0))
        else:  # soon after the next 1-2 commits, so the kill lands between or in writes
            wanted = before + int(BATCH) * rng.randint(1, 2)
            deadline = time.monotonic() + 60
            while process.poll() is None and time.monotonic() < deadline:
                if stored_articles(url) >= min(wanted, total):
                    break
                time.sleep(0.1)
            time.sleep(rng.uniform(0.0, 1.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        stderr = process.stderr.read().decode() if process.stderr else ""
        assert "Traceback" not in stderr, stderr[-3000:]
        after = check_store(url)
        assert after >= before, f"kill {number}: committed articles were lost"
    final = run_ingest(inputs, url, tmp_path)
    _, err = final.communicate(timeout=600)
    failed = [line for line in err.decode().splitlines() if line.startswith("skipped")]
    assert final.returncode in (0, 1) and len(failed) <= total // 10, err.decode()[-3000:]
    stored = check_store(url)
    assert stored == total - len(failed), (stored, total, failed)
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            sources = connection.scalar(text("SELECT count(DISTINCT source_id) FROM documents"))
            assert sources == stored, "a page is stored twice"
    finally:
        engine.dispose()


def test_sigkill_never_breaks_the_sqlite_store(tmp_path: Path) -> None:
    kill_and_check(f"sqlite:///{tmp_path / 'crash.db'}", tmp_path, KILLS, seed=8)


def test_sigkill_never_breaks_the_postgresql_store(pg_url: str, tmp_path: Path) -> None:
    kill_and_check(pg_url, tmp_path, PG_KILLS, seed=9)

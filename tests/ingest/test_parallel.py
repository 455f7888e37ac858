"""`ingest` with worker processes: the same store as one process, and a stop that is clean.

Real bench pages, the real spaCy pipeline in real worker processes, real SQLite files; the
signal tests run the real `newsgraph` command.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from newsgraph.config import Settings
from newsgraph.ingest import analysis_pool, ingest
from newsgraph.store import open_store

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT.parent / "shared" / "bench" / "extraction" / "html"
EXAMPLES = ROOT / "examples"
NEWSGRAPH = str(Path(sys.executable).parent / "newsgraph")
VOLATILE = {"ingested_at", "updated_at"}  # wall-clock stamps, the only columns allowed to differ


def real_pages(folder: Path, count: int) -> Path:
    """`count` bench pages (the examples when the bench is absent) copied into `folder`."""
    sources = sorted(BENCH.glob("*.html.gz")) if BENCH.is_dir() else []
    sources = (sources or sorted(EXAMPLES.glob("*.html.gz")))[:count]
    folder.mkdir()
    for source in sources:
        (folder / source.name).write_bytes(source.read_bytes())
    for scrape in sorted(EXAMPLES.glob("*.txt")):
        (folder / scrape.name).write_bytes(scrape.read_bytes())
    return folder


def dump(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, without the wall-clock columns, in a stable order."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            tables: dict[str, list[tuple[object, ...]]] = {}
            for table in inspect(connection).get_table_names():
                columns = [
                    c["name"]
                    for c in inspect(connection).get_columns(table)
                    if c["name"] not in VOLATILE
                ]
                names = ", ".join(f'"{c}"' for c in columns)
                rows = connection.execute(text(f'SELECT {names} FROM "{table}"')).all()
                tables[table] = sorted((tuple(r) for r in rows), key=repr)
            return tables
    finally:
        engine.dispose()


def test_workers_store_exactly_what_one_process_stores(tmp_path: Path) -> None:
    pages = real_pages(tmp_path / "pages", 14)
    settings = Settings(batch_size=3)  # several batches in flight at once, finishing out of order
    dumps = []
    for workers in (1, 2):
        url = f"sqlite:///{tmp_path / f'w{workers}.db'}"
        store = open_store(url)
        try:
            summary = ingest([str(pages)], store, settings, workers=workers)
            assert summary.stored == summary.seen > 10 and not summary.failed
            if workers > 1:
                assert len(summary.peak_rss_kib) == 2, "both workers took batches"
        finally:
            store.close()
        dumps.append(dump(url))
    one, two = dumps
    assert one["articles"] and one["quantities"] and one["mentions"]
    assert one == two


def descendants(pid: int) -> set[int]:
    """Every living process under `pid` (Linux /proc)."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie has exited; only its entry is left


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(db) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def _interruptible() -> None:
    """SIGINT as a terminal's foreground job has it: a background shell (nohup, CI runners)
    hands its children SIGINT ignored, and Python then never raises KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")
@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT to the process group", "SIGKILL"])
def test_a_stopped_ingest_leaves_no_worker_and_keeps_what_it_committed(
    how: str, tmp_path: Path
) -> None:
    pages = tmp_path / "pages.jsonl"
    record = '{"id": "p%d", "text": "North Korea sent %d soldiers to Russia, officials said."}\n'
    pages.write_text("".join(record % (i, 1000 + i) for i in range(400)), encoding="utf-8")
    db = tmp_path / "stop.db"
    process = subprocess.Popen(
        [NEWSGRAPH, "ingest", "--no-link", "--workers", "2", "--store", str(db), str(pages)],
        cwd=tmp_path,
        env=dict(os.environ, NEWSGRAPH_BATCH_SIZE="4"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a process group of its own, as a shell job has
        preexec_fn=_interruptible,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 240
    while process.poll() is None and time.monotonic() < deadline:
        workers |= descendants(process.pid)
        if stored(db) >= 8 and len(workers) >= 2:
            break
        time.sleep(0.2)
    workers |= descendants(process.pid)
    assert process.poll() is None, "the run ended before it could be stopped"
    before = stored(db)
    assert before >= 8
    if how == "SIGTERM":
        process.send_signal(signal.SIGTERM)
    elif how == "SIGKILL":
        process.send_signal(signal.SIGKILL)
    else:
        os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode != 0
    if how != "SIGKILL":
        assert process.returncode == 130, err.decode()[-2000:]
        assert "Traceback" not in err.decode(), err.decode()[-3000:]
        assert "interrupted" in err.decode()
    gone_by = time.monotonic() + 15
    while any(alive(pid) for pid in workers) and time.monotonic() < gone_by:
        time.sleep(0.2)
    assert workers and not [pid for pid in workers if alive(pid)], "orphaned workers"
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    after = stored(db)
    assert after >= before, "committed batches were lost"
    assert after < 400


def test_one_worker_analyses_in_process(tmp_path: Path) -> None:
    """`--workers 1` is today's path: no process is started."""
    page = tmp_path / "page.txt"
    page.write_text((EXAMPLES / "000_61ab118415a4fb65.txt").read_text(encoding="utf-8"))
    store = open_store(f"sqlite:///{tmp_path / 'one.db'}")
    try:
        summary = ingest([str(page)], store, Settings(), workers=1)
    finally:
        store.close()
    assert summary.stored == 1 and summary.peak_rss_kib == {}


def test_a_lent_pool_serves_round_after_round_with_the_same_workers(tmp_path: Path) -> None:
    """What `watch` needs: spaCy loaded once for every round, not once a round."""
    rounds = [tmp_path / "r1.jsonl", tmp_path / "r2.jsonl"]
    for number, path in enumerate(rounds):
        path.write_text(
            "".join(
                f'{{"id": "r{number}-{i}", "text": "Officials said {i + 7 * number} ships '
                'docked in Busan on Monday, the port authority confirmed."}\n'
                for i in range(6)
            ),
            encoding="utf-8",
        )
    settings = Settings(batch_size=2)
    store = open_store(f"sqlite:///{tmp_path / 'lent.db'}")
    try:
        with analysis_pool(2, settings) as pool:
            first = ingest([str(rounds[0])], store, settings, pool=pool)
            pids = set(first.peak_rss_kib)
            second = ingest([str(rounds[1])], store, settings, pool=pool)
            assert all(p.is_alive() for p in pool._processes)
            # the workers of the first round are the pool's workers still (workers start
            # lazily, so the second round may add one, never replace one)
            assert pids and pids <= {p.pid for p in pool._processes}
        assert first.stored == second.stored == 6
        assert set(second.peak_rss_kib) <= {p.pid for p in pool._processes}
        assert not any(p.is_alive() for p in pool._processes)
    finally:
        store.close()


def test_linking_along_the_workers_ends_as_one_link_after_them(tmp_path: Path) -> None:
    """With workers, `ingest` links what it has stored while they analyse the rest, in passes
    (batches of 3 here): the store ends as `ingest --workers 1`, which links once at the end,
    leaves it, the linkers' saved state included."""
    if not BENCH.is_dir():  # the examples alone are fewer than the 14 pages the passes need
        pytest.skip(f"extraction benchmark pages not found at {BENCH}")
    pages = real_pages(tmp_path / "pages", 14)
    dumps, outs = [], []
    for workers in (1, 2):
        db = tmp_path / f"link{workers}.db"
        done = subprocess.run(
            [NEWSGRAPH, "ingest", "--workers", str(workers), "--store", str(db), str(pages)],
            cwd=tmp_path,
            env=dict(os.environ, NEWSGRAPH_BATCH_SIZE="3"),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        outs.append(done.stdout)
        dumps.append(dump(f"sqlite:///{db}"))
    one, two = dumps
    assert "linked 16 articles:" in outs[0], outs[0]
    passes = [line for line in outs[1].splitlines() if line.startswith("linked 16 articles in")]
    assert passes and " 1 passes" not in passes[0], outs[1]
    assert one["stories"] and one["rewrites"] is not None and one["link_state"]
    assert one == two


def linked(db: Path) -> int:
    try:
        with sqlite3.connect(db) as connection:
            query = "SELECT count(*) FROM articles WHERE linked"
            return int(connection.execute(query).fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")
def test_a_sigkill_while_linking_along_loses_nothing_and_a_rerun_links_the_rest(
    tmp_path: Path,
) -> None:
    pages = tmp_path / "pages.jsonl"
    record = '{"id": "k%d", "text": "Officials said %d ships docked in Busan on Monday."}\n'
    pages.write_text("".join(record % (i, 100 + i) for i in range(300)), encoding="utf-8")
    db = tmp_path / "kill.db"
    command = [NEWSGRAPH, "ingest", "--workers", "2", "--store", str(db), str(pages)]
    env = dict(os.environ, NEWSGRAPH_BATCH_SIZE="4")
    process = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 240
    while process.poll() is None and time.monotonic() < deadline and linked(db) < 8:
        time.sleep(0.1)
    assert process.poll() is None, "the run ended before it could be stopped"
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert 8 <= linked(db) <= stored(db) < 300
    rerun = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr.decode()[-3000:]
    assert stored(db) == linked(db) == 300

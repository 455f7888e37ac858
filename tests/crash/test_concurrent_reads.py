"""Reads during an ingest: the web server answers /api/articles and a story page while
`newsgraph ingest` writes to the same SQLite store; no 5xx and no "database is locked" reaches
a user (WAL and the busy timeout absorb the writer's locks)."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from newsgraph.store import open_store
from newsgraph.views.web.app import create_app
from tests.crash.test_kill import NEWSGRAPH, write_inputs
from tests.views.web.corpus import build_corpus
from tests.views.web.server import loopback_socket

PAGES = int(os.environ.get("NEWSGRAPH_CONCURRENT_PAGES", "16"))


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    """(base URL, store URL, a story id) of a server over a populated SQLite store."""
    url = f"sqlite:///{tmp_path / 'served.db'}"
    store = open_store(url)
    corpus = build_corpus(store)
    sock = loopback_socket()
    port = int(sock.getsockname()[1])
    config = uvicorn.Config(
        create_app(url, api_token=""), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the web server did not start"
    try:
        yield f"http://127.0.0.1:{port}", url, corpus.story
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        store.close()


def test_reads_never_fail_while_ingest_writes(served: tuple[str, str, str], tmp_path: Path) -> None:
    base, url, story = served
    inputs = tmp_path / "pages.jsonl"
    write_inputs(inputs, PAGES)
    env = dict(os.environ, NEWSGRAPH_BATCH_SIZE="4", NEWSGRAPH_MAX_CHARS="30000")
    ingest = subprocess.Popen(
        [*NEWSGRAPH, "ingest", "--no-link", "--store", url, str(inputs)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    paths = ["/api/articles?limit=20", f"/stories/{story}", "/api/stories", "/search?q=soldiers"]
    answers: list[tuple[str, int, str]] = []
    totals: set[int] = set()
    with httpx.Client(base_url=base, timeout=30) as client:
        started = time.monotonic()
        while ingest.poll() is None and time.monotonic() - started < 240:
            for path in paths:
                response = client.get(path)
                answers.append((path, response.status_code, response.text[:300]))
                if path.startswith("/api/articles"):
                    totals.add(response.json()["total"])
        final = client.get("/api/articles?limit=1").json()["total"]
    _, err = ingest.communicate(timeout=60)
    assert ingest.returncode == 0, err.decode()[-2000:]
    bad = [a for a in answers if a[1] >= 500 or "database is locked" in a[2]]
    assert not bad, bad[:3]
    assert len(answers) >= 8, "too few reads overlapped the ingest"
    assert final == PAGES + 5, final  # the corpus's five articles plus every page
    assert len(totals) >= 2, "the reads never saw a commit land"

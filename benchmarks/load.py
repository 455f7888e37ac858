"""Load: 50 requests/s of mixed reads for 60 s against the web app while an ingest writes.

Bounded and loopback-only: it starts uvicorn (its own process) on 127.0.0.1 over a fresh SQLite store (seeded with
the test corpus), starts `newsgraph ingest` on repeated bench pages, fires requests at a fixed
rate with an asyncio httpx client, stops by itself and prints p50/p95/p99 and errors.

    .venv/bin/python benchmarks/load.py [--rate 50] [--seconds 60] [--pages 120]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.crash.test_concurrent_reads import free_port  # noqa: E402
from tests.crash.test_kill import NEWSGRAPH, write_inputs  # noqa: E402
from tests.views.web.corpus import build_corpus  # noqa: E402

from newsgraph.store import open_store  # noqa: E402


def start_server(url: str) -> tuple[subprocess.Popen[bytes], str]:
    """uvicorn in its own process on a free loopback port, so the client does not share its GIL."""
    port = free_port()
    code = (
        "import uvicorn; from newsgraph.views.web.app import create_app; "
        f"uvicorn.run(create_app({url!r}, api_token=''), host='127.0.0.1', port={port}, "
        "log_level='warning')"
    )
    server = subprocess.Popen([sys.executable, "-c", code])
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/api/stories", timeout=2)
            return server, base
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the web server did not start")


async def fire(base: str, paths: list[str], rate: float, seconds: float) -> list[tuple[float, int]]:
    """(latency, status) of one request every 1/rate s for `seconds`; status 0 is a failure."""
    results: list[tuple[float, int]] = []
    limits = httpx.Limits(max_connections=64)
    async with httpx.AsyncClient(base_url=base, timeout=10, limits=limits) as client:

        async def one(path: str) -> None:
            started = time.perf_counter()
            try:
                response = await client.get(path)
                status = response.status_code
                if "database is locked" in response.text:
                    status = 599
            except httpx.HTTPError:
                status = 0
            results.append((time.perf_counter() - started, status))

        tasks = []
        begin = time.perf_counter()
        for n in range(int(rate * seconds)):
            delay = begin + n / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(paths[n % len(paths)])))
        await asyncio.gather(*tasks)
    return results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--pages", type=int, default=120)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsgraph-load-") as folder:
        url = f"sqlite:///{Path(folder) / 'load.db'}"
        store = open_store(url)
        corpus = build_corpus(store)
        inputs = Path(folder) / "pages.jsonl"
        write_inputs(inputs, args.pages)
        server, base = start_server(url)
        env = dict(os.environ, NEWSGRAPH_BATCH_SIZE="8", NEWSGRAPH_MAX_CHARS="30000")
        ingest = subprocess.Popen(
            [*NEWSGRAPH, "ingest", "--no-link", "--store", url, str(inputs)],
            cwd=folder,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        paths = [
            "/api/articles?limit=20",
            f"/api/stories/{corpus.story}",
            f"/stories/{corpus.story}",
            f"/articles/{corpus.first}",
            "/api/facts?status=contested",
            "/api/search?q=soldiers",
            "/",
        ]
        try:
            results = asyncio.run(fire(base, paths, args.rate, args.seconds))
        finally:
            ingest_running = ingest.poll() is None
            ingest.kill()
            ingest.wait()
            server.terminate()
            server.wait(timeout=10)
            stored = store.counts()["articles"]
            store.close()
    latencies = [latency * 1000 for latency, _ in results]
    errors = [status for _, status in results if status == 0 or status >= 500]
    print(
        f"requests {len(results)} at {args.rate:g}/s for {args.seconds:g} s; "
        f"ingest {'still running' if ingest_running else 'finished'}, {stored} articles"
    )
    print(
        f"p50 {percentile(latencies, 0.50):.1f} ms  p95 {percentile(latencies, 0.95):.1f} ms  "
        f"p99 {percentile(latencies, 0.99):.1f} ms  max {max(latencies):.1f} ms"
    )
    print(f"errors {len(errors)} (5xx, 'database is locked' or no answer)")


if __name__ == "__main__":
    main()

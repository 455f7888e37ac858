"""Shared inputs for the scale-out tests, and the `ray` marker (selected with -m ray)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.data.warc import EXAMPLES, example_pages, write_warc


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "ray: starts a local Ray cluster (2 CPUs)")


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """A WARC of three real pages, a JSONL shard of three more, and two loose HTML pages."""
    folder = tmp_path / "inputs"
    (folder / "loose").mkdir(parents=True)
    pages = example_pages(8)
    write_warc(folder / "crawl.warc.gz", pages[:3])
    with (folder / "wire.jsonl").open("w", encoding="utf-8") as out:
        for url, body in pages[3:6]:
            out.write(json.dumps({"id": url, "url": url, "html": body.decode("utf-8")}) + "\n")
    for path in sorted(EXAMPLES.glob("*.html.gz"))[6:8]:
        (folder / "loose" / path.name).write_bytes(path.read_bytes())
    return folder


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[None]:
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()

"""Stage A throughput, local process pool against Ray Data, on the same 1,000+ real pages.

    .venv/bin/python benchmarks/scale.py [--copies 8] [--workers 2] [--shard-size 32]

The 127 pages of ../shared/bench/extraction/html are repeated `copies` times with varied ids and
addresses (so each is a distinct document), written as JSONL files, and run through
`newsgraph.scale.run` with each engine into a fresh folder. It prints articles/s and the
per-core cost (core-seconds and milliseconds of one core per article), the figures docs/scale.md
turns into a cluster size. Ray's figure includes starting the local Ray instance.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
from pathlib import Path

from newsgraph.config import Settings
from newsgraph.scale import run

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "extraction" / "html"


def write_inputs(folder: Path, copies: int, per_file: int) -> int:
    """JSONL files of `per_file` records (a file is read whole, so each stays well under
    NEWSGRAPH_MAX_BYTES); returns how many records in all."""
    pages = sorted(BENCH.glob("*.html.gz"))
    records = []
    for copy in range(copies):
        for page in pages:
            page_id = page.name.split(".")[0]
            html = gzip.decompress(page.read_bytes()).decode("utf-8")
            url = f"https://bench.example/{page_id}?copy={copy}"
            records.append({"id": f"{page_id}-{copy}", "url": url, "html": html})
    for start in range(0, len(records), per_file):
        with (folder / f"part-{start // per_file:04d}.jsonl").open("w", encoding="utf-8") as out:
            for record in records[start : start + per_file]:
                out.write(json.dumps(record) + "\n")
    return len(records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shard-size", type=int, default=32)
    parser.add_argument("--engines", default="local,ray")
    args = parser.parse_args()
    if not BENCH.is_dir():
        sys.exit(f"{BENCH} is absent: the shared benchmark must be beside the repo")
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "inputs"
        inputs.mkdir()
        pages = write_inputs(inputs, args.copies, args.shard_size)
        print(
            f"{pages} pages ({args.copies} copies of the bench pages), {args.workers} workers, "
            f"shards of {args.shard_size}, {os.cpu_count()} CPUs on this machine"
        )
        for engine in args.engines.split(","):
            summary = run(
                [str(inputs)],
                Path(tmp) / f"out-{engine}",
                Settings(),
                engine=engine,  # type: ignore[arg-type]
                shard_size=args.shard_size,
                workers=args.workers,
            )
            rate = summary.articles / summary.seconds
            core_seconds = args.workers * summary.seconds / max(summary.articles, 1)
            print(
                f"{engine:5s}  {summary.articles} articles ({summary.errors} errors) in "
                f"{summary.seconds:.1f}s: {rate:.2f} articles/s; per core "
                f"{1 / core_seconds:.2f} articles/s = {core_seconds * 1000:.0f} ms of one core "
                f"per article"
            )


if __name__ == "__main__":
    main()

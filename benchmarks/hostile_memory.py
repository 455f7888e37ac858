"""Peak memory of `newsgraph ingest` over the hostile corpus (a 50 MB page, a gzip bomb, HTML
nested 10,000 deep, mislabelled encodings, a truncated WARC, a 2 MB JSONL line, ...).

Runs the real CLI in a subprocess and reads its peak RSS from the kernel (RUSAGE_CHILDREN), so
the figure covers Python, spaCy and every buffer the readers hold.

    .venv/bin/python benchmarks/hostile_memory.py [--max-chars N]   (default: the setting's default)
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsgraph.config import Settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile.corpus import build_corpus  # noqa: E402

NEWSGRAPH = [sys.executable, "-c", "from newsgraph.cli import app; app()"]


def measure(max_chars: int) -> None:
    """Ingest the hostile corpus once and print exit code, problems reported and peak RSS."""
    with tempfile.TemporaryDirectory(prefix="newsgraph-hostile-") as folder:
        corpus = Path(folder) / "corpus"
        outcomes = build_corpus(corpus)
        size = sum(p.stat().st_size for p in corpus.iterdir())
        env = dict(os.environ, NEWSGRAPH_BATCH_SIZE="8", NEWSGRAPH_MAX_CHARS=str(max_chars))
        started = time.perf_counter()
        done = subprocess.run(
            [*NEWSGRAPH, "ingest", "--no-link", "--store", f"{folder}/hostile.db", str(corpus)],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    problems = [line for line in done.stderr.splitlines() if line.startswith("skipped")]
    print(f"inputs {len(outcomes)} files, {size / 1e6:.1f} MB on disk; max_chars {max_chars}")
    print(f"exit code {done.returncode}; {len(problems)} problem lines; {seconds:.1f} s")
    print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "(no summary)")
    print(f"peak RSS of newsgraph ingest: {peak_mb:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-chars", type=int, default=Settings().max_chars)
    measure(parser.parse_args().max_chars)


if __name__ == "__main__":
    main()

"""Do two source trees store the same records? Ingest the same pages with each, export, compare.

    .venv/bin/python benchmarks/export_same.py OTHER_SRC [../shared/bench/extraction/html]
        [--workers N]

OTHER_SRC is the `src` folder of another checkout (say, main's, unpacked with
`git archive main src | tar -x -C /tmp/main`); this checkout's own `src` is the other side.
Each tree runs the real `newsgraph ingest` (with linking) into a fresh SQLite store and then
`newsgraph export --format jsonl`; the exports' records are compared file by file, as sets of
JSON lines (the order of lines is not part of the contract). Exit code 1 when they differ,
with the first differences printed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
DEFAULT = HERE.parent / "shared" / "bench" / "extraction" / "html"


def export_of(src: Path, pages: Path, folder: Path, workers: int | None) -> dict[str, list[str]]:
    """Ingest `pages` with the newsgraph under `src`, export, and read back each file's lines."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [sys.executable, "-c", "from newsgraph.cli import app; app()"]
    store = folder / "store.db"
    ingest = [*command, "ingest", "--store", str(store), str(pages)]
    if workers:
        ingest += ["--workers", str(workers)]
    done = subprocess.run(ingest, cwd=folder, env=env, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"ingest with {src} failed ({done.returncode}): {done.stderr[-2000:]}")
    out = folder / "export"
    subprocess.run(
        [*command, "export", "--store", str(store), "--format", "jsonl", str(out)],
        cwd=folder,
        env=env,
        check=True,
        capture_output=True,
    )
    return {p.name: p.read_text(encoding="utf-8").splitlines() for p in sorted(out.glob("*.jsonl"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the src folder of the other checkout")
    parser.add_argument("pages", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="export-same-") as tmp:
        sides = {}
        for name, src in (("other", args.other.resolve()), ("this", HERE / "src")):
            folder = Path(tmp) / name
            folder.mkdir()
            sides[name] = export_of(src, args.pages.resolve(), folder, args.workers)
    other, this = sides["other"], sides["this"]
    differ = False
    for name in sorted(set(other) | set(this)):
        left, right = set(other.get(name, [])), set(this.get(name, []))
        same = left == right
        print(f"{name:20s}{len(left):7d} {len(right):7d}  {'same' if same else 'DIFFERENT'}")
        if not same:
            differ = True
            for line in sorted(left - right)[:2]:
                print("  only other:", json.dumps(json.loads(line))[:300])
            for line in sorted(right - left)[:2]:
                print("  only this: ", json.dumps(json.loads(line))[:300])
    raise SystemExit(1 if differ else 0)


if __name__ == "__main__":
    main()

"""Start-up: how long the quick commands take, as real subprocesses, median of several runs.

Builds a store of the example pages once (with the command under test), then times each command
`--runs` times and prints the median and the spread. Two peers measured in the same run give the
floor on this machine: an empty interpreter, and one that only imports SQLAlchemy (what any
command that opens a store must pay). Compare two installs with `--other`:

    .venv/bin/python benchmarks/startup.py [--runs 7] [--other /work/main/.venv/bin/newsgraph]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWSGRAPH = Path(sys.executable).parent / "newsgraph"


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--other", type=Path, help="another `newsgraph` to time the same way")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        env = {**os.environ, "XDG_STATE_HOME": str(folder / "state")}
        store = folder / "news.db"
        subprocess.run(
            [str(NEWSGRAPH), "ingest", str(ROOT / "examples"), "--store", str(store)],
            cwd=folder,
            env=env,
            capture_output=True,
            check=True,
        )
        listed = subprocess.run(
            [str(NEWSGRAPH), "stories", "--json", "--store", str(store)],
            cwd=folder,
            env=env,
            capture_output=True,
            check=True,
            text=True,
        )
        story = json.loads(listed.stdout)["items"][0]["id"]
        commands = {
            "--help": ["--help"],
            "stats": ["stats", "--store", str(store)],
            "stories": ["stories", "--store", str(store)],
            "show story": ["show", "story", story, "--store", str(store)],
            "facts": ["facts", "--store", str(store)],
            "search": ["search", "troops", "--store", str(store)],
            "link (nothing to link)": ["link", "--store", str(store)],
        }
        installs = {"this tree": NEWSGRAPH}
        if args.other:
            installs["other"] = args.other
        peers = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "python -c 'import sqlalchemy'": [sys.executable, "-c", "import sqlalchemy"],
        }
        rows: list[tuple[str, str, list[float]]] = []
        for name, command in peers.items():
            rows.append(("peer", name, [timed(command, folder, env) for _ in range(args.runs)]))
        for label, binary in installs.items():
            for name, tail in commands.items():
                times = [timed([str(binary), *tail], folder, env) for _ in range(args.runs)]
                rows.append((label, name, times))

    print(f"start-up, median of {args.runs} runs (min-max), seconds, on {os.cpu_count()} cores")
    for label, name, times in rows:
        print(
            f"  {label:10} {name:32} {statistics.median(times):6.3f}"
            f"  ({min(times):.3f}-{max(times):.3f})"
        )


if __name__ == "__main__":
    main()

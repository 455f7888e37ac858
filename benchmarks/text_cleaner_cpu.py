"""CPU seconds of the plain-text cleaner on the benchmark's text pages, this tree against a git
revision, in one script, and whether the two give the same output.

    .venv/bin/python benchmarks/text_cleaner_cpu.py [../shared/bench/extraction] [--ref HEAD]

Each side runs in its own child process (the revision's `src/` exported with `git archive`),
the two taking turns round by round so that load from other work on a shared machine falls on
both alike. A child cleans every page `--passes` times and reports the CPU seconds of its
cleaning (imports and the model's load are not counted) and a digest of everything the cleaner
returned (body, title, byline, dates, boilerplate).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_BENCH = REPO / ".." / "shared" / "bench" / "extraction"

CHILD = """
import hashlib, json, sys, time
from pathlib import Path
from newsgraph.clean.text import clean_text
from newsgraph.evaluate.extraction import load_pages
pages = load_pages(Path(sys.argv[1]), "text")
passes = int(sys.argv[2])
clean_text(pages[0].content, url=pages[0].url)
digest = hashlib.sha256()
started = time.process_time()
for _ in range(passes):
    for page in pages:
        found = clean_text(page.content, url=page.url)
        digest.update(repr((found.text, found.title, found.byline, found.photo_credit,
                            found.published, found.published_source, found.original_source,
                            [(b.kind, b.text) for b in found.boilerplate])).encode())
print(json.dumps({"cpu_s": time.process_time() - started, "pages": len(pages) * passes,
                  "digest": digest.hexdigest()}))
"""


def export(ref: str, into: Path) -> Path:
    """The `src/` folder of git revision `ref`, written under `into`."""
    archive = into / "src.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "archive", ref, "src"], cwd=REPO, stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def run_child(src: Path, bench: Path, passes: int) -> dict[str, float | str]:
    """One child's report: CPU seconds, pages cleaned, digest of the output."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(bench), str(passes)],
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    report: dict[str, float | str] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench_dir", type=Path, nargs="?", default=DEFAULT_BENCH)
    parser.add_argument("--ref", default="HEAD", help="git revision to compare against")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--passes", type=int, default=2, help="passes over the pages a round")
    args = parser.parse_args()
    bench = args.bench_dir.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        sides = {args.ref: export(args.ref, Path(tmp)), "this tree": REPO / "src"}
        seconds: dict[str, list[float]] = {name: [] for name in sides}
        digests: dict[str, set[str]] = {name: set() for name in sides}
        pages = 0
        for _ in range(args.rounds):
            for name, src in sides.items():
                report = run_child(src, bench, args.passes)
                seconds[name].append(float(report["cpu_s"]))
                digests[name].add(str(report["digest"]))
                pages = int(report["pages"])
    for name in sides:
        median = statistics.median(seconds[name])
        print(
            f"{name:12} {median:7.3f} CPU-s for {pages} pages ({median / pages * 1000:.2f} ms a page)"
        )
    ref, tree = (statistics.median(seconds[name]) for name in sides)
    print(f"this tree / {args.ref}: {tree / ref:.3f}")
    same = digests[args.ref] == digests["this tree"] and len(digests["this tree"]) == 1
    print("output identical" if same else "OUTPUT DIFFERS")


if __name__ == "__main__":
    main()

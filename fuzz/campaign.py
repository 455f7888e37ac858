"""A long fuzz campaign over every hypothesis test in tests/fuzz, on every core, with a summary.

    .venv/bin/python -m fuzz.campaign [--cases 100000] [--workers 2] [--max-seconds 7000]
    .venv/bin/python -m fuzz.campaign --replay FINDING.bin     # rerun one finding, traceback

The default suite runs each fuzz test on a few dozen derandomized examples; this runs the same
tests (readers, cleaners, number and time parsers, extractors on the real spaCy pipeline, the
web app's query and path parameters) on many more, each case drawn by hypothesis from random
bytes (`fuzz_one_input`, the entry point meant for external fuzzers), so a case is a byte string
that replays exactly. Every test's rule is the suite's: a call returns or raises a coded
`NewsgraphError`; anything else is a crash. A case over 5 s is counted apart, and one over 60 s
is stopped and counted as a crash (a hang).

Work goes out in chunks (one test, one seed, `--chunk` cases) to a `WorkerPool`, the same pool
`ingest` analyses pages with. The summary gives cases, crashes, the slowest case and the cases
over 5 s, per target and in all; crashes and the slowest case are written as replayable files.
Exit status 1 if anything crashed, took over 5 s, or fewer cases than asked ran in the time.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import random
import signal
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from newsgraph.ingest.pool import WorkerPool, cpu_count

MODULES = {
    "readers": "tests.fuzz.test_readers_fuzz",
    "clean": "tests.fuzz.test_clean_fuzz",
    "extract": "tests.fuzz.test_extract_fuzz",
    "api": "tests.fuzz.test_api_fuzz",
}
SLOW_S = 5.0  # a case over this is a finding
HANG_S = 60  # a case over this is stopped and counted as a crash
SIZES = (16, 64, 256, 1024, 4096, 16384)  # bytes of choice data a case is drawn from


class CaseTimeout(Exception):
    """A case ran past HANG_S."""


@dataclass(slots=True)
class Finding:
    test: str
    buffer: bytes
    error: str  # the exception's last line, or the time taken
    seconds: float


@dataclass(slots=True)
class ChunkResult:
    target: str
    cases: int = 0
    seconds: float = 0.0
    crashes: list[Finding] = field(default_factory=list)
    slow: list[Finding] = field(default_factory=list)
    slowest: Finding | None = None


def fuzz_tests(target: str) -> dict[str, Any]:
    """The hypothesis tests of one target's module, by name."""
    module = importlib.import_module(MODULES[target])
    return {
        name: value
        for name, value in vars(module).items()
        if name.startswith("test_") and hasattr(getattr(value, "hypothesis", None), "inner_test")
    }


_RUNNERS: dict[str, tuple[Callable[[bytes], Any], list[float]]] = {}


def _runner(target: str, name: str) -> tuple[Callable[[bytes], Any], list[float]]:
    """`fuzz_one_input` of a test, with its body wrapped to time each case that really runs (a
    buffer hypothesis cannot draw from runs nothing and is not a case)."""
    key = f"{target}:{name}"
    if key not in _RUNNERS:
        test = fuzz_tests(target)[name]
        started: list[float] = []
        inner = test.hypothesis.inner_test

        def timed(*args: Any, **kwargs: Any) -> Any:
            started.append(time.perf_counter())
            return inner(*args, **kwargs)

        test.hypothesis.inner_test = timed
        _RUNNERS[key] = (test.hypothesis.fuzz_one_input, started)
    return _RUNNERS[key]


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise CaseTimeout(f"still running after {HANG_S} s")


_WARM: list[bool] = []


def _warm_worker() -> None:
    """Load once, before any case is timed, what stage A loads lazily on first use (the spaCy
    pipeline, the language detector, the cleaners' models): the first case to need one would
    otherwise be charged seconds that say nothing of the case."""
    if _WARM:
        return
    _WARM.append(True)
    from newsgraph.config import Settings
    from newsgraph.pipeline import analyze
    from newsgraph.records import Document

    text = (
        Path(__file__).resolve().parents[1] / "examples" / "000_61ab118415a4fb65.txt"
    ).read_text(encoding="utf-8")
    html = f"<html><head><title>Warm</title></head><body><article><p>{text}</p></article></html>"
    analyze(
        [
            Document("0" * 64, "warm.txt", text, "text"),
            Document("1" * 64, "warm.html", html, "html"),
        ],
        Settings(),
    )


def run_chunk(job: tuple[str, str, int, int]) -> ChunkResult:
    """Run `count` cases of one test, drawn from a generator seeded with `seed` (a worker)."""
    target, name, seed, count = job
    warnings.simplefilter("ignore")
    logging.disable(logging.CRITICAL)  # libraries' warnings about hostile input are expected
    signal.signal(signal.SIGALRM, _alarm)
    _warm_worker()
    first = f"{target}:{name}" not in _RUNNERS
    run, started = _runner(target, name)
    result = ChunkResult(target)
    rng = random.Random(seed)
    began = time.perf_counter()
    attempts = 0
    while result.cases < count and attempts < 20 * count:
        attempts += 1
        buffer = rng.randbytes(rng.choice(SIZES))
        started.clear()
        signal.alarm(HANG_S)
        error = None
        try:
            run(buffer)
        except BaseException as exc:  # the test body's exception, hypothesis re-raises it
            if isinstance(exc, KeyboardInterrupt):
                raise
            error = traceback.format_exception_only(exc)[-1].strip()[:500]
        finally:
            signal.alarm(0)
        if not started:
            continue  # hypothesis could not draw an example from these bytes
        # a test's first case in a worker pays for what it loads once (the spaCy pipeline,
        # the web app's store): it counts, but its time says nothing of the case
        warming, first = first, False
        seconds = 0.0 if warming else time.perf_counter() - started[0]
        result.cases += 1
        finding = Finding(f"{target}:{name}", buffer, error or f"{seconds:.2f} s", seconds)
        late = error is not None and "DeadlineExceeded" in error
        if error is not None and not late:
            result.crashes.append(finding)
        if (seconds > SLOW_S or late) and not warming:
            result.slow.append(finding)
        if result.slowest is None or seconds > result.slowest.seconds:
            result.slowest = finding
    result.seconds = time.perf_counter() - began
    return result


@dataclass(slots=True)
class Totals:
    cases: int = 0
    seconds: float = 0.0  # worker seconds
    crashes: list[Finding] = field(default_factory=list)
    slow: list[Finding] = field(default_factory=list)
    slowest: Finding | None = None

    def add(self, chunk: ChunkResult) -> None:
        self.cases += chunk.cases
        self.seconds += chunk.seconds
        self.crashes += chunk.crashes
        self.slow += chunk.slow
        if chunk.slowest and (self.slowest is None or chunk.slowest.seconds > self.slowest.seconds):
            self.slowest = chunk.slowest


def plan(cases: int, chunk: int, seed: int) -> list[tuple[str, str, int, int]]:
    """Chunks of `chunk` cases, the same share for every test, interleaved across tests so a
    run cut short by its time limit has covered all of them."""
    tests = [(target, name) for target in MODULES for name in sorted(fuzz_tests(target))]
    share = -(-cases // len(tests))
    per_test = [[(t, n, c) for c in range(0, share, chunk)] for t, n in tests]
    jobs = []
    for round_ in range(max(len(p) for p in per_test)):
        for number, chunks in enumerate(per_test):
            if round_ < len(chunks):
                target, name, start = chunks[round_]
                job_seed = seed * 1_000_003 + number * 10_007 + round_
                jobs.append((target, name, job_seed, min(chunk, share - start)))
    return jobs


def write_finding(folder: Path, kind: str, number: int, finding: Finding) -> Path:
    path = folder / f"{kind}-{number:03d}-{finding.test.replace(':', '-')}.bin"
    path.write_bytes(finding.test.encode() + b"\n" + finding.buffer)
    return path


def replay(path: Path) -> None:
    """Run one finding again in this process, letting its exception and traceback through."""
    head, _, buffer = path.read_bytes().partition(b"\n")
    target, name = head.decode().split(":")
    test = fuzz_tests(target)[name]
    test.hypothesis.fuzz_one_input(buffer)
    print(f"{target}:{name}: passed this time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=min(2, cpu_count()))
    parser.add_argument("--chunk", type=int, default=250)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-seconds", type=float, default=7000.0, help="stop submitting after")
    parser.add_argument("--findings", type=Path, default=None, help="folder for findings")
    parser.add_argument("--replay", type=Path, default=None)
    args = parser.parse_args()
    if args.replay:
        replay(args.replay)
        return
    jobs = plan(args.cases, args.chunk, args.seed)
    totals = {target: Totals() for target in MODULES}
    began = time.perf_counter()
    stopped = ""
    done = 0
    deadline = began + args.max_seconds

    def until_deadline() -> Any:
        nonlocal stopped
        for job in jobs:
            if time.perf_counter() > deadline:
                stopped = f"stopped at the {args.max_seconds:.0f} s limit"
                return
            yield job

    print(
        f"fuzz campaign: {args.cases:,} cases over {sum(len(fuzz_tests(t)) for t in MODULES)} "
        f"tests, {args.workers} workers, seed {args.seed}",
        flush=True,
    )
    try:
        with WorkerPool(run_chunk, args.workers) as pool:
            for chunk in pool.imap(until_deadline()):
                totals[chunk.target].add(chunk)
                done += chunk.cases
                elapsed = time.perf_counter() - began
                step = max(1000, args.cases // 20)
                if done // step != (done - chunk.cases) // step:
                    print(f"  {done:,} cases, {elapsed:.0f} s, {done / elapsed:.1f}/s", flush=True)
    except KeyboardInterrupt:
        stopped = "interrupted"
    wall = time.perf_counter() - began
    summary(totals, wall, args, stopped)


def summary(totals: dict[str, Totals], wall: float, args: argparse.Namespace, stopped: str) -> None:
    every = Totals()
    print(f"\n{'target':10s}{'cases':>10s}{'crashes':>9s}{'over 5 s':>10s}{'slowest s':>11s}")
    for target, total in totals.items():
        slowest = total.slowest.seconds if total.slowest else 0.0
        print(
            f"{target:10s}{total.cases:10,d}{len(total.crashes):9d}{len(total.slow):10d}"
            f"{slowest:11.2f}"
        )
        every.cases += total.cases
        every.seconds += total.seconds
        every.crashes += total.crashes
        every.slow += total.slow
        if total.slowest and (
            every.slowest is None or total.slowest.seconds > every.slowest.seconds
        ):
            every.slowest = total.slowest
    rate = every.cases / wall if wall else 0.0
    print(
        f"{'all':10s}{every.cases:10,d}{len(every.crashes):9d}{len(every.slow):10d}"
        f"{(every.slowest.seconds if every.slowest else 0.0):11.2f}"
    )
    print(f"\n{every.cases:,} cases in {wall:.0f} s on {args.workers} workers: {rate:.1f} cases/s")
    if every.cases < args.cases:
        print(f"fewer cases than the {args.cases:,} asked: {stopped or 'input exhausted'}")
    folder = args.findings or Path(tempfile.mkdtemp(prefix="newsgraph-fuzz-"))
    folder.mkdir(parents=True, exist_ok=True)
    if every.slowest:
        path = write_finding(folder, "slowest", 0, every.slowest)
        print(f"slowest case: {every.slowest.test}, {every.slowest.seconds:.2f} s ({path})")
    for number, finding in enumerate(every.crashes):
        path = write_finding(folder, "crash", number, finding)
        print(f"crash: {finding.test}: {finding.error} ({path})")
    for number, finding in enumerate(every.slow):
        path = write_finding(folder, "slow", number, finding)
        print(f"over {SLOW_S:.0f} s: {finding.test}: {finding.seconds:.2f} s ({path})")
    if every.crashes or every.slow or every.cases < args.cases:
        sys.exit(1)


if __name__ == "__main__":
    main()

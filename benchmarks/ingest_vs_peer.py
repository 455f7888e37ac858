"""`newsgraph ingest` end to end against the peer composite's 2-process run, same pages, same run.

    .venv/bin/python benchmarks/ingest_vs_peer.py [../shared/bench/extraction/html]
        [--workers N] [--runs 3] [--profile] [--against OTHER_SRC]

Ours: the real `newsgraph ingest` command as a subprocess into a fresh SQLite store, whole
process timed by the wall clock: start-up, reading, clean + parse + extract in `--workers`
processes (default: the cores), the store's writes, and linking. Peak RSS is read per process
(the parent and each worker) from /proc while it runs (VmHWM, Linux).
The peer: `benchmarks/stage_a_throughput.py`'s composite (quantulum3 + textacy direct quotations
on a stock spaCy parse of the same model) over the same pages in a 2-process pool; it stores
and links nothing. Two peer rates are printed: over its pool's whole wall time (spawn and model
loading included, as ours is) and over its work alone (loading excluded, the kinder to the
peer); the ratio is given against each. Medians of `--runs` runs.

`--profile` runs ours once more under cProfile (the parent only: workers are other processes)
and prints where the parent's time goes: start-up, waiting for workers, the store, linking
(the passes run along the workers, inside the ingest job, and the one after its last batch).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stage_a_throughput import DEFAULT, measure

NEWSGRAPH = [sys.executable, "-c", "from newsgraph.cli import app; app()"]


def descendants(pid: int) -> dict[int, int]:
    """Every living descendant of `pid`, with its depth below it (1: a child)."""
    found: dict[int, int] = {}
    todo = [(pid, 0)]
    while todo:
        parent, depth = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found[child] = depth + 1
                    todo.append((child, depth + 1))
    return found


TICK_S = 1 / os.sysconf("SC_CLK_TCK")


def high_water_kib(pid: int, depth: int) -> tuple[str, int, float] | None:
    """(process name, peak RSS in KiB, CPU seconds so far) of a living process `depth` below
    the command, from /proc. Stage A workers are spawned children, or the fork server's."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    if "VmHWM" not in fields:
        return None  # a zombie
    if b"forkserver" in cmdline:
        name = "server" if depth == 1 else "worker"
    elif b"multiprocessing" in cmdline and b"resource_tracker" not in cmdline:
        name = "worker"
    else:
        name = "other"
    ticks = stat.rsplit(")", 1)[1].split()  # utime and stime are fields 14 and 15
    return name, int(fields["VmHWM"].split()[0]), (int(ticks[11]) + int(ticks[12])) * TICK_S


def run_ours(pages: Path, workers: int | None, src: Path | None = None) -> dict[str, float]:
    """One `newsgraph ingest` of `pages` into a fresh store: wall seconds and peak RSS.
    `src`: run the newsgraph of that source folder instead of the installed one."""
    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as folder:
        command = [*NEWSGRAPH, "ingest", "--store", str(Path(folder) / "bench.db"), str(pages)]
        if workers:
            command += ["--workers", str(workers)]
        began = time.perf_counter()
        env = {**os.environ, "PYTHONPATH": str(src)} if src else None
        process = subprocess.Popen(
            command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
        )
        peaks: dict[int, tuple[str, int, float]] = {}
        while process.poll() is None:
            for pid, depth in {process.pid: 0, **descendants(process.pid)}.items():
                seen = high_water_kib(pid, depth)
                if seen is not None:
                    name = "parent" if pid == process.pid else seen[0]
                    before = peaks.get(pid, ("", 0, 0.0))
                    peaks[pid] = (name, max(seen[1], before[1]), max(seen[2], before[2]))
            time.sleep(0.05)
        wall = time.perf_counter() - began

        out = process.stdout.read().decode() if process.stdout else ""
        if process.returncode not in (0, 1):
            raise SystemExit(f"newsgraph ingest failed ({process.returncode}): {out[-2000:]}")
    stored = next(int(line.split()[1]) for line in out.splitlines() if line.startswith("stored "))
    worker_peaks = [kib for name, kib, _ in peaks.values() if name == "worker"]
    worker_cpu = [cpu for name, _, cpu in peaks.values() if name == "worker"]
    parent_peak = max((kib for name, kib, _ in peaks.values() if name == "parent"), default=0)
    return {
        "articles": stored,
        "wall_s": wall,
        "articles_per_s": stored / wall,
        "worker_peak_mib": max(worker_peaks, default=0) / 1024,
        "workers_seen": len(worker_peaks),
        "parent_peak_mib": parent_peak / 1024,
        # the last reading before each worker exits: up to one sampling interval short
        "worker_cpu_s": max(worker_cpu, default=0.0),
        "worker_cpu_total_s": sum(worker_cpu),
        "server_cpu_s": sum(cpu for name, _, cpu in peaks.values() if name == "server"),
        # every process of the run, the last reading of each
        "all_cpu_s": sum(cpu for _, _, cpu in peaks.values()),
    }


def profile_ours(pages: Path, workers: int | None) -> None:
    """Run ours once in this process under cProfile and print the parent's time by step."""
    with tempfile.TemporaryDirectory(prefix="ingest-profile-") as folder:
        argv = ["newsgraph", "ingest", "--store", str(Path(folder) / "p.db"), str(pages)]
        if workers:
            argv += ["--workers", str(workers)]
        old_argv, old_cwd = sys.argv, os.getcwd()
        sys.argv = argv
        os.chdir(folder)
        profiler = cProfile.Profile()
        began = time.perf_counter()
        try:
            profiler.enable()
            try:
                from newsgraph.cli import app

                app()
            except SystemExit:
                pass
            finally:
                profiler.disable()
        finally:
            sys.argv = old_argv
            os.chdir(old_cwd)
        wall = time.perf_counter() - began
    stats = pstats.Stats(profiler)
    steps = {
        "ingest job (all of stage A as the parent sees it)": ("job.py", "ingest"),
        "  reading + hashing inputs": ("readers.py", "iter_documents"),
        "  store: known documents": ("database.py", "known_documents"),
        "  waiting for workers": ("pool.py", "result"),
        "  store: batch writes": ("database.py", "write_batch"),
        "  linking along the workers (stage B passes)": ("cli/ingest.py", "written"),
        "linking what is left after the last batch": ("cli/ingest.py", "finish"),
        "linking (stage B, one-process runs)": ("link.py", "link_with_progress"),
    }
    cumulative: dict[tuple[str, str], float] = {}
    for (filename, _, name), row in stats.stats.items():  # type: ignore[attr-defined]
        for key in steps.values():
            if filename.endswith(key[0]) and name == key[1]:
                cumulative[key] = cumulative.get(key, 0.0) + row[3]
    print(f"\nparent profile, one run ({wall:.1f} s wall under cProfile):")
    accounted = cumulative.get(steps["ingest job (all of stage A as the parent sees it)"], 0.0)
    accounted += cumulative.get(steps["linking what is left after the last batch"], 0.0)
    accounted += cumulative.get(steps["linking (stage B, one-process runs)"], 0.0)
    for label, key in steps.items():
        print(f"  {label:52s}{cumulative.get(key, 0.0):8.2f} s")
    print(f"  {'start-up, imports, migrations, summary':52s}{wall - accounted:8.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--workers", type=int, default=None, help="ours (default: the cores)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--against",
        type=Path,
        default=None,
        help="the src folder of another checkout (main's, say): its ingest runs interleaved "
        "with ours and the peer, and its CPU figures are printed beside ours",
    )
    args = parser.parse_args()
    args.pages = args.pages.resolve()  # ours runs in a folder of its own
    paths = sorted(str(p) for p in args.pages.glob("*.html*"))
    if not paths:
        raise SystemExit(f"no pages under {args.pages}")
    ours_runs, peer_runs, before_runs = [], [], []
    for number in range(args.runs):  # interleaved, so both meet the same neighbours
        if args.against:
            before_runs.append(run_ours(args.pages, args.workers, args.against.resolve()))
        ours_runs.append(run_ours(args.pages, args.workers))
        peer_runs.append(measure("peer", paths, 2, False))
        print(
            f"run {number + 1}: ours {ours_runs[-1]['articles_per_s']:.2f} articles/s, "
            f"peer {peer_runs[-1]['articles_per_s_with_load']:.2f} "
            f"({peer_runs[-1]['articles_per_s']:.2f} without loading)",
            flush=True,
        )

    def median(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    ours = median(ours_runs, "articles_per_s")
    peer_whole = median(peer_runs, "articles_per_s_with_load")
    peer_work = median(peer_runs, "articles_per_s")
    workers = args.workers or len(os.sched_getaffinity(0))
    print(f"\n{len(paths)} pages, {args.runs} runs (medians), {os.cpu_count()} cores here")
    print(f"ours: newsgraph ingest, whole process, --workers {workers}, fresh SQLite, with link")
    print("peer: quantulum3 + textacy direct quotations on stock spaCy, 2 processes, no store")
    print(f"  ours articles/s (whole process)          {ours:8.2f}")
    print(f"  peer articles/s (pool wall, with load)   {peer_whole:8.2f}")
    print(f"  peer articles/s (work only, no load)     {peer_work:8.2f}")
    print(f"  ratio ours / peer (with load)            {ours / peer_whole:8.2f}x")
    print(f"  ratio ours / peer (work only)            {ours / peer_work:8.2f}x")
    # On a shared machine wall time measures the neighbours as much as the programs: the CPU
    # seconds say what the two would do on two cores of their own (ours can take no less than
    # its CPU over the 2 cores; the peer's busiest worker, loading excluded, sets its pace).
    ours_floor = median(ours_runs, "all_cpu_s") / 2
    peer_cpu = median(peer_runs, "cpu_s")
    print(f"  ratio by CPU (peer worker / ours all / 2){peer_cpu / ours_floor:8.2f}x")
    print(f"  ours wall s                              {median(ours_runs, 'wall_s'):8.2f}")
    print(f"  ours CPU s, whole run (all processes)    {median(ours_runs, 'all_cpu_s'):8.2f}")
    print(f"  ours CPU s per worker (max)              {median(ours_runs, 'worker_cpu_s'):8.2f}")
    print(
        f"  ours CPU s of all workers                {median(ours_runs, 'worker_cpu_total_s'):8.2f}"
    )
    print(f"  ours CPU s of the fork server (preload)  {median(ours_runs, 'server_cpu_s'):8.2f}")
    print(f"  ours peak RSS per worker MiB (max)       {median(ours_runs, 'worker_peak_mib'):8.0f}")
    print(f"  ours peak RSS of the parent MiB          {median(ours_runs, 'parent_peak_mib'):8.0f}")
    print(f"  peer peak RSS per worker MiB             {median(peer_runs, 'peak_rss_mib'):8.0f}")
    if before_runs:
        print(f"\nagainst {args.against} (interleaved, same medians):")
        print(f"  {'':40s}{'against':>10s}{'ours':>10s}")
        for label, key in (
            ("articles/s (whole process)", "articles_per_s"),
            ("wall s", "wall_s"),
            ("CPU s, whole run", "all_cpu_s"),
            ("CPU s of all workers", "worker_cpu_total_s"),
            ("CPU s of the fork server", "server_cpu_s"),
            ("peak RSS per worker MiB", "worker_peak_mib"),
            ("peak RSS of the parent MiB", "parent_peak_mib"),
        ):
            print(f"  {label:40s}{median(before_runs, key):10.2f}{median(ours_runs, key):10.2f}")
        parent = [r["all_cpu_s"] - r["worker_cpu_total_s"] - r["server_cpu_s"] for r in before_runs]
        ours_parent = [
            r["all_cpu_s"] - r["worker_cpu_total_s"] - r["server_cpu_s"] for r in ours_runs
        ]
        print(
            f"  {'CPU s, parent and the rest':40s}"
            f"{statistics.median(parent):10.2f}{statistics.median(ours_parent):10.2f}"
        )
        before_floor = median(before_runs, "all_cpu_s") / 2
        print(
            f"  {'ratio by CPU against the peer':40s}"
            f"{peer_cpu / before_floor:10.2f}{peer_cpu / ours_floor:10.2f}"
        )
        print(
            f"  {'ratio against the peer (with load)':40s}"
            f"{median(before_runs, 'articles_per_s') / peer_whole:10.2f}{ours / peer_whole:10.2f}"
        )
    if args.profile:
        profile_ours(args.pages, args.workers)


if __name__ == "__main__":
    main()

"""Stage A over shards: `local` (`ingest`'s worker pool) or `ray` (Ray Data, an actor pool).

Both plan the same units, read the same shards and call the same `analyze_shard`, so their
output is identical; both skip the shards whose completion marker exists, and both stop on
SIGINT or SIGTERM: their workers are stopped with them and the shards in flight discarded, so
a rerun resumes from whole shards only.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, Literal

from newsgraph.config import Settings
from newsgraph.errors import Interrupted, MissingExtra
from newsgraph.ingest.pool import WorkerPool
from newsgraph.scale.parquet import (
    discard_unfinished,
    finished_shards,
    marker_of,
    remove_shard,
    require_pyarrow,
)
from newsgraph.scale.shards import Unit, error_row, plan, read_unit
from newsgraph.scale.worker import ShardAnalyzer, analyze_shard

log = logging.getLogger(__name__)

Engine = Literal["local", "ray"]


@dataclass(slots=True)
class RunSummary:
    engine: str
    shards: int = 0  # written by this run
    already_done: int = 0  # finished by an earlier run and skipped
    documents: int = 0
    articles: int = 0
    errors: int = 0  # inputs and records that failed, in this run's shards or before it
    seconds: float = 0.0
    stale: int = 0  # shards of inputs that changed since, removed
    # one row per failed input or record ({"source", "code", "reason"}): inputs missing or
    # unreadable, and the errors the shards of the inputs recorded, this run's or earlier ones'
    failures: list[dict[str, str]] = field(default_factory=list)


def run(
    inputs: Iterable[str],
    out: Path,
    settings: Settings,
    *,
    engine: Engine = "local",
    shard_size: int = 100,
    workers: int = 2,
    on_shard: Callable[[dict[str, Any]], None] | None = None,
) -> RunSummary:
    """Run stage A over `inputs` into Parquet shards under `out`, skipping finished shards.

    Shards of an input whose bytes changed since they were written are removed and the input
    read again; an input that is missing or unreadable is a failure in the summary, never a
    shard. SIGINT or SIGTERM stops the workers, discards the shards in flight and raises
    `Interrupted`.
    """
    require_pyarrow()
    if engine == "ray":
        require_ray()
    started = time.perf_counter()
    planned = plan(list(inputs), shard_size)
    summary = RunSummary(engine=engine)
    summary.failures = [error_row(e) for e in planned.failed]
    done = finished_shards(out)
    for name in sorted(n for n in done if planned.current(n) is False):
        log.info("input changed since shard %s was written: removing it", name)
        remove_shard(out, name)
        done.discard(name)
        summary.stale += 1
    for name in sorted(n for n in done if planned.current(n)):
        summary.already_done += 1
        summary.failures.extend(marker_of(out, name)["errors"])
    out.mkdir(parents=True, exist_ok=True)

    def record(result: dict[str, Any]) -> None:
        summary.shards += 1
        summary.documents += int(result["documents"])
        summary.articles += int(result["articles"])
        errors = result["errors"]
        summary.failures.extend(json.loads(errors) if isinstance(errors, str) else errors)
        if on_shard:
            on_shard(result)

    try:
        with stop_on_signals():
            if engine == "ray":
                _run_ray(planned.units, out, settings, shard_size, workers, done, record)
            else:
                _run_local(planned.units, out, settings, shard_size, workers, done, record)
    except BaseException:
        for name in discard_unfinished(out, planned.current):
            log.warning("discarded the unfinished shard %s", name)
        raise
    summary.errors = len(summary.failures)
    summary.seconds = time.perf_counter() - started
    return summary


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Turn SIGINT and SIGTERM into `Interrupted` in the main thread (once: a second signal
    while stopping is ignored, so the cleanup is not cut short)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stops = (signal.SIGINT, signal.SIGTERM)

    def stop(signum: int, _frame: FrameType | None) -> None:
        for each in stops:
            signal.signal(each, signal.SIG_IGN)
        raise Interrupted(signum)

    previous = {each: signal.signal(each, stop) for each in stops}
    try:
        yield
    finally:
        for each, handler in previous.items():
            signal.signal(each, handler)


def _run_local(
    units: list[Unit],
    out: Path,
    settings: Settings,
    shard_size: int,
    workers: int,
    done: set[str],
    record: Callable[[dict[str, Any]], None],
) -> None:
    """The shards through `ingest`'s worker pool: spaCy loaded once per worker, one BLAS thread
    each, at most two shards per worker in memory, results recorded in plan order. Leaving by
    an exception (`Interrupted` included) stops the workers; should the parent be killed, they
    exit with it."""
    task = functools.partial(analyze_shard, out=str(out), settings=settings)
    payloads = (
        payload
        for unit in units
        for payload in read_unit(unit, shard_size, done, settings.max_bytes)
    )
    with WorkerPool(task, workers, model=settings.model) as pool:
        for result in pool.imap(payloads):
            record(result)


def require_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise MissingExtra(
            "the Ray engine needs Ray Data, which is not installed",
            hint="pip install newsgraph[scale]",
        ) from exc
    return ray


class _ReadShards:
    """Ray Data flat_map step: a reading unit to the payloads of its unfinished shards."""

    def __init__(self, shard_size: int, done: set[str], max_bytes: int) -> None:
        self.shard_size, self.done, self.max_bytes = shard_size, done, max_bytes

    def __call__(self, unit: dict[str, Any]) -> list[dict[str, str]]:
        unit = {**unit, "files": list(unit["files"])}
        return list(read_unit(unit, self.shard_size, self.done, self.max_bytes))


def _run_ray(
    units: list[Unit],
    out: Path,
    settings: Settings,
    shard_size: int,
    workers: int,
    done: set[str],
    record: Callable[[dict[str, Any]], None],
) -> None:
    ray = require_ray()

    if not units:
        return
    # a run that goes well prints only its own summary: Ray's notices (its token set-up on a
    # local cluster, "progress bars disabled") stay off the terminal; a failure still ends the
    # run with an exception
    os.environ.setdefault("RAY_DATA_LOG_LEVEL", "ERROR")
    own = not ray.is_initialized()
    if own:
        # RAY_ADDRESS (set by `ray job submit`) joins a cluster; otherwise a local one of `workers` CPUs
        address = os.environ.get("RAY_ADDRESS") or None
        extra: dict[str, Any] = {} if address else {"num_cpus": workers}
        ray.init(
            address=address,
            include_dashboard=False,
            log_to_driver=False,
            logging_level=logging.ERROR,
            **extra,
        )
    try:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        for name in ("ray", "ray.data"):  # Ray Data's own logging setup puts INFO on stderr
            logging.getLogger(name).setLevel(logging.ERROR)
        reader = _ReadShards(shard_size, done, settings.max_bytes)
        dataset = (
            ray.data.from_items(units, override_num_blocks=len(units))
            # reading is light next to analysis: it takes no CPU slot, so it is never starved
            # by the actors that hold them all, and `workers` tasks at a time bound its memory
            .flat_map(reader, num_cpus=0, compute=ray.data.TaskPoolStrategy(size=workers))
            # the actor pool (what `concurrency=workers` asked for before Ray 2.51): each actor
            # loads the spaCy pipeline once and analyses whole shards, one per batch
            .map_batches(
                ShardAnalyzer,
                fn_constructor_kwargs={
                    "out": str(out.resolve()),
                    "settings": settings.model_dump(),
                },
                batch_size=1,
                compute=ray.data.ActorPoolStrategy(size=workers),
                num_cpus=1,
            )
        )
        for row in dataset.iter_rows():
            record(row)
    finally:
        if own:
            ray.shutdown()

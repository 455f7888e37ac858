"""Executors for stage A over shards: `local` (a process pool) and `ray` (Ray Data, actor pool).

Both plan the same units, read the same shards and call the same `analyze_shard`, so their
output is identical; both skip the shards whose completion marker exists.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from newsgraph.config import Settings
from newsgraph.errors import MissingExtra
from newsgraph.scale.parquet import finished_shards, require_pyarrow
from newsgraph.scale.shards import Unit, plan_units, read_unit
from newsgraph.scale.worker import ShardAnalyzer, analyze_shard, warm

log = logging.getLogger(__name__)

Engine = Literal["local", "ray"]


@dataclass(slots=True)
class RunSummary:
    engine: str
    shards: int = 0  # written by this run
    already_done: int = 0  # finished by an earlier run and skipped
    documents: int = 0
    articles: int = 0
    errors: int = 0
    seconds: float = 0.0


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
    """Run stage A over `inputs` into Parquet shards under `out`, skipping finished shards."""
    require_pyarrow()
    if engine == "ray":
        require_ray()
    started = time.perf_counter()
    units = plan_units(list(inputs), shard_size)
    done = finished_shards(out)
    summary = RunSummary(engine=engine, already_done=len(done))
    out.mkdir(parents=True, exist_ok=True)

    def record(result: dict[str, Any]) -> None:
        summary.shards += 1
        summary.documents += int(result["documents"])
        summary.articles += int(result["articles"])
        errors = result["errors"]
        summary.errors += errors if isinstance(errors, int) else len(errors)
        if on_shard:
            on_shard(result)

    if engine == "ray":
        _run_ray(units, out, settings, shard_size, workers, done, record)
    else:
        _run_local(units, out, settings, shard_size, workers, done, record)
    summary.seconds = time.perf_counter() - started
    return summary


def _run_local(
    units: list[Unit],
    out: Path,
    settings: Settings,
    shard_size: int,
    workers: int,
    done: set[str],
    record: Callable[[dict[str, Any]], None],
) -> None:
    # spawn, not fork: the parent may hold threads (a Ray client, a progress bar) that fork breaks
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=warm, initargs=(settings.model,)
    ) as pool:
        pending: set[Future[dict[str, Any]]] = set()
        for unit in units:
            for payload in read_unit(unit, shard_size, done, settings.max_bytes):
                pending.add(pool.submit(analyze_shard, payload, str(out), settings))
                if len(pending) >= 2 * workers:  # bounded: never the whole input in memory
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in finished:
                        record(future.result())
        for future in pending:
            record(future.result())


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
        unit = {"kind": unit["kind"], "key": unit["key"], "files": list(unit["files"])}
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
    own = not ray.is_initialized()
    if own:
        # RAY_ADDRESS (set by `ray job submit`) joins a cluster; otherwise a local one of `workers` CPUs
        address = os.environ.get("RAY_ADDRESS") or None
        extra: dict[str, Any] = {} if address else {"num_cpus": workers}
        ray.init(address=address, include_dashboard=False, log_to_driver=False, **extra)
    try:
        ray.data.DataContext.get_current().enable_progress_bars = False
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

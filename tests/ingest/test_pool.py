"""The stage A worker pool: real processes, results in input order, failures that say so, and
no worker left behind however the pool is left."""

from __future__ import annotations

import os
import signal
import time

import pytest

from newsgraph.errors import EmptyInput, TooLarge
from newsgraph.ingest.pool import PortableError, WorkerFailed, WorkerPool


def slow_square(n: int) -> tuple[int, int]:
    """Later items finish first, so an unordered pool would give them back first."""
    time.sleep(0.05 * (5 - n % 5))
    return n * n, os.getpid()


def fail_on_three(n: int) -> int:
    if n == 3:
        raise RuntimeError("three is bad")
    return n


def die_on_two(n: int) -> int:
    if n == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return n


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_results_come_back_in_input_order_from_several_workers() -> None:
    with WorkerPool(slow_square, 2) as pool:
        results = list(pool.imap(range(12), window=4))
        processes = list(pool._processes)
    assert [square for square, _ in results] == [n * n for n in range(12)]
    assert len({pid for _, pid in results}) == 2, "both workers took work"
    assert sum(s.tasks for s in pool.stats.values()) == 12
    assert all(s.peak_rss_kib > 0 for s in pool.stats.values())
    assert all(not p.is_alive() for p in processes), "a worker outlived the pool"


def test_workers_start_only_as_work_needs_them() -> None:
    with WorkerPool(slow_square, 4) as pool:
        assert pool.result(pool.submit(3))[0] == 9
        assert len(pool._processes) == 1


def test_a_failing_task_is_an_error_naming_it_and_the_pool_stops() -> None:
    with pytest.raises(WorkerFailed, match="three is bad"), WorkerPool(fail_on_three, 2) as pool:
        list(pool.imap(range(6)))
    assert all(not p.is_alive() for p in pool._processes)


def test_a_dead_worker_is_an_error_not_a_hang() -> None:
    started = time.monotonic()
    with pytest.raises(WorkerFailed, match="died"), WorkerPool(die_on_two, 1) as pool:
        list(pool.imap(range(4)))
    assert time.monotonic() - started < 60


def test_leaving_by_an_exception_terminates_busy_workers() -> None:
    pool: WorkerPool[int, tuple[int, int]] = WorkerPool(slow_square, 2)
    with pytest.raises(KeyboardInterrupt), pool:
        pool.submit(1)
        pool.submit(2)
        pids = [p.pid for p in pool._processes]
        raise KeyboardInterrupt
    assert pids and not any(pid is not None and alive(pid) for pid in pids)


def test_input_errors_survive_the_trip_between_processes() -> None:
    for error in (TooLarge("big.html", "too big"), EmptyInput("e.txt", "empty", code="E003")):
        back = PortableError.of(error).error()
        assert type(back) is type(error) and str(back) == str(error)

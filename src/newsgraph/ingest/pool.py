"""A pool of stage A worker processes that gives results back in the order work went in.

Stage A (clean + parse + extract) is CPU-bound Python, so one process per core is the only way
to use the machine; the store, being one writer, stays in the parent. `WorkerPool.imap` sends
each item to a worker and yields the results in input order, so whatever the parent writes is
the same as a one-process run would write, whatever the number of workers.

Workers are not forked from the parent (it may hold threads, a progress bar or a database
connection, that fork would copy half-alive) but from a fork server: a fresh interpreter,
started with the first worker, that imports stage A and loads the default spaCy pipeline once
(`newsgraph.ingest.preload`), so that every worker starts with it loaded instead of spending
1.5 CPU-seconds loading its own. Where there is no fork server (not POSIX) each worker is a
fresh interpreter of its own (spawn) and loads the pipeline itself. A worker runs one BLAS
thread (more would only contend with the other workers for the same cores), ignores SIGINT
(the parent decides when to stop; a Ctrl-C reaches the whole process group) and exits by
itself should its parent or the fork server vanish (a SIGKILL leaves no orphans). Workers
start lazily, one per item in flight up to `workers`, so a single page costs one worker, not
one per core.

The pool is meant to be shared by every command that runs stage A (`ingest`, `fetch`/`watch`,
`run --engine local`): anything picklable goes in, any top-level function of it runs. Submit
from a thread that lives as long as the pool (the main thread, as a command does): on Linux a
worker is tied to the thread that started it, and goes when that thread ends.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import queue
import resource
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from newsgraph.errors import InputError, NewsgraphError

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

_POLL_S = 0.5  # how often a waiting parent checks that its workers are alive
_STOP_S = 5.0  # how long a worker is given to exit before it is killed


class WorkerFailed(NewsgraphError):
    """A worker process died or its task raised something that is not a page's fault."""

    code = "E110"


def cpu_count() -> int:
    """The cores this process may run on (the affinity mask, not the machine's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def warm(model: str | None) -> None:
    """Prepare a worker: one BLAS thread, and the spaCy pipeline `model` loaded once."""
    import numpy  # noqa: F401  (loads OpenBLAS first, so that the limit below reaches it)
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    if model:
        from newsgraph.extract.nlp import load_pipeline

        load_pipeline(model)
    threadpool_limits(1)  # again: the pipeline may have loaded a BLAS of its own


@dataclass(frozen=True, slots=True)
class PortableError:
    """An InputError as it travels between processes (its constructor takes two arguments, so
    the default exception pickling, which replays one, cannot rebuild it)."""

    kind: type[InputError]
    source: str
    reason: str
    code: str

    @classmethod
    def of(cls, error: InputError) -> PortableError:
        return cls(type(error), error.source, error.reason, error.code)

    def error(self) -> InputError:
        return self.kind(self.source, self.reason, code=self.code)


@dataclass(slots=True)
class WorkerStats:
    """What the parent knows of one worker: its pid, tasks done and peak resident memory."""

    pid: int
    tasks: int = 0
    peak_rss_kib: int = 0


class WorkerPool(Generic[T, R]):
    """`workers` processes that each run `function(item)` for the items `imap` sends them.

    Use as a context manager: leaving it, normally or by an exception (KeyboardInterrupt, a
    SIGTERM turned into one), stops every worker and waits for it, so none outlives the pool.
    """

    def __init__(
        self, function: Callable[[T], R], workers: int, *, model: str | None = None
    ) -> None:
        if workers < 1:
            raise ValueError("a pool needs at least one worker")
        self.function = function
        self.workers = workers
        self.model = model
        self.stats: dict[int, WorkerStats] = {}
        self._context = _worker_context()
        self._tasks: Any = self._context.Queue()
        self._results: Any = self._context.Queue()
        self._processes: list[BaseProcess] = []
        self._sent = 0
        self._outstanding: set[int] = set()
        self._done: dict[int, R] = {}
        self._closed = False

    def __enter__(self) -> WorkerPool[T, R]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close(graceful=exc_info[0] is None)

    def submit(self, item: T) -> int:
        """Send `item` to a worker; returns the ticket its result is claimed with. A worker is
        started when more items are in flight than workers run, up to `workers`."""
        if self._closed:
            raise WorkerFailed("the worker pool is closed")
        ticket = self._sent
        self._sent += 1
        if len(self._processes) < min(self.workers, len(self._outstanding) + 1):
            self._start_worker()
        self._tasks.put((ticket, self.function, item))
        self._outstanding.add(ticket)
        return ticket

    def result(self, ticket: int) -> R:
        """The result of the item `ticket` names, waiting for it; results that arrive first for
        other tickets are kept for their turn. Raises WorkerFailed if a worker dies or its
        function raises."""
        if ticket not in self._outstanding:
            raise KeyError(f"no result pending for ticket {ticket}")
        while ticket not in self._done:
            number, result = self._next_result()
            self._done[number] = result
        self._outstanding.discard(ticket)
        return self._done.pop(ticket)

    def imap(self, items: Iterable[T], *, window: int | None = None) -> Iterator[R]:
        """The results of `function` over `items`, in input order; at most `window` items (two
        per worker by default) are in flight, so memory stays bounded however long the input."""
        ahead = window or 2 * self.workers
        tickets: deque[int] = deque()
        for item in items:
            tickets.append(self.submit(item))
            if len(tickets) >= ahead:
                yield self.result(tickets.popleft())
        while tickets:
            yield self.result(tickets.popleft())

    def close(self, *, graceful: bool = True) -> None:
        """Stop the workers: asked to finish when `graceful`, else terminated; killed if they
        have not exited within a few seconds either way."""
        if self._closed:
            return
        self._closed = True
        if graceful:
            for _ in self._processes:
                self._tasks.put(None)
        else:
            for process in self._processes:
                if process.is_alive():
                    process.terminate()
        deadline = time.monotonic() + _STOP_S
        for process in self._processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join()
        for channel in (self._tasks, self._results):
            channel.close()
            channel.cancel_join_thread()  # a killed reader must not block the parent's exit

    def _start_worker(self) -> None:
        process = self._context.Process(
            target=_serve,
            args=(self._tasks, self._results, os.getpid(), self.model),
            name=f"newsgraph-worker-{len(self._processes) + 1}",
            daemon=True,
        )
        process.start()
        self._processes.append(process)
        log.info("started worker %s (pid %s)", process.name, process.pid)

    def _next_result(self) -> tuple[int, R]:
        while True:
            try:
                message = self._results.get(timeout=_POLL_S)
            except queue.Empty:
                dead = [p for p in self._processes if p.exitcode is not None]
                if dead:
                    codes = ", ".join(f"pid {p.pid} exit {p.exitcode}" for p in dead)
                    raise WorkerFailed(f"a stage A worker died ({codes})") from None
                continue
            number, pid, ok, payload, peak = message
            stats = self.stats.setdefault(pid, WorkerStats(pid))
            stats.tasks += 1
            stats.peak_rss_kib = max(stats.peak_rss_kib, peak)
            if not ok:
                raise WorkerFailed(f"a stage A worker failed: {payload}")
            return number, payload


def prestart() -> None:
    """Start the workers' fork server now, so that its preload (stage A's imports and the
    spaCy pipeline, seconds of one core) runs while the caller does its own start-up (opening
    the store, reading the first inputs) instead of after it. A pool started later uses this
    server; without a fork server (spawn) this does nothing."""
    if _worker_context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def _worker_context() -> Any:
    """Fork server where there is one, preloading stage A (see the module's docstring)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # read when the server starts, the first time a worker does; the same for every pool
    context.set_forkserver_preload(["newsgraph.ingest.preload"])
    return context


def _serve(tasks: Any, results: Any, parent: int, model: str | None) -> None:
    """A worker's life: warm up, then run tasks until told to stop or orphaned."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _release_fork_server()
    _exit_with_parent(parent)
    try:
        warm(model)
    except Exception as exc:  # a missing model: every task says so, the parent stops
        failure: str | None = _describe(exc)
    else:
        failure = None
    pid = os.getpid()
    while True:
        task = tasks.get()
        if task is None:
            return
        number, function, item = task
        if failure is not None:
            results.put((number, pid, False, failure, _peak_rss()))
            continue
        try:
            result = function(item)
        except Exception as exc:
            logging.getLogger(__name__).exception("a task failed in worker %s", pid)
            results.put((number, pid, False, _describe(exc), _peak_rss()))
        else:
            results.put((number, pid, True, result, _peak_rss()))


def _describe(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, NewsgraphError) else f"{type(exc).__name__}: {exc}"


def _peak_rss() -> int:
    """This process's peak resident memory in KiB (ru_maxrss is bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def _release_fork_server() -> None:
    """Close this worker's copy of the pipe whose end tells the fork server that the pool's
    process is gone (multiprocessing hands one to every child it forks, for children of its
    own, which a worker never starts): held open here, it would keep the server alive after
    that process dies, and with the server this worker, which exits when the server does."""
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    fd = getattr(server, "_forkserver_alive_fd", None)
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)
        server._forkserver_alive_fd = None  # type: ignore[union-attr]


def _exit_with_parent(parent: int) -> None:
    """Exit as soon as the pool's process (`parent`) is gone, whatever killed it. A worker's
    own parent is that process or the fork server, which exits when that process does: on
    Linux the kernel sends SIGKILL when the worker's parent goes (PR_SET_PDEATHSIG); elsewhere,
    and as a backstop, a thread watches both."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    started_by = os.getppid()

    def orphaned() -> bool:
        if os.getppid() != started_by:
            return True
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            return True
        except OSError:  # alive, under another user
            return False
        return False

    if orphaned() or started_by == 1:  # the parent died before the lines above ran
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if orphaned():
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()

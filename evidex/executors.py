"""Where documents run: a local process pool (default) or a dask.distributed cluster.

Both run the same function, ``pipeline.work(task, options)``, and yield the same events
(``start`` when a document is handed to a worker, ``done`` with its ``Outcome``), so progress,
the store and the summary do not know which one ran. Each keeps at most one document per worker
in flight: the per-document time limit then counts from the start of that document, results
never pile up in memory, and "the current file" is the one a worker holds.

A document over the time limit is stopped by killing its worker (a thread cannot be stopped):
pebble replaces the process; on Dask the worker is restarted through its nanny. Either way the
document becomes a failed row with one clear line and the batch goes on.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from evidex import pipeline
from evidex.models import ErrorItem, RunOptions
from evidex.pipeline import Outcome, Task

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.5


@dataclass(frozen=True)
class Event:
    kind: str  # start | done
    task: Task
    outcome: Outcome | None = None


class Executor(Protocol):
    name: str
    workers: int

    def run(self, tasks: Sequence[Task], options: RunOptions, timeout: float) -> Iterator[Event]: ...

    def close(self) -> None: ...


def die_with_parent(parent_pid: int) -> None:
    """Make this worker exit when the batch's process dies, even by SIGKILL (which it cannot catch)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)

    def watch() -> None:  # other systems, and the moment before prctl took effect
        while True:
            time.sleep(1.0)
            try:
                os.kill(parent_pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:
                pass  # the pid is alive, under another user (reused): keep going

    threading.Thread(target=watch, name="evidex-parent-watch", daemon=True).start()


def _init_worker(parent_pid: int) -> None:
    # Tesseract's OpenMP threads: measured ~5x slower per page on 2 shared cores than one thread each
    os.environ["OMP_THREAD_LIMIT"] = "1"
    die_with_parent(parent_pid)
    pipeline.warm()  # loaded before the first document, so its time limit counts only the document


def _limit_error(timeout: float) -> ErrorItem:
    return ErrorItem("executor", None, f"stopped after the {timeout:g} s time limit (--timeout); "
                                       "run it alone with a larger --timeout")  # fmt: skip


def _crash_error(exc: BaseException) -> ErrorItem:
    code = getattr(exc, "exitcode", None)
    if code is not None and code < 0:
        how = f"killed by signal {-code}" + (" (out of memory?)" if -code == signal.SIGKILL else "")
        return ErrorItem("executor", None, f"the worker process was {how}")
    text = " ".join(f"{type(exc).__name__}: {exc}".split())[: pipeline.MAX_MESSAGE]
    return ErrorItem("executor", None, f"the worker failed ({text})")


class LocalExecutor:
    """``jobs`` worker processes on this machine (pebble: a pool that can kill one overrunning task)."""

    name = "local"

    def __init__(self, jobs: int) -> None:
        from pebble import ProcessPool

        self.workers = max(1, jobs)
        pipeline.warm()  # loaded once here; forked workers share it and start reading at once
        # fork: workers start at once with the stages imported, and never re-run the caller's __main__
        # (spawn and forkserver do, which breaks scripts and notebooks that call evidex.batch.run)
        self.pool = ProcessPool(max_workers=self.workers, initializer=_init_worker, initargs=(os.getpid(),),
                                context=mp.get_context("fork"))  # fmt: skip

    def run(self, tasks: Sequence[Task], options: RunOptions, timeout: float) -> Iterator[Event]:
        from concurrent.futures import FIRST_COMPLETED, wait

        pending, running = deque(tasks), dict[Any, tuple[Task, float]]()
        while pending or running:
            while pending and len(running) < self.workers:
                task = pending.popleft()
                future = self.pool.schedule(pipeline.work, args=(task, options), timeout=timeout)
                running[future] = (task, time.monotonic())
                yield Event("start", task)
            done, _ = wait(list(running), return_when=FIRST_COMPLETED)
            for finished in done:
                task, t0 = running.pop(finished)
                yield Event("done", task, self._outcome(finished, task, t0, timeout, options.strict))

    @staticmethod
    def _outcome(future: Any, task: Task, t0: float, timeout: float, strict: bool) -> Outcome:
        from concurrent.futures import TimeoutError as FutureTimeout

        try:
            return future.result()  # type: ignore[no-any-return]
        except FutureTimeout:
            return pipeline.failed_outcome(task, _limit_error(timeout), time.monotonic() - t0)
        except Exception as exc:
            if strict:
                raise
            return pipeline.failed_outcome(task, _crash_error(exc), time.monotonic() - t0)

    def close(self) -> None:
        self.pool.stop()
        self.pool.join(timeout=10)


class DaskExecutor:
    """A dask.distributed cluster: ``scheduler`` ("tcp://HOST:8786"), or a LocalCluster of ``jobs`` workers."""

    name = "dask"

    def __init__(self, jobs: int, scheduler: str | None = None) -> None:
        from distributed import Client, LocalCluster

        self.cluster = None
        if scheduler:
            self.client = Client(scheduler, timeout="30s")
        else:
            self.cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)  # fmt: skip
            self.client = Client(self.cluster)
        self.workers = max(1, sum(self.client.nthreads().values()))

    def run(self, tasks: Sequence[Task], options: RunOptions, timeout: float) -> Iterator[Event]:
        from distributed import wait

        pending, running = deque(tasks), dict[Any, tuple[Task, float]]()
        while pending or running:
            while pending and len(running) < self.workers:
                task = pending.popleft()
                key = f"evidex-{task.study_id}-{time.time_ns()}"
                future = self.client.submit(pipeline.work, task, options, key=key, pure=False, retries=0)
                running[future] = (task, time.monotonic())
                yield Event("start", task)
            with contextlib.suppress(TimeoutError):  # dask's wait raises when nothing finished in time
                wait(list(running), timeout=POLL_SECONDS, return_when="FIRST_COMPLETED")
            for future, (task, t0) in list(running.items()):
                outcome = self._poll(future, task, t0, timeout, options.strict)
                if outcome is not None:
                    del running[future]
                    yield Event("done", task, outcome)

    def _poll(self, future: Any, task: Task, t0: float, timeout: float, strict: bool) -> Outcome | None:
        if future.done():
            try:
                return future.result()  # type: ignore[no-any-return]
            except Exception as exc:
                if strict:
                    raise
                return pipeline.failed_outcome(task, _crash_error(exc), time.monotonic() - t0)
        if time.monotonic() - t0 <= timeout:
            return None
        self._stop(future)
        return pipeline.failed_outcome(task, _limit_error(timeout), time.monotonic() - t0)

    def _stop(self, future: Any) -> None:
        """A thread cannot be stopped: restart the worker that holds the document (its nanny brings it back)."""
        holders = [w for w, keys in self.client.processing().items() if future.key in keys]
        future.cancel()
        if holders:
            try:
                self.client.restart_workers(holders, timeout=60)
            except Exception as exc:  # a worker without a nanny cannot be restarted: say so, go on
                logging.getLogger("evidex").warning("could not restart dask worker %s: %s", holders, exc)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make(name: str, jobs: int, scheduler: str | None = None) -> Executor:
    if name == "dask":
        return DaskExecutor(jobs, scheduler)
    return LocalExecutor(jobs)

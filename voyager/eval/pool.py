"""Trials on this machine: up to N child processes at once, each its own run, world and bridge.

A thread per worker runs one trial's attempts (``attempt.run_attempt``), one
after another up to ``retries`` more when an attempt fails; events go through a
queue to the caller's thread, which is the only one that sees them. Before a
child starts, the memory it will need must be free (``MemoryGate``); one
trial always runs, so a small machine runs trials one at a time.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from voyager.eval.attempt import AttemptResult, SessionJob, progress_event, run_attempt
from voyager.eval.child import interrupt_children
from voyager.eval.trials import Trial

Event = dict[str, Any]
POLL_S = 0.2
GROW_S = 60.0  # a new child counts at its full estimate for this long (it is still growing)


def available_memory_mb() -> int:
    """MemAvailable from /proc/meminfo (MiB); very large where there is no /proc."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 1 << 30


class MemoryGate:
    """Lets a child start when the memory free now, less what recent children may still take,
    covers one more; one child may always run."""

    def __init__(self, need_mb: int, available: Callable[[], int] = available_memory_mb) -> None:
        self.need_mb = need_mb
        self._available = available
        self._starts: list[float] = []
        self._running = 0
        self._changed = threading.Condition()

    @contextlib.contextmanager
    def slot(self) -> Iterator[None]:
        with self._changed:
            while self._running > 0 and not self._room():
                self._changed.wait(timeout=2.0)
            self._running += 1
            self._starts.append(time.monotonic())
        try:
            yield
        finally:
            with self._changed:
                self._running -= 1
                self._changed.notify_all()

    def _room(self) -> bool:
        now = time.monotonic()
        self._starts = [t for t in self._starts if now - t < GROW_S]
        return self._available() - self.need_mb * len(self._starts) >= self.need_mb


class ProcessPool:
    """Runs trials as child processes, ``workers`` at a time."""

    engine = "process pool"

    def __init__(self, workers: int, memory_mb: int, retries: int) -> None:
        self.workers = workers
        self.retries = retries
        self.gate = MemoryGate(memory_mb)
        self._stopping = threading.Event()
        self.hold: Callable[[], bool] = lambda: False  # True: start no more trials

    @property
    def interrupted(self) -> bool:
        return self._stopping.is_set()

    def close(self) -> None:
        pass

    def run(self, trials: list[Trial], job: SessionJob, on_event: Callable[[Event], None]) -> None:
        """Run every trial to an outcome; ``on_event`` sees every event, on this thread."""
        events: queue.Queue[Event] = queue.Queue()
        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="trial") as pool:
            futures = {pool.submit(self._trial, t, job, events.put): t for t in trials}
            interrupts = 0
            while futures:
                try:
                    self._drain(events, on_event, futures)
                except KeyboardInterrupt:
                    interrupts += 1
                    if interrupts > 2:
                        raise
                    self._stopping.set()
                    interrupt_children()  # the second time: the children stop at once
            self._flush(events, on_event)

    def _drain(
        self,
        events: queue.Queue[Event],
        on_event: Callable[[Event], None],
        futures: dict[Future[AttemptResult], Trial],
    ) -> None:
        with contextlib.suppress(queue.Empty):
            on_event(events.get(timeout=POLL_S))
        self._flush(events, on_event)
        for future in [f for f in futures if f.done()]:
            trial = futures.pop(future)
            self._flush(events, on_event)
            on_event({"event": "trial_end", **_result(future, trial).to_dict()})

    @staticmethod
    def _flush(events: queue.Queue[Event], on_event: Callable[[Event], None]) -> None:
        while True:
            try:
                on_event(events.get_nowait())
            except queue.Empty:
                return

    def _trial(self, trial: Trial, job: SessionJob, put: Callable[[Event], None]) -> AttemptResult:
        result = AttemptResult(trial.id, "pending", "the eval stopped before it began", None, False)
        for attempt in range(1, self.retries + 2):
            with self.gate.slot():
                if self._stopping.is_set() or self.hold():
                    return result
                put({"event": "attempt_start", "trial": trial.id, "attempt": attempt})
                try:
                    result = run_attempt(job, trial, lambda tid, rec: put(progress_event(tid, rec)))
                except Exception as exc:  # an attempt that could not even run is a failed one
                    result = AttemptResult(
                        trial.id, "failed", f"{type(exc).__name__}: {exc}", None, False
                    )
            put({"event": "attempt_end", "attempt": attempt, **result.to_dict()})
            if result.outcome != "failed":
                return result
        return result


def _result(future: Future[AttemptResult], trial: Trial) -> AttemptResult:
    try:
        return future.result()
    except Exception as exc:
        return AttemptResult(trial.id, "failed", f"{type(exc).__name__}: {exc}", None, False)

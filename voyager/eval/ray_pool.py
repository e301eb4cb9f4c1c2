"""Trials as Ray tasks: on this machine (``local``) or on a cluster (``auto`` or an address).

Ray is the engine: every trial is one task that runs the same child command
as the process pool (``attempt.run_attempt``); Ray places tasks by their
resources (one CPU and the trial's memory each), retries a failed attempt
(``max_retries`` with ``retry_exceptions``) and cancels tasks on Ctrl-C. The
children's events come back through a ``ray.util.queue.Queue``.

Where a task runs: when its node sees the eval folder (this machine, or a
file system shared by the cluster) the trial runs in place; otherwise the
trial's folder (with its settings and library) travels with the task as a
tar archive, runs in a scratch folder, and comes back when the attempt ends.
Only in place do trials in flight resume from their checkpoints after the
eval itself is killed; elsewhere they start again.
"""

from __future__ import annotations

import io
import logging
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from voyager.errors import VoyagerError
from voyager.eval.attempt import (
    ATTEMPTS_DIR,
    LOGS_DIR,
    AttemptResult,
    SessionJob,
    progress_event,
    read_outcome,
    run_attempt,
)
from voyager.eval.folder import STATE_FILE
from voyager.eval.trials import SETTINGS_FILE, TRIALS_DIR, Trial
from voyager.files import read_json

Event = dict[str, Any]
POLL_S = 0.2
MB = 1024 * 1024


class TrialFailed(Exception):
    """An attempt without an outcome; Ray retries the task."""


class RayError(VoyagerError, RuntimeError):
    """Ray is missing or cannot be reached; the message says what to install or check."""


def ray_module() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise RayError(
            "--ray needs Ray: pip install 'voyager[ray]' (or use --workers N without --ray)"
        ) from exc
    return ray


class RayPool:
    """Runs trials as Ray tasks; ``address`` is ``local``, ``auto`` or a cluster's address."""

    def __init__(self, address: str, workers: int, memory_mb: int, retries: int) -> None:
        self.address = address
        self.workers = workers
        self.memory_mb = memory_mb
        self.retries = retries
        self.engine = f"ray ({address})"
        self.interrupted = False
        self.hold: Callable[[], bool] = lambda: False  # True: start no more trials
        self._started = False

    @property
    def local(self) -> bool:
        return self.address == "local"

    def run(self, trials: list[Trial], job: SessionJob, on_event: Callable[[Event], None]) -> None:
        if not trials:
            return
        ray = ray_module()
        from ray.util.queue import Queue

        self._connect(ray)
        events = Queue()
        task = ray.remote(_ray_trial).options(
            num_cpus=1,
            memory=self.memory_mb * MB,
            max_retries=self.retries,
            retry_exceptions=[TrialFailed],
        )
        eval_dir = Path(job.eval_dir)
        refs = {
            task.remote(job, trial, events, None if self.local else _pack(eval_dir, trial)): trial
            for trial in trials
        }
        try:
            self._wait(ray, refs, events, eval_dir, on_event)
        except KeyboardInterrupt:
            self.interrupted = True
            for ref in refs:
                ray.cancel(ref)  # the task passes one SIGINT to its child, which saves
            self._wait(ray, refs, events, eval_dir, on_event)
        events.shutdown()

    def close(self) -> None:
        """Stop the Ray this pool started (a cluster it joined goes on)."""
        if self._started:
            ray_module().shutdown()
            self._started = False

    def _connect(self, ray: Any) -> None:
        """Start a local Ray or join a cluster, once."""
        if ray.is_initialized():
            return
        options: dict[str, Any] = {
            "include_dashboard": False,
            "log_to_driver": False,
            "logging_level": logging.ERROR,
        }
        try:
            if self.local:
                ray.init(num_cpus=self.workers, **options)
            else:
                ray.init(address=self.address, **options)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise RayError(f"cannot start or join Ray at {self.address!r}: {exc}") from exc
        self._started = True

    def _wait(
        self,
        ray: Any,
        refs: dict[Any, Trial],
        events: Any,
        eval_dir: Path,
        on_event: Callable[[Event], None],
    ) -> None:
        held = False
        while refs:
            if not held and self.hold():
                held = True
                for ref in refs:
                    ray.cancel(ref)  # those waiting never start; the others save and stop
            ready, _ = ray.wait(list(refs), num_returns=1, timeout=POLL_S)
            _drain(events, on_event)
            for ref in ready:
                trial = refs.pop(ref)
                result = self._result(ray, ref, trial, eval_dir)
                _drain(events, on_event)
                on_event({"event": "trial_end", **result.to_dict()})

    def _result(self, ray: Any, ref: Any, trial: Trial, eval_dir: Path) -> AttemptResult:
        try:
            result, packed = ray.get(ref)
        except ray.exceptions.TaskCancelledError:
            outcome, reason = read_outcome(trial, trial.folder(eval_dir))
            reason = reason or "stopped before its end"
            return AttemptResult(
                trial.id, outcome.replace("failed", "stopped"), reason, None, False
            )
        except ray.exceptions.RayTaskError as exc:
            cause = exc.cause if isinstance(exc.cause, TrialFailed) else exc
            return AttemptResult(trial.id, "failed", str(cause), None, False)
        except ray.exceptions.RayError as exc:
            return AttemptResult(trial.id, "failed", f"Ray lost the task: {exc}", None, False)
        if packed is not None:
            _unpack(packed, eval_dir)
        assert isinstance(result, AttemptResult)
        return result


def _drain(events: Any, on_event: Callable[[Event], None]) -> None:
    size = events.qsize()
    if size:
        for event in events.get_nowait_batch(size):
            on_event(event)


def _ray_trial(
    job: SessionJob, trial: Trial, events: Any, packed: bytes | None
) -> tuple[AttemptResult, bytes | None]:
    """One attempt, as a Ray task: in place when this node sees the eval folder."""

    def put(trial_id: str, record: dict[str, Any]) -> None:
        events.put(progress_event(trial_id, record))

    events.put({"event": "attempt_start", "trial": trial.id})
    if packed is None or _sees_eval(job):
        result = run_attempt(job, trial, put)
        returned = None
    else:
        with tempfile.TemporaryDirectory(prefix="voyager-trial-") as scratch:
            _unpack(packed, Path(scratch))
            result = run_attempt(replace(job, eval_dir=scratch), trial, put)
            returned = _pack(Path(scratch), trial, outputs=True)
    events.put({"event": "attempt_end", **result.to_dict()})
    if result.outcome == "failed":
        raise TrialFailed(result.reason)
    return result, returned


def _sees_eval(job: SessionJob) -> bool:
    state = read_json(Path(job.eval_dir) / STATE_FILE, None)
    return isinstance(state, dict) and state.get("id") == job.eval_id


def _pack(eval_dir: Path, trial: Trial, *, outputs: bool = False) -> bytes:
    """A tar of what a trial reads (settings, its folder, its library) or, with ``outputs``,
    writes (its folder, its log, its earlier attempts), relative to the eval folder."""
    names = [f"{TRIALS_DIR}/{trial.id}"]
    if outputs:
        names += [f"{LOGS_DIR}/{trial.id}.log"]
        names += [
            p.relative_to(eval_dir).as_posix()
            for p in (eval_dir / ATTEMPTS_DIR).glob(f"{trial.id}.*")
        ]
    else:
        names += [SETTINGS_FILE] + ([trial.library] if trial.library else [])
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name in names:
            if (eval_dir / name).exists():
                tar.add(eval_dir / name, arcname=name)
    return buffer.getvalue()


def _unpack(packed: bytes, into: Path) -> None:
    with tarfile.open(fileobj=io.BytesIO(packed), mode="r:gz") as tar:
        tar.extractall(into, filter="data")

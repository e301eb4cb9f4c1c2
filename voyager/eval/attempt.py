"""One attempt at a trial, the same on this machine and on a Ray node: prepare, run, classify.

An explore or team trial whose folder holds a run continues it with ``--resume``
(from its last checkpoint); a zeroshot trial (``voyager run`` cannot resume)
starts again, its old folder kept under ``attempts/``. The outcome comes from
the run folder, not from the child's exit code:

- ``done``: the run finished (explore: ``state.json`` says done; team: every
  learner's ``agents/<name>/state.json`` does; zeroshot: ``result.json``
  exists, the goal reached or not);
- ``stopped``: the run ended cleanly before its end (the shared cost ceiling,
  an LLM endpoint that gave up, Ctrl-C): resumable, not retried now;
- ``failed``: no such account (a crash, a world that would not start): the
  eval retries it a bounded number of times.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from voyager.eval.child import Record, run_child, stderr_tail
from voyager.eval.gateway import CEILING_MARKER
from voyager.eval.trials import Trial, child_argv
from voyager.files import read_json

ATTEMPTS_DIR = "attempts"
LOGS_DIR = "logs"
PROGRESS_FIELDS = (
    "agent",
    "iteration",
    "iterations",
    "task",
    "round",
    "success",
    "critique",
    "milestone",
    "new_items",
    "status",
    "reason",
    "goal",
    "budget",
)


@dataclass(frozen=True)
class SessionJob:
    """What a worker needs to run attempts of one eval session's trials."""

    eval_id: str
    eval_dir: str
    env: dict[str, str] = field(default_factory=dict)  # for the children: the gateway's key
    admin_token: str | None = None


@dataclass(frozen=True)
class AttemptResult:
    trial: str
    outcome: str  # done, stopped or failed
    reason: str
    exit_code: int | None  # None: nothing was run (the folder already held the outcome)
    resumed: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def run_attempt(
    job: SessionJob, trial: Trial, on_record: Callable[[str, Record], None]
) -> AttemptResult:
    eval_dir = Path(job.eval_dir)
    folder = trial.folder(eval_dir)
    outcome, reason = read_outcome(trial, folder)
    if outcome == "done":  # finished before the eval could record it
        return AttemptResult(trial.id, outcome, reason, None, resumed=False)
    resume = _prepare(trial, eval_dir)
    log = eval_dir / LOGS_DIR / f"{trial.id}.log"
    code = run_child(
        child_argv(trial, eval_dir, resume=resume, admin_token=job.admin_token),
        env=child_environment(job.env),
        cwd=eval_dir,
        log_path=log,
        on_record=lambda record: on_record(trial.id, record),
    )
    outcome, reason = read_outcome(trial, folder)
    if outcome == "failed":
        reason = f"exit code {code}; the end of {log}:\n{stderr_tail(log)}"
    return AttemptResult(trial.id, outcome, reason, code, resumed=resume)


def read_outcome(trial: Trial, folder: Path) -> tuple[str, str]:
    """``(outcome, reason)`` from what the run folder says."""
    if trial.kind == "explore":
        return _session_outcome(folder)
    if trial.kind == "team":
        return _team_outcome(trial, folder)
    result = read_json(folder / "result.json", None)
    if result is None:
        return "failed", ""
    reason = str(result.get("reason", ""))
    if not result.get("success") and CEILING_MARKER in reason:
        return "stopped", reason
    return "done", reason


def _session_outcome(folder: Path) -> tuple[str, str]:
    state = read_json(folder / "state.json", None) or {}
    status = state.get("status")
    if status in ("done", "stopped"):
        return status, str(state.get("stop_reason", ""))
    return "failed", ""


def _team_outcome(trial: Trial, folder: Path) -> tuple[str, str]:
    """Done when every learner is; failed when one has no clean end; else stopped."""
    from voyager.config import AgentsSettings
    from voyager.team import agent_folder

    names = AgentsSettings(count=trial.agents).names()
    outcomes = {name: _session_outcome(agent_folder(folder, name)) for name in names}
    for wanted in ("failed", "stopped"):
        found = [f"{name}: {reason}" for name, (o, reason) in outcomes.items() if o == wanted]
        if found:
            return wanted, "; ".join(found)
    return "done", ""


def progress_event(trial_id: str, record: Record) -> dict[str, Any]:
    """A child's event for the eval's progress: its name and small fields (no code, prompt or
    step events)."""
    small = {k: record[k] for k in PROGRESS_FIELDS if k in record}
    return {"event": "progress", "trial": trial_id, "child_event": record["event"], **small}


def child_environment(extra: dict[str, str]) -> dict[str, str]:
    """The eval's environment without ``VOYAGER_*`` (the trial settings file holds all of them,
    so a resumed eval runs as it began whatever the shell holds now), plus ``extra``."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith("VOYAGER_")}
    return kept | extra


def _prepare(trial: Trial, eval_dir: Path) -> bool:
    """True when the trial continues its run; otherwise its folder is free for a new one."""
    folder = trial.folder(eval_dir)
    if trial.lifelong and (folder / "config.toml").is_file():
        return True
    if folder.exists():
        attempts = eval_dir / ATTEMPTS_DIR
        attempts.mkdir(parents=True, exist_ok=True)
        number = len(list(attempts.glob(f"{trial.id}.*"))) + 1
        folder.rename(attempts / f"{trial.id}.{number}")
    return False

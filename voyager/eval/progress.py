"""Live progress of an eval: trials done, running, failed and an ETA (rich on a terminal),
one line per event when piped, every event as JSON with ``--json``."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from rich.console import Console, Group
from rich.live import Live
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from voyager.progress import OUTCOMES

Record = dict[str, Any]


def describe_eval_event(record: Record) -> str:
    """A one-line account of an eval event, or "" for events not worth a line."""
    event = record["event"]
    trial = f"[{record.get('trial', '')}]"
    if event == "eval_start":
        return (
            f"eval {record['eval']}: {len(record['todo'])} of {record['trials']} trials to run "
            f"({record['done']} done before) on the {record['engine']}"
        )
    if event == "attempt_start":
        return f"{trial} started (attempt {record['attempt']})"
    if event == "attempt_end" and record["outcome"] == "failed":
        return f"{trial} attempt failed: {_first_line(record['reason'])}"
    if event == "trial_end":
        return f"{trial} {record['outcome']}: {_trial_summary(record)}"
    if event == "eval_end":
        counts = ", ".join(f"{record[k]} {k}" for k in ("done", "failed", "stopped") if record[k])
        reason = f" ({record['reason']})" if record["reason"] else ""
        return f"eval {record['status']}{reason}: {counts}"
    if event == "progress":
        return _describe_progress(trial, record)
    return ""


def _describe_progress(trial: str, record: Record) -> str:
    child = record["child_event"]
    if record.get("agent"):  # a learner of a team trial
        trial = f"{trial} {record['agent']}"
    if child == "task":
        return f"{trial} task: {record['task']}"
    if child == "round":
        outcome = OUTCOMES[record["success"]]
        return f"{trial} iteration {record['iteration']} round {record['round']}: {outcome}"
    if child == "milestone":
        return f"{trial} milestone: {record['milestone']} at iteration {record['iteration']}"
    return ""


def _trial_summary(record: Record) -> str:
    figures = record.get("figures") or {}
    if record["outcome"] != "done" or not figures:
        return _first_line(record.get("reason", "")) or "-"
    items = figures.get("items", figures.get("group_items", 0))  # a team's: the group's
    parts = [f"{figures.get('iterations', 0)} iterations", f"{items} items"]
    if "reused_skills" in figures:
        parts.append(f"{figures['reused_skills']} skills reused across learners")
    if "success" in figures:
        parts.insert(0, "goal reached" if figures["success"] else "goal not reached")
    reached = ", ".join(f"{k} @ {v}" for k, v in figures.get("milestones", {}).items())
    return ", ".join(parts) + (f"; {reached}" if reached else "")


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


class EvalLineProgress:
    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr

    def __call__(self, record: Record) -> None:
        line = describe_eval_event(record)
        if line:
            print(line, file=self.stream, flush=True)

    def close(self) -> None:
        pass


class EvalLiveProgress:
    """Counts of trials by status, a bar over all iterations with the time left, running trials."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed:.0f}/{task.total:.0f} iterations"),
            TimeRemainingColumn(),
            console=self.console,
        )
        self.overall = self.bar.add_task("eval", total=None)
        self.planned: dict[str, int] = {}
        self.done_iterations: dict[str, int] = {}
        self.running: dict[str, str] = {}
        self.counts = {"done": 0, "failed": 0, "stopped": 0}
        self.engine = ""
        self.live = Live(self._render(), console=self.console, refresh_per_second=4)
        self.live.start()

    def __call__(self, record: Record) -> None:
        self._update(record)
        line = describe_eval_event(record)
        if line and record["event"] in ("trial_end", "attempt_end", "eval_start", "eval_end"):
            self.live.console.print(line)
        self.bar.update(self.overall, completed=sum(self.done_iterations.values()))
        self.live.update(self._render())

    def close(self) -> None:
        self.live.stop()

    def _update(self, record: Record) -> None:
        event = record["event"]
        trial = record.get("trial", "")
        if event == "eval_start":
            self.planned = dict(record["iterations"])
            self.engine = record["engine"]
            self.bar.update(self.overall, total=sum(self.planned.values()) or None)
        elif event == "attempt_start":
            self.running[trial] = "starting"
        elif event == "progress" and record["child_event"] == "round":
            agent = record.get("agent")  # team trials: each learner counts its own iterations
            self.done_iterations[f"{trial}/{agent}" if agent else trial] = record["iteration"]
            verdict = OUTCOMES[record["success"]]
            of = "" if agent else f"/{self.planned.get(trial, '?')}"
            self.running[trial] = f"{agent or ''} {record['iteration']}{of} {verdict}".lstrip()
        elif event == "trial_end":
            self.running.pop(trial, None)
            if record["outcome"] in self.counts:
                self.counts[record["outcome"]] += 1
            if record["outcome"] == "done":
                for key in [k for k in self.done_iterations if k.startswith(f"{trial}/")]:
                    del self.done_iterations[key]
                self.done_iterations[trial] = self.planned.get(trial, 0)

    def _render(self) -> Group:
        planned = len(self.planned)
        left = planned - sum(self.counts.values()) - len(self.running)
        summary = Text(
            f"trials: {self.counts['done']} done, {len(self.running)} running, "
            f"{self.counts['failed']} failed, {self.counts['stopped']} stopped, "
            f"{max(left, 0)} waiting ({self.engine})"
        )
        table = Table.grid(padding=(0, 2))
        for trial, state in sorted(self.running.items()):
            table.add_row(trial, state)
        return Group(summary, self.bar, table)


class EvalJsonProgress:
    """Every eval event as one JSON line on stdout, for scripts."""

    def __call__(self, record: Record) -> None:
        print(json.dumps(record, default=str), flush=True)

    def close(self) -> None:
        pass


EvalProgressView = EvalLineProgress | EvalLiveProgress | EvalJsonProgress


def eval_progress_for(*, as_json: bool) -> EvalProgressView:
    if as_json:
        return EvalJsonProgress()
    if sys.stderr.isatty():
        return EvalLiveProgress()
    return EvalLineProgress()

"""Live progress of a run: a rich panel on a terminal, one line per event otherwise, or JSON."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from typing import Any, TextIO

from rich.console import Console, Group
from rich.live import Live
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

NEWEST_ITEMS = 6
OUTCOMES = {True: "success", False: "failed", None: "undecided"}


class LineProgress:
    """One plain line per event on stderr: for logs, pipes and CI."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr

    def __call__(self, record: dict[str, Any]) -> None:
        line = describe_event(record)
        if line:
            print(line, file=self.stream, flush=True)

    def close(self) -> None:
        pass


class JsonProgress:
    """Every event as one JSON line on stdout, for scripts."""

    def __call__(self, record: dict[str, Any]) -> None:
        print(json.dumps(record, default=str), flush=True)

    def close(self) -> None:
        pass


class LiveProgress:
    """A panel redrawn in place: task, round, verdict, items, milestones, tokens and dollars."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.started = time.monotonic()
        self.first_iteration: int | None = None
        self.iteration = self.iterations = 0
        self.task = ""
        self.round = 0
        self.verdict = ""
        self.items: list[str] = []
        self.milestones: dict[str, int] = {}
        self.tokens: Counter[str] = Counter()
        self.cost: Counter[str] = Counter()
        self.last_line = ""
        self.live = Live(self._render(), console=self.console, refresh_per_second=4)
        self.live.start()

    def __call__(self, record: dict[str, Any]) -> None:
        self._update(record)
        line = describe_event(record)
        if record["event"] in ("task_end", "milestone") and line:
            self.live.console.print(line)
        self.live.update(self._render())

    def close(self) -> None:
        self.live.stop()

    def _update(self, record: dict[str, Any]) -> None:
        event = record["event"]
        for role, usage in record.get("usage", {}).items():
            self.tokens[role] += usage.get("prompt_tokens", 0) + usage.get("completion_tokens", 0)
            self.cost[role] += usage.get("cost", 0.0)
        if event == "start":
            self.iteration, self.iterations = record["iteration"], record["iterations"]
            self.first_iteration = record["iteration"]
        elif event == "task":
            self.task, self.round, self.verdict = record["task"], 0, ""
        elif event == "round":
            self.iteration, self.round = record["iteration"], record["round"]
            outcome = OUTCOMES[record["success"]]
            critique = record.get("critique") or record.get("reason") or ""
            self.verdict = outcome + (f": {critique}" if critique and not record["success"] else "")
            self.items.extend(record.get("new_items", []))
        elif event == "milestone":
            self.milestones[record["milestone"]] = record["iteration"]

    def _render(self) -> Group:
        elapsed = time.monotonic() - self.started
        done = self.iteration - (self.first_iteration or 0)
        rate = f"{60 * done / elapsed:.1f}/min" if elapsed > 0 and done else "-"
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        table.add_row("iteration", f"{self.iteration}/{self.iterations}  ({rate}, {elapsed:.0f}s)")
        table.add_row("task", f"{self.task or '-'}  (round {self.round})")
        table.add_row("last verdict", Text(self.verdict or "-", overflow="ellipsis", no_wrap=True))
        newest = ", ".join(self.items[-NEWEST_ITEMS:]) or "-"
        table.add_row("items", f"{len(self.items)} new; newest: {newest}")
        reached = ", ".join(f"{k} @ {v}" for k, v in self.milestones.items()) or "-"
        table.add_row("milestones", reached)
        spend = ", ".join(
            f"{role} {self.tokens[role]} tok ${self.cost[role]:.4f}" for role in sorted(self.tokens)
        )
        table.add_row("llm", f"${sum(self.cost.values()):.4f}  {spend or '-'}")
        return Group(table)


def describe_event(record: dict[str, Any]) -> str:
    """A one-line account of a loop event, or "" for events not worth a line."""
    event = record["event"]
    if event == "start":
        return f"starting at iteration {record['iteration']} of {record['iterations']}"
    if event == "task":
        return f"task: {record['task']}"
    if event == "round":
        outcome = OUTCOMES[record["success"]]
        critique = record.get("critique") or ""
        extra = f" ({critique})" if critique and not record["success"] else ""
        return f"  iteration {record['iteration']} round {record['round']}: {outcome}{extra}"
    if event == "task_end":
        return f"{'done' if record['success'] else 'gave up'}: {record['task']}"
    if event == "milestone":
        return f"milestone: {record['milestone']} at iteration {record['iteration']}"
    if event == "skill_tested":
        verdict = "ok  " if record["success"] else "FAIL"
        error = f" {record['error']}" if record["error"] else ""
        where = f"[{record['index']}/{record['skills']}] {verdict} {record['name']}"
        return f"{where} ({record['task']}, {record['seconds']:.1f}s){error}"
    return ""  # "start" of a goal, "stop" and others: the command prints its own last lines


class TestsProgress:
    """A bar with the count and the time left, and a line per skill above it."""

    def __init__(self, console: Console | None = None) -> None:
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console or Console(stderr=True),
        )
        self.task = self.bar.add_task("testing skills", total=None)
        self.bar.start()

    def __call__(self, record: dict[str, Any]) -> None:
        if record["event"] == "tests_start":
            self.bar.update(self.task, total=record["skills"])
        elif record["event"] == "skill_tested":
            self.bar.console.print(describe_event(record))
            self.bar.update(self.task, advance=1, description=f"tested {record['name']}")

    def close(self) -> None:
        self.bar.stop()


ProgressView = LineProgress | JsonProgress | LiveProgress | TestsProgress


def progress_for(*, as_json: bool, tests: bool = False) -> ProgressView:
    """JSON when asked, a live panel (or, for skill tests, a bar) on a terminal, lines otherwise."""
    if as_json:
        return JsonProgress()
    if sys.stderr.isatty():
        return TestsProgress() if tests else LiveProgress()
    return LineProgress()

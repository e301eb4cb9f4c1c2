"""Live progress of a run: a rich panel on a terminal, one line per event otherwise, or JSON."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from typing import TextIO

from rich.console import Console, Group
from rich.live import Live
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from voyager.events import (
    Event,
    Milestone,
    Round,
    SkillTested,
    Start,
    TaskEnd,
    TaskProposed,
    TestsStart,
    to_record,
)

NEWEST_ITEMS = 6
OUTCOMES = {True: "success", False: "failed", None: "undecided"}


class LineProgress:
    """One plain line per event on stderr: for logs, pipes and CI."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr

    def __call__(self, event: Event) -> None:
        line = describe_event(event)
        if line:
            print(line, file=self.stream, flush=True)

    def close(self) -> None:
        pass


class JsonProgress:
    """Every event as one JSON line on stdout, for scripts."""

    def __call__(self, event: Event) -> None:
        print(json.dumps(to_record(event), default=str), flush=True)

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
        self.live = Live(self._render(), console=self.console, refresh_per_second=4)
        self.live.start()

    def __call__(self, event: Event) -> None:
        self._update(event)
        line = describe_event(event)
        if isinstance(event, TaskEnd | Milestone) and line:
            self.live.console.print(line)
        self.live.update(self._render())

    def close(self) -> None:
        self.live.stop()

    def _update(self, event: Event) -> None:
        for role, usage in getattr(event, "usage", {}).items():
            self.tokens[role] += int(
                usage.get("prompt_tokens", 0) + usage.get("completion_tokens", 0)
            )
            self.cost[role] += usage.get("cost", 0.0)
        match event:
            case Start():
                self.iteration, self.iterations = event.iteration, event.iterations
                self.first_iteration = event.iteration
            case TaskProposed():
                self.task, self.round, self.verdict = event.task, 0, ""
            case Round():
                self.iteration, self.round = event.iteration, event.round
                critique = event.critique or event.reason
                failed = critique and not event.success
                self.verdict = OUTCOMES[event.success] + (f": {critique}" if failed else "")
                self.items.extend(event.new_items)
            case Milestone():
                self.milestones[event.milestone] = event.iteration

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


def describe_event(event: Event) -> str:
    """A one-line account of an event, or "" for events not worth a line."""
    match event:
        case Start():
            return f"starting at iteration {event.iteration} of {event.iterations}"
        case TaskProposed():
            return f"task: {event.task}"
        case Round():
            extra = f" ({event.critique})" if event.critique and not event.success else ""
            outcome = OUTCOMES[event.success]
            return f"  iteration {event.iteration} round {event.round}: {outcome}{extra}"
        case TaskEnd():
            return f"{'done' if event.success else 'gave up'}: {event.task}"
        case Milestone():
            return f"milestone: {event.milestone} at iteration {event.iteration}"
        case SkillTested():
            verdict = "ok  " if event.success else "FAIL"
            error = f" {event.error}" if event.error else ""
            where = f"[{event.index}/{event.skills}] {verdict} {event.skill}"
            return f"{where} ({event.task}, {event.seconds:.1f}s){error}"
    return ""  # the goal's events, "stop" and others: the command prints its own last lines


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

    def __call__(self, event: Event) -> None:
        if isinstance(event, TestsStart):
            self.bar.update(self.task, total=event.skills)
        elif isinstance(event, SkillTested):
            self.bar.console.print(describe_event(event))
            self.bar.update(self.task, advance=1, description=f"tested {event.skill}")

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

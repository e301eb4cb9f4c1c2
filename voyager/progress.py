"""Live progress of a run: a rich panel on a terminal, one line per event otherwise, or JSON."""

from __future__ import annotations

import json
import sys
import threading
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


class Panel:
    """What the live view knows of one learner, from its events."""

    def __init__(self) -> None:
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

    def update(self, event: Event) -> None:
        for role, usage in getattr(event, "usage", {}).items():
            tokens = usage.get("prompt_tokens", 0) + usage.get("completion_tokens", 0)
            self.tokens[role] += int(tokens)
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

    def reached(self) -> str:
        return ", ".join(f"{k} @ {v}" for k, v in self.milestones.items()) or "-"


class LiveProgress:
    """A panel redrawn in place: task, round, verdict, items, milestones, tokens and dollars."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.panel = Panel()
        self.live = Live(self._render(), console=self.console, refresh_per_second=4)
        self.live.start()

    def __call__(self, event: Event) -> None:
        self.panel.update(event)
        line = describe_event(event)
        if isinstance(event, TaskEnd | Milestone) and line:
            self.live.console.print(line)
        self.live.update(self._render())

    def close(self) -> None:
        self.live.stop()

    def _render(self) -> Group:
        p = self.panel
        elapsed = time.monotonic() - p.started
        done = p.iteration - (p.first_iteration or 0)
        rate = f"{60 * done / elapsed:.1f}/min" if elapsed > 0 and done else "-"
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        table.add_row("iteration", f"{p.iteration}/{p.iterations}  ({rate}, {elapsed:.0f}s)")
        table.add_row("task", f"{p.task or '-'}  (round {p.round})")
        table.add_row("last verdict", Text(p.verdict or "-", overflow="ellipsis", no_wrap=True))
        newest = ", ".join(p.items[-NEWEST_ITEMS:]) or "-"
        table.add_row("items", f"{len(p.items)} new; newest: {newest}")
        table.add_row("milestones", p.reached())
        spend = ", ".join(
            f"{role} {p.tokens[role]} tok ${p.cost[role]:.4f}" for role in sorted(p.tokens)
        )
        table.add_row("llm", f"${sum(p.cost.values()):.4f}  {spend or '-'}")
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


class TeamProgress:
    """Several learners at once: a row each on a terminal, or their lines (or JSON) tagged with
    the learner's name. Called from the learners' threads."""

    def __init__(self, names: list[str], *, as_json: bool, live: bool) -> None:
        self.as_json = as_json
        self.panels = {name: Panel() for name in names}
        self.lock = threading.Lock()
        self.live = Live(self._render(), console=Console(stderr=True)) if live else None
        if self.live is not None:
            self.live.start()

    def __call__(self, agent: str, event: Event) -> None:
        with self.lock:
            if self.as_json:
                print(json.dumps({**to_record(event), "agent": agent}, default=str), flush=True)
                return
            self.panels[agent].update(event)
            line = describe_event(event)
            if self.live is None:
                if line:
                    print(f"[{agent}] {line}", file=sys.stderr, flush=True)
                return
            if isinstance(event, TaskEnd | Milestone) and line:
                self.live.console.print(f"[{agent}] {line}")
            self.live.update(self._render())

    def close(self) -> None:
        if self.live is not None:
            self.live.stop()

    def _render(self) -> Table:
        table = Table("learner", "iteration", "task", "last verdict", "items", "milestones")
        for name, p in self.panels.items():
            reached = ", ".join(f"{k} @ {v}" for k, v in p.milestones.items()) or "-"
            verdict = Text(p.verdict or "-", overflow="ellipsis", no_wrap=True)
            table.add_row(
                name,
                f"{p.iteration}/{p.iterations}",
                p.task or "-",
                verdict,
                str(len(p.items)),
                reached,
            )
        return table


ProgressView = LineProgress | JsonProgress | LiveProgress | TestsProgress


def progress_for(*, as_json: bool, tests: bool = False) -> ProgressView:
    """JSON when asked, a live panel (or, for skill tests, a bar) on a terminal, lines otherwise."""
    if as_json:
        return JsonProgress()
    if sys.stderr.isatty():
        return TestsProgress() if tests else LiveProgress()
    return LineProgress()

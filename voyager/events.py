"""What a run reports as it goes: one dataclass per event, shared by the loop, progress and report.

Every event is written to the run's ``trace.jsonl`` as ``{"event": NAME,
"time", ...fields}`` (``to_record``), shown by ``voyager.progress``, printed
as that JSON line with ``--json``, and read back by ``voyager.report`` and
``voyager eval`` (``from_record``). ``Usage`` is what the LLM roles spent since
the event before: role -> {"prompt_tokens", "completion_tokens", "cost", ...}.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar

Usage = dict[str, dict[str, float]]


@dataclass(frozen=True)
class Event:
    name: ClassVar[str]


@dataclass(frozen=True)
class Start(Event):
    name: ClassVar[str] = "start"
    iteration: int
    iterations: int
    usage: Usage = field(default_factory=dict)  # spent before the loop (embedder probes)


@dataclass(frozen=True)
class TaskProposed(Event):
    name: ClassVar[str] = "task"
    task: str
    context: str
    rejected: list[str] = field(default_factory=list)
    usage: Usage = field(default_factory=dict)


@dataclass(frozen=True)
class Round(Event):
    """One round of code generation: the program, what happened, the verdict."""

    name: ClassVar[str] = "round"
    iteration: int
    task: str
    round: int
    prompt_hash: str
    code: str
    events: list[dict[str, Any]]
    success: bool | None
    critique: str
    reason: str
    reward: float
    new_items: list[str]
    position: dict[str, float] | None
    biome: str | None
    retrieved: list[str]
    skill: str | None
    usage: Usage
    seconds: float
    prompt: list[dict[str, str]] = field(default_factory=list)  # the action prompt's messages


@dataclass(frozen=True)
class TaskEnd(Event):
    name: ClassVar[str] = "task_end"
    task: str
    success: bool
    rounds: int


@dataclass(frozen=True)
class Milestone(Event):
    name: ClassVar[str] = "milestone"
    milestone: str
    iteration: int


@dataclass(frozen=True)
class Stop(Event):
    name: ClassVar[str] = "stop"
    status: str
    reason: str
    iteration: int
    usage: Usage = field(default_factory=dict)


@dataclass(frozen=True)
class GoalStart(Event):
    name: ClassVar[str] = "goal"
    goal: str
    budget: int


@dataclass(frozen=True)
class PlanMade(Event):
    name: ClassVar[str] = "plan"
    goal: str
    subgoals: list[str]
    replan: int


@dataclass(frozen=True)
class SubGoalStart(Event):
    name: ClassVar[str] = "subgoal"
    task: str


@dataclass(frozen=True)
class GoalEnd(Event):
    name: ClassVar[str] = "goal_end"
    goal: str
    success: bool
    iterations: int
    budget: int
    plans: list[list[str]]
    subgoals: list[dict[str, Any]]
    reason: str


@dataclass(frozen=True)
class TestsStart(Event):
    name: ClassVar[str] = "tests_start"
    skills: int


@dataclass(frozen=True)
class SkillTested(Event):
    name: ClassVar[str] = "skill_tested"
    index: int
    skills: int
    task: str
    success: bool
    seconds: float
    error: str
    skill: str  # the skill's name


EVENTS: dict[str, type[Event]] = {
    cls.name: cls
    for cls in (
        Start,
        TaskProposed,
        Round,
        TaskEnd,
        Milestone,
        Stop,
        GoalStart,
        PlanMade,
        SubGoalStart,
        GoalEnd,
        TestsStart,
        SkillTested,
    )
}


def to_record(event: Event) -> dict[str, Any]:
    """The event as one JSON object: its name under "event", then its fields."""
    return {"event": event.name, **dataclasses.asdict(event)}


def from_record(record: dict[str, Any]) -> Event | None:
    """The event a trace line or ``--json`` line holds; None for a name this version does not
    know or a record that lacks a field the event needs. Extra fields are ignored."""
    cls = EVENTS.get(str(record.get("event")))
    if cls is None:
        return None
    known = {f.name for f in dataclasses.fields(cls)}
    try:
        return cls(**{k: v for k, v in record.items() if k in known})
    except TypeError:
        return None


def usage_spent(before: dict[str, Any], after: dict[str, Any]) -> Usage:
    """Per-role tokens and cost spent between two ledger snapshots (``UsageLedger.to_dict``)."""
    delta: Usage = {}
    before_roles = before.get("roles", {})
    for role, totals in after.get("roles", {}).items():
        old = before_roles.get(role, {})
        diff = {k: v - old.get(k, 0) for k, v in totals.items() if isinstance(v, int | float)}
        if any(diff.values()):
            delta[role] = diff
    return delta

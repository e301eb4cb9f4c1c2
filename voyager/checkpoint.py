"""The loop's checkpoint (``state.json``): validated when read, versioned, older versions read too.

Everything needed to continue a run exactly where it stopped: the iteration,
what was discovered, the task in progress and its rounds so far, the
curriculum's tally, the LLM spending, the skills' counts of uses, where the
bot was and what it held, and how long the trace was (so that lines written
after the checkpoint are cut back on resume). Version 1 (the first runs'
flat layout) is read and upgraded.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from voyager.errors import VoyagerError

VERSION = 2


class CheckpointError(VoyagerError, ValueError):
    """A state.json that cannot be read; the message names the field."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TaskInProgress(_Model):
    """The current task: judged from ``start`` on; ``events`` are the world events since."""

    task: str
    context: str = ""
    round: int = 0
    feedback: dict[str, Any] = Field(default_factory=dict)  # agents.brain.Feedback as a dict
    start: dict[str, Any] = Field(default_factory=dict)  # the observation when it began
    events: list[dict[str, Any]] = Field(default_factory=list)


class WorldState(_Model):
    world: str = ""
    seed: int | None = None
    position: dict[str, float] | None = None
    inventory: dict[str, int] = Field(default_factory=dict)


class Checkpoint(_Model):
    version: Literal[2] = 2
    iteration: int = 0
    task: TaskInProgress | None = None
    items: list[str] = Field(default_factory=list)
    milestones: dict[str, int] = Field(default_factory=dict)
    skills_learned: list[str] = Field(default_factory=list)
    curriculum: dict[str, Any] = Field(default_factory=dict)
    usage: dict[str, Any] = Field(default_factory=dict)
    skill_use_counts: dict[str, list[int]] = Field(default_factory=dict)
    world: WorldState = Field(default_factory=WorldState)
    trace_size: int = 0
    status: str = "running"
    stop_reason: str = ""

    @classmethod
    def read(cls, data: dict[str, Any]) -> Checkpoint:
        """A checkpoint from state.json's content, of this version or an older one."""
        try:
            return cls.model_validate(data if "version" in data else _from_version_1(data))
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise CheckpointError(
                f"state.json does not hold a usable checkpoint: {where}: {first['msg']}"
            ) from None


def _from_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """The first layout kept the task's fields at the top and the world as a loose dict."""
    old = dict(data)
    task = None
    if old.get("task"):
        task = {
            "task": old["task"],
            "context": old.get("context", ""),
            "round": old.get("round", 0),
            "feedback": old.get("feedback", {}),
            "start": old.get("task_start", {}),
            "events": old.get("task_events", []),
        }
    for moved in ("task", "context", "round", "feedback", "task_start", "task_events"):
        old.pop(moved, None)
    world = old.get("world") or {}
    old["world"] = {k: world[k] for k in ("world", "seed", "position", "inventory") if k in world}
    return {**old, "version": VERSION, "task": task}

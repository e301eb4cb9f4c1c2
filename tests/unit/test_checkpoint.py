"""The checkpoint: validated when read; a run folder of the first layout still opens."""

from __future__ import annotations

import pytest

from voyager.checkpoint import Checkpoint, CheckpointError
from voyager.events import Milestone, Stop, from_record, to_record

VERSION_1 = {
    "iteration": 7,
    "task": "Craft 1 stone pickaxe",
    "context": "You need three cobblestone.",
    "round": 2,
    "feedback": {"code": "async function f(bot) {}", "errors": [], "chat": [], "critique": "x"},
    "task_start": {"inventory": {"cobblestone": 1}},
    "task_events": [{"type": "kill", "mob": "cow"}],
    "items": ["oak_log", "cobblestone"],
    "milestones": {"wooden_tool": 5},
    "skills_learned": ["mineWoodLog"],
    "curriculum": {"completed": ["Mine 1 wood log"], "failed": [], "qa_cache": {}},
    "usage": {},
    "skill_use_counts": {"mineWoodLog": [2, 1]},
    "world": {"world": "mock seed 3", "seed": 3, "position": {"x": 1.0, "y": 64.0, "z": 2.0}},
    "trace_size": 1234,
    "status": "stopped",
    "stop_reason": "interrupted with Ctrl-C",
}


def test_a_first_layout_checkpoint_is_read_and_upgraded() -> None:
    state = Checkpoint.read(VERSION_1)
    assert state.version == 2 and state.iteration == 7 and state.trace_size == 1234
    assert state.task is not None
    assert (state.task.task, state.task.round) == ("Craft 1 stone pickaxe", 2)
    assert state.task.start == {"inventory": {"cobblestone": 1}}
    assert state.task.events == [{"type": "kill", "mob": "cow"}]
    assert state.world.position == {"x": 1.0, "y": 64.0, "z": 2.0}
    assert Checkpoint.read(state.model_dump(mode="json")) == state


def test_a_first_layout_checkpoint_between_tasks_has_no_task() -> None:
    assert Checkpoint.read({**VERSION_1, "task": None}).task is None


def test_a_broken_checkpoint_names_the_field() -> None:
    with pytest.raises(CheckpointError, match="iteration"):
        Checkpoint.read({"version": 2, "iteration": "seven"})


def test_events_come_back_from_their_records() -> None:
    for event in (
        Milestone(milestone="stone_tool", iteration=9),
        Stop(status="done", reason="160 iterations done", iteration=160),
    ):
        assert from_record(to_record(event)) == event
    assert from_record({"event": "a_future_event", "x": 1}) is None
    assert from_record({"event": "round", "iteration": 1, "task": "t", "round": 1}) is None

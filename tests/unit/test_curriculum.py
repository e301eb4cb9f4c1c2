"""The curriculum: first task, warm-up, QA cache, re-asking, overrides, manual mode."""

from __future__ import annotations

import random
from typing import Any

import pytest

from tests.tiny_env import TinyEnv
from voyager.agents.brain import ChatBrain
from voyager.agents.curriculum import (
    Curriculum,
    CurriculumError,
    CurriculumExhausted,
    CurriculumState,
)
from voyager.llm import Message, Reply, UsageLedger
from voyager.tasks import TaskError


class ScriptedChat:
    """A ChatModel whose answers a test lists per role; it records every prompt."""

    name = "scripted"

    def __init__(self, **answers: list[str]) -> None:
        self.answers = {role: list(texts) for role, texts in answers.items()}
        self.prompts: list[tuple[str, list[Message]]] = []
        self.usage = UsageLedger()

    def chat(self, role: str, messages: list[Message]) -> Reply:
        self.prompts.append((role, messages))
        queue = self.answers.get(role) or ["I do not know."]
        text = queue.pop(0) if len(queue) > 1 else queue[0]
        return Reply(role, "scripted", text, 1, 1, 0.0, False, 0.0)

    def embed(self, texts: list[str]) -> list[list[float]]:
        raise NotImplementedError


def observation(**inventory: int) -> dict[str, Any]:
    obs, _ = TinyEnv().reset(options={"inventory": inventory})
    return obs


def curriculum(chat: ScriptedChat, state: CurriculumState | None = None, **kw: Any) -> Curriculum:
    return Curriculum(ChatBrain(chat), state or CurriculumState(), rng=random.Random(0), **kw)


def test_the_first_task_is_always_a_wood_log() -> None:
    chat = ScriptedChat(curriculum=["Task: Mine 1 stone"])
    proposal = curriculum(chat).propose(observation())
    assert proposal.task.text == "Mine 1 wood log"
    assert not any(role == "curriculum" for role, _ in chat.prompts)


def test_a_task_for_an_item_that_does_not_exist_is_reasked() -> None:
    chat = ScriptedChat(curriculum=["Task: Craft 1 copper sword", "Task: Craft 1 stone sword"])
    state = CurriculumState(completed=["Mine 1 wood log"])
    proposal = curriculum(chat, state, use_qa=False).propose(observation())
    assert proposal.task.item == "stone_sword"
    assert proposal.attempts == 2 and "copper sword" in proposal.rejected[0]
    retry = chat.prompts[-1][1][-1]["content"]
    assert "copper sword" in retry and "Propose another task" in retry


def test_a_completed_task_is_not_proposed_again() -> None:
    chat = ScriptedChat(curriculum=["Task: Mine 1 wood log", "Task: Mine 3 stone"])
    state = CurriculumState(completed=["Mine 1 wood log"])
    assert curriculum(chat, state, use_qa=False).propose(observation()).task.text == "Mine 3 stone"


def test_a_completed_task_that_made_gear_since_lost_may_be_done_again() -> None:
    # a built-in seed-1 run stopped at iteration 109: its pickaxe had worn out, and
    # "Craft 1 wooden pickaxe", proposed three times, was refused as already completed
    done = ["Mine 1 wood log", "Craft 1 wooden pickaxe"]
    chat = ScriptedChat(curriculum=["Task: Craft 1 wooden pickaxe", "Task: Mine 3 stone"])
    held = observation(wooden_pickaxe=1)
    proposed = curriculum(chat, CurriculumState(completed=done), use_qa=False).propose(held)
    assert proposed.task.text == "Mine 3 stone"
    chat = ScriptedChat(curriculum=["Task: Craft 1 wooden pickaxe", "Task: Mine 3 stone"])
    lost = curriculum(chat, CurriculumState(completed=done), use_qa=False).propose(observation())
    assert lost.task.text == "Craft 1 wooden pickaxe"


def test_giving_up_after_the_allotted_attempts_is_a_clear_error() -> None:
    chat = ScriptedChat(curriculum=["no task here"])
    state = CurriculumState(completed=["Mine 1 wood log"])
    with pytest.raises(CurriculumError, match=r"3 attempts.*Task:"):
        curriculum(chat, state, use_qa=False).propose(observation())


def test_a_fallback_supplies_the_task_when_the_model_cannot() -> None:
    chat = ScriptedChat(curriculum=["nothing"])
    state = CurriculumState(completed=["Mine 1 wood log"])
    cur = curriculum(chat, state, use_qa=False, fallback=lambda obs, st: "Craft 1 crafting table")
    assert cur.propose(observation()).task.item == "crafting_table"


def test_warmup_hides_optional_fields_until_enough_tasks_are_done() -> None:
    chat = ScriptedChat(curriculum=["Task: Mine 3 stone"])
    early = curriculum(chat, CurriculumState(completed=["Mine 1 wood log"]), use_qa=False)
    early.propose(observation(dirt=3, oak_log=1))
    prompt = chat.prompts[-1][1][-1]["content"]
    assert "Biome:" not in prompt and "Nearby entities" not in prompt
    assert "Inventory" in prompt and "Position" in prompt
    assert "dirt" in prompt  # a core item
    done = [f"Mine {n} stone" for n in range(1, 20)]
    late = curriculum(chat, CurriculumState(completed=done), use_qa=False)
    shown = [late._shown_fields() for _ in range(20)]
    assert any("biome" in fields for fields in shown)
    assert not all("biome" in fields for fields in shown)  # shown with probability 0.8


def test_early_inventory_shows_only_core_items() -> None:
    chat = ScriptedChat(curriculum=["Task: Mine 3 stone"])
    cur = curriculum(chat, CurriculumState(completed=["Mine 1 wood log"]), use_qa=False)
    cur.propose(observation(oak_log=2, poppy=1))
    prompt = chat.prompts[-1][1][-1]["content"]
    assert "oak_log" in prompt and "poppy" not in prompt


def test_task_context_answers_are_cached() -> None:
    chat = ScriptedChat(qa=["Use a crafting table."])
    cur = curriculum(chat)
    assert cur.task_context("Craft 1 stick") == "Use a crafting table."
    cur.task_context("Craft 1 stick")
    assert sum(role == "qa" for role, _ in chat.prompts) == 1
    assert cur.state.qa_cache == {"How to craft 1 stick in Minecraft?": "Use a crafting table."}


def test_a_full_inventory_asks_to_make_room() -> None:
    obs = observation()
    obs["status"]["inventoryUsed"] = 34
    cur = curriculum(ScriptedChat(), CurriculumState(completed=["Mine 1 wood log"]))
    assert cur.propose(obs).task.text == "Craft 1 chest"
    obs["inventory"]["chest"] = 1
    assert cur.propose(obs).task.text == "Place a chest"
    obs["nearbyChests"] = {"(1, 64, 2)": {}}
    assert cur.propose(obs).task.text.startswith(
        "Deposit useless items into the chest at (1, 64, 2)"
    )


def test_completed_tasks_leave_the_failed_list() -> None:
    cur = curriculum(ScriptedChat())
    cur.record("Mine 3 stone", False)
    cur.record("Mine 3 stone", False)
    assert cur.state.failed == ["Mine 3 stone"]
    cur.record("Mine 3 stone", True)
    assert cur.state.failed == [] and cur.state.completed == ["Mine 3 stone"]


def test_manual_mode_walks_its_list_then_ends() -> None:
    tasks = ["Craft 1 crafting table", "Mine 2 stone"]
    cur = curriculum(ScriptedChat(), mode="manual", manual_tasks=tasks, use_qa=False)
    assert [cur.propose(observation()).task.text for _ in tasks] == tasks
    with pytest.raises(CurriculumExhausted):
        cur.propose(observation())


def test_manual_tasks_are_checked_before_the_run() -> None:
    with pytest.raises(TaskError, match="copper sword"):
        curriculum(ScriptedChat(), mode="manual", manual_tasks=["Craft 1 copper sword"])


def test_state_round_trips_through_a_dict() -> None:
    state = CurriculumState(completed=["a"], failed=["b"], qa_cache={"q": "a"}, manual_index=2)
    assert CurriculumState.from_dict(state.to_dict()) == state

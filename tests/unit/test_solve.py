"""``voyager run``: a goal in a new world with a frozen library, bounded, always reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fakes.openai_server import FakeOpenAIServer
from voyager.agents.brain import ChatBrain
from voyager.cli import main
from voyager.config import load_settings
from voyager.llm import OpenAIChatModel
from voyager.solve import PlanError, Planner, read_plan

MOCK = ["--env", "mock", "--llm", "offline", "--embedder", "hashing"]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library learned by an offline exploration of the mock world."""
    run = tmp_path_factory.mktemp("explore") / "run"
    code = main(["explore", *MOCK, "--iterations", "30", "--seed", "1", "--run-dir", str(run)])
    assert code == 0
    return run / "skills"


def run_goal(goal: str, library: Path, run: Path, *extra: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main(["run", goal, "--skills", str(library), *MOCK, "--run-dir", str(run), *extra])
    return code, json.loads((run / "result.json").read_text())


def test_a_learned_library_reaches_iron_tools_in_a_new_world(library: Path, tmp_path: Path) -> None:
    index_before = (library / "index.json").read_bytes()
    code, result = run_goal("Craft an iron pickaxe", library, tmp_path / "r", "--seed", "2")
    assert code == 0 and result["success"]
    assert result["iterations"] <= 50
    assert (library / "index.json").read_bytes() == index_before  # opened read-only


def test_the_offline_model_reaches_a_zero_shot_goal_in_a_new_world(
    library: Path, tmp_path: Path
) -> None:
    code, result = run_goal("Craft 1 golden sword", library, tmp_path / "r", "--seed", "2")
    assert code == 0 and result["success"]
    assert result["iterations"] <= 20  # its prerequisites only: no food, armour or other tools


def test_an_item_that_does_not_exist_ends_at_once_with_a_reason(
    library: Path, tmp_path: Path
) -> None:
    code, result = run_goal("Craft a copper sword", library, tmp_path / "r")
    assert code == 1 and not result["success"]
    assert result["iterations"] == 0 and "not a Minecraft item" in result["reason"]


def test_a_budget_too_small_ends_within_it(library: Path, tmp_path: Path) -> None:
    code, result = run_goal("Craft a diamond pickaxe", library, tmp_path / "r", "--budget", "3")
    assert code == 1 and not result["success"]
    assert result["iterations"] <= 3 and "budget" in result["reason"]


def test_the_llm_plan_is_read_from_prose_and_checked() -> None:
    tasks, problem = read_plan('Plan:\n["Mine 3 oak logs", "Craft 1 crafting table"]\nDone.')
    assert tasks == ["Mine 3 oak logs", "Craft 1 crafting table"] and not problem
    tasks, problem = read_plan('["Mine 3 oak logs", "Craft 1 copper sword"]')
    assert tasks == [] and "copper sword" in problem


def llm_settings(base_url: str):  # type: ignore[no-untyped-def]
    role = {"model": "gpt-4o", "base_url": base_url, "timeout": 5, "max_retries": 1}
    roles = {r: role for r in ("action", "curriculum", "critic", "qa", "describer")}
    return load_settings(overrides={"roles": roles, "cache": {"enabled": "off"}}, environ={})


def test_the_llm_decomposition_reasks_for_impossible_items(library: Path) -> None:
    from voyager.env.mock import MockMinecraftEnv

    obs, _ = MockMinecraftEnv(seed=3).reset(seed=3)
    with FakeOpenAIServer() as server:
        server.script(
            "curriculum",
            [
                '["Mine 2 copper swords"]',
                'Here you go: ["Mine 3 oak logs", "Craft 1 crafting table"]',
            ],
        )
        planner = Planner(ChatBrain(OpenAIChatModel(llm_settings(server.base_url))))
        plan = planner.decompose("Craft a crafting table", obs)
        assert plan == ["Mine 3 oak logs", "Craft 1 crafting table"]
        retry = server.requests_for("curriculum")[-1].messages[-1]["content"]
        assert "copper swords" in retry and "JSON list" in retry
        assert (
            "Final goal: Craft a crafting table"
            in server.requests_for("curriculum")[0].messages[-1]["content"]
        )


def test_a_planner_that_never_answers_usefully_is_a_clear_error(library: Path) -> None:
    from voyager.env.mock import MockMinecraftEnv

    obs, _ = MockMinecraftEnv(seed=3).reset(seed=3)
    with FakeOpenAIServer() as server:
        server.script("curriculum", ["I cannot plan that."] * 3)
        planner = Planner(ChatBrain(OpenAIChatModel(llm_settings(server.base_url))))
        with pytest.raises(PlanError, match="3 attempts"):
            planner.decompose("Craft a crafting table", obs)

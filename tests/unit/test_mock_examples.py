"""The example skills of ../shared/examples/skills run in the mock, in their documented order."""

from __future__ import annotations

from pathlib import Path

import pytest

from voyager.env.mock import MockMinecraftEnv

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "examples" / "skills"
ORDER = [
    "obtainLogs", "craftPlanksAndSticks", "craftCraftingTable", "placeCraftingTableNearby",
    "craftWoodenPickaxe", "mineCobblestone", "craftStonePickaxe", "craftFurnace", "mineCoal",
]  # fmt: skip

pytestmark = pytest.mark.skipif(not EXAMPLES.is_dir(), reason="the shared examples are not here")


def run(env: MockMinecraftEnv, name: str) -> tuple[dict, list]:
    code = (EXAMPLES / f"{name}.js").read_text(encoding="utf-8")
    obs, _reward, _term, _trunc, info = env.step(f"{code}\nawait {name}(bot);")
    return obs, info["events"]


def test_the_examples_up_to_coal_succeed_in_order_from_nothing() -> None:
    env = MockMinecraftEnv(seed=1)
    env.reset(seed=1)
    skills: dict[str, str] = {}
    for name in ORDER:
        env.load_skills(skills)
        _obs, events = run(env, name)
        assert [e for e in events if e["type"] == "error"] == [], name
        skills[name] = (EXAMPLES / f"{name}.js").read_text(encoding="utf-8")


def test_smelting_iron_succeeds_on_the_surface_with_its_materials() -> None:
    env = MockMinecraftEnv(seed=1)
    env.reset(
        seed=1, options={"inventory": {"stone_pickaxe": 1, "raw_iron": 3, "coal": 1, "furnace": 1}}
    )
    obs, events = run(env, "smeltIronIngots")
    assert obs["inventory"]["iron_ingot"] == 3
    assert "Smelted 3 raw_iron." in [e.get("message") for e in events]


def test_the_iron_pickaxe_example_succeeds_with_ingots_and_sticks() -> None:
    env = MockMinecraftEnv(seed=1)
    env.reset(seed=1, options={"inventory": {"iron_ingot": 3, "stick": 2, "crafting_table": 1}})
    prerequisites = ["placeCraftingTableNearby", "smeltIronIngots", "craftPlanksAndSticks"]
    env.load_skills({n: (EXAMPLES / f"{n}.js").read_text(encoding="utf-8") for n in prerequisites})
    obs, _events = run(env, "craftIronPickaxe")
    assert obs["inventory"].get("iron_pickaxe") == 1


def test_the_chest_example_stores_cobblestone_when_planks_suffice() -> None:
    env = MockMinecraftEnv(seed=1)
    env.reset(
        seed=1, options={"inventory": {"cobblestone": 6, "oak_planks": 8, "crafting_table": 1}}
    )
    prerequisites = ["placeCraftingTableNearby", "craftCraftingTable", "craftPlanksAndSticks"]
    env.load_skills({n: (EXAMPLES / f"{n}.js").read_text(encoding="utf-8") for n in prerequisites})
    obs, _events = run(env, "storeCobblestoneInChest")
    assert obs["inventory"]["cobblestone"] == 1
    assert list(obs["nearbyChests"].values()) == [{"cobblestone": 5}]

"""The example skills of tests/data/example_skills run in the mock world."""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks.example_chain import EXPECTATIONS
from tests.example_skills import example_skills
from voyager.env.mock import MockMinecraftEnv

ORDER = [name for name, _, _, _ in EXPECTATIONS]


def run(env: MockMinecraftEnv, name: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    obs, _reward, _term, _trunc, info = env.step(f"await {name}(bot);")
    return obs, info["events"]


def errors(events: list[dict[str, Any]]) -> list[str]:
    return [str(e["message"]) for e in events if e["type"] == "error"]


def test_every_example_is_in_the_chain() -> None:
    assert sorted(ORDER) == sorted(example_skills())


def test_the_chain_succeeds_in_order_from_nothing() -> None:
    env = MockMinecraftEnv(seed=1)
    env.reset(seed=1)
    env.load_skills(example_skills())
    for name, success_line, promise, holds in EXPECTATIONS:
        obs, events = run(env, name)
        chat = [str(e["message"]) for e in events if e["type"] == "chat"]
        assert errors(events) == [], name
        assert success_line in chat, name
        assert holds(dict(obs["inventory"]), chat), f"{name}: expected {promise}"


@pytest.mark.parametrize("name", ["craftIronPickaxe", "storeCobblestoneInChest", "cookBeef"])
def test_an_example_makes_what_it_lacks_from_an_empty_inventory(name: str) -> None:
    env = MockMinecraftEnv(seed=2)
    env.reset(seed=2)
    env.load_skills(example_skills())
    _obs, events = run(env, name)
    assert errors(events) == []


def test_smelting_iron_uses_what_the_inventory_holds() -> None:
    env = MockMinecraftEnv(seed=1)
    env.reset(
        seed=1, options={"inventory": {"stone_pickaxe": 1, "raw_iron": 3, "coal": 1, "furnace": 1}}
    )
    env.load_skills(example_skills())
    obs, events = run(env, "smeltIronIngots")
    assert obs["inventory"]["iron_ingot"] == 3
    assert "Smelted 3 raw_iron." in [e.get("message") for e in events]


def test_storing_cobblestone_fills_a_new_chest_beside_the_bot() -> None:
    env = MockMinecraftEnv(seed=1)
    env.reset(
        seed=1, options={"inventory": {"cobblestone": 6, "oak_planks": 8, "crafting_table": 1}}
    )
    env.load_skills(example_skills())
    obs, _events = run(env, "storeCobblestoneInChest")
    assert "cobblestone" not in obs["inventory"]
    assert list(obs["nearbyChests"].values()) == [{"cobblestone": 6}]

"""World rules of the mock: tool tiers, recipes, smelting, drops, eating."""

from __future__ import annotations

import pytest

from voyager.env.mock import MockMinecraftEnv


@pytest.fixture(scope="module")
def env() -> MockMinecraftEnv:
    return MockMinecraftEnv(seed=1)


def run(
    env: MockMinecraftEnv, code: str, inventory: dict[str, int] | None = None
) -> tuple[dict, list]:
    env.reset(seed=1, options={"mode": "hard", "inventory": inventory or {}})
    obs, _reward, _term, _trunc, info = env.step(code)
    return obs, info["events"]


def chats(events: list) -> list[str]:
    return [e["message"] for e in events if e["type"] == "chat"]


def test_stone_mined_by_hand_drops_nothing(env: MockMinecraftEnv) -> None:
    obs, events = run(env, 'await mineBlock(bot, "stone", 1);')
    assert "cobblestone" not in obs["inventory"]
    errors = [e["message"] for e in events if e["type"] == "error"]
    assert errors[0].startswith(
        "Error: Cannot mine stone by hand (it drops nothing): get a wooden_pickaxe"
    )


def test_stone_mined_with_wooden_pickaxe_gives_cobblestone(env: MockMinecraftEnv) -> None:
    obs, _ = run(env, 'await mineBlock(bot, "stone", 2);', {"wooden_pickaxe": 1})
    assert obs["inventory"]["cobblestone"] == 2


def test_iron_ore_needs_a_stone_pickaxe(env: MockMinecraftEnv) -> None:
    code = (
        "const ore = mcData.blocksByName.iron_ore.id;\n"
        "const iron = () => bot.findBlock({matching: ore, maxDistance: 32});\n"
        "await exploreUntil(bot, new Vec3(1, -1, 0), 300, iron);\n"
        'await mineBlock(bot, "iron_ore", 1);'
    )
    wooden, _ = run(env, code, {"wooden_pickaxe": 1})
    stone, _ = run(env, code, {"stone_pickaxe": 1})
    assert "raw_iron" not in wooden["inventory"]
    assert stone["inventory"].get("raw_iron", 0) >= 1


def test_planks_are_crafted_in_the_inventory_grid(env: MockMinecraftEnv) -> None:
    obs, events = run(env, 'await craftItem(bot, "oak_planks", 2);', {"oak_log": 2})
    assert obs["inventory"] == {"oak_planks": 8}
    assert "I did the recipe for oak_planks 2 times" in chats(events)


def test_a_pickaxe_needs_a_crafting_table(env: MockMinecraftEnv) -> None:
    obs, events = run(
        env, 'await craftItem(bot, "wooden_pickaxe", 1);', {"oak_planks": 3, "stick": 2}
    )
    assert "wooden_pickaxe" not in obs["inventory"]
    assert events[-1]["type"] == "error" and "No crafting table nearby" in events[-1]["message"]


def test_missing_ingredients_are_named(env: MockMinecraftEnv) -> None:
    _, events = run(env, 'await craftItem(bot, "crafting_table", 1);', {"oak_planks": 1})
    assert "I cannot make crafting_table because I need: 3 more oak_planks" in chats(events)


def test_smelting_needs_fuel_and_makes_ingots(env: MockMinecraftEnv) -> None:
    code = (
        'await placeItem(bot, "furnace", bot.entity.position.offset(1, 0, 0));\n'
        'await smeltItem(bot, "raw_iron", "coal", 2);'
    )
    obs, events = run(env, code, {"furnace": 1, "raw_iron": 2, "coal": 1})
    assert obs["inventory"]["iron_ingot"] == 2
    assert "Smelted 2 raw_iron." in chats(events)


def test_smelting_without_fuel_fails_with_the_primitives_message(env: MockMinecraftEnv) -> None:
    code = (
        'await placeItem(bot, "furnace", bot.entity.position.offset(1, 0, 0));\n'
        'await smeltItem(bot, "raw_iron", "coal", 1);'
    )
    obs, events = run(env, code, {"furnace": 1, "raw_iron": 1})
    assert "iron_ingot" not in obs["inventory"]
    assert "No coal as fuel in inventory" in chats(events)


def test_killing_a_cow_drops_beef_and_reports_a_kill(env: MockMinecraftEnv) -> None:
    code = (
        'const cow = () => bot.nearestEntity((e) => e.name === "cow");\n'
        "for (const d of [[1,0,1],[-1,0,1],[1,0,-1],[-1,0,-1]]) { if (cow()) break; "
        "await exploreUntil(bot, new Vec3(d[0], d[1], d[2]), 120, cow); }\n"
        'await killMob(bot, "cow", 300);'
    )
    obs, events = run(env, code, {"stone_sword": 1})
    assert {"type": "kill", "mob": "cow"} in events
    assert obs["inventory"].get("beef", 0) >= 1


def test_eating_restores_food(env: MockMinecraftEnv) -> None:
    env.reset(seed=1, options={"inventory": {"cooked_beef": 1}})
    env.sim.body.food = 10
    obs, _, _, _, _ = env.step(
        "const beef = bot.inventory.findInventoryItem(mcData.itemsByName.cooked_beef.id);"
        "await bot.equip(beef, 'hand');"
        "await bot.consume();"
    )
    assert obs["status"]["food"] == 18
    assert "cooked_beef" not in obs["inventory"]


def test_eating_on_a_full_stomach_fails(env: MockMinecraftEnv) -> None:
    _, events = run(
        env,
        "await bot.equip(bot.inventory.findInventoryItem(mcData.itemsByName.bread.id), 'hand');"
        "await bot.consume();",
        {"bread": 1},
    )
    assert "Food is full" in events[-1]["message"]


def test_chests_keep_what_is_deposited(env: MockMinecraftEnv) -> None:
    code = (
        "const spot = bot.entity.position.offset(1, 0, 0);\n"
        'await placeItem(bot, "chest", spot);\n'
        "const chest = bot.findBlock({matching: mcData.blocksByName.chest.id, maxDistance: 32});\n"
        "await depositItemIntoChest(bot, chest.position, {cobblestone: 5});"
    )
    obs, _ = run(env, code, {"chest": 1, "cobblestone": 8})
    assert obs["inventory"] == {"cobblestone": 3}
    assert list(obs["nearbyChests"].values()) == [{"cobblestone": 5}]


def test_a_reset_onto_ground_stands_the_bot_on_that_column(env: MockMinecraftEnv) -> None:
    observation, _ = env.reset(seed=1, options={"ground": {"x": 30.2, "z": -12.7}})
    position = observation["status"]["position"]
    assert (position["x"], position["z"]) == (30.5, -12.5)
    assert position["y"] == env.sim.world.ground(30, -13)
    with pytest.raises(ValueError, match="not both"):
        env.reset(options={"ground": {"x": 0, "z": 0}, "position": {"x": 0, "y": 70, "z": 0}})


def test_the_same_seed_makes_the_same_world() -> None:
    first, _ = MockMinecraftEnv(seed=7).reset(seed=7)
    second, _ = MockMinecraftEnv(seed=3).reset(seed=7)
    assert first == second


def test_night_follows_day(env: MockMinecraftEnv) -> None:
    obs, _ = run(env, "await bot.waitForTicks(13000);")
    assert obs["status"]["timeOfDay"] in ("night", "midnight")

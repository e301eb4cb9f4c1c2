"""The game mechanics a program relies on, played by a real bot in the built-in world:
digging, furnaces, dropped items, food, falls, the clock and recipe counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from bridge_helpers import MakeEnv, Server, run
from play_helpers import GROUND

from voyager.env.minecraft import MinecraftEnv

PLACE_TABLE = """
const tableSpot = groundSpots(bot, ["grass_block", "dirt", "sand", "stone"])[0];
await placeItem(bot, "crafting_table", tableSpot.position.offset(0, 1, 0));
"""

PLACE_FURNACE = (
    GROUND
    + """
const spot = groundSpots(bot, ["grass_block", "dirt", "sand", "stone"])[0];
await placeItem(bot, "furnace", spot.position.offset(0, 1, 0));
const furnaceBlock = bot.findBlock({ matching: mcData.blocksByName.furnace.id, maxDistance: 8 });
await bot.pathfinder.goto(new GoalLookAtBlock(furnaceBlock.position, bot.world));
const furnace = await bot.openFurnace(furnaceBlock);
"""
)


@pytest.fixture(scope="module")
def env(make_env: MakeEnv, builtin_world: Server) -> MinecraftEnv:
    return make_env(builtin_world, step_timeout=120.0)


@pytest.fixture(scope="module")
def spawn(env: MinecraftEnv) -> dict[str, Any]:
    """Where the bot stands after its first reset, before any test moved it."""
    observation, _ = env.reset(options={"mode": "hard"})
    return dict(observation["status"]["position"])


@pytest.fixture(autouse=True)
def back_to_spawn(env: MinecraftEnv, spawn: dict[str, Any]) -> Iterator[None]:
    """A hard reset keeps the bot where it is; a test that left it down a pit or under
    water would spoil the next one, so each test ends with the bot back at the spawn."""
    yield
    env.reset(options={"mode": "hard", "position": spawn})


def number_in(chat: list[str], word: str) -> float:
    for line in chat:
        words = line.split()
        if word in words:
            return float(words[words.index(word) + 1])
    raise AssertionError(f"no {word!r} in {chat}")


def test_oak_logs_are_mined_by_hand(env: MinecraftEnv) -> None:
    env.reset(options={"mode": "hard"})
    observation, chat, errors = run(env, 'await mineBlock(bot, "oak_log", 3);')
    assert errors == [], chat
    assert not [line for line in chat if "Could not break" in line or "took longer" in line]
    assert observation["inventory"].get("oak_log", 0) >= 3


def test_coal_ore_is_mined_with_an_iron_pickaxe(env: MinecraftEnv) -> None:
    env.reset(options={"mode": "hard", "inventory": {"iron_pickaxe": 1}})
    program = """
await bot.equip(mcData.itemsByName.iron_pickaxe.id, "hand");
const coal = () => bot.findBlock({ matching: mcData.blocksByName.coal_ore.id, maxDistance: 32 });
await exploreUntil(bot, new Vec3(1, -1, 1), 60, coal);
await mineBlock(bot, "coal_ore", 2);
"""
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    assert not [line for line in chat if "Could not break" in line]
    assert observation["inventory"].get("coal", 0) >= 2


def test_furnace_progress_and_fuel_rise_and_fall_while_smelting(env: MinecraftEnv) -> None:
    env.reset(options={"mode": "hard", "inventory": {"furnace": 1, "raw_iron": 1, "coal": 1}})
    program = (
        PLACE_FURNACE
        + """
await furnace.putFuel(mcData.itemsByName.coal.id, null, 1);
await furnace.putInput(mcData.itemsByName.raw_iron.id, null, 1);
await bot.waitForTicks(100);
bot.chat(`progress ${furnace.progress} fuel ${furnace.fuel}`);
for (let i = 0; i < 400 && !furnace.outputItem(); i++) await bot.waitForTicks(1);
bot.chat(`output ${furnace.outputItem()?.name}`);
await furnace.takeOutput();
furnace.close();
"""
    )
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    progress, fuel = number_in(chat, "progress"), number_in(chat, "fuel")
    assert 0.2 < progress < 0.9, "half way through the 10 s of cooking"
    assert 0.5 < fuel < 1, "a coal burns 80 s"
    assert observation["inventory"] == {"iron_ingot": 1}


def test_a_furnace_takes_any_item_as_input_but_cooks_only_what_smelts(env: MinecraftEnv) -> None:
    env.reset(
        options={"mode": "hard", "inventory": {"furnace": 1, "dirt": 1, "coal": 1, "sand": 1}}
    )
    program = (
        PLACE_FURNACE
        + """
await furnace.putFuel(mcData.itemsByName.coal.id, null, 1);
await furnace.putInput(mcData.itemsByName.dirt.id, null, 1);
await bot.waitForTicks(60);
bot.chat(`input ${furnace.inputItem()?.name} output ${furnace.outputItem()?.name ?? "none"}`);
await furnace.takeInput();
await furnace.putInput(mcData.itemsByName.sand.id, null, 1);
for (let i = 0; i < 400 && !furnace.outputItem(); i++) await bot.waitForTicks(1);
await furnace.takeOutput();
furnace.close();
"""
    )
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    assert "input dirt output none" in chat
    assert observation["inventory"].get("glass") == 1
    assert observation["inventory"].get("dirt") == 1


def test_dropped_stacks_merge_and_are_picked_up_whole(env: MinecraftEnv) -> None:
    env.reset(options={"mode": "hard", "inventory": {"cobblestone": 20}})
    program = """
const here = bot.entity.position.clone();
await bot.look(0, -Math.PI / 2, true);
await bot.toss(mcData.itemsByName.cobblestone.id, null, 10);
await bot.toss(mcData.itemsByName.cobblestone.id, null, 10);
await bot.waitForTicks(30);
const stacks = Object.values(bot.entities)
  .filter((e) => e.name === "item" && e.position.distanceTo(here) < 4);
const counts = stacks.map((e) => e.getDroppedItem()?.count).join("+");
bot.chat(`stacks ${stacks.length} holding ${counts}`);
await bot.waitForTicks(40);
bot.chat(`picked up ${bot.inventory.count(mcData.itemsByName.cobblestone.id)}`);
"""
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    assert "stacks 1 holding 20" in chat
    assert "picked up 20" in chat
    assert observation["inventory"] == {"cobblestone": 20}


def test_sprinting_and_jumping_use_up_saturation_then_food(env: MinecraftEnv) -> None:
    env.reset(options={"mode": "hard"})
    program = """
const before = bot.food + bot.foodSaturation;
bot.setControlState("sprint", true);
bot.setControlState("jump", true);
for (let i = 0; i < 30; i++) {
  await bot.look(i * 0.7, 0, true);
  bot.setControlState("forward", true);
  await bot.waitForTicks(10);
}
bot.clearControlStates();
await bot.waitForTicks(10);
bot.chat(`food and saturation ${before} -> ${bot.food + bot.foodSaturation}`);
"""
    _, chat, errors = run(env, program)
    assert errors == [], chat
    words = next(line for line in chat if line.startswith("food and saturation ")).split()
    assert float(words[5]) <= float(words[3]) - 1, "30 sprint jumps cost more than 4 exhaustion"


def test_a_fall_of_five_blocks_costs_two_health(env: MinecraftEnv) -> None:
    observation, _ = env.reset(options={"mode": "hard"})
    ground = observation["status"]["position"]
    health = observation["status"]["health"]
    env.reset(options={"mode": "soft", "position": {**ground, "y": ground["y"] + 5}})
    program = """
for (let i = 0; i < 100 && !bot.entity.onGround; i++) await bot.waitForTicks(1);
await bot.waitForTicks(10);
bot.chat(`health ${bot.health}`);
"""
    _, chat, errors = run(env, program)
    assert errors == [], chat
    assert f"health {health - 2}" in chat


def test_the_time_of_day_moves_on_one_tick_per_world_tick(env: MinecraftEnv) -> None:
    env.reset(options={"mode": "hard"})
    program = """
const before = { ...bot.time };
await bot.waitForTicks(100);
const after = { ...bot.time };
const ticks = Number(after.age) - Number(before.age);
bot.chat(`ticks ${ticks} daytime ${(after.timeOfDay - before.timeOfDay + 24000) % 24000}`);
"""
    _, chat, errors = run(env, program)
    assert errors == [], chat
    words = next(line for line in chat if line.startswith("ticks ")).split()
    assert int(words[1]) > 0
    assert words[1] == words[3], "the daylight clock (a day of 24000) moves with the world's age"


@pytest.mark.parametrize(
    ("inventory", "program", "made"),
    [
        ({"oak_planks": 4}, 'await craftItem(bot, "stick", 2);', {"stick": 8}),
        ({"coal": 2, "stick": 2}, 'await craftItem(bot, "torch", 2);', {"torch": 8}),
        (
            {"cobblestone": 12, "crafting_table": 1},
            PLACE_TABLE + 'await craftItem(bot, "cobblestone_wall", 2);',
            {"cobblestone_wall": 12},
        ),
        (
            {"birch_planks": 5, "crafting_table": 1},
            PLACE_TABLE + 'await craftItem(bot, "birch_boat", 1);',
            {"birch_boat": 1},
        ),
        (
            {"white_wool": 3, "spruce_planks": 3, "crafting_table": 1},
            PLACE_TABLE + 'await craftItem(bot, "white_bed", 1);',
            {"white_bed": 1},
        ),
    ],
    ids=["sticks", "torches", "cobblestone_walls", "boat", "white_bed_from_spruce_planks"],
)
def test_craft_item_runs_the_recipe_count_times(
    env: MinecraftEnv, inventory: dict[str, int], program: str, made: dict[str, Any]
) -> None:
    env.reset(options={"mode": "hard", "inventory": inventory})
    observation, chat, errors = run(env, GROUND + program)
    assert errors == [], chat
    assert {name: observation["inventory"].get(name) for name in made} == made

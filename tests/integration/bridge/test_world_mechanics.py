"""The game mechanics a program relies on, played by a real bot in the built-in world:
digging, placing, furnaces, dropped items, food, falls, the clock and recipe counts.

Each test stands in an arena of its own (sky_arenas); a furnace's minutes pass at
once with /tick sprint.
"""

from __future__ import annotations

from typing import Any

import pytest
from bridge_helpers import MakeEnv, Server, run
from sky_arenas import PRELUDE, SkyArenas, vec

from voyager.env.minecraft import MinecraftEnv

# health stays where a hit left it: no regeneration below 18 food
NO_HEALING = {"health": 20, "food": 17, "saturation": 0}


@pytest.fixture(scope="module")
def env(make_env: MakeEnv, builtin_world: Server) -> MinecraftEnv:
    return make_env(builtin_world, step_timeout=60.0)


def number_in(chat: list[str], word: str) -> float:
    for line in chat:
        words = line.split()
        if word in words:
            return float(words[words.index(word) + 1])
    raise AssertionError(f"no {word!r} in {chat}")


def furnace_in_arena(env: MinecraftEnv, arenas: SkyArenas, inventory: dict[str, int]) -> str:
    """Places a furnace beside the bot in a new arena; returns the furnace's position in JS."""
    centre = arenas.new()
    arenas.enter(centre, {"furnace": 1, **inventory})
    furnace = vec(centre.offset(2, 0, 0))
    _, chat, errors = run(env, f'await placeItem(bot, "furnace", {furnace});')
    assert errors == [], chat
    return furnace


def test_an_oak_log_breaks_by_hand_and_coal_ore_with_an_iron_pickaxe(
    env: MinecraftEnv, arenas: SkyArenas
) -> None:
    centre = arenas.new()
    log, ore = centre.offset(2, 0, 0), centre.offset(-2, 0, 0)
    arenas.console.setblock(log, "oak_log")
    arenas.console.setblock(ore, "coal_ore")
    arenas.enter(centre, {"iron_pickaxe": 1})
    program = (
        PRELUDE
        + f"""
const log = {vec(log)};
const ore = {vec(ore)};
// vanilla digs five times slower off the ground
await waitFor("the bot on the ground", () => bot.entity.onGround, 20);
await bot.dig(bot.blockAt(log), true);
await bot.equip(mcData.itemsByName.iron_pickaxe.id, "hand");
await bot.dig(bot.blockAt(ore), true);
await bot.waitForTicks(2);
bot.chat(`left: ${{nameAt(log)}} ${{nameAt(ore)}}`);
"""
    )
    _, chat, errors = run(env, program)
    assert errors == [], chat
    assert "left: air air" in chat


def test_a_refused_placement_is_answered_at_once_with_the_blocks_as_they_are(
    env: MinecraftEnv, arenas: SkyArenas
) -> None:
    """mineflayer's placeBlock waits for the server's answer to its click, which vanilla
    sends placed or not; mineflayer-pathfinder retries a refused tower block on it."""
    centre = arenas.new()
    arenas.enter(centre, {"dirt": 1})
    program = (
        PRELUDE
        + f"""
await waitFor("the bot on the ground", () => bot.entity.onGround, 20);
await bot.equip(mcData.itemsByName.dirt.id, "hand");
try {{
  // into the bot's own feet: refused
  await bot.placeBlock(bot.blockAt({vec(centre.offset(0, -1, 0))}), new Vec3(0, 1, 0));
  bot.chat("placed");
}} catch (err) {{
  bot.chat(err.message);
}}
"""
    )
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    assert any(line.startswith("Server refused to place dirt") for line in chat), chat
    assert observation["inventory"] == {"dirt": 1}


def test_craft_item_climbs_out_of_a_pit_to_the_crafting_table_above(
    env: MinecraftEnv, arenas: SkyArenas
) -> None:
    """What mineBlock leaves when it digs down for stone: the bot at the bottom of a
    1 x 1 shaft four blocks deep, its crafting table on the ground above. The
    pathfinder towers out on dirt, placing each block while it jumps."""
    centre = arenas.new()
    depth = 4
    for dy in range(3, depth + 2):  # stone walls and a bottom below the floor's two layers
        for dx in (-1, 0, 1):
            for dz in (-1, 0, 1):
                arenas.console.setblock(centre.offset(dx, -dy, dz), "stone")
    arenas.column(centre.offset(0, -depth, 0), ["air"] * depth)
    arenas.console.setblock(centre.offset(2, 0, 0), "crafting_table")
    arenas.enter(centre.offset(0, -depth, 0), {"dirt": 8, "cobblestone": 8, "stick": 2})
    observation, chat, errors = run(env, 'await craftItem(bot, "stone_pickaxe", 1);')
    assert errors == [], chat
    assert observation["inventory"].get("stone_pickaxe") == 1, chat


def test_furnace_progress_and_fuel_rise_and_fall_while_smelting(
    env: MinecraftEnv, arenas: SkyArenas
) -> None:
    furnace = furnace_in_arena(env, arenas, {"raw_iron": 1, "coal": 1})
    load = f"""
const furnace = await bot.openFurnace(bot.blockAt({furnace}));
await furnace.putFuel(mcData.itemsByName.coal.id, null, 1);
await furnace.putInput(mcData.itemsByName.raw_iron.id, null, 1);
furnace.close();
"""
    _, chat, errors = run(env, load)
    assert errors == [], chat
    arenas.console.sprint(100)
    look = f"""
const furnace = await bot.openFurnace(bot.blockAt({furnace}));
await bot.waitForTicks(2);
bot.chat(`progress ${{furnace.progress}} fuel ${{furnace.fuel}}`);
furnace.close();
"""
    _, chat, errors = run(env, look)
    assert errors == [], chat
    progress, fuel = number_in(chat, "progress"), number_in(chat, "fuel")
    assert 0.2 < progress < 0.9, "half way through the 10 s of cooking"
    assert 0.5 < fuel < 1, "a coal burns 80 s"
    arenas.console.sprint(120)
    unload = f"""
const furnace = await bot.openFurnace(bot.blockAt({furnace}));
await furnace.takeOutput();
furnace.close();
"""
    observation, chat, errors = run(env, unload)
    assert errors == [], chat
    assert observation["inventory"] == {"iron_ingot": 1}


def test_a_furnace_takes_any_item_as_input_but_cooks_only_what_smelts(
    env: MinecraftEnv, arenas: SkyArenas
) -> None:
    furnace = furnace_in_arena(env, arenas, {"dirt": 1, "coal": 1, "sand": 1})
    load = f"""
const furnace = await bot.openFurnace(bot.blockAt({furnace}));
await furnace.putFuel(mcData.itemsByName.coal.id, null, 1);
await furnace.putInput(mcData.itemsByName.dirt.id, null, 1);
furnace.close();
"""
    _, chat, errors = run(env, load)
    assert errors == [], chat
    arenas.console.sprint(220)  # longer than anything takes to cook
    swap = f"""
const furnace = await bot.openFurnace(bot.blockAt({furnace}));
bot.chat(`input ${{furnace.inputItem()?.name}} output ${{furnace.outputItem()?.name ?? "none"}}`);
await furnace.takeInput();
await furnace.putInput(mcData.itemsByName.sand.id, null, 1);
furnace.close();
"""
    _, chat, errors = run(env, swap)
    assert errors == [], chat
    assert "input dirt output none" in chat
    arenas.console.sprint(220)
    unload = f"""
const furnace = await bot.openFurnace(bot.blockAt({furnace}));
await furnace.takeOutput();
furnace.close();
"""
    observation, chat, errors = run(env, unload)
    assert errors == [], chat
    assert observation["inventory"] == {"dirt": 1, "glass": 1}


def test_dropped_stacks_merge_and_are_picked_up_whole(env: MinecraftEnv, arenas: SkyArenas) -> None:
    arenas.enter(arenas.new(), {"cobblestone": 20})
    program = (
        PRELUDE
        + """
const here = bot.entity.position.clone();
await bot.look(0, -Math.PI / 2, true);
await bot.waitForTicks(2); // the server has the look before the throw
await bot.toss(mcData.itemsByName.cobblestone.id, null, 10);
await bot.toss(mcData.itemsByName.cobblestone.id, null, 10);
const stacks = () => Object.values(bot.entities)
  .filter((e) => e.name === "item" && e.position.distanceTo(here) < 4);
await waitFor("the stacks to merge", () => stacks().length === 1, 40);
bot.chat(`stacks 1 holding ${stacks()[0].getDroppedItem()?.count}`);
await waitFor("the pickup", () => count("cobblestone") === 20, 100);
"""
    )
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    assert "stacks 1 holding 20" in chat
    assert observation["inventory"] == {"cobblestone": 20}


def test_sprint_jumps_cost_food_once_the_saturation_is_gone(
    env: MinecraftEnv, arenas: SkyArenas
) -> None:
    centre = arenas.new()
    arenas.wall(centre, height=2)
    arenas.enter(centre, {}, vitals={"health": 20, "food": 20, "saturation": 0})
    program = """
bot.setControlState("sprint", true);
bot.setControlState("jump", true);
bot.setControlState("forward", true);
for (let i = 0; i < 60 && bot.food === 20; i++) {
  await bot.look(i * 0.7, 0, true);
  await bot.waitForTicks(10);
}
bot.clearControlStates();
bot.chat(`saturation ${bot.foodSaturation} food ${bot.food}`);
"""
    _, chat, errors = run(env, program)
    assert errors == [], chat
    assert "saturation 0 food 19" in chat, "a sprint jump costs 0.2 exhaustion, and 4 a food"


def test_a_fall_of_five_blocks_costs_two_health(env: MinecraftEnv, arenas: SkyArenas) -> None:
    centre = arenas.new()
    # the vitals on the floor, then the drop: a reset sets the vitals after it moves the bot,
    # and would undo the damage of a fall that ended in between
    arenas.enter(centre, {}, vitals=NO_HEALING)
    env.reset(options={"mode": "soft", "position": centre.offset(0, 5, 0).centre()})
    program = """
for (let i = 0; i < 100 && !bot.entity.onGround; i++) await bot.waitForTicks(1);
await bot.waitForTicks(10);
bot.chat(`health ${bot.health}`);
"""
    _, chat, errors = run(env, program)
    assert errors == [], chat
    assert "health 18" in chat


def test_the_time_of_day_moves_on_one_tick_per_world_tick(
    env: MinecraftEnv, arenas: SkyArenas
) -> None:
    arenas.enter(arenas.new(), {})
    program = """
const before = { ...bot.time };
await bot.waitForTicks(40);
const after = { ...bot.time };
const ticks = Number(after.age) - Number(before.age);
bot.chat(`ticks ${ticks} daytime ${(after.timeOfDay - before.timeOfDay + 24000) % 24000}`);
"""
    _, chat, errors = run(env, program)
    assert errors == [], chat
    words = next(line for line in chat if line.startswith("ticks ")).split()
    assert int(words[1]) > 0
    assert words[1] == words[3], "the daylight clock (a day of 24000) moves with the world's age"


def test_craft_item_runs_the_recipe_count_times(env: MinecraftEnv, arenas: SkyArenas) -> None:
    centre = arenas.new()
    kit = {
        "oak_planks": 7,
        "coal": 2,
        "stick": 2,
        "cobblestone": 12,
        "birch_planks": 5,
        "white_wool": 3,
        "crafting_table": 1,
    }
    arenas.enter(centre, kit)
    program = f"""
await placeItem(bot, "crafting_table", {vec(centre.offset(2, 0, 0))});
await craftItem(bot, "cobblestone_wall", 2);
await craftItem(bot, "birch_boat", 1);
await craftItem(bot, "white_bed", 1);
await craftItem(bot, "stick", 2);
await craftItem(bot, "torch", 2);
"""
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    made: dict[str, Any] = {"torch": 8, "cobblestone_wall": 12, "birch_boat": 1, "white_bed": 1}
    assert {name: observation["inventory"].get(name) for name in made} == made, chat
    assert observation["inventory"].get("stick") == 8, "2 given, 8 made, 2 used for torches"

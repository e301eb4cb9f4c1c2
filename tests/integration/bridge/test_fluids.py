"""Water, lava and buckets in the built-in world, played by a real bot through the bridge."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from bridge_helpers import MakeEnv, Server, run
from play_helpers import GROUND, TRENCH

from voyager.env.minecraft import MinecraftEnv


@pytest.fixture(scope="module")
def env(make_env: MakeEnv, builtin_world: Server) -> MinecraftEnv:
    return make_env(builtin_world, step_timeout=90.0)


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


def test_poured_water_spreads_and_drains_when_the_bucket_takes_the_source_back(
    env: MinecraftEnv,
) -> None:
    env.reset(options={"mode": "hard", "inventory": {"water_bucket": 1}})
    program = (
        GROUND
        + """
const spot = groundSpots(bot, ["grass_block", "dirt", "sand", "stone"], 2)[0];
const source = spot.position.offset(0, 1, 0);
const before = countAround(bot, "water", source, 8);
await bot.equip(mcData.itemsByName.water_bucket.id, "hand");
await bot.activateBlock(spot, new Vec3(0, 1, 0));
await bot.waitForTicks(60);
const spread = countAround(bot, "water", source, 8);
const level = bot.blockAt(source).getProperties().level;
const buckets = bot.inventory.count(mcData.itemsByName.bucket.id);
bot.chat(`poured: source ${bot.blockAt(source).name} level ${level}, buckets ${buckets}`);
await bot.lookAt(source.offset(0.5, 0.5, 0.5), true);
await bot.waitForTicks(2);
bot.activateItem();
await bot.waitForTicks(140);
const after = countAround(bot, "water", source, 8);
bot.chat(`water blocks before ${before} spread ${spread} after ${after}`);
"""
    )
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    assert "poured: source water level 0, buckets 1" in chat
    before, spread, after = (
        int(word)
        for word in next(line for line in chat if line.startswith("water blocks")).split()[3::2]
    )
    assert spread > before + 4, "the source flows out onto the ground around it"
    assert after == before, "the flow dries up once the source is gone"
    assert observation["inventory"] == {"water_bucket": 1}


def test_an_empty_bucket_takes_lava_and_pours_it_back(env: MinecraftEnv) -> None:
    env.reset(options={"mode": "hard", "inventory": {"lava_bucket": 1, "bucket": 1}})
    program = (
        TRENCH
        + """
const [cell] = await trench(bot, 1);
await pourInto(bot, "lava_bucket", cell);
bot.chat(`poured ${nameAt(cell)}, buckets ${count("bucket")}`);
await bot.equip(mcData.itemsByName.bucket.id, "hand");
await bot.activateBlock(bot.blockAt(cell));
await bot.waitForTicks(5);
const left = nameAt(cell) === "air" ? "it" : nameAt(cell);
bot.chat(`took ${left}, lava buckets ${count("lava_bucket")}`);
"""
    )
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    assert "poured lava, buckets 2" in chat
    assert "took it, lava buckets 1" in chat
    assert observation["inventory"] == {"lava_bucket": 1, "bucket": 1}


def test_water_turns_a_lava_source_into_obsidian_and_flowing_lava_into_cobblestone(
    env: MinecraftEnv,
) -> None:
    env.reset(options={"mode": "hard", "inventory": {"lava_bucket": 1, "water_bucket": 2}})
    program = (
        TRENCH
        + """
const cells = await trench(bot, 4);
await pourInto(bot, "lava_bucket", cells[1]);
for (let i = 0; i < 100 && nameAt(cells[2]) !== "lava"; i++) await bot.waitForTicks(2);
bot.chat(`lava reached the next cell: ${nameAt(cells[2])}`);
await pourInto(bot, "water_bucket", cells[3]);
await pourInto(bot, "water_bucket", cells[0]);
await bot.waitForTicks(10);
bot.chat(`trench ${cells.map(nameAt).join(",")}`);
"""
    )
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    assert "lava reached the next cell: lava" in chat
    assert "trench water,obsidian,cobblestone,water" in chat
    assert observation["inventory"] == {"bucket": 3}


def test_lava_burns_an_item_that_falls_into_it(env: MinecraftEnv) -> None:
    env.reset(options={"mode": "hard", "inventory": {"lava_bucket": 1, "dirt": 1}})
    program = (
        TRENCH
        + """
const [top] = await trench(bot, 1);
const bottom = top.offset(0, -1, 0);
await bot.dig(bot.blockAt(bottom));
await pourInto(bot, "lava_bucket", bottom);
await placeItem(bot, "dirt", top);
let dropped = null;
bot.once("itemDrop", (entity) => { dropped = entity; });
await bot.dig(bot.blockAt(top));
await bot.waitForTicks(40);
const burnt = dropped !== null && !bot.entities[dropped.id];
bot.chat(`under ${nameAt(bottom)}, the dirt dropped and burnt ${burnt}`);
"""
    )
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    assert "under lava, the dirt dropped and burnt true" in chat
    assert "dirt" not in observation["inventory"]


def test_a_bot_in_deep_water_sinks_and_swims_up_when_it_jumps(env: MinecraftEnv) -> None:
    env.reset(options={"mode": "hard", "inventory": {"water_bucket": 2}})
    program = (
        TRENCH
        + """
const [top, bottom] = await waterShaft(bot);
bot.chat(`shaft ${nameAt(top)} ${nameAt(bottom)}`);
// walk over the edge into the shaft
await bot.lookAt(top.offset(0.5, 1.6, 0.5), true);
bot.setControlState("forward", true);
for (let i = 0; i < 60 && !bot.entity.isInWater; i++) await bot.waitForTicks(1);
bot.setControlState("forward", false);
for (let i = 0; i < 60 && !bot.entity.onGround; i++) await bot.waitForTicks(1);
const sunk = bot.entity.position.y;
bot.chat(`in water ${bot.entity.isInWater}, feet ${Math.round(sunk - bottom.y)} above the bottom`);
bot.setControlState("jump", true);
let highest = sunk;
for (let i = 0; i < 30; i++) {
  await bot.waitForTicks(1);
  highest = Math.max(highest, bot.entity.position.y);
}
bot.setControlState("jump", false);
bot.chat(`swam up ${(highest - sunk).toFixed(1)}`);
"""
    )
    _, chat, errors = run(env, program)
    assert errors == [], chat
    assert "shaft water water" in chat
    assert "in water true, feet 0 above the bottom" in chat
    swam = float(next(line for line in chat if line.startswith("swam up ")).split()[2])
    assert swam >= 0.5


def test_a_bot_that_stays_under_water_runs_out_of_air_and_drowns_by_two(
    env: MinecraftEnv,
) -> None:
    env.reset(options={"mode": "hard", "inventory": {"water_bucket": 2}})
    program = (
        TRENCH
        + """
const [top] = await waterShaft(bot);
await bot.lookAt(top.offset(0.5, 1.6, 0.5), true);
bot.setControlState("forward", true);
for (let i = 0; i < 60 && !bot.entity.isInWater; i++) await bot.waitForTicks(1);
bot.setControlState("forward", false);
for (let i = 0; i < 60 && !bot.entity.onGround; i++) await bot.waitForTicks(1);
const healthy = bot.health;
// 300 ticks of air, then 2 damage
for (let i = 0; i < 400 && bot.health === healthy; i++) await bot.waitForTicks(1);
const head = nameAt(bot.entity.position.floored().offset(0, 1, 0));
bot.chat(`head in ${head}, hurt ${healthy - bot.health}`);
"""
    )
    _, chat, errors = run(env, program)
    assert errors == [], chat
    assert "head in water, hurt 2" in chat


def test_a_lava_bucket_burns_in_a_furnace_and_leaves_the_bucket(env: MinecraftEnv) -> None:
    env.reset(
        options={"mode": "hard", "inventory": {"furnace": 1, "raw_iron": 1, "lava_bucket": 1}}
    )
    program = (
        GROUND
        + """
const spot = groundSpots(bot, ["grass_block", "dirt", "sand", "stone"])[0];
await placeItem(bot, "furnace", spot.position.offset(0, 1, 0));
await smeltItem(bot, "raw_iron", "lava_bucket", 1);
const furnaceBlock = bot.findBlock({ matching: mcData.blocksByName.furnace.id, maxDistance: 8 });
const furnace = await bot.openFurnace(furnaceBlock);
bot.chat(`fuel slot ${furnace.fuelItem()?.name}`);
await furnace.takeFuel();
furnace.close();
"""
    )
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    assert "fuel slot bucket" in chat
    assert observation["inventory"] == {"iron_ingot": 1, "bucket": 1}

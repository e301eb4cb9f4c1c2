"""Water, lava and buckets in the built-in world, played by a real bot through the bridge.

Each test stands in an arena of its own (sky_arenas); the console builds the pits and
shafts a test needs and runs the furnace's ticks at once (/tick sprint).
"""

from __future__ import annotations

import pytest
from bridge_helpers import MakeEnv, Server, run
from sky_arenas import PRELUDE, SkyArenas, vec

from voyager.env.minecraft import MinecraftEnv


@pytest.fixture(scope="module")
def env(make_env: MakeEnv, builtin_world: Server) -> MinecraftEnv:
    return make_env(builtin_world, step_timeout=60.0)


def test_poured_water_spreads_and_drains_when_the_bucket_takes_the_source_back(
    env: MinecraftEnv, arenas: SkyArenas
) -> None:
    centre = arenas.new()
    arenas.wall(centre, height=1)
    arenas.enter(centre, {"water_bucket": 1})
    program = (
        PRELUDE
        + f"""
const source = {vec(centre.offset(2, 0, 0))};
await bot.equip(mcData.itemsByName.water_bucket.id, "hand");
await bot.activateBlock(bot.blockAt(source.offset(0, -1, 0)), new Vec3(0, 1, 0));
await waitFor("water 3 blocks away", () => nameAt(source.offset(0, 0, 3)) === "water");
const level = bot.blockAt(source).getProperties().level;
bot.chat(`poured: source ${{nameAt(source)}} level ${{level}}, buckets ${{count("bucket")}}`);
const spread = countAround(bot, "water", source, 8);
// the current pushes the bot: aim again before each of up to three clicks
for (let i = 0; i < 3 && count("water_bucket") === 0; i++) {{
  await bot.lookAt(source.offset(0.5, 0.5, 0.5), true);
  await bot.waitForTicks(2); // the server has the look before the click
  bot.activateItem();
  for (let t = 0; t < 10 && count("water_bucket") === 0; t++) await bot.waitForTicks(1);
}}
await waitFor("the source in the bucket", () => count("water_bucket") === 1, 1);
await waitFor("the water to drain", () => countAround(bot, "water", source, 8) === 0, 300);
bot.chat(`water blocks spread ${{spread}}, water buckets ${{count("water_bucket")}}`);
"""
    )
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    assert "poured: source water level 0, buckets 1" in chat
    spread = int(next(line for line in chat if line.startswith("water blocks")).split()[3][:-1])
    assert spread > 12, "the source flows out over the floor around it"
    assert observation["inventory"] == {"water_bucket": 1}


def test_water_turns_a_lava_source_into_obsidian_and_flowing_lava_into_cobblestone(
    env: MinecraftEnv, arenas: SkyArenas
) -> None:
    centre = arenas.new()
    trench = [centre.offset(dx, -1, 2) for dx in range(-1, 3)]
    for cell in trench:
        arenas.console.setblock(cell, "air")
    arenas.enter(centre, {"lava_bucket": 1, "water_bucket": 2})
    program = (
        PRELUDE
        + f"""
const cells = [{", ".join(vec(cell) for cell in trench)}];
async function pourInto(item, cell) {{
  await bot.equip(mcData.itemsByName[item].id, "hand");
  await bot.activateBlock(bot.blockAt(cell.offset(0, -1, 0)), new Vec3(0, 1, 0));
  await bot.waitForTicks(2);
}}
await pourInto("lava_bucket", cells[1]);
await waitFor("lava in the next cell", () => nameAt(cells[2]) === "lava", 100);
await pourInto("water_bucket", cells[3]);
await pourInto("water_bucket", cells[0]);
for (let i = 0; i < 60 && [1, 2].some((i) => nameAt(cells[i]) === "lava"); i++) {{
  await bot.waitForTicks(1);
}}
bot.chat(`trench ${{cells.map(nameAt).join(",")}}`);
"""
    )
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    assert "trench water,obsidian,cobblestone,water" in chat
    assert observation["inventory"] == {"bucket": 3}


def test_lava_burns_an_item_that_falls_into_it(env: MinecraftEnv, arenas: SkyArenas) -> None:
    centre = arenas.new()
    lid = centre.offset(2, -1, 0)
    arenas.column(lid.offset(0, -2, 0), ["dirt", "lava", "dirt"])
    arenas.enter(centre, {})
    program = (
        PRELUDE
        + f"""
const lid = {vec(lid)};
let dropped = null;
bot.once("itemDrop", (entity) => {{ dropped = entity; }});
await bot.dig(bot.blockAt(lid));
const drop = await waitFor("the dirt's drop", () => dropped);
await waitFor("the drop to burn", () => !bot.entities[drop.id], 100);
bot.chat(`under ${{nameAt(lid.offset(0, -1, 0))}}, the dirt dropped and burnt`);
"""
    )
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    assert "under lava, the dirt dropped and burnt" in chat
    assert "dirt" not in observation["inventory"]


def test_a_bot_in_deep_water_sinks_and_swims_up_when_it_jumps(
    env: MinecraftEnv, arenas: SkyArenas
) -> None:
    centre = arenas.new()
    top = centre.offset(2, -1, 0)
    arenas.column(top.offset(0, -2, 0), ["dirt", "water", "water"])
    arenas.enter(centre, {})
    program = (
        PRELUDE
        + f"""
const top = {vec(top)};
const bottom = top.offset(0, -1, 0);
// walk over the edge into the shaft
await bot.lookAt(top.offset(0.5, 1.6, 0.5), true);
bot.setControlState("forward", true);
await waitFor("the bot in the water", () => bot.entity.isInWater, 60);
bot.setControlState("forward", false);
await waitFor("the bot at the bottom", () => bot.entity.onGround, 60);
const sunk = bot.entity.position.y;
const feet = Math.round(sunk - bottom.y);
bot.chat(`in water ${{bot.entity.isInWater}}, feet ${{feet}} above the bottom`);
bot.setControlState("jump", true);
let highest = sunk;
for (let i = 0; i < 30; i++) {{
  await bot.waitForTicks(1);
  highest = Math.max(highest, bot.entity.position.y);
}}
bot.setControlState("jump", false);
bot.chat(`swam up ${{(highest - sunk).toFixed(1)}}`);
"""
    )
    _, chat, errors = run(env, program)
    assert errors == [], chat
    assert "in water true, feet 0 above the bottom" in chat
    swam = float(next(line for line in chat if line.startswith("swam up ")).split()[2])
    assert swam >= 0.5


def test_a_lava_bucket_burns_in_a_furnace_and_leaves_the_bucket(
    env: MinecraftEnv, arenas: SkyArenas
) -> None:
    centre = arenas.new()
    arenas.enter(centre, {"furnace": 1, "raw_iron": 1, "lava_bucket": 1})
    furnace = vec(centre.offset(2, 0, 0))
    load = f"""
await placeItem(bot, "furnace", {furnace});
const furnace = await bot.openFurnace(bot.blockAt({furnace}));
await furnace.putFuel(mcData.itemsByName.lava_bucket.id, null, 1);
await furnace.putInput(mcData.itemsByName.raw_iron.id, null, 1);
furnace.close();
"""
    _, chat, errors = run(env, load)
    assert errors == [], chat
    arenas.console.sprint(220)  # an ingot cooks in 200 ticks
    unload = f"""
const furnace = await bot.openFurnace(bot.blockAt({furnace}));
bot.chat(`fuel slot ${{furnace.fuelItem()?.name}}, output ${{furnace.outputItem()?.name}}`);
await furnace.takeFuel();
await furnace.takeOutput();
furnace.close();
"""
    observation, chat, errors = run(env, unload)
    assert errors == [], chat
    assert "fuel slot bucket, output iron_ingot" in chat
    assert observation["inventory"] == {"iron_ingot": 1, "bucket": 1}

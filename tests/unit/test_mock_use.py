"""Using items in the mock world: buckets, farming, shears, milk, eggs, fishing, beds, the dark."""

from __future__ import annotations

from typing import Any

import pytest

from voyager.env.mock import MockMinecraftEnv

# A spot by the spawn of seed 1 where the tests lay out what they need.
SCENE = """
const here = bot.entity.position.floored();
const ground = here.offset(3, -1, 0);
const above = ground.offset(0, 1, 0);
const count = (name) => bot.inventory.count(mcData.itemsByName[name].id);
async function hold(name) { await bot.equip(mcData.itemsByName[name].id, "hand"); }
"""


@pytest.fixture(scope="module")
def env() -> MockMinecraftEnv:
    return MockMinecraftEnv(seed=1)


def run(
    env: MockMinecraftEnv,
    code: str,
    inventory: dict[str, int],
    blocks: dict[tuple[int, int, int], str] | None = None,
) -> tuple[dict[str, Any], list[str], list[str]]:
    """Run ``code`` after a reset; ``blocks`` are set at offsets from the cell 3 blocks east of
    the bot's feet, one down (the ``ground`` of ``SCENE``)."""
    env.reset(seed=1, options={"mode": "hard", "inventory": inventory})
    x, y, z = env.sim.feet()
    for (dx, dy, dz), name in (blocks or {}).items():
        env.sim.world.set_block((x + 3 + dx, y - 1 + dy, z + dz), name)
    obs, _reward, _term, _trunc, info = env.step(SCENE + code)
    events = info["events"]
    chat = [e["message"] for e in events if e["type"] == "chat"]
    errors = [e["message"] for e in events if e["type"] == "error"]
    return obs, chat, errors


# Water where the look from the bot's eyes down to the ground meets it first.
POOL = {(-1, 0, 0): "water", (0, 0, 0): "water", (1, 0, 0): "water"}


def test_an_empty_bucket_takes_a_lava_source(env: MockMinecraftEnv) -> None:
    code = 'await hold("bucket"); await bot.activateBlock(bot.blockAt(ground));'
    obs, _, errors = run(env, code, {"bucket": 1}, {(0, 0, 0): "lava"})
    assert errors == [] and obs["inventory"] == {"lava_bucket": 1}


def test_a_bucket_fills_from_the_water_looked_at(env: MockMinecraftEnv) -> None:
    code = (
        'await hold("bucket"); await bot.lookAt(ground.offset(0.5, 0.5, 0.5));'
        "bot.activateItem(); await bot.waitForTicks(2);"
    )
    obs, _, _ = run(env, code, {"bucket": 1}, POOL)
    assert obs["inventory"] == {"water_bucket": 1}


def test_water_poured_next_to_lava_makes_obsidian(env: MockMinecraftEnv) -> None:
    code = (
        'await hold("water_bucket"); await bot.activateBlock(bot.blockAt(ground.offset(1, -1, 0)));'
        "bot.chat(`lava became ${bot.blockAt(ground).name}`);"
    )
    blocks = {(0, 0, 0): "lava", (1, 0, 0): "air"}
    obs, chat, _ = run(env, code, {"water_bucket": 1}, blocks)
    assert "lava became obsidian" in chat and obs["inventory"] == {"bucket": 1}


def test_a_hoe_tills_grass_and_seeds_grow_on_the_farmland(env: MockMinecraftEnv) -> None:
    code = (
        'await hold("iron_hoe"); await bot.activateBlock(bot.blockAt(ground));'
        'await hold("wheat_seeds"); await bot.activateBlock(bot.blockAt(ground));'
        "bot.chat(`${bot.blockAt(ground).name} ${bot.blockAt(above).name}`);"
    )
    obs, chat, _ = run(env, code, {"iron_hoe": 1, "wheat_seeds": 1}, {(0, 0, 0): "grass_block"})
    assert "farmland wheat" in chat and "wheat_seeds" not in obs["inventory"]


def test_seeds_are_not_planted_off_farmland(env: MockMinecraftEnv) -> None:
    code = 'await hold("wheat_seeds"); await bot.activateBlock(bot.blockAt(ground));'
    obs, _, errors = run(env, code, {"wheat_seeds": 1}, {(0, 0, 0): "grass_block"})
    assert "only be planted on farmland" in errors[0] and obs["inventory"] == {"wheat_seeds": 1}


def test_bone_meal_ripens_wheat_that_yields_wheat_and_seeds(env: MockMinecraftEnv) -> None:
    code = (
        'await hold("bone_meal");'
        "for (let i = 0; i < 4 && bot.blockAt(above).getProperties().age < 7; i++) "
        "  await bot.activateBlock(bot.blockAt(above));"
        "await bot.dig(bot.blockAt(above));"
    )
    blocks = {(0, 0, 0): "farmland"}
    env.reset(seed=1)
    obs, _, errors = run(env, 'await hold("wheat_seeds");' + PLANT + code, SEEDS_AND_MEAL, blocks)
    assert errors == [] and obs["inventory"].get("wheat") == 1
    assert obs["inventory"].get("wheat_seeds", 0) >= 1


PLANT = "await bot.activateBlock(bot.blockAt(ground));"
SEEDS_AND_MEAL = {"wheat_seeds": 1, "bone_meal": 4}


def test_unripe_wheat_gives_back_its_seed_only(env: MockMinecraftEnv) -> None:
    code = 'await hold("wheat_seeds");' + PLANT + "await bot.dig(bot.blockAt(above));"
    obs, _, _ = run(env, code, {"wheat_seeds": 1}, {(0, 0, 0): "farmland"})
    assert obs["inventory"] == {"wheat_seeds": 1}


def test_crops_grow_with_time(env: MockMinecraftEnv) -> None:
    code = (
        'await hold("wheat_seeds");' + PLANT + "await bot.waitForTicks(24000);"
        "bot.chat(`age ${bot.blockAt(above).getProperties().age}`);"
    )
    _, chat, _ = run(env, code, {"wheat_seeds": 1}, {(0, 0, 0): "farmland"})
    # a stage takes 7 random ticks on average, one every 1365 ticks: about 2.5 stages a day
    assert int(next(c for c in chat if c.startswith("age")).split()[1]) >= 1


SHEEP = (
    'const sheep = () => bot.nearestEntity((e) => e.name === "sheep");\n'
    "for (const d of [[1,0,1],[-1,0,1],[1,0,-1],[-1,0,-1]]) { if (sheep()) break; "
    "await exploreUntil(bot, new Vec3(d[0], d[1], d[2]), 120, sheep); }\n"
    "const one = sheep();\n"
)


def test_shears_drop_wool_of_the_sheeps_colour_and_it_is_then_shorn(
    env: MockMinecraftEnv,
) -> None:
    code = (
        SHEEP + 'await hold("shears"); await bot.activateEntity(one);'
        "const drop = bot.nearestEntity((e) => e.name === 'item');"
        "const shorn = bot.entities[one.id].metadata[17] >= 16;"
        "bot.chat(`dropped ${drop.getDroppedItem().name}, shorn ${shorn}`);"
        "await bot.activateEntity(one);"
    )
    _, chat, errors = run(env, code, {"shears": 1})
    assert any(line.startswith("dropped ") and "_wool, shorn true" in line for line in chat)
    assert "already sheared" in errors[0] or "is sheared" in errors[0]


def test_milking_a_cow_fills_the_bucket(env: MockMinecraftEnv) -> None:
    code = (
        'const cow = () => bot.nearestEntity((e) => e.name === "cow");\n'
        "for (const d of [[1,0,1],[-1,0,1],[1,0,-1],[-1,0,-1]]) { if (cow()) break; "
        "await exploreUntil(bot, new Vec3(d[0], d[1], d[2]), 120, cow); }\n"
        'await hold("bucket"); await bot.activateEntity(cow());'
    )
    obs, _, errors = run(env, code, {"bucket": 1})
    assert errors == [] and obs["inventory"] == {"milk_bucket": 1}


def test_fishing_in_water_catches_from_the_loot_table(env: MockMinecraftEnv) -> None:
    code = (
        'await hold("fishing_rod"); await bot.lookAt(ground.offset(0.5, 0.5, 0.5));'
        "for (let i = 0; i < 5; i++) await bot.fish();"
    )
    obs, _, errors = run(env, code, {"fishing_rod": 1}, POOL)
    caught = sum(n for name, n in obs["inventory"].items() if name != "fishing_rod")
    assert errors == [] and caught == 5


def test_fishing_on_dry_land_is_cancelled(env: MockMinecraftEnv) -> None:
    code = (
        'await hold("fishing_rod"); await bot.lookAt(ground.offset(0.5, 0.5, 0.5));'
        "await bot.fish();"
    )
    _, _, errors = run(env, code, {"fishing_rod": 1}, {(0, 0, 0): "stone"})
    assert "Fishing cancelled" in errors[0]


BED = (
    'await hold("white_bed"); await bot.placeBlock(bot.blockAt(ground), new Vec3(0, 1, 0));'
    "const bed = bot.blockAt(above);"
)


def test_sleeping_at_night_skips_to_the_morning(env: MockMinecraftEnv) -> None:
    code = (
        BED + "await bot.waitForTicks(12000); await bot.sleep(bed);"
        "await new Promise((resolve) => bot.once('wake', resolve));"
        "bot.chat(`morning ${bot.time.timeOfDay}`);"
    )
    obs, chat, errors = run(env, code, {"white_bed": 1}, {(0, 0, 0): "stone", (0, 1, 0): "air"})
    assert errors == [] and "morning 0" in chat
    assert obs["status"]["elapsedTime"] < 13000


def test_a_bed_by_day_refuses_sleep(env: MockMinecraftEnv) -> None:
    code = BED + "await bot.sleep(bed);"
    _, _, errors = run(env, code, {"white_bed": 1}, {(0, 0, 0): "stone", (0, 1, 0): "air"})
    assert "not night" in errors[0]


def test_monsters_come_in_the_dark_underground_by_day(env: MockMinecraftEnv) -> None:
    code = (
        "await bot.pathfinder.goto(new GoalNear(here.x, here.y - 30, here.z, 1));"
        "await bot.waitForTicks(6000);"
        "const near = Object.values(bot.entities).filter((e) => e.type === 'hostile').length;"
        "bot.chat(`hostiles ${near} by ${bot.time.isDay ? 'day' : 'night'}`);"
    )
    _, chat, _ = run(env, code, {})
    line = next(c for c in chat if c.startswith("hostiles"))
    assert line.endswith("by day") and int(line.split()[1]) > 0


def test_chickens_lay_eggs(env: MockMinecraftEnv) -> None:
    code = (
        'const hen = () => bot.nearestEntity((e) => e.name === "chicken");\n'
        "for (const d of [[1,0,1],[-1,0,1],[1,0,-1],[-1,0,-1]]) { if (hen()) break; "
        "await exploreUntil(bot, new Vec3(d[0], d[1], d[2]), 120, hen); }\n"
        "await bot.waitForTicks(12000);"
        "const eggs = Object.values(bot.entities).filter((e) => e.name === 'item' && "
        "e.getDroppedItem().name === 'egg').length;"
        "bot.chat(`eggs ${eggs}`);"
    )
    _, chat, _ = run(env, code, {})
    line = next(c for c in chat if c.startswith("eggs"))
    assert int(line.split()[1]) > 0

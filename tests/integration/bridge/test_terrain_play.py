"""The built-in world's terrain played by a bot over the real bridge: what lies where, falling sand.

Each test runs a program, as an LLM would write it, in the world of a given
seed (one world per seed, shared by its tests, the bot put back by a hard
reset), on peaceful so that no hostile mob gets in the way;
bridge/tools/terrain-locate.js (the world's own generator) says where a
feature is when the bot has to be put next to it.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest
from bridge_helpers import FREE_SPOT, run

from voyager.agents.code import extract_program
from voyager.env.contract import Observation
from voyager.env.minecraft import MinecraftEnv
from voyager.env.world import EmbeddedWorld
from voyager.offline.programs import write_program
from voyager.paths import bridge_dir

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js"),
]


STEP_TIMEOUT_S = 240.0
ROUND_S = 120.0  # what a program of an exploration round may take (MinecraftEnv's default)
LOGS = "Object.values(mcData.blocksByName).filter((b) => b.name.endsWith('_log')).map((b) => b.id)"


def locate(seed: int, block: str, below: int = 320) -> dict[str, Any]:
    """Where the `block` under y=`below` nearest to the spawn of `seed` is; where to stand by it."""
    tool = bridge_dir() / "tools" / "terrain-locate.js"
    result = subprocess.run(
        ["node", str(tool), "--seed", str(seed), "--block", block, "--below", str(below)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    found: dict[str, Any] = json.loads(result.stdout)
    return found


Place = Callable[..., tuple[MinecraftEnv, Observation]]


@pytest.fixture(scope="module")
def bot_in(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Place]:
    """Puts a bot in a seed's world (peaceful) by a hard reset; returns it and its observation.

    bot_in(seed, inventory, by=BLOCK, below=Y) stands it by the nearest BLOCK under
    y=Y to the spawn, else at the spawn; put=[(dx, dy, dz, BLOCK), ...] sets blocks that far
    from its feet. The tests of a seed share one world and bot.
    """
    folder = tmp_path_factory.mktemp("terrain")
    started: dict[int, tuple[EmbeddedWorld, MinecraftEnv, Any]] = {}

    def place(
        seed: int,
        inventory: dict[str, int] | None = None,
        by: str = "",
        below: int = 320,
        put: Sequence[tuple[int, int, int, str]] = (),
    ) -> tuple[MinecraftEnv, Observation]:
        if seed not in started:
            log = folder / f"world-{seed}.log"
            world = EmbeddedWorld(seed=seed, difficulty=0, log_path=log).start()
            env = MinecraftEnv(
                world.host,
                world.port,
                username="terrain",
                log_dir=folder,
                step_timeout=STEP_TIMEOUT_S,
                admin_token=world.admin_token,
            )
            first, _ = env.reset(options={"mode": "hard"})
            started[seed] = (world, env, first["status"]["position"])
        world, env, spawn = started[seed]
        position = locate(seed, by, below)["stand"] if by else spawn
        options = {"mode": "hard", "inventory": inventory or {}, "position": position}
        observation, _ = env.reset(options=options)
        x, y, z = (math.floor(position[axis]) for axis in "xyz")
        for dx, dy, dz, block in put:
            world.send_command(f"setblock {x + dx} {y + dy} {z + dz} {block}")
        return env, observation

    yield place
    for world, env, _ in started.values():
        env.close()
        world.stop()


# seed 1 -------------------------------------------------------------------------------


def kill_a_cow(env: MinecraftEnv) -> tuple[dict[str, Any], list[str], list[str]]:
    program = """
const findCow = () => bot.nearestEntity((e) => e.name === "cow");
let cow = findCow();
if (!cow) cow = await exploreUntil(bot, new Vec3(1, 0, 1), 60, findCow);
if (!cow) throw new Error("no cow in sight within a minute");
bot.chat(`a cow ${Math.round(cow.position.distanceTo(bot.entity.position))} blocks away`);
await bot.pathfinder.goto(new GoalNear(cow.position.x, cow.position.y, cow.position.z, 3));
await bot.equip(mcData.itemsByName.stone_sword.id, "hand");
await killMob(bot, "cow", 60);
"""
    return run(env, program)


# the census (test_world.py) finds logs and animals near the spawn of ten seeds; a bot
# takes them on one
def test_logs_lie_a_short_walk_from_the_spawn(bot_in: Place) -> None:
    env, _ = bot_in(1)
    program = f"""
const log = bot.findBlock({{ matching: {LOGS}, maxDistance: 32 }});
if (!log) throw new Error("no log within 32 blocks of the spawn");
await mineBlock(bot, log.name, 1);
"""
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    assert any(name.endswith("_log") for name in observation["inventory"]), chat


def test_a_bot_finds_and_kills_a_cow_within_a_minute_of_the_spawn(bot_in: Place) -> None:
    env, _ = bot_in(1, {"stone_sword": 1})
    observation, chat, errors = kill_a_cow(env)
    assert errors == [], chat
    assert {"type": "kill", "mob": "cow"} in observation["events"], chat


def test_the_bot_places_a_crafting_table_on_every_side_of_the_spawn_and_crafts(
    bot_in: Place,
) -> None:
    env, before = bot_in(3, {"crafting_table": 4, "oak_planks": 3, "stick": 2})
    program = """
for (const [dx, dz] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
  await placeItem(bot, "crafting_table", bot.entity.position.offset(dx, 0, dz));
}
await craftItem(bot, "wooden_pickaxe", 1);
"""
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    assert not any("floating block" in line for line in chat), chat
    assert observation["inventory"] == {"wooden_pickaxe": 1}, chat
    assert before["status"]["biome"] != "beach"


def test_a_bot_collects_sugar_cane_by_the_water(bot_in: Place) -> None:
    env, _ = bot_in(3, by="sugar_cane")
    observation, chat, errors = run(env, 'await mineBlock(bot, "sugar_cane", 1);')
    assert errors == [], chat
    assert observation["inventory"].get("sugar_cane", 0) >= 1, chat


def test_the_offline_model_cooks_standing_in_shallow_water(bot_in: Place) -> None:
    # before: its station placement dug at the water beside it, which mineflayer times at 150 s
    puddle = [(dx, 0, dz, "water") for dx in range(-2, 3) for dz in range(-2, 3)]
    kit = {"crafting_table": 1, "cobblestone": 8, "coal": 1, "beef": 1, "wooden_pickaxe": 1}
    env, _ = bot_in(1, kit, put=puddle)
    program = extract_program(write_program("Cook 1 beef", [])).runnable()
    env.step_timeout = ROUND_S
    try:
        observation, chat, errors = run(env, program)
    finally:
        env.step_timeout = STEP_TIMEOUT_S
    assert errors == [], chat
    assert observation["inventory"].get("cooked_beef") == 1, chat


# seed 5 -------------------------------------------------------------------------------


def test_a_bot_collects_cactus_in_the_desert(bot_in: Place) -> None:
    env, _ = bot_in(5, by="cactus")
    observation, chat, errors = run(env, 'await mineBlock(bot, "cactus", 1);')
    assert errors == [], chat
    assert observation["inventory"].get("cactus", 0) >= 1, chat
    assert observation["status"]["biome"] == "desert"


# seed 7 -------------------------------------------------------------------------------


def test_a_bot_digs_below_zero_through_deepslate_and_mines_diamond_ore(bot_in: Place) -> None:
    # from a cave a few blocks above the deepslate, under the spawn
    env, start = bot_in(7, {"iron_pickaxe": 1}, by="stone", below=12)
    assert 0 < start["status"]["position"]["y"] < 16
    program = """
await bot.equip(mcData.itemsByName.iron_pickaxe.id, "hand");
const unsafe = ["air", "water", "lava", "cave_air"];
while (bot.entity.position.y > -32) {
  const feet = bot.entity.position.floored();
  const below = bot.blockAt(feet.offset(0, -1, 0));
  if (unsafe.includes(bot.blockAt(feet.offset(0, -2, 0)).name)) {
    throw new Error(`a hole under ${below.position}`);
  }
  await bot.dig(below);
  for (let i = 0; i < 40 && bot.entity.position.y > feet.y - 1; i++) await bot.waitForTicks(1);
}
const diamondOres = ["diamond_ore", "deepslate_diamond_ore"].map((n) => mcData.blocksByName[n].id);
const ores = bot.findBlocks({ matching: diamondOres, maxDistance: 32, count: 1 });
if (ores.length === 0) throw new Error("no diamond ore within 32 blocks");
const ore = bot.blockAt(ores[0]);
bot.chat(`${ore.name} at ${ore.position}`);
await mineBlock(bot, ore.name, 1);
"""
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    assert observation["inventory"].get("diamond", 0) >= 1, chat
    assert observation["inventory"].get("cobbled_deepslate", 0) > 0, chat
    assert observation["status"]["position"]["y"] < 0


def test_mine_block_digs_its_way_to_an_ore_deep_below(bot_in: Place) -> None:
    # no gold ore lies within 32 blocks of this spawn but the one put there, by a sealed cave
    env, _ = bot_in(7, {"iron_pickaxe": 1}, put=[(10, -28, 10, "gold_ore")])
    observation, chat, errors = run(env, 'await mineBlock(bot, "gold_ore", 1);')
    assert errors == [], chat
    assert observation["inventory"].get("raw_gold") == 1, chat
    assert not any("took longer" in line for line in chat), chat


def test_a_bot_mines_amethyst_clusters_in_a_geode_and_makes_a_spyglass(
    bot_in: Place,
) -> None:
    inventory = {"iron_pickaxe": 1, "copper_ingot": 2, "crafting_table": 1}
    env, _ = bot_in(7, inventory, by="amethyst_cluster")
    program = (
        FREE_SPOT
        + """
await mineBlock(bot, "amethyst_cluster", 1);
bot.chat(`shards ${bot.inventory.count(mcData.itemsByName.amethyst_shard.id)}`);
await placeItem(bot, "crafting_table", freeSpot(bot));
await craftItem(bot, "spyglass", 1);
"""
    )
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    shards = int(next(line for line in chat if line.startswith("shards ")).split()[1])
    assert shards > 0 and shards % 4 == 0, "a cluster gives 4 shards to a pickaxe"
    assert observation["inventory"].get("spyglass") == 1, chat


def test_a_lava_pool_lies_under_the_spawn(bot_in: Place) -> None:
    assert locate(7, "lava")["distance"] <= 64
    env, _ = bot_in(7, by="lava")
    program = """
const lava = bot.findBlocks({ matching: mcData.blocksByName.lava.id, maxDistance: 8, count: 100 });
bot.chat(`lava blocks ${lava.length} at y ${lava.length ? lava[0].y : "-"}`);
"""
    _, chat, errors = run(env, program)
    assert errors == [], chat
    count, y = chat[0].split()[2], chat[0].split()[5]
    assert int(count) >= 4 and int(y) < 0, chat


def test_a_bot_fills_a_bucket_from_the_lava_pool_it_finds(bot_in: Place) -> None:
    env, _ = bot_in(7, {"bucket": 1}, by="lava")
    program = """
const here = bot.entity.position;
const lava = bot.findBlocks({ matching: mcData.blocksByName.lava.id, maxDistance: 16, count: 500 })
  .map((p) => bot.blockAt(p));
const source = lava.filter((b) => Number(b.getProperties().level) === 0)
  .sort((a, b) => a.position.distanceTo(here) - b.position.distanceTo(here))[0];
if (!source) throw new Error("no lava source within 16 blocks");
const p = source.position;
if (p.distanceTo(here) > 4) await bot.pathfinder.goto(new GoalNear(p.x, p.y, p.z, 3));
await bot.equip(mcData.itemsByName.bucket.id, "hand");
await bot.activateBlock(source);
await bot.waitForTicks(5);
bot.chat(`lava buckets ${bot.inventory.count(mcData.itemsByName.lava_bucket.id)}`);
"""
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    assert "lava buckets 1" in chat
    assert observation["inventory"] == {"lava_bucket": 1}


# seed 8 -------------------------------------------------------------------------------


def test_a_bot_collects_bamboo_in_a_bamboo_jungle(bot_in: Place) -> None:
    env, _ = bot_in(8, by="bamboo")
    observation, chat, errors = run(env, 'await mineBlock(bot, "bamboo", 1);')
    assert errors == [], chat
    assert observation["inventory"].get("bamboo", 0) >= 1, chat
    assert observation["status"]["biome"] in ("jungle", "bamboo_jungle"), chat


def test_sand_falls_when_the_block_under_it_is_mined_and_lands_as_a_block(
    bot_in: Place,
) -> None:
    env, _ = bot_in(8, {"dirt": 1, "sand": 1})
    program = (
        FREE_SPOT
        + """
const spot = freeSpot(bot);
await placeItem(bot, "dirt", spot);
await placeItem(bot, "sand", spot.offset(0, 1, 0));
const falling = [];
bot.on("entitySpawn", (e) => { if (e.name === "falling_block") falling.push(e.id); });
await bot.dig(bot.blockAt(spot));
for (let i = 0; i < 60 && bot.blockAt(spot).name !== "sand"; i++) await bot.waitForTicks(1);
const above = bot.blockAt(spot.offset(0, 1, 0)).name;
bot.chat(`falling blocks ${falling.length}, at the spot ${bot.blockAt(spot).name}, above ${above}`);
await bot.collectBlock.collect(bot.blockAt(spot));
"""
    )
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    assert "falling blocks 1, at the spot sand, above air" in chat
    assert observation["inventory"].get("sand") == 1, chat

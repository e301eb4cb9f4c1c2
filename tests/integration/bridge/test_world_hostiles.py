"""Hostile mobs in the built-in world, played by a bot's programs: their loot,
how they fight (skeleton arrows, creeper blasts, provoked endermen), burning
by day and where they spawn."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from bridge_helpers import MakeEnv, Server, run
from play_helpers import WAIT_FOR, Spot, WorldConsole, arena_centre, stand_in_arena

from voyager.env.minecraft import MinecraftEnv

NIGHT = 14000
DAY = 1000
ARMOUR = ["diamond_helmet", "diamond_chestplate", "diamond_leggings", "diamond_boots"]
FIGHTER = {"equipment": [*ARMOUR, "diamond_sword", None]}


@pytest.fixture(scope="module")
def world(builtin_world: Server) -> Iterator[WorldConsole]:
    console = WorldConsole(builtin_world)
    console.run("difficulty easy")
    with console.rule("doMobSpawning", False, restore=True):
        yield console
    console.time(DAY)
    # peaceful removes every hostile mob left over
    console.run("difficulty peaceful")
    console.run("difficulty easy")


@pytest.fixture(autouse=True)
def no_hostiles_left_over(world: WorldConsole) -> None:
    """Each test meets only the mobs it summons (an enderman provoked before still chases)."""
    world.remove_hostiles()


@pytest.fixture(scope="module")
def env(make_env: MakeEnv, builtin_world: Server) -> MinecraftEnv:
    return make_env(builtin_world, username="hunter", step_timeout=120.0)


@pytest.fixture(scope="module")
def arena(env: MinecraftEnv, world: WorldConsole) -> Spot:
    centre = arena_centre(env, offset=40)
    world.build_arena(centre, radius=8, floor="stone")
    return centre


def kill_until_dropped(
    env: MinecraftEnv, world: WorldConsole, where: Spot, mob: str, item: str, attempts: int
) -> tuple[dict[str, int], list[Any]]:
    """Summons one `mob` at a time at `where` and kills it until `item` is in the inventory."""
    events: list[Any] = []
    observation: dict[str, Any] = {}
    for _ in range(attempts):
        world.summon(mob, where)
        program = (
            WAIT_FOR
            + f"""
await waitFor("{mob}", () => bot.nearestEntity(
  (e) => e.name === "{mob}" && e.position.distanceTo(bot.entity.position) < 16));
await killMob(bot, "{mob}", 60);
"""
        )
        observation, _, _, _, info = env.step(program)
        events += info["events"]
        if observation["inventory"].get(item):
            break
    return observation["inventory"], events


@pytest.mark.parametrize(
    ("mob", "item", "loot"),
    [
        ("skeleton", "bone", {"bone", "arrow"}),
        ("spider", "string", {"string", "spider_eye"}),
        ("zombie", "rotten_flesh", {"rotten_flesh", "iron_ingot", "carrot", "potato"}),
        ("creeper", "gunpowder", {"gunpowder"}),
        ("enderman", "ender_pearl", {"ender_pearl"}),
    ],
)
def test_a_killed_hostile_mob_drops_its_vanilla_loot(
    env: MinecraftEnv, world: WorldConsole, arena: Spot, mob: str, item: str, loot: set[str]
) -> None:
    world.time(NIGHT)
    stand_in_arena(env, arena, {}, **FIGHTER)
    inventory, events = kill_until_dropped(env, world, arena.offset(5, 0, 0), mob, item, 6)
    assert {"type": "kill", "mob": mob} in events
    assert inventory.get(item, 0) >= 1
    # a creeper that went off before it died may have blown up some dirt
    assert set(inventory) - {*ARMOUR, "diamond_sword", "dirt"} <= loot


def test_a_drowned_swims_to_the_bot_and_drops_rotten_flesh(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    pond = arena.offset(-8, -1, -8)
    world.build_pond(pond, width=5, length=5, depth=3)
    world.time(NIGHT)
    stand_in_arena(env, arena, {}, **FIGHTER)
    underwater = pond.offset(2, -2, 2)
    inventory, events = kill_until_dropped(env, world, underwater, "drowned", "rotten_flesh", 6)
    assert {"type": "kill", "mob": "drowned"} in events
    assert inventory.get("rotten_flesh", 0) >= 1


def test_a_skeleton_shoots_arrows_that_hurt_the_bot(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    world.time(NIGHT)
    stand_in_arena(env, arena, {}, equipment=[None, None, None, None, "diamond_sword", None])
    skeleton = arena.offset(8, 0, 0)
    world.summon("skeleton", skeleton)
    program = (
        WAIT_FOR
        + f"""
const skeleton = await waitFor("skeleton", () => mobAt("skeleton", {skeleton.js()}));
const arrows = [];
bot.on("entitySpawn", (e) => {{ if (e.name === "arrow") arrows.push(e); }});
const before = bot.health;
await waitFor("a hit", () => bot.health < before, 400);
bot.chat(`arrows ${{arrows.length > 0}} lost ${{before - bot.health}}`);
await killMob(bot, "skeleton", 60);
"""
    )
    _, chat, errors = run(env, program)
    assert errors == [], chat
    arrows, lost = chat[0].split()[1], float(chat[0].split()[3])
    assert arrows == "true"
    assert 1 <= lost <= 5


def test_an_enderman_looked_in_the_eyes_turns_on_the_bot(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    world.time(NIGHT)
    stand_in_arena(env, arena, {}, **FIGHTER)
    enderman = arena.offset(0, 0, 8)
    world.summon("enderman", enderman)
    program = (
        WAIT_FOR
        + f"""
const enderman = await waitFor("enderman", () => mobAt("enderman", {enderman.js()}));
await bot.waitForTicks(20);
bot.chat(`calm ${{enderman.metadata[17] !== true}}`);
await bot.lookAt(enderman.position.offset(0, 2.55, 0));
await waitFor("an angry enderman", () => enderman.metadata[17] === true, 40);
bot.chat("creepy");
const before = bot.health;
await waitFor("its attack", () => bot.health < before, 600);
bot.chat("attacked");
"""
    )
    _, chat, errors = run(env, program)
    assert errors == [], chat
    assert chat == ["calm true", "creepy", "attacked"]


def test_an_enderman_teleports_away_from_an_arrow_unharmed(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    world.time(NIGHT)
    stand_in_arena(env, arena, {"bow": 1, "arrow": 4})
    enderman = arena.offset(-6, 0, 0)
    world.summon("enderman", enderman)
    program = (
        WAIT_FOR
        + f"""
const enderman = await waitFor("enderman", () => mobAt("enderman", {enderman.js()}));
const start = enderman.position.clone();
let hurt = false;
bot.on("entityHurt", (e) => {{ if (e === enderman) hurt = true; }});
await bot.equip(mcData.itemsByName.bow.id, "hand");
await bot.lookAt(enderman.position.offset(0, 1.2, 0));
bot.activateItem();
await bot.waitForTicks(20);
bot.deactivateItem();
await waitFor("a teleport", () => enderman.position.distanceTo(start) > 4, 100);
bot.chat(`teleported hurt ${{hurt}}`);
"""
    )
    _, chat, errors = run(env, program)
    assert errors == [], chat
    assert chat == ["teleported hurt false"]


def test_a_creeper_blast_breaks_blocks_and_drops_some_of_them(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    world.time(NIGHT)
    stand_in_arena(env, arena, {}, equipment=[*ARMOUR, None, None])
    creeper = arena.offset(-4, 0, 4)
    world.summon("creeper", creeper)
    program = (
        WAIT_FOR
        + f"""
const creeper = await waitFor("creeper", () => mobAt("creeper", {creeper.js()}));
const solidAround = () => {{
  let n = 0;
  const c = bot.entity.position.floored();
  for (let dx = -6; dx <= 6; dx++) {{
    for (let dy = -3; dy <= 1; dy++) {{
      for (let dz = -6; dz <= 6; dz++) {{
        const block = bot.blockAt(c.offset(dx, dy, dz));
        if (block && block.boundingBox === "block") n++;
      }}
    }}
  }}
  return n;
}};
const before = solidAround();
const drops = [];
bot.on("itemDrop", (e) => drops.push(e));
await waitFor("the blast", () => !bot.entities[creeper.id], 600);
await bot.waitForTicks(10);
bot.chat(`broken ${{before - solidAround()}} dropped ${{drops.length}}`);
"""
    )
    _, chat, errors = run(env, program)
    world.build_arena(arena, radius=8, floor="stone")
    assert errors == [], chat
    words = chat[0].split()
    assert int(words[1]) > 0
    assert 0 < int(words[3]) < int(words[1])


def test_zombies_and_skeletons_burn_to_death_in_daylight(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    world.time(DAY)
    stand_in_arena(env, arena, {}, equipment=[*ARMOUR, None, None])
    # the world lights blocks when it makes them: find two spots the sun reaches
    find = """
const here = bot.entity.position.floored();
const open = [];
for (let dx = -7; dx <= 7; dx++) for (let dz = -7; dz <= 7; dz++) {
  const p = here.offset(dx, 0, dz);
  const lit = [0, 1, 2].every((dy) => bot.blockAt(p.offset(0, dy, 0))?.skyLight === 15);
  const floor = bot.blockAt(p.offset(0, -1, 0))?.boundingBox === "block";
  if (lit && floor && p.distanceTo(here) >= 5) open.push(p);
}
if (open.length < 2) throw new Error("no open sky near the arena");
const far = open.sort((a, b) => b.distanceTo(open[0]) - a.distanceTo(open[0]))[0];
bot.chat(`${open[0].x} ${open[0].y} ${open[0].z} ${far.x} ${far.y} ${far.z}`);
"""
    _, chat, errors = run(env, find)
    assert errors == [], chat
    c = [int(v) for v in chat[0].split()]
    zombie, skeleton = Spot(c[0], c[1], c[2]), Spot(c[3], c[4], c[5])
    world.summon("zombie", zombie)
    world.summon("skeleton", skeleton)
    program = (
        WAIT_FOR
        + f"""
const undead = [
  await waitFor("zombie", () => mobAt("zombie", {zombie.js()})),
  await waitFor("skeleton", () => mobAt("skeleton", {skeleton.js()})),
];
await waitFor("both burnt", () => undead.every((mob) => !bot.entities[mob.id]), 1200);
bot.chat("burnt");
"""
    )
    observation, chat, errors = run(env, program)
    assert (errors, chat) == ([], ["burnt"])
    assert not [e for e in observation["events"] if e["type"] == "kill"]


def test_hostile_mobs_spawn_under_cover_by_day_and_in_the_open_at_night(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    program = """
const HOSTILE = new Set(
  ["zombie", "skeleton", "spider", "creeper", "enderman", "husk", "stray", "drowned"]);
const covered = (p) => {
  for (let y = Math.floor(p.y) + 2; y < 320; y++) {
    const block = bot.blockAt(new Vec3(p.x, y, p.z));
    if (block && block.boundingBox === "block") return true;
  }
  return false;
};
const spawns = [];
bot.on("entitySpawn", (e) => { if (HOSTILE.has(e.name)) spawns.push(covered(e.position)); });
for (let i = 0; i < 1200 && spawns.length < 4; i++) await bot.waitForTicks(1);
bot.chat(`covered ${spawns.filter((c) => c).length} open ${spawns.filter((c) => !c).length}`);
"""
    stand_in_arena(env, arena, {}, equipment=[*ARMOUR, None, None])
    with world.rule("doMobSpawning", True, restore=False):
        world.time(DAY)
        _, day, errors = run(env, program)
        assert errors == [], day
        world.time(NIGHT)
        _, night, errors = run(env, program)
        assert errors == [], night
    covered_by_day, open_by_day = int(day[0].split()[1]), int(day[0].split()[3])
    assert (covered_by_day >= 4, open_by_day) == (True, 0)
    assert int(night[0].split()[3]) >= 1

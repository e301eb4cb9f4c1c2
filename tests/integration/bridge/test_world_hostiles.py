"""Hostile mobs in the built-in world, played by a bot's programs: their loot,
how they fight (skeleton arrows, creeper blasts, provoked endermen), burning
by day and where they spawn."""

from __future__ import annotations

from typing import Any

import pytest
from bridge_helpers import MakeEnv, Server, run
from play_helpers import (
    DAY,
    GROUND,
    NIGHT,
    WAIT_FOR,
    Spot,
    WorldConsole,
    arena_centre,
    stand_in_arena,
)

from voyager.env.contract import chat_lines, error_messages
from voyager.env.minecraft import MinecraftEnv

pytestmark = pytest.mark.usefixtures("no_hostiles_left_over")

ARMOUR = ["diamond_helmet", "diamond_chestplate", "diamond_leggings", "diamond_boots"]
# a carved pumpkin on the head: an enderman neither stares back nor teleports from a look
FIGHTER_KIT = ["carved_pumpkin", *ARMOUR[1:], "diamond_sword"]
FIGHTER = {"equipment": [*FIGHTER_KIT, None]}


@pytest.fixture(scope="module")
def env(make_env: MakeEnv, builtin_world: Server) -> MinecraftEnv:
    return make_env(builtin_world, username="hunter", step_timeout=120.0)


@pytest.fixture(scope="module")
def arena(env: MinecraftEnv, world: WorldConsole) -> Spot:
    centre = arena_centre(env, offset=40)
    world.build_arena(centre, radius=8, floor="stone")
    return centre


# fight(name, spot): the `name` summoned at `spot`, hit with the held weapon at a sword's pace
# (vanilla's attack cooldown) till it dies, followed when it is out of reach; then what it
# dropped is picked up. A mob that outlasts 300 ticks (an enderman teleported out of reach) is
# left: the next try summons another.
FIGHT = (
    WAIT_FOR
    + GROUND
    + """
async function fight(name, spot) {
  const mob = await waitFor(name, () => mobAt(name, ...spot));
  let dead = false;
  bot.on("entityDead", (e) => { if (e.id === mob.id) dead = true; });
  // a follow range of 1: GoalFollow only moves on when its mob moved beyond the range
  // from where it was, and a knocked back mob lands about a block off
  bot.pathfinder.setGoal(new GoalFollow(mob, 1), true);
  let lastHit = -SWORD_COOLDOWN;
  for (let tick = 0; !dead; tick++) {
    if (tick > 300) {
      bot.pathfinder.setGoal(null);
      bot.chat(`the ${name} is alive after 300 ticks`);
      return;
    }
    if (tick - lastHit >= SWORD_COOLDOWN && mob.position.distanceTo(bot.entity.position) < 3.5) {
      await bot.lookAt(mob.position.offset(0, mob.height / 2, 0), true);
      bot.attack(mob);
      lastHit = tick;
    }
    await bot.waitForTicks(1);
  }
  bot.pathfinder.setGoal(null);
  await pickUpDrops(bot, mob.position);
}
const SWORD_COOLDOWN = 13;
"""
)


def kill_until_dropped(
    env: MinecraftEnv,
    world: WorldConsole,
    arena: Spot,
    where: Spot,
    mob: str,
    item: str,
    attempts: int,
) -> tuple[dict[str, int], list[Any]]:
    """Summons one `mob` at a time at `where` and kills it until `item` is in the inventory.
    Each try starts from a fresh fighter in the arena: a bot that died in the last try
    lost its sword and pumpkin. No mob spawns of itself meanwhile (a skeleton's arrow sends
    an enderman away)."""
    events: list[Any] = []
    inventory: dict[str, int] = {}
    world.run("gamerule doMobSpawning false")
    try:
        for _ in range(attempts):
            stand_in_arena(env, arena, {}, **FIGHTER)
            world.summon(mob, where)
            program = FIGHT + f'await fight("{mob}", [{where.js()}]);'
            observation, _, _, _, info = env.step(program)
            inventory = observation["inventory"]
            events += info["events"]
            assert error_messages(info["events"]) == [], events
            if inventory.get(item):
                break
            world.remove_hostiles()  # one that got away
    finally:
        world.run("gamerule doMobSpawning true")
    return inventory, events


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
    # an enderman drops a pearl one time in two: twelve kills miss with a chance of 1 in 4096
    attempts = 12 if mob == "enderman" else 6
    where = arena.offset(3, 0, 0)
    inventory, events = kill_until_dropped(env, world, arena, where, mob, item, attempts)
    assert {"type": "kill", "mob": mob} in events
    assert inventory.get(item, 0) >= 1, chat_lines(events)
    # a creeper that went off before it died may have blown up some dirt
    assert set(inventory) - {*FIGHTER_KIT, "dirt"} <= loot


def test_a_drowned_swims_to_the_bot_and_drops_rotten_flesh(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    pond = arena.offset(-8, -1, -8)
    world.build_pond(pond, width=5, length=5, depth=3)
    world.time(NIGHT)
    underwater = pond.offset(2, -2, 2)
    inventory, events = kill_until_dropped(
        env, world, arena, underwater, "drowned", "rotten_flesh", 6
    )
    world.build_arena(arena, radius=8, floor="stone")
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
    stand_in_arena(env, arena, {}, equipment=[*ARMOUR, "diamond_sword", None])
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
    # a walled pen over the hills around, open to the sky, that the mobs cannot leave
    pen = arena.offset(0, 48, 0)
    for dx in range(-2, 3):
        for dz in range(-2, 3):
            wall = abs(dx) == 2 or abs(dz) == 2
            world.setblock(pen.offset(dx, -1, dz), "stone")
            for dy in range(3):
                world.setblock(pen.offset(dx, dy, dz), "stone" if wall and dy < 2 else "air")
    zombie, skeleton = pen.offset(-1, 0, 0), pen.offset(1, 0, 0)
    world.summon("zombie", zombie)
    world.summon("skeleton", skeleton)
    seen = (
        WAIT_FOR
        + f"""
const undead = [
  await waitFor("zombie", () => mobAt("zombie", {zombie.js()})),
  await waitFor("skeleton", () => mobAt("skeleton", {skeleton.js()})),
];
bot.chat(undead.map((mob) => mob.id).join(" "));
"""
    )
    _, chat, errors = run(env, seen)
    assert errors == [], chat
    # burning hurts 1 a second: 20 health lasts 400 ticks
    world.sprint(600)
    gone = f"""
bot.chat(`left ${{[{chat[0].replace(" ", ", ")}].filter((id) => bot.entities[id]).length}}`);
"""
    observation, chat, errors = run(env, gone)
    assert (errors, chat) == ([], ["left 0"])
    assert not [e for e in observation["events"] if e["type"] == "kill"]


def test_hostile_mobs_spawn_under_cover_by_day_and_in_the_open_at_night(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    # the night's first spawns are mostly underground as well: it watches for an open one
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
const done = () => UNTIL;
for (let i = 0; i < 1200 && !done(); i++) await bot.waitForTicks(1);
bot.chat(`covered ${spawns.filter((c) => c).length} open ${spawns.filter((c) => !c).length}`);
"""
    stand_in_arena(env, arena, {}, equipment=[*ARMOUR, None, None])
    with world.rule("doMobSpawning", True, restore=False):
        world.time(DAY)
        _, day, errors = run(env, program.replace("UNTIL", "spawns.length >= 4"))
        assert errors == [], day
        world.time(NIGHT)
        _, night, errors = run(env, program.replace("UNTIL", "spawns.includes(false)"))
        assert errors == [], night
    covered_by_day, open_by_day = int(day[0].split()[1]), int(day[0].split()[3])
    assert (covered_by_day >= 4, open_by_day) == (True, 0)
    assert int(night[0].split()[3]) >= 1, night

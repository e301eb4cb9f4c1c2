"""Tools and actions in the built-in world, played by a bot's programs:
fishing, shears, flint and steel, beds, boats, shields, bows, armour and wear."""

from __future__ import annotations

import pytest
from bridge_helpers import MakeEnv, Server, run
from play_helpers import DAY, NIGHT, WAIT_FOR, Spot, WorldConsole, arena_centre, stand_in_arena

from voyager.env.minecraft import MinecraftEnv

pytestmark = pytest.mark.usefixtures("no_hostiles_left_over")

FISHING_LOOT = {
    "cod", "salmon", "tropical_fish", "pufferfish",
    "lily_pad", "leather_boots", "leather", "bone", "potion", "string", "fishing_rod", "bowl",
    "stick", "ink_sac", "tripwire_hook", "rotten_flesh",
    "name_tag", "saddle", "bow", "enchanted_book", "nautilus_shell",
}  # fmt: skip
IRON_ARMOUR = ["iron_helmet", "iron_chestplate", "iron_leggings", "iron_boots"]


def said(chat: list[str]) -> list[str]:
    """The program's own lines, without what the placing primitive reports."""
    return [line for line in chat if not line.startswith(("Placing ", "Placed "))]


@pytest.fixture(scope="module")
def env(make_env: MakeEnv, builtin_world: Server) -> MinecraftEnv:
    return make_env(builtin_world, username="crafter", step_timeout=120.0)


@pytest.fixture(scope="module")
def arena(env: MinecraftEnv, world: WorldConsole) -> Spot:
    centre = arena_centre(env, offset=-8)
    world.build_arena(centre, radius=8, floor="stone")
    world.time(DAY)
    return centre


def test_fishing_with_a_rod_catches_something_from_the_fishing_loot_table(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    pond = arena.offset(2, -1, -2)
    world.build_pond(pond, width=5, length=5, depth=3)
    stand_in_arena(env, arena, {"fishing_rod": 1})
    program = f"""
await bot.equip(mcData.itemsByName.fishing_rod.id, "hand");
await bot.lookAt(new Vec3({pond.x + 2.5}, {pond.y}, {pond.z + 2.5}));
await bot.fish();
for (let i = 0; i < 60 && bot.inventory.items().length < 2; i++) await bot.waitForTicks(1);
const rod = bot.inventory.items().find((i) => i.name === "fishing_rod");
bot.chat(`rod worn ${{rod.durabilityUsed}}`);
"""
    # a fish bites after 120 to 680 ticks: five times vanilla's tick rate (/tick rate) waits less
    world.run("tick rate 100")
    try:
        observation, chat, errors = run(env, program)
    finally:
        world.run("tick rate 20")
    world.build_arena(arena, radius=8, floor="stone")
    assert errors == [], chat
    caught = set(observation["inventory"]) - {"fishing_rod"}
    assert len(caught) == 1 and caught <= FISHING_LOOT, observation["inventory"]
    assert chat == ["rod worn 1"]


@pytest.mark.parametrize(
    ("block", "tool", "drop"),
    [
        ("oak_leaves", "shears", "oak_leaves"),
        ("cobweb", "shears", "cobweb"),
        ("cobweb", "iron_sword", "string"),
    ],
)
def test_cutting_a_block_with_a_tool_gives_its_vanilla_drop(
    env: MinecraftEnv, world: WorldConsole, arena: Spot, block: str, tool: str, drop: str
) -> None:
    stand_in_arena(env, arena, {tool: 1})
    spot = arena.offset(2, 0, 0)
    world.setblock(spot, block)
    program = (
        WAIT_FOR
        + f"""
const target = await waitFor("{block}", () => {{
  const b = bot.blockAt(new Vec3({spot.x}, {spot.y}, {spot.z}));
  return b && b.name === "{block}" ? b : null;
}});
await bot.equip(mcData.itemsByName.{tool}.id, "hand");
await bot.dig(target);
await bot.pathfinder.goto(new GoalBlock({spot.x}, {spot.y}, {spot.z}));
await waitFor("the drop", () => bot.inventory.count(mcData.itemsByName.{drop}.id) > 0, 100);
"""
    )
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    assert observation["inventory"].get(drop) == 1


def test_flint_and_steel_lights_a_fire_that_keeps_burning_on_netherrack(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    stand_in_arena(env, arena, {"flint_and_steel": 1, "netherrack": 1})
    spot = arena.offset(2, 0, 1)
    program = f"""
await placeItem(bot, "netherrack", new Vec3({spot.x}, {spot.y}, {spot.z}));
await bot.equip(mcData.itemsByName.flint_and_steel.id, "hand");
await bot.activateBlock(bot.blockAt(new Vec3({spot.x}, {spot.y}, {spot.z})), new Vec3(0, 1, 0));
await bot.waitForTicks(5);
bot.chat(`lit ${{bot.blockAt(new Vec3({spot.x}, {spot.y + 1}, {spot.z})).name}}`);
bot.chat(`worn ${{bot.heldItem.durabilityUsed}}`);
"""
    _, lit, errors = run(env, program)
    assert errors == [], lit
    world.sprint(600)
    above = f"new Vec3({spot.x}, {spot.y + 1}, {spot.z})"
    check = f"bot.chat(`after 30 s ${{bot.blockAt({above}).name}}`);"
    _, later, errors = run(env, check)
    world.build_arena(arena, radius=8, floor="stone")
    assert errors == [], later
    assert said(lit) + later == ["lit fire", "worn 1", "after 30 s fire"]


def test_standing_in_fire_hurts_the_bot(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    stand_in_arena(env, arena, {"flint_and_steel": 1})
    program = """
const here = bot.entity.position.floored();
await bot.equip(mcData.itemsByName.flint_and_steel.id, "hand");
await bot.activateBlock(bot.blockAt(here.offset(1, -1, 0)), new Vec3(0, 1, 0));
await bot.waitForTicks(5);
if (bot.blockAt(here.offset(1, 0, 0)).name !== "fire") throw new Error("no fire was lit");
const before = bot.health;
await bot.lookAt(here.offset(1.5, 0.5, 0.5));
bot.setControlState("forward", true);
await bot.waitForTicks(6);
bot.setControlState("forward", false);
for (let i = 0; i < 60 && bot.health >= before; i++) await bot.waitForTicks(1);
bot.chat(`hurt ${bot.health < before}`);
"""
    _, chat, errors = run(env, program)
    world.build_arena(arena, radius=8, floor="stone")
    assert (errors, chat) == ([], ["hurt true"])


def test_sleeping_in_a_bed_at_night_skips_to_the_morning_and_sets_the_spawn(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    stand_in_arena(env, arena, {"white_bed": 1})
    spot = arena.offset(1, 0, 0)
    place = f'await placeItem(bot, "white_bed", new Vec3({spot.x}, {spot.y}, {spot.z}));'
    _, chat, errors = run(env, place)
    assert errors == [], chat
    world.time(NIGHT)
    sleep = f"""
const messages = [];
bot.on("messagestr", (text) => messages.push(text));
const bed = bot.blockAt(new Vec3({spot.x}, {spot.y}, {spot.z}));
await bot.sleep(bed);
bot.chat(`asleep ${{bot.isSleeping}}`);
await new Promise((resolve) => bot.once("wake", resolve));
bot.chat(`awake at ${{bot.time.timeOfDay}}`);
bot.chat(messages.join(" | "));
"""
    _, chat, errors = run(env, sleep)
    world.build_arena(arena, radius=8, floor="stone")
    assert errors == [], chat
    assert chat[0] == "asleep true"
    assert int(chat[1].split()[2]) < 1000
    assert "Respawn point set" in chat[2]


def test_a_bed_refuses_sleep_by_day_with_the_vanilla_message(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    world.time(DAY)
    stand_in_arena(env, arena, {"white_bed": 1})
    spot = arena.offset(1, 0, 0)
    program = f"""
const messages = [];
bot.on("messagestr", (text) => messages.push(text));
await placeItem(bot, "white_bed", new Vec3({spot.x}, {spot.y}, {spot.z}));
await bot.activateBlock(bot.blockAt(new Vec3({spot.x}, {spot.y}, {spot.z})));
await bot.waitForTicks(10);
bot.chat(`asleep ${{bot.isSleeping}}: ${{messages.join(" | ")}}`);
"""
    _, chat, errors = run(env, program)
    world.build_arena(arena, radius=8, floor="stone")
    assert errors == [], chat
    assert said(chat)[0].startswith("asleep false: ")
    assert "You can sleep only at night or during thunderstorms" in said(chat)[0]


def test_a_bot_that_dies_respawns_beside_its_bed(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    world.time(DAY)
    stand_in_arena(env, arena, {"white_bed": 1})
    spot = arena.offset(1, 0, 0)
    program = f"""
await placeItem(bot, "white_bed", new Vec3({spot.x}, {spot.y}, {spot.z}));
await bot.activateBlock(bot.blockAt(new Vec3({spot.x}, {spot.y}, {spot.z})));
await bot.waitForTicks(10);
await bot.pathfinder.goto(new GoalNear({arena.x + 6}, {arena.y}, {arena.z + 6}, 1));
"""
    _, chat, errors = run(env, program)
    assert errors == [], chat
    world.run("kill crafter")
    wait = """
const standing = () => bot.health === 20 && bot.entity.onGround;
for (let i = 0; i < 400 && !standing(); i++) await bot.waitForTicks(1);
"""
    observation, chat, errors = run(env, wait)
    world.build_arena(arena, radius=8, floor="stone")
    assert errors == [], chat
    p = observation["status"]["position"]
    assert abs(p["x"] - (spot.x + 0.5)) <= 3 and abs(p["z"] - (spot.z + 0.5)) <= 3, p


def test_a_boat_placed_on_water_carries_the_bot_and_lets_it_off(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    pond = arena.offset(2, -1, -3)
    world.build_pond(pond, width=6, length=7, depth=2)
    stand_in_arena(env, arena, {"oak_boat": 1})
    program = (
        WAIT_FOR
        + f"""
await bot.equip(mcData.itemsByName.oak_boat.id, "hand");
await bot.lookAt(new Vec3({pond.x + 1.5}, {pond.y + 0.8}, {pond.z + 3.5}));
bot.activateItem();
const boat = await waitFor("boat", () => bot.nearestEntity((e) => e.name === "boat"));
bot.mount(boat);
await waitFor("a seat", () => bot.entity.position.distanceTo(boat.position) < 1);
const start = boat.position.clone();
bot.moveVehicle(0, 1);
await bot.waitForTicks(20);
bot.moveVehicle(0, 0);
await bot.waitForTicks(10);
const seated = bot.entity.position.distanceTo(boat.position) < 1;
bot.chat(`rode ${{boat.position.distanceTo(start) > 1 && seated}}`);
bot.dismount();
await waitFor("solid ground", () => bot.entity.position.distanceTo(boat.position) > 1
  && bot.blockAt(bot.entity.position.offset(0, -1, 0)).boundingBox === "block");
bot.chat("off");
"""
    )
    observation, chat, errors = run(env, program)
    world.build_arena(arena, radius=8, floor="stone")
    assert errors == [], chat
    assert chat == ["rode true", "off"]
    assert "oak_boat" not in observation["inventory"]


def test_a_raised_shield_stops_a_skeletons_arrows(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    world.time(NIGHT)
    # on easy an arrow may hurt less than 3, which does not wear a shield: normal always does
    world.run("difficulty normal")
    equipment = [None, None, None, None, "diamond_sword", "shield"]
    stand_in_arena(env, arena, {}, equipment=equipment)
    skeleton = arena.offset(8, 0, 0)
    world.summon("skeleton", skeleton)
    program = (
        WAIT_FOR
        + f"""
const skeleton = await waitFor("skeleton", () => mobAt("skeleton", {skeleton.js()}));
await bot.lookAt(skeleton.position.offset(0, 1.5, 0));
bot.activateItem(true);
// a shield blocks from 5 ticks after it is raised (vanilla): an arrow loosed before
// that may hurt, so only what comes afterwards counts
await bot.waitForTicks(6);
const arrows = [];
bot.on("entitySpawn", (e) => {{ if (e.name === "arrow") arrows.push(e); }});
let last = bot.health;
let hits = 0;
bot.on("health", () => {{ if (bot.health < last) hits++; last = bot.health; }});
await waitFor("two arrows", () => arrows.length >= 2, 400);
await waitFor("the second arrow to land",
  () => !bot.entities[arrows[1].id] || arrows[1].velocity.norm() < 0.01);
await bot.waitForTicks(5);
bot.chat(`hits ${{hits}} shield worn ${{bot.inventory.slots[45].durabilityUsed > 0}}`);
bot.deactivateItem();
"""
    )
    _, chat, errors = run(env, program)
    world.run("difficulty easy")
    world.time(DAY)
    assert errors == [], chat
    assert chat[0] == "hits 0 shield worn true"


def test_a_bow_shoots_an_arrow_that_hurts_a_mob(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    stand_in_arena(env, arena, {"bow": 1, "arrow": 4})
    cow = arena.offset(-5, 0, 0)
    world.summon("cow", cow)
    program = (
        WAIT_FOR
        + f"""
const cow = await waitFor("cow", () => mobAt("cow", {cow.js()}));
let hurt = false;
bot.on("entityHurt", (e) => {{ if (e.id === cow.id) hurt = true; }});
await bot.equip(mcData.itemsByName.bow.id, "hand");
// a cow wanders, now and then out of the line of fire while the arrow flies: up to 3 shots
let shots = 0;
while (!hurt && shots < 3) {{
  bot.activateItem();
  await bot.waitForTicks(20);
  // aimed where it is when the string is let go. An unforced lookAt resolves once the
  // look went to the server; a forced one sends it only on the next tick, after the
  // release, and the arrow would fly where the bot looked before.
  await bot.lookAt(cow.position.offset(0, 0.7, 0));
  bot.deactivateItem();
  shots++;
  for (let i = 0; i < 30 && !hurt; i++) await bot.waitForTicks(1);
}}
if (!hurt) throw new Error(`no hit in ${{shots}} shots`);
bot.chat(`shots ${{shots}} bow worn ${{bot.heldItem.durabilityUsed}}`);
"""
    )
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    shots = int(chat[0].split()[1])
    assert chat == [f"shots {shots} bow worn {shots}"], "each shot wears the bow by one"
    assert observation["inventory"]["arrow"] == 4 - shots


def test_armour_lowers_the_damage_of_a_zombie_hit_as_vanilla(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    world.time(NIGHT)
    stand_in_arena(env, arena, {name: 1 for name in [*IRON_ARMOUR, "diamond_sword"]})
    zombie = arena.offset(3, 0, 3)
    world.summon("zombie", zombie)
    program = (
        WAIT_FOR
        + f"""
await waitFor("zombie", () => mobAt("zombie", {zombie.js()}));
let last = bot.health;
const losses = [];
bot.on("health", () => {{
  if (bot.health < last) losses.push(last - bot.health);
  last = bot.health;
}});
await waitFor("a hit without armour", () => losses.length >= 1, 400);
for (const [name, slot] of [["iron_helmet", "head"], ["iron_chestplate", "torso"],
    ["iron_leggings", "legs"], ["iron_boots", "feet"]]) {{
  await bot.equip(mcData.itemsByName[name].id, slot);
}}
await bot.waitForTicks(5);
const bare = losses.length;
await waitFor("a hit in armour", () => losses.length > bare, 400);
bot.chat(`without ${{losses[0].toFixed(3)}} with ${{losses[losses.length - 1].toFixed(3)}}`);
await bot.equip(mcData.itemsByName.diamond_sword.id, "hand");
await killMob(bot, "zombie", 60);
"""
    )
    _, chat, errors = run(env, program)
    world.time(DAY)
    assert errors == [], chat
    without, with_armour = float(chat[0].split()[1]), float(chat[0].split()[3])
    assert without == 2.5  # an easy zombie
    # iron armour: 15 points, no toughness: 2.5 x (1 - (15 - 2.5 / 2) / 25)
    assert with_armour == pytest.approx(1.125, abs=0.001)


def test_a_golden_pickaxe_breaks_after_32_blocks(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    stand_in_arena(env, arena, {"golden_pickaxe": 1})
    wall = [arena.offset(-2, dy, dz) for dz in range(-4, 4) for dy in range(4)]
    for spot in wall:
        world.setblock(spot, "netherrack")
    program = (
        WAIT_FOR
        + f"""
const wall = {[[s.x, s.y, s.z] for s in wall]}.map(([x, y, z]) => new Vec3(x, y, z));
await waitFor("the wall", () => wall.every((p) => bot.blockAt(p).name === "netherrack"));
await bot.equip(mcData.itemsByName.golden_pickaxe.id, "hand");
let dug = 0;
for (const p of wall) {{
  if (!bot.heldItem || bot.heldItem.name !== "golden_pickaxe") break;
  await bot.dig(bot.blockAt(p));
  dug++;
  await bot.waitForTicks(2);
}}
await bot.waitForTicks(10);
const left = bot.inventory.count(mcData.itemsByName.golden_pickaxe.id);
bot.chat(`dug ${{dug}} pickaxe left ${{left}}`);
"""
    )
    _, chat, errors = run(env, program)
    assert (errors, chat) == ([], ["dug 32 pickaxe left 0"])


def test_each_hit_on_a_mob_wears_a_sword_by_one(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    stand_in_arena(env, arena, {"golden_sword": 1})
    cow = arena.offset(0, 0, 3)
    world.summon("cow", cow)
    program = (
        WAIT_FOR
        + f"""
const cow = await waitFor("cow", () => mobAt("cow", {cow.js()}));
await bot.equip(mcData.itemsByName.golden_sword.id, "hand");
for (let i = 0; i < 2; i++) {{
  await bot.pathfinder.goto(new GoalFollow(cow, 2));
  await bot.lookAt(cow.position.offset(0, 0.7, 0));
  bot.attack(cow);
  await bot.waitForTicks(12);
}}
bot.chat(`sword worn ${{bot.heldItem.durabilityUsed}}`);
"""
    )
    _, chat, errors = run(env, program)
    assert (errors, chat) == ([], ["sword worn 2"])

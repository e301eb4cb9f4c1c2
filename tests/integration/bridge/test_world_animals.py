"""Farm animals in the built-in world, played by a bot's programs: shearing,
wool colours, grazing, milk, eggs and breeding."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from bridge_helpers import MakeEnv, Server, run
from play_helpers import WAIT_FOR, Spot, WorldConsole, arena_centre, stand_in_arena

from voyager.env.minecraft import MinecraftEnv

WOOL_COLOURS = [
    "white", "orange", "magenta", "light_blue", "yellow", "lime", "pink", "gray",
    "light_gray", "cyan", "purple", "blue", "brown", "green", "red", "black",
]  # fmt: skip
VANILLA_SHEEP_COLOURS = {"white", "black", "gray", "light_gray", "brown", "pink"}


@pytest.fixture(scope="module")
def world(builtin_world: Server) -> Iterator[WorldConsole]:
    console = WorldConsole(builtin_world)
    with console.rule("doMobSpawning", False, restore=True):
        yield console


@pytest.fixture(scope="module")
def env(make_env: MakeEnv, builtin_world: Server) -> MinecraftEnv:
    return make_env(builtin_world, username="farmer", step_timeout=90.0)


@pytest.fixture(scope="module")
def arena(env: MinecraftEnv, world: WorldConsole) -> Spot:
    centre = arena_centre(env, offset=-40)
    world.build_arena(centre, radius=7)
    # a pen: the animals stay on its grass however long a test sprints
    world.build_wall(centre, reach=8, height=2)
    world.time(1000)
    return centre


def test_shears_on_a_sheep_give_wool_of_its_colour_and_leave_it_sheared(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    stand_in_arena(env, arena, {"shears": 1})
    sheep = arena.offset(2, 0, 0)
    world.summon("sheep", sheep)
    program = (
        WAIT_FOR
        + f"""
// its colour comes in a metadata packet after the spawn (unread, it counts as white)
const coloured = (mob) => (mob?.metadata[17] !== undefined ? mob : null);
const sheep = await waitFor("sheep", () => coloured(mobAt("sheep", {sheep.js()})));
const colour = sheep.metadata[17] & 15;
await bot.equip(mcData.itemsByName.shears.id, "hand");
await bot.activateEntity(sheep);
// looked at once: a sheep that grazes grows its wool back (one try in 1000 a tick)
const sheared = await waitFor("shorn sheep", () => (sheep.metadata[17] & 16) !== 0);
await waitFor("wool", () => bot.inventory.items().some((i) => i.name.endsWith("_wool")));
await bot.waitForTicks(20);
bot.chat(`colour ${{colour}} sheared ${{sheared}}`);
bot.chat(`shears worn ${{bot.inventory.items().find((i) => i.name === "shears").durabilityUsed}}`);
"""
    )
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    colour = WOOL_COLOURS[int(chat[0].split()[1])]
    wool = {name: n for name, n in observation["inventory"].items() if name.endswith("_wool")}
    assert list(wool) == [f"{colour}_wool"]
    assert 1 <= wool[f"{colour}_wool"] <= 3
    assert chat[0].endswith("sheared true")
    assert chat[1] == "shears worn 1"


def test_sheep_are_born_in_vanilla_colour_proportions(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    stand_in_arena(env, arena, {})
    flock = arena.offset(0, 0, 30)
    for i in range(60):
        world.summon("sheep", flock.offset(i % 8, 0, i // 8))
    program = (
        WAIT_FOR
        + f"""
const flock = new Vec3({flock.js()});
const near = () => Object.values(bot.entities).filter(
  (e) => e.name === "sheep" && e.position.distanceTo(flock) < 16 && e.metadata[17] !== undefined);
await waitFor("60 sheep", () => near().length >= 60);
const counts = {{}};
for (const sheep of near()) {{
  const colour = sheep.metadata[17] & 15;
  counts[colour] = (counts[colour] || 0) + 1;
}}
bot.chat(JSON.stringify(counts));
"""
    )
    try:
        _, chat, errors = run(env, program)
    finally:
        # sixty sheep would slow down every tick of the session's world after this test
        world.run("kill @e[type=sheep]")
    assert errors == [], chat
    counts = {WOOL_COLOURS[int(k)]: n for k, n in json.loads(chat[0]).items()}
    assert set(counts) <= VANILLA_SHEEP_COLOURS
    assert 0.65 <= counts.get("white", 0) / sum(counts.values()) <= 0.95


def test_a_sheared_sheep_grows_its_wool_back_by_eating_grass(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    stand_in_arena(env, arena, {"shears": 1})
    sheep = arena.offset(-3, 0, -3)
    world.summon("sheep", sheep)
    shear = (
        WAIT_FOR
        + f"""
const sheep = await waitFor("sheep", () => mobAt("sheep", {sheep.js()}));
await bot.equip(mcData.itemsByName.shears.id, "hand");
await bot.activateEntity(sheep);
await waitFor("sheared sheep", () => (sheep.metadata[17] & 16) !== 0);
bot.chat(`sheep ${{sheep.id}}`);
"""
    )
    _, chat, errors = run(env, shear)
    assert errors == [], chat
    sheep_id = int(chat[0].split()[1])
    # a sheep grazes about once in 1000 ticks: 6000 leave it sheared with a chance of 0.25%
    world.sprint(6000)
    check = f"""
const sheep = bot.entities[{sheep_id}];
if (!sheep) throw new Error("the sheep is gone");
bot.chat(`sheared ${{(sheep.metadata[17] & 16) !== 0}}`);
"""
    _, chat, errors = run(env, check)
    assert (errors, chat) == ([], ["sheared false"])


def test_an_empty_bucket_on_a_cow_gives_milk_that_the_bot_drinks(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    stand_in_arena(env, arena, {"bucket": 1})
    cow = arena.offset(-2, 0, 2)
    world.summon("cow", cow)
    milk = (
        WAIT_FOR
        + f"""
const cow = await waitFor("cow", () => mobAt("cow", {cow.js()}));
await bot.equip(mcData.itemsByName.bucket.id, "hand");
await bot.activateEntity(cow);
await waitFor("milk", () => bot.inventory.count(mcData.itemsByName.milk_bucket.id) === 1);
"""
    )
    observation, chat, errors = run(env, milk)
    assert errors == [], chat
    assert observation["inventory"] == {"milk_bucket": 1}
    drink = """
await bot.equip(mcData.itemsByName.milk_bucket.id, "hand");
await bot.consume();
"""
    observation, chat, errors = run(env, drink)
    assert errors == [], chat
    assert observation["inventory"] == {"bucket": 1}


def test_a_chicken_lays_an_egg_that_the_bot_picks_up(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    stand_in_arena(env, arena, {})
    chicken = arena.offset(3, 0, -3)
    world.summon("chicken", chicken)
    wait = WAIT_FOR + f'await waitFor("chicken", () => mobAt("chicken", {chicken.js()}));'
    _, chat, errors = run(env, wait)
    assert errors == [], chat
    # vanilla chickens lay every 6000 to 12000 ticks
    world.sprint(12000)
    world.time(1000)
    collect = (
        WAIT_FOR
        + """
const egg = await waitFor("egg", () => bot.nearestEntity(
  (e) => e.name === "item" && e.getDroppedItem && e.getDroppedItem()?.name === "egg"));
await bot.pathfinder.goto(new GoalNear(egg.position.x, egg.position.y, egg.position.z, 0));
await waitFor("egg picked up", () => bot.inventory.count(mcData.itemsByName.egg.id) > 0);
"""
    )
    observation, chat, errors = run(env, collect)
    assert errors == [], chat
    assert observation["inventory"].get("egg", 0) >= 1


BREEDING_FOOD = {"cow": "wheat", "sheep": "wheat", "pig": "carrot", "chicken": "wheat_seeds"}


def test_two_animals_fed_their_food_make_a_baby(
    env: MinecraftEnv, world: WorldConsole, arena: Spot
) -> None:
    stand_in_arena(env, arena, {"wheat": 4, "carrot": 2, "wheat_seeds": 2})
    # a pair of each kind, two blocks from the next pair, all within the 6 blocks of a
    # player's reach (vanilla's, and the world's) from where the bot stands
    pairs = {animal: (arena.offset(2, 0, 2 * i - 3), arena.offset(3, 0, 2 * i - 3))
             for i, animal in enumerate(BREEDING_FOOD)}  # fmt: skip
    for animal, (first, second) in pairs.items():
        world.summon(animal, first)
        world.summon(animal, second)
    feed = "".join(
        f"""
parents.{animal} = [await waitFor("first {animal}", () => mobAt("{animal}", {first.js()}))];
parents.{animal}.push(await waitFor("second {animal}",
  () => mobAt("{animal}", {second.js()}, parents.{animal}[0])));
await bot.equip(mcData.itemsByName.{BREEDING_FOOD[animal]}.id, "hand");
for (const parent of parents.{animal}) {{
  // it may have wandered out of reach (6 blocks) while the pairs before it were fed
  const at = parent.position;
  await bot.pathfinder.goto(new GoalNear(at.x, at.y, at.z, 2));
  await bot.activateEntity(parent);
}}
"""
        for animal, (first, second) in pairs.items()
    )
    program = (
        WAIT_FOR
        + """
const parents = {};
const babies = [];
bot.on("entitySpawn", (e) => babies.push(e));
"""
        + """
const isBaby = (e) => e.metadata[16] === true;
// a kind counts once its baby is seen beside a parent, watched from the first feed on:
// the first pair's baby is born while the others are fed, and babies and parents wander off
const born = new Set();
const bornOf = (kind) => born.has(kind) || (babies.some((b) => b.name === kind && isBaby(b)
  && b.position.distanceTo(parents[kind][0].position) < 4) && born.add(kind));
const watch = () => Object.keys(parents).forEach(bornOf);
bot.on("physicsTick", watch);
"""
        + feed
        + """
try {
  await waitFor("a baby of each pair", () => born.size === 4, 400);
} finally {
  bot.removeListener("physicsTick", watch);
  bot.chat(Object.keys(parents).filter((kind) => born.has(kind)).join(" "));
}
"""
    )
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    assert chat == [" ".join(BREEDING_FOOD)]
    assert not set(observation["inventory"]) & set(BREEDING_FOOD.values())

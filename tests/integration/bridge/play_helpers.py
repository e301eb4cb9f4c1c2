"""JavaScript helpers that the world-play tests prepend to their programs, and a console helper."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# groundSpots(bot, names, airAbove): blocks named `names` near the bot (not under it) with
# `airAbove` air blocks over them, nearest first.
# pickUpDrops(bot, near): walks onto the item entities within 6 blocks of `near` till none is left.
# countAround(bot, name, center, radius): how many blocks named `name` are that near `center`.
GROUND = """
function groundSpots(bot, names, airAbove = 2) {
  const here = bot.entity.position.floored();
  const spots = [];
  for (let dx = -4; dx <= 4; dx++) {
    for (let dz = -4; dz <= 4; dz++) {
      if (Math.abs(dx) <= 1 && Math.abs(dz) <= 1) continue;
      for (let dy = -3; dy <= 1; dy++) {
        const ground = bot.blockAt(here.offset(dx, dy - 1, dz));
        if (!ground || !names.includes(ground.name)) continue;
        let free = true;
        for (let up = 0; up < airAbove && free; up++) {
          free = bot.blockAt(ground.position.offset(0, up + 1, 0))?.name === "air";
        }
        if (free) spots.push(ground);
      }
    }
  }
  spots.sort((a, b) => a.position.distanceTo(here) - b.position.distanceTo(here));
  if (spots.length === 0) {
    throw new Error(`no ${names.join("/")} with ${airAbove} air above near the bot`);
  }
  return spots;
}

async function pickUpDrops(bot, near) {
  await bot.waitForTicks(10);
  for (let i = 0; i < 8; i++) {
    const drop = bot.nearestEntity((e) => e.name === "item" && e.position.distanceTo(near) < 6);
    if (!drop) return;
    const p = drop.position;
    try {
      await bot.pathfinder.goto(new GoalNear(p.x, p.y, p.z, 0.5));
    } catch (err) {
      bot.chat(`cannot reach a drop: ${err.message}`);
    }
    await bot.waitForTicks(10);
  }
}

function countAround(bot, name, center, radius) {
  const matching = mcData.blocksByName[name].id;
  return bot.findBlocks({ matching, maxDistance: radius, count: 500, point: center }).length;
}
"""


# trench(bot, length): digs `length` ground blocks in a row (walls of ground on both
# sides, solid floor) and returns their positions; pourInto(bot, item, cell) empties
# a bucket into a trench cell by clicking the floor under it; waterShaft(bot) digs a shaft two
# deep and fills it with two water buckets.
TRENCH = (
    GROUND
    + """
async function trench(bot, length) {
  const diggable = ["grass_block", "dirt", "sand"];
  const solid = (p) => bot.blockAt(p)?.boundingBox === "block";
  const feet = bot.entity.position.floored();
  const starts = bot.findBlocks({
    matching: diggable.map((name) => mcData.blocksByName[name].id), maxDistance: 16, count: 400,
  }).sort((a, b) => a.distanceTo(feet) - b.distanceTo(feet));
  for (const start of starts) {
    for (const [dx, dz] of [[1, 0], [0, 1], [-1, 0], [0, -1]]) {
      const cells = [...Array(length).keys()].map((i) => start.offset(dx * i, 0, dz * i));
      const fits = cells.every((c) => diggable.includes(bot.blockAt(c)?.name) &&
        bot.blockAt(c.offset(0, 1, 0))?.name === "air" && solid(c.offset(0, -1, 0)) &&
        solid(c.offset(dz, 0, dx)) && solid(c.offset(-dz, 0, -dx))) &&
        solid(cells[0].offset(-dx, 0, -dz)) && solid(cells[length - 1].offset(dx, 0, dz));
      if (!fits) continue;
      // stand on the trench's side, two blocks off its first cell
      const side = cells[0].offset(2 * dz, 1, 2 * dx);
      await bot.pathfinder.goto(new GoalNear(side.x, side.y, side.z, 1));
      const standingOn = bot.entity.position.floored().offset(0, -1, 0);
      if (cells.some((c) => c.equals(standingOn))) continue;
      for (const c of cells) await bot.dig(bot.blockAt(c));
      return cells;
    }
  }
  throw new Error(`no room for a trench of ${length}`);
}

async function pourInto(bot, item, cell) {
  await bot.equip(mcData.itemsByName[item].id, "hand");
  await bot.activateBlock(bot.blockAt(cell.offset(0, -1, 0)), new Vec3(0, 1, 0));
  await bot.waitForTicks(2);
}

// a 1x1 shaft two blocks deep, full of water (two water buckets); returns [top, bottom]
async function waterShaft(bot) {
  const [top] = await trench(bot, 1);
  const bottom = top.offset(0, -1, 0);
  const around = [[1, 0, 0], [-1, 0, 0], [0, 0, 1], [0, 0, -1], [0, -1, 0]]
    .map(([x, y, z]) => bottom.offset(x, y, z));
  if (!around.every((p) => bot.blockAt(p).boundingBox === "block")) {
    throw new Error("no solid ground two blocks deep here");
  }
  await bot.dig(bot.blockAt(bottom));
  await pourInto(bot, "water_bucket", bottom);
  // the second source goes in above the first: a click on the shaft's wall
  const wall = [[1, 0], [-1, 0], [0, 1], [0, -1]].map(([dx, dz]) => top.offset(dx, 0, dz))
    .find((p) => bot.blockAt(p).boundingBox === "block");
  await bot.equip(mcData.itemsByName.water_bucket.id, "hand");
  await bot.activateBlock(bot.blockAt(wall), top.minus(wall));
  await bot.waitForTicks(5);
  return [top, bottom];
}

const count = (name) => bot.inventory.count(mcData.itemsByName[name].id);
const nameAt = (p) => bot.blockAt(p).name;
"""
)


@contextmanager
def random_tick_speed(console: Any, speed: int) -> Iterator[None]:
    """The gamerule raised for a growth test (vanilla's own knob), put back to 3 after it."""
    console(f"gamerule randomTickSpeed {speed}")
    try:
        yield
    finally:
        console("gamerule randomTickSpeed 3")

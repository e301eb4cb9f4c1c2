// Helper functions that every program of the offline model (voyager/llm/offline.py)
// carries: counting, finding, gathering, placing stations, fighting, hunting, eating.
const LOG_NAMES = ["oak_log", "birch_log", "spruce_log", "jungle_log", "acacia_log", "dark_oak_log", "mangrove_log", "cherry_log"];
const DIRECTIONS = [[1, 0, 1], [-1, 0, 1], [1, 0, -1], [-1, 0, -1], [1, 0, 0], [0, 0, 1]];
const DOWNWARDS = [[1, -1, 0], [0, -1, 1], [-1, -1, 0], [0, -1, -1], [1, -1, 1]];
const HOSTILES = ["zombie", "spider", "skeleton", "creeper"];
const SWORDS = ["netherite_sword", "diamond_sword", "iron_sword", "stone_sword", "wooden_sword"];

function countOf(bot, name) {
  const same = (item) => item.name === name || (name === "planks" && item.name.endsWith("_planks")) || (name === "log" && item.name.endsWith("_log"));
  return bot.inventory.items().filter(same).reduce((sum, item) => sum + item.count, 0);
}

function plankName(bot) {
  const planks = bot.inventory.items().find((item) => item.name.endsWith("_planks"));
  return planks ? planks.name : "oak_planks";
}

function stationNear(bot, name) {
  const block = mcData.blocksByName[name];
  return !!block && !!bot.findBlock({ matching: block.id, maxDistance: 32 });
}

async function findNearby(bot, names, directions) {
  const match = (block) => names.includes(block.name);
  let block = bot.findBlock({ matching: match, maxDistance: 32 });
  for (const d of directions) {
    if (block) break;
    block = await exploreUntil(bot, new Vec3(d[0], d[1], d[2]), 60, () => bot.findBlock({ matching: match, maxDistance: 32 }));
  }
  return block;
}

async function gather(bot, names, item, target, directions) {
  for (let tries = 0; tries < 5 && countOf(bot, item) < target; tries++) {
    await fightOff(bot);
    const block = await findNearby(bot, names, directions);
    if (!block) {
      bot.chat(`Found no ${names[0]} nearby.`);
      return;
    }
    // One more than missing: now and then a drop falls out of reach.
    await mineBlock(bot, block.name, Math.max(1, target - countOf(bot, item)) + 1);
  }
}

async function makePlanks(bot, target) {
  for (let tries = 0; tries < 3 && countOf(bot, "planks") < target; tries++) {
    const logsNeeded = Math.ceil((target - countOf(bot, "planks")) / 4);
    if (countOf(bot, "log") < logsNeeded) await gather(bot, LOG_NAMES, "log", logsNeeded, DIRECTIONS);
    const log = bot.inventory.items().find((item) => item.name.endsWith("_log"));
    if (!log) return;
    await craftItem(bot, log.name.replace("_log", "_planks"), Math.min(log.count, logsNeeded));
  }
}

async function ensureStation(bot, name) {
  if (stationNear(bot, name)) return;
  if (!(await placeAround(bot, name))) {
    const here = bot.entity.position;
    await bot.pathfinder.goto(new GoalNearXZ(here.x + 3, here.z, 1));
    if (!(await placeAround(bot, name))) bot.chat(`Found no place for a ${name}.`);
  }
}

async function placeAround(bot, name) {
  const here = bot.entity.position.floored();
  for (const [dx, dy, dz] of [[1, 0, 0], [-1, 0, 0], [0, 0, 1], [0, 0, -1], [1, 0, 1], [-1, 0, -1], [1, 1, 0], [-1, 1, 0], [0, 1, 1], [0, 1, -1], [2, 0, 0], [0, 0, 2]]) {
    const spot = here.offset(dx, dy, dz);
    const block = bot.blockAt(spot);
    const below = bot.blockAt(spot.offset(0, -1, 0));
    if (!block || block.name !== "air" || !below || below.boundingBox !== "block") continue;
    await placeItem(bot, name, spot);
    if (stationNear(bot, name)) return true;
  }
  return false;
}

// Hostile mobs come in the dark (at night, underground): fight off any close one first.
async function fightOff(bot) {
  const close = () => bot.nearestEntity((entity) => HOSTILES.includes(entity.name) && entity.position.distanceTo(bot.entity.position) < 10);
  for (let fights = 0; fights < 3 && close(); fights++) {
    const mob = close();
    const sword = SWORDS.map((name) => bot.inventory.items().find((item) => item.name === name)).find((item) => item);
    if (sword) await bot.equip(sword, "hand");
    bot.chat(`Fighting off a ${mob.name}.`);
    await killMob(bot, mob.name, 20);
  }
}

async function hunt(bot, mob, count) {
  const near = () => bot.nearestEntity((entity) => entity.name === mob && entity.position.distanceTo(bot.entity.position) < 48);
  for (let killed = 0, tries = 0; killed < count && tries < count + 3; tries++) {
    let target = near();
    for (const d of DIRECTIONS) {
      if (target) break;
      target = await exploreUntil(bot, new Vec3(d[0], d[1], d[2]), 60, near);
    }
    if (!target) {
      bot.chat(`Found no ${mob} nearby.`);
      return;
    }
    await killMob(bot, mob, 300);
    if (!near() || near().id !== target.id) killed++;
  }
  return true;
}

async function eat(bot, food) {
  const item = bot.inventory.findInventoryItem(mcData.itemsByName[food].id);
  if (!item) {
    bot.chat(`No ${food} to eat.`);
    return;
  }
  await bot.equip(item, "hand");
  await bot.consume();
  bot.chat(`Ate ${food}.`);
}

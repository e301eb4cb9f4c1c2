// Helper functions for the programs of the offline model (voyager/offline): counting,
// finding, gathering, placing stations, fighting, hunting, eating, and using what is held:
// buckets, shears, a fishing rod, a hoe and seeds, a bed. A program carries the ones it uses
// (voyager/offline/helpers.py); a comment right above a declaration goes with it.

const LOG_NAMES = ["oak_log", "birch_log", "spruce_log", "jungle_log", "acacia_log", "dark_oak_log", "mangrove_log", "cherry_log"];
const DIRECTIONS = [[1, 0, 1], [-1, 0, 1], [1, 0, -1], [-1, 0, -1], [1, 0, 0], [0, 0, 1]];
const DOWNWARDS = [[1, -1, 0], [0, -1, 1], [-1, -1, 0], [0, -1, -1], [1, -1, 1]];
const HOSTILES = ["zombie", "spider", "skeleton", "creeper"];
const MONSTERS = [...HOSTILES, "husk", "stray", "drowned"]; // with the kinds of deserts, snow and water
const SWORDS = ["netherite_sword", "diamond_sword", "iron_sword", "stone_sword", "wooden_sword"];
const HOES = ["netherite_hoe", "diamond_hoe", "iron_hoe", "stone_hoe", "golden_hoe", "wooden_hoe"];
const GROUPS = { planks: "_planks", log: "_log", wool: "_wool", bed: "_bed" };

// How many of `name` the bot holds: an item, a group ("planks", "log", "wool", "bed") or a list of items.
function countOf(bot, name) {
  const same = Array.isArray(name)
    ? (item) => name.includes(item.name)
    : (item) => item.name === name || (GROUPS[name] !== undefined && item.name.endsWith(GROUPS[name]));
  return bot.inventory.items().filter(same).reduce((sum, item) => sum + item.count, 0);
}

// The name of an item of `group` the bot holds most of ("oak_log"), or `fallback`.
function heldName(bot, group, fallback) {
  const counts = {};
  for (const item of bot.inventory.items()) {
    if (item.name.endsWith(GROUPS[group])) counts[item.name] = (counts[item.name] || 0) + item.count;
  }
  const names = Object.keys(counts).sort((a, b) => counts[b] - counts[a]);
  return names.length ? names[0] : fallback;
}

function stationNear(bot, name) {
  const block = mcData.blocksByName[name];
  return !!block && !!bot.findBlock({ matching: block.id, maxDistance: 32 });
}

async function findNearby(bot, names, directions) {
  const match = (block) => names.includes(block.name);
  let block = bot.findBlock({ matching: match, maxDistance: 32 });
  if (!block && directions === DIRECTIONS) {
    await toTheSurface(bot); // what is sought sideways (logs, sand) lies on the surface, not in a mine
    block = bot.findBlock({ matching: match, maxDistance: 32 });
  }
  for (const d of directions) {
    if (block) break;
    block = await exploreUntil(bot, new Vec3(d[0], d[1], d[2]), 60, () => bot.findBlock({ matching: match, maxDistance: 32 }));
  }
  return block;
}

// Mines blocks named `names` until the bot holds `target` of `item`; a block yields the item
// only now and then when it takes `perBlock` blocks on average (flint from gravel).
async function gather(bot, names, item, target, directions, perBlock = 1) {
  for (let tries = 0; tries < 5 && countOf(bot, item) < target; tries++) {
    await fightOff(bot);
    const block = await findNearby(bot, names, directions);
    if (!block) {
      bot.chat(`Found no ${names[0]} nearby.`);
      return;
    }
    // One more than missing: now and then a drop falls out of reach.
    await mineBlock(bot, block.name, Math.min(32, Math.max(1, target - countOf(bot, item)) * perBlock + 1));
  }
}

// Planks of one kind (a recipe takes one kind at a time): enough for `target`, from logs.
function woodKinds(bot) {
  const kinds = {};
  for (const item of bot.inventory.items()) {
    const match = item.name.match(/^(.*)_(planks|log)$/);
    if (!match || !LOG_NAMES.includes(`${match[1]}_log`)) continue;
    const kind = kinds[match[1]] || (kinds[match[1]] = { planks: 0, logs: 0 });
    if (match[2] === "planks") kind.planks += item.count; else kind.logs += item.count;
  }
  return Object.entries(kinds).sort((a, b) => (b[1].planks + 4 * b[1].logs) - (a[1].planks + 4 * a[1].logs));
}

// `name` ("oak_slab") in the wood the bot holds most of ("acacia_slab"): its recipe takes planks
// of that one kind.
function inHeldWood(bot, name) {
  const best = woodKinds(bot)[0];
  return best ? name.replace(/^oak_/, `${best[0]}_`) : name;
}

async function makePlanks(bot, target) {
  for (let tries = 0; tries < 4; tries++) {
    const best = woodKinds(bot)[0];
    const planks = best ? best[1].planks : 0;
    if (planks >= target) return;
    if (best && planks + 4 * best[1].logs >= target) {
      await craftItem(bot, `${best[0]}_planks`, Math.ceil((target - planks) / 4));
      continue;
    }
    const logs = Math.ceil((target - planks) / 4) - (best ? best[1].logs : 0);
    const names = best ? [`${best[0]}_log`] : LOG_NAMES;
    const more = bot.findBlock({ matching: (block) => names.includes(block.name), maxDistance: 32 }) ? names : LOG_NAMES;
    await gather(bot, more, more.length === 1 ? more[0] : "log", countOf(bot, more.length === 1 ? more[0] : "log") + logs, DIRECTIONS);
  }
}

async function ensureStation(bot, name) {
  if (stationNear(bot, name)) return;
  if (await placeAround(bot, name)) return;
  const ground = dryGround(bot);
  const here = bot.entity.position;
  const goal = ground ? new GoalBlock(ground.x, ground.y + 1, ground.z) : new GoalNearXZ(here.x + 3, here.z, 1);
  await bot.pathfinder.goto(goal).catch((err) => bot.chat(`Cannot reach dry ground: ${err.message}`));
  if (!(await placeAround(bot, name))) bot.chat(`Found no place for a ${name}.`);
}

// The nearest spot where the bot can stand with room for a block beside it (in water,
// the shore): a full block with nothing solid or liquid above, with room for a block beside.
function dryGround(bot) {
  const feet = bot.entity.position.floored();
  const clear = (p) => { const b = bot.blockAt(p); return !!b && b.boundingBox === "empty" && !["water", "lava"].includes(b.name); };
  const found = bot.findBlock({
    matching: (block) => block.boundingBox === "block",
    useExtraInfo: (block) => {
      const p = block.position;
      if (p.offset(0, 1, 0).equals(feet) || !clear(p.offset(0, 1, 0)) || !clear(p.offset(0, 2, 0))) return false;
      return [[1, 0], [-1, 0], [0, 1], [0, -1]].some(([dx, dz]) => roomAt(bot, p.offset(dx, 1, dz)));
    },
    maxDistance: 16,
  });
  return found ? found.position : null;
}

// Room for a block at `spot`: air, on a full block.
function roomAt(bot, spot) {
  return bot.blockAt(spot)?.name === "air" && bot.blockAt(spot.offset(0, -1, 0))?.boundingBox === "block";
}

// Places one `name` on free ground next to the bot (in a tunnel, on a spot it digs out); true
// once one is near.
async function placeAround(bot, name) {
  const here = bot.entity.position.floored();
  for (let digs = 0; digs < 2; digs++) {
    for (const [dx, dy, dz] of [[1, 0, 0], [-1, 0, 0], [0, 0, 1], [0, 0, -1], [1, 0, 1], [-1, 0, -1], [1, 1, 0], [-1, 1, 0], [0, 1, 1], [0, 1, -1], [2, 0, 0], [0, 0, 2]]) {
      const spot = here.offset(dx, dy, dz);
      if (!roomAt(bot, spot)) continue;
      await placeItem(bot, name, spot);
      if (stationNear(bot, name)) return true;
    }
    const wall = bot.blockAt(here.offset(1, 0, 0));
    if (!wall || wall.boundingBox !== "block" || !wall.diggable) break; // mineflayer would dig water for 150 s
    await bot.tool.equipForBlock(wall, {});
    await bot.dig(wall);
  }
  return false;
}

// Places `count` blocks of `name` around the bot.
async function placeMany(bot, name, count) {
  const before = countOf(bot, name);
  for (let tries = 0; tries < count + 3 && before - countOf(bot, name) < count && countOf(bot, name) > 0; tries++) {
    if (!(await placeAround(bot, name))) {
      const here = bot.entity.position;
      await bot.pathfinder.goto(new GoalNearXZ(here.x + 3, here.z + 1, 1));
    }
  }
}

// Hostile mobs come in the dark (at night, underground): fight off any close one first.
async function fightOff(bot) {
  const close = () => bot.nearestEntity((entity) => MONSTERS.includes(entity.name) && entity.position.distanceTo(bot.entity.position) < 10);
  for (let fights = 0; fights < 3 && close(); fights++) {
    const mob = close();
    await holdBestSword(bot);
    bot.chat(`Fighting off a ${mob.name}.`);
    await killMob(bot, mob.name, 20).catch((err) => bot.chat(err.message)); // it may get away
  }
}

async function holdBestSword(bot) {
  const sword = SWORDS.map((name) => bot.inventory.items().find((item) => item.name === name)).find((item) => item);
  if (sword) await bot.equip(sword, "hand");
}

// Monsters appear in the dark: go a little underground by day, then wait for one.
async function waitInTheDark(bot, near) {
  if (bot.time.isDay) {
    const here = bot.entity.position;
    await bot.pathfinder.goto(new GoalNear(here.x + 2, here.y - 12, here.z, 1)).catch((err) => bot.chat(`Cannot dig down: ${err.message}`));
  }
  for (let i = 0; i < 60 && !near(); i++) await bot.waitForTicks(20);
  return near();
}

// Animals live on the surface: climb out when stone lies overhead (after mining, say).
async function toTheSurface(bot) {
  const head = bot.entity.position.floored().offset(0, 2, 0);
  let roof = null;
  for (let dy = 0; dy < 96; dy++) {
    const block = bot.blockAt(head.offset(0, dy, 0));
    if (!block) break;
    if (block.boundingBox === "block" && !block.name.endsWith("_leaves") && !block.name.endsWith("_log")) roof = block.position.y;
  }
  if (roof === null) return;
  bot.chat("Climbing out to the surface.");
  await bot.pathfinder.goto(new GoalY(roof + 1)).catch((err) => bot.chat(`Cannot climb out: ${err.message}`));
}

async function hunt(bot, mob, count) {
  const near = () => bot.nearestEntity((entity) => entity.name === mob && entity.position.distanceTo(bot.entity.position) < 48);
  for (let killed = 0, tries = 0; killed < count && tries < count + 3; tries++) {
    let target = near();
    if (!target && HOSTILES.includes(mob)) target = await waitInTheDark(bot, near);
    if (!target && !HOSTILES.includes(mob)) {
      await toTheSurface(bot);
      target = near();
    }
    for (const d of DIRECTIONS) {
      if (target) break;
      target = await exploreUntil(bot, new Vec3(d[0], d[1], d[2]), 60, near);
    }
    if (!target) {
      bot.chat(`Found no ${mob} nearby.`);
      return;
    }
    await holdBestSword(bot);
    // a minute a try: a mob that flees or shoots from afar is left for the next, closer one
    await killMob(bot, mob, 60).catch((err) => bot.chat(err.message));
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

// Walks onto the items lying within 6 blocks of `where` so that they are picked up.
async function pickUpNear(bot, where) {
  for (let i = 0; i < 6; i++) {
    const drop = bot.nearestEntity((entity) => entity.name === "item" && entity.position.distanceTo(where) < 6);
    if (!drop) return;
    await withTimeLimit(bot.collectBlock.collect(drop, { ignoreNoPath: true }), 20, "a drop out of reach").catch((err) => bot.chat(err.message));
    await bot.waitForTicks(10);
  }
}

async function holdItem(bot, name) {
  const item = bot.inventory.findInventoryItem(mcData.itemsByName[name].id);
  if (!item) throw new Error(`I have no ${name}.`);
  await bot.equip(item, "hand");
}

// Fills empty buckets at sources of `fluid` ("water", "lava") until `filled` reaches `target`.
async function fillBucket(bot, fluid, filled, target, directions) {
  const source = (block) => block.name === fluid && (block.metadata === 0 || block.getProperties().level === 0);
  for (let tries = 0; tries < 5 && countOf(bot, filled) < target; tries++) {
    await fightOff(bot);
    let block = bot.findBlock({ matching: source, maxDistance: 32 });
    for (const d of directions) {
      if (block) break;
      block = await exploreUntil(bot, new Vec3(d[0], d[1], d[2]), 60, () => bot.findBlock({ matching: source, maxDistance: 32 }));
    }
    if (!block) {
      bot.chat(`Found no ${fluid} source nearby.`);
      return;
    }
    const p = block.position;
    await bot.pathfinder.goto(new GoalNear(p.x, p.y + 1, p.z, 3)).catch((err) => bot.chat(`Cannot reach the ${fluid}: ${err.message}`));
    await holdItem(bot, "bucket");
    await bot.lookAt(p.offset(0.5, 0.5, 0.5));
    await bot.activateBlock(bot.blockAt(p));
    await bot.waitForTicks(5);
  }
}

// Uses the `tool` held on animals of kind `mob` (shears on sheep, a bucket on cows) until
// the bot holds `target` of `names`, picking up what drops.
async function useOnMob(bot, mob, tool, names, target) {
  const used = new Set();
  const near = () => bot.nearestEntity((entity) => entity.name === mob && !used.has(entity.id) && entity.position.distanceTo(bot.entity.position) < 48);
  for (let tries = 0; tries < 8 && countOf(bot, names) < target; tries++) {
    let animal = near();
    for (const d of DIRECTIONS) {
      if (animal) break;
      animal = await exploreUntil(bot, new Vec3(d[0], d[1], d[2]), 60, near);
    }
    if (!animal) {
      bot.chat(`Found no ${mob} nearby.`);
      return;
    }
    used.add(animal.id);
    const p = animal.position;
    await withTimeLimit(bot.pathfinder.goto(new GoalNear(p.x, p.y, p.z, 2)), 30, `the ${mob} got away`).catch((err) => bot.chat(err.message));
    await holdItem(bot, tool);
    try {
      await bot.activateEntity(bot.entities[animal.id] || animal);
    } catch (err) {
      bot.chat(`Cannot use ${tool} on this ${mob}: ${err.message}`);
      continue;
    }
    await bot.waitForTicks(10);
    await pickUpNear(bot, animal.position);
  }
}

// Fishes with a rod in the nearest water until the bot holds `target` of `names`.
async function fishFor(bot, names, target) {
  const water = (block) => block.name === "water";
  let block = bot.findBlock({ matching: water, maxDistance: 32 });
  for (const d of DIRECTIONS) {
    if (block) break;
    block = await exploreUntil(bot, new Vec3(d[0], d[1], d[2]), 60, () => bot.findBlock({ matching: water, maxDistance: 32 }));
  }
  if (!block) {
    bot.chat("Found no water nearby.");
    return;
  }
  const p = block.position;
  await bot.pathfinder.goto(new GoalNear(p.x, p.y + 1, p.z, 3)).catch((err) => bot.chat(`Cannot reach the water: ${err.message}`));
  await holdItem(bot, "fishing_rod");
  await bot.lookAt(p.offset(0.5, 0.9, 0.5));
  for (let casts = 0; casts < 4 * target + 4 && countOf(bot, names) < target; casts++) {
    try {
      await withTimeLimit(bot.fish(), 45, "no fish bit");
    } catch (err) {
      bot.chat(`Fishing: ${err.message}`);
      if (!countOf(bot, "fishing_rod")) return;
      await holdItem(bot, "fishing_rod");
    }
  }
}

// Air, or a plant that a hit clears (short grass, a flower), but no fluid.
function clearable(block) {
  return !!block && (block.name === "air" || (block.boundingBox === "empty" && block.name !== "water" && block.name !== "lava"));
}

// Grass or dirt with air or a plant above near the bot, nearest first: where a hoe can till.
function soilAround(bot, count) {
  const soil = (block) => (block.name === "grass_block" || block.name === "dirt") && clearable(bot.blockAt(block.position.offset(0, 1, 0)));
  return bot.findBlocks({ matching: soil, maxDistance: 12, count: count + 8 })
    .filter((p) => p.distanceTo(bot.entity.position.floored()) > 1.5)
    .slice(0, count)
    .map((p) => bot.blockAt(p));
}

// Tills `count` plots near the bot with a hoe and plants `seed` on them; returns where the
// `crop` came up.
async function plantSeeds(bot, crop, seed, count) {
  const hoe = HOES.find((name) => countOf(bot, name) > 0);
  if (!hoe) throw new Error("I need a hoe to till the ground.");
  const plots = soilAround(bot, Math.min(countOf(bot, seed), count));
  if (!plots.length) {
    bot.chat(countOf(bot, seed) ? "Found no grass or dirt to till here." : `I have no ${seed}.`);
    return [];
  }
  const crops = [];
  for (const plot of plots) {
    const above = bot.blockAt(plot.position.offset(0, 1, 0));
    if (above.name !== "air") await bot.dig(above); // a hoe tills only with air above
    await holdItem(bot, hoe);
    await bot.activateBlock(plot);
    await holdItem(bot, seed);
    await bot.activateBlock(bot.blockAt(plot.position));
    if (bot.blockAt(plot.position.offset(0, 1, 0))?.name === crop) crops.push(plot.position.offset(0, 1, 0));
  }
  bot.chat(`Planted ${crops.length} ${seed}.`);
  return crops;
}

// Plants `seed`, ripens the `crop` with bone meal (or time) and harvests it until the bot
// holds `target` of `item`.
async function farm(bot, crop, seed, item, ripeAge, target) {
  for (let rounds = 0; rounds < 4 && countOf(bot, item) < target; rounds++) {
    const crops = await plantSeeds(bot, crop, seed, target - countOf(bot, item));
    if (!crops.length) return;
    const age = (p) => Number(bot.blockAt(p).getProperties().age || 0);
    for (const p of crops) {
      for (let uses = 0; uses < 8 && age(p) < ripeAge && countOf(bot, "bone_meal") > 0; uses++) {
        await holdItem(bot, "bone_meal");
        await bot.activateBlock(bot.blockAt(p));
      }
    }
    for (let waits = 0; waits < 30 && crops.some((p) => age(p) < ripeAge); waits++) await bot.waitForTicks(20);
    for (const p of crops) {
      if (bot.blockAt(p).name === crop && age(p) >= ripeAge) await bot.dig(bot.blockAt(p));
    }
    if (crops.length) await pickUpNear(bot, crops[0]);
  }
}

function bedNear(bot) {
  return !!bot.findBlock({ matching: (block) => block.name.endsWith("_bed"), maxDistance: 16 });
}

// Sleeps in a bed near the bot (placing one it holds first), waiting up to `waitSeconds`
// for the night.
async function sleepInBed(bot, waitSeconds) {
  const bed = () => bot.findBlock({ matching: (block) => block.name.endsWith("_bed"), maxDistance: 16 });
  if (!bed()) {
    const held = bot.inventory.items().find((item) => item.name.endsWith("_bed"));
    if (!held) throw new Error("I have no bed to sleep in.");
    await placeAround(bot, held.name);
  }
  if (!bed()) throw new Error("Found no place for the bed.");
  const night = () => bot.time.timeOfDay >= 12542 && bot.time.timeOfDay <= 23459;
  for (let waits = 0; waits < waitSeconds && !night(); waits++) await bot.waitForTicks(20);
  if (!night()) throw new Error("It is not night yet: a bed only works at night.");
  const woken = new Promise((resolve) => bot.once("wake", resolve));
  await bot.sleep(bed());
  bot.chat("Sleeping.");
  await withTimeLimit(woken, 30, "the night did not end");
  bot.chat("Good morning.");
}

// Picks up the items a `mob` lays (eggs) near it until the bot holds `target` of `item`.
async function collectLaid(bot, item, mob, target) {
  const laid = () => bot.nearestEntity((entity) => entity.name === "item" && entity.getDroppedItem()?.name === item && entity.position.distanceTo(bot.entity.position) < 48);
  const animal = () => bot.nearestEntity((entity) => entity.name === mob && entity.position.distanceTo(bot.entity.position) < 48);
  for (let tries = 0; tries < 6 && countOf(bot, item) < target; tries++) {
    let found = laid() || animal();
    for (const d of DIRECTIONS) {
      if (found) break;
      found = await exploreUntil(bot, new Vec3(d[0], d[1], d[2]), 60, () => laid() || animal());
    }
    if (!found) {
      bot.chat(`Found no ${mob} nearby.`);
      return;
    }
    for (let waits = 0; waits < 60 && !laid(); waits++) await bot.waitForTicks(20);
    if (laid()) await pickUpNear(bot, laid().position);
  }
}

// What the plan needs no more: all but the best tool of each kind and the items `keep` names
// ("coal"; "_log": any name ending so; "cooked_": any name starting so), with their counts.
function uselessItems(bot, keep) {
  const tiers = ["netherite", "diamond", "iron", "stone", "golden", "wooden"];
  const tool = (name) => {
    const [tier, kind] = name.split("_");
    return tiers.includes(tier) && ["pickaxe", "sword", "axe", "shovel", "hoe"].includes(kind) ? [tier, kind] : null;
  };
  const best = {};
  for (const item of bot.inventory.items()) {
    const found = tool(item.name);
    if (found && (!best[found[1]] || tiers.indexOf(found[0]) < tiers.indexOf(best[found[1]]))) best[found[1]] = found[0];
  }
  const kept = (name) => keep.some((part) => name === part || (part.startsWith("_") && name.endsWith(part)) || (part.endsWith("_") && name.startsWith(part)));
  const useless = {};
  for (const item of bot.inventory.items()) {
    const found = tool(item.name);
    if (found ? best[found[1]] === found[0] : kept(item.name)) continue;
    useless[item.name] = (useless[item.name] || 0) + item.count;
  }
  return useless;
}

// Puts into a chest near the bot what the plan needs no more (see uselessItems).
async function depositUseless(bot, keep) {
  if (!stationNear(bot, "chest")) {
    if (!countOf(bot, "chest")) throw new Error("I have no chest: craft one first.");
    await ensureStation(bot, "chest");
  }
  const chest = bot.findBlock({ matching: mcData.blocksByName.chest.id, maxDistance: 32 });
  const useless = uselessItems(bot, keep);
  await depositItemIntoChest(bot, chest.position, useless);
  bot.chat(`Deposited ${Object.keys(useless).length} kinds of items.`);
}

// With fewer than `free` empty slots nothing more fits (a crafted item is lost): toss what the
// plan needs no more until there is room, then spare stacks of what it keeps (the cobblestone
// of long tunnels fills slot after slot).
async function makeRoom(bot, keep, free) {
  const useless = Object.keys(uselessItems(bot, keep));
  for (const name of useless) {
    if (bot.inventory.emptySlotCount() >= free) return;
    const item = bot.inventory.findInventoryItem(mcData.itemsByName[name].id);
    if (item) await bot.tossStack(item);
  }
  for (const item of bot.inventory.items()) {
    if (bot.inventory.emptySlotCount() >= free) return;
    if (bot.inventory.items().filter((other) => other.type === item.type).length > 1) await bot.tossStack(item);
  }
}

// Puts `items` ({name: count}) into the chest nearest the bot, placing one it holds if none is near.
async function depositInto(bot, items) {
  if (!stationNear(bot, "chest")) await ensureStation(bot, "chest");
  const chest = bot.findBlock({ matching: mcData.blocksByName.chest.id, maxDistance: 32 });
  if (!chest) throw new Error("Found no chest near me: craft and place one first.");
  await depositItemIntoChest(bot, chest.position, items);
}

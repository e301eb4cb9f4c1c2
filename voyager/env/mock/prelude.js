// The mock world's JavaScript side: a mineflayer-like `bot` over the Python
// simulation (every call goes through one host function, JSON in and out),
// a virtual clock for timers (time passes only when the program waits), bot
// events, Vec3, pathfinder goals and mcData. Evaluated once per context,
// before the primitives (skills/*.js) and the learned skills.
(function (global) {
  "use strict";
  const hostFunction = global.__voyagerHost;
  delete global.__voyagerHost;
  const TICK_MS = 50;
  const EPOCH = Date.UTC(2024, 0, 1);

  function host(method, ...args) {
    const reply = JSON.parse(hostFunction(method, JSON.stringify(args)));
    if (Object.prototype.hasOwnProperty.call(reply, "error")) throw new Error(reply.error);
    return reply.ok;
  }

  function unsupported(what) {
    return new Error(`${what} is not supported in the mock world`);
  }

  // -- Vec3 ------------------------------------------------------------------------
  class Vec3 {
    constructor(x, y, z) { this.x = x; this.y = y; this.z = z; }
    set(x, y, z) { this.x = x; this.y = y; this.z = z; return this; }
    update(other) { return this.set(other.x, other.y, other.z); }
    clone() { return new Vec3(this.x, this.y, this.z); }
    floored() { return new Vec3(Math.floor(this.x), Math.floor(this.y), Math.floor(this.z)); }
    floor() { return this.set(Math.floor(this.x), Math.floor(this.y), Math.floor(this.z)); }
    offset(dx, dy, dz) { return new Vec3(this.x + dx, this.y + dy, this.z + dz); }
    translate(dx, dy, dz) { return this.set(this.x + dx, this.y + dy, this.z + dz); }
    plus(o) { return this.offset(o.x, o.y, o.z); }
    minus(o) { return this.offset(-o.x, -o.y, -o.z); }
    add(o) { return this.translate(o.x, o.y, o.z); }
    subtract(o) { return this.translate(-o.x, -o.y, -o.z); }
    scaled(s) { return new Vec3(this.x * s, this.y * s, this.z * s); }
    abs() { return new Vec3(Math.abs(this.x), Math.abs(this.y), Math.abs(this.z)); }
    dot(o) { return this.x * o.x + this.y * o.y + this.z * o.z; }
    norm() { return Math.sqrt(this.dot(this)); }
    normalize() { const n = this.norm(); return n ? this.scaled(1 / n) : this.clone(); }
    distanceSquared(o) { const dx = o.x - this.x, dy = o.y - this.y, dz = o.z - this.z; return dx * dx + dy * dy + dz * dz; }
    distanceTo(o) { return Math.sqrt(this.distanceSquared(o)); }
    xzDistanceTo(o) { const dx = o.x - this.x, dz = o.z - this.z; return Math.sqrt(dx * dx + dz * dz); }
    equals(o, error = 0) {
      return Math.abs(this.x - o.x) <= error && Math.abs(this.y - o.y) <= error && Math.abs(this.z - o.z) <= error;
    }
    toArray() { return [this.x, this.y, this.z]; }
    toString() { return `(${this.x}, ${this.y}, ${this.z})`; }
  }
  const vec = (a) => new Vec3(a[0], a[1], a[2]);
  const xyz = (v) => [v.x, v.y, v.z];

  // -- virtual clock: timers fire when the host moves time on ----------------------------
  let now = 0;
  let nextTimer = 1;
  const timers = new Map();
  function addTimer(kind, fn, ms, args, every) {
    if (typeof fn !== "function") throw new TypeError(`${kind} needs a function, got ${typeof fn}`);
    const id = nextTimer++;
    timers.set(id, { at: now + Math.max(0, Number(ms) || 0), fn, args, every });
    return id;
  }
  const setTimeout = (fn, ms, ...args) => addTimer("setTimeout", fn, ms, args, 0);
  const setInterval = (fn, ms, ...args) => addTimer("setInterval", fn, ms, args, Math.max(10, Number(ms) || 0));
  const clearTimer = (id) => { timers.delete(id); };
  const sleepTicks = (ticks) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ticks) * TICK_MS));

  // -- bot events --------------------------------------------------------------------
  const listeners = new Map();
  function on(event, fn, once) {
    if (typeof fn !== "function") throw new TypeError(`bot.on('${event}') needs a function`);
    if (!listeners.has(event)) listeners.set(event, []);
    listeners.get(event).push({ fn, once });
  }
  function off(event, fn) {
    const list = listeners.get(event) || [];
    const index = list.findIndex((l) => l.fn === fn);
    if (index !== -1) list.splice(index, 1);
  }
  function emit(event, ...args) {
    for (const entry of [...(listeners.get(event) || [])]) {
      if (entry.once) off(event, entry.fn);
      entry.fn(...args);
    }
  }

  // -- mcData ------------------------------------------------------------------------
  const mcData = (function build(raw) {
    const data = { version: { minecraftVersion: raw.version, majorVersion: "1.20" } };
    for (const table of ["items", "blocks", "foods", "entities", "biomes"]) {
      data[table] = {};
      data[`${table}ByName`] = {};
      data[`${table}Array`] = raw[table];
      for (const entry of raw[table]) {
        data[table][entry.id] = entry;
        data[`${table}ByName`][entry.name] = entry;
      }
    }
    return data;
  })(JSON.parse(global.__voyagerMcData));
  delete global.__voyagerMcData;

  // -- game objects ------------------------------------------------------------------
  function makeItem(name, count, slot) {
    const info = mcData.itemsByName[name] || { id: -1, displayName: name, stackSize: 64 };
    return {
      type: info.id, name, displayName: info.displayName, count, slot, stackSize: info.stackSize,
      metadata: 0, nbt: null, durabilityUsed: 0,
    };
  }

  class Block {
    constructor(info) {
      const meta = mcData.blocksByName[info.name] || {};
      this.type = meta.id === undefined ? -1 : meta.id;
      this.name = info.name;
      this.displayName = meta.displayName || info.name;
      this.position = vec(info.position);
      this.hardness = meta.hardness;
      this.diggable = meta.diggable;
      this.boundingBox = meta.boundingBox || "empty";
      this.material = meta.material;
      this.harvestTools = meta.harvestTools;
      this.drops = meta.drops || [];
      this.biome = { name: info.biome, id: (mcData.biomesByName[info.biome] || {}).id };
      this.metadata = 0;
      this.stateId = this.type;
      this._properties = info.properties || {};
    }
    getProperties() { return { ...this._properties }; }
    canHarvest(heldItemType) {
      return !this.harvestTools || (heldItemType !== null && heldItemType !== undefined && !!this.harvestTools[heldItemType]);
    }
  }

  function makeEntity(info) {
    const entity = {
      id: info.id, name: info.name, type: info.type, displayName: info.name,
      position: vec(info.position), velocity: new Vec3(0, 0, 0), health: info.health,
      height: 1.8, width: 0.6, yaw: 0, pitch: 0, onGround: true, isValid: true, metadata: [],
      username: undefined,
    };
    for (const [index, value] of Object.entries(info.metadata || {})) entity.metadata[Number(index)] = value;
    if (info.name === "item") entity.getDroppedItem = () => makeItem(info.item, info.count, undefined);
    return entity;
  }

  function itemName(itemType, what) {
    if (typeof itemType === "string") return itemType;
    const info = mcData.items[itemType];
    if (!info) throw new Error(`${what}: no item with id ${itemType}`);
    return info.name;
  }

  // -- the bot -----------------------------------------------------------------------
  const bot = { username: "bot", version: "1.20.4", players: {}, registry: mcData };

  const inventory = {
    items: () => host("items").map((i) => makeItem(i.name, i.count, i.slot)),
    count(itemType) {
      const name = itemName(itemType, "inventory.count");
      return this.items().filter((i) => i.name === name).reduce((sum, i) => sum + i.count, 0);
    },
    findInventoryItem(itemType) {
      const name = itemName(itemType, "inventory.findInventoryItem");
      return this.items().find((i) => i.name === name) || null;
    },
    emptySlotCount() { return 36 - this.items().length; },
    get slots() {
      const slots = new Array(46).fill(null);
      for (const item of this.items()) slots[item.slot] = item;
      const worn = host("status").worn;
      const armor = { head: 5, torso: 6, legs: 7, feet: 8, "off-hand": 45 };
      for (const [where, name] of Object.entries(worn)) slots[armor[where]] = makeItem(name, 1, armor[where]);
      return slots;
    },
    inventoryStart: 9,
    inventoryEnd: 45,
    hotbarStart: 36,
  };

  function status() { return host("status"); }

  Object.defineProperties(bot, {
    entity: {
      get() {
        const s = status();
        return {
          id: 0, type: "player", name: "player", username: "bot", position: vec(s.position),
          velocity: new Vec3(0, 0, 0), yaw: s.yaw, pitch: s.pitch, onGround: true, height: 1.62, width: 0.6,
        };
      },
    },
    health: { get: () => status().health },
    food: { get: () => status().food },
    foodSaturation: { get: () => status().saturation },
    oxygenLevel: { get: () => 20 },
    isSleeping: { get: () => status().sleeping },
    heldItem: {
      get() {
        const s = status();
        return s.held ? inventory.items().find((i) => i.slot === 36 + s.quickBarSlot) || null : null;
      },
    },
    quickBarSlot: { get: () => status().quickBarSlot },
    time: {
      get() {
        const s = status();
        return { timeOfDay: s.timeOfDay, time: s.timeOfDay, age: s.age, day: Math.floor(s.age / 24000), isDay: s.isDay };
      },
    },
    game: { get: () => ({ dimension: "overworld", gameMode: "survival", difficulty: "normal", minY: -64, height: 384 }) },
    entities: {
      get() {
        const all = {};
        for (const info of host("entities")) all[info.id] = makeEntity(info);
        return all;
      },
    },
  });

  Object.assign(bot, {
    inventory,
    world: { getBlock: (pos) => bot.blockAt(pos) },
    // The bridge's rule (bridge/bot/chat.js): one chat event a line, never a command.
    chat(message) {
      for (const line of global.__voyagerModules["./chat"].chatLines(message)) stepEvents.chat(line);
    },
    save(name) { stepEvents.save(String(name)); },
    on(event, fn) { on(event, fn, false); },
    once(event, fn) { on(event, fn, true); },
    removeListener: off,
    off,
    removeAllListeners(event) { if (event === undefined) listeners.clear(); else listeners.delete(event); },
    emit,
    waitForTicks: (ticks) => sleepTicks(Number(ticks) || 0),
    async waitForChunksToLoad() {},
    async lookAt(point) {
      if (!point || typeof point.x !== "number") throw new TypeError("bot.lookAt needs a Vec3");
      host("lookAt", point.x, point.y, point.z);
      await sleepTicks(1);
    },
    async look() { await sleepTicks(1); },
    blockAt(point) {
      if (!point || typeof point.x !== "number") throw new TypeError("bot.blockAt needs a Vec3");
      const info = host("blockAt", point.x, point.y, point.z);
      return info ? new Block(info) : null;
    },
    canSeeBlock: () => true,
    canDigBlock(block) { return !!block && block.diggable && block.position.distanceTo(bot.entity.position) <= 5.5; },
    digTime(block) { return host("digTicks", ...xyz(block.position)) * TICK_MS; },
    findBlocks(options = {}) { return findBlocks(options); },
    findBlock(options = {}) {
      const found = findBlocks({ ...options, count: 1 });
      return found.length ? bot.blockAt(found[0]) : null;
    },
    nearestEntity(match = () => true) {
      const here = bot.entity.position;
      let best = null;
      for (const info of host("entities")) {
        const entity = makeEntity(info);
        if (!match(entity)) continue;
        if (!best || entity.position.distanceTo(here) < best.position.distanceTo(here)) best = entity;
      }
      return best;
    },
    async dig(block) {
      if (!block || !block.position) throw new Error("bot.dig needs a block");
      await sleepTicks(host("digTicks", ...xyz(block.position)));
      host("dig", ...xyz(block.position));
      emit("diggingCompleted", block);
    },
    stopDigging() {},
    async equip(item, destination = "hand") {
      if (item === null || item === undefined || (typeof item !== "object" && typeof item !== "number")) {
        throw new Error("Invalid item object in equip (item is null or typeof item is not object)");
      }
      host("equip", typeof item === "number" ? itemName(item, "equip") : item.name, destination || "hand");
      await sleepTicks(1);
    },
    async unequip(destination = "hand") { host("unequip", destination); await sleepTicks(1); },
    async toss(itemType, metadata, count) { host("toss", itemName(itemType, "toss"), count === null || count === undefined ? 1 : count); await sleepTicks(1); },
    async tossStack(item) { host("toss", item.name, item.count); await sleepTicks(1); },
    async consume() {
      host("checkEdible");
      await sleepTicks(32);
      host("eat");
    },
    async placeBlock(referenceBlock, faceVector) {
      if (!referenceBlock || !referenceBlock.position) throw new Error("bot.placeBlock needs a reference block");
      await sleepTicks(4);
      host("place", xyz(referenceBlock.position), xyz(faceVector));
    },
    recipesFor(itemType, metadata, minResultCount, craftingTable) {
      return recipes(itemType, craftingTable, true);
    },
    recipesAll(itemType, metadata, craftingTable) {
      return recipes(itemType, craftingTable, false);
    },
    async craft(recipe, count = 1, craftingTable = null) {
      if (!recipe || recipe.__mock === undefined) throw new Error("bot.craft needs a recipe from bot.recipesFor");
      const times = count === null || count === undefined ? 1 : count;
      await sleepTicks(4 * times);
      host("craft", recipe.result.name, recipe.__mock, times, !!craftingTable);
    },
    async openFurnace(block) { return openFurnace(block); },
    async openContainer(block) { return openChest(block); },
    async openChest(block) { return openChest(block); },
    closeWindow() {},
    async attack(entity) {
      pvp.attack(entity);
      await sleepTicks(12);
      pvp.stop();
    },
    // Using the held item: on a block (till, plant, bone meal, buckets, beds), on a mob
    // (shears, a bucket on a cow), or into the air at what the bot looks at (a bucket).
    async activateBlock(block, direction = new Vec3(0, 1, 0)) {
      if (!block || !block.position) throw new Error("bot.activateBlock needs a block");
      const face = direction || new Vec3(0, 1, 0);
      host("lookAt", block.position.x + 0.5, block.position.y + 0.5, block.position.z + 0.5);
      host("activateBlock", xyz(block.position), xyz(face));
      await sleepTicks(1);
    },
    activateItem() { host("activateItem"); },
    deactivateItem() {},
    async activateEntity(entity) { useOnEntity(entity); await sleepTicks(1); },
    async activateEntityAt(entity) { useOnEntity(entity); await sleepTicks(1); },
    useOn(entity) { useOnEntity(entity); },
    async fish() {
      const bite = host("castRod");
      await sleepTicks(bite);
      host("reelIn");
      await sleepTicks(10);
    },
    isABed(block) { return !!block && typeof block.name === "string" && block.name.endsWith("_bed"); },
    async sleep(bedBlock) {
      if (!bot.isABed(bedBlock)) throw new Error("wrong block : not a bed block");
      const untilMorning = host("sleep", xyz(bedBlock.position));
      // The night passes while the bot lies in bed, even if the program only waits for 'wake'.
      setTimeout(() => {}, (untilMorning + 1) * TICK_MS);
      await sleepTicks(1);
    },
    async wake() { host("wake"); await sleepTicks(1); },
  });

  function useOnEntity(entity) {
    if (!entity || typeof entity.id !== "number") throw new Error("bot.activateEntity needs an entity");
    host("activateEntity", entity.id);
  }

  function recipes(itemType, craftingTable, affordable) {
    const name = itemName(itemType, "recipes");
    return host("recipes", name, !!craftingTable, affordable).map((r) => ({
      __mock: r.index,
      result: { id: mcData.itemsByName[name].id, count: r.result.count, name },
      delta: r.delta.map((d) => ({ id: mcData.itemsByName[d.name].id, count: d.count, metadata: null })),
      requiresTable: r.requiresTable,
      inShape: null,
      ingredients: null,
    }));
  }

  function findBlocks(options) {
    const maxDistance = options.maxDistance === undefined ? 16 : options.maxDistance;
    const count = options.count === undefined ? 1 : options.count;
    const point = options.point || bot.entity.position;
    const matching = options.matching;
    const extra = typeof options.useExtraInfo === "function" ? options.useExtraInfo : () => true;
    if (typeof matching === "function") {
      const kinds = host("kindsNear", xyz(point), maxDistance);
      const names = Object.keys(kinds).filter((name) => matching(new Block({ name, position: kinds[name], biome: "" })));
      if (!names.length) return [];
      return host("findBlocks", names, xyz(point), maxDistance, count * 4)
        .filter((p) => { const block = bot.blockAt(vec(p)); return matching(block) && extra(block); })
        .slice(0, count)
        .map(vec);
    }
    const ids = Array.isArray(matching) ? matching : matching instanceof Set ? [...matching] : [matching];
    const names = [];
    for (const id of ids) {
      const block = mcData.blocks[id];
      if (!block) throw new Error(`findBlocks: matching must be block ids or a function, got ${JSON.stringify(id)}`);
      names.push(block.name);
    }
    return host("findBlocks", names, xyz(point), maxDistance, count).map(vec);
  }

  // -- pathfinder and its goals -----------------------------------------------------------
  class Goal { toHost() { throw unsupported(`the goal ${this.constructor.name}`); } }
  class GoalBlock extends Goal {
    constructor(x, y, z) { super(); this.x = Math.floor(x); this.y = Math.floor(y); this.z = Math.floor(z); }
    toHost() { return { x: this.x + 0.5, y: this.y, z: this.z + 0.5, reach: 0.5 }; }
  }
  class GoalNear extends Goal {
    constructor(x, y, z, range = 1) { super(); this.x = Math.floor(x); this.y = Math.floor(y); this.z = Math.floor(z); this.range = range; }
    toHost() { return { x: this.x + 0.5, y: this.y, z: this.z + 0.5, reach: this.range }; }
  }
  class GoalXZ extends Goal {
    constructor(x, z) { super(); this.x = Math.floor(x); this.z = Math.floor(z); }
    toHost() { return { x: this.x + 0.5, y: null, z: this.z + 0.5, reach: 0.5 }; }
  }
  class GoalNearXZ extends Goal {
    constructor(x, z, range = 1) { super(); this.x = Math.floor(x); this.z = Math.floor(z); this.range = range; }
    toHost() { return { x: this.x + 0.5, y: null, z: this.z + 0.5, reach: this.range }; }
  }
  class GoalY extends Goal {
    constructor(y) { super(); this.y = Math.floor(y); }
    toHost() { const p = bot.entity.position; return { x: p.x, y: this.y, z: p.z, reach: 0.5 }; }
  }
  class GoalGetToBlock extends Goal {
    constructor(x, y, z) { super(); this.x = Math.floor(x); this.y = Math.floor(y); this.z = Math.floor(z); }
    toHost() { return { x: this.x + 0.5, y: this.y, z: this.z + 0.5, reach: 1.5 }; }
  }
  class GoalLookAtBlock extends Goal {
    constructor(pos, world, options = {}) { super(); this.pos = pos; this.reach = options.reach || 4.5; }
    toHost() { return { x: this.pos.x + 0.5, y: this.pos.y, z: this.pos.z + 0.5, reach: this.reach - 0.5 }; }
  }
  class GoalBreakBlock extends GoalLookAtBlock {
    constructor(x, y, z) { super(new Vec3(x, y, z)); }
  }
  class GoalPlaceBlock extends GoalLookAtBlock {}
  class GoalFollow extends Goal {
    constructor(entity, range = 1) { super(); this.entity = entity; this.range = range; }
    toHost() { const p = this.entity.position; return { x: p.x, y: p.y, z: p.z, reach: this.range, follow: this.entity.id }; }
  }
  class GoalCompositeAny extends Goal {
    constructor(goals = []) { super(); this.goals = goals; }
    toHost() { if (!this.goals.length) throw new Error("GoalCompositeAny has no goals"); return this.goals[0].toHost(); }
  }
  class GoalCompositeAll extends GoalCompositeAny {}
  class GoalInvert extends Goal {}
  const goals = {
    GoalBlock, GoalNear, GoalXZ, GoalNearXZ, GoalY, GoalGetToBlock, GoalLookAtBlock, GoalBreakBlock,
    GoalCompositeAny, GoalCompositeAll, GoalInvert, GoalFollow, GoalPlaceBlock,
  };

  let currentGoal = null;
  function hostGoal(goal) {
    if (goal !== null && !(goal instanceof Goal)) throw new Error("the pathfinder needs a goal such as new GoalNear(x, y, z, 1)");
    return goal === null ? null : goal.toHost();
  }
  const pathfinder = {
    setGoal(goal) { currentGoal = goal || null; host("setGoal", hostGoal(currentGoal)); },
    async goto(goal) {
      currentGoal = goal;
      let eta = host("setGoal", hostGoal(goal));
      if (eta < 0) throw new Error("No path to the goal!");
      for (let tries = 0; tries < 3 && !host("goalReached"); tries++) {
        await sleepTicks(Math.max(1, eta));
        if (currentGoal !== goal) throw new Error("The goal was changed before it could be completed!");
        eta = host("setGoal", hostGoal(goal));
      }
      if (!host("goalReached")) throw new Error("No path to the goal!");
      currentGoal = null;
      host("setGoal", null);
      emit("goal_reached", goal);
    },
    stop() { currentGoal = null; host("setGoal", null); },
    isMoving() { return currentGoal !== null && !host("goalReached"); },
    isMining: () => false,
    isBuilding: () => false,
    setMovements() {},
    get goal() { return currentGoal; },
  };

  // -- fighting, collecting, tools ----------------------------------------------------
  let pvpTarget = null;
  const pvp = {
    attack(entity) {
      if (!entity || typeof entity.id !== "number") throw new Error("bot.pvp.attack needs an entity");
      pvpTarget = entity;
      host("attack", entity.id);
    },
    stop() {
      if (pvpTarget === null) return;
      pvpTarget = null;
      host("stopAttack");
      emit("stoppedAttacking");
    },
    forceStop() { pvp.stop(); },
    get target() { return pvpTarget; },
  };

  const tool = {
    async equipForBlock(block, options = {}) {
      try {
        host("equipForBlock", ...xyz(block.position));
      } catch (err) {
        if (options.requireHarvest) throw err;
      }
      await sleepTicks(1);
    },
  };

  const collectBlock = {
    async collect(target, options = {}) {
      const targets = Array.isArray(target) ? [...target] : [target];
      const limit = options.count === undefined ? targets.length : options.count;
      let done = 0;
      for (const one of targets) {
        if (done >= limit) break;
        if (one instanceof Block) {
          await pathfinder.goto(new GoalLookAtBlock(one.position, bot.world));
          if (bot.blockAt(one.position).name !== one.name) continue;
          await tool.equipForBlock(one, { requireHarvest: true });
          await bot.dig(one);
          await sleepTicks(10);
        } else if (one && typeof one.id === "number") {
          await pathfinder.goto(new GoalFollow(one, 0));
          host("pickUp", one.id);
        } else {
          throw new Error(`Target ${one} is not a Block or Entity!`);
        }
        done++;
      }
    },
  };

  Object.assign(bot, { pathfinder, pvp, tool, collectBlock });

  // -- windows ---------------------------------------------------------------------
  function slotItem(stack) { return stack ? makeItem(stack[0], stack[1], undefined) : null; }

  async function openFurnace(block) {
    if (!block || block.name !== "furnace") throw new Error(`bot.openFurnace needs a furnace block, got ${block ? block.name : block}`);
    const pos = xyz(block.position);
    host("furnace", ...pos);
    await sleepTicks(2);
    const state = () => host("furnace", ...pos);
    const put = async (slot, itemType, count) => {
      host("putInFurnace", pos, slot, itemName(itemType, "furnace"), count === null || count === undefined ? 1 : count);
      await sleepTicks(1);
    };
    const take = async (slot) => { const got = host("takeFromFurnace", pos, slot); await sleepTicks(1); return got ? makeItem(got.name, got.count) : null; };
    return {
      type: "minecraft:furnace",
      get fuel() { const s = state(); return s.burnTotal ? s.burnLeft / s.burnTotal : 0; },
      get fuelSeconds() { return state().burnLeft / 20; },
      get progress() { return state().progress / 200; },
      get progressSeconds() { return state().progress / 20; },
      fuelItem: () => slotItem(state().fuel),
      inputItem: () => slotItem(state().input),
      outputItem: () => slotItem(state().output),
      putFuel: (itemType, metadata, count) => put("fuel", itemType, count),
      putInput: (itemType, metadata, count) => put("input", itemType, count),
      takeOutput: () => take("output"),
      takeInput: () => take("input"),
      takeFuel: () => take("fuel"),
      count: (itemType) => inventory.count(itemType),
      close() {},
    };
  }

  async function openChest(block) {
    if (!block || (block.name !== "chest" && block.name !== "trapped_chest")) {
      throw new Error(`This block cannot be opened as a container: ${block ? block.name : block}`);
    }
    const pos = xyz(block.position);
    host("chest", pos);
    await sleepTicks(2);
    const containerItems = () => Object.entries(host("chest", pos)).map(([name, count], i) => makeItem(name, count, i));
    return {
      type: "minecraft:generic_9x3",
      containerItems,
      items: () => inventory.items(),
      count: (itemType) => containerItems().filter((i) => i.name === itemName(itemType, "count")).reduce((s, i) => s + i.count, 0),
      findContainerItem: (itemType) => containerItems().find((i) => i.name === itemName(itemType, "findContainerItem")) || null,
      findInventoryItem: (itemType) => inventory.findInventoryItem(itemType),
      async deposit(itemType, metadata, count) {
        host("deposit", pos, itemName(itemType, "deposit"), count === null || count === undefined ? 1 : count);
        await sleepTicks(2);
      },
      async withdraw(itemType, metadata, count) {
        host("withdraw", pos, itemName(itemType, "withdraw"), count === null || count === undefined ? 1 : count);
        await sleepTicks(2);
      },
      async close() {},
    };
  }

  // -- what a program may not use ---------------------------------------------------
  const NOT_SIMULATED = [
    "mount", "dismount", "setControlState", "getControlState", "clearControlStates", "swingArm",
    "setQuickBarSlot", "blockAtCursor", "creative",
  ];
  const QUIET = new Set(["then", "toJSON", "inspect", "constructor", "prototype", "asymmetricMatch", "nodeType"]);
  function guarded(target, prefix) {
    return new Proxy(target, {
      get(object, property) {
        if (typeof property === "symbol" || property in object || QUIET.has(property)) return object[property];
        if (NOT_SIMULATED.includes(property)) throw unsupported(`${prefix}.${property}`);
        throw unsupported(`${prefix}.${property}`);
      },
    });
  }
  bot.inventory = guarded(inventory, "bot.inventory");
  const botView = guarded(bot, "bot");

  // -- the driver the Python side calls -----------------------------------------------
  const failures = new Map();
  let seed = 1;
  function random() {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  const realNow = Date.now;
  Math.random = random;
  Date.now = () => EPOCH + now;

  // Instrumented loops call these before every iteration (see bridge/bot/instrument.js).
  let deadline = Infinity;
  let budgetMs = 0;
  let overMessage = "";
  let iterations = 0;
  function tick() {
    if ((++iterations & 1023) === 0 && realNow() > deadline) deadline = -Infinity;
    if (deadline === -Infinity) throw new Error(overMessage);
    return true;
  }
  function* iterate(iterable) {
    for (const item of iterable) { tick(); yield item; }
  }
  async function* iterateAsync(iterable) {
    for await (const item of iterable) { tick(); yield item; }
  }

  const run = { state: "idle", error: null, uncaught: null };
  function describe(err) {
    if (err instanceof Error || (err && typeof err.message === "string")) {
      return { name: err.name || "Error", message: String(err.message), stack: String(err.stack || "") };
    }
    let text;
    try { text = String(err); } catch (e) { text = Object.prototype.toString.call(err); }
    return { name: "", message: `Thrown value: ${text}`, stack: "" };
  }

  // -- loading code with the bot process's own loader (bridge/bot/loader.js) ---------------
  // Each source is evaluated at line numbers of its own in the engine's numbering
  // (padded with newlines, from `firstLine` on), and the host keeps where each starts,
  // so that errors name the lines of the code as it was written.
  const sourceAt = global.__voyagerSource;
  const describeText = global.__voyagerDescribe;
  delete global.__voyagerSource;
  delete global.__voyagerDescribe;
  let nextLine = 1;
  let programLine = 1;
  function evaluateAt(line, wrapped, file, code) {
    let source = wrapped;
    if (!file.startsWith("primitive/")) {
      try { source = global.__voyagerModules["./instrument"].instrumentLoops(wrapped); } catch (err) { throw new Error(String(err.message)); }
    }
    sourceAt(file, code, line + 1);
    try {
      return (0, eval)("\n".repeat(line - 1) + source);
    } catch (err) {
      throw new Error(describeText(`${err.name}: ${err.message}\n${err.stack || ""}`));
    }
  }
  const engineScope = {
    evaluate(wrapped, file, code) {
      const line = nextLine;
      nextLine += wrapped.split("\n").length;
      return evaluateAt(line, wrapped, file, code);
    },
    has: (name) => typeof global[name] !== "undefined",
    define(name, fn) { global[name] = fn; },
  };

  // The step's events, within their limits, as the bot process keeps them (bridge/bot/events.js).
  const stepEvents = new global.__voyagerModules["./events"].StepEvents();

  const driver = {
    // The step's events in order, the program's error (if any) last; a new step starts.
    takeStepEvents(error) {
      for (const [name, payload] of host("takeBotEvents")) dispatch(name, payload);
      if (error) stepEvents.error(error);
      return JSON.stringify(stepEvents.drain());
    },
    load(primitives, skills, firstLine) {
      nextLine = firstLine;
      const result = global.__voyagerModules["./loader"].loadLibrary(engineScope, primitives, skills);
      programLine = nextLine;
      return JSON.stringify(result);
    },
    // The program to run next; returns why it cannot run, or "".
    defineProgram(code) {
      const wrapped = global.__voyagerModules["./loader"].wrapProgram(code);
      try {
        global.__voyagerProgram = evaluateAt(programLine, wrapped, "program.js", code);
      } catch (err) {
        return String(err.message);
      }
      return "";
    },
    start(randomSeed, seconds, message, limitsJson) {
      stepEvents.setLimits(JSON.parse(limitsJson));
      seed = randomSeed | 0;
      budgetMs = seconds * 1000;
      deadline = realNow() + budgetMs;
      overMessage = message;
      iterations = 0;
      failures.clear();
      run.state = "running";
      run.error = null;
      run.uncaught = null;
      Promise.resolve()
        .then(() => global.__voyagerProgram(botView))
        .then(() => { run.state = "done"; }, (err) => { run.state = "error"; run.error = describe(err); });
    },
    state() { return JSON.stringify({ state: run.state, error: run.error || run.uncaught }); },
    nextDelay() {
      let next = -1;
      for (const timer of timers.values()) if (next < 0 || timer.at < next) next = timer.at;
      return next < 0 ? -1 : Math.max(0, next - now);
    },
    fire(delay, eventsJson) {
      now += delay;
      // The game clock moves: what ran so far was no runaway loop.
      if (delay > 0 && deadline !== -Infinity) deadline = realNow() + budgetMs;
      for (const [name, payload] of JSON.parse(eventsJson)) dispatch(name, payload);
      const due = [...timers.entries()].filter(([, t]) => t.at <= now).sort((a, b) => a[1].at - b[1].at || a[0] - b[0]);
      for (const [id, timer] of due) {
        if (!timers.has(id)) continue;
        if (timer.every) timer.at += timer.every; else timers.delete(id);
        guard(() => timer.fn(...timer.args));
      }
    },
    dispatchPending() {
      for (const [name, payload] of host("takeBotEvents")) dispatch(name, payload);
    },
    idle() { return timers.size === 0; },
    clear() { timers.clear(); listeners.clear(); pvpTarget = null; currentGoal = null; run.state = "idle"; },
  };
  function guard(fn) {
    try { fn(); } catch (err) { if (!run.uncaught) run.uncaught = describe(err); }
  }
  function dispatch(name, payload) {
    if (name === "stepEvent") {
      stepEvents.push(payload);
      return;
    }
    const argument = payload && typeof payload.id === "number" ? makeEntity(payload) : payload;
    guard(() => emit(name, argument));
    if (name === "entityGone" && pvpTarget && payload && payload.id === pvpTarget.id) guard(() => pvp.stop());
  }

  const endowed = {
    Vec3, mcData, setTimeout, setInterval, clearTimeout: clearTimer, clearInterval: clearTimer,
    stepFailures: { add(primitive) { const n = (failures.get(primitive) || 0) + 1; failures.set(primitive, n); return n; } },
    console: { log() {}, info() {}, warn() {}, error() {}, debug() {} },
    Atomics: undefined, SharedArrayBuffer: undefined, WebAssembly: undefined,
    __voyagerTick: tick, __voyagerIter: iterate, __voyagerAsyncIter: iterateAsync,
    ...goals,
  };
  for (const [name, value] of Object.entries(endowed)) {
    Object.defineProperty(global, name, { value, writable: false, configurable: false, enumerable: false });
  }
  Object.defineProperty(global, "__voyager", { value: Object.freeze(driver), writable: false, configurable: false });
})(globalThis);

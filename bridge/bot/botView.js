'use strict'
// The capability-limited `bot` that sandboxed code receives: the mineflayer
// calls an agent needs, each checked against the step's scope (so nothing
// acts after the step is over), and none of the internals (`_client`, the
// socket, the raw pathfinder movements or the plugins' own `bot` references).
// Returned game objects (blocks, entities, items, recipes) are mineflayer's
// own data objects; windows and the inventory get views of their own.

/* global harden */

const { Vec3 } = require('vec3')
const { chatLines, asOneMessage, messageLimit } = require('./chat')

// Plain pass-through methods: the program calls them, mineflayer does the work.
const PASS_THROUGH = [
  'activateBlock', 'activateEntity', 'activateEntityAt', 'activateItem', 'blockAt',
  'blockAtCursor', 'canDigBlock', 'canSeeBlock', 'clearControlStates', 'consume', 'craft',
  'deactivateItem', 'dig', 'digTime', 'dismount', 'equip', 'unequip', 'findBlock', 'findBlocks',
  'fish', 'getControlState', 'getEquipmentDestSlot', 'isABed', 'look', 'lookAt', 'mount', 'moveVehicle',
  'nearestEntity', 'placeBlock', 'recipesAll', 'recipesFor', 'setControlState',
  'setQuickBarSlot', 'sleep', 'stopDigging', 'swingArm', 'toss', 'tossStack', 'useOn',
  'waitForTicks', 'wake', 'waitForChunksToLoad'
]

const LISTENABLE_EVENTS = new Set([
  'chat', 'message', 'messagestr', 'whisper', 'entitySpawn', 'entityGone', 'entityDead',
  'entityHurt', 'entityMoved', 'entityUpdate', 'playerCollect', 'itemDrop', 'health', 'death',
  'spawn', 'time', 'blockUpdate', 'diggingCompleted', 'diggingAborted', 'physicsTick',
  'goal_reached', 'path_update', 'windowOpen', 'windowClose', 'stoppedAttacking', 'move',
  'forcedMove', 'rain', 'sleep', 'wake', 'breath'
])

function vec (v) {
  return v ? new Vec3(v.x, v.y, v.z) : v
}

function entitySnapshot (entity) {
  if (!entity) return entity
  return {
    id: entity.id,
    type: entity.type,
    name: entity.name,
    username: entity.username,
    displayName: entity.displayName,
    position: vec(entity.position),
    velocity: vec(entity.velocity),
    yaw: entity.yaw,
    pitch: entity.pitch,
    onGround: entity.onGround,
    height: entity.height,
    width: entity.width,
    health: entity.health,
    isInWater: entity.isInWater,
    isInLava: entity.isInLava,
    equipment: entity.equipment.slice(),
    heldItem: entity.heldItem,
    effects: { ...entity.effects }
  }
}

// `scope` is the step's StepScope; `record` its StepRecorder; `chests` the
// session's ChestMemory.
function makeBotView (bot, scope, record, chests) {
  const guard = (fn) => function guarded (...args) {
    scope.check()
    return fn(...args)
  }
  const view = {}
  for (const name of PASS_THROUGH) {
    if (typeof bot[name] === 'function') view[name] = guard((...args) => bot[name](...args))
  }
  Object.assign(view, {
    // Chat only, never a command (see chat.js); a line past the step's limit is not sent either.
    chat: guard((message) => {
      for (const line of chatLines(message)) {
        if (record.chat(line)) bot.chat(asOneMessage(line, messageLimit(bot)))
      }
    }),
    save: guard((name) => record.save(String(name))),
    attack: guard((entity) => {
      record.noteAttack(entity)
      return bot.attack(entity)
    }),
    openContainer: guard(async (block) => containerView(bot, scope, chests, block, await bot.openContainer(block))),
    openChest: guard(async (block) => containerView(bot, scope, chests, block, await bot.openChest(block))),
    openFurnace: guard(async (block) => furnaceView(scope, await bot.openFurnace(block))),
    closeWindow: guard((window) => bot.closeWindow(bot.currentWindow || window)),
    on: guard((event, listener) => scope.listen(bot, checkedEvent(event), listener, false)),
    once: guard((event, listener) => scope.listen(bot, checkedEvent(event), listener, true)),
    removeListener: guard((event, listener) => scope.unlisten(bot, event, listener)),
    off: guard((event, listener) => scope.unlisten(bot, event, listener)),
    pathfinder: pathfinderView(bot, guard),
    collectBlock: { collect: guard((target, options) => bot.collectBlock.collect(target, options)) },
    pvp: pvpView(bot, guard, record),
    tool: { equipForBlock: guard((block, options) => bot.tool.equipForBlock(block, options)) },
    // Reads that cannot act, unguarded: pathfinder goals made by the program
    // (GoalLookAtBlock(pos, bot.world)) call them from mineflayer's physicsTick,
    // where a StepOver would escape to the event loop and end the process.
    world: {
      getBlock: (pos) => bot.world.getBlock(pos),
      getBlockStateId: (pos) => bot.world.getBlockStateId(pos),
      raycast: (from, direction, range, matcher) => bot.world.raycast(from, direction, range, matcher)
    },
    inventory: inventoryView(bot, guard)
  })
  defineGetters(view, {
    entity: () => entitySnapshot(bot.entity),
    entities: () => ({ ...bot.entities }),
    players: () => Object.fromEntries(Object.entries(bot.players).map(([name, p]) =>
      [name, { username: p.username, ping: p.ping, gamemode: p.gamemode, entity: p.entity }])),
    heldItem: () => bot.heldItem,
    health: () => bot.health,
    food: () => bot.food,
    foodSaturation: () => bot.foodSaturation,
    oxygenLevel: () => bot.oxygenLevel,
    isSleeping: () => bot.isSleeping,
    quickBarSlot: () => bot.quickBarSlot,
    username: () => bot.username,
    version: () => bot.version,
    time: () => ({ ...bot.time }),
    game: () => ({ ...bot.game }),
    targetDigBlock: () => bot.targetDigBlock,
    currentWindow: () => (bot.currentWindow ? { id: bot.currentWindow.id, type: bot.currentWindow.type } : null)
  })
  return harden(view)
}

function checkedEvent (event) {
  if (!LISTENABLE_EVENTS.has(event)) {
    throw new Error(`bot.on('${event}') is not available to programs; events: ${[...LISTENABLE_EVENTS].join(', ')}`)
  }
  return event
}

function defineGetters (target, getters) {
  for (const [name, get] of Object.entries(getters)) {
    Object.defineProperty(target, name, { get, enumerable: true })
  }
}

function pathfinderView (bot, guard) {
  const view = {
    goto: guard((goal) => bot.pathfinder.goto(goal)),
    setGoal: guard((goal, dynamic) => bot.pathfinder.setGoal(goal, dynamic)),
    stop: guard(() => bot.pathfinder.stop()),
    isMoving: guard(() => bot.pathfinder.isMoving()),
    isMining: guard(() => bot.pathfinder.isMining()),
    isBuilding: guard(() => bot.pathfinder.isBuilding()),
    getPathTo: guard((movements, goal, timeout) => bot.pathfinder.getPathTo(bot.pathfinder.movements, goal, timeout)),
    // Custom movements would hand the real bot to the program; keep the default ones.
    setMovements: guard(() => {})
  }
  defineGetters(view, { goal: () => bot.pathfinder.goal })
  return view
}

function pvpView (bot, guard, record) {
  const view = {
    attack: guard((entity) => {
      record.noteAttack(entity)
      return bot.pvp.attack(entity)
    }),
    stop: guard(() => bot.pvp.stop()),
    forceStop: guard(() => bot.pvp.forceStop())
  }
  defineGetters(view, { target: () => bot.pvp.target })
  return view
}

function inventoryView (bot, guard) {
  const inv = () => bot.inventory
  const view = {
    items: guard(() => inv().items()),
    count: guard((itemType, metadata) => inv().count(itemType, metadata)),
    findInventoryItem: guard((itemType, metadata, notFull) => inv().findInventoryItem(itemType, metadata, notFull)),
    findItemRange: guard((start, end, itemType, metadata, notFull) => inv().findItemRange(start, end, itemType, metadata, notFull)),
    emptySlotCount: guard(() => inv().emptySlotCount()),
    itemsRange: guard((start, end) => inv().itemsRange(start, end))
  }
  defineGetters(view, {
    slots: () => inv().slots.slice(),
    selectedItem: () => inv().selectedItem,
    inventoryStart: () => inv().inventoryStart,
    inventoryEnd: () => inv().inventoryEnd,
    hotbarStart: () => inv().hotbarStart
  })
  return view
}

function windowGuard (scope, window) {
  return (fn) => function guarded (...args) {
    scope.check()
    return fn.apply(window, args)
  }
}

function containerView (bot, scope, chests, block, window) {
  const guard = windowGuard(scope, window)
  chests.opened(block, window)
  const view = {
    containerItems: guard(window.containerItems),
    items: guard(window.items),
    count: guard(window.count),
    findContainerItem: guard(window.findContainerItem),
    findInventoryItem: guard(window.findInventoryItem),
    withdraw: guard(window.withdraw),
    deposit: guard(window.deposit),
    close: guard(() => {
      chests.closed(block, window)
      return window.close()
    })
  }
  defineGetters(view, { slots: () => window.slots.slice(), type: () => window.type, id: () => window.id })
  return harden(view)
}

function furnaceView (scope, furnace) {
  const guard = windowGuard(scope, furnace)
  const view = {}
  for (const name of ['putFuel', 'putInput', 'takeOutput', 'takeInput', 'takeFuel', 'fuelItem',
    'inputItem', 'outputItem', 'close', 'items', 'count']) {
    view[name] = guard(furnace[name])
  }
  defineGetters(view, {
    fuel: () => furnace.fuel,
    progress: () => furnace.progress,
    fuelSeconds: () => furnace.fuelSeconds,
    progressSeconds: () => furnace.progressSeconds,
    slots: () => furnace.slots.slice()
  })
  return harden(view)
}

module.exports = { makeBotView, entitySnapshot }

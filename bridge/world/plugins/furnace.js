// Furnaces: smelting by the tick as vanilla's furnace block entity does it
// (fuel burn times, cook times, progress bars, the lit block state), with
// recipes and fuels from curriculum/smelting.json, the same table the mock
// world reads. Contents and progress are saved with the world.
'use strict'

const fs = require('fs')
const path = require('path')
const { Vec3 } = require('vec3')
const { Slot, MENU_TYPES } = require('../lib/menu')

const SMELTING_FILE = path.join(__dirname, '..', '..', '..', 'curriculum', 'smelting.json')

function loadSmelting () {
  let table
  try {
    table = JSON.parse(fs.readFileSync(SMELTING_FILE, 'utf8'))
  } catch (err) {
    throw new Error(`cannot read the smelting table ${SMELTING_FILE}: ${err.message}`)
  }
  if (!table.recipes || !table.fuels) throw new Error(`${SMELTING_FILE} needs "recipes" and "fuels"`)
  return table
}

module.exports.server = function (serv) {
  const { registry } = serv
  const smelting = loadSmelting()
  const saved = serv.worldStore.section('furnaces')
  const furnaces = new Map()
  const key = (p) => `${p.x},${p.y},${p.z}`
  const nameOf = (item) => registry.items[item.type].name

  function furnaceAt (position) {
    const k = key(position)
    if (!furnaces.has(k)) {
      const s = saved[k]
      const items = serv.voyagerItems
      furnaces.set(k, {
        position: position.clone(),
        slots: s ? s.slots.map(items.fromJSON) : [null, null, null],
        litTime: s?.litTime ?? 0,
        litDuration: s?.litDuration ?? 0,
        cookingProgress: s?.cookingProgress ?? 0,
        cookingTotalTime: s?.cookingTotalTime ?? smelting.cook_ticks,
        viewers: new Set()
      })
    }
    return furnaces.get(k)
  }

  function recipeFor (item) {
    return item ? smelting.recipes[nameOf(item)] ?? null : null
  }

  function burnTicks (item) {
    return item ? smelting.fuels[nameOf(item)] ?? 0 : 0
  }

  function canBurn (furnace, recipe) {
    if (!furnace.slots[0] || !recipe) return false
    const result = furnace.slots[2]
    if (!result) return true
    if (nameOf(result) !== recipe.result) return false
    return result.count < serv.voyagerItems.maxStack(result)
  }

  function tickFurnace (furnace) {
    const wasLit = furnace.litTime > 0
    if (wasLit) furnace.litTime--
    const [input, fuel] = furnace.slots
    let changed = false
    if (furnace.litTime > 0 || (fuel && input)) {
      const recipe = recipeFor(input)
      if (furnace.litTime <= 0 && canBurn(furnace, recipe)) {
        furnace.litTime = furnace.litDuration = burnTicks(fuel)
        if (furnace.litTime > 0) {
          const remainder = nameOf(fuel) === 'lava_bucket' ? serv.voyagerItems.make('bucket') : null
          furnace.slots[1] = fuel.count > 1 ? serv.voyagerItems.copy(fuel, fuel.count - 1) : remainder
          changed = true
        }
      }
      if (furnace.litTime > 0 && canBurn(furnace, recipe)) {
        furnace.cookingTotalTime = recipe.ticks ?? smelting.cook_ticks
        if (++furnace.cookingProgress >= furnace.cookingTotalTime) {
          furnace.cookingProgress = 0
          const result = furnace.slots[2]
          furnace.slots[2] = result ? serv.voyagerItems.copy(result, result.count + 1) : serv.voyagerItems.make(recipe.result)
          furnace.slots[0] = serv.voyagerItems.copy(input, input.count - 1)
          changed = true
        }
      } else {
        furnace.cookingProgress = 0
      }
    } else if (furnace.cookingProgress > 0) {
      furnace.cookingProgress = Math.max(0, furnace.cookingProgress - 2)
    }
    if (wasLit !== (furnace.litTime > 0)) setLit(furnace, furnace.litTime > 0)
    return changed
  }

  async function setLit (furnace, lit) {
    const block = await serv.overworld.getBlock(furnace.position)
    if (block.name !== 'furnace') return
    const stateId = serv.blockStateOf('furnace', { ...block.getProperties(), lit })
    if (stateId !== block.stateId) await serv.setBlock(serv.overworld, furnace.position, stateId)
  }

  // Window properties 0-3: fuel left, fuel total, cook progress, cook total.
  // mineflayer turns each current value into a fraction of the total it last
  // got, and may start listening only after the window opened: a total goes
  // out before its current value every time that value changes.
  function sendProgress (furnace, menu, force = false) {
    const values = [furnace.litTime, furnace.litDuration, furnace.cookingProgress, furnace.cookingTotalTime]
    menu.sentProgress = menu.sentProgress ?? []
    for (const [current, total] of [[0, 1], [2, 3]]) {
      const same = menu.sentProgress[current] === values[current] && menu.sentProgress[total] === values[total]
      if (same && !force) continue
      for (const property of [total, current]) {
        menu.sentProgress[property] = values[property]
        menu.send('craft_progress_bar', { windowId: menu.id, property, value: values[property] })
      }
    }
  }

  serv.on('tick', () => {
    for (const [k, furnace] of furnaces) {
      const active = furnace.litTime > 0 || furnace.cookingProgress > 0 || (furnace.slots[0] && furnace.slots[1])
      if (active) tickFurnace(furnace)
      for (const menu of furnace.viewers) {
        sendProgress(furnace, menu)
        menu.broadcastChanges()
      }
      if (!active && furnace.viewers.size === 0 && furnace.slots.every((s) => !s)) {
        furnaces.delete(k)
        delete saved[k]
      }
    }
  })

  function openFurnace (player, position) {
    const furnace = furnaceAt(position)
    const container = { get: (i) => furnace.slots[i], set: (i, item) => { furnace.slots[i] = item } }
    const slots = [
      new Slot(container, 0),
      new Slot(container, 1, { mayPlace: (item) => burnTicks(item) > 0 || nameOf(item) === 'bucket' }),
      new Slot(container, 2, { mayPlace: () => false }),
      ...player.playerInventorySlots()
    ]
    const menu = player.openMenu({
      type: MENU_TYPES.furnace,
      title: 'Furnace',
      slots,
      blockPosition: position,
      isResultSlot: (i) => i === 2,
      quickMove (menu, index, stack) {
        if (index === 2) return menu.moveItemStackTo(stack, 3, 39, true)
        if (index > 2) {
          if (recipeFor(stack)) return menu.moveItemStackTo(stack, 0, 1, false)
          if (burnTicks(stack) > 0) return menu.moveItemStackTo(stack, 1, 2, false)
          if (index < 30) return menu.moveItemStackTo(stack, 30, 39, false)
          return menu.moveItemStackTo(stack, 3, 30, false)
        }
        return menu.moveItemStackTo(stack, 3, 39, false)
      },
      onRemoved: (menu) => furnace.viewers.delete(menu),
      onOpen: (menu) => sendProgress(furnace, menu, true)
    })
    furnace.viewers.add(menu)
  }

  serv.once('pluginsReady', () => {
    serv.onBlockInteraction('furnace', ({ player, block }) => {
      if (player.crouching && player.inventory.slots[36 + player.heldItemSlot]) return false
      openFurnace(player, block.position)
      return true
    })
  })

  serv.on('voyagerBlockBreaking', ({ position, block }) => {
    if (block.name !== 'furnace') return
    const furnace = furnaceAt(position)
    for (const menu of furnace.viewers) menu.player.closeMenu()
    for (const item of furnace.slots) {
      if (item) serv.spawnItemEntity(serv.overworld, position.offset(0.5, 0.5, 0.5), item)
    }
    furnaces.delete(key(position))
    delete saved[key(position)]
  })

  serv.on('voyagerSave', () => {
    const items = serv.voyagerItems
    for (const [k, f] of furnaces) {
      saved[k] = {
        slots: f.slots.map(items.toJSON),
        litTime: f.litTime,
        litDuration: f.litDuration,
        cookingProgress: f.cookingProgress,
        cookingTotalTime: f.cookingTotalTime
      }
    }
    serv.worldStore.markDirty()
  })

  // furnaces left burning when the world was saved keep burning
  serv.once('pluginsReady', () => {
    for (const k of Object.keys(saved)) furnaceAt(new Vec3(...k.split(',').map(Number)))
  })
}

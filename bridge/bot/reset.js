'use strict'
// Puts the bot into a requested state through the session's admin (admin.js:
// the built-in world's admin channel, or operator commands elsewhere),
// checking each change by its effect, so it works on any server: where the
// bot lacks operator rights, or the server lacks a command, it says what it
// could not do and carries on.

const EQUIPMENT_DESTINATIONS = ['head', 'torso', 'legs', 'feet', 'hand', 'off-hand']
const CONFIRM_TICKS = 40
const CONFIRM_MS = CONFIRM_TICKS * 50

function inventoryCounts (bot) {
  const counts = {}
  for (const item of bot.inventory.items()) counts[item.name] = (counts[item.name] || 0) + item.count
  return counts
}

// Resolves with whether `condition` held within `ms`, checked at every physics
// tick and position change of the bot, and every 50 ms besides (a bot that
// just respawned, or whose chunks are loading, gets no ticks for a while).
function waitUntil (bot, condition, ms = CONFIRM_MS) {
  if (condition()) return Promise.resolve(true)
  return new Promise((resolve) => {
    const check = () => { if (condition()) finish(true) }
    const poll = setInterval(check, 50)
    const timer = setTimeout(() => finish(condition()), ms)
    const finish = (held) => {
      clearInterval(poll)
      clearTimeout(timer)
      bot.removeListener('physicsTick', check)
      bot.removeListener('forcedMove', check)
      resolve(held)
    }
    bot.on('physicsTick', check)
    bot.on('forcedMove', check)
  })
}

// Runs an admin request; a refusal becomes a warning and `false`.
async function tryAdmin (request, warnings, what) {
  try {
    await request()
    return true
  } catch (err) {
    warnings.push(`Could not ${what}: ${err.message}`)
    return false
  }
}

async function clearInventory (bot, admin, warnings) {
  if (bot.inventory.items().length === 0) return true
  if (!await tryAdmin(() => admin.clear(), warnings, 'clear the inventory')) return false
  if (await waitUntil(bot, () => bot.inventory.items().length === 0)) return true
  warnings.push('Could not clear the inventory: the server did not carry out /clear (no operator rights, or no such command)')
  return false
}

async function giveItems (bot, admin, target, warnings) {
  const have = inventoryCounts(bot)
  const missing = []
  for (const [name, count] of Object.entries(target)) {
    const item = bot.registry.itemsByName[name]
    if (!item) {
      warnings.push(`Cannot give ${name}: no such item in Minecraft ${bot.version}`)
      continue
    }
    let needed = count - (have[name] || 0)
    while (needed > 0) {
      const batch = Math.min(needed, item.stackSize || 64)
      if (!await tryAdmin(() => admin.give(name, batch), warnings, `give ${name}`)) break
      needed -= batch
    }
    if (count > (have[name] || 0)) missing.push(name)
  }
  const done = () => missing.every((name) => (inventoryCounts(bot)[name] || 0) >= target[name])
  if (missing.length && !(await waitUntil(bot, done))) {
    const counts = inventoryCounts(bot)
    const short = missing.filter((name) => (counts[name] || 0) < target[name])
    warnings.push(`Could not give ${short.join(', ')}: the server did not carry out /give (no operator rights?)`)
    return false
  }
  return true
}

// Makes the inventory hold exactly `target` (name -> count) where the admin allows.
async function applyInventory (bot, admin, target, warnings) {
  const have = inventoryCounts(bot)
  const extra = Object.keys(have).some((name) => have[name] > (target[name] || 0))
  let ok = true
  if (extra) ok = await clearInventory(bot, admin, warnings)
  return (await giveItems(bot, admin, target, warnings)) && ok
}

async function applyEquipment (bot, admin, equipment, warnings) {
  const wanted = {}
  equipment.forEach((name) => { if (name) wanted[name] = (wanted[name] || 0) + 1 })
  const have = inventoryCounts(bot)
  const top = {}
  for (const [name, count] of Object.entries(wanted)) top[name] = Math.max(count, have[name] || 0)
  await giveItems(bot, admin, top, warnings)
  for (let i = 0; i < EQUIPMENT_DESTINATIONS.length; i++) {
    const name = equipment[i]
    if (!name) continue
    const item = bot.inventory.items().find((it) => it.name === name)
    if (!item) continue
    try {
      await bot.equip(item, EQUIPMENT_DESTINATIONS[i])
    } catch (err) {
      warnings.push(`Could not equip ${name} (${EQUIPMENT_DESTINATIONS[i]}): ${err.message}`)
    }
  }
}

async function teleport (bot, admin, position, warnings) {
  const { x, y, z } = position
  if (![x, y, z].every(Number.isFinite)) {
    warnings.push(`Cannot teleport to ${JSON.stringify(position)}: x, y and z must be numbers`)
    return false
  }
  const near = () => bot.entity.position.distanceTo({ x, y, z }) < 1.5
  if (near()) return true
  if (!await tryAdmin(() => admin.teleport(x, y, z), warnings, `teleport to (${x}, ${y}, ${z})`)) return false
  if (await waitUntil(bot, near)) return true
  warnings.push(`Could not teleport to (${x}, ${y}, ${z}): the server did not carry out /tp (no operator rights?)`)
  return false
}

// Onto the open dry ground nearest the column (x, z): only the built-in world's admin can find it.
async function standOnGround (bot, admin, { x, z }, warnings) {
  if (!admin.ground) {
    warnings.push('Could not stand on open ground: only the built-in world can find it (its admin channel); give a position instead')
    return false
  }
  let spot = null
  if (!await tryAdmin(async () => { spot = await admin.ground(x, z) }, warnings, `find open ground near (${x}, ${z})`)) return false
  if (await waitUntil(bot, () => bot.entity.position.distanceTo(spot) < 1.5)) return true
  warnings.push(`Could not stand on open ground at (${spot.x}, ${spot.y}, ${spot.z}): the bot was not moved there`)
  return false
}

// Health, food and saturation: only the built-in world's admin can set them.
async function applyVitals (bot, admin, vitals, warnings) {
  if (!admin.setVitals) {
    warnings.push('Could not set health and food: only the built-in world can (its admin channel)')
    return false
  }
  return tryAdmin(() => admin.setVitals(vitals), warnings, 'set health and food')
}

module.exports = { applyInventory, applyEquipment, applyVitals, teleport, standOnGround, inventoryCounts }

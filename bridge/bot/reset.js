'use strict'
// Puts the bot into a requested state with server commands (/clear, /give,
// /tp), checking each one by its effect, so it works on any server: where the
// bot lacks operator rights, or the server lacks a command, it says what it
// could not do and carries on.

const EQUIPMENT_DESTINATIONS = ['head', 'torso', 'legs', 'feet', 'hand', 'off-hand']
const CONFIRM_TICKS = 40

function inventoryCounts (bot) {
  const counts = {}
  for (const item of bot.inventory.items()) counts[item.name] = (counts[item.name] || 0) + item.count
  return counts
}

async function waitUntil (bot, condition, ticks = CONFIRM_TICKS) {
  for (let i = 0; i < ticks; i++) {
    if (condition()) return true
    await bot.waitForTicks(1)
  }
  return condition()
}

async function clearInventory (bot, warnings) {
  if (bot.inventory.items().length === 0) return true
  bot.chat(`/clear ${bot.username}`)
  if (await waitUntil(bot, () => bot.inventory.items().length === 0)) return true
  warnings.push('Could not clear the inventory: the server did not carry out /clear (no operator rights, or no such command)')
  return false
}

async function giveItems (bot, target, warnings) {
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
      bot.chat(`/give ${bot.username} ${name} ${batch}`)
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

// Makes the inventory hold exactly `target` (name -> count) where commands allow.
async function applyInventory (bot, target, warnings) {
  const have = inventoryCounts(bot)
  const extra = Object.keys(have).some((name) => have[name] > (target[name] || 0))
  let ok = true
  if (extra) ok = await clearInventory(bot, warnings)
  return (await giveItems(bot, target, warnings)) && ok
}

async function applyEquipment (bot, equipment, warnings) {
  const wanted = {}
  equipment.forEach((name) => { if (name) wanted[name] = (wanted[name] || 0) + 1 })
  const have = inventoryCounts(bot)
  const top = {}
  for (const [name, count] of Object.entries(wanted)) top[name] = Math.max(count, have[name] || 0)
  await giveItems(bot, top, warnings)
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

async function teleport (bot, position, warnings) {
  const { x, y, z } = position
  if (![x, y, z].every(Number.isFinite)) {
    warnings.push(`Cannot teleport to ${JSON.stringify(position)}: x, y and z must be numbers`)
    return false
  }
  const near = () => bot.entity.position.distanceTo({ x, y, z }) < 1.5
  if (near()) return true
  bot.chat(`/tp ${bot.username} ${x} ${y} ${z}`)
  if (await waitUntil(bot, near)) return true
  warnings.push(`Could not teleport to (${x}, ${y}, ${z}): the server did not carry out /tp (no operator rights?)`)
  return false
}

module.exports = { applyInventory, applyEquipment, teleport, inventoryCounts }

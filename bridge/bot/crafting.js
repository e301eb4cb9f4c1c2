'use strict'
// bot.craft as programs get it: one recipe at a time, the inventory
// resynchronised with the server in between.
//
// mineflayer's craft(recipe, n) sends the next click as soon as the result
// slot changes, before the rest of the server's answer to the click that took
// the result (the emptied grid slots) has been read. That click then carries an
// old state id, the server (vanilla, and the built-in world alike) answers
// with the whole window, and that answer lands in the middle of the next craft:
// mineflayer puts away an item it no longer holds, and the last result stays
// on the cursor. Measured on the built-in world: craft(oak_planks, 2) with two
// logs left 4 planks in the inventory and 4 on the cursor, one run in six.
// (The server's second packet corrects the grid slots the result used up,
// which mineflayer does not predict; vanilla sends the same.)

const SYNC_TIMEOUT_MS = 5000

// `check` throws once the step is over, so that no craft outlives it.
async function craftOneAtATime (bot, check, recipe, count, craftingTable) {
  const times = parseInt(count ?? 1, 10)
  if (!Number.isInteger(times) || times < 0) throw new Error(`craft count must be a whole number, got ${JSON.stringify(count)}`)
  for (let i = 0; i < times; i++) {
    check()
    await bot.craft(recipe, 1, craftingTable)
    await settleInventory(bot)
  }
}

// Afterwards the bot's picture of its inventory is the server's, and nothing is
// left on the cursor.
async function settleInventory (bot) {
  if (bot.currentWindow || typeof bot._syncWindow !== 'function') return
  await syncInventory(bot)
  const inventory = bot.inventory
  if (inventory.selectedItem) {
    await bot.putSelectedItemRange(inventory.inventoryStart, inventory.inventoryEnd, inventory, null)
    await syncInventory(bot)
  }
}

// Asks for the whole inventory (a click with an impossible state id), then waits
// for the answer to a tab completion: the server answers in order, so by then
// every window packet sent before it, the whole inventory included, has been
// applied. (Any window packet would do as the first answer, so that one cannot
// tell.) A server that answers neither leaves the picture as it is.
async function syncInventory (bot) {
  bot._syncWindow(bot.inventory).catch(() => {})
  await bot.tabComplete('/', false, false, SYNC_TIMEOUT_MS).catch(() => {})
}

module.exports = { craftOneAtATime, settleInventory }

// The click modes mineflayer does not predict (drag, double click) sent as a
// vanilla client sends them, number-key swaps, a crafting table from mixed
// planks, a double chest, and eating; the server's inventory equals the
// bot's after each.
'use strict'

const { connect, withDeadline, sleep, Vec3, inventoriesEqual, serverInventory, check } = require('./lib')

// A click the client does not apply itself: the stale state id makes the
// server answer with the whole window, which the client then shows.
async function rawClick (bot, slot, mouseButton, mode) {
  bot._client.write('window_click', { windowId: 0, stateId: -1, slot, mouseButton, mode, changedSlots: [], cursorItem: { present: false } })
  await sleep(150)
}

async function give (bot, items) {
  bot.chat('/clear')
  await sleep(300)
  for (const [name, n] of items) bot.chat(`/give tester ${name} ${n}`)
  await sleep(500)
}

const slotText = (bot, slot) => bot.inventory.slots[slot] ? `${bot.inventory.slots[slot].name} x${bot.inventory.slots[slot].count}` : 'empty'

async function dragAndDoubleClick (bot) {
  await give(bot, [['cobblestone', 16]])
  await bot.clickWindow(36, 0, 0) // pick up the stack
  await rawClick(bot, -999, 0, 5) // start a left drag
  for (const slot of [9, 10, 11, 12]) await rawClick(bot, slot, 1, 5)
  await rawClick(bot, -999, 2, 5) // end: split evenly
  const split = [9, 10, 11, 12].map((slot) => slotText(bot, slot))
  check(split.every((s) => s === 'cobblestone x4') && !bot.inventory.selectedItem, `a left drag splits 16 into ${split}`)
  await inventoriesEqual(bot)

  await bot.clickWindow(9, 0, 0) // pick up 4
  await rawClick(bot, 9, 0, 6) // double click: gather the rest onto the cursor
  check(bot.inventory.selectedItem?.count === 16, `a double click gathers ${bot.inventory.selectedItem?.count} on the cursor`)
  await bot.clickWindow(20, 0, 0)
  check(slotText(bot, 20) === 'cobblestone x16', 'the gathered stack goes down in one slot')
  await inventoriesEqual(bot)

  await bot.clickWindow(20, 3, 2) // number key 4: swap with hotbar slot 3
  await sleep(200)
  check(slotText(bot, 39) === 'cobblestone x16' && slotText(bot, 20) === 'empty', 'number key 4 swaps the stack into hotbar slot 4')
  await inventoriesEqual(bot)
}

async function mixedPlanks (bot) {
  await give(bot, [['oak_planks', 2], ['birch_planks', 2]])
  const oak = bot.inventory.slots.findIndex((i) => i?.name === 'oak_planks')
  const birch = bot.inventory.slots.findIndex((i) => i?.name === 'birch_planks')
  for (const [from, grid] of [[oak, [1, 4]], [birch, [2, 3]]]) {
    await bot.clickWindow(from, 0, 0)
    for (const slot of grid) await bot.clickWindow(slot, 1, 0)
  }
  await sleep(300)
  check(bot.inventory.slots[0]?.name === 'crafting_table', `oak and birch planks make a ${bot.inventory.slots[0]?.name}`)
  await bot.clickWindow(0, 0, 1)
  await sleep(300)
  check(bot.inventory.count(bot.registry.itemsByName.crafting_table.id) === 1, 'the table is crafted')
  await inventoriesEqual(bot)
}

async function doubleChest (bot) {
  await give(bot, [['chest', 2], ['cobblestone', 64]])
  const p = bot.entity.position.floored()
  for (const dz of [0, 1]) {
    bot.chat(`/setblock ${p.x + 2} ${p.y} ${p.z + dz} air`)
    bot.chat(`/setblock ${p.x + 2} ${p.y - 1} ${p.z + dz} stone`)
  }
  await sleep(500)
  await bot.equip(bot.registry.itemsByName.chest.id, 'hand')
  for (const dz of [0, 1]) {
    await withDeadline(bot.placeBlock(bot.blockAt(new Vec3(p.x + 2, p.y - 1, p.z + dz)), new Vec3(0, 1, 0)), 5000, 'place chest')
  }
  await sleep(300)
  const types = [0, 1].map((dz) => bot.blockAt(new Vec3(p.x + 2, p.y, p.z + dz)).getProperties().type)
  check(types.sort().join() === 'left,right', `two chests side by side join (${types})`)
  const chestBlock = bot.blockAt(new Vec3(p.x + 2, p.y, p.z))
  let chest = await withDeadline(bot.openContainer(chestBlock), 5000, 'open double chest')
  check(chest.inventoryStart === 54, `a double chest has 54 slots (${chest.inventoryStart})`)
  await chest.deposit(bot.registry.itemsByName.cobblestone.id, null, 64)
  chest.close()
  await sleep(300)
  chest = await withDeadline(bot.openContainer(bot.blockAt(new Vec3(p.x + 2, p.y, p.z + 1))), 5000, 'open the other half')
  const held = chest.containerItems().map((i) => `${i.name} x${i.count}`)
  chest.close()
  check(held.join() === 'cobblestone x64', `the other half opens the same chest (${held})`)
  await inventoriesEqual(bot)
}

async function eating (bot) {
  await give(bot, [['golden_apple', 2]])
  await bot.equip(bot.registry.itemsByName.golden_apple.id, 'hand')
  await withDeadline(bot.consume(), 5000, 'eating')
  check(bot.inventory.count(bot.registry.itemsByName.golden_apple.id) === 1, 'eating a golden apple uses one up')
  const server = await serverInventory(bot)
  check(Object.values(server).join() === 'golden_apple x1', 'the server agrees')
}

async function main () {
  const bot = await connect({ port: Number(process.argv[2]) })
  await bot.waitForChunksToLoad()
  for (const part of [dragAndDoubleClick, mixedPlanks, doubleChest, eating]) {
    console.log('--', part.name)
    await part(bot)
  }
  console.log('OK')
  bot.quit()
}

main().then(() => process.exit(0), (err) => { console.error('FAIL', err); process.exit(1) })

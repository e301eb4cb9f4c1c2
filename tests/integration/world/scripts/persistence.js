// What a restart must keep. `persistence.js PORT before` changes the world
// (a placed chest holding cobblestone, a placed block, an inventory, a fall
// that costs health, a cow) and prints what it left as one JSON line;
// `persistence.js PORT after 'JSON'` reconnects to the restarted server and
// checks every part of it.
'use strict'

const { connect, goals, withDeadline, sleep, Vec3, placeNextTo, inventoriesEqual, clientInventory, check } = require('./lib')

async function before (bot) {
  for (const [item, n] of [['chest', 1], ['cobblestone', 20], ['iron_pickaxe', 1], ['bread', 5], ['oak_planks', 1]]) bot.chat(`/give tester ${item} ${n}`)
  await sleep(600)
  const chest = await placeNextTo(bot, 'chest')
  const window = await withDeadline(bot.openContainer(chest), 5000, 'open chest')
  await window.deposit(bot.registry.itemsByName.cobblestone.id, null, 12)
  window.close()
  const planks = await placeNextTo(bot, 'oak_planks')
  const start = bot.entity.position.floored()
  await withDeadline(bot.pathfinder.goto(new goals.GoalNear(start.x + 5, start.y, start.z + 3, 1)), 20000, 'walk away from spawn')
  // a fall of 6 blocks costs 3 health
  const here = bot.entity.position
  bot.chat(`/tp tester ${here.x} ${here.y + 6} ${here.z}`)
  await withDeadline(new Promise((resolve) => bot.once('health', resolve)), 8000, 'fall damage')
  await sleep(300)
  bot.chat('/pause') // so that health does not regenerate and the cow stays put
  await sleep(300)
  bot.chat(`/summon cow ${start.x + 3} ${start.y} ${start.z}`)
  await sleep(500)
  await bot.equip(bot.registry.itemsByName.bread.id, 'hand')
  const cow = bot.nearestEntity((e) => e.name === 'cow')
  const state = {
    position: bot.entity.position,
    health: bot.health,
    food: bot.food,
    heldItem: bot.heldItem?.name,
    inventory: await inventoriesEqual(bot),
    chest: chest.position,
    planks: planks.position,
    cow: cow?.position ?? null
  }
  console.log(JSON.stringify(state))
}

async function after (bot, state) {
  const health = bot.health
  await bot.waitForChunksToLoad()
  const p = new Vec3(state.position.x, state.position.y, state.position.z)
  check(bot.entity.position.distanceTo(p) < 0.5, `position kept (${p} -> ${bot.entity.position})`)
  check(health === state.health && state.health < 20, `health kept (${state.health} -> ${health})`)
  check(bot.food === state.food, `food kept (${state.food})`)
  check(bot.heldItem?.name === state.heldItem, `held item kept (${state.heldItem}; now ${bot.heldItem?.name} in slot ${bot.quickBarSlot})`)
  check(JSON.stringify(clientInventory(bot)) === JSON.stringify(state.inventory), `inventory kept ${JSON.stringify(state.inventory)}`)
  await inventoriesEqual(bot)
  const planks = bot.blockAt(new Vec3(state.planks.x, state.planks.y, state.planks.z))
  check(planks?.name === 'oak_planks', 'placed block kept')
  const chestBlock = bot.blockAt(new Vec3(state.chest.x, state.chest.y, state.chest.z))
  check(chestBlock?.name === 'chest', 'chest block kept')
  const window = await withDeadline(bot.openContainer(chestBlock), 5000, 'open chest')
  const contents = window.containerItems().map((i) => `${i.name} x${i.count}`)
  window.close()
  check(JSON.stringify(contents) === JSON.stringify(['cobblestone x12']), `chest contents kept (${contents})`)
  const cow = bot.nearestEntity((e) => e.name === 'cow')
  check(cow && cow.position.distanceTo(new Vec3(state.cow.x, state.cow.y, state.cow.z)) < 3, 'cow kept')
  check(bot.time.age > 0, 'the world age is kept')
}

async function main () {
  const [port, phase, json] = process.argv.slice(2)
  const bot = await connect({ port: Number(port) })
  if (phase === 'before') await before(bot)
  else await after(bot, JSON.parse(json))
  bot.quit()
  await sleep(300)
}

main().then(() => process.exit(0), (err) => { console.error('FAIL', err); process.exit(1) })

// Digging a log, then planks and a crafting table in the 2x2 grid; client and server inventories equal after each step.
const { connect, inventoriesEqual, count, goals, withDeadline } = require('./lib')
;(async () => {
  const [host, port] = ['127.0.0.1', Number(process.argv[2])]
  const bot = await connect({ host, port })
  console.log('spawned at', bot.entity.position, 'biome', bot.blockAt(bot.entity.position.offset(0, -1, 0))?.name)
  await bot.waitForChunksToLoad()
  const log = bot.findBlock({ matching: (b) => b.name.endsWith('_log'), maxDistance: 48 })
  console.log('log', log?.name, log?.position)
  await withDeadline(bot.pathfinder.goto(new goals.GoalNear(log.position.x, log.position.y, log.position.z, 2)), 30000, 'goto')
  await bot.dig(log)
  await new Promise(resolve => setTimeout(resolve, 1500))
  console.log('after dig', bot.inventory.items().map(i => i.name + i.count))
  await inventoriesEqual(bot)
  bot.chat('/give tester oak_log 3')
  await new Promise(resolve => setTimeout(resolve, 500))
  const plankRecipe = bot.recipesFor(bot.mcData.itemsByName.oak_planks.id, null, 1, null)[0]
  await withDeadline(bot.craft(plankRecipe, 2, null), 10000, 'craft planks')
  console.log('planks', count(bot, 'oak_planks'))
  console.log(await inventoriesEqual(bot))
  const tableRecipe = bot.recipesFor(bot.mcData.itemsByName.crafting_table.id, null, 1, null)[0]
  await withDeadline(bot.craft(tableRecipe, 1, null), 10000, 'craft table')
  console.log(await inventoriesEqual(bot))
  bot.quit(); process.exit(0)
})().catch(e => { console.error('FAIL', e); process.exit(1) })

// A bot given iron tools finds diamond ore below y 16, digs its way down to
// it with the pathfinder, mines it and picks up the diamond.
'use strict'

const { connect, goals, withDeadline, sleep, count, inventoriesEqual } = require('./lib')

const DIAMOND_BELOW_Y = 16
const PATH_MS = 150000

async function main () {
  const bot = await connect({ port: Number(process.argv[2]) })
  for (const [item, n] of [['iron_pickaxe', 2], ['iron_shovel', 1], ['cooked_beef', 16]]) bot.chat(`/give tester ${item} ${n}`)
  await bot.waitForChunksToLoad()
  await sleep(500)
  const ids = ['diamond_ore', 'deepslate_diamond_ore'].map((name) => bot.registry.blocksByName[name].id)
  const here = bot.entity.position
  const ores = bot.findBlocks({ matching: ids, maxDistance: 128, count: 50 })
    .filter((p) => p.y < DIAMOND_BELOW_Y)
    .sort((a, b) => a.distanceTo(here) - b.distanceTo(here))
  console.log('diamond ores below y 16 within 128 blocks:', ores.length, 'nearest', ores[0], 'from', here.floored())
  if (ores.length === 0) throw new Error('no diamond ore below y 16 near the spawn')
  const target = ores[0]
  await withDeadline(bot.pathfinder.goto(new goals.GoalLookAtBlock(target, bot.world, { reach: 4 })), PATH_MS, 'digging down to the diamonds')
  console.log('reached', bot.entity.position.floored(), 'health', bot.health)
  const block = bot.blockAt(target)
  await bot.equip(bot.registry.itemsByName.iron_pickaxe.id, 'hand')
  await withDeadline(bot.dig(block), 10000, 'mining the diamond ore')
  await withDeadline(bot.pathfinder.goto(new goals.GoalBlock(target.x, target.y, target.z)), 20000, 'walking onto the drop').catch((err) => console.log(err.message))
  await sleep(1500)
  const diamonds = count(bot, 'diamond')
  console.log('diamonds', diamonds)
  if (diamonds < 1) throw new Error('mined the ore but got no diamond')
  await inventoriesEqual(bot)
  console.log('OK')
  bot.quit()
}

main().then(() => process.exit(0), (err) => { console.error('FAIL', err); process.exit(1) })

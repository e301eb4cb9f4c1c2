// Block drops draw from the world's seeded generator: the bot digs eight
// lapis ores (4 to 9 lapis each) on a ledge in the sky and prints the counts,
// which two fresh worlds of one seed must give alike.
'use strict'

const { connect, withDeadline, waitUntil, setBlocks, teleport, check } = require('./lib')

async function main () {
  const bot = await connect({ port: Number(process.argv[2]) })
  await bot.waitForChunksToLoad()
  bot.chat('/give tester iron_pickaxe 1')
  const pickaxe = () => bot.inventory.items().find((item) => item.name === 'iron_pickaxe')
  await waitUntil(bot, 'the pickaxe', pickaxe, 5000)
  await bot.equip(pickaxe(), 'hand')

  const stand = bot.entity.position.floored().offset(0, 30, 0)
  const ores = [-2, -1, 1, 2].flatMap((dx) => [0, 1].map((dy) => stand.offset(dx, dy, 1)))
  await setBlocks(bot, [
    ...[-2, -1, 0, 1, 2].map((dx) => [stand.offset(dx, -1, 0), 'stone']),
    ...ores.map((p) => [p, 'lapis_ore'])
  ])
  await teleport(bot, stand)

  const counts = []
  for (const ore of ores) {
    const dropped = new Promise((resolve) => {
      const onDrop = (entity) => {
        if (entity.position.distanceTo(ore.offset(0.5, 0.5, 0.5)) > 1.5) return
        bot.off('itemDrop', onDrop)
        resolve(entity.getDroppedItem())
      }
      bot.on('itemDrop', onDrop)
    })
    await bot.dig(bot.blockAt(ore), true)
    const item = await withDeadline(dropped, 5000, `the drop of the ore at ${ore}`)
    check(item.name === 'lapis_lazuli', `the ore at ${ore} drops lapis (${item.name})`)
    counts.push(item.count)
  }
  console.log(`lapis counts ${counts.join(' ')}`)
  bot.quit()
}

main().catch((err) => { console.error(err); process.exit(1) })

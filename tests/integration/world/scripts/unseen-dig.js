// A path whose next block to break lies in a chunk the bot no longer holds
// must fail that dig and go on pathfinding. mineflayer-pathfinder asked the
// best tool for that block (null) and threw on its physics tick after marking
// itself as digging: it never moved again. The script loads the bot process's
// pathfinder fixes, stands the bot on a ledge in the sky at a chunk border
// facing a wall across it, drops that chunk from the bot's world as the path
// through the wall comes, then walks back along the ledge.
'use strict'

const path = require('path')
const { connect, goals, Vec3, withDeadline, setBlocks, teleport, check } = require('./lib')
const { fixPathfinder } = require(path.resolve(__dirname, '../../../../bridge/bot/pathfinderFixes.js'))

async function main () {
  const bot = await connect({ port: Number(process.argv[2]) })
  fixPathfinder(bot)
  await bot.waitForChunksToLoad()
  bot.chat('/give tester iron_pickaxe 1')
  await withDeadline(new Promise((resolve) => bot.inventory.once('updateSlot', resolve)), 5000, 'the pickaxe')

  const spawn = bot.entity.position.floored()
  const border = (Math.floor(spawn.x / 16) + 1) * 16
  const stand = new Vec3(border - 1, spawn.y + 30, spawn.z) // the last column of the bot's chunk
  const back = stand.offset(-2, 0, 0)
  const wall = stand.offset(1, 0, 0) // the first column of the next chunk
  await setBlocks(bot, [
    ...[-2, -1, 0, 1].map((dx) => [stand.offset(dx, -1, 0), 'stone']),
    [wall, 'stone'],
    [wall.offset(0, 1, 0), 'stone']
  ])
  await teleport(bot, stand)
  await bot.waitForTicks(10)

  // the path comes on the tick that starts walking it: the wall's chunk goes before the first dig
  let dropped = false
  bot.on('path_update', (result) => {
    if (dropped || !result.path[0]?.toBreak.some((block) => block.x === border)) return
    bot.world.unloadColumn(border >> 4, stand.z >> 4)
    dropped = true
  })
  let errors = 0
  process.on('uncaughtException', (err) => { errors++; console.log('uncaught', err.message) })
  const digFailed = new Promise((resolve) => bot.on('path_reset', (reason) => reason === 'dig_error' && resolve()))
  bot.pathfinder.setGoal(new goals.GoalBlock(wall.x, wall.y, wall.z))
  await withDeadline(digFailed, 10000, 'the failed dig resetting the path')
  await bot.waitForTicks(1)
  check(dropped, 'the path digs through the wall across the border')
  check(errors === 0, 'nothing threw on the pathfinder tick')
  check(!bot.pathfinder.isMining(), 'the pathfinder is not left digging')
  await withDeadline(bot.pathfinder.goto(new goals.GoalBlock(back.x, back.y, back.z)), 20000, 'walking back')
  check(bot.entity.position.floored().equals(back), 'the bot walks a new path afterwards')
  bot.quit()
}

main().catch((err) => { console.error(err); process.exit(1) })

// A server that stalls for a moment just as a dig starts (a burst of chunk
// generation or a garbage collection does that) must still let the dig
// through: the bot starts its clock when it sends the start, the server
// when it reads it, so a fast tool's dig looks too fast to the server.
// The script runs its own world (it freezes the process with SIGSTOP) and
// digs oak logs with an iron axe and coal ore with an iron pickaxe, each
// with a 400 ms stall at its start. The bot is an operator: it gives itself
// the tools with /give.
'use strict'

const { spawn } = require('child_process')
const path = require('path')
const { connect, goals, withDeadline, sleep } = require('./lib')

const STALL_MS = 400
const DIGS = [['oak_log', 'iron_axe'], ['coal_ore', 'iron_pickaxe']]
const SERVER = path.resolve(__dirname, '../../../../bridge/world/server.js')

function startWorld () {
  const server = spawn('node', [SERVER, '--seed', '3', '--ops', 'tester'], { stdio: ['pipe', 'pipe', 'ignore'] })
  const ready = new Promise((resolve) => {
    server.stdout.on('data', (data) => {
      const port = /"port":(\d+)/.exec(String(data))
      if (port) resolve(Number(port[1]))
    })
  })
  return { server, ready: withDeadline(ready, 30000, 'the world starting') }
}

// freeze the world for STALL_MS right after the bot's next "start digging"
function stallOnNextDigStart (bot, server) {
  const write = bot._client.write.bind(bot._client)
  bot._client.write = (name, data) => {
    write(name, data)
    if (name !== 'block_dig' || data.status !== 0) return
    bot._client.write = write
    process.kill(server.pid, 'SIGSTOP')
    setTimeout(() => process.kill(server.pid, 'SIGCONT'), STALL_MS)
  }
}

async function digWithStall (bot, server, blockName, tool, tried) {
  const candidates = bot.findBlocks({ matching: bot.registry.blocksByName[blockName].id, maxDistance: 48, count: 40 })
  for (const position of candidates.filter((p) => !tried.has(p.toString()))) {
    tried.add(position.toString())
    try {
      await withDeadline(bot.pathfinder.goto(new goals.GoalLookAtBlock(position, bot.world)), 30000, `walking to ${blockName}`)
    } catch (err) {
      continue
    }
    await bot.equip(bot.registry.itemsByName[tool].id, 'hand')
    for (let i = 0; i < 20 && !bot.entity.onGround; i++) await bot.waitForTicks(1)
    const block = bot.blockAt(position)
    const millis = bot.digTime(block)
    stallOnNextDigStart(bot, server)
    await withDeadline(bot.dig(block), 10000, `digging ${blockName}`)
    await bot.waitForTicks(15)
    const after = bot.blockAt(position).name
    if (after === blockName) throw new Error(`the server put the ${blockName} at ${position} back after a ${STALL_MS} ms stall`)
    console.log(`ok ${blockName} with ${tool} (${millis} ms) broken after a ${STALL_MS} ms stall at its start`)
    return
  }
  throw new Error(`no reachable ${blockName} near the spawn`)
}

async function main () {
  const { server, ready } = startWorld()
  let bot = null
  try {
    bot = await connect({ port: await ready })
    for (const [, tool] of DIGS) bot.chat(`/give tester ${tool} 1`)
    await bot.waitForChunksToLoad()
    await sleep(1000)
    const tried = new Set()
    for (const [blockName, tool] of DIGS) {
      await digWithStall(bot, server, blockName, tool, tried)
      await digWithStall(bot, server, blockName, tool, tried)
    }
  } finally {
    bot?.quit()
    const exited = new Promise((resolve) => server.once('exit', resolve))
    server.stdin.end()
    await withDeadline(exited, 10000, 'the world stopping').catch(() => server.kill('SIGKILL'))
  }
}

main().then(() => process.exit(0), (err) => {
  console.error('FAIL', err)
  process.exit(1)
})

// Bot side of benchmarks/world.py: time to spawn, time until every chunk
// within the view distance is loaded, then a 500-block walk by /tp steps.
// Prints one JSON line.
'use strict'

const path = require('path')
const mineflayer = require(path.join(__dirname, '..', 'node_modules', 'mineflayer'))

const [port, viewDistance] = process.argv.slice(2).map(Number)
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function main () {
  const started = Date.now()
  const bot = mineflayer.createBot({ host: '127.0.0.1', port, username: 'bench', version: '1.20.4', auth: 'offline' })
  await new Promise((resolve, reject) => { bot.once('spawn', resolve); bot.once('error', reject); setTimeout(() => reject(new Error('no spawn in 30 s')), 30000) })
  const spawnMs = Date.now() - started
  const wanted = (2 * viewDistance) ** 2
  const deadline = Date.now() + 60000
  while (Object.keys(bot.world.async.columns).length < wanted && Date.now() < deadline) await sleep(20)
  const chunksMs = Date.now() - started
  const chunks = Object.keys(bot.world.async.columns).length
  const start = bot.entity.position.clone()
  for (let dx = 16; dx <= 500; dx += 16) {
    bot.chat(`/tp bench ${Math.floor(start.x + dx)} 200 ${Math.floor(start.z)}`)
    await sleep(150)
  }
  await sleep(2000)
  console.log(JSON.stringify({ spawnMs, chunksMs, chunks, wanted }))
  bot.quit()
}

main().catch((err) => { console.error(err); process.exit(1) })

// Helpers for the world fidelity scripts: a plain mineflayer bot, deadlines on
// every wait, and the server-side inventory (asked with /inventory) to compare.
'use strict'

const path = require('path')
const bridge = path.resolve(__dirname, '..', '..', '..', '..', 'bridge')
const req = (name) => require(path.join(bridge, 'node_modules', name))
const mineflayer = req('mineflayer')
const { pathfinder, Movements, goals } = req('mineflayer-pathfinder')
const { Vec3 } = req('vec3')

function withDeadline (promise, ms, what) {
  let timer
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((resolve, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms) })
  ])
}

async function connect ({ host = '127.0.0.1', port, username = 'tester' }) {
  const bot = mineflayer.createBot({ host, port, username, version: '1.20.4', auth: 'offline', hideErrors: false })
  bot.loadPlugin(pathfinder)
  await withDeadline(new Promise((resolve, reject) => {
    bot.once('spawn', resolve)
    bot.once('error', reject)
    bot.once('kicked', (reason) => reject(new Error('kicked: ' + JSON.stringify(reason))))
  }), 20000, 'spawn')
  const movements = new Movements(bot)
  movements.canDig = true
  movements.allow1by1towers = true
  bot.pathfinder.setMovements(movements)
  bot.mcData = require(path.join(bridge, 'node_modules', 'minecraft-data'))(bot.version)
  return bot
}

// The server's view of the inventory, as {slot: "name xcount"}.
async function serverInventory (bot) {
  const reply = new Promise((resolve) => {
    const onMessage = (message) => {
      const text = message.toString()
      if (!text.startsWith('inventory ')) return
      bot.removeListener('message', onMessage)
      resolve(JSON.parse(text.slice('inventory '.length)))
    }
    bot.on('message', onMessage)
  })
  bot.chat('/inventory')
  return withDeadline(reply, 5000, '/inventory')
}

function clientInventory (bot) {
  const out = {}
  bot.inventory.slots.forEach((item, slot) => { if (item && slot > 0) out[slot] = `${item.name} x${item.count}` })
  return out
}

async function inventoriesEqual (bot) {
  await new Promise((resolve) => setTimeout(resolve, 150))
  const server = await serverInventory(bot)
  const client = clientInventory(bot)
  const a = JSON.stringify(server)
  const b = JSON.stringify(client)
  if (a !== b) throw new Error(`inventories differ: server ${a} client ${b}`)
  return server
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

// Places the named item from the inventory on solid ground beside the bot; returns the placed block.
async function placeNextTo (bot, name) {
  const here = bot.entity.position.floored()
  for (const [dx, dz] of [[2, 0], [-2, 0], [0, 2], [0, -2], [2, 1], [1, 2], [-2, -1], [-1, -2]]) {
    const spot = here.offset(dx, 0, dz)
    const below = bot.blockAt(spot.offset(0, -1, 0))
    if (bot.blockAt(spot)?.name !== 'air' || below?.boundingBox !== 'block') continue
    await bot.equip(bot.registry.itemsByName[name].id, 'hand')
    await withDeadline(bot.placeBlock(below, new Vec3(0, 1, 0)), 5000, `place ${name}`)
    const placed = bot.blockAt(spot)
    if (placed?.name !== name) throw new Error(`placed ${name} but the world shows ${placed?.name}`)
    return placed
  }
  throw new Error(`no free spot beside the bot to place ${name}`)
}

function count (bot, name) {
  return bot.inventory.items().filter((i) => i.name === name).reduce((s, i) => s + i.count, 0)
}

// Resolves once check() holds (asked every 50 ms).
function waitUntil (bot, what, check, ms) {
  let timer
  return withDeadline(new Promise((resolve) => {
    const look = () => {
      if (!check()) return
      clearInterval(timer)
      resolve()
    }
    timer = setInterval(look, 50)
    look()
  }).finally(() => clearInterval(timer)), ms, what)
}

// Sets each [position, block name] the client does not show yet, and waits
// until it shows them all (the server runs the commands in order).
async function setBlocks (bot, blocks) {
  const todo = blocks.filter(([p, name]) => bot.blockAt(p)?.name !== name)
  for (const [p, name] of todo) bot.chat(`/setblock ${p.x} ${p.y} ${p.z} ${name}`)
  await waitUntil(bot, `${todo.length} blocks set`, () => todo.every(([p, name]) => bot.blockAt(p)?.name === name), 20000)
}

async function teleport (bot, to) {
  const target = to.offset(0.5, 0, 0.5)
  bot.chat(`/tp ${bot.username} ${target.x} ${target.y} ${target.z}`)
  await waitUntil(bot, `the bot at ${target}`, () => bot.entity.position.distanceTo(target) < 0.5, 5000)
}

// Fails the script with `what` unless `ok`; else prints it as passed.
function check (ok, what) {
  if (!ok) throw new Error(what)
  console.log('ok', what)
}

module.exports = { mineflayer, goals, Vec3, withDeadline, sleep, check, waitUntil, setBlocks, teleport, placeNextTo, connect, serverInventory, clientInventory, inventoriesEqual, count, bridge }

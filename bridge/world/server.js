#!/usr/bin/env node
// The built-in world: a flying-squid server made into a survival world by the
// plugins in ./plugins and the terrain generator in ./terrain.
//
//   node server.js [--seed N] [--port P] [--host H] [--view-distance D]
//                  [--world-dir DIR] [--log FILE] [--difficulty 0-3] [--ops NAME,...]
//                  [--keep-inventory true|false]
//
// Nobody is an operator but the --ops names. The bridge sets its bots up
// through the admin channel (plugins/admin.js), with the token it gives in
// the VOYAGER_WORLD_ADMIN_TOKEN environment variable.
// stdout carries only JSON lines for the process that started us:
//   {"event":"ready","port":N,"host":H,"seed":S,"version":V}  once it took a login (lib/probe.js)
//   {"event":"stuck","seconds":N}                              the tick loop has stalled
//   {"event":"paused","age":N} / {"event":"resumed","age":N}   after /pause, /resume, /tick freeze|unfreeze
//   {"event":"sprinted","ticks":N,"age":N}                     after /tick sprint N has run its ticks
//   {"event":"stopped"}                                        after a clean stop
// Everything else (flying-squid's console, our log) goes to stderr or --log.
// Lines on stdin run as console commands (`pause`, `resume`, `time set day`).
// The server stops cleanly on SIGTERM, SIGINT and when stdin closes.
'use strict'

const path = require('path')
const { parseArgs } = require('./lib/args')
const { createLog } = require('./lib/log')
const { startTickWatchdog } = require('./lib/watchdog')
const { probeLogin } = require('./lib/probe')

// every rule listens to the server's tick, newPlayer and pluginsReady events
require('events').defaultMaxListeners = 64

const VERSION = '1.20.4'
const PLAYERS_LEAVE_MS = 2000
const PLUGINS = [
  'persistence', 'clock', 'spawn', 'chunks', 'teleports', 'entities', 'windows', 'players', 'crafting', 'furnace', 'chests', 'drops',
  'falling-blocks', 'random-ticks', 'placing', 'fluids', 'buckets', 'bone-meal', 'farming', 'plants',
  'items', 'hunger', 'damage', 'hazards', 'mobs', 'hostiles', 'endermen', 'skylight', 'look', 'durability', 'shields', 'armor',
  'arrows', 'bows', 'fishing', 'fire', 'beds', 'boats', 'sheep', 'milk', 'eggs', 'breeding', 'sounds', 'commands', 'admin', 'creative'
]

function main () {
  let args
  try {
    args = parseArgs(process.argv.slice(2))
  } catch (err) {
    process.stderr.write(`world: ${err.message}\n`)
    process.exit(2)
  }
  const log = createLog(args.log)
  const emit = takeOverStdout(log)
  keepSignalsToOurselves()

  const { createMCServer } = require('flying-squid')
  const plugins = {}
  for (const name of PLUGINS) plugins[path.join(__dirname, 'plugins', name + '.js')] = {}

  const serv = createMCServer({
    'online-mode': false,
    host: args.host,
    port: args.port,
    version: VERSION,
    motd: 'Voyager built-in world',
    'max-players': 10,
    logging: false,
    gameMode: 0,
    difficulty: args.difficulty,
    'view-distance': args.viewDistance,
    'everybody-op': false,
    'max-entities': 1000,
    kickTimeout: 30000,
    'player-list-text': { header: { text: 'Voyager' }, footer: { text: 'built-in world' } },
    plugins,
    generation: { name: path.join(__dirname, 'terrain', 'generator.js'), options: { seed: args.seed } },
    voyager: {
      worldDir: args.worldDir,
      seed: args.seed,
      log,
      emit,
      operators: args.ops,
      keepInventory: args.keepInventory,
      adminToken: process.env.VOYAGER_WORLD_ADMIN_TOKEN || null
    }
  })

  let stopping = false
  async function stop (reason) {
    if (stopping) return
    stopping = true
    log.info(`stopping (${reason})`)
    const deadline = setTimeout(() => { log.error('stop timed out, exiting'); process.exit(1) }, 5000)
    try {
      // players leave first, so that what they carry is saved with the world
      await disconnectAll(serv, PLAYERS_LEAVE_MS)
      serv.emit('voyagerStop')
      await serv.destroy()
    } catch (err) {
      log.error(`while stopping: ${err.stack}`)
    }
    clearTimeout(deadline)
    emit({ event: 'stopped' })
    log.close(() => process.exit(0))
  }

  serv.on('error', (err) => log.error(`server: ${err.stack ?? err}`))
  serv.once('ready', async () => {
    // the watchdog thread itself writes the {"event":"stuck"} line
    startTickWatchdog(serv, (seconds) => log.error(`tick loop stuck for ${seconds} s`))
    try {
      await probeLogin({ host: args.host, port: serv.listeningPort, version: VERSION })
    } catch (err) {
      log.error(`the world does not accept a login: ${err.message}`)
      process.exit(1)
    }
    log.info(`ready on ${args.host}:${serv.listeningPort}, seed ${serv.voyagerSeed}`)
    emit({ event: 'ready', port: serv.listeningPort, host: args.host, seed: serv.voyagerSeed, version: VERSION })
  })
  for (const signal of ['SIGINT', 'SIGTERM']) {
    const onSignal = () => stop(signal)
    onSignal.voyager = true
    process.on(signal, onSignal)
  }
  if (!process.stdin.isTTY) {
    process.stdin.on('end', () => stop('stdin closed'))
    process.stdin.on('close', () => stop('stdin closed'))
    process.stdin.resume()
  }
  process.on('uncaughtException', (err) => {
    log.error(`uncaught: ${err.stack ?? err}`)
    if (!serv.isReady) process.exit(1)
  })
  setTimeout(() => {
    if (!serv.isReady) { log.error('server did not become ready within 20 s'); process.exit(1) }
  }, 20000).unref()
}

async function disconnectAll (serv, ms) {
  const players = [...(serv.players ?? [])]
  const gone = players.map((player) => new Promise((resolve) => player.once('disconnected', resolve)))
  for (const player of players) player.kick('Server stopped')
  let timer
  await Promise.race([Promise.all(gone), new Promise((resolve) => { timer = setTimeout(resolve, ms) })])
  clearTimeout(timer)
}

// flying-squid's console plugin (through exit-hook) exits at once on a signal;
// ours saves the world first, so only our signal handlers are let in.
function keepSignalsToOurselves () {
  for (const method of ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']) {
    const register = process[method]
    process[method] = function (event, listener) {
      if ((event === 'SIGINT' || event === 'SIGTERM') && !listener.voyager) return this
      return register.call(this, event, listener)
    }
  }
}

// flying-squid prints with console.log; only our JSON events may reach stdout.
function takeOverStdout (log) {
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = (chunk, encoding, callback) => {
    log.raw(String(chunk))
    if (typeof encoding === 'function') encoding()
    else if (typeof callback === 'function') callback()
    return true
  }
  return (event) => write(JSON.stringify(event) + '\n')
}

main()

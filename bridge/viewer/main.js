'use strict'
// The viewer: a browser view of the bot in its world (prismarine-viewer).
//
//   node viewer/main.js --server-host H --server-port P [--follow bot]
//                       [--username viewer] [--host 127.0.0.1] [--port 0] [--view-distance 6]
//
// A separate process, so that the sandboxed bot process stays as it is: it
// joins the server as a second player, makes itself a spectator (nothing
// hurts it, it picks nothing up, mobs leave it alone) and keeps near the
// followed bot with /tp, so that the chunks around the bot reach it. The web
// page shows those chunks, the entities, and the followed bot as the player
// the camera orbits. Both commands need operator rights (the built-in world
// gives them to everyone); without them the view stays where the viewer joined.
//
// stdout: {"event":"ready","url":"http://H:P/"} once the page is served,
//         {"event":"error","message":"..."} before exiting on a failure.
// stderr: logs. Stops on SIGTERM, SIGINT and when stdin closes.

const http = require('http')
const express = require('express')
const socketio = require('socket.io')
const mineflayer = require('mineflayer')
const { setupRoutes } = require('prismarine-viewer/lib/common')
const { WorldView } = require('prismarine-viewer/viewer/lib/worldView')

const DEFAULTS = {
  serverHost: '127.0.0.1',
  serverPort: null,
  username: 'viewer',
  follow: 'bot',
  host: '127.0.0.1',
  port: 0,
  viewDistance: 6,
  version: '1.20.4'
}
const FLAGS = {
  '--server-host': 'serverHost',
  '--server-port': 'serverPort',
  '--username': 'username',
  '--follow': 'follow',
  '--host': 'host',
  '--port': 'port',
  '--view-distance': 'viewDistance',
  '--version': 'version'
}
const NUMBERS = new Set(['serverPort', 'port', 'viewDistance'])
const FOLLOW_EVERY_MS = 2000
// Teleport only when the bot has moved this far away: every /tp reloads chunks.
const FOLLOW_DISTANCE = 12

function log (message) {
  process.stderr.write(`[viewer ${new Date().toISOString()}] ${message}\n`)
}

function emit (event) {
  process.stdout.write(JSON.stringify(event) + '\n')
}

function parseArgs (argv) {
  const args = { ...DEFAULTS }
  for (let i = 0; i < argv.length; i += 2) {
    const key = FLAGS[argv[i]]
    if (!key) throw new Error(`unknown argument ${JSON.stringify(argv[i])}; expected one of ${Object.keys(FLAGS).join(', ')}`)
    if (argv[i + 1] === undefined) throw new Error(`${argv[i]} needs a value`)
    args[key] = NUMBERS.has(key) ? Number(argv[i + 1]) : argv[i + 1]
    if (NUMBERS.has(key) && !Number.isInteger(args[key])) throw new Error(`${argv[i]} must be an integer, not ${argv[i + 1]}`)
  }
  if (args.serverPort === null) throw new Error('--server-port is required')
  return args
}

function followedEntity (bot, name) {
  const player = bot.players[name]
  return player ? player.entity : undefined
}

// The page: prismarine-viewer's own client, fed with the viewer bot's chunks and
// the followed bot's position (as the player the camera looks at).
function serve (bot, args, onReady) {
  const app = express()
  const server = http.createServer(app)
  const io = socketio(server, { path: '/socket.io' })
  setupRoutes(app, '')

  io.on('connection', (socket) => {
    socket.emit('version', bot.version)
    const target = () => followedEntity(bot, args.follow) || bot.entity
    // The followed bot is drawn as the camera's player; leave its entity out.
    const filtered = {
      on: (event, listener) => socket.on(event, listener),
      emit: (event, data) => {
        const followed = followedEntity(bot, args.follow)
        if (event === 'entity' && followed && data.id === followed.id) return
        socket.emit(event, data)
      }
    }
    const worldView = new WorldView(bot.world, args.viewDistance, target().position, filtered)
    worldView.init(target().position).catch((err) => log(`loading chunks: ${err.message}`))
    worldView.listenToBot(bot)
    const sendPosition = () => {
      const entity = target()
      socket.emit('position', { pos: entity.position, yaw: entity.yaw, addMesh: true })
      worldView.updatePosition(entity.position).catch((err) => log(`loading chunks: ${err.message}`))
    }
    sendPosition()
    const timer = setInterval(sendPosition, 200)
    socket.on('disconnect', () => {
      clearInterval(timer)
      worldView.removeListenersFromBot(bot)
    })
  })

  server.on('error', (err) => fail(`cannot serve the page on ${args.host}:${args.port}: ${err.message}`))
  server.listen(args.port, args.host, () => onReady(`http://${args.host}:${server.address().port}/`))
  return { server, io }
}

// Servers that do not list players to mineflayer (the built-in world) leave the
// followed bot unknown: then the viewer teleports to it every time, and stands in for it.
function keepNear (bot, name) {
  return setInterval(() => {
    const entity = followedEntity(bot, name)
    if (!bot.entity) return
    if (!entity || entity.position.distanceTo(bot.entity.position) > FOLLOW_DISTANCE) {
      bot.chat(`/tp ${bot.username} ${name}`)
    }
  }, FOLLOW_EVERY_MS)
}

function fail (message) {
  log(message)
  emit({ event: 'error', message })
  process.exit(1)
}

function main () {
  let args
  try {
    args = parseArgs(process.argv.slice(2))
  } catch (err) {
    fail(err.message)
  }
  const bot = mineflayer.createBot({
    host: args.serverHost,
    port: args.serverPort,
    username: args.username,
    version: args.version,
    auth: 'offline',
    viewDistance: 'short'
  })
  let page = null
  let follower = null
  bot.once('spawn', () => {
    // It only ever moves by /tp: without physics a spectator would fall into the ground.
    bot.physicsEnabled = false
    bot.chat(`/gamemode spectator ${bot.username}`)
    follower = keepNear(bot, args.follow)
    page = serve(bot, args, (url) => {
      log(`serving ${url}, following ${args.follow}`)
      emit({ event: 'ready', url })
    })
  })
  bot.on('messagestr', (text) => log(`chat: ${text}`))
  bot.on('kicked', (reason) => fail(`kicked from the server: ${reason}`))
  bot.on('error', (err) => fail(`connection to ${args.serverHost}:${args.serverPort} failed: ${err.message}`))
  bot.on('end', (reason) => {
    log(`disconnected: ${reason}`)
    process.exit(0)
  })

  let stopping = false
  const stop = (reason) => {
    if (stopping) return
    stopping = true
    log(`stopping (${reason})`)
    clearInterval(follower)
    if (page) {
      page.io.close()
      page.server.close()
    }
    bot.quit()
    setTimeout(() => process.exit(0), 1000).unref()
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  process.stdin.on('end', () => stop('stdin closed'))
  process.stdin.resume()
}

main()

// The world's privileged channel: what the bridge needs to set a bot up
// between programs (empty or fill its inventory, move it, set its health and
// food, pause and resume the world), carried as plugin messages on the
// voyager:admin channel and honoured only with the world's admin token
// (settings.voyager.adminToken, from the VOYAGER_WORLD_ADMIN_TOKEN variable).
// A request acts on the player who sent it: a bot administers only itself.
// Players hold no operator rights unless named with --ops, and every command
// that changes the world is an operator's, so the chat commands of generated
// code would be refused.
//
//   request: {"token", "id", "action", "params"}   answer: {"id", "ok", "result" | "error"}
//   actions: clear, give {name, count}, teleport {x, y, z}, ground {x, z}
//            (teleport to the open dry ground nearest that column; answers where),
//            vitals {health?, food?, saturation?}, pause, resume (the world
//            stands still while every bot using the channel has paused)
'use strict'

const crypto = require('crypto')
const { Vec3 } = require('vec3')

const CHANNEL = 'voyager:admin'
const MAX_GIVE = 6400
// flying-squid leaves these open to everybody; vanilla keeps them for operators.
const OPERATOR_COMMANDS = ['effect', 'kill', 'modpe']

module.exports.server = function (serv, settings) {
  const token = settings.voyager.adminToken ? Buffer.from(settings.voyager.adminToken) : null
  const operators = new Set(settings.voyager.operators ?? [])

  const actions = {
    clear: (player) => serv.clearInventory(player),
    give (player, { name, count }) {
      if (!serv.registry.itemsByName[name]) throw new Error(`unknown item ${JSON.stringify(name)}`)
      if (!Number.isInteger(count) || count < 1 || count > MAX_GIVE) throw new Error(`count must be 1 to ${MAX_GIVE}`)
      serv.giveItems(player, name, count)
    },
    teleport (player, { x, y, z }) {
      if (![x, y, z].every(Number.isFinite)) throw new Error('teleport needs finite x, y and z')
      player.teleport(new Vec3(x, y, z))
    },
    async ground (player, { x, z }) {
      if (![x, z].every(Number.isFinite)) throw new Error('ground needs finite x and z')
      const spot = await serv.findOpenGround(Math.floor(x), Math.floor(z))
      player.teleport(spot)
      return { x: spot.x, y: spot.y, z: spot.z }
    },
    vitals (player, { health, food, saturation }) {
      if (health !== undefined) player.updateHealth(clamp(health, 0.5, 20, 'health'))
      if (food !== undefined) player.updateFood(Math.round(clamp(food, 0, 20, 'food')))
      if (saturation !== undefined) player.updateFoodSaturation(clamp(saturation, 0, 20, 'saturation'))
    },
    pause: (player) => think(player, true),
    resume: (player) => think(player, false)
  }

  // The world stands still only while every bot that uses this channel is
  // thinking: a bot's pause says "I am thinking", its resume "I am acting".
  const thinking = new Map() // player -> whether it is thinking
  function think (player, still) {
    thinking.set(player, still)
    settle()
    return { paused: serv.paused, age: serv.worldAge }
  }
  function settle () {
    if (thinking.size > 0 && [...thinking.values()].every(Boolean)) serv.pauseWorld()
    else serv.resumeWorld()
  }

  function trusted (given) {
    if (!token || typeof given !== 'string') return false
    const candidate = Buffer.from(given)
    return candidate.length === token.length && crypto.timingSafeEqual(candidate, token)
  }

  function handle (player, data) {
    let request
    try {
      request = JSON.parse(data.toString('utf8'))
    } catch {
      return
    }
    const answer = (body) => player._client.write('custom_payload', {
      channel: CHANNEL, data: Buffer.from(JSON.stringify({ id: request.id, ...body }))
    })
    if (!trusted(request.token)) {
      serv.voyagerLog.info(`refused an admin request from ${player.username}: ${token ? 'wrong token' : 'no admin token set'}`)
      return answer({ ok: false, error: token ? 'wrong admin token' : 'this world has no admin token' })
    }
    const action = actions[request.action]
    if (!action) return answer({ ok: false, error: `unknown action ${JSON.stringify(request.action)}` })
    Promise.resolve()
      .then(() => action(player, request.params ?? {}))
      .then((result) => answer({ ok: true, result: result ?? {} }), (err) => answer({ ok: false, error: err.message }))
  }

  serv.once('pluginsReady', () => {
    for (const name of OPERATOR_COMMANDS) serv.commands.uniqueHash[name]?.setOp(true)
  })

  serv.on('newPlayer', (player) => {
    // flying-squid sets `op` from everybody-op during login; the --ops names keep theirs.
    let op = false
    Object.defineProperty(player, 'op', {
      get: () => op || operators.has(player.username),
      set: (value) => { op = Boolean(value) }
    })
    player._client.on('custom_payload', ({ channel, data }) => {
      if (channel === CHANNEL) handle(player, data)
    })
    player.on('disconnected', () => {
      if (thinking.delete(player)) settle()
    })
  })
}

function clamp (value, low, high, name) {
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number`)
  return Math.min(high, Math.max(low, value))
}

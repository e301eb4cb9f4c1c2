'use strict'
// How the bridge changes the bot's world between programs: empty and fill
// its inventory, move it, set its health and food, pause and resume the
// world. Never from a program: the session refuses these while one runs.
//
// WorldAdmin speaks the built-in world's admin channel (plugin messages on
// voyager:admin with the world's token; bridge/world/plugins/admin.js), so
// the bot needs no operator rights. CommandAdmin, for any other server,
// types operator commands into the chat; each method resolves once the
// command is sent, and reset.js checks what it did by its effect; it cannot
// set health and food.

const CHANNEL = 'voyager:admin'
const ANSWER_MS = 10000

// The error code on which the Python side restarts the bot process and rejoins.
function lostConnection () {
  return Object.assign(new Error('The bot lost its connection to the server'), { code: 'disconnected' })
}

class WorldAdmin {
  constructor (bot, token) {
    this.bot = bot
    this.token = token
    this.nextId = 0
    this.waiting = new Map() // request id -> {resolve, reject, timer}
    bot._client.on('custom_payload', ({ channel, data }) => {
      if (channel === CHANNEL) this.answer(data)
    })
    bot.on('end', () => {
      for (const [id, pending] of this.waiting) this.settle(id, pending, lostConnection())
    })
  }

  request (action, params = {}) {
    if (this.bot._client.ended) return Promise.reject(lostConnection())
    const id = ++this.nextId
    const data = Buffer.from(JSON.stringify({ token: this.token, id, action, params }))
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id)
        reject(new Error(`The world did not answer the admin request "${action}" within ${ANSWER_MS / 1000} s; is the server the built-in world, with this admin token?`))
      }, ANSWER_MS)
      this.waiting.set(id, { resolve, reject, timer })
      this.bot._client.write('custom_payload', { channel: CHANNEL, data })
    })
  }

  answer (data) {
    let message
    try {
      message = JSON.parse(data.toString('utf8'))
    } catch {
      return
    }
    const pending = this.waiting.get(message.id)
    if (!pending) return
    this.settle(message.id, pending, message.ok ? null : new Error(`The world refused the admin request: ${message.error}`), message.result)
  }

  settle (id, pending, error, result) {
    this.waiting.delete(id)
    clearTimeout(pending.timer)
    if (error) pending.reject(error)
    else pending.resolve(result)
  }

  clear () { return this.request('clear') }
  give (name, count) { return this.request('give', { name, count }) }
  teleport (x, y, z) { return this.request('teleport', { x, y, z }) }
  ground (x, z) { return this.request('ground', { x, z }) }
  setVitals (vitals) { return this.request('vitals', vitals) }
  async pause () {
    await this.request('pause')
    return { paused: true }
  }

  async resume () {
    await this.request('resume')
    return { resumed: true }
  }
}

const COMMAND_REPLY_MS = 5000
const CLOCK_CHECK_MS = 2500
// How vanilla answers /tick freeze and /tick unfreeze, and how servers refuse a
// command (unknown, or the bot is no operator).
const TICK_DONE = /game is (frozen|running)/i
const COMMAND_REFUSED = /unknown|not found|permission|incorrect|error/i

class CommandAdmin {
  constructor (bot, log) {
    this.bot = bot
    this.log = log
    this.pauseSupported = null
    this.pauseUnsupported = ''
  }

  command (text) {
    this.bot.chat(text)
    return Promise.resolve()
  }

  clear () { return this.command(`/clear ${this.bot.username}`) }
  give (name, count) { return this.command(`/give ${this.bot.username} ${name} ${count}`) }
  teleport (x, y, z) { return this.command(`/tp ${this.bot.username} ${x} ${y} ${z}`) }

  // Freezes the world where the server has /tick (vanilla 1.20.3+) and lets the
  // bot use it. The first freeze finds out whether the server obeys; where it
  // does not, pausing is a no-op that says why.
  async pause () {
    if (this.pauseSupported === false) return { paused: false, reason: this.pauseUnsupported }
    const answer = await this.tickCommand('/tick freeze')
    if (this.pauseSupported === null) {
      this.pauseSupported = answer.done || (answer.reply === null && await this.worldStandsStill())
      if (!this.pauseSupported) {
        const got = answer.reply === null ? 'no answer, and the world kept ticking' : `"${answer.reply}"`
        this.pauseUnsupported = 'The world keeps running between steps: the server cannot freeze it ' +
          `(/tick freeze got ${got}; it needs vanilla 1.20.3+ or the built-in world, and operator rights)`
        this.log(this.pauseUnsupported)
        return { paused: false, reason: this.pauseUnsupported }
      }
    }
    return { paused: true }
  }

  async resume () {
    if (!this.pauseSupported) return { resumed: false }
    await this.tickCommand('/tick unfreeze')
    return { resumed: true }
  }

  // Sends a /tick command; resolves with {done: true} once the server says it
  // did it, {done: false, reply} when it refuses, {done: false, reply: null}
  // when it says neither in time. Other messages (chat, answers to earlier
  // commands) are not the answer.
  tickCommand (command) {
    const bot = this.bot
    return new Promise((resolve) => {
      const onMessage = (text, position) => {
        if (position !== 'system' || text.startsWith('<')) return
        if (TICK_DONE.test(text)) finish({ done: true })
        else if (COMMAND_REFUSED.test(text)) finish({ done: false, reply: text.trim() })
      }
      const timer = setTimeout(() => finish({ done: false, reply: null }), COMMAND_REPLY_MS)
      const finish = (answer) => {
        clearTimeout(timer)
        bot.removeListener('messagestr', onMessage)
        resolve(answer)
      }
      bot.on('messagestr', onMessage)
      bot.chat(command)
    })
  }

  // For servers that do not answer commands: whether the world clock (age or
  // time of day, whichever the server sends) stays put for a while.
  async worldStandsStill () {
    const clock = () => `${this.bot.time.age}:${this.bot.time.time}`
    const before = clock()
    await new Promise((resolve) => setTimeout(resolve, CLOCK_CHECK_MS))
    return clock() === before
  }
}

module.exports = { WorldAdmin, CommandAdmin, lostConnection }

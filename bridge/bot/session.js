'use strict'
// One bot and everything the protocol methods act on: connecting, resets,
// running programs, observing, pausing. Each method resolves with a plain
// JSON-able result or throws an Error that says what went wrong.

const mineflayer = require('mineflayer')
const { pathfinder } = require('mineflayer-pathfinder')
const { plugin: collectBlock } = require('mineflayer-collectblock')
const { plugin: pvp } = require('mineflayer-pvp')
const { plugin: tool } = require('mineflayer-tool')
const { Observer } = require('./observe')
const { ChestMemory } = require('./chests')
const { EventLog } = require('./events')
const { Sandbox } = require('./sandbox')
const { StepScope } = require('./scope')
const { makeBotView } = require('./botView')
const { applyInventory, applyEquipment, teleport } = require('./reset')

const SPAWN_TIMEOUT_MS = 30000
const DEFAULT_STEP_SECONDS = 120
const SETTLE_TICKS = 20 // one second at most
const RECORD_BLOCKS_EVERY_TICKS = 20

const COMMAND_REPLY_MS = 5000
const CLOCK_CHECK_MS = 2500
// How vanilla and the built-in world answer /tick freeze and /tick unfreeze,
// and how servers refuse a command (unknown, or the bot is no operator).
const TICK_DONE = /game is (frozen|running)/i
const COMMAND_REFUSED = /unknown|not found|permission|incorrect|error/i

// Sends a /tick command; resolves with {done: true} once the server says it
// did it, {done: false, reply} when it refuses, {done: false, reply: null}
// when it says neither in time. Other messages (chat, answers to earlier
// commands) are not the answer.
function tickCommand (bot, command) {
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
async function worldStandsStill (bot) {
  const clock = () => `${bot.time.age}:${bot.time.time}`
  const before = clock()
  await new Promise((resolve) => setTimeout(resolve, CLOCK_CHECK_MS))
  return clock() === before
}

function connectionKey (p) {
  return `${p.host}:${p.port}:${p.username}:${p.version}`
}

function checkedPrimitives (primitives) {
  const ok = primitives && typeof primitives === 'object' &&
    Object.values(primitives).every((code) => typeof code === 'string')
  if (!ok) throw new Error('primitives must be {file name: JavaScript source}')
  return primitives
}

class Session {
  constructor (log) {
    this.log = log
    this.primitives = null
    this.bot = null
    this.key = null
    this.stepping = false
    this.pauseSupported = null
    this.pauseUnsupported = ''
    this.skills = { version: null, skills: {} }
  }

  async start (params) {
    const p = { host: '127.0.0.1', username: 'bot', version: '1.20.4', reset: 'hard', ...params }
    if (!Number.isInteger(p.port)) throw new Error(`start needs an integer port, got ${JSON.stringify(p.port)}`)
    if (p.reset !== 'soft' && p.reset !== 'hard') throw new Error(`reset must be "soft" or "hard", got ${JSON.stringify(p.reset)}`)
    if (p.primitives) this.primitives = checkedPrimitives(p.primitives)
    if (!this.primitives) throw new Error('The first start needs primitives: {file name: JavaScript source} of skills/*.js')
    if (!this.bot || this.key !== connectionKey(p) || !this.bot.entity) await this.connect(p)
    const warnings = await this.reset(p)
    return { observation: this.observer.observe(this.events.drain()), warnings }
  }

  async connect (p) {
    if (this.bot) this.disconnect()
    this.pauseSupported = null
    try {
      await this.join(p)
    } catch (err) {
      this.disconnect()
      throw err
    }
  }

  async join (p) {
    const bot = mineflayer.createBot({
      host: p.host, port: p.port, username: p.username, version: p.version, auth: 'offline', hideErrors: true
    })
    this.key = connectionKey(p)
    this.bot = bot
    await new Promise((resolve, reject) => {
      const fail = (why) => {
        cleanup()
        reject(new Error(`Could not join ${p.host}:${p.port} as ${p.username} (Minecraft ${p.version}): ${why}`))
      }
      const onError = (err) => fail(err.message || String(err))
      const onEnd = (reason) => fail(`connection closed (${reason})`)
      const onKicked = (reason) => fail(`kicked: ${typeof reason === 'string' ? reason : JSON.stringify(reason)}`)
      const timer = setTimeout(() => fail(`no spawn within ${SPAWN_TIMEOUT_MS / 1000} s`), SPAWN_TIMEOUT_MS)
      const cleanup = () => {
        clearTimeout(timer)
        bot.removeListener('error', onError)
        bot.removeListener('end', onEnd)
        bot.removeListener('kicked', onKicked)
      }
      bot.once('spawn', () => { cleanup(); resolve() })
      bot.on('error', onError)
      bot.on('end', onEnd)
      bot.on('kicked', onKicked)
    })
    bot.loadPlugin(pathfinder)
    bot.loadPlugin(tool)
    bot.loadPlugin(collectBlock)
    bot.loadPlugin(pvp)
    bot.on('error', (err) => this.log(`bot error: ${err.message}`))
    bot.on('kicked', (reason) => this.log(`bot kicked: ${JSON.stringify(reason)}`))
    bot.on('end', (reason) => this.log(`bot disconnected: ${reason}`))
    this.chests = new ChestMemory(bot)
    this.events = new EventLog(bot)
    this.observer = new Observer(bot, this.chests)
    this.sandbox = new Sandbox(bot.registry, this.primitives)
    if (this.skills.version !== null) this.sandbox.loadSkills(this.skills.version, this.skills.skills)
    await bot.waitForChunksToLoad().catch(() => {})
  }

  requireBot () {
    if (!this.bot || !this.bot.entity) throw new Error('The bot is not in a world: call start first')
    if (!this.bot._client || this.bot._client.ended) {
      // The Python side restarts the process on this code, which rejoins and restores the bot.
      throw Object.assign(new Error('The bot lost its connection to the server'), { code: 'disconnected' })
    }
    return this.bot
  }

  async reset (p) {
    const bot = this.requireBot()
    this.stopActions()
    const warnings = []
    if (p.reset === 'hard' || p.inventory) await applyInventory(bot, p.inventory || {}, warnings)
    if (p.equipment) await applyEquipment(bot, p.equipment, warnings)
    if (p.position) await teleport(bot, p.position, warnings)
    if (p.chests) this.chests.restore(p.chests)
    this.events.drain()
    return warnings
  }

  stopActions () {
    const bot = this.bot
    if (!bot) return
    try {
      bot.pathfinder?.setGoal(null)
      bot.pvp?.forceStop()
      bot.clearControlStates()
      bot.stopDigging()
      if (bot.currentWindow) bot.closeWindow(bot.currentWindow)
    } catch (err) {
      this.log(`stopping the bot's actions: ${err.message}`)
    }
  }

  // A bot that was walking slides on for a few ticks after its controls are released;
  // observe it once it stands still so that the next step starts where this one says it ended.
  async settle () {
    const bot = this.bot
    for (let tick = 0; tick < SETTLE_TICKS && bot?.entity; tick++) {
      const { x, z } = bot.entity.velocity
      if (Math.abs(x) < 0.005 && Math.abs(z) < 0.005 && bot.entity.onGround) return
      await bot.waitForTicks(1)
    }
  }

  loadSkills ({ version, skills }) {
    if (typeof version !== 'string' || !skills || typeof skills !== 'object') {
      throw new Error('skills needs {version: string, skills: {name: code}}')
    }
    this.skills = { version, skills }
    if (!this.sandbox) return { version, loaded: [], failed: {}, deferred: true }
    return this.sandbox.loadSkills(version, skills)
  }

  async step ({ program, timeout = DEFAULT_STEP_SECONDS }) {
    const bot = this.requireBot()
    if (typeof program !== 'string') throw new Error('step needs a program (a string of JavaScript)')
    if (this.stepping) throw new Error('A step is already running')
    this.stepping = true
    const scope = new StepScope(timeout)
    const view = makeBotView(bot, scope, this.events, this.chests)
    const startTicks = this.observer.ticks
    const recordBlocks = () => {
      if ((this.observer.ticks - startTicks) % RECORD_BLOCKS_EVERY_TICKS === 0) this.observer.recordVoxels()
    }
    bot.on('physicsTick', recordBlocks)
    try {
      await this.sandbox.run(program, view, scope)
    } catch (err) {
      this.events.error(err.message)
    } finally {
      scope.end('the program finished')
      bot.removeListener('physicsTick', recordBlocks)
      this.stopActions()
      await this.settle()
      this.stepping = false
    }
    return { observation: this.observer.observe(this.events.drain()), ticks: this.observer.ticks - startTicks }
  }

  observe () {
    this.requireBot()
    return { observation: this.observer.observe(this.events.drain()) }
  }

  // Freezes the world between steps where the server has /tick (vanilla 1.20.3+,
  // the built-in world). The first freeze finds out whether the server obeys;
  // where it does not, pausing is a no-op that says why.
  async pause () {
    const bot = this.requireBot()
    if (this.pauseSupported === false) return { paused: false, reason: this.pauseUnsupported }
    const answer = await tickCommand(bot, '/tick freeze')
    if (this.pauseSupported === null) {
      this.pauseSupported = answer.done || (answer.reply === null && await worldStandsStill(bot))
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
    const bot = this.requireBot()
    if (!this.pauseSupported) return { resumed: false }
    await tickCommand(bot, '/tick unfreeze')
    return { resumed: true }
  }

  health () {
    const bot = this.bot
    return {
      connected: Boolean(bot && bot.entity && bot._client && !bot._client.ended),
      stepping: this.stepping,
      uptime: process.uptime(),
      rss: process.memoryUsage().rss,
      skillsVersion: this.skills.version
    }
  }

  disconnect () {
    if (!this.bot) return
    try {
      this.bot.quit()
    } catch {}
    this.bot = null
    this.key = null
  }
}

module.exports = { Session }

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
const { fixPathfinder } = require('./pathfinderFixes')
const { fixTool } = require('./toolFixes')
const { applyInventory, applyEquipment, applyVitals, teleport, standOnGround } = require('./reset')
const { WorldAdmin, CommandAdmin, lostConnection } = require('./admin')
const { step_limits: DEFAULT_LIMITS, view_distance: VIEW_DISTANCE } = require('./contract.json')

const SPAWN_TIMEOUT_MS = 30000
const DEFAULT_STEP_SECONDS = 120
const SETTLE_TICKS = 20 // one second at most
const RECORD_BLOCKS_EVERY_TICKS = 20
const RESPAWN_TIMEOUT_MS = 10000

function connectionKey (p) {
  return `${p.host}:${p.port}:${p.username}:${p.version}:${p.viewDistance}`
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
    this.admin = null
    this.adminToken = null
    this.limits = {}
    this.stepping = false
    this.skills = { version: null, skills: {} }
  }

  // The methods that change the bot's world wait for the program to end:
  // nothing but the program acts while it runs.
  notWhileStepping (method) {
    if (this.stepping) throw new Error(`${method} is refused while a program runs`)
  }

  async start (params) {
    this.notWhileStepping('start')
    const p = { host: '127.0.0.1', username: 'bot', version: '1.20.4', reset: 'hard', viewDistance: VIEW_DISTANCE, ...params }
    if (!Number.isInteger(p.port)) throw new Error(`start needs an integer port, got ${JSON.stringify(p.port)}`)
    if (!Number.isInteger(p.viewDistance) || p.viewDistance < 2) throw new Error(`viewDistance must be an integer >= 2, got ${JSON.stringify(p.viewDistance)}`)
    if (p.reset !== 'soft' && p.reset !== 'hard') throw new Error(`reset must be "soft" or "hard", got ${JSON.stringify(p.reset)}`)
    if (p.primitives) this.primitives = checkedPrimitives(p.primitives)
    if (!this.primitives) throw new Error('The first start needs primitives: {file name: JavaScript source} of skills/*.js')
    if (p.limits) this.limits = p.limits
    if (!this.bot || this.key !== connectionKey(p) || !this.bot.entity) await this.connect(p)
    if (!this.admin || (p.adminToken ?? null) !== this.adminToken) this.makeAdmin(p.adminToken ?? null)
    this.events.setLimits(this.limits)
    const warnings = await this.reset(p)
    return { observation: this.observer.observe(this.events.drain()), warnings }
  }

  makeAdmin (token) {
    this.adminToken = token
    this.admin = token ? new WorldAdmin(this.bot, token) : new CommandAdmin(this.bot, this.log)
  }

  async connect (p) {
    if (this.bot) this.disconnect()
    try {
      await this.join(p)
    } catch (err) {
      this.disconnect()
      throw err
    }
  }

  async join (p) {
    const bot = mineflayer.createBot({
      host: p.host,
      port: p.port,
      username: p.username,
      version: p.version,
      auth: 'offline',
      hideErrors: true,
      // the chunks around the bot the server sends and mineflayer keeps (contract.json)
      viewDistance: p.viewDistance
    })
    this.key = connectionKey(p)
    this.bot = bot
    this.admin = null
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
    fixPathfinder(bot)
    bot.loadPlugin(tool)
    fixTool(bot)
    bot.loadPlugin(collectBlock)
    bot.loadPlugin(pvp)
    bot.on('error', (err) => this.log(`bot error: ${err.message}`))
    bot.on('kicked', (reason) => this.log(`bot kicked: ${JSON.stringify(reason)}`))
    bot.on('end', (reason) => this.log(`bot disconnected: ${reason}`))
    this.chests = new ChestMemory(bot)
    this.events = new EventLog(bot, this.limits)
    this.observer = new Observer(bot, this.chests)
    this.sandbox = new Sandbox(bot.registry, this.primitives)
    if (this.skills.version !== null) this.sandbox.loadSkills(this.skills.version, this.skills.skills)
    await bot.waitForChunksToLoad().catch(() => {})
  }

  requireBot () {
    if (!this.bot || !this.bot.entity) throw new Error('The bot is not in a world: call start first')
    // The Python side restarts the process on this error's code, which rejoins and restores the bot.
    if (!this.bot._client || this.bot._client.ended) throw lostConnection()
    return this.bot
  }

  async reset (p) {
    const bot = this.requireBot()
    this.stopActions()
    await this.untilAlive()
    const warnings = []
    if (p.reset === 'hard' || p.inventory) await applyInventory(bot, this.admin, p.inventory || {}, warnings)
    if (p.equipment) await applyEquipment(bot, this.admin, p.equipment, warnings)
    if (p.position) await teleport(bot, this.admin, p.position, warnings)
    if (p.ground) await standOnGround(bot, this.admin, p.ground, warnings)
    if (p.vitals) await applyVitals(bot, this.admin, p.vitals, warnings)
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

  // A dead bot respawns by itself (mineflayer asks, the world answers); the
  // next step or observation waits for that, within a deadline.
  async untilAlive () {
    const bot = this.bot
    if (!bot || bot.isAlive !== false) return
    await new Promise((resolve) => {
      const timer = setTimeout(done, RESPAWN_TIMEOUT_MS)
      function done () {
        clearTimeout(timer)
        bot.removeListener('spawn', done)
        resolve()
      }
      bot.once('spawn', done)
    })
    if (bot.isAlive === false) this.log(`the bot did not respawn within ${RESPAWN_TIMEOUT_MS / 1000} s`)
  }

  // A bot that was walking slides on for a few ticks after its controls are released;
  // observe it once it stands still so that the next step starts where this one says it ended.
  // A bot that gets no physics ticks (dead, respawning, chunks loading) is observed as it is.
  async settle () {
    const bot = this.bot
    try {
      for (let tick = 0; tick < SETTLE_TICKS && bot?.entity; tick++) {
        const { x, z } = bot.entity.velocity
        if (Math.abs(x) < 0.005 && Math.abs(z) < 0.005 && bot.entity.onGround) return
        await bot.waitForTicks(1)
      }
    } catch (err) {
      this.log(`settling after the program: ${err.message}`)
    }
  }

  loadSkills ({ version, skills }) {
    this.notWhileStepping('skills')
    if (typeof version !== 'string' || !skills || typeof skills !== 'object') {
      throw new Error('skills needs {version: string, skills: {name: code}}')
    }
    this.skills = { version, skills }
    if (!this.sandbox) return { version, loaded: [], failed: {}, deferred: true }
    return this.sandbox.loadSkills(version, skills)
  }

  // Runs one program. Whatever the program or the bot goes through (errors,
  // death, a lost connection), the step ends with an observation: problems are
  // error events. Only a bot that cannot be observed any more fails the call.
  async step ({ program, timeout = DEFAULT_STEP_SECONDS }) {
    const bot = this.requireBot()
    if (typeof program !== 'string') throw new Error('step needs a program (a string of JavaScript)')
    if (this.stepping) throw new Error('A step is already running')
    this.stepping = true
    const scope = new StepScope(timeout, { ...DEFAULT_LIMITS, ...this.limits })
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
      if (scope.consoleDropped) this.log(`[program] ${scope.consoleDropped} more console lines of this step were dropped`)
      bot.removeListener('physicsTick', recordBlocks)
      this.stopActions()
      await this.untilAlive()
      await this.settle()
      this.stepping = false
    }
    return { observation: this.observe().observation, ticks: this.observer.ticks - startTicks }
  }

  observe () {
    this.requireBot()
    return { observation: this.observer.observe(this.events.drain()) }
  }

  // Freezes the world between steps where the server allows it; says why where it does not.
  async pause () {
    this.notWhileStepping('pause')
    this.requireBot()
    return this.admin.pause()
  }

  async resume () {
    this.notWhileStepping('resume')
    this.requireBot()
    return this.admin.resume()
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
    this.admin = null
  }
}

module.exports = { Session }

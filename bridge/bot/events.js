'use strict'
// The events of the step contract (chat, error, save, kill, death), collected
// as they happen and handed out with the next step's result, in the bot
// process and (StepEvents) in the mock world. One step keeps
// at most the step limits (bridge/bot/contract.json, or the run's settings):
// so many errors, chat lines and other events, each message cut to so many
// characters; what goes past them is counted and reported in one closing
// "dropped" event, so that no program can flood the observation.

const { step_limits: DEFAULT_LIMITS } = require('./contract.json')

const KILL_WINDOW_MS = 10000
const KILL_RANGE = 8
const KIND_LIMITS = { chat: 'chat_lines', heard: 'chat_lines', error: 'errors' }
const HEARING_RANGE = 32
const TEXT_FIELDS = ['message', 'name', 'mob']

function clip (text, chars) {
  return text.length <= chars ? text : `${text.slice(0, chars)} [... ${text.length - chars} more characters]`
}

// The events of one step within its limits; engine-neutral (the mock world
// keeps its events with this class too).
class StepEvents {
  constructor (limits = DEFAULT_LIMITS) {
    this.setLimits(limits)
    this.events = []
    this.kept = {}
    this.dropped = {}
  }

  setLimits (limits) {
    this.limits = { ...DEFAULT_LIMITS, ...limits }
  }

  // Keeps `event` if the limits allow it; returns whether it was kept.
  push (event) {
    const kind = event.type
    const kindLimit = this.limits[KIND_LIMITS[kind]] ?? Infinity
    // Errors are counted apart, so that a flood of other events cannot hide why a program failed.
    const others = this.events.length - (this.kept.error || 0)
    if ((kind !== 'error' && others >= this.limits.events) || (this.kept[kind] || 0) >= kindLimit) {
      this.dropped[kind] = (this.dropped[kind] || 0) + 1
      return false
    }
    for (const field of TEXT_FIELDS) {
      if (typeof event[field] === 'string') event[field] = clip(event[field], this.limits.message_chars)
    }
    this.kept[kind] = (this.kept[kind] || 0) + 1
    this.events.push(event)
    return true
  }

  chat (message) {
    return this.push({ type: 'chat', message })
  }

  error (message) {
    return this.push({ type: 'error', message })
  }

  save (name) {
    return this.push({ type: 'save', name })
  }

  drain () {
    const events = this.events
    const dropped = Object.entries(this.dropped)
    if (dropped.length) events.push({ type: 'dropped', message: droppedMessage(dropped, this.limits) })
    this.events = []
    this.kept = {}
    this.dropped = {}
    return events
  }
}

// A mineflayer bot's step events: what the program says, and its kills and deaths.
class EventLog extends StepEvents {
  constructor (bot, limits) {
    super(limits)
    this.bot = bot
    this.attacked = new Map() // entity id -> time of the bot's last hit
    // a fight of mineflayer-pvp (bot.pvp.attack) may outlast the window: each of its hits counts
    bot.on('attackedTarget', () => this.noteAttack(bot.pvp?.target))
    bot.on('entityDead', (entity) => this.onEntityGone(entity, true))
    bot.on('entityGone', (entity) => this.onEntityGone(entity, false))
    bot.on('chat', (speaker, message) => this.onChat(speaker, message))
    bot.on('death', () => {
      const p = bot.entity.position
      this.push({ type: 'death', message: `The bot died at (${p.x.toFixed(1)}, ${p.y.toFixed(1)}, ${p.z.toFixed(1)})` })
    })
  }

  // What another player nearby said (several learners in one world can talk).
  onChat (speaker, message) {
    const entity = this.bot.players[speaker]?.entity
    if (speaker === this.bot.username || !entity) return
    if (entity.position.distanceTo(this.bot.entity.position) > HEARING_RANGE) return
    this.push({ type: 'heard', speaker, message: String(message) })
  }

  noteAttack (entity) {
    if (entity && typeof entity.id === 'number') this.attacked.set(entity.id, Date.now())
  }

  onEntityGone (entity, died) {
    const hitAt = this.attacked.get(entity.id)
    if (hitAt === undefined || Date.now() - hitAt > KILL_WINDOW_MS) return
    const near = entity.position.distanceTo(this.bot.entity.position) <= KILL_RANGE
    if (!died && !near) return
    this.attacked.delete(entity.id)
    this.push({ type: 'kill', mob: entity.name || 'unknown' })
  }
}

function droppedMessage (dropped, limits) {
  const counts = dropped.map(([kind, count]) => `${count} ${kind} event${count === 1 ? '' : 's'}`).join(', ')
  return `${counts} of this step were dropped: a step keeps at most ${limits.chat_lines} chat lines, ` +
    `${limits.errors} errors and ${limits.events} other events`
}

module.exports = { EventLog, StepEvents }

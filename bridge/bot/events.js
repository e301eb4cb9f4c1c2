'use strict'
// The events of the step contract (chat, error, save, kill, death), collected
// as they happen and handed out with the next step's result.

const KILL_WINDOW_MS = 10000
const KILL_RANGE = 8

class EventLog {
  constructor (bot) {
    this.bot = bot
    this.events = []
    this.attacked = new Map() // entity id -> time of the bot's last hit
    bot.on('entityDead', (entity) => this.onEntityGone(entity, true))
    bot.on('entityGone', (entity) => this.onEntityGone(entity, false))
    bot.on('death', () => {
      const p = bot.entity.position
      this.push({ type: 'death', message: `The bot died at (${p.x.toFixed(1)}, ${p.y.toFixed(1)}, ${p.z.toFixed(1)})` })
    })
  }

  push (event) {
    this.events.push(event)
  }

  chat (message) {
    this.push({ type: 'chat', message })
  }

  error (message) {
    this.push({ type: 'error', message })
  }

  save (name) {
    this.push({ type: 'save', name })
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

  drain () {
    const events = this.events
    this.events = []
    return events
  }
}

module.exports = { EventLog }

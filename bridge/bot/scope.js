'use strict'
// The lifetime of one step: its deadline, the timers and listeners the
// program created, and its primitives' failure counts. When the step ends
// every timer and listener goes, and any later call from leftover program
// code (a timer callback, a promise job, a loop) throws.

class StepOver extends Error {}

class StepScope {
  // `limits`: the step limits (console_lines, message_chars) for what the program logs.
  constructor (timeoutSeconds, limits = {}) {
    this.timeoutSeconds = timeoutSeconds
    this.deadline = Date.now() + timeoutSeconds * 1000
    this.active = true
    this.endReason = ''
    this.timers = new Set()
    this.listeners = []
    this.failures = new Map()
    this.iterations = 0
    this.consoleLeft = limits.console_lines ?? Infinity
    this.consoleChars = limits.message_chars ?? Infinity
    this.consoleDropped = 0
  }

  // The program's console line as the bridge log may take it, or null past the step's limit.
  consoleLine (text) {
    if (this.consoleLeft <= 0) {
      this.consoleDropped++
      return null
    }
    this.consoleLeft--
    return text.length <= this.consoleChars ? text : text.slice(0, this.consoleChars) + ' [...]'
  }

  check () {
    if (!this.active) throw new StepOver(`This step is over (${this.endReason}); leftover code cannot act`)
    if (Date.now() > this.deadline) {
      this.end(`the program ran longer than ${this.timeoutSeconds} s`)
      throw new StepOver(`The program ran longer than ${this.timeoutSeconds} s and was stopped; split the task into shorter programs`)
    }
  }

  // Called before every loop iteration of sandboxed code; cheap in the common case.
  tick () {
    if (!this.active || (++this.iterations & 1023) === 0) this.check()
    return true
  }

  setTimer (kind, handler, ms, args) {
    this.check()
    if (typeof handler !== 'function') throw new TypeError(`${kind} needs a function, got ${typeof handler}`)
    const run = () => {
      if (kind === 'setTimeout') this.timers.delete(handle)
      if (this.active) handler(...args)
    }
    const delay = Math.max(0, Number(ms) || 0)
    const handle = kind === 'setTimeout' ? setTimeout(run, delay) : setInterval(run, Math.max(delay, 10))
    this.timers.add(handle)
    return handle
  }

  clearTimer (handle) {
    if (this.timers.delete(handle)) clearTimeout(handle)
  }

  listen (emitter, event, listener, once) {
    if (typeof listener !== 'function') throw new TypeError(`bot.on('${event}') needs a function`)
    const wrapped = (...args) => {
      if (once) this.unlisten(emitter, event, listener)
      if (!this.active) return
      try {
        const result = listener(...args)
        if (result && typeof result.catch === 'function') result.catch(() => {})
      } catch {
        // A failing listener must not break mineflayer's own event handling.
      }
    }
    this.listeners.push({ emitter, event, listener, wrapped })
    emitter.on(event, wrapped)
  }

  unlisten (emitter, event, listener) {
    const index = this.listeners.findIndex((l) => l.event === event && l.listener === listener)
    if (index === -1) return
    const [entry] = this.listeners.splice(index, 1)
    emitter.removeListener(event, entry.wrapped)
  }

  // Counts a soft failure of a primitive in this step and returns the count.
  addFailure (primitive) {
    const count = (this.failures.get(primitive) || 0) + 1
    this.failures.set(primitive, count)
    return count
  }

  end (reason) {
    if (!this.active) return
    this.active = false
    this.endReason = reason
    for (const handle of this.timers) clearTimeout(handle)
    this.timers.clear()
    for (const { emitter, event, wrapped } of this.listeners) emitter.removeListener(event, wrapped)
    this.listeners = []
  }
}

module.exports = { StepScope, StepOver }

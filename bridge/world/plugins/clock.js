// The world clock: the game time (daylight) and the world age advance one per
// tick and reach clients as vanilla sends them (update_time every second, a
// negative time when the daylight cycle is off). The clock can be paused so
// the world stands still while the agent thinks: `/tick freeze` (as vanilla
// 1.20.3+), `/pause`, or `serv.pauseWorld()`. A paused world runs no ticks at
// all (mobs, furnaces, hunger, daylight, item despawn), while connections,
// keep-alives, chat, commands and windows go on. `/tick sprint N` (as vanilla)
// runs N ticks as fast as the machine can, paused or not, then goes back to
// the state it was in; `/tick rate R` (as vanilla) runs R ticks a second.
'use strict'

const TICKS_PER_SECOND = 20
const TPS_WINDOW_TICKS = 100
const MAX_SPRINT_TICKS = 24000 * 10
const MAX_TICK_RATE = 10000

module.exports.server = function (serv, settings) {
  const emit = settings.voyager.emit ?? (() => {})
  const saved = serv.worldStore.section('clock', { age: 0, time: 0 })
  serv.worldAge = saved.age
  serv.paused = false
  let sprint = null
  let rate = TICKS_PER_SECOND

  function sendTime (target) {
    const time = serv.doDaylightCycle ? serv.time : -Math.max(1, serv.time)
    const packet = { age: BigInt(serv.worldAge), time: BigInt(time) }
    if (target) target._client.write('update_time', packet)
    else serv._writeAll('update_time', packet)
  }

  // Both return whether anything changed; the event line is written either
  // way, so whoever asked always gets an answer.
  serv.pauseWorld = () => {
    const changed = !serv.paused
    if (changed) {
      serv.stopTickInterval()
      serv.paused = true
      serv.voyagerLog.info('world paused')
      serv.emit('voyagerPause')
    }
    emit({ event: 'paused', age: serv.worldAge })
    return changed
  }

  serv.resumeWorld = () => {
    const changed = serv.paused
    if (changed) {
      serv.paused = false
      // flying-squid steps physics by the wall time since the last tick
      serv.lastTickTime = Date.now()
      // a sprint in progress starts the clock again when it is done
      if (!sprint) serv.setTickInterval(rate)
      serv.voyagerLog.info('world resumed')
      serv.emit('voyagerResume')
    }
    emit({ event: 'resumed', age: serv.worldAge })
    return changed
  }

  // vanilla /tick sprint: ticks back to back, one a turn of the event loop as the
  // tick interval runs them, so that what a tick's rules await (a crop's growth,
  // a fluid's flow) is done before the next tick, and connections stay served
  serv.sprintTicks = (count) => {
    if (sprint) {
      sprint.left += count
      return
    }
    serv.stopTickInterval()
    sprint = { left: count, done: 0 }
    const step = () => {
      if (sprint.left > 0) {
        sprint.left--
        sprint.done++
        serv.tickCount++
        serv.emit('tick', 1 / TICKS_PER_SECOND, serv.tickCount)
        return setImmediate(step)
      }
      const done = sprint.done
      sprint = null
      if (!serv.paused) {
        serv.lastTickTime = Date.now()
        serv.setTickInterval(rate)
      }
      serv.voyagerLog.info(`sprinted ${done} ticks`)
      emit({ event: 'sprinted', ticks: done, age: serv.worldAge })
    }
    setImmediate(step)
  }

  serv.once('pluginsReady', () => {
    serv.time = saved.time
    serv.setTime = (time) => {
      serv.time = time
      sendTime()
    }
    // flying-squid's own day cycle is replaced by the tick below
    serv.on('changeTime_cancel', (data, cancel) => cancel(false))

    serv.commands.add({
      base: 'tick',
      info: 'freeze, unfreeze, sprint the world or set its tick rate (as vanilla /tick)',
      usage: '/tick <freeze|unfreeze|query|sprint <ticks>|rate <ticks per second>>',
      op: true,
      parse (str) {
        const [mode, count] = str.trim().split(/\s+/)
        if (mode === 'sprint') {
          const ticks = Number(count)
          return Number.isInteger(ticks) && ticks > 0 && ticks <= MAX_SPRINT_TICKS ? { mode, ticks } : false
        }
        if (mode === 'rate') {
          const perSecond = Number(count)
          return perSecond >= 1 && perSecond <= MAX_TICK_RATE ? { mode, perSecond } : false
        }
        return ['freeze', 'unfreeze', 'query'].includes(mode) ? { mode } : false
      },
      action ({ mode, ticks, perSecond }) {
        if (mode === 'sprint') {
          serv.sprintTicks(ticks)
          return `Sprinting ${ticks} ticks`
        }
        if (mode === 'rate') {
          rate = perSecond
          if (!serv.paused && !sprint) serv.setTickInterval(rate)
          return `Set the target tick rate to ${rate}`
        }
        if (mode === 'freeze') serv.pauseWorld()
        if (mode === 'unfreeze') serv.resumeWorld()
        return serv.paused ? 'The game is frozen' : 'The game is running normally'
      }
    })
    serv.commands.add({
      base: 'pause',
      info: 'stop all ticks until /resume',
      usage: '/pause',
      op: true,
      action: () => (serv.pauseWorld() ? 'World paused' : 'World already paused')
    })
    serv.commands.add({
      base: 'tps',
      info: 'the tick rate over the last five seconds',
      usage: '/tps',
      action () {
        const tps = Math.round(serv.ticksPerSecond() * 100) / 100
        emit({ event: 'tps', tps })
        return `${tps} ticks per second`
      }
    })
    serv.commands.add({
      base: 'resume',
      info: 'start ticking again after /pause',
      usage: '/resume',
      op: true,
      action: () => (serv.resumeWorld() ? 'World resumed' : 'World is not paused')
    })
  })

  // The ticks of the last few seconds, for the tick rate (`tps` on the console).
  const recentTicks = []
  serv.on('tick', () => {
    serv.worldAge++
    if (serv.doDaylightCycle) serv.time++
    if (serv.worldAge % TICKS_PER_SECOND === 0) sendTime()
    recentTicks.push(Date.now())
    if (recentTicks.length > TPS_WINDOW_TICKS) recentTicks.shift()
  })

  serv.ticksPerSecond = () => {
    if (serv.paused || recentTicks.length < 2) return 0
    const seconds = (recentTicks[recentTicks.length - 1] - recentTicks[0]) / 1000
    return seconds > 0 ? (recentTicks.length - 1) / seconds : 0
  }

  serv.on('newPlayer', (player) => player.once('spawned', () => sendTime(player)))

  serv.on('voyagerSave', () => {
    saved.age = serv.worldAge
    saved.time = serv.time
    serv.worldStore.markDirty()
  })
}

// The tick watchdog on its own: a server object that ticks, then a main
// thread that blocks for 7 s. The watchdog's thread must write the
// {"event":"stuck"} line itself while the main thread cannot run.
'use strict'

const { EventEmitter } = require('events')
const path = require('path')
const { startTickWatchdog } = require(path.resolve(__dirname, '../../../../bridge/world/lib/watchdog'))

const serv = new EventEmitter()
const reported = []
const worker = startTickWatchdog(serv, (seconds) => reported.push(seconds))
const ticker = setInterval(() => serv.emit('tick'), 50)
setTimeout(() => {
  clearInterval(ticker)
  serv.emit('tick')
  // block the main thread (no ticks, no callbacks) as a stuck plugin would
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 7000)
  setTimeout(() => {
    console.log(`main thread heard ${reported.length} report(s)`)
    worker.terminate()
  }, 1500)
}, 500)

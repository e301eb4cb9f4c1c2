// Detects a stalled tick loop. The main thread may be the one that is stuck,
// so the check runs in a worker thread that watches a heartbeat the main
// thread writes on every tick.
'use strict'

const { Worker } = require('worker_threads')

const STUCK_AFTER_MS = 5000

function startTickWatchdog (serv, onStuck) {
  const heartbeat = new Int32Array(new SharedArrayBuffer(8))
  serv.on('tick', () => Atomics.add(heartbeat, 0, 1))
  const worker = new Worker(`
    const { workerData, parentPort } = require('worker_threads')
    const fs = require('fs')
    const beat = workerData.heartbeat
    let last = Atomics.load(beat, 0), since = Date.now(), reported = 0
    setInterval(() => {
      const now = Atomics.load(beat, 0)
      if (now !== last || Atomics.load(beat, 1) === 1) { last = now; since = Date.now(); reported = 0; return }
      const seconds = Math.floor((Date.now() - since) / 1000)
      if (Date.now() - since >= ${STUCK_AFTER_MS} && seconds >= reported * 2 + 5) {
        reported = seconds
        // the main thread may never run again: write the event from here
        fs.writeSync(${1}, JSON.stringify({ event: 'stuck', seconds }) + '\\n')
        parentPort.postMessage(seconds)
      }
    }, 1000)
  `, { eval: true, workerData: { heartbeat } })
  worker.unref()
  worker.on('message', (seconds) => onStuck(seconds))
  // Paused worlds do not tick on purpose.
  serv.on('voyagerPause', () => Atomics.store(heartbeat, 1, 1))
  serv.on('voyagerResume', () => Atomics.store(heartbeat, 1, 0))
  return worker
}

module.exports = { startTickWatchdog }

'use strict'
// The bot process. Protocol (one JSON object per line):
//   stdin:  {"id": 1, "method": "step", "params": {...}}
//   stdout: {"id": 1, "result": {...}} or {"id": 1, "error": {"message": "..."}},
//           {"event": "ready"} once, and {"heartbeat": <ms since start>} every second
//           (a missing heartbeat means the event loop is stuck);
//   stderr: logs.
// The methods, their params and results: protocol.schema.json (made from
// voyager/env/protocol.py); this process refuses to start if its own method
// table differs from it.
// The primitives (skills/*.js) come with the first start, so that the process
// needs to read nothing outside bridge/ (see docs/sandbox.md).

const readline = require('readline')
const util = require('util')

require('ses')
// Load everything the bot needs before lockdown() freezes the shared intrinsics.
require('mineflayer')
require('mineflayer-pathfinder')
require('mineflayer-collectblock')
require('mineflayer-pvp')
require('mineflayer-tool')
const { Session } = require('./session')

/* global lockdown */ // installed by require('ses') above
// protodef compiles packet codecs with eval: keep the host's eval (see docs/sandbox.md).
lockdown({
  evalTaming: 'unsafeEval',
  errorTaming: 'unsafe',
  stackFiltering: 'verbose',
  consoleTaming: 'unsafe',
  overrideTaming: 'moderate',
  localeTaming: 'unsafe',
  domainTaming: 'unsafe',
  // SES's own traps print any error as "{}" and end the process; ours (below) log it and carry on.
  errorTrapping: 'none',
  unhandledRejectionTrapping: 'none'
})

const HEARTBEAT_MS = 1000

function log (message) {
  process.stderr.write(`[bridge ${new Date().toISOString()}] ${message}\n`)
}

function send (message) {
  process.stdout.write(JSON.stringify(message) + '\n')
}

const session = new Session(log)

const methods = {
  start: (params) => session.start(params),
  skills: (params) => session.loadSkills(params),
  step: (params) => session.step(params),
  observe: () => session.observe(),
  pause: () => session.pause(),
  resume: () => session.resume(),
  health: () => session.health(),
  stop: async () => {
    session.disconnect()
    setTimeout(() => process.exit(0), 50)
    return { stopped: true }
  }
}

const declared = Object.keys(require('./protocol.schema.json').methods).sort().join()
if (Object.keys(methods).sort().join() !== declared) {
  throw new Error(`main.js implements ${Object.keys(methods).sort()}, protocol.schema.json declares ${declared}`)
}

async function handle (line) {
  let request
  try {
    request = JSON.parse(line)
  } catch (err) {
    send({ id: null, error: { message: `Not a JSON request line: ${err.message}` } })
    return
  }
  const { id = null, method, params = {} } = request || {}
  const run = methods[method]
  if (!run) {
    send({ id, error: { message: `Unknown method ${JSON.stringify(method)}; methods: ${Object.keys(methods).join(', ')}` } })
    return
  }
  try {
    send({ id, result: await run(params || {}) })
  } catch (err) {
    log(`${method} failed: ${err.stack || err}`)
    send({ id, error: { message: err.message || String(err), ...(err.code ? { code: err.code } : {}) } })
  }
}

// Thrown in a callback of mineflayer or a plugin, outside any step: the bot plays on.
const described = (thrown) => thrown?.stack ?? util.inspect(thrown, { depth: 4 })
process.on('unhandledRejection', (reason) => log(`unhandled rejection: ${described(reason)}`))
process.on('uncaughtException', (err) => log(`uncaught exception: ${described(err)}`))

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim()) handle(line)
}).on('close', () => {
  session.disconnect()
  process.exit(0)
})

const started = Date.now()
setInterval(() => send({ heartbeat: Date.now() - started }), HEARTBEAT_MS)
send({ event: 'ready', pid: process.pid })

// The bot process, spoken to as the Python side does, with every line checked
// against bridge/bot/protocol.schema.json by ajv: the JavaScript half of the
// protocol's test (test_protocol.py runs it).
//   node protocol.js PORT ADMIN_TOKEN
'use strict'

const path = require('path')
const fs = require('fs')
const readline = require('readline')
const { spawn } = require('child_process')

const root = path.resolve(__dirname, '..', '..', '..', '..')
const bridge = path.join(root, 'bridge')
const Ajv = require(path.join(bridge, 'node_modules', 'ajv'))
const schema = require(path.join(bridge, 'bot', 'protocol.schema.json'))

const ajv = new Ajv({ allErrors: true, schemaId: 'auto', unknownFormats: 'ignore' })
function check (what, subschema, value) {
  const validate = ajv.compile(subschema)
  if (!validate(value)) throw new Error(`${what} breaks protocol.schema.json: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value).slice(0, 400)}`)
}

function primitives () {
  const folder = path.join(root, 'skills')
  return Object.fromEntries(fs.readdirSync(folder).filter((f) => f.endsWith('.js'))
    .map((f) => [f.slice(0, -3), fs.readFileSync(path.join(folder, f), 'utf8')]))
}

async function main () {
  const [port, adminToken] = process.argv.slice(2)
  const bot = spawn(process.execPath, [path.join(bridge, 'bot', 'main.js')], { cwd: bridge, stdio: ['pipe', 'pipe', 'inherit'] })
  const waiting = new Map()
  let ready
  const readyLine = new Promise((resolve) => { ready = resolve })
  let heartbeats = 0
  readline.createInterface({ input: bot.stdout }).on('line', (line) => {
    const message = JSON.parse(line)
    if ('heartbeat' in message) {
      if (!Number.isFinite(message.heartbeat)) throw new Error(`bad heartbeat ${line}`)
      heartbeats++
    } else if (message.event === 'ready') ready(message)
    else waiting.get(message.id)(message)
  })
  let nextId = 0
  function call (method, params = {}, { checked = true } = {}) {
    if (checked) check(`${method} params`, schema.methods[method].params, params)
    const id = ++nextId
    return new Promise((resolve, reject) => {
      waiting.set(id, (message) => {
        if (message.error) {
          check(`${method} error`, schema.error, message.error)
          reject(new Error(message.error.message))
          return
        }
        check(`${method} result`, schema.methods[method].result, message.result)
        resolve(message.result)
      })
      bot.stdin.write(JSON.stringify({ id, method, params }) + '\n')
    })
  }
  const hello = await readyLine
  if (!Number.isInteger(hello.pid)) throw new Error('the ready line has no pid')
  await call('health')
  await call('skills', { version: 'v1', skills: { sayHi: "async function sayHi (bot) { bot.chat('hi') }", broken: 'async function broken(bot) {' } })
  const start = { host: '127.0.0.1', port: Number(port), username: 'protocol', version: '1.20.4', reset: 'hard', primitives: primitives(), adminToken, inventory: { dirt: 2 } }
  await call('start', start)
  await call('step', { program: "await sayHi(bot); bot.save('said'); throw new Error('on purpose')", timeout: 20 })
  await call('observe')
  await call('pause')
  await call('resume')
  const refused = await call('start', { ...start, port: 'nope' }, { checked: false }).then(() => null, (err) => err)
  if (!refused) throw new Error('a start with a bad port was accepted')
  if (!heartbeats) throw new Error('no heartbeat in the whole session')
  await call('stop')
  console.log('ok every line of the session fits protocol.schema.json')
}

main().catch((err) => { console.error(err.stack || String(err)); process.exit(1) })

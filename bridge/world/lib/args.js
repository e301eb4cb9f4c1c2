// Command-line arguments of server.js, checked so that bad input fails at once.
'use strict'

const DEFAULTS = { seed: null, port: 0, host: '127.0.0.1', viewDistance: 6, worldDir: null, log: null, difficulty: 1, ops: [], keepInventory: null }
const FLAGS = {
  '--seed': ['seed', parseSeed],
  '--port': ['port', (v) => parseIntIn(v, 0, 65535, '--port')],
  '--host': ['host', (v) => v],
  '--view-distance': ['viewDistance', (v) => parseIntIn(v, 2, 32, '--view-distance')],
  '--world-dir': ['worldDir', (v) => v],
  '--log': ['log', (v) => v],
  '--difficulty': ['difficulty', (v) => parseIntIn(v, 0, 3, '--difficulty')],
  '--ops': ['ops', parseNames],
  '--keep-inventory': ['keepInventory', parseBoolean]
}

function parseArgs (argv) {
  const args = { ...DEFAULTS }
  for (let i = 0; i < argv.length; i++) {
    let flag = argv[i]
    let value
    if (flag.includes('=')) [flag, value] = [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)]
    const spec = FLAGS[flag]
    if (!spec) throw new Error(`unknown argument ${JSON.stringify(flag)}; expected one of ${Object.keys(FLAGS).join(', ')}`)
    if (value === undefined) {
      value = argv[++i]
      if (value === undefined) throw new Error(`${flag} needs a value`)
    }
    args[spec[0]] = spec[1](value)
  }
  return args
}

function parseIntIn (value, low, high, flag) {
  const n = Number(value)
  if (!Number.isInteger(n) || n < low || n > high) throw new Error(`${flag} must be an integer from ${low} to ${high}, not ${JSON.stringify(value)}`)
  return n
}

function parseSeed (value) {
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new Error(`--seed must be an integer, not ${JSON.stringify(value)}`)
  return n
}

function parseBoolean (value) {
  if (value !== 'true' && value !== 'false') throw new Error(`--keep-inventory must be true or false, not ${JSON.stringify(value)}`)
  return value === 'true'
}

function parseNames (value) {
  const names = value.split(',').filter(Boolean)
  const bad = names.find((name) => !/^\w{1,16}$/.test(name))
  if (bad !== undefined) throw new Error(`--ops takes player names separated by commas, not ${JSON.stringify(bad)}`)
  return names
}

module.exports = { parseArgs }

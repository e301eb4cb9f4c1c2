'use strict'
// A stock flying-squid server for the bridge tests: superflat, 127.0.0.1, a
// free port, printing {"event":"ready","port":N} once it listens. Every player
// is an operator unless --no-op is given. Stops when stdin closes.
const path = require('path')
const fs = require('fs')
const os = require('os')
const bridgeModules = path.resolve(__dirname, '../../../bridge/node_modules')
const mcServer = require(path.join(bridgeModules, 'flying-squid'))

const worldFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'voyager-squid-'))
const serv = mcServer.createMCServer({
  motd: 'voyager bridge tests',
  host: '127.0.0.1',
  port: 0,
  'max-players': 10,
  'online-mode': false,
  logging: false,
  gameMode: 0,
  difficulty: 0,
  worldFolder,
  generation: { name: 'superflat', options: { worldHeight: 80 } },
  kickTimeout: 30000,
  plugins: {},
  modpe: false,
  'view-distance': 4,
  'player-list-text': { header: { text: '' }, footer: { text: '' } },
  'everybody-op': !process.argv.includes('--no-op'),
  'max-entities': 100,
  version: '1.20.4'
})

serv.on('listening', () => {
  const port = serv._server.socketServer.address().port
  process.stdout.write(JSON.stringify({ event: 'ready', port }) + '\n')
})
serv.on('error', (err) => process.stderr.write(`server error: ${err.stack}\n`))

function shutdown () {
  fs.rmSync(worldFolder, { recursive: true, force: true })
  process.exit(0)
}
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
process.stdin.on('end', shutdown)
process.stdin.resume()

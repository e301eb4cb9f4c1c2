// Logs a throwaway player into a server with minecraft-protocol, far enough
// to be accepted (login success), then hangs up: the proof that a server
// takes logins.
'use strict'

const mc = require('minecraft-protocol')

function probeLogin ({ host, port, version, username = 'voyager_probe', timeoutMs = 10000 }) {
  return new Promise((resolve, reject) => {
    const client = mc.createClient({ host, port, version, username, auth: 'offline', hideErrors: true })
    const timer = setTimeout(() => finish(new Error(`no login answer within ${timeoutMs / 1000} s`)), timeoutMs)
    let finished = false
    function finish (err) {
      if (finished) return
      finished = true
      clearTimeout(timer)
      client.on('error', () => {})
      client.end('probe done')
      if (err) reject(err)
      else resolve()
    }
    client.once('success', () => finish())
    client.once('error', (err) => finish(err))
    client.once('end', (reason) => finish(new Error(`the server closed the connection: ${reason}`)))
  })
}

module.exports = { probeLogin }

// The world's log: timestamped lines to a file (--log) or to stderr.
'use strict'

const fs = require('fs')

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g // eslint-disable-line no-control-regex

function createLog (file) {
  const stream = file ? fs.createWriteStream(file, { flags: 'a' }) : process.stderr
  function line (level, message) {
    stream.write(`${new Date().toISOString()} ${level} ${message}\n`)
  }
  return {
    info: (message) => line('INFO', message),
    warn: (message) => line('WARN', message),
    error: (message) => line('ERROR', message),
    // text flying-squid printed on the console
    raw (text) {
      const clean = text.replace(ANSI, '').replace(/^> /gm, '').trim()
      if (clean) line('SQUID', clean)
    },
    close (done) {
      if (stream === process.stderr) done()
      else stream.end(done)
    }
  }
}

module.exports = { createLog }

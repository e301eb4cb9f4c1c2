#!/usr/bin/env node
// Whether a Minecraft server takes a login: `node probe-login.js HOST PORT [VERSION]`
// prints "ok" and exits 0, or prints why not and exits 1.
'use strict'

const { probeLogin } = require('../world/lib/probe')

const [host, port, version = '1.20.4'] = process.argv.slice(2)
probeLogin({ host, port: Number(port), version })
  .then(() => { console.log('ok'); process.exit(0) })
  .catch((err) => { console.log(`login refused: ${err.message}`); process.exit(1) })

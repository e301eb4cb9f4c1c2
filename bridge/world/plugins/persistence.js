// Everything the world changes, kept in <world-dir>/world.json: blocks that
// differ from the generated terrain, containers, players, time and rules.
// Terrain is regenerated from the seed and the changed blocks laid over it,
// so the file stays small. Without --world-dir the world lives in memory.
'use strict'

const fs = require('fs')
const path = require('path')
const { Vec3 } = require('vec3')

const FORMAT = 1
const SAVE_EVERY_MS = 10000

module.exports.server = function (serv, settings) {
  const { worldDir, seed: askedSeed, log } = settings.voyager
  const file = worldDir ? path.join(worldDir, 'world.json') : null
  const state = load(file, askedSeed, settings.version)
  let dirty = false

  serv.voyagerSeed = state.seed
  serv.voyagerLog = log
  // flying-squid replaces a falsy seed (0) by a random one: pass ours apart
  settings.generation.options.voyagerSeed = state.seed
  settings.generation.options.overlay = overlayChanges

  serv.worldStore = {
    // A named, JSON-able part of the saved state, created on first use.
    section (name, initial = {}) {
      if (!(name in state.sections)) state.sections[name] = initial
      return state.sections[name]
    },
    markDirty () { dirty = true },
    saveNow
  }

  function overlayChanges (chunkX, chunkZ, column) {
    const changes = state.blocks[chunkX + ',' + chunkZ]
    if (!changes) return
    const pos = new Vec3(0, 0, 0)
    for (const [x, y, z, stateId] of changes) {
      pos.set(x & 15, y, z & 15)
      column.setBlockStateId(pos, stateId)
    }
  }

  function recordBlock (position, stateId) {
    const key = Math.floor(position.x / 16) + ',' + Math.floor(position.z / 16)
    const list = state.blocks[key] ?? (state.blocks[key] = [])
    const at = list.findIndex(([x, y, z]) => x === position.x && y === position.y && z === position.z)
    if (at >= 0) list[at][3] = stateId
    else list.push([position.x, position.y, position.z, stateId])
    dirty = true
  }

  function saveNow () {
    if (!file) return
    writeAtomic(file, JSON.stringify(state))
    dirty = false
  }

  serv.once('pluginsReady', () => {
    serv.overworld.on('blockUpdate', (oldBlock, newBlock) => {
      if (oldBlock.stateId !== newBlock.stateId) recordBlock(newBlock.position, newBlock.stateId)
    })
    if (file) saveNow()
  })
  const timer = setInterval(() => {
    serv.emit('voyagerSave')
    if (dirty) saveNow()
  }, SAVE_EVERY_MS)
  timer.unref()
  serv.on('voyagerStop', () => {
    clearInterval(timer)
    serv.emit('voyagerSave')
    try {
      saveNow()
    } catch (err) {
      log.error(`could not save the world: ${err.message}`)
    }
  })
}

function load (file, askedSeed, version) {
  if (file && fs.existsSync(file)) {
    let state
    try {
      state = JSON.parse(fs.readFileSync(file, 'utf8'))
    } catch (err) {
      throw new Error(`world file ${file} is not valid JSON (${err.message}); move it away to start a new world`)
    }
    if (state.format !== FORMAT) throw new Error(`world file ${file} has format ${state.format}, this server reads ${FORMAT}`)
    if (askedSeed !== null && askedSeed !== state.seed) {
      throw new Error(`world folder ${path.dirname(file)} was created with seed ${state.seed}, not ${askedSeed}; drop --seed or use another --world-dir`)
    }
    return state
  }
  if (file) fs.mkdirSync(path.dirname(file), { recursive: true })
  const seed = askedSeed ?? Math.floor(Math.random() * 2 ** 31)
  return { format: FORMAT, version, seed, blocks: {}, sections: {} }
}

function writeAtomic (file, text) {
  const tmp = file + '.tmp'
  const fd = fs.openSync(tmp, 'w')
  try {
    fs.writeSync(fd, text)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(tmp, file)
}

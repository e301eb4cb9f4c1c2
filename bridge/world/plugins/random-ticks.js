// Random ticks as vanilla 1.20.4 gives them: every game tick each block near
// a player gets one with chance randomTickSpeed/4096 (the gamerule, 3 by
// default: 3 random blocks per 16x16x16 section), which is what makes crops,
// saplings, cane and farmland change over time. Only blocks some rule asked
// for (serv.onRandomTick) are watched: found in each chunk as it is made, and
// whenever a block changes into one. Chance comes from a generator seeded by
// the world's seed (serv.growthRandom), shared by the growth rules.
'use strict'

const { Vec3 } = require('vec3')
const { Random, hash } = require('../terrain/noise')

const SECTION_BLOCKS = 4096
const PLAYER_REACH = 128
const GROWTH_SALT = 7331

module.exports.server = function (serv, settings) {
  const { registry } = serv
  const handlers = new Map()
  const tickableStates = new Set()
  const positions = []
  const indexOf = new Map()
  const random = new Random(hash(serv.voyagerSeed, GROWTH_SALT))
  serv.growthRandom = random

  // handler(world, position, block), for blocks of these names
  serv.onRandomTick = (names, handler) => {
    for (const name of names) {
      const block = registry.blocksByName[name]
      if (!block) throw new Error(`onRandomTick: unknown block ${name}`)
      handlers.set(name, handler)
      for (let state = block.minStateId; state <= block.maxStateId; state++) tickableStates.add(state)
    }
  }

  const key = (p) => `${p.x},${p.y},${p.z}`
  function track (position) {
    const k = key(position)
    if (indexOf.has(k)) return
    indexOf.set(k, positions.length)
    positions.push(position)
  }
  function untrackAt (i) {
    indexOf.delete(key(positions[i]))
    const last = positions.pop()
    if (i < positions.length) {
      positions[i] = last
      indexOf.set(key(last), i)
    }
  }

  // chunks as they are made (or remade from the seed after a restart)
  const overlay = settings.generation.options.overlay
  settings.generation.options.overlay = (chunkX, chunkZ, column) => {
    overlay?.(chunkX, chunkZ, column)
    scanColumn(chunkX, chunkZ, column)
  }

  function scanColumn (chunkX, chunkZ, column) {
    column.sections.forEach((section, i) => {
      const container = section?.data
      if (!container) return
      const palette = container.palette ?? (container.value !== undefined ? [container.value] : null)
      if (palette && !palette.some((state) => tickableStates.has(state))) return
      const baseY = column.minY + i * 16
      for (let index = 0; index < SECTION_BLOCKS; index++) {
        if (!tickableStates.has(container.get(index))) continue
        track(new Vec3(chunkX * 16 + (index & 15), baseY + (index >> 8), chunkZ * 16 + ((index >> 4) & 15)))
      }
    })
  }

  serv.once('pluginsReady', () => {
    serv.overworld.on('blockUpdate', (oldBlock, newBlock) => {
      if (newBlock && tickableStates.has(newBlock.stateId)) track(newBlock.position.clone())
    })
  })

  // blocks until the next random tick, for one block's chance p per tick
  function gap (p) {
    return Math.floor(Math.log(1 - random.next()) / Math.log(1 - p))
  }

  function nearPlayer (position) {
    return serv.players.some((player) => player.world === serv.overworld &&
      Math.abs(player.position.x - position.x) <= PLAYER_REACH && Math.abs(player.position.z - position.z) <= PLAYER_REACH)
  }

  serv.on('tick', () => {
    const speed = serv.gamerules?.randomTickSpeed ?? 3
    if (speed <= 0 || positions.length === 0) return
    const p = Math.min(1, speed / SECTION_BLOCKS)
    const gone = []
    for (let i = p >= 1 ? 0 : gap(p); i < positions.length; i += 1 + (p >= 1 ? 0 : gap(p))) {
      const position = positions[i]
      const world = serv.overworld
      if (!world.sync.getColumnAt(position)) continue
      const block = world.sync.getBlock(position)
      const handler = handlers.get(block.name)
      if (!handler) {
        gone.push(i)
        continue
      }
      if (!nearPlayer(position)) continue
      handler(world, position, block).catch((err) => serv.voyagerLog.error(`random tick of ${block.name}: ${err.stack}`))
    }
    for (const i of gone.reverse()) untrackAt(i)
  })
}

// The world spawn: dry ground (grass, sand or dirt) with two blocks of air
// above, never a plant or water, preferably in a biome with trees. Found once
// per world by a spiral search from (0, 0) and the same for a given seed.
'use strict'

const { Vec3 } = require('vec3')
const { createLandscape } = require('../terrain/landscape')
const terrain = require('../data/terrain.json')

const SEARCH_RADIUS = 1024
const STEP = 4
const GROUND = new Set(['grass_block', 'sand', 'dirt', 'podzol'])

module.exports.server = function (serv) {
  let spawn = null

  async function findSpawn () {
    const landscape = createLandscape(serv.voyagerSeed, terrain)
    for (const wooded of [true, false]) {
      for (const [x, z] of spiral(SEARCH_RADIUS, STEP)) {
        const column = landscape.column(x, z)
        if (column.water !== null || (wooded && column.biome.tree_count < 1)) continue
        const point = await standable(x, column.height, z)
        if (point) return point
      }
    }
    throw new Error(`no dry ground within ${SEARCH_RADIUS} blocks of (0, 0) for seed ${serv.voyagerSeed}`)
  }

  async function standable (x, y, z) {
    const world = serv.overworld
    const ground = await world.getBlock(new Vec3(x, y, z))
    if (!GROUND.has(ground.name)) return null
    for (const dy of [1, 2]) {
      if ((await world.getBlock(new Vec3(x, y + dy, z))).name !== 'air') return null
    }
    return new Vec3(x + 0.5, y + 1, z + 0.5)
  }

  serv.once('pluginsReady', () => {
    spawn = findSpawn()
    spawn.then((point) => serv.voyagerLog.info(`world spawn at ${point}`))
    spawn.catch((err) => serv.voyagerLog.error(err.message))
    serv.getSpawnPoint = async () => (await spawn).clone()
  })
}

function * spiral (radius, step) {
  yield [0, 0]
  for (let r = step; r <= radius; r += step) {
    for (let i = -r; i < r; i += step) {
      yield [i, -r]
      yield [r, i]
      yield [-i, r]
      yield [-r, -i]
    }
  }
}

// Where players first appear: dry ground (grass, sand, dirt or podzol) with
// two blocks of air above, never a plant or water, preferably in a forest
// with water nearby, so that a new agent finds wood, water and animals.
// A spiral search from (0, 0), the same for a given seed; the server and the
// survey tools share it.
'use strict'

const SEARCH_RADIUS = 1024
const STEP = 4
const GROUND = new Set(['grass_block', 'sand', 'dirt', 'podzol'])
// a forest biome: trees within a few blocks
const WOODED_TREES_PER_CHUNK = 2
const WATER_WITHIN = 64
const WATER_SAMPLE_STEP = 8

// Tried in order: a forest near water, a forest, any dry ground.
const PASSES = [{ wooded: true, water: true }, { wooded: true, water: false }, { wooded: false, water: false }]

// blockNameAt(x, y, z) may return a name or a promise of one.
async function findSpawnPoint (landscape, blockNameAt) {
  const wet = new Map() // neighbouring candidates share most of their water samples
  const isWater = (x, z) => {
    const key = x + ',' + z
    if (!wet.has(key)) wet.set(key, landscape.column(x, z).water !== null)
    return wet.get(key)
  }
  for (const pass of PASSES) {
    for (const [x, z] of spiral(SEARCH_RADIUS, STEP)) {
      const column = landscape.column(x, z)
      if (column.water !== null) continue
      if (pass.wooded && !(column.biomeName === column.biome.name && column.biome.tree_count >= WOODED_TREES_PER_CHUNK)) continue
      if (pass.water && !waterNear(isWater, x, z)) continue
      if (await standable(blockNameAt, x, column.height, z)) return { x: x + 0.5, y: column.height + 1, z: z + 0.5 }
    }
  }
  throw new Error(`no dry ground within ${SEARCH_RADIUS} blocks of (0, 0)`)
}

function waterNear (isWater, x, z) {
  for (let dz = -WATER_WITHIN; dz <= WATER_WITHIN; dz += WATER_SAMPLE_STEP) {
    for (let dx = -WATER_WITHIN; dx <= WATER_WITHIN; dx += WATER_SAMPLE_STEP) {
      if (dx * dx + dz * dz <= WATER_WITHIN * WATER_WITHIN && isWater(x + dx, z + dz)) return true
    }
  }
  return false
}

async function standable (blockNameAt, x, y, z) {
  if (!GROUND.has(await blockNameAt(x, y, z))) return false
  return (await blockNameAt(x, y + 1, z)) === 'air' && (await blockNameAt(x, y + 2, z)) === 'air'
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

module.exports = { findSpawnPoint }

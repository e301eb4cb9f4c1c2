// Where players first appear: open, dry, level ground, preferably in a forest
// with water within reach and animals in sight, so that a new agent finds
// wood, water and animals and can place a block on every side of itself. A candidate stands on grass,
// dirt or podzol with nothing above its head (no leaves, no overhang), has
// the same ground, free, on all four sides, no water within a few blocks and
// no step of more than one block nearby.
// A spiral search from (0, 0), the same for a given seed; the server and the
// survey tools share it. findOpenGround searches from any column for the last
// pass's kind of spot (a fresh start for a test, away from what others left).
'use strict'

const SEARCH_RADIUS = 1024
const STEP = 4
const GROUND = new Set(['grass_block', 'dirt', 'podzol'])
const SIDES = [[1, 0], [-1, 0], [0, 1], [0, -1]]
// a forest biome: trees within a few blocks
const WOODED_TREES_PER_CHUNK = 2
const WATER_WITHIN = 64
const WATER_SAMPLE_STEP = 8
// open ground: this far from water, this level, this clear above the head
const DRY_WITHIN = 3
const LEVEL_WITHIN = 2
const CLEAR_ABOVE = 12
const ANIMALS_WITHIN = 24

// Tried in order: a forest near water with animals, a forest near water, a forest, any open ground.
const PASSES = [
  { wooded: true, water: true, animals: true },
  { wooded: true, water: true, animals: false },
  { wooded: true, water: false, animals: false },
  { wooded: false, water: false, animals: false }
]

// blockAt(x, y, z) gives a block with name and boundingBox, or a promise of one;
// animalNear(x, z, radius), if given, whether a passive animal spawns that near.
async function findSpawnPoint (landscape, blockAt, animalNear = null) {
  const found = await search(landscape, blockAt, animalNear, PASSES, 0, 0, SEARCH_RADIUS)
  if (!found) throw new Error(`no open dry ground within ${SEARCH_RADIUS} blocks of (0, 0)`)
  return found
}

// Open, dry, level ground nearest the column (x0, z0), or null within `radius`.
async function findOpenGround (landscape, blockAt, x0, z0, radius) {
  return search(landscape, blockAt, null, PASSES.slice(-1), x0, z0, radius)
}

async function search (landscape, blockAt, animalNear, passes, x0, z0, radius) {
  const blockNameAt = async (x, y, z) => (await blockAt(x, y, z)).name
  const wet = new Map() // neighbouring candidates share most of their water samples
  const isWater = (x, z) => {
    const key = x + ',' + z
    if (!wet.has(key)) wet.set(key, landscape.column(x, z).water !== null)
    return wet.get(key)
  }
  for (const pass of passes) {
    for (const [dx, dz] of spiral(radius, STEP)) {
      const [x, z] = [x0 + dx, z0 + dz]
      const column = landscape.column(x, z)
      if (column.water !== null) continue
      if (pass.wooded && !(column.biomeName === column.biome.name && column.biome.tree_count >= WOODED_TREES_PER_CHUNK)) continue
      if (!dryAndLevel(landscape, isWater, x, z, column.height)) continue
      if (pass.water && !waterNear(isWater, x, z)) continue
      if (!(await openGround(blockNameAt, x, column.height, z))) continue
      if (pass.animals && !(animalNear && await animalNear(x, z, ANIMALS_WITHIN))) continue
      return { x: x + 0.5, y: column.height + 1, z: z + 0.5 }
    }
  }
  return null
}

function dryAndLevel (landscape, isWater, x, z, height) {
  for (let dz = -DRY_WITHIN; dz <= DRY_WITHIN; dz++) {
    for (let dx = -DRY_WITHIN; dx <= DRY_WITHIN; dx++) {
      if (isWater(x + dx, z + dz)) return false
      if (Math.abs(dx) <= LEVEL_WITHIN && Math.abs(dz) <= LEVEL_WITHIN &&
        Math.abs(landscape.column(x + dx, z + dz).height - height) > 1) return false
    }
  }
  return true
}

function waterNear (isWater, x, z) {
  for (let dz = -WATER_WITHIN; dz <= WATER_WITHIN; dz += WATER_SAMPLE_STEP) {
    for (let dx = -WATER_WITHIN; dx <= WATER_WITHIN; dx += WATER_SAMPLE_STEP) {
      if (dx * dx + dz * dz <= WATER_WITHIN * WATER_WITHIN && isWater(x + dx, z + dz)) return true
    }
  }
  return false
}

// Ground at (x, y, z), open sky above it, and the same ground with room for a
// block on each of the four sides.
async function openGround (blockNameAt, x, y, z) {
  if (!GROUND.has(await blockNameAt(x, y, z))) return false
  for (let dy = 1; dy <= CLEAR_ABOVE; dy++) {
    if ((await blockNameAt(x, y + dy, z)) !== 'air') return false
  }
  for (const [dx, dz] of SIDES) {
    if (!GROUND.has(await blockNameAt(x + dx, y, z + dz))) return false
    if ((await blockNameAt(x + dx, y + 1, z + dz)) !== 'air' || (await blockNameAt(x + dx, y + 2, z + dz)) !== 'air') return false
  }
  return true
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

module.exports = { findSpawnPoint, findOpenGround }

// Plants a chunk gets once its ground, caves, ores and trees are in place
// (data/terrain.json, per biome): grass, ferns, flowers, dead bushes, cactus,
// sugar cane by water, bamboo (a stalk every few jungle chunks, thickets in
// bamboo jungles), melon and pumpkin patches, and kelp and seagrass on the
// floor of oceans and rivers, with vanilla 1.20.4's counts and shapes.
// Everything stays inside its chunk.
'use strict'

const { chunkRandom, fractal2, Random } = require('./noise')
const { blockIndex: index } = require('./layout')

const SIDES = [[1, 0], [-1, 0], [0, 1], [0, -1]]
// vanilla's patch feature tries positions this far from its centre
const PATCH_SPREAD = 7
const PATCH_Y_SPREAD = 3
const BAMBOO_HEIGHT = [5, 16]
const BAMBOO_PODZOL_RADIUS = [1, 4]
const KELP_HEIGHT = [1, 10]
const KELP_TOP_AGE = [20, 25]

function createVegetation ({ seed, terrain, landscape, states: S, stateOf }) {
  const seaLevel = terrain.sea_level
  const bambooGround = new Set(['grass_block', 'dirt', 'podzol', 'coarse_dirt', 'sand', 'gravel', 'mycelium'].map((n) => stateOf(n)))
  const bamboo = {
    trunk: stateOf('bamboo', { age: 1, leaves: 'none', stage: 0 }),
    small: stateOf('bamboo', { age: 1, leaves: 'small', stage: 0 }),
    large: stateOf('bamboo', { age: 1, leaves: 'large', stage: 0 }),
    top: stateOf('bamboo', { age: 1, leaves: 'large', stage: 1 })
  }
  const kelpTops = []
  for (let age = KELP_TOP_AGE[0]; age <= KELP_TOP_AGE[1]; age++) kelpTops.push(stateOf('kelp', { age }))
  const kelpPlant = stateOf('kelp_plant')
  const seagrass = stateOf('seagrass')
  const tallSeagrass = { lower: stateOf('tall_seagrass', { half: 'lower' }), upper: stateOf('tall_seagrass', { half: 'upper' }) }

  // vanilla's noise_based_count: ceil((noise + offset) * ratio) at the chunk's corner
  function noiseCount ([ratio, factor, offset], chunkX, chunkZ, salt) {
    const noise = fractal2(seed + salt, chunkX * 16, chunkZ * 16, factor, 1)
    return Math.max(0, Math.ceil((noise + offset) * ratio))
  }

  function place (blocks, chunkX, chunkZ, at) {
    const biome = at(8, 8).biome
    placeGroundPlants(blocks, chunkX, chunkZ, at, biome)
    if (biome.bamboo) placeBamboo(blocks, chunkX, chunkZ, at, biome.bamboo)
    const patches = chunkRandom(seed, chunkX, chunkZ, 'patch')
    for (const patch of biome.patches ?? []) placePatch(blocks, at, patches, patch)
    placeWaterPlants(blocks, chunkX, chunkZ, at)
  }

  // The y above ground of one of `grounds` at (x, z) with air there, or null.
  function groundAt (blocks, at, x, z, grounds) {
    const column = at(x, z)
    if (column.water !== null) return null
    const y = column.height
    if (!grounds.includes(blocks[index(x, y, z)]) || blocks[index(x, y + 1, z)] !== S.air) return null
    return y + 1
  }

  function placeGroundPlants (blocks, chunkX, chunkZ, at, biome) {
    const rng = chunkRandom(seed, chunkX, chunkZ, 'plant')
    const scatter = (count, grounds, put) => {
      const n = rng.count(count)
      for (let i = 0; i < n; i++) {
        const x = rng.int(0, 15)
        const z = rng.int(0, 15)
        const roll = rng.next()
        const y = groundAt(blocks, at, x, z, grounds)
        if (y !== null) put(x, y, z, roll)
      }
    }
    const grass = [S.grass_block]
    scatter(biome.grass ?? 0, grass, (x, y, z, roll) => {
      if (roll < 0.1 && blocks[index(x, y + 1, z)] === S.air) {
        blocks[index(x, y, z)] = S.tallGrassLower
        blocks[index(x, y + 1, z)] = S.tallGrassUpper
      } else {
        blocks[index(x, y, z)] = S.short_grass
      }
    })
    scatter(biome.ferns ?? 0, grass, (x, y, z) => { blocks[index(x, y, z)] = S.fern })
    if (Object.keys(biome.flowers).length) {
      scatter(biome.flower_count ?? 0, grass, (x, y, z, roll) => {
        blocks[index(x, y, z)] = stateOf(new Random(Math.floor(roll * 4294967296)).pick(biome.flowers))
      })
    }
    scatter(biome.dead_bush ?? 0, [S.sand], (x, y, z) => { blocks[index(x, y, z)] = S.dead_bush })
    scatter(biome.cactus ?? 0, [S.sand], (x, y, z, roll) => {
      const tall = 1 + Math.floor(roll * 3)
      for (let i = 0; i < tall && sidesFree(blocks, x, y + i, z); i++) blocks[index(x, y + i, z)] = S.cactus
    })
    scatter(biome.sugar_cane ?? 0, [S.grass_block, S.sand, S.dirt], (x, y, z, roll) => {
      if (y - 1 !== seaLevel || !nextToWater(chunkX * 16 + x, chunkZ * 16 + z)) return
      const tall = 2 + Math.floor(roll * roll * 3)
      for (let i = 0; i < tall; i++) blocks[index(x, y + i, z)] = S.sugarCane
    })
  }

  // A cactus breaks with anything solid beside it; the chunk's edge counts as solid.
  function sidesFree (blocks, x, y, z) {
    for (const [dx, dz] of SIDES) {
      const nx = x + dx
      const nz = z + dz
      if (nx < 0 || nx > 15 || nz < 0 || nz > 15 || blocks[index(nx, y, nz)] !== S.air) return false
    }
    return true
  }

  function nextToWater (wx, wz) {
    for (const [dx, dz] of SIDES) {
      if (landscape.column(wx + dx, wz + dz).water !== null) return true
    }
    return false
  }

  // vanilla's bamboo feature: a stalk of 5 to 16 blocks with leaves on its top
  // three, sometimes on a disc of podzol.
  function placeBamboo (blocks, chunkX, chunkZ, at, spec) {
    const rng = chunkRandom(seed, chunkX, chunkZ, 'bamboo')
    const count = spec.noise_count ? noiseCount(spec.noise_count, chunkX, chunkZ, 404) : rng.count(spec.per_chunk)
    for (let n = 0; n < count; n++) {
      const x = rng.int(0, 15)
      const z = rng.int(0, 15)
      const height = rng.int(BAMBOO_HEIGHT[0], BAMBOO_HEIGHT[1])
      const podzol = rng.chance(spec.podzol_chance)
      const radius = rng.int(BAMBOO_PODZOL_RADIUS[0], BAMBOO_PODZOL_RADIUS[1])
      const column = at(x, z)
      const y = column.height + 1
      if (column.water !== null || !bambooGround.has(blocks[index(x, y - 1, z)]) || blocks[index(x, y, z)] !== S.air) continue
      if (podzol) spreadPodzol(blocks, at, x, z, radius)
      let top = y
      while (top - y < height && blocks[index(x, top, z)] === S.air) blocks[index(x, top++, z)] = bamboo.trunk
      if (top - y < 3 || blocks[index(x, top, z)] !== S.air) continue
      blocks[index(x, top, z)] = bamboo.top
      blocks[index(x, top - 1, z)] = bamboo.large
      blocks[index(x, top - 2, z)] = bamboo.small
    }
  }

  function spreadPodzol (blocks, at, cx, cz, radius) {
    for (let x = Math.max(0, cx - radius); x <= Math.min(15, cx + radius); x++) {
      for (let z = Math.max(0, cz - radius); z <= Math.min(15, cz + radius); z++) {
        if ((x - cx) ** 2 + (z - cz) ** 2 > radius * radius) continue
        const i = index(x, at(x, z).height, z)
        if (blocks[i] === S.grass_block || blocks[i] === S.dirt) blocks[i] = S.podzol
      }
    }
  }

  // vanilla's random patch: `tries` positions around a centre; a try lands when
  // its height offset hits the ground (air on grass).
  function placePatch (blocks, at, rng, { block, rarity, tries }) {
    const state = stateOf(block)
    if (!rng.chance(1 / rarity)) return
    const cx = rng.int(0, 15)
    const cz = rng.int(0, 15)
    for (let t = 0; t < tries; t++) {
      const x = cx + rng.int(0, PATCH_SPREAD) - rng.int(0, PATCH_SPREAD)
      const z = cz + rng.int(0, PATCH_SPREAD) - rng.int(0, PATCH_SPREAD)
      const dy = rng.int(0, PATCH_Y_SPREAD) - rng.int(0, PATCH_Y_SPREAD)
      if (dy !== 0 || x < 0 || x > 15 || z < 0 || z > 15) continue
      const y = groundAt(blocks, at, x, z, [S.grass_block])
      if (y !== null) blocks[index(x, y, z)] = state
    }
  }

  function placeWaterPlants (blocks, chunkX, chunkZ, at) {
    const spec = terrain.water_plants[at(8, 8).biomeName]
    if (!spec) return
    const rng = chunkRandom(seed, chunkX, chunkZ, 'water_plant')
    const floorAt = (x, z) => {
      const column = at(x, z)
      const y = column.height + 1
      return column.water !== null && blocks[index(x, y, z)] === S.water ? y : null
    }
    const kelp = spec.kelp_noise_count ? noiseCount(spec.kelp_noise_count, chunkX, chunkZ, 505) : 0
    for (let n = 0; n < kelp; n++) {
      const x = rng.int(0, 15)
      const z = rng.int(0, 15)
      const height = rng.int(KELP_HEIGHT[0], KELP_HEIGHT[1])
      const top = kelpTops[rng.int(0, kelpTops.length - 1)]
      const y = floorAt(x, z)
      if (y !== null) growKelp(blocks, x, y, z, height, top)
    }
    for (let n = 0; n < spec.seagrass; n++) {
      const x = rng.int(0, 15)
      const z = rng.int(0, 15)
      const tall = rng.chance(spec.tall_seagrass_chance)
      const y = floorAt(x, z)
      if (y === null) continue
      if (tall && blocks[index(x, y + 1, z)] === S.water) {
        blocks[index(x, y, z)] = tallSeagrass.lower
        blocks[index(x, y + 1, z)] = tallSeagrass.upper
      } else {
        blocks[index(x, y, z)] = seagrass
      }
    }
  }

  // vanilla's kelp feature: kelp plant up a column of water, the growing tip
  // one block under the surface at most.
  function growKelp (blocks, x, y, z, height, top) {
    for (let l = 0; l <= height; l++) {
      const here = index(x, y + l, z)
      if (blocks[here] === S.water && blocks[index(x, y + l + 1, z)] === S.water) {
        blocks[here] = l === height ? top : kelpPlant
      } else {
        if (l > 0) blocks[index(x, y + l - 1, z)] = top
        return
      }
    }
  }

  return { place }
}

module.exports = { createVegetation }

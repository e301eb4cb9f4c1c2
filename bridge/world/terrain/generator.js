// The terrain generator flying-squid calls for every new chunk
// (generation: { name: <this file>, options }). Deterministic by seed: the base
// land from ./landscape.js, then, in vanilla's order, caves, lava lakes
// (./lakes.js), amethyst geodes (./geodes.js), ores, trees and plants
// (./vegetation.js). Features that start in a neighbouring chunk are
// regenerated here and clipped to this chunk, so trees, veins, lakes and
// geodes that cross chunk borders stay whole.
'use strict'

const path = require('path')
const { createLandscape } = require('./landscape')
const { treeShape, veinShape, tunnelShape } = require('./features')
const { createLavaLakes } = require('./lakes')
const { createGeodes } = require('./geodes')
const { createVegetation } = require('./vegetation')
const { hash, chunkRandom, Random } = require('./noise')
const { MIN_Y, HEIGHT, blockIndex: index } = require('./layout')
const { createBlockStates } = require('../lib/blocks')

const TERRAIN_FILE = path.join(__dirname, '..', 'data', 'terrain.json')

function loadTerrain () {
  return require(TERRAIN_FILE)
}

function createTerrainGenerator (registry, seed, terrain = loadTerrain()) {
  seed = Number(seed) | 0
  const Chunk = require('prismarine-chunk')(registry)
  const stateOf = createBlockStates(registry)
  const landscape = createLandscape(seed, terrain)
  const S = {}
  for (const name of ['air', 'stone', 'deepslate', 'bedrock', 'dirt', 'grass_block', 'podzol', 'sand', 'sandstone', 'gravel',
    'clay', 'water', 'lava', 'short_grass', 'fern', 'dead_bush', 'tuff', 'amethyst_block']) S[name] = stateOf(name)
  S.tallGrassLower = stateOf('tall_grass', { half: 'lower' })
  S.tallGrassUpper = stateOf('tall_grass', { half: 'upper' })
  S.sugarCane = stateOf('sugar_cane')
  S.cactus = stateOf('cactus')
  const biomeIds = {}
  for (const biome of Object.values(registry.biomes)) biomeIds[biome.name] = biome.id
  const plantStates = new Set([S.short_grass, S.fern, S.dead_bush, S.tallGrassLower, S.tallGrassUpper])
  const treeParts = {}
  for (const [species, spec] of Object.entries(terrain.trees)) {
    treeParts[species] = {
      log: stateOf(spec.log, { axis: 'y' }),
      leaves: stateOf(spec.leaves, { distance: 1, persistent: false, waterlogged: false })
    }
  }
  const leafStates = new Set(Object.values(treeParts).map((p) => p.leaves))
  for (const flowers of terrain.biomes.map((b) => Object.keys(b.flowers))) {
    for (const flower of flowers) plantStates.add(stateOf(flower))
  }
  // solid ground a lava lake lines with stone: full blocks, not logs or leaves
  const notLining = new Set([...leafStates, ...Object.values(treeParts).map((p) => p.log), S.bedrock])
  S.solid = (state) => state !== 0 && !notLining.has(state) && registry.blocksByStateId[state]?.boundingBox === 'block'
  const ores = [...terrain.ores, ...terrain.biome_ores].map((ore) => ({
    ...ore,
    biomes: ore.biomes ? new Set(ore.biomes) : null,
    stoneState: ore.block ? stateOf(ore.block) : null,
    deepslateState: ore.deepslate ? stateOf(ore.deepslate) : null
  }))
  const features = { seed, terrain, landscape, states: S, stateOf }
  const lavaLakes = createLavaLakes({ ...features, rules: terrain.lava_lakes })
  const geodes = createGeodes({ ...features, rules: terrain.geodes })
  const vegetation = createVegetation(features)

  function chance (p, ...coords) {
    return hash(seed, ...coords) / 4294967296 < p
  }

  function generate (chunkX, chunkZ) {
    const { blocks, at } = generateBlocks(chunkX, chunkZ)
    return toColumn(blocks, chunkX, chunkZ, at)
  }

  // The chunk as block state ids, indexed by index(x, y, z), and its columns' landscape.
  function generateBlocks (chunkX, chunkZ) {
    const blocks = new Uint32Array(16 * 16 * HEIGHT)
    const columns = []
    const baseX = chunkX * 16
    const baseZ = chunkZ * 16
    for (let z = 0; z < 16; z++) {
      for (let x = 0; x < 16; x++) {
        const column = landscape.column(baseX + x, baseZ + z)
        columns.push(column)
        fillColumn(blocks, x, z, baseX + x, baseZ + z, column)
      }
    }
    const at = (x, z) => columns[z * 16 + x]
    carveCaves(blocks, chunkX, chunkZ, at)
    lavaLakes.place(blocks, chunkX, chunkZ)
    geodes.place(blocks, chunkX, chunkZ)
    placeOres(blocks, chunkX, chunkZ)
    placeTrees(blocks, chunkX, chunkZ)
    vegetation.place(blocks, chunkX, chunkZ, at)
    return { blocks, at }
  }

  function fillColumn (blocks, x, z, wx, wz, column) {
    const { height, biome, biomeName, water } = column
    const beach = biomeName === terrain.water_biomes.beach
    let surface = S[biome.surface]
    let filler = S[biome.filler]
    const underFiller = biome.under_filler ? S[biome.under_filler] : S.stone
    if (beach) surface = filler = S.sand
    if (water !== null) {
      const floor = pickFloor(wx, wz, biome)
      surface = floor
      filler = floor === S.clay ? S.dirt : floor
    }
    for (let y = MIN_Y; y <= height; y++) {
      let state
      if (y < MIN_Y + terrain.bedrock_layers && (y === MIN_Y || chance((MIN_Y + terrain.bedrock_layers - y) / terrain.bedrock_layers, wx, y, wz))) {
        state = S.bedrock
      } else if (y < terrain.deepslate.below ||
        (y < terrain.deepslate.gradient_to && chance((terrain.deepslate.gradient_to - y) / terrain.deepslate.gradient_to, wx, y + 1000, wz))) {
        state = S.deepslate
      } else if (y === height) {
        state = surface
      } else if (y >= height - 3) {
        state = filler
      } else if (y >= height - 6 && underFiller !== S.stone) {
        state = underFiller
      } else {
        state = S.stone
      }
      blocks[index(x, y, z)] = state
    }
    if (water !== null) {
      for (let y = height + 1; y <= water; y++) blocks[index(x, y, z)] = S.water
    }
  }

  function pickFloor (wx, wz, biome) {
    const weights = biome.clay_in_water ? { ...terrain.water_floor, clay: terrain.water_floor.clay * 3 } : terrain.water_floor
    const rng = new Random(hash(seed, wx >> 2, wz >> 2, 77))
    return S[rng.pick(weights)]
  }

  // Tunnels by source chunk; neighbouring chunks ask for the same ones.
  const tunnelCache = new Map()
  function tunnelsFrom (sx, sz) {
    const key = sx + ',' + sz
    let tunnels = tunnelCache.get(key)
    if (tunnels) return tunnels
    tunnels = []
    terrain.caves.systems.forEach((caves, system) => {
      const rng = chunkRandom(seed, sx, sz, system === 0 ? 'cave' : 'deep_cave')
      if (!rng.chance(caves.chance_per_chunk)) return
      const count = rng.int(caves.tunnels[0], caves.tunnels[1])
      for (let t = 0; t < count; t++) {
        const start = [sx * 16 + rng.int(0, 15), rng.int(caves.start_y[0], caves.start_y[1]), sz * 16 + rng.int(0, 15)]
        tunnels.push(tunnelShape(rng, ...start, caves))
      }
    })
    if (tunnelCache.size > 4096) tunnelCache.clear()
    tunnelCache.set(key, tunnels)
    return tunnels
  }

  function carveCaves (blocks, chunkX, chunkZ, at) {
    const reach = terrain.caves.reach_chunks
    const minX = chunkX * 16 - 4
    const maxX = chunkX * 16 + 20
    const minZ = chunkZ * 16 - 4
    const maxZ = chunkZ * 16 + 20
    for (let sz = chunkZ - reach; sz <= chunkZ + reach; sz++) {
      for (let sx = chunkX - reach; sx <= chunkX + reach; sx++) {
        for (const spheres of tunnelsFrom(sx, sz)) {
          for (const sphere of spheres) {
            if (sphere[0] < minX || sphere[0] > maxX || sphere[2] < minZ || sphere[2] > maxZ) continue
            carveSphere(blocks, chunkX, chunkZ, at, sphere)
          }
        }
      }
    }
  }

  function carveSphere (blocks, chunkX, chunkZ, at, [cx, cy, cz, r]) {
    const x0 = Math.max(0, Math.floor(cx - r) - chunkX * 16)
    const x1 = Math.min(15, Math.ceil(cx + r) - chunkX * 16)
    const z0 = Math.max(0, Math.floor(cz - r) - chunkZ * 16)
    const z1 = Math.min(15, Math.ceil(cz + r) - chunkZ * 16)
    if (x0 > x1 || z0 > z1) return
    const caves = terrain.caves
    for (let z = z0; z <= z1; z++) {
      for (let x = x0; x <= x1; x++) {
        const column = at(x, z)
        const top = column.water !== null ? column.height - caves.keep_below_water : column.height - caves.keep_below_surface
        const dx = x + chunkX * 16 + 0.5 - cx
        const dz = z + chunkZ * 16 + 0.5 - cz
        const y0 = Math.max(MIN_Y + 1, Math.floor(cy - r))
        const y1 = Math.min(top - 1, Math.ceil(cy + r))
        for (let y = y0; y <= y1; y++) {
          const dy = (y + 0.5 - cy) * 1.3
          if (dx * dx + dy * dy + dz * dz > r * r) continue
          const i = index(x, y, z)
          if (blocks[i] === S.bedrock || blocks[i] === S.water) continue
          blocks[i] = y <= terrain.lava_level ? S.lava : S.air
        }
      }
    }
  }

  // Veins by source chunk, as flat [x, y, z, ...] lists per ore; the nine
  // chunks around a source all ask for the same ones.
  const veinCache = new Map()
  function veinsFrom (sx, sz) {
    const key = sx + ',' + sz
    let veins = veinCache.get(key)
    if (veins) return veins
    const centreBiome = landscape.column(sx * 16 + 8, sz * 16 + 8).biomeName
    veins = ores.map((ore, oreIndex) => {
      if (ore.biomes && !ore.biomes.has(centreBiome)) return new Int32Array(0)
      const rng = new Random(hash(seed, sx, sz, 1000 + oreIndex))
      const attempts = rng.count(ore.attempts)
      const coords = []
      for (let a = 0; a < attempts; a++) {
        const x = sx * 16 + rng.int(0, 15)
        const z = sz * 16 + rng.int(0, 15)
        const y = ore.shape === 'uniform'
          ? rng.int(ore.min_y, ore.max_y)
          : Math.round(ore.min_y + (rng.next() + rng.next()) / 2 * (ore.max_y - ore.min_y))
        if (y <= MIN_Y || y >= MIN_Y + HEIGHT - 1) continue
        veinShape(rng, x, y, z, ore.size, coords)
      }
      return Int32Array.from(coords)
    })
    if (veinCache.size > 512) veinCache.clear()
    veinCache.set(key, veins)
    return veins
  }

  function placeOres (blocks, chunkX, chunkZ) {
    for (let sz = chunkZ - 1; sz <= chunkZ + 1; sz++) {
      for (let sx = chunkX - 1; sx <= chunkX + 1; sx++) {
        const veins = veinsFrom(sx, sz)
        for (let o = 0; o < ores.length; o++) {
          const coords = veins[o]
          for (let i = 0; i < coords.length; i += 3) {
            placeOreBlock(blocks, chunkX, chunkZ, ores[o], coords[i], coords[i + 1], coords[i + 2])
          }
        }
      }
    }
  }

  function placeOreBlock (blocks, chunkX, chunkZ, ore, wx, y, wz) {
    const x = wx - chunkX * 16
    const z = wz - chunkZ * 16
    if (x < 0 || x > 15 || z < 0 || z > 15 || y <= MIN_Y || y >= MIN_Y + HEIGHT - 1) return
    const i = index(x, y, z)
    const current = blocks[i]
    let replacement = null
    if (current === S.stone) replacement = ore.stoneState
    else if (current === S.deepslate) replacement = ore.deepslateState
    if (replacement === null) return
    if (ore.discard_on_air > 0 && touchesAir(blocks, x, y, z) && chance(ore.discard_on_air, wx, y, wz)) return
    blocks[i] = replacement
  }

  function touchesAir (blocks, x, y, z) {
    const neighbours = [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]]
    for (const [dx, dy, dz] of neighbours) {
      const nx = x + dx
      const nz = z + dz
      if (nx < 0 || nx > 15 || nz < 0 || nz > 15) continue
      const state = blocks[index(nx, y + dy, nz)]
      if (state === S.air || state === S.water || state === S.lava) return true
    }
    return false
  }

  // Trees of this chunk and its neighbours, in one fixed order.
  function treesAround (chunkX, chunkZ) {
    const trees = []
    for (let sz = chunkZ - 1; sz <= chunkZ + 1; sz++) {
      for (let sx = chunkX - 1; sx <= chunkX + 1; sx++) {
        const rng = chunkRandom(seed, sx, sz, 'tree')
        const centre = landscape.column(sx * 16 + 8, sz * 16 + 8)
        const count = rng.count(centre.biome.tree_count)
        for (let t = 0; t < count; t++) {
          const x = sx * 16 + rng.int(0, 15)
          const z = sz * 16 + rng.int(0, 15)
          const roll = rng.next()
          const column = landscape.column(x, z)
          const biome = column.biome
          if (column.water !== null || column.biomeName === terrain.water_biomes.beach || lavaLakes.surfaceLakeAt(x, z)) continue
          if (biome.surface !== 'grass_block' || Object.keys(biome.trees).length === 0) continue
          const species = new Random(Math.floor(roll * 4294967296)).pick(biome.trees)
          const spec = terrain.trees[species]
          const shape = treeShape(spec.shape, spec.trunk, new Random(hash(seed, x, z, 99)), x, column.height + 1, z)
          trees.push({ species, shape })
        }
      }
    }
    return trees
  }

  function placeTrees (blocks, chunkX, chunkZ) {
    for (const { species, shape } of treesAround(chunkX, chunkZ)) {
      const parts = treeParts[species]
      for (const [wx, y, wz, part] of shape) {
        const x = wx - chunkX * 16
        const z = wz - chunkZ * 16
        if (x < 0 || x > 15 || z < 0 || z > 15 || y >= MIN_Y + HEIGHT) continue
        const i = index(x, y, z)
        const current = blocks[i]
        if (part === 'log') {
          if (current === S.air || leafStates.has(current) || plantStates.has(current)) blocks[i] = parts.log
        } else if (current === S.air) {
          blocks[i] = parts.leaves
        }
      }
    }
  }

  function toColumn (blocks, chunkX, chunkZ, at) {
    const chunk = new Chunk({ minY: MIN_Y, worldHeight: HEIGHT })
    const pos = { x: 0, y: 0, z: 0 }
    const tops = new Int32Array(256)
    for (let z = 0; z < 16; z++) {
      for (let x = 0; x < 16; x++) {
        let top = MIN_Y
        pos.x = x
        pos.z = z
        for (let y = MIN_Y; y < MIN_Y + HEIGHT; y++) {
          const state = blocks[index(x, y, z)]
          if (state === 0) continue
          pos.y = y
          chunk.setBlockStateId(pos, state)
          top = y
        }
        tops[z * 16 + x] = top
      }
    }
    fillSkyLight(chunk, tops)
    for (let bz = 0; bz < 4; bz++) {
      for (let bx = 0; bx < 4; bx++) {
        const biome = biomeIds[at(bx * 4 + 2, bz * 4 + 2).biomeName]
        pos.x = bx * 4
        pos.z = bz * 4
        for (let y = MIN_Y; y < MIN_Y + HEIGHT; y += 4) {
          pos.y = y
          chunk.setBiome(pos, biome)
        }
      }
    }
    return chunk
  }

  return { generate, generateBlocks, landscape, stateOf }
}

// Full sky light above the highest block of each column. Sections above every
// column are filled whole (4 bits of 15 each), which is most of the cost saved.
function fillSkyLight (chunk, tops) {
  const pos = { x: 0, y: 0, z: 0 }
  const maxTop = Math.max(...tops)
  const firstFullY = MIN_Y + 16 * Math.ceil((maxTop + 1 - MIN_Y) / 16)
  for (let z = 0; z < 16; z++) {
    for (let x = 0; x < 16; x++) {
      pos.x = x
      pos.z = z
      for (let y = tops[z * 16 + x] + 1; y < firstFullY; y++) {
        pos.y = y
        chunk.setSkyLight(pos, 15)
      }
    }
  }
  pos.x = 0
  pos.z = 0
  for (let y = firstFullY; y < MIN_Y + HEIGHT; y += 16) {
    pos.y = y
    chunk.setSkyLight(pos, 15)
    chunk.skyLightSections[((y - MIN_Y) >> 4) + 1].data.fill(0xffffffff)
  }
}

// flying-squid passes { seed, version, registry, ...options }; `overlay`
// (from the persistence plugin) re-applies the blocks players changed.
function generation (options) {
  const terrain = createTerrainGenerator(options.registry, options.voyagerSeed ?? options.seed)
  return (chunkX, chunkZ) => {
    const column = terrain.generate(chunkX, chunkZ)
    options.overlay?.(chunkX, chunkZ, column)
    return column
  }
}

module.exports = generation
module.exports.createTerrainGenerator = createTerrainGenerator
module.exports.MIN_Y = MIN_Y
module.exports.HEIGHT = HEIGHT
module.exports.blockIndex = index

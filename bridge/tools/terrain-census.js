// Surveys the built-in world's terrain around the spawn for some seeds, with
// the same generator, spawn search and animal placement as the server:
//
//   node tools/terrain-census.js [--seeds 1 2 ...] [--near 128] [--far 256]
//
// For each seed: the spawn, the horizontal distance from it to the nearest
// tree, water, coal, iron and passive animal (each must be within --near
// blocks), to the nearest diamond ore (within --far blocks, below y 16) and,
// for information, to the nearest cow; and the generation time per chunk.
// One JSON line per seed, then a table and a PASS/FAIL line; exits 1 if any
// seed fails.
'use strict'

const path = require('path')
const registry = require('prismarine-registry')('1.20.4')
const { createTerrainGenerator, MIN_Y, HEIGHT, blockIndex } = require('../world/terrain/generator')
const { findSpawnPoint } = require('../world/terrain/spawn-point')
const { chunkAnimals } = require('../world/terrain/animals')
const mobs = require(path.join(__dirname, '..', 'world', 'data', 'mobs.json'))

const DIAMOND_BELOW_Y = 16
const CATEGORIES = {
  tree: (name) => name.endsWith('_log'),
  water: (name) => name === 'water',
  coal: (name) => name === 'coal_ore' || name === 'deepslate_coal_ore',
  iron: (name) => name === 'iron_ore' || name === 'deepslate_iron_ore',
  diamond: (name) => name === 'diamond_ore' || name === 'deepslate_diamond_ore'
}
const NEAR_KINDS = ['tree', 'water', 'coal', 'iron', 'animal']

function parseArgs (argv) {
  const args = { seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], near: 128, far: 256 }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--seeds') {
      args.seeds = []
      while (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) args.seeds.push(Number(argv[++i]))
    } else if (argv[i] === '--near') args.near = Number(argv[++i])
    else if (argv[i] === '--far') args.far = Number(argv[++i])
    else throw new Error(`unknown argument ${argv[i]}; expected --seeds, --near or --far`)
  }
  return args
}

// state id -> category name (or undefined)
function categoryOfState () {
  const out = []
  for (const [id, block] of Object.entries(registry.blocksByStateId)) {
    for (const [category, test] of Object.entries(CATEGORIES)) {
      if (test(block.name)) out[Number(id)] = category
    }
  }
  return out
}

async function survey (seed, { near, far }, categoryOf) {
  const terrain = createTerrainGenerator(registry, seed)
  const chunkCache = new Map()
  const blocksOf = (cx, cz) => {
    const k = cx + ',' + cz
    if (!chunkCache.has(k)) {
      if (chunkCache.size > 64) chunkCache.clear()
      chunkCache.set(k, terrain.generateBlocks(cx, cz).blocks)
    }
    return chunkCache.get(k)
  }
  const blockNameAt = (x, y, z) => {
    const blocks = blocksOf(Math.floor(x / 16), Math.floor(z / 16))
    return registry.blocksByStateId[blocks[blockIndex(x & 15, y, z & 15)]].name
  }
  const spawn = await findSpawnPoint(terrain.landscape, blockNameAt)
  const nearest = { tree: Infinity, water: Infinity, coal: Infinity, iron: Infinity, animal: Infinity, diamond: Infinity, cow: Infinity }
  const sx = Math.floor(spawn.x / 16)
  const sz = Math.floor(spawn.z / 16)
  const reach = Math.ceil(far / 16) + 1
  let chunks = 0
  let generationMs = 0
  for (let cz = sz - reach; cz <= sz + reach; cz++) {
    for (let cx = sx - reach; cx <= sx + reach; cx++) {
      const started = process.hrtime.bigint()
      const { blocks } = terrain.generateBlocks(cx, cz)
      generationMs += Number(process.hrtime.bigint() - started) / 1e6
      chunks++
      const inNearRange = chunkDistance(spawn, cx, cz) <= near
      const yTop = inNearRange ? MIN_Y + HEIGHT : DIAMOND_BELOW_Y
      for (let z = 0; z < 16; z++) {
        for (let x = 0; x < 16; x++) {
          const d = Math.hypot(cx * 16 + x + 0.5 - spawn.x, cz * 16 + z + 0.5 - spawn.z)
          for (let y = MIN_Y; y < yTop; y++) {
            const category = categoryOf[blocks[blockIndex(x, y, z)]]
            if (!category || d >= nearest[category]) continue
            if (category === 'diamond' && y >= DIAMOND_BELOW_Y) continue
            nearest[category] = d
          }
        }
      }
      if (!inNearRange) continue
      for (const animal of chunkAnimals(seed, cx, cz, terrain.landscape, mobs.chunk_spawns)) {
        const ground = registry.blocksByStateId[blocks[blockIndex(animal.x & 15, animal.y - 1, animal.z & 15)]].name
        const above = registry.blocksByStateId[blocks[blockIndex(animal.x & 15, animal.y, animal.z & 15)]]
        if (ground !== 'grass_block' || above.boundingBox !== 'empty') continue
        const d = Math.hypot(animal.x + 0.5 - spawn.x, animal.z + 0.5 - spawn.z)
        nearest.animal = Math.min(nearest.animal, d)
        if (animal.kind === 'cow') nearest.cow = Math.min(nearest.cow, d)
      }
    }
  }
  const passed = NEAR_KINDS.every((kind) => nearest[kind] <= near) && nearest.diamond <= far
  return { seed, spawn, nearest: roundAll(nearest), chunks, msPerChunk: +(generationMs / chunks).toFixed(2), passed }
}

function chunkDistance (spawn, cx, cz) {
  const dx = Math.max(cx * 16 - spawn.x, 0, spawn.x - (cx * 16 + 16))
  const dz = Math.max(cz * 16 - spawn.z, 0, spawn.z - (cz * 16 + 16))
  return Math.hypot(dx, dz)
}

function roundAll (distances) {
  const out = {}
  for (const [k, v] of Object.entries(distances)) out[k] = Number.isFinite(v) ? Math.round(v) : null
  return out
}

async function main () {
  const args = parseArgs(process.argv.slice(2))
  const categoryOf = categoryOfState()
  const results = []
  for (const seed of args.seeds) {
    const result = await survey(seed, args, categoryOf)
    console.log(JSON.stringify(result))
    results.push(result)
  }
  const kinds = [...NEAR_KINDS, 'diamond', 'cow']
  console.log(`\nnearest, in blocks from spawn (goal: <= ${args.near}; diamond below y ${DIAMOND_BELOW_Y} <= ${args.far}; cow for information)`)
  console.log(['seed', 'spawn', ...kinds, 'ms/chunk', 'verdict'].map((h) => h.padStart(9)).join(''))
  for (const r of results) {
    const spawn = `${Math.floor(r.spawn.x)},${Math.floor(r.spawn.z)}`
    const cells = kinds.map((k) => String(r.nearest[k] ?? 'none'))
    console.log([String(r.seed), spawn, ...cells, String(r.msPerChunk), r.passed ? 'pass' : 'FAIL'].map((c) => c.padStart(9)).join(''))
  }
  const failed = results.filter((r) => !r.passed).map((r) => r.seed)
  console.log(failed.length ? `FAIL: seeds ${failed.join(', ')}` : `PASS: all ${results.length} seeds`)
  process.exitCode = failed.length ? 1 : 0
}

main().catch((err) => { console.error(err); process.exit(2) })

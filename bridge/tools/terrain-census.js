// Surveys the built-in world's terrain around the spawn for some seeds, with
// the same generator, spawn search and animal placement as the server:
//
//   node tools/terrain-census.js [--seeds 1 2 ...] [--near 128] [--far 256] [--core 4] [--jobs N]
//
// Seeds are surveyed on --jobs worker threads at once (default: one per core).
//
// For each seed, one JSON line:
// - spawn: the point, the block under it, whether all four sides have room to
//   place a block on solid ground, the steepest step within 2 blocks, water
//   within 3 blocks, anything but air above the head;
// - nearest: horizontal distance from the spawn to the nearest tree, water,
//   coal, iron, passive animal, cow, plant (bamboo, cactus, sugar cane, melon,
//   kelp), amethyst cluster, lava and surface lava (within --near blocks), and
//   diamond ore below y 16 (within --far blocks);
// - biomes: the share of each biome within --near blocks and the distance to
//   the nearest column of each biome within 1024 blocks;
// - heights: surface heights within --near blocks and the share under water;
// - ores: blocks per chunk by height band, over the (2 * core + 1)^2 chunks
//   around the spawn; diamond_peak_y: the 4-block band richest in diamond ore
//   (within --far blocks); lava per chunk below and above y -55;
// - animals within 32 and 64 blocks, by kind; the generation time per chunk.
// Then tables and a PASS/FAIL line: a seed passes when tree, water, coal, iron
// and an animal are within --near blocks, diamond within --far, and the spawn
// has room on all four sides. Exits 1 if any seed fails.
'use strict'

const os = require('os')
const path = require('path')
const { Worker, isMainThread, parentPort, workerData } = require('worker_threads')
const registry = require('prismarine-registry')('1.20.4')
const { createTerrainGenerator, MIN_Y, HEIGHT, blockIndex } = require('../world/terrain/generator')
const { findSpawnPoint } = require('../world/terrain/spawn-point')
const { chunkAnimals, standsThere, animalNear } = require('../world/terrain/animals')
const mobs = require(path.join(__dirname, '..', 'world', 'data', 'mobs.json'))

const DIAMOND_BELOW_Y = 16
const DEEP_LAVA_AT_OR_BELOW = -55
const BIOME_SEARCH = 1024
const BANDS = [[-64, -33], [-32, -1], [0, 31], [32, 63], [64, 127], [128, 319]]
const ORES = ['coal', 'iron', 'copper', 'gold', 'redstone', 'lapis', 'diamond', 'emerald']
const PLANTS = { bamboo: ['bamboo'], cactus: ['cactus'], sugar_cane: ['sugar_cane'], melon: ['melon'], kelp: ['kelp', 'kelp_plant'] }
const NEAR_KINDS = ['tree', 'water', 'coal', 'iron', 'animal']

function parseArgs (argv) {
  const args = { seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], near: 128, far: 256, core: 4, jobs: os.cpus().length }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--seeds') {
      args.seeds = []
      while (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) args.seeds.push(Number(argv[++i]))
    } else if (['--near', '--far', '--core', '--jobs'].includes(argv[i])) args[argv[i].slice(2)] = Number(argv[++i])
    else throw new Error(`unknown argument ${argv[i]}; expected --seeds, --near, --far, --core or --jobs`)
  }
  return args
}

// What each block state counts as: a category for the nearest-distance search, an ore name.
function classifyStates () {
  const category = []
  const ore = []
  const plantOf = {}
  for (const [plant, names] of Object.entries(PLANTS)) for (const name of names) plantOf[name] = plant
  for (const [id, block] of Object.entries(registry.blocksByStateId)) {
    const name = block.name
    const i = Number(id)
    const oreName = name.replace(/^deepslate_/, '').replace(/_ore$/, '')
    if (name.endsWith('_ore') && ORES.includes(oreName)) ore[i] = oreName
    if (name.endsWith('_log')) category[i] = 'tree'
    else if (name === 'water') category[i] = 'water'
    else if (name === 'lava') category[i] = 'lava'
    else if (name === 'amethyst_cluster') category[i] = 'amethyst'
    else if (plantOf[name]) category[i] = plantOf[name]
    else if (ore[i] && ['coal', 'iron', 'diamond'].includes(ore[i])) category[i] = ore[i]
  }
  return { category, ore }
}

function createWorld (seed) {
  const terrain = createTerrainGenerator(registry, seed)
  const cache = new Map()
  const blocksOf = (cx, cz) => {
    const k = cx + ',' + cz
    if (!cache.has(k)) {
      if (cache.size > 64) cache.clear()
      cache.set(k, terrain.generateBlocks(cx, cz).blocks)
    }
    return cache.get(k)
  }
  const blockAt = (x, y, z) => registry.blocksByStateId[blocksOf(Math.floor(x / 16), Math.floor(z / 16))[blockIndex(x & 15, y, z & 15)]]
  return { terrain, blockAt, blockNameAt: (x, y, z) => blockAt(x, y, z).name }
}

// The ground the spawn search picked, as a player placing blocks beside it would see it.
function spawnGround (world, spawn) {
  const x = Math.floor(spawn.x)
  const y = Math.floor(spawn.y)
  const z = Math.floor(spawn.z)
  const sides = [[1, 0], [-1, 0], [0, 1], [0, -1]]
  const openSides = sides.filter(([dx, dz]) => world.blockNameAt(x + dx, y, z + dz) === 'air' &&
    world.blockAt(x + dx, y - 1, z + dz).boundingBox === 'block').length
  let step = 0
  for (let dz = -2; dz <= 2; dz++) {
    for (let dx = -2; dx <= 2; dx++) step = Math.max(step, Math.abs(world.terrain.landscape.column(x + dx, z + dz).height - (y - 1)))
  }
  let water = false
  for (let dy = -2; dy <= 1; dy++) {
    for (let dz = -3; dz <= 3; dz++) {
      for (let dx = -3; dx <= 3; dx++) if (world.blockNameAt(x + dx, y + dy, z + dz) === 'water') water = true
    }
  }
  let covered = false
  for (let dy = 2; dy < 24; dy++) if (world.blockNameAt(x, y + dy, z) !== 'air') covered = true
  const ground = world.blockNameAt(x, y - 1, z)
  return { ground, openSides, step, water, covered, open: openSides === 4 && !water && ground !== 'sand' }
}

function survey (seed, args, states) {
  const world = createWorld(seed)
  const { terrain } = world
  const animalsNear = (x, z, radius) => animalNear(seed, terrain.landscape, mobs.chunk_spawns, world.blockAt, x, z, radius)
  const spawnPromise = findSpawnPoint(terrain.landscape, world.blockAt, animalsNear)
  return spawnPromise.then(async (spawn) => {
    const nearest = {}
    const note = (kind, d) => { if (!(nearest[kind] <= d)) nearest[kind] = d }
    const oreBands = Object.fromEntries(ORES.map((o) => [o, BANDS.map(() => 0)]))
    const diamondByBand = new Map()
    let coreChunks = 0
    let deepLava = 0
    let upperLava = 0
    const sx = Math.floor(spawn.x / 16)
    const sz = Math.floor(spawn.z / 16)
    const reach = Math.ceil(args.far / 16) + 1
    let chunks = 0
    let generationMs = 0
    const animals = { within32: 0, within64: 0, kinds: {} }
    for (let cz = sz - reach; cz <= sz + reach; cz++) {
      for (let cx = sx - reach; cx <= sx + reach; cx++) {
        const started = process.hrtime.bigint()
        const { blocks } = terrain.generateBlocks(cx, cz)
        generationMs += Number(process.hrtime.bigint() - started) / 1e6
        chunks++
        const inNear = chunkDistance(spawn, cx, cz) <= args.near
        const inCore = Math.abs(cx - sx) <= args.core && Math.abs(cz - sz) <= args.core
        if (inCore) coreChunks++
        const yTop = inNear || inCore ? MIN_Y + HEIGHT : DIAMOND_BELOW_Y
        for (let z = 0; z < 16; z++) {
          for (let x = 0; x < 16; x++) {
            const d = Math.hypot(cx * 16 + x + 0.5 - spawn.x, cz * 16 + z + 0.5 - spawn.z)
            let sky = true
            for (let y = yTop - 1; y >= MIN_Y; y--) {
              const state = blocks[blockIndex(x, y, z)]
              const ore = states.ore[state]
              if (ore === 'diamond' && y < DIAMOND_BELOW_Y) {
                const band = Math.floor(y / 4) * 4
                diamondByBand.set(band, (diamondByBand.get(band) ?? 0) + 1)
              }
              if (inCore && ore) oreBands[ore][BANDS.findIndex(([lo, hi]) => y >= lo && y <= hi)]++
              const category = states.category[state]
              if (category === 'lava') {
                if (inCore) y <= DEEP_LAVA_AT_OR_BELOW ? deepLava++ : upperLava++
                if (inNear && sky) note('surface_lava', d)
              }
              if (state !== 0) sky = false
              if (!category) continue
              if (category === 'diamond') {
                if (y < DIAMOND_BELOW_Y) note('diamond', d)
              } else if (inNear) note(category, d)
            }
          }
        }
        if (!inNear) continue
        const blockHere = (x, y, z) => registry.blocksByStateId[blocks[blockIndex(x & 15, y, z & 15)]]
        for (const animal of chunkAnimals(seed, cx, cz, terrain.landscape, mobs.chunk_spawns)) {
          if (!(await standsThere(blockHere, animal))) continue
          const d = Math.hypot(animal.x + 0.5 - spawn.x, animal.z + 0.5 - spawn.z)
          note('animal', d)
          if (animal.kind === 'cow') note('cow', d)
          if (d <= 32) animals.within32++
          if (d <= 64) {
            animals.within64++
            const kind = animal.color ? `${animal.color}_${animal.kind}` : animal.kind
            animals.kinds[kind] = (animals.kinds[kind] ?? 0) + 1
          }
        }
      }
    }
    const ores = {}
    for (const ore of ORES) ores[ore] = Object.fromEntries(BANDS.map(([lo, hi], i) => [`${lo}..${hi}`, +(oreBands[ore][i] / coreChunks).toFixed(1)]))
    const diamondPeak = [...diamondByBand.entries()].sort((a, b) => b[1] - a[1])[0]
    const ground = spawnGround(world, spawn)
    const passed = NEAR_KINDS.every((kind) => nearest[kind] <= args.near) && nearest.diamond <= args.far && ground.open
    return {
      seed,
      spawn: { x: spawn.x, y: spawn.y, z: spawn.z, ...ground },
      nearest: roundAll(nearest),
      biomes: biomeFigures(terrain.landscape, spawn, args.near),
      heights: heightFigures(terrain.landscape, spawn, args.near),
      ores,
      diamond_peak_y: diamondPeak ? diamondPeak[0] : null,
      lava_per_chunk: { deep: +(deepLava / coreChunks).toFixed(1), above: +(upperLava / coreChunks).toFixed(1) },
      animals,
      chunks,
      msPerChunk: +(generationMs / chunks).toFixed(2),
      passed
    }
  })
}

function biomeFigures (landscape, spawn, near) {
  const share = {}
  let samples = 0
  for (let dz = -near; dz <= near; dz += 8) {
    for (let dx = -near; dx <= near; dx += 8) {
      if (dx * dx + dz * dz > near * near) continue
      const name = landscape.column(Math.floor(spawn.x) + dx, Math.floor(spawn.z) + dz).biomeName
      share[name] = (share[name] ?? 0) + 1
      samples++
    }
  }
  for (const name of Object.keys(share)) share[name] = +(share[name] / samples).toFixed(2)
  const nearest = {}
  for (let r = 0; r <= BIOME_SEARCH; r += 16) {
    const steps = Math.max(1, Math.round(2 * Math.PI * r / 16))
    for (let i = 0; i < steps; i++) {
      const a = 2 * Math.PI * i / steps
      const name = landscape.column(Math.floor(spawn.x + r * Math.cos(a)), Math.floor(spawn.z + r * Math.sin(a))).biomeName
      if (!(name in nearest)) nearest[name] = r
    }
  }
  return { share, nearest }
}

function heightFigures (landscape, spawn, near) {
  const heights = []
  let wet = 0
  for (let dz = -near; dz <= near; dz += 4) {
    for (let dx = -near; dx <= near; dx += 4) {
      if (dx * dx + dz * dz > near * near) continue
      const column = landscape.column(Math.floor(spawn.x) + dx, Math.floor(spawn.z) + dz)
      heights.push(column.height)
      if (column.water !== null) wet++
    }
  }
  heights.sort((a, b) => a - b)
  return { min: heights[0], median: heights[heights.length >> 1], max: heights[heights.length - 1], water: +(wet / heights.length).toFixed(2) }
}

function chunkDistance (spawn, cx, cz) {
  const dx = Math.max(cx * 16 - spawn.x, 0, spawn.x - (cx * 16 + 16))
  const dz = Math.max(cz * 16 - spawn.z, 0, spawn.z - (cz * 16 + 16))
  return Math.hypot(dx, dz)
}

function roundAll (distances) {
  const out = {}
  for (const [k, v] of Object.entries(distances)) out[k] = Math.round(v)
  return out
}

function table (title, header, rows) {
  console.log(`\n${title}`)
  for (const row of [header, ...rows]) console.log(row.map((c) => String(c ?? '-').padStart(9)).join(''))
}

function printTables (results, args) {
  const kinds = [...NEAR_KINDS, 'diamond', 'cow', 'lava', 'surface_lava', 'amethyst', ...Object.keys(PLANTS)]
  table(`nearest, in blocks from spawn (goal: <= ${args.near}; diamond below y ${DIAMOND_BELOW_Y} <= ${args.far}); '-' none`,
    ['seed', 'spawn', ...kinds.map((k) => k.slice(0, 8)), 'verdict'],
    results.map((r) => [r.seed, `${Math.floor(r.spawn.x)},${Math.floor(r.spawn.z)}`, ...kinds.map((k) => r.nearest[k]), r.passed ? 'pass' : 'FAIL']))
  table('spawn ground (open: four sides free on solid ground, no water within 3, not sand); step: steepest within 2 blocks',
    ['seed', 'y', 'ground', 'sides', 'step', 'water', 'covered', 'open'],
    results.map((r) => [r.seed, r.spawn.y, r.spawn.ground, r.spawn.openSides, r.spawn.step, r.spawn.water, r.spawn.covered, r.spawn.open]))
  table(`heights within ${args.near} blocks; animals (chunk spawns) within 32 and 64 blocks; lava blocks per chunk (deep: y <= ${DEEP_LAVA_AT_OR_BELOW}); ms per chunk`,
    ['seed', 'min', 'median', 'max', 'water', 'an<=32', 'an<=64', 'lavaDeep', 'lavaUp', 'diamondY', 'ms/chunk'],
    results.map((r) => [r.seed, r.heights.min, r.heights.median, r.heights.max, r.heights.water, r.animals.within32,
      r.animals.within64, r.lava_per_chunk.deep, r.lava_per_chunk.above, r.diamond_peak_y, r.msPerChunk]))
  const bandNames = BANDS.map(([lo, hi]) => `${lo}..${hi}`)
  table(`ore blocks per chunk by y band, mean over seeds (${(2 * args.core + 1) ** 2} chunks around each spawn)`,
    ['ore', ...bandNames],
    ORES.map((ore) => [ore, ...bandNames.map((band) => +(results.reduce((s, r) => s + r.ores[ore][band], 0) / results.length).toFixed(1))]))
  const biomeNames = [...new Set(results.flatMap((r) => Object.keys(r.biomes.nearest)))].sort()
  table(`nearest column of each biome within ${BIOME_SEARCH} blocks`,
    ['biome', ...results.map((r) => `seed ${r.seed}`)],
    biomeNames.map((b) => [b.slice(0, 9), ...results.map((r) => r.biomes.nearest[b])]))
}

// Each worker surveys every jobs-th seed and posts each result as it is done.
function surveyOnWorkers (args, onResult) {
  const jobs = Math.max(1, Math.min(args.jobs, args.seeds.length))
  const workers = Array.from({ length: jobs }, (_, j) => new Promise((resolve, reject) => {
    const seeds = args.seeds.filter((_, i) => i % jobs === j)
    const worker = new Worker(__filename, { workerData: { seeds, args } })
    worker.on('message', onResult)
    worker.on('error', reject)
    worker.on('exit', (code) => code === 0 ? resolve() : reject(new Error(`a census worker exited with ${code}`)))
  }))
  return Promise.all(workers)
}

async function surveyInWorker () {
  const states = classifyStates()
  for (const seed of workerData.seeds) parentPort.postMessage(await survey(seed, workerData.args, states))
}

async function main () {
  const args = parseArgs(process.argv.slice(2))
  const results = []
  await surveyOnWorkers(args, (result) => {
    console.log(JSON.stringify(result))
    results.push(result)
  })
  results.sort((a, b) => args.seeds.indexOf(a.seed) - args.seeds.indexOf(b.seed))
  printTables(results, args)
  const failed = results.filter((r) => !r.passed).map((r) => r.seed)
  console.log(failed.length ? `FAIL: seeds ${failed.join(', ')}` : `PASS: all ${results.length} seeds`)
  process.exitCode = failed.length ? 1 : 0
}

if (isMainThread) main().catch((err) => { console.error(err); process.exit(2) })
else surveyInWorker()

// Finds the block of a kind nearest to a seed's spawn, like vanilla's /locate,
// with the same generator and spawn search as the server:
//
//   node tools/terrain-locate.js --seed N --block NAME [--radius 256] [--below Y]
//
// Prints one JSON line: the spawn, the block (x, y, z and biome), and where a
// player can stand within reach of it (air at the feet and head, a full block
// under the feet, nothing but air or plants at the feet and head), or exits 1 saying that none is within --radius blocks.
'use strict'

const registry = require('prismarine-registry')('1.20.4')
const { createTerrainGenerator, MIN_Y, HEIGHT, blockIndex } = require('../world/terrain/generator')
const { findSpawnPoint } = require('../world/terrain/spawn-point')
const { animalNear } = require('../world/terrain/animals')
const mobs = require('../world/data/mobs.json')

const REACH = 3
const NOT_GROUND = new Set(['cactus', 'lava', 'water', 'magma_block'])

function parseArgs (argv) {
  const args = { seed: null, block: null, radius: 256, below: MIN_Y + HEIGHT }
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '')
    if (!(key in args)) throw new Error(`unknown argument ${argv[i]}; expected --seed, --block, --radius or --below`)
    args[key] = key === 'block' ? argv[i + 1] : Number(argv[i + 1])
  }
  if (args.seed === null || !registry.blocksByName[args.block]) throw new Error('needs --seed N and --block NAME (a block of Minecraft 1.20.4)')
  return args
}

async function locate ({ seed, block, radius, below }) {
  const terrain = createTerrainGenerator(registry, seed)
  const cache = new Map()
  const blocksOf = (cx, cz) => {
    const key = cx + ',' + cz
    if (!cache.has(key)) cache.set(key, terrain.generateBlocks(cx, cz).blocks)
    return cache.get(key)
  }
  const blockAt = (x, y, z) => registry.blocksByStateId[blocksOf(Math.floor(x / 16), Math.floor(z / 16))[blockIndex(x & 15, y, z & 15)]]
  const animals = (x, z, r) => animalNear(seed, terrain.landscape, mobs.chunk_spawns, blockAt, x, z, r)
  const spawn = await findSpawnPoint(terrain.landscape, blockAt, animals)
  const wanted = registry.blocksByName[block].id
  const sx = Math.floor(spawn.x / 16)
  const sz = Math.floor(spawn.z / 16)
  let best = null
  for (let ring = 0; ring * 16 <= radius + 16; ring++) {
    for (let cz = sz - ring; cz <= sz + ring; cz++) {
      for (let cx = sx - ring; cx <= sx + ring; cx++) {
        if (Math.max(Math.abs(cx - sx), Math.abs(cz - sz)) !== ring) continue
        const blocks = blocksOf(cx, cz)
        for (let y = MIN_Y; y < Math.min(below, MIN_Y + HEIGHT); y++) {
          for (let z = 0; z < 16; z++) {
            for (let x = 0; x < 16; x++) {
              if (registry.blocksByStateId[blocks[blockIndex(x, y, z)]].id !== wanted) continue
              const at = { x: cx * 16 + x, y, z: cz * 16 + z }
              const d = Math.hypot(at.x - spawn.x, at.z - spawn.z)
              if (d <= radius && (!best || d < best.d) && standNear(blockAt, at)) best = { d, at }
            }
          }
        }
      }
    }
    // a later ring may still hold a nearer block only within one chunk's width
    if (best && best.d <= ring * 16) {
      const biome = registry.biomes[terrain.generate(Math.floor(best.at.x / 16), Math.floor(best.at.z / 16))
        .getBiome({ x: best.at.x & 15, y: best.at.y, z: best.at.z & 15 })].name
      return { seed, spawn, block: { name: block, ...best.at, biome }, stand: standNear(blockAt, best.at), distance: Math.round(best.d) }
    }
  }
  return null
}

// The nearest place within reach of `at` where a player stands.
function standNear (blockAt, at) {
  let best = null
  for (let dy = -REACH; dy <= REACH; dy++) {
    for (let dz = -REACH; dz <= REACH; dz++) {
      for (let dx = -REACH; dx <= REACH; dx++) {
        const x = at.x + dx
        const y = at.y + dy
        const z = at.z + dz
        if ((dx === 0 && dz === 0) || y <= MIN_Y) continue
        const ground = blockAt(x, y - 1, z)
        if (!passable(blockAt(x, y, z)) || !passable(blockAt(x, y + 1, z))) continue
        if (ground.boundingBox !== 'block' || NOT_GROUND.has(ground.name) || ground.name.endsWith('_leaves')) continue
        const d = dx * dx + dy * dy + dz * dz
        if (!best || d < best.d) best = { d, x: x + 0.5, y, z: z + 0.5 }
      }
    }
  }
  return best && { x: best.x, y: best.y, z: best.z }
}

// air or a plant a player walks through
function passable (block) {
  return block.boundingBox === 'empty' && !NOT_GROUND.has(block.name)
}

async function main () {
  const args = parseArgs(process.argv.slice(2))
  const found = await locate(args)
  if (!found) {
    console.error(`no ${args.block} with room to stand by it within ${args.radius} blocks of the spawn of seed ${args.seed}`)
    process.exit(1)
  }
  console.log(JSON.stringify(found))
}

main().catch((err) => { console.error(err.message); process.exit(2) })

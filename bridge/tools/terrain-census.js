// Counts what the terrain generator makes around spawn for some seeds, and
// how long a chunk takes: `node tools/terrain-census.js [radiusChunks] [seeds...]`.
'use strict'

const { createTerrainGenerator } = require('../world/terrain/generator')
const registry = require('prismarine-registry')('1.20.4')

const radius = Number(process.argv[2] ?? 4)
const seeds = process.argv.slice(3).map(Number)
if (seeds.length === 0) seeds.push(1, 2, 3)

for (const seed of seeds) {
  const terrain = createTerrainGenerator(registry, seed)
  const counts = {}
  const biomes = {}
  const start = process.hrtime.bigint()
  let chunks = 0
  for (let cz = -radius; cz < radius; cz++) {
    for (let cx = -radius; cx < radius; cx++) {
      const column = terrain.generate(cx, cz)
      chunks++
      for (const section of column.sections) {
        if (!section.palette) continue
      }
      for (let y = -64; y < 200; y++) {
        for (let z = 0; z < 16; z += 1) {
          for (let x = 0; x < 16; x += 1) {
            const id = column.getBlockStateId({ x, y, z })
            if (id === 0) continue
            const name = registry.blocksByStateId[id].name
            counts[name] = (counts[name] ?? 0) + 1
          }
        }
      }
      for (let x = 0; x < 16; x += 4) {
        for (let z = 0; z < 16; z += 4) {
          const name = registry.biomes[column.getBiome({ x, y: 64, z })].name
          biomes[name] = (biomes[name] ?? 0) + 1
        }
      }
    }
  }
  const genStart = process.hrtime.bigint()
  for (let i = 0; i < 50; i++) terrain.generate(100 + i, 7)
  const msPerChunk = Number(process.hrtime.bigint() - genStart) / 1e6 / 50
  console.log(JSON.stringify({ seed, chunks, msPerChunk: +msPerChunk.toFixed(2), totalMs: Number(genStart - start) / 1e6, biomes, counts }))
}

// The animals a chunk gets when it is first generated (data/mobs.json
// "chunk_spawns"), as vanilla 1.20.4 places them: a group of one kind around
// a point of the chunk, sheep each with its own wool colour. A pure function
// of the seed and the chunk, so the server, the spawn search and the survey
// tools agree. Each candidate still needs grass under it and room above
// (standsThere), which needs the blocks.
'use strict'

const { chunkRandom, Random, hash } = require('./noise')

function chunkAnimals (seed, chunkX, chunkZ, landscape, spawns) {
  const rng = chunkRandom(seed, chunkX, chunkZ, 'mobs')
  if (!rng.chance(spawns.chance_per_chunk)) return []
  const x = chunkX * 16 + rng.int(2, 13)
  const z = chunkZ * 16 + rng.int(2, 13)
  const column = landscape.column(x, z)
  if (column.water !== null || !spawns.biomes.includes(column.biomeName)) return []
  const kind = rng.pick(spawns.kinds)
  const count = rng.int(spawns.group[0], spawns.group[1])
  const animals = []
  for (let i = 0; i < count; i++) {
    const animal = { kind, x: x + rng.int(-2, 2), y: column.height + 1, z: z + rng.int(-2, 2) }
    if (kind === 'sheep') animal.color = new Random(hash(seed, animal.x, animal.z, i)).pick(spawns.sheep_colors)
    animals.push(animal)
  }
  return animals
}

// blockAt(x, y, z) gives a block with name and boundingBox (or a promise of one).
async function standsThere (blockAt, { x, y, z }) {
  return (await blockAt(x, y - 1, z)).name === 'grass_block' && (await blockAt(x, y, z)).boundingBox === 'empty'
}

// Whether an animal of the chunk spawns stands within `radius` blocks of (x, z).
async function animalNear (seed, landscape, spawns, blockAt, x, z, radius) {
  for (let cz = Math.floor((z - radius) / 16); cz <= Math.floor((z + radius) / 16); cz++) {
    for (let cx = Math.floor((x - radius) / 16); cx <= Math.floor((x + radius) / 16); cx++) {
      for (const animal of chunkAnimals(seed, cx, cz, landscape, spawns)) {
        if (Math.hypot(animal.x - x, animal.z - z) <= radius && await standsThere(blockAt, animal)) return true
      }
    }
  }
  return false
}

module.exports = { chunkAnimals, standsThere, animalNear }

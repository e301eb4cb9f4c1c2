// The animals a chunk gets when it is first generated (data/mobs.json
// "chunk_spawns"): a pure function of the seed and the chunk, so the server
// and the survey tools agree. Each candidate still needs grass under it and
// room above, which the caller checks against the blocks.
'use strict'

const { chunkRandom } = require('./noise')

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
    animals.push({ kind, x: x + rng.int(-2, 2), y: column.height + 1, z: z + rng.int(-2, 2) })
  }
  return animals
}

module.exports = { chunkAnimals }

// Generates chunks in two orders and checks they are identical, then reports
// what the area around spawn holds. Prints one JSON line.
'use strict'

const path = require('path')
const bridge = path.resolve(__dirname, '..', '..', '..', '..', 'bridge')
const registry = require(path.join(bridge, 'node_modules', 'prismarine-registry'))('1.20.4')
const { createTerrainGenerator } = require(path.join(bridge, 'world', 'terrain', 'generator'))

const seed = Number(process.argv[2] ?? 1)
const radius = Number(process.argv[3] ?? 3)
const coords = []
for (let z = -radius; z < radius; z++) for (let x = -radius; x < radius; x++) coords.push([x, z])
const forward = createTerrainGenerator(registry, seed)
const backward = createTerrainGenerator(registry, seed)
const a = new Map(coords.map(([x, z]) => [x + ',' + z, forward.generate(x, z).dump().toString('base64')]))
const b = new Map([...coords].reverse().map(([x, z]) => [x + ',' + z, backward.generate(x, z).dump().toString('base64')]))
const identical = coords.every(([x, z]) => a.get(x + ',' + z) === b.get(x + ',' + z))
const counts = {}
for (const [x, z] of coords) {
  const column = forward.generate(x, z)
  for (let y = -64; y < 160; y++) {
    for (let bz = 0; bz < 16; bz++) {
      for (let bx = 0; bx < 16; bx++) {
        const name = registry.blocksByStateId[column.getBlockStateId({ x: bx, y, z: bz })].name
        counts[name] = (counts[name] ?? 0) + 1
      }
    }
  }
}
const other = createTerrainGenerator(registry, seed + 1).generate(0, 0).dump().toString('base64')
console.log(JSON.stringify({ identical, differsBySeed: other !== a.get('0,0'), counts }))

// Block light from lib/light.js on a made-up grid: a torch, a lava block and
// nothing else. Prints one "ok" line per check; exits 1 on the first miss.
'use strict'

const path = require('path')
const bridge = path.resolve(__dirname, '../../../../bridge')
const registry = require(path.join(bridge, 'node_modules/minecraft-data'))('1.20.4')
const { createBlockLight } = require(path.join(bridge, 'world/lib/light'))

const blocks = new Map([
  ['0,64,0', registry.blocksByName.torch.defaultState],
  ['40,20,0', registry.blocksByName.lava.defaultState]
])
const air = registry.blocksByName.air.defaultState
const lightAt = createBlockLight(registry, (x, y, z) => blocks.get(`${x},${y},${z}`) ?? air)

const expected = [
  [[0, 64, 0], 14, 'at the torch'],
  [[1, 64, 0], 13, 'one block from the torch'],
  [[3, 66, -2], 7, 'seven blocks away (Manhattan)'],
  [[13, 65, 0], 0, 'fourteen blocks away'],
  [[40, 21, 0], 14, 'above the lava'],
  [[20, 64, 0], 0, 'between them, far from both']
]
for (const [[x, y, z], light, where] of expected) {
  const got = lightAt(x, y, z)
  if (got !== light) {
    console.log(`FAIL light ${where}: ${got}, expected ${light}`)
    process.exit(1)
  }
  console.log(`ok light ${light} ${where}`)
}
const began = process.hrtime.bigint()
for (let i = 0; i < 100; i++) lightAt(100 + i, 64, 100)
console.log(`ms per dark lookup ${(Number(process.hrtime.bigint() - began) / 1e8).toFixed(3)}`)

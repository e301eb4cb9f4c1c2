// Block light, as far as mob spawning needs it: each torch, lantern or lava
// block lights the blocks around it with its level minus the Manhattan
// distance (vanilla's spread through open air; walls are not subtracted, so a
// torch behind a wall still keeps mobs away, an error on the safe side).
'use strict'

const MAX_LIGHT = 15

// stateIdAt(x, y, z): the block state id there (undefined where not loaded).
function createBlockLight (registry, stateIdAt) {
  const emitted = new Map()
  for (const block of registry.blocksArray) {
    if (block.emitLight <= 0) continue
    for (let state = block.minStateId; state <= block.maxStateId; state++) emitted.set(state, block.emitLight)
  }

  return function blockLightAt (x, y, z) {
    let light = emitted.get(stateIdAt(x, y, z)) ?? 0
    // walk the shells of growing distance; a shell this far cannot beat what is found
    for (let d = 1; d < MAX_LIGHT - light; d++) {
      for (let dx = -d; dx <= d; dx++) {
        const restY = d - Math.abs(dx)
        for (let dy = -restY; dy <= restY; dy++) {
          const restZ = restY - Math.abs(dy)
          for (const dz of restZ === 0 ? [0] : [-restZ, restZ]) {
            const level = emitted.get(stateIdAt(x + dx, y + dy, z + dz))
            if (level !== undefined && level - d > light) light = level - d
          }
        }
      }
    }
    return light
  }
}

module.exports = { createBlockLight }

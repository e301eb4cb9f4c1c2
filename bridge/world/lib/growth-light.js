// The light level plants need to grow (vanilla's raw brightness, which counts
// full sky light day and night): sky light, less what each block above
// filters out (leaves and water 1, opaque blocks all of it), or the light of
// torches and lava nearby, whichever is more.
'use strict'

const { createBlockLight } = require('./light')

const FULL_LIGHT = 15

function createGrowthLight (registry, world, topY) {
  const stateIdAt = (x, y, z) => world.sync.getBlockStateId({ x, y, z })
  const blockLightAt = createBlockLight(registry, (x, y, z) => {
    const pos = { x, y, z }
    return world.sync.getColumnAt(pos) ? world.sync.getBlockStateId(pos) : undefined
  })

  function skyLightAt (x, y, z) {
    let light = FULL_LIGHT
    for (let above = y + 1; above < topY && light > 0; above++) {
      light -= registry.blocksByStateId[stateIdAt(x, above, z)]?.filterLight ?? 0
    }
    return Math.max(0, light)
  }

  return (pos) => {
    const sky = skyLightAt(pos.x, pos.y, pos.z)
    return sky >= FULL_LIGHT ? sky : Math.max(sky, blockLightAt(pos.x, pos.y, pos.z))
  }
}

module.exports = { createGrowthLight }

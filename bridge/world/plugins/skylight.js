// Sky light follows the blocks, the way the terrain generator lays it out:
// full (15) above the highest block of a column and dark (0) under it. When a
// block opens the top of a column, the light falls down it to the next block;
// when one closes it, the air below goes dark down to the next block. Mobs
// read this light (undead burning, spawning, fishing); clients keep the light
// they were sent with the chunk, and light does not spread sideways.
'use strict'

const { Vec3 } = require('vec3')

const MIN_Y = -64
const MAX_Y = 319
const FULL = 15

module.exports.server = function (serv) {
  const { registry } = serv
  const airStates = new Set(['air', 'cave_air', 'void_air'].map((name) => registry.blocksByName[name].defaultState))

  function relight (world, position) {
    const column = world.sync.getColumnAt(position)
    if (!column) return
    const at = new Vec3(position.x & 15, 0, position.z & 15)
    const cell = (y) => { at.y = y; return at }
    if (position.y < MAX_Y && column.getSkyLight(cell(position.y + 1)) < FULL) return
    const isAir = (y) => airStates.has(column.getBlockStateId(cell(y)))
    const light = isAir(position.y) ? FULL : 0
    for (let y = position.y; y >= MIN_Y && (y === position.y || isAir(y)); y--) column.setSkyLight(cell(y), light)
  }

  serv.once('pluginsReady', () => {
    serv.overworld.on('blockUpdate', (oldBlock, newBlock) => {
      if (oldBlock.stateId !== newBlock.stateId) relight(serv.overworld, newBlock.position)
    })
  })
}
